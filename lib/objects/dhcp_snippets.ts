/**
 * DHCP snippets: pieces of ISC DHCP configuration MAAS adds globally, per subnet or per node.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function globalSnippets(client: Client): Promise<string[]> {
 *   return (await client.dhcpSnippets.list()).filter((s) => s.globalSnippet).map((s) => s.name);
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, defineObject, MaasObject, Namespace, type WireData } from "./base.ts";
import { type NodeRef, SYSTEM_IDS } from "./codecs.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import { type Codec, type ExtraParams, family, op, pathOf } from "./spec.ts";
import { describe } from "./wire.ts";

/** One earlier (or the current) value of a DHCP snippet. */
export interface DHCPSnippetVersion {
  /** Revision id, usable with {@linkcode DHCPSnippet.revert}. */
  readonly id: number;
  /** The snippet text of that revision. */
  readonly value: string;
  /** When it was made, as MAAS sends it (RFC 2822 text). */
  readonly created: string;
}

/** The node a DHCP snippet applies to, as MAAS sends it inside the snippet. */
export interface DHCPSnippetNode {
  /** The node's system id. */
  readonly systemId: string;
  /** The node's hostname. */
  readonly hostname: string;
  /** The whole node object as MAAS sent it. */
  readonly data: WireData;
}

/** The subnet a DHCP snippet applies to, as MAAS sends it inside the snippet. */
export interface DHCPSnippetSubnet {
  /** Subnet id. */
  readonly id: number;
  /** Subnet name. */
  readonly name: string;
  /** The subnet's CIDR. */
  readonly cidr: string;
  /** The whole subnet object as MAAS sent it. */
  readonly data: WireData;
}

/** A node given by system id, or by an object that has one. */
export type DHCPSnippetNodeRef = NodeRef;

/** A subnet given by id, CIDR or specifier (`name:…`), or by an object that has an id. */
export type DHCPSnippetSubnetRef = number | string | MaasObject | { readonly id: number };

/** An IP range given by id, or by an object that has one. */
export type DHCPSnippetIPRangeRef = number | MaasObject | { readonly id: number };

/** A DHCP snippet's settings, as `create` and `save()` send them. */
export interface DHCPSnippetSettings {
  /** Name. */
  name?: string;
  /** The dhcpd configuration text; each new value is kept as a revision. */
  value?: string;
  /** Free text. */
  description?: string;
  /** Whether MAAS uses it (MAAS's default: true). */
  enabled?: boolean;
  /** The node it applies to (instead of a subnet). */
  node?: DHCPSnippetNodeRef;
  /** The subnet it applies to (instead of a node). */
  subnet?: DHCPSnippetSubnetRef;
  /** An IP range of `subnet` it applies to (MAAS 3.0 and later). */
  iprange?: DHCPSnippetIPRangeRef;
  /** Apply it to everything: unlinks the node and the subnet. */
  globalSnippet?: boolean;
}

/** What a new DHCP snippet takes. Give at most one of `node`, `subnet` and `globalSnippet`. */
export interface CreateDHCPSnippetOptions extends DHCPSnippetSettings, ExtraParams {
  /** Name. */
  name: string;
  /** The dhcpd configuration text. */
  value: string;
}

/** The id of an object, or the id itself. */
function idOf(value: unknown): number | undefined {
  const id = value instanceof MaasObject
    ? value.get("id")
    : value && typeof value === "object"
    ? (value as { id?: unknown }).id
    : value;
  return Number.isSafeInteger(id) ? id as number : undefined;
}

/** A subnet as MAAS's snippet form reads one: an id, a CIDR or a specifier. */
const SUBNET_REF: Codec = {
  takes: "a subnet id, CIDR or specifier, or an object with an id",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value === "string" && value !== "") return value;
    const id = idOf(value);
    if (id !== undefined) return id;
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be a subnet id, CIDR or specifier, or an object ` +
        `with an id, got ${describe(value)}`,
    );
  },
};

/** An IP range by id. */
const ID_REF: Codec = {
  takes: "an id, or an object with one",
  encode(value: unknown, option: string): ParamValue {
    const id = idOf(value);
    if (id !== undefined) return id;
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be an id or an object with one, got ${
        describe(value)
      }`,
    );
  },
};

