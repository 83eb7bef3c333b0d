/**
 * DHCP snippets: pieces of ISC DHCP configuration MAAS adds globally, per subnet or per node.
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import {
  apiPath,
  type CallOptions,
  defineFields,
  describe,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";

import { optional, positiveId, record, revision, wrap } from "./checks.ts";

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
export type DHCPSnippetNodeRef = string | MaasObject | { readonly systemId: string };

/** A subnet given by id, CIDR or specifier, or by an object that has an id. */
export type DHCPSnippetSubnetRef = number | string | MaasObject | { readonly id: number };

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
    return Array.isArray(history)
      ? history.map((item) => {
        const version = record(item);
        return {
          id: Number(version.id),
          value: String(version.value ?? ""),
          created: String(version.created ?? ""),
        };
      })
      : [];
  }

  /** Links the snippet to a node instead (unlinking any subnet); sent by `save()`. */
  setNode(node: DHCPSnippetNodeRef): void {
    this.set("node", systemIdOf(node, "node"));
  }

  /**
   * Links the snippet to a subnet, optionally one IP range of it, instead of a node; sent by
   * `save()`.
   */
  setSubnet(
    subnet: DHCPSnippetSubnetRef,
    iprange?: number | MaasObject | { readonly id: number },
  ): void {
    this.set("subnet", subnetOf(subnet, "subnet"));
    if (iprange !== undefined) this.set("iprange", idOf(iprange, "iprange"));
  }

  /** `dhcp-snippets/{id}/`. */
  get resourcePath(): string {
    return apiPath`dhcp-snippets/${this.data.id}/`;
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
    return `DHCPSnippet ${this.data.id} ${JSON.stringify(this.data.name)} ${where}${
      this.data.enabled === false ? " (disabled)" : ""
    }`;
  }

  /**
   * Goes back to an earlier value: a revision id from {@linkcode DHCPSnippet.history}, or a
   * negative number of steps back (`-1` is the value before the current one). Newer revisions
   * are dropped. Takes the server's answer as the new state.
   */
  async revert(to: number, options?: CallOptions): Promise<this> {
    return await this.op("POST", "revert", { to: revision(to, "to") }, options);
  }
}
defineFields(DHCPSnippet, {
  id: "id",
  name: { wire: "name", writable: true },
  value: { wire: "value", writable: true },
  description: { wire: "description", writable: true },
  enabled: { wire: "enabled", writable: true },
  globalSnippet: { wire: "global_snippet", writable: true },
});

function systemIdOf(node: unknown, name: string): string {
  if (typeof node === "string" && node !== "") return node;
  const systemId = node instanceof MaasObject
    ? node.get("system_id")
    : node && typeof node === "object"
    ? (node as { systemId?: unknown }).systemId
    : undefined;
  if (typeof systemId === "string" && systemId !== "") return systemId;
  throw new ParameterError(
    `Parameter ${JSON.stringify(name)} must be a system id or an object with one, got ${
      describe(node)
    }`,
  );
}

function idOf(value: unknown, name: string): number {
  const id = value instanceof MaasObject
    ? value.get("id")
    : value && typeof value === "object"
    ? (value as { id?: unknown }).id
    : value;
  if (typeof id === "number" && Number.isInteger(id)) return id;
  throw new ParameterError(
    `Parameter ${JSON.stringify(name)} must be an id or an object with one, got ${describe(value)}`,
  );
}

function subnetOf(value: unknown, name: string): number | string {
  return typeof value === "string" && value !== "" ? value : idOf(value, name);
}

/** What a new DHCP snippet takes. Give at most one of `node`, `subnet` and `globalSnippet`. */
export interface CreateDHCPSnippetOptions extends CallOptions {
  /** Name. Required. */
  name: string;
  /** The dhcpd configuration text. Required. */
  value: string;
  /** Free text. */
  description?: string;
  /** Whether MAAS uses it (MAAS's default: true). */
  enabled?: boolean;
  /** The node it applies to. */
  node?: DHCPSnippetNodeRef;
  /** The subnet it applies to. */
  subnet?: DHCPSnippetSubnetRef;
  /** An IP range of `subnet` it applies to. */
  iprange?: number | MaasObject | { readonly id: number };
  /** Apply it to everything. */
  globalSnippet?: boolean;
}

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
  async list(options?: CallOptions): Promise<DHCPSnippet[]> {
    const data = await this.context.call("GET", "dhcp-snippets/", options);
    return wrap(data, "DHCP snippets", (item) => new DHCPSnippet(this.context, item));
  }

  /** One snippet by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<DHCPSnippet> {
    positiveId(id, "id");
    const data = await this.context.call("GET", apiPath`dhcp-snippets/${id}/`, options);
    return new DHCPSnippet(this.context, expectObject(data, "a DHCP snippet"));
  }

  /** Creates a snippet (administrators only). */
  async create(options: CreateDHCPSnippetOptions): Promise<DHCPSnippet> {
    const { name, value, description, enabled, node, subnet, iprange, globalSnippet, ...call } =
      optionsOf(options);
    required(name, "name", "string");
    required(value, "value", "string");
    if (globalSnippet === true && (node !== undefined || subnet !== undefined)) {
      throw new ParameterError('Parameter "globalSnippet" cannot be used with "node" or "subnet"');
    }
    if (node !== undefined && subnet !== undefined) {
      throw new ParameterError('Give "node" or "subnet", not both');
    }
    if (iprange !== undefined && subnet === undefined) {
      throw new ParameterError('Parameter "iprange" needs "subnet" as well');
    }
    const data = await this.context.call("POST", "dhcp-snippets/", {
      params: {
        name,
        value,
        description: optional(description, "description", "string"),
        enabled: optional(enabled, "enabled", "boolean"),
        node: node === undefined ? undefined : systemIdOf(node, "node"),
        subnet: subnet === undefined ? undefined : subnetOf(subnet, "subnet"),
        iprange: iprange === undefined ? undefined : idOf(iprange, "iprange"),
        global_snippet: optional(globalSnippet, "globalSnippet", "boolean"),
      },
      ...call,
    });
    return new DHCPSnippet(this.context, expectObject(data, "a DHCP snippet"));
  }
}
