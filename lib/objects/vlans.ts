/**
 * VLANs: the VLANs of a fabric (`fabrics/{fabric_id}/vlans/`), each addressed by its fabric and
 * tag (`fabrics/{fabric_id}/vlans/{vid}/`). A fabric's oldest VLAN, untagged, is its default one.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function storage(client: Client) {
 *   const vlan = await client.vlans.create(0, { vid: 100, name: "storage", mtu: 9000 });
 *   vlan.description = "iSCSI";
 *   await vlan.save();
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace, nested } from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import {
  OBJECT_ID,
  SPECIFIER,
  type SpecifierRef,
  SYSTEM_ID,
  type SystemIdRef,
} from "./network_codecs.ts";
import { type ExtraParams, family, op, type ParamSpecs, pathOf } from "./spec.ts";

export type { SpecifierRef, SystemIdRef };

/** What a VLAN may be given, new or changed. */
export interface VlanSettings extends ExtraParams {
  /** Name. */
  name?: string;
  /** What the VLAN is for. */
  description?: string;
  /** MTU, 552 to 65535 (1500 by default). */
  mtu?: number;
  /** The space the VLAN is in (a space, its id or name). */
  space?: SpecifierRef;
  /** Serve DHCP on the VLAN (needs a primary rack controller and a dynamic range), or stop. */
  dhcpOn?: boolean;
  /** The rack controller serving DHCP (a node or its system id). */
  primaryRack?: SystemIdRef;
  /** The standby rack controller. */
  secondaryRack?: SystemIdRef;
  /** The VLAN whose DHCP this one relays to (a VLAN or its id). */
  relayVlan?: Vlan | number;
  /** The fabric (or its id or name) to make the VLAN on, or to move it to. */
  fabric?: SpecifierRef;
}

/** What a new VLAN takes. */
export interface CreateVlanOptions extends VlanSettings {
  /** The 802.1Q tag, 0 to 4094 (unique on the fabric). */
  vid: number;
}

/** What {@linkcode Vlan.update} takes: what changes, a fabric to move the VLAN to included. */
export interface UpdateVlanOptions extends VlanSettings {
  /** A new tag. */
  vid?: number;
}

const SETTINGS: ParamSpecs<VlanSettings> = {
  name: { wire: "name", kind: "string" },
  description: { wire: "description", kind: "string" },
  mtu: { wire: "mtu", kind: "integer" },
  space: { wire: "space", kind: SPECIFIER },
  dhcpOn: { wire: "dhcp_on", kind: "boolean" },
  primaryRack: { wire: "primary_rack", kind: SYSTEM_ID },
  secondaryRack: { wire: "secondary_rack", kind: SYSTEM_ID },
  relayVlan: { wire: "relay_vlan", kind: OBJECT_ID },
  fabric: { wire: "fabric", kind: SPECIFIER },
};

/**
 * The VLANs family as MAAS's API has it: `fabrics/{fabric_id}/vlans/` and
 * `fabrics/{fabric_id}/vlans/{vid}/`.
 */
