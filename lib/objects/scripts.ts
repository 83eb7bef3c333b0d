/**
 * Scripts: the commissioning, testing, release and deployment scripts MAAS runs on machines.
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { Params } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  defineFields,
  describe,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";

import { choice, listOrText, optional, record, revision, wrap } from "./checks.ts";

const SCRIPT_TYPES = ["commissioning", "testing", "release", "deployment"] as const;
const SCRIPT_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: "commissioning",
  2: "testing",
  3: "release",
  4: "deployment",
};
const HARDWARE_TYPES = ["node", "cpu", "memory", "storage", "network", "gpu"] as const;
const PARALLEL = ["disabled", "instance", "any"] as const;

/** One revision of a script's content. */
export interface ScriptVersion {
  /** Revision id, usable with {@linkcode Script.revert} and {@linkcode Script.download}. */
  readonly id: number;
  /** The comment given with that revision, or null. */
  readonly comment: string | null;
  /** When it was made, as MAAS sends it (RFC 2822 text). */
  readonly created: string;
  /** The content, base64-encoded, when the script was read with `includeScript`. */
  readonly data?: string;
}

/** Script content to upload: text, bytes or a file. */
export type ScriptContent = string | Uint8Array | Blob;

/**
 * A commissioning, testing, release or deployment script stored in MAAS. Scripts shipped with
 * MAAS (`isDefault`) can only have their tags and timeout changed.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function lengthen(client: Client) {
 *   const script = await client.scripts.get("stress-ng-cpu-short");
 *   script.timeout = "0:10:00";
 *   await script.save();
 *   await script.addTag("burn-in");
 * }
 * ```
 */
export class Script extends MaasObject {
  /** Script id (MAAS also accepts it in place of the name). */
  declare readonly id: number;
  /** Unique name (the key in paths); writable. */
  declare name: string;
  /** Title shown in the UI. */
  declare title: string;
  /** What the script does. */
  declare description: string;
  /**
   * Tags (MAAS adds the hardware type and `destructive` itself); change them with `addTag` and
   * `removeTag`, or assign a new list.
   */
  declare tags: string[];
  /** When it runs: 0 commissioning, 2 testing, 3 release, 4 deployment. */
  declare type: number;
  /** The type in words, e.g. `Testing script`. */
  declare readonly typeName: string;
  /** Hardware it tests: 0 node, 1 CPU, 2 memory, 3 storage, 4 network, 5 GPU. */
  declare hardwareType: number;
  /** The hardware type in words. */
  declare readonly hardwareTypeName: string;
  /** Parallelism: 0 alone, 1 along other instances of itself, 2 along any script. */
  declare parallel: number;
  /** Parallelism in words. */
  declare readonly parallelName: string;
  /** The results the script reports, from its embedded metadata. */
  declare readonly results: Record<string, unknown> | string[];
  /** The parameters the script takes, from its embedded metadata. */
  declare readonly parameters: Record<string, unknown>;
  /** Packages installed before it runs (`apt`, `snap`, `url`). */
  declare readonly packages: Record<string, unknown>;
  /**
   * Time limit as Python prints a duration (`0:05:00`, `1 day, 2:00:00`); `0:00:00` is none.
   * Writable, as seconds or in that form.
   */
  declare timeout: string;
  /** Whether it overwrites disks (not run on deployed machines). */
  declare destructive: boolean;
  /** Hardware it always runs on (`modalias:…`, `pci:…`, `usb:…`). */
  declare forHardware: string[];
  /** Whether it may reboot the machine. */
  declare mayReboot: boolean;
  /** Whether built-in commissioning scripts run again after it (commissioning scripts). */
  declare recommission: boolean;
  /** Whether the machine's configured networking is applied before it runs. */
  declare applyConfiguredNetworking: boolean;
  /** Whether it was shipped with MAAS. */
  declare readonly isDefault: boolean;

  /** The time limit in seconds (0: none). */
  get timeoutSeconds(): number {
    return parseDuration(this.get("timeout"));
  }

  /** Every revision of the content, newest (the current one) first. */
  get history(): ScriptVersion[] {
    const history = this.data.history;
    return Array.isArray(history)
      ? history.map((item) => {
        const version = record(item);
        const result: { id: number; comment: string | null; created: string; data?: string } = {
          id: Number(version.id),
          comment: typeof version.comment === "string" ? version.comment : null,
          created: String(version.created ?? ""),
        };
        if (typeof version.data === "string") result.data = version.data;
        return result;
      })
      : [];
  }

  /** `scripts/{name}` (MAAS has no trailing slash here), with the name as last saved. */
  get resourcePath(): string {
    return apiPath`scripts/${this.data.name}`;
  }

  /** `Script 5 memtester (testing)`. */
  toString(): string {
    const type = SCRIPT_TYPE_NAMES[Number(this.data.type)] ?? String(this.data.type_name ?? "");
    return `Script ${this.data.id} ${this.data.name} (${type})`;
  }

