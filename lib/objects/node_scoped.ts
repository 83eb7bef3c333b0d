/**
 * What the collections under one node share (`nodes/{system_id}/results/`,
 * `nodes/{system_id}/devices/`…): the node's system id in their path, a filtered list and a read
 * of one member, run by the family's ops.
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function count(machine: Machine): Promise<number> {
 *   return (await machine.nodeDevices.list()).length;
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, type ClientContext, Namespace, type Wrapper } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import type { ExtraParams, Op } from "./spec.ts";

/** What a collection under a node lists and reads with, from its family's description. */
export interface NodeScopedOps<T> {
  /** `GET` the collection, filtered. */
  readonly list: Op<unknown>;
  /** `GET` one member by `{id}`. */
  readonly read: Op<unknown>;
  /** The class of the members. */
  readonly wraps: Wrapper<T>;
  /** What the members are, in words, for errors about the answers' shape. */
  readonly what: string;
}

/**
 * A collection under one node: `F` is what its list filters on, `R` what a read of one member
 * takes, `I` what names one member in its path.
 *
 * @example
 * ```ts
 * import type { NodeScoped } from "@libmaas/client";
 * async function first<T>(collection: NodeScoped<T, never, never, number>): Promise<T | undefined> {
 *   return (await collection.list())[0];
 * }
 * ```
 */
export abstract class NodeScoped<
  T,
  F extends ExtraParams,
  R extends ExtraParams,
  I extends number | string,
> extends Namespace {
  /** The node's system id. */
  readonly systemId: string;
  /** The family's ops and class. */
  protected abstract readonly ops: NodeScopedOps<T>;

  /** The collection under the node `systemId`. */
  constructor(context: ClientContext, systemId: string) {
    super(context);
    this.systemId = systemId;
  }

  /** The members that match the filters. */
  async list(params?: F, options?: CallOptions): Promise<T[]> {
    return await listOf(this.context, this.ops.list, this.ops.wraps, this.ops.what, {
      path: { system_id: this.systemId },
      params,
      call: options,
    });
  }

  /** One member; a missing one raises `NotFoundError`. */
  async get(id: I, params?: R, options?: CallOptions): Promise<T> {
    return await oneOf(this.context, this.ops.read, this.ops.wraps, this.ops.what, {
      path: { system_id: this.systemId, id },
      params,
      call: options,
    });
  }
}
