/**
 * Scripts: the commissioning, testing, release and deployment scripts MAAS runs on machines.
 *
 * A script's `timeout` is one of its settings, in seconds (or MAAS's `H:MM:SS`); the time limit
 * of the request itself is the `timeout` of the request options, in milliseconds, given last.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addCheck(client: Client) {
 *   return await client.scripts.create(
 *     { name: "check-ntp", script: "#!/bin/sh\ntimedatectl\n", type: "testing", timeout: 60 },
 *     { timeout: 10_000 },
 *   );
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, defineObject, MaasObject, Namespace, type WireData } from "./base.ts";
import { COMMA_LIST, JSON_OBJECT } from "./codecs.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import {
  type Codec,
  type ExtraParams,
  family,
  type Op,
  op,
  type ParamSpecs,
  pathOf,
} from "./spec.ts";
import { describe } from "./wire.ts";

/** When a script runs. */
export type ScriptType = "commissioning" | "testing" | "release" | "deployment";
/** The hardware a script is for. */
export type HardwareType = "node" | "cpu" | "memory" | "storage" | "network" | "gpu";
/** Whether a script may run alongside others. */
export type ScriptParallel = "disabled" | "instance" | "any";
/** Script content to upload: text (sent as UTF-8), bytes or a file. */
export type ScriptContent = string | Uint8Array | Blob;

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

/**
 * The settings MAAS's script form reads, for `scripts/` and `commissioning-scripts/` alike.
 */
export interface ScriptFormOptions {
  /** Title. */
  title?: string;
  /** What it does. */
  description?: string;
  /** Tags (sent as one comma-separated value). */
  tags?: string | readonly string[];
  /** Hardware it tests (MAAS's default: node), as a word or MAAS's number. */
  hardwareType?: HardwareType | number;
  /** Whether it may run alongside others (MAAS's default: disabled), as a word or a number. */
  parallel?: ScriptParallel | number;
  /** The script's own time limit: seconds, or MAAS's `H:MM:SS` text; 0 is none. */
  timeout?: number | string;
  /** Whether it overwrites disks. */
  destructive?: boolean;
  /** A comment stored with the new content (only with content). */
  comment?: string;
  /** Hardware it always runs on (`modalias:…`, `pci:VVVV:PPPP`, `usb:VVVV:PPPP`…). */
  forHardware?: string | readonly string[];
  /** Whether it may reboot the machine. */
  mayReboot?: boolean;
  /** Whether built-in commissioning scripts run again after it. */
  recommission?: boolean;
  /** Whether the machine's configured networking is applied before it runs. */
  applyConfiguredNetworking?: boolean;
  /**
   * Packages installed before it runs: `{ apt: [...], snap: [...], url: [...] }` (or that object
   * as JSON text).
   */
  packages?: Record<string, unknown> | string;
}

/** What a new script takes. */
export interface CreateScriptOptions extends ScriptFormOptions, ExtraParams {
  /** Unique name (no spaces or quotes, not a number, not `none`). */
  name: string;
  /** The script itself, starting with a `#!` line; sent as a file. */
  script: ScriptContent;
  /** When it runs (MAAS's default: testing), as a word or MAAS's number. */
  type?: ScriptType | number;
}

/** What {@linkcode Script.upload} sends along with new content. */
export interface UploadScriptOptions extends ScriptFormOptions, ExtraParams {
  /** A new name. */
  name?: string;
  /** When it runs, as a word or MAAS's number. */
  type?: ScriptType | number;
}

/** The settings `save()` and `upload()` send. */
interface ScriptChanges extends ScriptFormOptions {
  name?: string;
  type?: ScriptType | number;
  script?: ScriptContent;
}

/** How {@linkcode Scripts.list} filters. */
export interface ListScriptsOptions extends ExtraParams {
  /** Only scripts of this type. */
  type?: ScriptType | number;
  /** Only scripts for this hardware. */
  hardwareType?: HardwareType | number;
  /** Include each revision's content (base64) in `history`. */
  includeScript?: boolean;
  /** Only scripts with one of these names or tags. */
  filters?: string | readonly string[];
}