  /** The content of the current revision, or of `revision`, as bytes. */
  async download(options: CallOptions & { revision?: number } = {}): Promise<Uint8Array> {
    const { revision: rev, ...call } = optionsOf(options);
    const data = await this.call<unknown>(
      "GET",
      "download",
      { revision: rev === undefined ? undefined : revision(rev, "revision") },
      call,
    );
    if (typeof data === "string") return new TextEncoder().encode(data);
    if (data instanceof Uint8Array) return data;
    return new TextEncoder().encode(data === undefined ? "" : JSON.stringify(data));
  }

  /** The content of the current revision, or of `revision`, as UTF-8 text. */
  async downloadText(options: CallOptions & { revision?: number } = {}): Promise<string> {
    return new TextDecoder().decode(await this.download(options));
  }

  /**
   * Stores new content as a new revision, with an optional comment, and takes the server's answer
   * as the new state (unsaved field changes are sent along).
   */
  async upload(
    content: ScriptContent,
    options: CallOptions & { comment?: string } = {},
  ): Promise<this> {
    const { comment, ...call } = optionsOf(options);
    const params: Record<string, Params[string]> = {
      ...this.saveParams(this.changes as WireData),
      script: scriptFile(content),
      comment: optional(comment, "comment", "string"),
    };
    return this.replace(await this.call("PUT", null, params, call));
  }

  /** Adds one tag (no commas) and takes the server's answer. */
  async addTag(tag: string, options?: CallOptions): Promise<this> {
    return await this.op("POST", "add_tag", { tag: tagParam(tag) }, options);
  }

  /** Removes one tag and takes the server's answer. */
  async removeTag(tag: string, options?: CallOptions): Promise<this> {
    return await this.op("POST", "remove_tag", { tag: tagParam(tag) }, options);
  }

  /**
   * Goes back to an earlier content revision: an id from {@linkcode Script.history}, or a negative
   * number of steps back. Newer revisions are dropped. Default scripts cannot be reverted.
   */
  async revert(to: number, options?: CallOptions): Promise<this> {
    return await this.op("POST", "revert", { to: revision(to, "to") }, options);
  }

  /** Lists go as MAAS's comma-separated text. */
  protected override saveParams(changes: WireData): Params {
    const params: Record<string, Params[string]> = { ...changes as Params };
    if ("tags" in changes) params.tags = listOrText(changes.tags, "tags") ?? "";
    if ("for_hardware" in changes) {
      params.for_hardware = listOrText(changes.for_hardware, "forHardware") ?? "";
    }
    return params;
  }
}
defineFields(Script, {
  id: "id",
  name: { wire: "name", writable: true },
  title: { wire: "title", writable: true },
  description: { wire: "description", writable: true },
  tags: { wire: "tags", writable: true },
  type: { wire: "type", writable: true },
  typeName: "type_name",
  hardwareType: { wire: "hardware_type", writable: true },
  hardwareTypeName: "hardware_type_name",
  parallel: { wire: "parallel", writable: true },
  parallelName: "parallel_name",
  results: "results",
  parameters: "parameters",
  packages: "packages",
  timeout: { wire: "timeout", writable: true },
  destructive: { wire: "destructive", writable: true },
  forHardware: { wire: "for_hardware", writable: true },
  mayReboot: { wire: "may_reboot", writable: true },
  recommission: { wire: "recommission", writable: true },
  applyConfiguredNetworking: { wire: "apply_configured_networking", writable: true },
  isDefault: "default",
});

function tagParam(tag: unknown): string {
  required(tag as string, "tag", "string");
  if ((tag as string).includes(",")) {
    throw new ParameterError('Parameter "tag" may not contain a ","');
  }
  return tag as string;
}

function scriptFile(content: unknown): Blob {
  if (typeof content === "string") return new Blob([content]);
  if (content instanceof Uint8Array) return new Blob([content as Uint8Array<ArrayBuffer>]);
  if (content instanceof Blob) return content;
  throw new ParameterError(
    `Parameter "script" must be text, bytes or a Blob, got ${describe(content)}`,
  );
}

/** Python's `str(timedelta)`: `[-]D day[s], H:MM:SS[.ffffff]`; MAAS may also send seconds. */
function parseDuration(value: unknown): number {
  if (typeof value === "number") return value;
  const match = /^(?:(-?\d+) days?, )?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(String(value));
  if (!match) return Number.NaN;
  return Number(match[1] ?? 0) * 86_400 + Number(match[2]) * 3_600 + Number(match[3]) * 60 +
    Number(match[4]);
}

/** How {@linkcode Scripts.list} filters. */
export interface ListScriptsOptions extends CallOptions {
  /** Only scripts of this type. */
  type?: "commissioning" | "testing" | "release" | "deployment";
  /** Only scripts for this hardware. */
  hardwareType?: "node" | "cpu" | "memory" | "storage" | "network" | "gpu";
  /** Include each revision's content (base64) in `history`. */
  includeScript?: boolean;
  /** Only scripts with one of these names or tags. */
  filters?: string | string[];
}

