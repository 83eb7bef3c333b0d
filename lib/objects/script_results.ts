/**
 * Script results: what the scripts MAAS ran on a node (commissioning, testing, installation,
 * release) reported, grouped by run — `nodes/{system_id}/results/` and
 * `nodes/{system_id}/results/{id}/`, with each run's output and a download of it.
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function failedTests(machine: Machine): Promise<string[]> {
 *   const run = await machine.results.get("current-testing");
 *   return run.results.filter((result) => result.status === 3).map((result) => result.name);
 * }
 * ```
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, defineObject, MaasObject, type WireData } from "./base.ts";
import { invoke } from "./engine.ts";
import { NodeScoped, type NodeScopedOps } from "./node_scoped.ts";
import { type Codec, type ExtraParams, family, op, pathOf } from "./spec.ts";
import { describe } from "./wire.ts";

/** The kinds of script run: MAAS's result types. */
export type ScriptRunType = "commissioning" | "testing" | "installation" | "release";

/** The hardware a script tests. */
export type ScriptHardwareType = "node" | "cpu" | "memory" | "storage" | "network" | "gpu";

/** A run named by MAAS's words for the latest run of a kind. */
export type CurrentScriptRun =
  | "current-commissioning"
  | "current-testing"
  | "current-installation";

/** What the reads of script runs take. */
export interface ScriptRunReadOptions extends ExtraParams {
  /** Only the results of scripts for this hardware. */
  hardwareType?: ScriptHardwareType;
  /** Include each result's output (base64 on the wire; bytes on {@linkcode ScriptResult}). */
  includeOutput?: boolean;
  /** Only the results of these scripts: names, tags or ids. */
  filters?: string | readonly string[];
}

/** What {@linkcode NodeScriptResults.list} takes. */
export interface ScriptRunListOptions extends ScriptRunReadOptions {
  /** Only runs of this kind. */
  type?: ScriptRunType;
}

/** What {@linkcode ScriptSet.update} takes. */
export interface ScriptRunUpdateOptions extends ScriptRunReadOptions {
  /** Suppress (or, with false, show again) the failures of the selected results. */
  suppressed?: boolean;
}

/** Which output {@linkcode ScriptSet.download} gets. */
export type ScriptOutput = "combined" | "stdout" | "stderr" | "result" | "all";

/** What {@linkcode ScriptSet.download} takes. */
export interface ScriptRunDownloadOptions extends ExtraParams {
  /** Which output (default `combined`; `all` gives every kind). */
  output?: ScriptOutput;
  /** `txt` (default) or `tar.xz`. */
  filetype?: "txt" | "tar.xz";
  /** Only the output of these scripts: names, tags or ids. */
  filters?: string | readonly string[];
  /** Only the output of scripts for this hardware. */
  hardwareType?: ScriptHardwareType;
}