const SINCE_3_0 = ["3.0", "3.7", "3.8", "master"] as const;

const FIELD_PARAMS = {
  description: { wire: "description", kind: "string" },
  enabled: { wire: "enabled", kind: "boolean" },
  node: { wire: "node", kind: SYSTEM_IDS },
  subnet: { wire: "subnet", kind: SUBNET_REF },
  iprange: { wire: "iprange", kind: ID_REF, lines: SINCE_3_0 },
  globalSnippet: { wire: "global_snippet", kind: "boolean" },
} as const;

/** The DHCP snippets family: `dhcp-snippets/` and `dhcp-snippets/{id}/`. */
export const DHCP_SNIPPETS = family({
  name: "dhcpSnippets",
  handlers: { DHCPSnippetsHandler: "dhcp-snippets/", DHCPSnippetHandler: "dhcp-snippets/{id}/" },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    value: { wire: "value", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
    enabled: { wire: "enabled", kind: "boolean", writable: true },
    globalSnippet: { wire: "global_snippet", kind: "boolean", writable: true },
  },
  ops: {
    list: op({
      handler: "DHCPSnippetsHandler",
      method: "GET",
      typed: ["client.dhcpSnippets.list()"],
    }),
    create: op<CreateDHCPSnippetOptions>({
      handler: "DHCPSnippetsHandler",
      method: "POST",
      typed: ["client.dhcpSnippets.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        value: { wire: "value", kind: "string", required: true },
        ...FIELD_PARAMS,
      },
    }),
    read: op({
      handler: "DHCPSnippetHandler",
      method: "GET",
      typed: ["client.dhcpSnippets.get()", "snippet.refresh()"],
    }),
    update: op<DHCPSnippetSettings>({
      handler: "DHCPSnippetHandler",
      method: "PUT",
      typed: ["snippet.save()"],
      params: {
        name: { wire: "name", kind: "string" },
        value: { wire: "value", kind: "string" },
        ...FIELD_PARAMS,
      },
    }),
    delete: op({ handler: "DHCPSnippetHandler", method: "DELETE", typed: ["snippet.delete()"] }),
    revert: op<{ to: number }>({
      handler: "DHCPSnippetHandler",
      method: "POST",
      op: "revert",
      typed: ["snippet.revert()"],
      params: { to: { wire: "to", kind: "integer", required: true } },
    }),
  },
});

/**
 * A piece of ISC dhcpd configuration MAAS adds globally, to one subnet (optionally one IP range of
 * it), or to one node. Every change of `value` is kept as a revision;
 * {@linkcode DHCPSnippet.revert} goes back to one.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function shortenLeases(client: Client, id: number) {
 *   const snippet = await client.dhcpSnippets.get(id);
 *   snippet.value = "default-lease-time 300;";
 *   await snippet.save();
 *   await snippet.revert(-1); // back to the value before
 * }
 * ```
 */
export class DHCPSnippet extends MaasObject {
  /** Snippet id. */
  declare readonly id: number;
  /** Name. */
  declare name: string;
  /** The dhcpd configuration text; each change is kept as a revision. */
  declare value: string;
  /** Free text. */
  declare description: string;
  /** Whether MAAS writes it into dhcpd's configuration. */
  declare enabled: boolean;
  /** Whether it applies to everything (no node, no subnet); setting it true unlinks both. */
  declare globalSnippet: boolean;

  /** The node it applies to (as the server last sent it), or null. */
  get node(): DHCPSnippetNode | null {
    const node = this.data.node;
    if (!node || typeof node !== "object") return null;
    const data = node as WireData;
    return { systemId: String(data.system_id), hostname: String(data.hostname ?? ""), data };
  }