/** What a new script takes. */
export interface CreateScriptOptions extends CallOptions {
  /** Unique name (no spaces or quotes, not a number, not `none`). Required. */
  name: string;
  /** The script itself, starting with a `#!` line; sent as a file. Required. */
  script: ScriptContent;
  /** Title. */
  title?: string;
  /** What it does. */
  description?: string;
  /** Tags. */
  tags?: string[];
  /** When it runs (MAAS's default: testing). */
  type?: "commissioning" | "testing" | "release" | "deployment";
  /** Hardware it tests (MAAS's default: node). */
  hardwareType?: "node" | "cpu" | "memory" | "storage" | "network" | "gpu";
  /** Whether it may run alongside others (MAAS's default: disabled). */
  parallel?: "disabled" | "instance" | "any";
  /** Time limit in seconds (0: none). */
  timeout?: number;
  /** Whether it overwrites disks. */
  destructive?: boolean;
  /** A comment stored with this first revision. */
  comment?: string;
  /** Hardware it always runs on (`modalias:…`, `pci:VVVV:PPPP`, `usb:VVVV:PPPP`). */
  forHardware?: string[];
  /** Whether it may reboot the machine. */
  mayReboot?: boolean;
  /** Whether built-in commissioning scripts run again after it. */
  recommission?: boolean;
  /** Whether configured networking is applied before it runs. */
  applyConfiguredNetworking?: boolean;
}

/**
 * `client.scripts`: the scripts MAAS runs while commissioning, testing, releasing or deploying.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addCheck(client: Client) {
 *   return await client.scripts.create({
 *     name: "check-ntp",
 *     script: "#!/bin/sh\ntimedatectl show -p NTPSynchronized\n",
 *     type: "testing",
 *     hardwareType: "node",
 *     timeout: 60,
 *   });
 * }
 * ```
 */
export class Scripts extends Namespace {
  /** Every stored script, or those that match the filters. */
  async list(options: ListScriptsOptions = {}): Promise<Script[]> {
    const { type, hardwareType, includeScript, filters, ...call } = optionsOf(options);
    const data = await this.context.call("GET", "scripts/", {
      params: {
        type: choice(type, "type", SCRIPT_TYPES),
        hardware_type: choice(hardwareType, "hardwareType", HARDWARE_TYPES),
        include_script: optional(includeScript, "includeScript", "boolean"),
        filters: listOrText(filters, "filters"),
      },
      ...call,
    });
    return wrap(data, "scripts", (item) => new Script(this.context, item));
  }

  /** One script by name or id; a missing one raises `NotFoundError`. */
  async get(
    nameOrId: string | number,
    options: CallOptions & { includeScript?: boolean } = {},
  ): Promise<Script> {
    if (typeof nameOrId !== "string" && typeof nameOrId !== "number") {
      throw new ParameterError(
        `Parameter "name" must be a script name or id, got ${describe(nameOrId)}`,
      );
    }
    const { includeScript, ...call } = optionsOf(options);
    const data = await this.context.call("GET", apiPath`scripts/${nameOrId}`, {
      params: { include_script: optional(includeScript, "includeScript", "boolean") },
      ...call,
    });
    return new Script(this.context, expectObject(data, "a script"));
  }

  /** Stores a new script (administrators only); the content goes as a file part. */
  async create(options: CreateScriptOptions): Promise<Script> {
    const {
      name,
      script,
      title,
      description,
      tags,
      type,
      hardwareType,
      parallel,
      timeout,
      destructive,
      comment,
      forHardware,
      mayReboot,
      recommission,
      applyConfiguredNetworking,
      ...call
    } = optionsOf(options);
    required(name, "name", "string");
    if (script === undefined || script === null || script === "") {
      throw new ParameterError('Missing required parameter "script"');
    }
    const data = await this.context.call("POST", "scripts/", {
      params: {
        name,
        title: optional(title, "title", "string"),
        description: optional(description, "description", "string"),
        tags: listOrText(tags, "tags"),
        type: choice(type, "type", SCRIPT_TYPES),
        hardware_type: choice(hardwareType, "hardwareType", HARDWARE_TYPES),
        parallel: choice(parallel, "parallel", PARALLEL),
        timeout: optional(timeout, "timeout", "number"),
        destructive: optional(destructive, "destructive", "boolean"),
        comment: optional(comment, "comment", "string"),
        for_hardware: listOrText(forHardware, "forHardware"),
        may_reboot: optional(mayReboot, "mayReboot", "boolean"),
        recommission: optional(recommission, "recommission", "boolean"),
        apply_configured_networking: optional(
          applyConfiguredNetworking,
          "applyConfiguredNetworking",
          "boolean",
        ),
        script: scriptFile(script),
      },
      ...call,
    });
    return new Script(this.context, expectObject(data, "a script"));
  }
}
