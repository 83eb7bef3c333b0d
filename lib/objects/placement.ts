/**
 * Where machines live: availability zones (keyed by name) and resource pools (keyed by id).
 *
 * @module
 */

import {
  apiPath,
  type CallOptions,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  required,
} from "./base.ts";
import { ParameterError } from "../errors.ts";

/**
 * An availability zone. Its name is its key: renaming through {@linkcode MaasObject.save} keeps
 * addressing the zone by the name it had until the server has accepted the new one.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function rename(client: Client) {
 *   const zone = await client.zones.get("rack-1");
 *   zone.name = "rack-01";
 *   await zone.save(); // PUT zones/rack-1/ name=rack-01
 * }
 * ```
 */
export class Zone extends MaasObject {
  /** Zone id. */
  declare readonly id: number;
  /** Zone name (the key in paths); writable, sent by `save()`. */
  declare name: string;
  /** Free text; writable. */
  declare description: string;

  /** `zones/{name}/`, with the name as last saved. */
  get resourcePath(): string {
    return apiPath`zones/${this.data.name}/`;
  }

  /** `Zone 1 default`. */
  toString(): string {
    return `Zone ${this.id} ${this.data.name}`;
  }
}
defineFields(Zone, {
  id: "id",
  name: { wire: "name", writable: true },
  description: { wire: "description", writable: true },
});

/** What a new zone or resource pool takes. */
export interface CreatePlacementOptions extends CallOptions {
  /** The name (letters, digits, `_`, `-` and spaces; starts with a letter, digit or `_`). */
  name: string;
  /** Free text. */
  description?: string;
}

/**
 * `client.zones`: list, read and create availability zones. The zone named `default` always exists
 * and cannot be deleted.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function names(client: Client): Promise<string[]> {
 *   return (await client.zones.list()).map((zone) => zone.name);
 * }
 * ```
 */
export class Zones extends Namespace {
  /** Every zone, sorted by name. */
  async list(options?: CallOptions): Promise<Zone[]> {
    const data = await this.context.call("GET", "zones/", options);
    return expectList(data, "zones").map((item) => new Zone(this.context, item));
  }

  /** One zone by name; a missing one raises `NotFoundError`. */
  async get(name: string, options?: CallOptions): Promise<Zone> {
    required(name, "name", "string");
    const data = await this.context.call("GET", apiPath`zones/${name}/`, options);
    return new Zone(this.context, expectObject(data, "a zone"));
  }

  /** Creates a zone (administrators only); a taken name is a 400 on `name`. */
  async create(options: CreatePlacementOptions): Promise<Zone> {
    const { name, description, ...call } = (options ?? {}) as CreatePlacementOptions;
    required(name, "name", "string");
    const data = await this.context.call("POST", "zones/", {
      params: { name, description: optionalText(description, "description") },
      ...call,
    });
    return new Zone(this.context, expectObject(data, "a zone"));
  }
}

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
    return apiPath`resourcepool/${this.id}/`;
  }

  /** `ResourcePool 0 default`. */
  toString(): string {
    return `ResourcePool ${this.id} ${this.data.name}`;
  }
}
defineFields(ResourcePool, {
  id: "id",
  name: { wire: "name", writable: true },
  description: { wire: "description", writable: true },
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
  async list(options?: CallOptions): Promise<ResourcePool[]> {
    const data = await this.context.call("GET", "resourcepools/", options);
    return expectList(data, "resource pools").map((item) => new ResourcePool(this.context, item));
  }

  /** One pool by id, or by name (MAAS accepts either in the path). */
  async get(idOrName: number | string, options?: CallOptions): Promise<ResourcePool> {
    if (typeof idOrName !== "number" && typeof idOrName !== "string") {
      throw new ParameterError(
        `Parameter "id" must be a number or a name, got ${describe(idOrName)}`,
      );
    }
    const data = await this.context.call("GET", apiPath`resourcepool/${idOrName}/`, options);
    return new ResourcePool(this.context, expectObject(data, "a resource pool"));
  }

  /** Creates a pool; a taken name is a 400 on `name`. */
  async create(options: CreatePlacementOptions): Promise<ResourcePool> {
    const { name, description, ...call } = (options ?? {}) as CreatePlacementOptions;
    required(name, "name", "string");
    const data = await this.context.call("POST", "resourcepools/", {
      params: { name, description: optionalText(description, "description") },
      ...call,
    });
    return new ResourcePool(this.context, expectObject(data, "a resource pool"));
  }
}

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a string, got ${describe(value)}`,
    );
  }
  return value;
}
