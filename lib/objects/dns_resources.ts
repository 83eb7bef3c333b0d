/**
 * DNS resources: names in a domain with addresses (A/AAAA records) and other records, keyed by
 * id.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function names(client: Client): Promise<string[]> {
 *   return (await client.dnsResources.list()).map((resource) => resource.fqdn);
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import { DOMAIN_REF, type DomainRef } from "./domains.ts";
import { type Codec, type ExtraParams, family, op, pathOf } from "./spec.ts";

export type { DomainRef };

/** A resource record as nested in a DNS resource. */
export interface ResourceRecordData {
  /** Record id (`null` for the records MAAS derives from nodes). */
  readonly id?: number | null;
  /** Record type: `CNAME`, `MX`, `NS`, `SRV`, `SSHFP`, `TXT`, or `A`/`AAAA` for derived ones. */
  readonly rrtype: string;
  /** Everything right of the type, such as `10 mail.example.com`. */
  readonly rrdata: string;
  /** TTL in seconds, or `null` for the domain's. */
  readonly ttl: number | null;
  /** The name the record belongs to, when MAAS sends it. */
  readonly fqdn?: string;
  /** The node whose address this record is, when it is one. */
  readonly system_id?: string;
}

/** An address of a DNS resource, as MAAS nests it. */
export interface ResourceAddressData {
  /** The address. */
  readonly ip: string;
  /** How MAAS allocated it (4: user reserved). */
  readonly alloc_type?: number;
  /** The allocation type's name. */
  readonly alloc_type_name?: string;
  /** When the address was allocated. */
  readonly created?: string;
  /** Anything else the server sends. */
  readonly [field: string]: unknown;
}

/** Where a DNS resource or record goes: a fully qualified name, or a name and a domain. */
export interface DNSNameOptions {
  /** Fully qualified name, such as `www.example.com` (used when `name` and `domain` are not). */
  fqdn?: string;
  /** Name within the domain (`@` for the domain itself). */
  name?: string;
  /** The domain (id, name or object). */
  domain?: DomainRef;
}

/** Filters of {@linkcode DNSResources.list}. */
export interface ListDNSResourcesOptions extends DNSNameOptions, ExtraParams {
  /** Only resources with records of this type. */
  rrtype?: string;
  /** Also list the address records MAAS derives from nodes (each with id -1). */
  all?: boolean;
}

/** What a new DNS resource takes (and what its `update` changes). */
export interface CreateDNSResourceOptions extends DNSNameOptions, ExtraParams {
  /** TTL of the address records, in seconds. */
  addressTtl?: number;
  /** Addresses (IPv4 or IPv6) or ids of reserved addresses; each becomes an A or AAAA record. */
  ipAddresses?: readonly string[];
}

/**
 * Addresses of a DNS resource: MAAS reads them as one space-separated value.
 *
 * @example
 * ```ts
 * import { ADDRESSES } from "./dns_resources.ts";
 * console.log(ADDRESSES.encode(["10.0.0.5", "fd00::5"], "ipAddresses")); // "10.0.0.5 fd00::5"
 * ```
 */
