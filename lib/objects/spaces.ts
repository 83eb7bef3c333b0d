/**
 * Spaces (`spaces/`, `spaces/{id}/`): VLANs, and so their subnets, grouped by purpose. VLANs
 * without a space are in MAAS's pseudo-space `undefined` (id -1), listed while such VLANs exist
 * and never changed.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function show(client: Client) {
 *   for (const space of await client.spaces.list()) {
 *     console.log(space.name, space.subnets.map((subnet) => subnet.cidr));
 *   }
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace, nestedList } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { SPECIFIER, type SpecifierRef } from "./network_codecs.ts";
import { type ExtraParams, family, op, type ParamSpecs, pathOf } from "./spec.ts";
import { Subnet } from "./subnets.ts";
import { Vlan } from "./vlans.ts";

/** What a space may be given, new or changed. */
export interface CreateSpaceOptions extends ExtraParams {
  /** Name; MAAS names a new space `space-N` when left out. */
  name?: string;
  /** What the space is for. */
  description?: string;
}

const SETTINGS: ParamSpecs<CreateSpaceOptions> = {
  name: { wire: "name", kind: "string" },
  description: { wire: "description", kind: "string" },
};

/** The spaces family as MAAS's API has it: `spaces/` and `spaces/{id}/`. */
export const SPACES = family({
  name: "spaces",
  handlers: { SpacesHandler: "spaces/", SpaceHandler: "spaces/{id}/" },
  pathParams: { id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
  },
  ops: {
    list: op({ handler: "SpacesHandler", method: "GET", typed: ["client.spaces.list()"] }),
    create: op<CreateSpaceOptions>({
      handler: "SpacesHandler",
      method: "POST",
      typed: ["client.spaces.create()"],
      params: SETTINGS,
    }),
    read: op({
      handler: "SpaceHandler",
      method: "GET",
      typed: ["client.spaces.get()", "space.refresh()"],
    }),
    update: op<CreateSpaceOptions>({
      handler: "SpaceHandler",
      method: "PUT",
      typed: ["space.save()"],
      params: SETTINGS,
    }),
    delete: op({ handler: "SpaceHandler", method: "DELETE", typed: ["space.delete()"] }),
  },
});

/**
 * A space, with its VLANs and subnets as MAAS sends them. Change `name` or `description` and
 * `save()`.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function rename(client: Client) {
 *   const space = await client.spaces.get("storage");
 *   space.name = "san";
 *   await space.save();
 * }
 * ```
 */
export class Space extends MaasObject {
  /** Space id (-1 for `undefined`). */
  declare readonly id: number;
  /** Name. */
  declare name: string;
  /** Description (MAAS 3.7 and later send it). */
  declare description: string;

  /** The VLANs in the space, as sent with it. */
  get vlans(): Vlan[] {
    return nestedList(this.client, this.get("vlans"), Vlan);
  }

  /** The subnets in the space, as sent with it. */
  get subnets(): Subnet[] {
    return nestedList(this.client, this.get("subnets"), Subnet);
  }

  /** `spaces/{id}/`. */
  get resourcePath(): string {
    return pathOf(SPACES.ops.read.path, this.data);
  }

  /** `Space 1 storage`. */
  toString(): string {
    return `Space ${this.id} ${this.name}`;
  }
}
defineObject(Space, SPACES.fields, {
  read: SPACES.ops.read,
  update: SPACES.ops.update,
  delete: SPACES.ops.delete,
});

/**
 * `client.spaces`: list, read and create spaces.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function make(client: Client) {
 *   return await client.spaces.create({ name: "storage", description: "iSCSI" });
 * }
 * ```
 */
export class Spaces extends Namespace {
  /** Every space, with `undefined` while VLANs without a space exist. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<Space[]> {
    return await listOf(this.context, SPACES.ops.list, Space, "spaces", {
      params,
      call: options,
    });
  }

  /** One space by id or name; a missing one raises `NotFoundError`. */
  async get(id: SpecifierRef, params?: ExtraParams, options?: CallOptions): Promise<Space> {
    return await oneOf(this.context, SPACES.ops.read, Space, "a space", {
      path: { id: SPECIFIER.encode(id, "id") },
      params,
      call: options,
    });
  }

  /** Creates a space (administrators only). */
  async create(params: CreateSpaceOptions = {}, options?: CallOptions): Promise<Space> {
    return await oneOf(this.context, SPACES.ops.create, Space, "a space", {
      params,
      call: options,
    });
  }
}
