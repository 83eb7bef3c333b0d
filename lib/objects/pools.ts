/**
 * Resource pools, keyed by id: sets of machines that users can be given access to.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function poolNames(client: Client): Promise<string[]> {
 *   return (await client.resourcePools.list()).map((pool) => pool.name);
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";
import type { CreatePlacementOptions } from "./zones.ts";

/** The fields a pool's `save()` sends. */
interface PoolChanges {
  name?: string;
  description?: string;
}

/** The resource pools family: `resourcepools/` and `resourcepool/{id}/` (singular, as MAAS has it). */
export const RESOURCE_POOLS = family({
  name: "resourcePools",
  handlers: { ResourcePoolsHandler: "resourcepools/", ResourcePoolHandler: "resourcepool/{id}/" },
  pathParams: { id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
  },
  ops: {
    list: op({
      handler: "ResourcePoolsHandler",
      method: "GET",
      typed: ["client.resourcePools.list()"],
    }),
    create: op<CreatePlacementOptions>({
      handler: "ResourcePoolsHandler",
      method: "POST",
      typed: ["client.resourcePools.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        description: { wire: "description", kind: "string" },
      },
    }),
    read: op({
      handler: "ResourcePoolHandler",
      method: "GET",
      typed: ["client.resourcePools.get()", "resourcePool.refresh()"],
    }),
    update: op<PoolChanges>({
      handler: "ResourcePoolHandler",
      method: "PUT",
      typed: ["resourcePool.save()"],
      params: {
        name: { wire: "name", kind: "string" },
        description: { wire: "description", kind: "string" },
      },
    }),
    delete: op({
      handler: "ResourcePoolHandler",
      method: "DELETE",
      typed: ["resourcePool.delete()"],
    }),
  },
});

/**
 * A resource pool: a set of machines that users can be given access to. Pool 0, `default`, always
 * exists and cannot be deleted; a pool that still has machines cannot be deleted either.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function describePool(client: Client, id: number, text: string) {
 *   const pool = await client.resourcePools.get(id);
 *   pool.description = text;
 *   return await pool.save();
 * }
 * ```
 */
export class ResourcePool extends MaasObject {
  /** Pool id (0 is the default pool). */
  declare readonly id: number;
  /** Pool name; writable. */
  declare name: string;
  /** Free text; writable. */
  declare description: string;

  /** `resourcepool/{id}/` (singular, as MAAS spells it). */
  get resourcePath(): string {
    return pathOf(RESOURCE_POOLS.ops.read.path, this.data);
  }

  /** `ResourcePool 0 default`. */
  toString(): string {
    return `ResourcePool ${this.id} ${this.data.name}`;
  }
}
defineObject(ResourcePool, RESOURCE_POOLS.fields, {
  read: RESOURCE_POOLS.ops.read,
  update: RESOURCE_POOLS.ops.update,
  delete: RESOURCE_POOLS.ops.delete,
});

/**
 * `client.resourcePools`: list, read and create resource pools.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function ensurePool(client: Client, name: string) {
 *   const pools = await client.resourcePools.list();
 *   return pools.find((pool) => pool.name === name) ??
 *     await client.resourcePools.create({ name });
 * }
 * ```
 */
export class ResourcePools extends Namespace {
  /** Every resource pool the user may see. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<ResourcePool[]> {
    return await listOf(this.context, RESOURCE_POOLS.ops.list, ResourcePool, "resource pools", {
      params,
      call: options,
    });
  }

  /** One pool by id, or by name (MAAS accepts either in the path). */
  async get(
    idOrName: number | string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<ResourcePool> {
    return await oneOf(this.context, RESOURCE_POOLS.ops.read, ResourcePool, "a resource pool", {
      path: { id: idOrName },
      params,
      call: options,
    });
  }

  /** Creates a pool; a taken name is a 400 on `name`. */
  async create(params: CreatePlacementOptions, options?: CallOptions): Promise<ResourcePool> {
    return await oneOf(this.context, RESOURCE_POOLS.ops.create, ResourcePool, "a resource pool", {
      params,
      call: options,
    });
  }
}
