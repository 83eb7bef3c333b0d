/**
 * The scripts family's records: commissioning, testing, release and deployment scripts with every
 * revision of their content, seeded with a few of the scripts MAAS ships.
 *
 * @module
 */

import { revise, type SimRevision } from "../../versioned_text.ts";

/** Script types, as MAAS numbers them. */
export const SCRIPT_TYPES: Readonly<Record<number, string>> = {
  0: "Commissioning script",
  2: "Testing script",
  3: "Release script",
  4: "Deployment script",
};
/** The commissioning script type. */
export const COMMISSIONING = 0;
/** Hardware types, by number. */
export const HARDWARE_TYPES: readonly string[] = [
  "Node",
  "CPU",
  "Memory",
  "Storage",
  "Network",
  "GPU",
];
/** Parallelism, by number. */
export const PARALLEL: readonly string[] = [
  "Disabled",
  "Run along other instances of this script",
  "Run along any other script.",
];

/**
 * A stored script.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * console.log([...sim.state.scripts.all()].filter((s) => s.isDefault).map((s) => s.name));
 * ```
 */
export interface SimScript {
  /** Database id. */
  id: number;
  /** Unique name. */
  name: string;
  /** Title. */
  title: string;
  /** Description. */
  description: string;
  /** Tags (the hardware type's label and `destructive` kept in step). */
  tags: string[];
  /** A key of {@linkcode SCRIPT_TYPES}. */
  type: number;
  /** An index of {@linkcode HARDWARE_TYPES}. */
  hardwareType: number;
  /** An index of {@linkcode PARALLEL}. */
  parallel: number;
  /** Results declared by the script. */
  results: Record<string, unknown>;
  /** Parameters declared by the script. */
  parameters: Record<string, unknown>;
  /** Packages to install. */
  packages: Record<string, unknown>;
  /** Time limit in seconds (0: none). */
  timeout: number;
  /** Overwrites disks. */
  destructive: boolean;
  /** Shipped with MAAS. */
  isDefault: boolean;
  /** Hardware it always runs on. */
  forHardware: string[];
  /** May reboot. */
  mayReboot: boolean;
  /** Built-in commissioning scripts run again after it. */
  recommission: boolean;
  /** Configured networking applied before it runs. */
  applyConfiguredNetworking: boolean;
  /** Revisions of its content, newest (the current one) first. */
  revisions: SimRevision[];
}

/**
 * As MAAS's `Script.save`: the hardware type's label and `destructive` are tags kept in step with
 * the fields.
 *
 * @example
 * ```ts
 * import { normaliseTags, type SimScript } from "./model.ts";
 * const keep = (script: SimScript) => normaliseTags(script);
 * ```
 */
export function normaliseTags(script: SimScript): void {
  const labels = HARDWARE_TYPES.map((name) => name.toLowerCase());
  const tags = script.tags.filter((tag) => !labels.includes(tag) && tag !== "destructive");
  tags.push(labels[script.hardwareType]);
  if (script.destructive) tags.push("destructive");
  script.tags = [...new Set(tags)];
}

/**
 * The scripts section of the state. Revision ids come from `nextRevisionId`, the sequence DHCP
 * snippets share.
 *
 * @example
 * ```ts
 * import { ScriptsSection } from "./model.ts";
 * let last = 0;
 * const scripts = ScriptsSection.seeded(() => ++last, () => ++last);
 * console.log(scripts.find("maas-lshw")?.type); // 0
 * ```
 */
export class ScriptsSection {
  readonly #byId = new Map<number, SimScript>();
  readonly #nextId: () => number;
  /** Hands out revision ids. */
  readonly nextRevisionId: () => number;

  /** An empty section; `nextId` hands out script ids, `nextRevisionId` revision ids. */
  constructor(nextId: () => number, nextRevisionId: () => number) {
    this.#nextId = nextId;
    this.nextRevisionId = nextRevisionId;
  }

  /** A section with two built-in commissioning scripts and a built-in storage test. */
  static seeded(nextId: () => number, nextRevisionId: () => number): ScriptsSection {
    const section = new ScriptsSection(nextId, nextRevisionId);
    const builtIn = (
      fields: Partial<SimScript> & Pick<SimScript, "name" | "description" | "type">,
      content: string,
    ) => {
      const script = section.add({ ...blankScript(), isDefault: true, ...fields });
      revise(script.revisions, content, "Created by maas-3.8.0", nextRevisionId);
      script.revisions[0].created = new Date(Date.now() - 86_400_000);
    };
    builtIn(
      {
        name: "maas-support-info",
        description: "Gather information about the machine to help diagnose problems.",
        type: COMMISSIONING,
        tags: ["commissioning"],
        timeout: 300,
      },
      "#!/bin/bash\n# Collects what support staff usually ask for.\nuname -a\nlsblk\nip addr\n",
    );
    builtIn(
      {
        name: "maas-lshw",
        description: "Report the hardware inventory with lshw.",
        type: COMMISSIONING,
        tags: ["commissioning"],
        timeout: 300,
        packages: { apt: ["lshw"] },
      },
      "#!/bin/bash\nexec lshw -xml\n",
    );
    builtIn(
      {
        name: "smartctl-validate",
        title: "Storage status",
        description: "Validate SMART health for all drives in parallel.",
        type: 2,
        hardwareType: 3,
        parallel: 2,
        tags: ["storage"],
        timeout: 300,
        packages: { apt: ["smartmontools"] },
      },
      '#!/bin/bash\nsmartctl --xall "$storage"\n',
    );
    return section;
  }

  /** The script with this id. */
  get(id: number): SimScript | undefined {
    return this.#byId.get(id);
  }

  /** A script by name, or by id when the text is a number (MAAS's script specifiers). */
  find(nameOrId: string): SimScript | undefined {
    return /^\d+$/.test(nameOrId) ? this.#byId.get(Number(nameOrId)) : this.named(nameOrId);
  }

  /** The script with this name. */
  named(name: string): SimScript | undefined {
    return [...this.#byId.values()].find((script) => script.name === name);
  }

  /** Every script, oldest first. */
  all(): IterableIterator<SimScript> {
    return this.#byId.values();
  }

  /** Adds a script with a new id, its tags kept in step. */
  add(fields: Omit<SimScript, "id">): SimScript {
    const created = { ...fields, id: this.#nextId() };
    normaliseTags(created);
    this.#byId.set(created.id, created);
    return created;
  }

  /** Removes a script. */
  remove(id: number): void {
    this.#byId.delete(id);
  }
}

/**
 * A new script's fields before a form fills them: a testing script for the whole node, alone,
 * without a time limit or content.
 *
 * @example
 * ```ts
 * import { blankScript } from "./model.ts";
 * console.log(blankScript().type); // 2
 * ```
 */
export function blankScript(): Omit<SimScript, "id"> {
  return {
    name: "",
    title: "",
    description: "",
    tags: [],
    type: 2,
    hardwareType: 0,
    parallel: 0,
    results: {},
    parameters: {},
    packages: {},
    timeout: 0,
    destructive: false,
    isDefault: false,
    forHardware: [],
    mayReboot: false,
    recommission: false,
    applyConfiguredNetworking: false,
    revisions: [],
  };
}
