/**
 * Fabrics: sets of VLANs that reach each other (`fabrics/`, `fabrics/{id}/`). Every fabric has an
 * untagged default VLAN; `fabric-0` is the default fabric and cannot be deleted.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function show(client: Client) {
 *   for (const fabric of await client.fabrics.list()) {
 *     console.log(String(fabric), fabric.vlans.map((vlan) => vlan.vid));
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
import { Vlan } from "./vlans.ts";

/** What a fabric may be given, new or changed. */
export interface CreateFabricOptions extends ExtraParams {
  /** Name; MAAS names a new fabric `fabric-N` when left out. */
  name?: string;
  /** What the fabric is (MAAS takes it but does not send it back). */
  description?: string;
  /** A class of the fabric's links, such as `10g`. */
  classType?: string;
}

const SETTINGS: ParamSpecs<CreateFabricOptions> = {
  name: { wire: "name", kind: "string" },
  description: { wire: "description", kind: "string" },
  classType: { wire: "class_type", kind: "string" },
};

/** The fabrics family as MAAS's API has it: `fabrics/` and `fabrics/{id}/`. */
export const FABRICS = family({
  name: "fabrics",
  handlers: { FabricsHandler: "fabrics/", FabricHandler: "fabrics/{id}/" },
  pathParams: { id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    classType: { wire: "class_type", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
  },
  ops: {
    list: op({ handler: "FabricsHandler", method: "GET", typed: ["client.fabrics.list()"] }),
    create: op<CreateFabricOptions>({
      handler: "FabricsHandler",
      method: "POST",
      typed: ["client.fabrics.create()"],
      params: SETTINGS,
    }),
    read: op({
      handler: "FabricHandler",
      method: "GET",
      typed: ["client.fabrics.get()", "fabric.refresh()"],
    }),
    update: op<CreateFabricOptions>({
      handler: "FabricHandler",
      method: "PUT",
      typed: ["fabric.save()"],
      params: SETTINGS,
    }),
    delete: op({ handler: "FabricHandler", method: "DELETE", typed: ["fabric.delete()"] }),
  },
});

/**
 * A fabric, with its VLANs as MAAS sends them. Change `name`, `classType` or `description` and
 * `save()`.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function rename(client: Client) {
 *   const fabric = await client.fabrics.get(1);
 *   fabric.name = "storage";
 *   await fabric.save();
 * }
 * ```
 */
export class Fabric extends MaasObject {
  /** Fabric id. */
  declare readonly id: number;
  /** Name (`fabric-N` unless renamed). */
  declare name: string;
  /** Class type (free text such as `10g`), or null. */
  declare classType: string | null;
  /** Description; MAAS takes it on create and update but does not send it back. */
  declare description: string | undefined;

  /** The VLANs of the fabric, as sent with it (no request). */
  get vlans(): Vlan[] {
    return nestedList(this.client, this.get("vlans"), Vlan);
  }

  /** The fabric's default VLAN (its oldest, untagged), if sent. */
  get defaultVlan(): Vlan | undefined {
    let found: Vlan | undefined;
    for (const vlan of this.vlans) if (!found || vlan.id < found.id) found = vlan;
    return found;
  }

  /** `fabrics/{id}/`. */
  get resourcePath(): string {
    return pathOf(FABRICS.ops.read.path, this.data);
  }

  /** `Fabric 0 fabric-0`. */
  toString(): string {
    return `Fabric ${this.id} ${this.name}`;
  }
}
defineObject(Fabric, FABRICS.fields, {
  read: FABRICS.ops.read,
  update: FABRICS.ops.update,
  delete: FABRICS.ops.delete,
});

/**
 * `client.fabrics`: list, read and create fabrics.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function make(client: Client) {
 *   const fabric = await client.fabrics.create({ name: "storage", classType: "10g" });
 *   console.log(String(fabric), String(fabric.defaultVlan));
 * }
 * ```
 */
export class Fabrics extends Namespace {
  /** Every fabric, each with its VLANs. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<Fabric[]> {
    return await listOf(this.context, FABRICS.ops.list, Fabric, "fabrics", {
      params,
      call: options,
    });
  }

  /** One fabric by id or name; a missing one raises `NotFoundError`. */
  async get(id: SpecifierRef, params?: ExtraParams, options?: CallOptions): Promise<Fabric> {
    return await oneOf(this.context, FABRICS.ops.read, Fabric, "a fabric", {
      path: { id: SPECIFIER.encode(id, "id") },
      params,
      call: options,
    });
  }

  /** Creates a fabric (administrators only); MAAS gives it an untagged VLAN. */
  async create(params: CreateFabricOptions = {}, options?: CallOptions): Promise<Fabric> {
    return await oneOf(this.context, FABRICS.ops.create, Fabric, "a fabric", {
      params,
      call: options,
    });
  }
}