/** How {@linkcode Scripts.get} and `refresh()` read a script. */
export interface ReadScriptOptions extends ExtraParams {
  /** Include each revision's content (base64) in `history`. */
  includeScript?: boolean;
}

/** Which content {@linkcode Script.download} fetches. */
export interface DownloadScriptOptions extends ExtraParams {
  /** A revision id from {@linkcode Script.history}; the current content otherwise. */
  revision?: number;
}

const SCRIPT_TYPE_NUMBERS: Readonly<Record<ScriptType, number>> = {
  commissioning: 0,
  testing: 2,
  release: 3,
  deployment: 4,
};
const HARDWARE_TYPE_NUMBERS: Readonly<Record<HardwareType, number>> = {
  node: 0,
  cpu: 1,
  memory: 2,
  storage: 3,
  network: 4,
  gpu: 5,
};
const PARALLEL_NUMBERS: Readonly<Record<ScriptParallel, number>> = {
  disabled: 0,
  instance: 1,
  any: 2,
};

/** MAAS reads these settings as a word or as its own number for it: both are sent as given. */
function wordOrNumber(numbers: Readonly<Record<string, number>>): Codec {
  const words = Object.keys(numbers);
  const known = Object.values(numbers);
  return {
    takes: `${words.join(", ")}, or MAAS's number for one (${known.join(", ")})`,
    encode(value: unknown, option: string): ParamValue {
      if (typeof value === "string" && words.includes(value)) return value;
      if (typeof value === "number" && known.includes(value)) return value;
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} must be one of ${words.join(", ")} (or ${
          known.join(", ")
        }), got ${typeof value === "string" ? JSON.stringify(value) : describe(value)}`,
      );
    },
  };
}

const SCRIPT_TYPE = wordOrNumber(SCRIPT_TYPE_NUMBERS);
const HARDWARE_TYPE = wordOrNumber(HARDWARE_TYPE_NUMBERS);
const PARALLEL = wordOrNumber(PARALLEL_NUMBERS);

/** A script's time limit: seconds (sent as the number given, never converted) or MAAS's text. */
const DURATION: Codec = {
  takes: "seconds (a number) or a duration text such as 0:10:00",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
    if (typeof value === "string" && value !== "") return value;
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be a number of seconds or a duration text, got ${
        describe(value)
      }`,
    );
  },
};

const TYPE_WORDS = Object.keys(SCRIPT_TYPE_NUMBERS) as ScriptType[];
const HARDWARE_WORDS = Object.keys(HARDWARE_TYPE_NUMBERS) as HardwareType[];

/**
 * The parameters of MAAS's script form, which `scripts/` and `commissioning-scripts/` share.
 *
 * @example
 * ```ts
 * import { SCRIPT_FORM } from "./scripts.ts";
 * console.log(SCRIPT_FORM.timeout.wire); // timeout
 * ```
 */
export const SCRIPT_FORM: ParamSpecs<ScriptFormOptions> = {
  title: { wire: "title", kind: "string" },
  description: { wire: "description", kind: "string" },
  tags: { wire: "tags", kind: COMMA_LIST },
  hardwareType: { wire: "hardware_type", kind: HARDWARE_TYPE, values: HARDWARE_WORDS },
  parallel: {
    wire: "parallel",
    kind: PARALLEL,
    values: Object.keys(PARALLEL_NUMBERS) as ScriptParallel[],
  },
  timeout: { wire: "timeout", kind: DURATION },
  destructive: { wire: "destructive", kind: "boolean" },
  comment: { wire: "comment", kind: "string" },
  forHardware: { wire: "for_hardware", kind: COMMA_LIST },
  mayReboot: { wire: "may_reboot", kind: "boolean" },
  recommission: { wire: "recommission", kind: "boolean" },
  applyConfiguredNetworking: { wire: "apply_configured_networking", kind: "boolean" },
  packages: { wire: "packages", kind: JSON_OBJECT },
};

