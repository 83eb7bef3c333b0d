/**
 * DNS resource records other than addresses (CNAME, MX, NS, SRV, SSHFP, TXT), keyed by id. Each
 * belongs to a DNS resource; creating one for a name that has none creates the resource too.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function mailServers(client: Client): Promise<string[]> {
 *   const records = await client.dnsResourceRecords.list({ rrtype: "MX" });
 *   return records.map((record) => record.rrdata);
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { ADDRESS_PARAMS, type DNSNameOptions, NAME_PARAMS } from "./dns_resources.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";

/** Filters of {@linkcode DNSResourceRecords.list}. */
export interface ListDNSResourceRecordsOptions extends DNSNameOptions, ExtraParams {
  /** Only records of this type. */
  rrtype?: string;
}

/** What a new DNS resource record takes. */
export interface CreateDNSResourceRecordOptions extends DNSNameOptions, ExtraParams {
  /** Record type: `CNAME`, `MX`, `NS`, `SRV`, `SSHFP` or `TXT`. */
  rrtype: string;
  /** Everything right of the type, such as `10 mail.example.com`. */
  rrdata: string;
  /** TTL in seconds. */
  ttl?: number;
  /** TTL of the address records of the DNS resource, when this creates it. */
  addressTtl?: number;
  /** Addresses of the DNS resource, when this creates it (not with a CNAME). */
  ipAddresses?: readonly string[];
}

/** The fields a record's `save()` sends. */
interface RecordChanges {
  rrtype?: string;
  rrdata?: string;
  ttl?: number;
}

/** The DNS resource records family: `dnsresourcerecords/` and `dnsresourcerecords/{id}/`. */
export const DNS_RESOURCE_RECORDS = family({
  name: "dnsResourceRecords",
  handlers: {
    DNSResourceRecordsHandler: "dnsresourcerecords/",
    DNSResourceRecordHandler: "dnsresourcerecords/{id}/",
  },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    fqdn: { wire: "fqdn", kind: "string" },
    rrtype: { wire: "rrtype", kind: "string", writable: true },
    rrdata: { wire: "rrdata", kind: "string", writable: true },
    ttl: { wire: "ttl", kind: "integer", writable: true },
  },
  ops: {
    list: op<ListDNSResourceRecordsOptions>({
      handler: "DNSResourceRecordsHandler",
      method: "GET",
      typed: ["client.dnsResourceRecords.list()"],
      params: { ...NAME_PARAMS, rrtype: { wire: "rrtype", kind: "string" } },
    }),
    create: op<CreateDNSResourceRecordOptions>({
      handler: "DNSResourceRecordsHandler",
      method: "POST",
      typed: ["client.dnsResourceRecords.create()"],
      params: {
        ...NAME_PARAMS,
        rrtype: { wire: "rrtype", kind: "string", required: true },
        rrdata: { wire: "rrdata", kind: "string", required: true },
        ttl: { wire: "ttl", kind: "integer" },
        ...ADDRESS_PARAMS,
      },
    }),
    read: op({
      handler: "DNSResourceRecordHandler",
      method: "GET",
      typed: ["client.dnsResourceRecords.get()", "dnsResourceRecord.refresh()"],
    }),
    update: op<RecordChanges>({
      handler: "DNSResourceRecordHandler",
      method: "PUT",
      typed: ["dnsResourceRecord.save()"],
      params: {
        rrtype: { wire: "rrtype", kind: "string" },
        rrdata: { wire: "rrdata", kind: "string" },
        ttl: { wire: "ttl", kind: "integer" },
      },
    }),
    delete: op({
      handler: "DNSResourceRecordHandler",
      method: "DELETE",
      typed: ["dnsResourceRecord.delete()"],
    }),
  },
});

/**
 * A DNS resource record other than an address: CNAME, MX, NS, SRV, SSHFP or TXT.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function repoint(client: Client, id: number) {
 *   const record = await client.dnsResourceRecords.get(id);
 *   record.rrdata = "mirror.example.com";
 *   return await record.save();
 * }
 * ```
 */
export class DNSResourceRecord extends MaasObject {
  /** Record id. */
  declare readonly id: number;
  /** The fully qualified name the record belongs to. */
  declare readonly fqdn: string;
  /** Record type; writable. */
  declare rrtype: string;
  /** Everything right of the type, such as `10 mail.example.com`; writable. */
  declare rrdata: string;
  /** TTL in seconds, `null` for the domain's; writable. */
  declare ttl: number | null;

  /** `dnsresourcerecords/{id}/`. */
  get resourcePath(): string {
    return pathOf(DNS_RESOURCE_RECORDS.ops.read.path, this.data);
  }

  /** `DNSResourceRecord 4 mail.maas MX 10 mx.example.com`. */
  toString(): string {
    return `DNSResourceRecord ${this.data.id} ${this.data.fqdn} ${this.data.rrtype} ${this.data.rrdata}`;
  }
}
defineObject(DNSResourceRecord, DNS_RESOURCE_RECORDS.fields, {
  read: DNS_RESOURCE_RECORDS.ops.read,
  update: DNS_RESOURCE_RECORDS.ops.update,
  delete: DNS_RESOURCE_RECORDS.ops.delete,
});

/**
 * `client.dnsResourceRecords`: list, read and create resource records. Creating one for a name
 * that has no DNS resource yet creates that resource too.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addMx(client: Client) {
 *   return await client.dnsResourceRecords.create({
 *     name: "@",
 *     domain: "maas",
 *     rrtype: "MX",
 *     rrdata: "10 mail.example.com",
 *   });
 * }
 * ```
 */
export class DNSResourceRecords extends Namespace {
  /** Resource records matching the filters. */
  async list(
    params?: ListDNSResourceRecordsOptions,
    options?: CallOptions,
  ): Promise<DNSResourceRecord[]> {
    return await listOf(
      this.context,
      DNS_RESOURCE_RECORDS.ops.list,
      DNSResourceRecord,
      "DNS resource records",
      { params, call: options },
    );
  }

  /** One record by id. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<DNSResourceRecord> {
    return await oneOf(
      this.context,
      DNS_RESOURCE_RECORDS.ops.read,
      DNSResourceRecord,
      "a DNS resource record",
      { path: { id }, params, call: options },
    );
  }

  /** Creates a record (administrators only), named by `fqdn` or by `name` and `domain`. */
  async create(
    params: CreateDNSResourceRecordOptions,
    options?: CallOptions,
  ): Promise<DNSResourceRecord> {
    return await oneOf(
      this.context,
      DNS_RESOURCE_RECORDS.ops.create,
      DNSResourceRecord,
      "a DNS resource record",
      { params, call: options },
    );
  }
}
