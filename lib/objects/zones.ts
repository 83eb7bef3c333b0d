/**
 * Availability zones, keyed by name: where machines live, for placement and fault tolerance.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function names(client: Client): Promise<string[]> {
 *   return (await client.zones.list()).map((zone) => zone.name);
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";

/** What a new zone or resource pool takes. */
export interface CreatePlacementOptions extends ExtraParams {
  /** The name (letters, digits, `_`, `-` and spaces; starts with a letter, digit or `_`). */
  name: string;
  /** Free text. */
  description?: string;
}

/** The fields a zone's or pool's `save()` sends. */
interface PlacementChanges {
  name?: string;
  description?: string;
}

/** The zones family: `zones/` and `zones/{name}/`. */
export const ZONES = family({
  name: "zones",
  handlers: { ZonesHandler: "zones/", ZoneHandler: "zones/{name}/" },
  pathParams: { name: "string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
  },
  ops: {
    list: op({ handler: "ZonesHandler", method: "GET", typed: ["client.zones.list()"] }),
    create: op<CreatePlacementOptions>({
      handler: "ZonesHandler",
      method: "POST",
      typed: ["client.zones.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        description: { wire: "description", kind: "string" },
      },
    }),
    read: op({
      handler: "ZoneHandler",
      method: "GET",
      typed: ["client.zones.get()", "zone.refresh()"],
    }),
    update: op<PlacementChanges>({
      handler: "ZoneHandler",
      method: "PUT",
      typed: ["zone.save()"],
      params: {
        // A rename: the new name goes in the body of the old name's path.
        name: { wire: "name", kind: "string" },
        description: { wire: "description", kind: "string" },
      },
    }),
    delete: op({ handler: "ZoneHandler", method: "DELETE", typed: ["zone.delete()"] }),
  },
});

/**
 * An availability zone. Its name is its key: renaming through {@linkcode MaasObject.save} keeps
 * addressing the zone by the name it had until the server has accepted the new one. The zone
 * named `default` always exists and cannot be deleted.
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
    return pathOf(ZONES.ops.read.path, this.data);
  }

  /** `Zone 1 default`. */
  toString(): string {
    return `Zone ${this.id} ${this.data.name}`;
  }
}
defineObject(Zone, ZONES.fields, {
  read: ZONES.ops.read,
  update: ZONES.ops.update,
  delete: ZONES.ops.delete,
});

/**
 * `client.zones`: list, read and create availability zones.
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
  async list(params?: ExtraParams, options?: CallOptions): Promise<Zone[]> {
    return await listOf(this.context, ZONES.ops.list, Zone, "zones", { params, call: options });
  }

  /** One zone by name; a missing one raises `NotFoundError`. */
  async get(name: string, params?: ExtraParams, options?: CallOptions): Promise<Zone> {
    return await oneOf(this.context, ZONES.ops.read, Zone, "a zone", {
      path: { name },
      params,
      call: options,
    });
  }

  /** Creates a zone (administrators only); a taken name is a 400 on `name`. */
  async create(params: CreatePlacementOptions, options?: CallOptions): Promise<Zone> {
    return await oneOf(this.context, ZONES.ops.create, Zone, "a zone", { params, call: options });
  }
}