/**
 * Why MAAS's script form parameters that no method sends are left out, for `scripts/` and
 * `commissioning-scripts/` alike.
 *
 * @example
 * ```ts
 * import { UNTYPED_SCRIPT_FORM } from "./scripts.ts";
 * console.log(Object.keys(UNTYPED_SCRIPT_FORM)); // ["script_type", "parameters"]
 * ```
 */
export const UNTYPED_SCRIPT_FORM: Readonly<Record<"script_type" | "parameters", string>> = {
  script_type: "the older name of type, which MAAS reads only when type is not sent",
  parameters: "MAAS only checks it; a script's parameters come from the metadata embedded in " +
    "its content",
};

const TYPE = { wire: "type", kind: SCRIPT_TYPE, values: TYPE_WORDS } as const;

/** The scripts family: `scripts/` and `scripts/{name}` (no trailing slash). */
export const SCRIPTS = family({
  name: "scripts",
  handlers: { NodeScriptsHandler: "scripts/", NodeScriptHandler: "scripts/{name}" },
  pathParams: { name: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    title: { wire: "title", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
    tags: { wire: "tags", kind: "strings", writable: true },
    type: { wire: "type", kind: "integer", writable: true },
    typeName: { wire: "type_name", kind: "string" },
    hardwareType: { wire: "hardware_type", kind: "integer", writable: true },
    hardwareTypeName: { wire: "hardware_type_name", kind: "string" },
    parallel: { wire: "parallel", kind: "integer", writable: true },
    parallelName: { wire: "parallel_name", kind: "string" },
    results: { wire: "results", kind: "unknown" },
    parameters: { wire: "parameters", kind: "object" },
    packages: { wire: "packages", kind: "object", writable: true },
    timeout: { wire: "timeout", kind: "string", writable: true },
    destructive: { wire: "destructive", kind: "boolean", writable: true },
    forHardware: { wire: "for_hardware", kind: "strings", writable: true },
    mayReboot: { wire: "may_reboot", kind: "boolean", writable: true },
    recommission: { wire: "recommission", kind: "boolean", writable: true },
    applyConfiguredNetworking: {
      wire: "apply_configured_networking",
      kind: "boolean",
      writable: true,
    },
    isDefault: { wire: "default", kind: "boolean" },
  },
  ops: {
    list: op<ListScriptsOptions>({
      handler: "NodeScriptsHandler",
      method: "GET",
      typed: ["client.scripts.list()"],
      params: {
        type: TYPE,
        hardwareType: { wire: "hardware_type", kind: HARDWARE_TYPE, values: HARDWARE_WORDS },
        includeScript: { wire: "include_script", kind: "boolean" },
        filters: { wire: "filters", kind: COMMA_LIST },
      },
    }),
    create: op<CreateScriptOptions>({
      handler: "NodeScriptsHandler",
      method: "POST",
      typed: ["client.scripts.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        script: { wire: "script", kind: "file", required: true },
        type: TYPE,
        ...SCRIPT_FORM,
      },
    }),
    read: op<ReadScriptOptions>({
      handler: "NodeScriptHandler",
      method: "GET",
      typed: ["client.scripts.get()", "script.refresh()"],
      params: { includeScript: { wire: "include_script", kind: "boolean" } },
    }),
    update: op<ScriptChanges>({
      handler: "NodeScriptHandler",
      method: "PUT",
      typed: ["script.save()", "script.upload()"],
      params: {
        // A rename: the new name goes in the body of the old name's path.
        name: { wire: "name", kind: "string" },
        script: { wire: "script", kind: "file" },
        type: TYPE,
        ...SCRIPT_FORM,
      },
    }),
    delete: op({ handler: "NodeScriptHandler", method: "DELETE", typed: ["script.delete()"] }),
    download: op<DownloadScriptOptions>({
      handler: "NodeScriptHandler",
      method: "GET",
      op: "download",
      typed: ["script.download()", "script.downloadText()"],
      params: { revision: { wire: "revision", kind: "integer" } },
    }),
    addTag: op<{ tag: string }>({
      handler: "NodeScriptHandler",
      method: "POST",
      op: "add_tag",
      typed: ["script.addTag()"],
      params: { tag: { wire: "tag", kind: "string", required: true } },
    }),
    removeTag: op<{ tag: string }>({
      handler: "NodeScriptHandler",
      method: "POST",
      op: "remove_tag",
      typed: ["script.removeTag()"],
      params: { tag: { wire: "tag", kind: "string", required: true } },
    }),
    revert: op<{ to: number }>({
      handler: "NodeScriptHandler",
      method: "POST",
      op: "revert",
      typed: ["script.revert()"],
      params: { to: { wire: "to", kind: "integer", required: true } },
    }),
  },
  untyped: {
    "NodeScriptsHandler POST create script_type": UNTYPED_SCRIPT_FORM.script_type,
    "NodeScriptsHandler POST create parameters": UNTYPED_SCRIPT_FORM.parameters,
    "NodeScriptHandler PUT update script_type": UNTYPED_SCRIPT_FORM.script_type,
    "NodeScriptHandler PUT update parameters": UNTYPED_SCRIPT_FORM.parameters,
    "NodeScriptHandler GET download rev": "the older name of revision, which this method sends",
  },
});

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
  /** When it runs: 0 commissioning, 2 testing, 3 release, 4 deployment (assign a word or one). */
  declare type: number | ScriptType;
  /** The type in words, e.g. `Testing script`. */
  declare readonly typeName: string;
  /** Hardware it tests: 0 node, 1 CPU, 2 memory, 3 storage, 4 network, 5 GPU. */
  declare hardwareType: number | HardwareType;
  /** The hardware type in words. */
  declare readonly hardwareTypeName: string;
  /** Parallelism: 0 alone, 1 along other instances of itself, 2 along any script. */
  declare parallel: number | ScriptParallel;
  /** Parallelism in words. */
  declare readonly parallelName: string;
  /** The results the script reports, from its embedded metadata. */
  declare readonly results: Record<string, unknown> | string[];
  /** The parameters the script takes, from its embedded metadata. */
  declare readonly parameters: Record<string, unknown>;
  /** Packages installed before it runs (`apt`, `snap`, `url`). */
  declare packages: Record<string, unknown>;
  /**
   * Time limit as Python prints a duration (`0:05:00`, `1 day, 2:00:00`); `0:00:00` is none.
   * Writable, as seconds or in that form.
   */
  declare timeout: string | number;
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
    return parseDuration(this.timeout);
  }

  /** Every revision of the content, newest (the current one) first. */
  get history(): ScriptVersion[] {
    const history = this.data.history;
    if (!Array.isArray(history)) return [];
    return history.map((version: WireData) => {
      const result: { id: number; comment: string | null; created: string; data?: string } = {
        id: Number(version.id),
        comment: typeof version.comment === "string" ? version.comment : null,
        created: String(version.created ?? ""),
      };
      if (typeof version.data === "string") result.data = version.data;
      return result;
    });
  }

  /** `scripts/{name}` (MAAS has no trailing slash here), with the name as last saved. */
  get resourcePath(): string {
    return pathOf(SCRIPTS.ops.read.path, this.data);
  }

  /** `Script 5 memtester (testing)`. */
  toString(): string {
    const type = TYPE_WORDS.find((word) => SCRIPT_TYPE_NUMBERS[word] === this.type) ??
      this.typeName;
    return `Script ${this.id} ${this.name} (${type})`;
  }

  /** Reads the script again; `includeScript` adds each revision's content to `history`. */
  override async refresh(params?: ReadScriptOptions, options?: CallOptions): Promise<this> {
    return await super.refresh(params, options);
  }

  /** The content of the current revision, or of `revision`, as bytes. */
  async download(params?: DownloadScriptOptions, options?: CallOptions): Promise<Uint8Array> {
    return await invoke<Uint8Array>(this.client, SCRIPTS.ops.download, {
      path: this.resourcePath,
      params,
      call: options,
      // MAAS sends the content as application/binary, whatever it holds.
      responseType: "bytes",
    });
  }

  /** The content of the current revision, or of `revision`, as UTF-8 text. */
  async downloadText(params?: DownloadScriptOptions, options?: CallOptions): Promise<string> {
    return new TextDecoder().decode(await this.download(params, options));
  }

  /**
   * Stores new content as a new revision, with the settings given in `params` (a `comment` for
   * the revision, a new name…), and takes the server's answer as the new state; changes made to
   * the fields and not saved are dropped.
   */
  async upload(
    content: ScriptContent,
    params?: UploadScriptOptions,
    options?: CallOptions,
  ): Promise<this> {
    return this.replace(
      await invoke(this.client, SCRIPTS.ops.update, {
        path: this.resourcePath,
        params,
        set: { script: content },
        call: options,
      }),
    );
  }

  /** Adds one tag (no commas) and takes the server's answer. */
  async addTag(tag: string, params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.#tagged(SCRIPTS.ops.addTag, tag, params, options);
  }

  /** Removes one tag and takes the server's answer. */
  async removeTag(tag: string, params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.#tagged(SCRIPTS.ops.removeTag, tag, params, options);
  }

  /**
   * Goes back to an earlier content revision: an id from {@linkcode Script.history}, or a negative
   * number of steps back. Newer revisions are dropped. Default scripts cannot be reverted.
   */
  async revert(to: number, params?: ExtraParams, options?: CallOptions): Promise<this> {
    return this.replace(
      await invoke(this.client, SCRIPTS.ops.revert, {
        path: this.resourcePath,
        params,
        set: { to },
        call: options,
      }),
    );
  }

  async #tagged(
    op: Op<unknown>,
    tag: string,
    params: ExtraParams | undefined,
    options: CallOptions | undefined,
  ): Promise<this> {
    return this.replace(
      await invoke(this.client, op, {
        path: this.resourcePath,
        params,
        set: { tag },
        call: options,
      }),
    );
  }
}
defineObject(Script, SCRIPTS.fields, {
  read: SCRIPTS.ops.read,
  update: SCRIPTS.ops.update,
  delete: SCRIPTS.ops.delete,
});