export const ADDRESSES: Codec = {
  takes: "a list of addresses or ids of reserved addresses",
  encode(value: unknown, option: string): ParamValue {
    if (
      !Array.isArray(value) || value.some((item) => typeof item !== "string" || item.trim() === "")
    ) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} must be a list of addresses or ids`,
      );
    }
    return value.map((item: string) => item.trim()).join(" ");
  },
};

/** Where a DNS resource or record is, as the DNS handlers read it (and filter by it). */
export const NAME_PARAMS = {
  fqdn: { wire: "fqdn", kind: "string" },
  name: { wire: "name", kind: "string" },
  domain: { wire: "domain", kind: DOMAIN_REF },
} as const;

/** What a DNS resource has besides its name, as creating one (or a record of a new name) reads it. */
export const ADDRESS_PARAMS = {
  addressTtl: { wire: "address_ttl", kind: "integer" },
  ipAddresses: { wire: "ip_addresses", kind: ADDRESSES },
} as const;

const RESOURCE_PARAMS = { ...NAME_PARAMS, ...ADDRESS_PARAMS } as const;

/** The DNS resources family: `dnsresources/` and `dnsresources/{id}/`. */
export const DNS_RESOURCES = family({
  name: "dnsResources",
  handlers: { DNSResourcesHandler: "dnsresources/", DNSResourceHandler: "dnsresources/{id}/" },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    fqdn: { wire: "fqdn", kind: "string", writable: true },
    addressTtl: { wire: "address_ttl", kind: "integer", writable: true },
    ipAddresses: { wire: "ip_addresses", kind: "objects" },
    resourceRecords: { wire: "resource_records", kind: "objects" },
  },
  ops: {
    list: op<ListDNSResourcesOptions>({
      handler: "DNSResourcesHandler",
      method: "GET",
      typed: ["client.dnsResources.list()"],
      params: {
        ...NAME_PARAMS,
        rrtype: { wire: "rrtype", kind: "string" },
        all: { wire: "all", kind: "boolean" },
      },
    }),
    create: op<CreateDNSResourceOptions>({
      handler: "DNSResourcesHandler",
      method: "POST",
      typed: ["client.dnsResources.create()"],
      params: RESOURCE_PARAMS,
    }),
    read: op({
      handler: "DNSResourceHandler",
      method: "GET",
      typed: ["client.dnsResources.get()", "dnsResource.refresh()"],
    }),
    update: op<CreateDNSResourceOptions>({
      handler: "DNSResourceHandler",
      method: "PUT",
      typed: ["dnsResource.save()", "dnsResource.update()"],
      params: RESOURCE_PARAMS,
    }),
    delete: op({
      handler: "DNSResourceHandler",
      method: "DELETE",
      typed: ["dnsResource.delete()"],
    }),
  },
});

/**
 * A DNS resource: a name in a domain, with addresses (A/AAAA records) and other records. The
 * resources MAAS derives from nodes (listed with `all: true`) have id -1 and cannot be changed.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function moveAddress(client: Client, id: number) {
 *   const resource = await client.dnsResources.get(id);
 *   resource.addresses = ["10.0.0.20"];
 *   return await resource.save(); // PUT dnsresources/{id}/ ip_addresses=10.0.0.20
 * }
 * ```
 */
export class DNSResource extends MaasObject {
  /** Resource id (-1 for one MAAS derives from a node). */
  declare readonly id: number;
  /** Fully qualified name; writable (moves the resource to the name and domain it spells). */
  declare fqdn: string;
  /** TTL of the address records in seconds, `null` for the domain's; writable. */
  declare addressTtl: number | null;
  /** The addresses, as MAAS nests them (`null` for resources derived from nodes). */
  declare readonly ipAddresses: readonly ResourceAddressData[] | null;
  /** The resource's other records. */
  declare readonly resourceRecords: readonly ResourceRecordData[];

  /** `dnsresources/{id}/`. */
  get resourcePath(): string {
    return pathOf(DNS_RESOURCES.ops.read.path, this.data);
  }

  /**
   * The addresses as plain text. Assigning replaces them (each an IP address or the id of a
   * reserved address) and records the change for `save()`.
   */
  get addresses(): string[] {
    const value = this.get("ip_addresses");
    if (!Array.isArray(value)) return [];
    return value.map((item) =>
      item && typeof item === "object" ? String((item as ResourceAddressData).ip) : String(item)
    );
  }
  set addresses(value: readonly string[]) {
    this.set("ip_addresses", value);
  }

  /**
   * Changes the resource (administrators only) with any of the update's parameters, such as a
   * new `name` and `domain`, which `save()` cannot reach; takes the resource's new state.
   */
  async update(params: CreateDNSResourceOptions, options?: CallOptions): Promise<this> {
    return this.replace(
      await invoke(this.client, DNS_RESOURCES.ops.update, {
        path: this.resourcePath,
        params,
        call: options,
      }),
    );
  }

  /** `DNSResource 3 www.maas (10.0.0.5)`. */
  toString(): string {
    const addresses = this.addresses;
    return `DNSResource ${this.data.id} ${this.data.fqdn}${
      addresses.length ? ` (${addresses.join(", ")})` : ""
    }`;
  }
}
defineObject(DNSResource, DNS_RESOURCES.fields, {
  read: DNS_RESOURCES.ops.read,
  update: DNS_RESOURCES.ops.update,
  delete: DNS_RESOURCES.ops.delete,
});

/**
 * `client.dnsResources`: list, read and create DNS resources.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addHost(client: Client) {
 *   return await client.dnsResources.create({ fqdn: "www.maas", ipAddresses: ["10.0.0.5"] });
 * }
 * ```
 */
export class DNSResources extends Namespace {
  /** DNS resources matching the filters; `all: true` adds the ones MAAS derives from nodes. */
  async list(params?: ListDNSResourcesOptions, options?: CallOptions): Promise<DNSResource[]> {
    return await listOf(this.context, DNS_RESOURCES.ops.list, DNSResource, "DNS resources", {
      params,
      call: options,
    });
  }

  /** One DNS resource by id. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<DNSResource> {
    return await oneOf(this.context, DNS_RESOURCES.ops.read, DNSResource, "a DNS resource", {
      path: { id },
      params,
      call: options,
    });
  }

  /**
   * Creates a DNS resource (administrators only), named by `fqdn` or by `name` and `domain`
   * (MAAS answers 400 when neither says where it goes).
   */
  async create(params: CreateDNSResourceOptions, options?: CallOptions): Promise<DNSResource> {
    return await oneOf(this.context, DNS_RESOURCES.ops.create, DNSResource, "a DNS resource", {
      params,
      call: options,
    });
  }
}
