/**
 * Domains, DNS resources, their records and the addresses they hold, as MAAS renders them.
 *
 * @module
 */

import { isIP } from "node:net";
import type { SimDomain } from "../../inventory.ts";
import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { staticAddressJson } from "../networking/render.ts";
import type { DnsSection, SimDNSData, SimDNSResource } from "./model.ts";

/**
 * A domain, with the number of records it holds.
 *
 * @example
 * ```ts
 * import { MaasLine } from "../../maas/lines.ts";
 * import { DnsSection } from "./model.ts";
 * import { domainJson } from "./render.ts";
 * const domain = { id: 0, name: "maas", ttl: null, authoritative: true, isDefault: true };
 * console.log(domainJson(MaasLine.get("3.8"), new DnsSection(), domain).resource_record_count); // 0
 * ```
 */
export function domainJson(
  line: MaasLine,
  dns: DnsSection,
  domain: SimDomain,
): Record<string, unknown> {
  return line.shape("DomainHandler", {
    authoritative: domain.authoritative,
    ttl: domain.ttl,
    is_default: domain.isDefault,
    name: domain.name,
    resource_record_count: dns.recordCount(domain.id),
    id: domain.id,
    resource_uri: apiUri(`domains/${domain.id}/`),
  });
}

/**
 * The fully qualified name of a resource: its label and its domain's name (`@` is the domain).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { fqdnOf } from "./render.ts";
 * const state = new SimulatorState();
 * console.log(fqdnOf(state, { id: 1, name: "www", domainId: 0, addressTtl: null, addressIds: [] }));
 * // "www.maas"
 * ```
 */
export function fqdnOf(state: SimulatorState, resource: SimDNSResource): string {
  const domain = state.site.domains.find((candidate) => candidate.id === resource.domainId);
  const domainName = domain?.name ?? "";
  return resource.name === "@" ? domainName : `${resource.name}.${domainName}`;
}

/**
 * A resource record other than an address.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { dnsDataJson } from "./render.ts";
 * const state = new SimulatorState();
 * console.log(dnsDataJson(state, { id: 1, resourceId: 9, rrtype: "TXT", rrdata: "hi", ttl: null }).rrtype);
 * ```
 */
export function dnsDataJson(state: SimulatorState, record: SimDNSData): Record<string, unknown> {
  const resource = state.dns.resources.get(record.resourceId);
  return state.line.shape("DNSResourceRecordHandler", {
    id: record.id,
    fqdn: resource ? fqdnOf(state, resource) : "",
    ttl: record.ttl,
    rrtype: record.rrtype,
    rrdata: record.rrdata,
    resource_uri: apiUri(`dnsresourcerecords/${record.id}/`),
  });
}

/**
 * A DNS resource with its addresses and its other records (sorted by type, then id, as MAAS
 * orders them).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { dnsResourceJson } from "./render.ts";
 * const state = new SimulatorState();
 * const resource = { id: 1, name: "www", domainId: 0, addressTtl: null, addressIds: [] };
 * console.log(dnsResourceJson(state, resource).fqdn); // "www.maas"
 * ```
 */
export function dnsResourceJson(
  state: SimulatorState,
  resource: SimDNSResource,
): Record<string, unknown> {
  const dns = state.dns;
  const records = dns.recordsOf(resource.id)
    .sort((a, b) => (a.rrtype < b.rrtype ? -1 : a.rrtype > b.rrtype ? 1 : a.id - b.id));
  return state.line.shape("DNSResourceHandler", {
    id: resource.id,
    fqdn: fqdnOf(state, resource),
    address_ttl: resource.addressTtl,
    ip_addresses: resource.addressIds.flatMap((id) => {
      const address = dns.addresses.get(id);
      return address ? [staticAddressJson(state, address)] : [];
    }),
    resource_records: records.map((record) => dnsDataJson(state, record)),
    resource_uri: apiUri(`dnsresources/${resource.id}/`),
  });
}

/** One address record MAAS derives from a node's address. */
export interface ImpliedRecord {
  /** The node's system id. */
  systemId: string;
  /** The node's type (0 machine, 1 device, …). */
  nodeType: unknown;
  /** The address. */
  ip: string;
}

/**
 * The resource MAAS lists for a node's addresses with `all=true`: id -1, its records implied by
 * the node's addresses (MAAS builds these in the handler; they are no database objects).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { impliedResourceJson } from "./render.ts";
 * const state = new SimulatorState();
 * const json = impliedResourceJson(state.line, "node-1.maas", [
 *   { systemId: "abc123", nodeType: 0, ip: "10.20.0.9" },
 * ]);
 * console.log(json.id); // -1
 * ```
 */
export function impliedResourceJson(
  line: MaasLine,
  fqdn: string,
  records: readonly ImpliedRecord[],
): Record<string, unknown> {
  return line.shape("DNSResourceHandler", {
    id: -1,
    fqdn,
    address_ttl: null,
    ip_addresses: null,
    resource_records: records.map((record) => ({
      system_id: record.systemId,
      node_type: record.nodeType,
      user_id: null,
      dnsresource_id: null,
      ttl: null,
      rrtype: isIP(record.ip) === 6 ? "AAAA" : "A",
      rrdata: record.ip,
      dnsdata_id: null,
    })),
    resource_uri: apiUri("dnsresources/-1/"),
  });
}