export const VLANS = family({
  name: "vlans",
  handlers: {
    VlansHandler: "fabrics/{fabric_id}/vlans/",
    VlanHandler: "fabrics/{fabric_id}/vlans/{vid}/",
  },
  pathParams: { fabric_id: "integer or string", vid: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    vid: { wire: "vid", kind: "integer", writable: true },
    fabric: { wire: "fabric", kind: "string" },
    fabricId: { wire: "fabric_id", kind: "integer" },
    mtu: { wire: "mtu", kind: "integer", writable: true },
    dhcpOn: { wire: "dhcp_on", kind: "boolean", writable: true },
    externalDhcp: { wire: "external_dhcp", kind: "string" },
    primaryRack: { wire: "primary_rack", kind: "string", writable: true },
    secondaryRack: { wire: "secondary_rack", kind: "string", writable: true },
    space: { wire: "space", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
  },
  ops: {
    list: op({ handler: "VlansHandler", method: "GET", typed: ["client.vlans.list()"] }),
    create: op<CreateVlanOptions>({
      handler: "VlansHandler",
      method: "POST",
      typed: ["client.vlans.create()"],
      params: { vid: { wire: "vid", kind: "integer", required: true }, ...SETTINGS },
    }),
    read: op({
      handler: "VlanHandler",
      method: "GET",
      typed: ["client.vlans.get()", "vlan.refresh()"],
    }),
    update: op<UpdateVlanOptions>({
      handler: "VlanHandler",
      method: "PUT",
      typed: ["vlan.save()", "vlan.update()"],
      // A new tag goes in the body of the old tag's path.
      params: { vid: { wire: "vid", kind: "integer" }, ...SETTINGS },
    }),
    delete: op({ handler: "VlanHandler", method: "DELETE", typed: ["vlan.delete()"] }),
  },
});

/**
 * A VLAN of a fabric, addressed by its fabric and tag. Change its fields and `save()`; a new `vid`
 * retags it (the old tag addresses the change).
 *
 * @example
 * ```ts
 * import type { Vlan } from "@libmaas/client";
 * async function serveDhcp(vlan: Vlan, rack: string) {
 *   vlan.primaryRack = rack;
 *   vlan.dhcpOn = true;
 *   await vlan.save();
 * }
 * ```
 */
export class Vlan extends MaasObject {
  /** Database id of the VLAN (what subnets and interfaces refer to). */
  declare readonly id: number;
  /** Name (`untagged` for a fabric's default VLAN). */
  declare name: string | null;
  /** The 802.1Q tag, 0 for untagged; writable (retags the VLAN). */
  declare vid: number;
  /** Name of the fabric. */
  declare readonly fabric: string;
  /** Id of the fabric. */
  declare readonly fabricId: number;
  /** MTU of the VLAN. */
  declare mtu: number;
  /** Whether MAAS serves DHCP on the VLAN (needs a primary rack and a dynamic range). */
  declare dhcpOn: boolean;
  /** An external DHCP server MAAS saw on the VLAN, or null. */
  declare readonly externalDhcp: string | null;
  /** System id of the rack controller serving DHCP, or null (set null to clear). */
  declare primaryRack: string | null;
  /** System id of the standby rack controller, or null. */
  declare secondaryRack: string | null;
  /** Name of the VLAN's space, `undefined` when it has none; set a space name, or null to clear. */
  declare space: string | null;
  /** Description; MAAS takes it but does not send it back. */
  declare description: string | undefined;

  /** The VLAN whose DHCP this VLAN relays to, or null; set another (or null) and `save()`. */
  get relayVlan(): Vlan | null {
    return nested(this.client, this.get("relay_vlan"), Vlan);
  }
  set relayVlan(value: Vlan | null) {
    this.set("relay_vlan", value);
  }

  /** `fabrics/{fabric_id}/vlans/{vid}/`, from the server's state (not unsaved changes). */
  get resourcePath(): string {
    return pathOf(VLANS.ops.read.path, this.data);
  }

  /** `Vlan 5002 fabric-0.100 storage` (fabric name and tag, and the name when it has one). */
  toString(): string {
    const name = this.name && this.name !== String(this.vid) ? ` ${this.name}` : "";
    return `Vlan ${this.id} ${this.fabric}.${this.vid}${name}`;
  }

  /**
   * Changes the VLAN on the server and takes its answer: the options given, including those
   * that are no field of a VLAN (`fabric`, to move it to another fabric).
   */
  async update(params: UpdateVlanOptions, options?: CallOptions): Promise<this> {
    return this.replace(
      await invoke(this.client, VLANS.ops.update, {
        path: this.resourcePath,
        params,
        call: options,
      }),
    );
  }
}
defineObject(Vlan, VLANS.fields, {
  read: VLANS.ops.read,
  update: VLANS.ops.update,
  delete: VLANS.ops.delete,
});

/**
 * `client.vlans`: the VLANs of a fabric, the fabric given as a fabric, its id or its name.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function tags(client: Client): Promise<number[]> {
 *   return (await client.vlans.list(0)).map((vlan) => vlan.vid);
 * }
 * ```
 */
export class Vlans extends Namespace {
  /** The VLANs of `fabric`. */
  async list(fabric: SpecifierRef, params?: ExtraParams, options?: CallOptions): Promise<Vlan[]> {
    return await listOf(this.context, VLANS.ops.list, Vlan, "VLANs", {
      path: { fabric_id: SPECIFIER.encode(fabric, "fabric") },
      params,
      call: options,
    });
  }

  /** The VLAN tagged `vid` on `fabric`; a missing one raises `NotFoundError`. */
  async get(
    fabric: SpecifierRef,
    vid: number,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<Vlan> {
    return await oneOf(this.context, VLANS.ops.read, Vlan, "a VLAN", {
      path: { fabric_id: SPECIFIER.encode(fabric, "fabric"), vid },
      params,
      call: options,
    });
  }

  /** Creates a VLAN on `fabric` (administrators only). */
  async create(
    fabric: SpecifierRef,
    params: CreateVlanOptions,
    options?: CallOptions,
  ): Promise<Vlan> {
    return await oneOf(this.context, VLANS.ops.create, Vlan, "a VLAN", {
      path: { fabric_id: SPECIFIER.encode(fabric, "fabric") },
      params,
      call: options,
    });
  }
}
