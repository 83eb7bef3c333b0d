/**
 * The DNS family's records: DNS resources, their other records, the static addresses they hold,
 * domains' forwarders and the SOA serial.
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
 * A user-reserved static address held by DNS resources.
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
 * The DNS data of one simulator.
 *
 * @example
 * ```ts
 * import { createDnsSection } from "./model.ts";
 * console.log(createDnsSection().serial);
 * ```
 */
export interface SimDNSStore {
  /** DNS resources by id. */
  resources: Map<number, SimDNSResource>;
  /** Resource records by id. */
  records: Map<number, SimDNSData>;
  /** Static addresses by id. */
  addresses: Map<number, SimStaticAddress>;
  /** Forward DNS servers (`ip` or `ip:port`) by domain id. */
  forwarders: Map<number, string[]>;
  /** The SOA serial MAAS uses next. */
  serial: number;
  /** Hands out ids per kind. */
  nextId: (kind: "resource" | "record" | "address") => number;
}

/**
 * The DNS data of a simulator, made empty on first use.
 *
 * @example
 * ```ts
 * import { createDnsSection } from "./model.ts";
 * const store = createDnsSection();
 * console.log(store.resources.size); // 0
 * ```
 */
export function createDnsSection(): SimDNSStore {
  const last = new Map<string, number>();
  return {
    resources: new Map(),
    records: new Map(),
    addresses: new Map(),
    forwarders: new Map(),
    serial: 1,
    nextId: (kind) => {
      const next = (last.get(kind) ?? 0) + 1;
      last.set(kind, next);
      return next;
    },
  };
}