/** Python's `str(timedelta)`: `[-]D day[s], H:MM:SS[.ffffff]`; MAAS may also send seconds. */
function parseDuration(value: unknown): number {
  if (typeof value === "number") return value;
  const match = /^(?:(-?\d+) days?, )?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(String(value));
  if (!match) return Number.NaN;
  return Number(match[1] ?? 0) * 86_400 + Number(match[2]) * 3_600 + Number(match[3]) * 60 +
    Number(match[4]);
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
  async list(params?: ListScriptsOptions, options?: CallOptions): Promise<Script[]> {
    return await listOf(this.context, SCRIPTS.ops.list, Script, "scripts", {
      params,
      call: options,
    });
  }

  /** One script by name or id; a missing one raises `NotFoundError`. */
  async get(
    nameOrId: string | number,
    params?: ReadScriptOptions,
    options?: CallOptions,
  ): Promise<Script> {
    return await oneOf(this.context, SCRIPTS.ops.read, Script, "a script", {
      path: { name: nameOrId },
      params,
      call: options,
    });
  }

  /** Stores a new script (administrators only); the content goes as a file part. */
  async create(params: CreateScriptOptions, options?: CallOptions): Promise<Script> {
    return await oneOf(this.context, SCRIPTS.ops.create, Script, "a script", {
      params,
      call: options,
    });
  }
}
