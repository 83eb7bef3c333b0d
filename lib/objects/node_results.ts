/**
 * Node results: the results of the scripts nodes ran, across nodes, as MAAS's older API gives
 * them — `installation-results/` (also reachable as `commissioning-results/`). Per node and per
 * run, `node.results` gives more.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function lshw(client: Client, systemId: string) {
 *   const [result] = await client.nodeResults.list({ systemId, name: "00-maas-01-lshw" });
 *   return result ? new TextDecoder().decode(result.data) : null;
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, Namespace, type WireData } from "./base.ts";
import { SYSTEM_IDS } from "./codecs.ts";
import { invoke } from "./engine.ts";
import type { OneOrMore, SystemIdOrNode } from "./node_params.ts";
import { type Codec, type ExtraParams, family, op } from "./spec.ts";
import { describe, expectList } from "./wire.ts";

/** The kinds of result: MAAS's result types. */
export type NodeResultType = "commissioning" | "installation" | "testing";

const RESULT_TYPES: Readonly<Record<NodeResultType, number>> = {
  commissioning: 0,
  installation: 1,
  testing: 2,
};

// MAAS reads the result type as its number.
const RESULT_TYPE: Codec = {
  takes: "commissioning, installation or testing",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value === "string" && Object.hasOwn(RESULT_TYPES, value)) {
      return RESULT_TYPES[value as NodeResultType];
    }
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be commissioning, installation or testing, got ${
        JSON.stringify(value) ?? describe(value)
      }`,
    );
  },
};

/** What {@linkcode NodeResults.list} filters on. */
export interface NodeResultFilters extends ExtraParams {
  /** Only the results of these nodes. */
  systemId?: OneOrMore<SystemIdOrNode>;
  /** Only the results of these scripts, by name. */
  name?: OneOrMore<string>;
  /** Only results of this kind. */
  resultType?: NodeResultType;
}

/**
 * The node results family: `installation-results/`.
 *
 * @example
 * ```ts
 * import { NODE_RESULTS } from "./node_results.ts";
 * console.log(NODE_RESULTS.ops.list.path); // installation-results/
 * ```
 */
export const NODE_RESULTS = family({
  name: "nodeResults",
  handlers: { NodeResultsHandler: "installation-results/" },
  ops: {
    list: op<NodeResultFilters>({
      handler: "NodeResultsHandler",
      method: "GET",
      typed: ["client.nodeResults.list()"],
      params: {
        systemId: { wire: "system_id", kind: SYSTEM_IDS },
        name: { wire: "name", kind: "strings" },
        resultType: { wire: "result_type", kind: RESULT_TYPE, values: ["commissioning"] },
      },
    }),
  },
});

/** One script's result, as `installation-results/` gives it. */
export interface NodeResult {
  /** The script's name. */
  readonly name: string;
  /** The system id of the node it ran on. */
  readonly systemId: string;
  /** The kind of result (a number in MAAS's `result_type`). */
  readonly resultType: NodeResultType | number;
  /** The script's exit status (`script_result`). */
  readonly scriptResult: number | null;
  /** What the script wrote to standard output. */
  readonly data: Uint8Array;
  /** When it was made, as MAAS wrote it. */
  readonly created: string;
  /** When it last changed, as MAAS wrote it. */
  readonly updated: string;
  /** The result as MAAS sent it. */
  readonly wire: Readonly<WireData>;
}

const TYPE_NAMES = Object.fromEntries(
  Object.entries(RESULT_TYPES).map(([name, number]) => [number, name]),
) as Record<number, NodeResultType>;

function toResult(data: WireData): NodeResult {
  const node = data.node as WireData | string | null | undefined;
  const text = typeof data.data === "string" ? atob(data.data) : "";
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return {
    name: data.name as string,
    systemId: typeof node === "string" ? node : (node?.system_id as string),
    resultType: TYPE_NAMES[data.result_type as number] ?? data.result_type as number,
    scriptResult: (data.script_result as number | null | undefined) ?? null,
    data: bytes,
    created: data.created as string,
    updated: data.updated as string,
    wire: data,
  };
}

/**
 * `client.nodeResults`: script results across nodes, filtered by node, script name and kind.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function failed(client: Client) {
 *   const results = await client.nodeResults.list({ resultType: "testing" });
 *   return results.filter((result) => result.scriptResult !== 0).map((result) => result.name);
 * }
 * ```
 */
export class NodeResults extends Namespace {
  /** The results that match the filters. */
  async list(params?: NodeResultFilters, options?: CallOptions): Promise<NodeResult[]> {
    const answer = await invoke(this.context, NODE_RESULTS.ops.list, { params, call: options });
    return expectList(answer, "node results").map(toResult);
  }
}