  /** The subnet it applies to (as the server last sent it), or null. */
  get subnet(): DHCPSnippetSubnet | null {
    const subnet = this.data.subnet;
    if (!subnet || typeof subnet !== "object") return null;
    const data = subnet as WireData;
    return {
      id: Number(data.id),
      name: String(data.name ?? ""),
      cidr: String(data.cidr ?? ""),
      data,
    };
  }

  /** Every revision of `value`, newest (the current one) first. */
  get history(): DHCPSnippetVersion[] {
    const history = this.data.history;
    if (!Array.isArray(history)) return [];
    return history.map((version: WireData) => ({
      id: Number(version.id),
      value: String(version.value ?? ""),
      created: String(version.created ?? ""),
    }));
  }

  /** Links the snippet to a node instead (unlinking any subnet); sent by `save()`. */
  setNode(node: DHCPSnippetNodeRef): void {
    this.set("node", node);
  }

  /**
   * Links the snippet to a subnet, optionally one IP range of it, instead of a node; sent by
   * `save()`.
   */
  setSubnet(subnet: DHCPSnippetSubnetRef, iprange?: DHCPSnippetIPRangeRef): void {
    this.set("subnet", subnet);
    if (iprange !== undefined) this.set("iprange", iprange);
  }

  /** `dhcp-snippets/{id}/`. */
  get resourcePath(): string {
    return pathOf(DHCP_SNIPPETS.ops.read.path, this.data);
  }

  /** `DHCPSnippet 3 "600 lease time" on subnet 172.16.1.0/24`. */
  toString(): string {
    const node = this.node;
    const subnet = this.subnet;
    const where = node
      ? `on node ${node.hostname || node.systemId}`
      : subnet
      ? `on subnet ${subnet.cidr}`
      : "global";
    return `DHCPSnippet ${this.id} ${JSON.stringify(this.name)} ${where}${
      this.enabled === false ? " (disabled)" : ""
    }`;
  }

  /**
   * Goes back to an earlier value: a revision id from {@linkcode DHCPSnippet.history}, or a
   * negative number of steps back (`-1` is the value before the current one). Newer revisions
   * are dropped. Takes the server's answer as the new state.
   */
  async revert(to: number, params?: ExtraParams, options?: CallOptions): Promise<this> {
    return this.replace(
      await invoke(this.client, DHCP_SNIPPETS.ops.revert, {
        path: this.resourcePath,
        params,
        set: { to },
        call: options,
      }),
    );
  }
}
defineObject(DHCPSnippet, DHCP_SNIPPETS.fields, {
  read: DHCP_SNIPPETS.ops.read,
  update: DHCP_SNIPPETS.ops.update,
  delete: DHCP_SNIPPETS.ops.delete,
});

/**
 * `client.dhcpSnippets`: extra dhcpd configuration. Recent MAAS releases mark this API deprecated
 * in favour of reserved IPs, but still serve it.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function pxeElsewhere(client: Client, systemId: string) {
 *   return await client.dhcpSnippets.create({
 *     name: "boot from other server",
 *     value: 'next-server 10.0.0.5;\nfilename "pxelinux.0";',
 *     node: systemId,
 *   });
 * }
 * ```
 */
export class DHCPSnippets extends Namespace {
  /** Every DHCP snippet. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<DHCPSnippet[]> {
    return await listOf(this.context, DHCP_SNIPPETS.ops.list, DHCPSnippet, "DHCP snippets", {
      params,
      call: options,
    });
  }

  /** One snippet by id; a missing one raises `NotFoundError`. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<DHCPSnippet> {
    return await oneOf(this.context, DHCP_SNIPPETS.ops.read, DHCPSnippet, "a DHCP snippet", {
      path: { id },
      params,
      call: options,
    });
  }

  /** Creates a snippet (administrators only). */
  async create(params: CreateDHCPSnippetOptions, options?: CallOptions): Promise<DHCPSnippet> {
    return await oneOf(this.context, DHCP_SNIPPETS.ops.create, DHCPSnippet, "a DHCP snippet", {
      params,
      call: options,
    });
  }
}