// MAAS reads `filters` as one comma-separated text.
const FILTERS: Codec = {
  takes: "script names, tags or ids (one or a list)",
  encode(value: unknown, option: string): ParamValue {
    const list: readonly unknown[] = Array.isArray(value) ? value : [value];
    if (list.some((item) => typeof item !== "string" || item === "")) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes script names, tags or ids, got ${
          describe(value)
        }`,
      );
    }
    return list.join(",");
  },
};

const HARDWARE_TYPES: readonly ScriptHardwareType[] = [
  "node",
  "cpu",
  "memory",
  "storage",
  "network",
  "gpu",
];

const READ_PARAMS = {
  hardwareType: { wire: "hardware_type", kind: "string", values: HARDWARE_TYPES },
  includeOutput: { wire: "include_output", kind: "boolean" },
  filters: { wire: "filters", kind: FILTERS },
} as const;

/**
 * The script results family: `nodes/{system_id}/results/` and
 * `nodes/{system_id}/results/{id}/`.
 *
 * @example
 * ```ts
 * import { SCRIPT_RESULTS } from "./script_results.ts";
 * console.log(SCRIPT_RESULTS.ops.download.op); // download
 * ```
 */
export const SCRIPT_RESULTS = family({
  name: "scriptResults",
  handlers: {
    NodeScriptResultsHandler: "nodes/{system_id}/results/",
    NodeScriptResultHandler: "nodes/{system_id}/results/{id}/",
  },
  pathParams: { system_id: "string", id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    systemId: { wire: "system_id", kind: "string" },
    type: { wire: "type", kind: "integer" },
    typeName: { wire: "type_name", kind: "string" },
    lastPing: { wire: "last_ping", kind: "string" },
    status: { wire: "status", kind: "integer" },
    statusName: { wire: "status_name", kind: "string" },
    started: { wire: "started", kind: "string" },
    ended: { wire: "ended", kind: "string" },
    runtime: { wire: "runtime", kind: "string" },
    suppressed: { wire: "suppressed", kind: "boolean" },
  },
  ops: {
    list: op<ScriptRunListOptions>({
      handler: "NodeScriptResultsHandler",
      method: "GET",
      typed: ["node.results.list()"],
      params: {
        ...READ_PARAMS,
        type: {
          wire: "type",
          kind: "string",
          values: ["commissioning", "testing", "installation", "release"],
        },
      },
    }),
    read: op<ScriptRunReadOptions>({
      handler: "NodeScriptResultHandler",
      method: "GET",
      typed: ["node.results.get()", "scriptSet.refresh()"],
      params: READ_PARAMS,
    }),
    update: op<ScriptRunUpdateOptions>({
      handler: "NodeScriptResultHandler",
      method: "PUT",
      typed: ["scriptSet.update()"],
      params: { ...READ_PARAMS, suppressed: { wire: "suppressed", kind: "boolean" } },
    }),
    delete: op({
      handler: "NodeScriptResultHandler",
      method: "DELETE",
      typed: ["scriptSet.delete()"],
    }),
    download: op<ScriptRunDownloadOptions>({
      handler: "NodeScriptResultHandler",
      method: "GET",
      op: "download",
      typed: ["scriptSet.download()", "scriptSet.downloadText()"],
      params: {
        output: {
          wire: "output",
          kind: "string",
          values: ["combined", "stdout", "stderr", "result", "all"],
        },
        filetype: { wire: "filetype", kind: "string", values: ["txt", "tar.xz"] },
        filters: { wire: "filters", kind: FILTERS },
        hardwareType: { wire: "hardware_type", kind: "string", values: HARDWARE_TYPES },
      },
    }),
  },
});

/** One script's result within a run. */
export interface ScriptResult {
  /** The result's id. */
  readonly id: number;
  /** The script's name, such as `smartctl-validate`. */
  readonly name: string;
  /** Script status number (2 passed, 3 failed, 4 timed out, 9 skipped…). */
  readonly status: number;
  /** Script status name, such as `Passed`. */
  readonly statusName: string;
  /** The script's exit status, or `null` while it has none. */
  readonly exitStatus: number | null;
  /** When it started, as MAAS wrote it. */
  readonly started: string | null;
  /** When it ended, as MAAS wrote it. */
  readonly ended: string | null;
  /** How long it ran (`0:00:42`). */
  readonly runtime: string;
  /** Whether its failure is suppressed. */
  readonly suppressed: boolean;
  /** The parameters it ran with. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Its combined output, when read with `includeOutput` (else `null`). */
  readonly output: Uint8Array | null;
  /** Its standard output, when read with `includeOutput`. */
  readonly stdout: Uint8Array | null;
  /** Its standard error, when read with `includeOutput`. */
  readonly stderr: Uint8Array | null;
  /** The result file it wrote (YAML), when read with `includeOutput`. */
  readonly result: Uint8Array | null;
  /** The result as MAAS sent it. */
  readonly data: Readonly<WireData>;
}

function fromBase64(value: unknown): Uint8Array | null {
  if (typeof value !== "string") return null;
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * One run of scripts on a node (a commissioning, a test run…) and its results.
 *
 * @example
 * ```ts
 * import type { ScriptSet } from "@libmaas/client";
 * async function log(run: ScriptSet): Promise<string> {
 *   return await run.downloadText({ output: "combined" });
 * }
 * ```
 */
export class ScriptSet extends MaasObject {
  /** The run's id. */
  declare readonly id: number;
  /** The node's system id. */
  declare readonly systemId: string;
  /** MAAS's result type number (0 commissioning, 1 installation, 2 testing, 3 release). */
  declare readonly type: number;
  /** The kind of run, such as `commissioning`. */
  declare readonly typeName: string;
  /** When the node last reported. */
  declare readonly lastPing: string | null;
  /** The run's status number. */
  declare readonly status: number;
  /** The run's status name, such as `Passed`. */
  declare readonly statusName: string;
  /** When the run started. */
  declare readonly started: string | null;
  /** When the run ended. */
  declare readonly ended: string | null;
  /** How long it ran. */
  declare readonly runtime: string;
  /** Whether every failure of the run is suppressed. */
  declare readonly suppressed: boolean;

  /** `nodes/{system_id}/results/{id}/`. */
  get resourcePath(): string {
    return pathOf(SCRIPT_RESULTS.ops.read.path, this.data);
  }

  /** `ScriptSet 12 commissioning Passed`. */
  toString(): string {
    return `ScriptSet ${this.id} ${this.typeName} ${this.statusName}`;
  }

  /** The results of the run's scripts (their output only when read with `includeOutput`). */
  get results(): ScriptResult[] {
    const list = this.get("results");
    return (Array.isArray(list) ? list as WireData[] : []).map((data) => ({
      id: data.id as number,
      name: data.name as string,
      status: data.status as number,
      statusName: data.status_name as string,
      exitStatus: (data.exit_status as number | null | undefined) ?? null,
      started: (data.started as string | null | undefined) ?? null,
      ended: (data.ended as string | null | undefined) ?? null,
      runtime: (data.runtime as string | undefined) ?? "",
      suppressed: data.suppressed === true,
      parameters: (data.parameters as Record<string, unknown> | undefined) ?? {},
      output: fromBase64(data.output),
      stdout: fromBase64(data.stdout),
      stderr: fromBase64(data.stderr),
      result: fromBase64(data.result),
      data,
    }));
  }

  /** Reads the run again (with its output when `includeOutput`). */
  override async refresh(params?: ScriptRunReadOptions, options?: CallOptions): Promise<this> {
    return await super.refresh(params, options);
  }

  /**
   * Suppresses (or shows again) the failures of the selected results (administrators only), and
   * takes the run as MAAS answers it.
   */
  async update(params?: ScriptRunUpdateOptions, options?: CallOptions): Promise<this> {
    return this.replace(
      await invoke(this.client, SCRIPT_RESULTS.ops.update, {
        path: this.resourcePath,
        params,
        call: options,
      }),
    );
  }

  /** The run's output as bytes: text, or a `tar.xz` archive with `filetype: "tar.xz"`. */
  async download(params?: ScriptRunDownloadOptions, options?: CallOptions): Promise<Uint8Array> {
    const answer = await invoke(this.client, SCRIPT_RESULTS.ops.download, {
      path: this.resourcePath,
      params,
      call: options,
      responseType: "bytes",
    });
    if (!(answer instanceof Uint8Array)) {
      throw new ProtocolError(`Expected the run's output as bytes, got ${describe(answer)}`);
    }
    return answer;
  }

  /** The run's output as text (UTF-8). */
  async downloadText(
    params?: Omit<ScriptRunDownloadOptions, "filetype">,
    options?: CallOptions,
  ): Promise<string> {
    return new TextDecoder().decode(await this.download(params, options));
  }
}
defineObject(ScriptSet, SCRIPT_RESULTS.fields, {
  read: SCRIPT_RESULTS.ops.read,
  delete: SCRIPT_RESULTS.ops.delete,
});

/**
 * The script runs of one node: `node.results`.
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function runs(machine: Machine) {
 *   for (const run of await machine.results.list({ type: "testing" })) console.log(String(run));
 * }
 * ```
 */
export class NodeScriptResults extends NodeScoped<
  ScriptSet,
  ScriptRunListOptions,
  ScriptRunReadOptions,
  number | CurrentScriptRun
> {
  /** The script results family's ops: a run is read by id, or as the latest of a kind. */
  protected readonly ops: NodeScopedOps<ScriptSet> = {
    list: SCRIPT_RESULTS.ops.list,
    read: SCRIPT_RESULTS.ops.read,
    wraps: ScriptSet,
    what: "script runs",
  };
}
