/**
 * The DNS family's records: DNS resources, their other records (MAAS's DNSData), the static
 * addresses they hold, domains' forward servers and the SOA serial. Domains themselves are
 * `state.site.domains` (every node refers to one); the records here refer to them by id.
 *
 * @module
 */

/**
 * A DNS resource: a name in a domain with addresses (by static address id).
 *
 * @example
 * ```ts
 * import type { SimDNSResource } from "./model.ts";
 * const www: SimDNSResource = { id: 1, name: "www", domainId: 0, addressTtl: null, addressIds: [1] };
 * ```
 */
export interface SimDNSResource {
  /** Database id. */
  id: number;
  /** Label within the domain (`@` for the domain itself). */
  name: string;
  /** The domain's id. */
  domainId: number;
  /** TTL of the address records, or null. */
  addressTtl: number | null;
  /** Ids of its static addresses. */
  addressIds: number[];
}

/**
 * A resource record other than an address (MAAS's DNSData).
 *
 * @example
 * ```ts
 * import type { SimDNSData } from "./model.ts";
 * const mx: SimDNSData = { id: 1, resourceId: 1, rrtype: "MX", rrdata: "10 mx.example.com", ttl: null };
 * ```
 */
export interface SimDNSData {
  /** Database id. */
  id: number;
  /** The DNS resource it belongs to. */
  resourceId: number;
  /** Record type, upper case. */
  rrtype: string;
  /** Right-hand side of the record. */
  rrdata: string;
  /** TTL, or null. */
  ttl: number | null;
}

/**
 * A user-reserved static address, held by DNS resources and listed by `ipaddresses/`.
 *
 * @example
 * ```ts
 * import type { SimStaticAddress } from "./model.ts";
 * const ip: SimStaticAddress = { id: 1, ip: "10.20.0.50", created: "2026-01-01T10:00:00.000", username: "admin" };
 * ```
 */
export interface SimStaticAddress {
  /** Database id. */
  id: number;
  /** The address. */
  ip: string;
  /** When it was reserved (ISO text, as MAAS renders it). */
  created: string;
  /** Who reserved it. */
  username: string | null;
}

/**
 * The DNS section of the state: resources, records and static addresses by id, forward servers
 * by domain id, and the SOA serial MAAS uses next.
 *
 * @example
 * ```ts
 * import { DnsSection } from "./model.ts";
 * const dns = new DnsSection();
 * const id = dns.nextId("resource");
 * dns.resources.set(id, { id, name: "www", domainId: 0, addressTtl: null, addressIds: [] });
 * console.log(dns.resourceNamed("www", 0)?.id, dns.serial); // 1 1
 * ```
 */
export class DnsSection {
  /** DNS resources by id. */
  readonly resources: Map<number, SimDNSResource> = new Map();
  /** Resource records by id. */
  readonly records: Map<number, SimDNSData> = new Map();
  /** Static addresses by id. */
  readonly addresses: Map<number, SimStaticAddress> = new Map();
  /** Forward DNS servers (`ip` or `ip:port`) by domain id. */
  readonly forwarders: Map<number, string[]> = new Map();
  /** The SOA serial MAAS uses next. */
  serial = 1;

  #last = new Map<string, number>();

  /** An id no record of that kind has had yet. */
  nextId(kind: "resource" | "record" | "address"): number {
    const next = (this.#last.get(kind) ?? 0) + 1;
    this.#last.set(kind, next);
    return next;
  }

  /** The records of a DNS resource, by id order. */
  recordsOf(resourceId: number): SimDNSData[] {
    return [...this.records.values()].filter((record) => record.resourceId === resourceId);
  }

  /** The resource called `name` in domain `domainId`. */
  resourceNamed(name: string, domainId: number): SimDNSResource | undefined {
    for (const resource of this.resources.values()) {
      if (resource.name === name && resource.domainId === domainId) return resource;
    }
    return undefined;
  }

  /** The static address `ip`, if one is reserved. */
  addressOf(ip: string): SimStaticAddress | undefined {
    for (const address of this.addresses.values()) if (address.ip === ip) return address;
    return undefined;
  }

  /** How many records a domain holds: the addresses and other records of its resources. */
  recordCount(domainId: number): number {
    let count = 0;
    for (const resource of this.resources.values()) {
      if (resource.domainId !== domainId) continue;
      count += resource.addressIds.length + this.recordsOf(resource.id).length;
    }
    return count;
  }

  /** Deletes a resource and its records. */
  deleteResource(resourceId: number): void {
    for (const [id, record] of this.records) {
      if (record.resourceId === resourceId) this.records.delete(id);
    }
    this.resources.delete(resourceId);
  }
}
