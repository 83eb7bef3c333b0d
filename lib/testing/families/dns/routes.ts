/**
 * DNS: `domains/` (with `set_serial`), `domains/{id}/` (with `set_default`), `dnsresources/`,
 * `dnsresources/{id}/`, `dnsresourcerecords/` and `dnsresourcerecords/{id}/`.
 *
 * Domains are `state.site.domains` (every node refers to one by id); DNS resources, their records, the
 * static addresses they hold, forward DNS servers and the SOA serial are the `state.dns` section.
 *
 * @module
 */

import type { SimDomain } from "../../inventory.ts";
import { intParam, stringBool } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { nodeAddresses } from "../interfaces/render.ts";
import {
  domainForm,
  findDomain,
  INT_MAX,
  placement,
  recordForm,
  resourceForm,
  separateFqdn,
} from "./forms.ts";
import type { SimDNSData, SimDNSResource, SimStaticAddress } from "./model.ts";
import {
  dnsDataJson,
  dnsResourceJson,
  domainJson,
  type ImpliedRecord,
  impliedResourceJson,
} from "./render.ts";
import { isIP } from "node:net";

function canEditGlobal(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_global_entities");
}

function findResource(state: SimulatorState, specifier: string): SimDNSResource {
  const text = specifier.trim();
  const resource = /^\d+$/.test(text)
    ? state.dns.resources.get(Number(text))
    : [...state.dns.resources.values()].find((candidate) => candidate.name === text);
  if (!resource) throw ReplyError.notFound("DNSResource");
  return resource;
}

function findRecord(state: SimulatorState, specifier: string): SimDNSData {
  const text = specifier.trim();
  const record = /^\d+$/.test(text) ? state.dns.records.get(Number(text)) : undefined;
  if (!record) throw ReplyError.notFound("DNSData");
  return record;
}

/** The static address ids for `items` (addresses or ids), reserving the new addresses. */
function reserve(ctx: AuthContext, items: readonly string[]): number[] {
  const dns = ctx.state.dns;
  return items.map((item) => {
    if (/^\d+$/.test(item)) return Number(item);
    const known = dns.addressOf(item);
    if (known) return known.id;
    const address: SimStaticAddress = {
      id: dns.nextId("address"),
      ip: item,
      created: new Date().toISOString().slice(0, 23),
      username: ctx.user.username,
    };
    dns.addresses.set(address.id, address);
    return address.id;
  });
}

/** The address records MAAS derives from the addresses of a domain's nodes (`all=true`). */
function impliedResources(
  state: SimulatorState,
  domain: SimDomain,
  name: string | undefined,
  rrtype: string | undefined,
): Record<string, unknown>[] {
  const resources: Record<string, unknown>[] = [];
  for (const node of state.everyNode()) {
    if (node.domainId !== domain.id) continue;
    const data = node.data;
    if (name !== undefined && data.hostname !== name) continue;
    const records: ImpliedRecord[] = nodeAddresses(state.interfaces.of(data.system_id))
      .map((ip) => ({ systemId: data.system_id, nodeType: data.node_type, ip }))
      .filter((record) =>
        rrtype === undefined || (isIP(record.ip) === 6 ? "AAAA" : "A") === rrtype
      );
    if (records.length > 0) {
      resources.push(impliedResourceJson(state.line, `${data.hostname}.${domain.name}`, records));
    }
  }
  return resources;
}

function compareResources(a: SimDNSResource, b: SimDNSResource): number {
  if (a.domainId !== b.domainId) return a.domainId - b.domainId;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id;
}

/** The `name`, `domain` and `fqdn` filters of the list handlers, as MAAS reads them. */
function filters(
  state: SimulatorState,
  query: AuthContext["query"],
  rrtype: string | undefined,
): { name?: string; domain?: SimDomain } | null {
  let name = query.get("name");
  let domainName = query.get("domain");
  const fqdn = query.get("fqdn");
  if (domainName === undefined && name === undefined && fqdn !== undefined) {
    const parts = separateFqdn(state, fqdn, rrtype);
    if (!parts) return null;
    [name, domainName] = parts;
  }
  return { name, domain: domainName === undefined ? undefined : findDomain(state, domainName) };
}

const NAME_PARAMS = ":param fqdn: Optional. The resource's fully qualified name, such as " +
  "`www.example.com`; used when `name` and `domain` are not given.\n" +
  ":param name: Optional. The label within the domain (`@` for the domain itself).\n" +
  ":param domain: Optional. The domain, by name or id.";

/**
 * Register the domain, DNS resource and DNS resource record resources.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerDNS } from "../dns/routes.ts";
 * const table = new RouteTable(MaasLine.get("3.8"));
 * registerDNS(table);
 * ```
 */
export function registerDNS(table: RouteTable): void {
  table.resource({
    path: "domains/",
    auth: {
      name: "DomainsHandler",
      doc: "The DNS domains MAAS serves.",
      actions: {
        "GET read": {
          doc: "List every domain with the number of records it holds.",
          run: ({ state, line }) =>
            json(state.site.domains.map((domain) => domainJson(line, state.dns, domain))),
        },
        "POST create": {
          doc: "Create a domain (administrators only).\n\n" +
            ":param name: Required. The domain's name, such as `lab.example.com`.\n" +
            ":param authoritative: Optional. Whether MAAS answers for the domain (default " +
            "true).\n" +
            ":param ttl: Optional. The default TTL of the domain's records, 1 to 604800 " +
            "seconds.\n:type ttl: Int\n" +
            ":param forward_dns_servers: Optional. Servers to forward queries to, `IP` or " +
            "`IP:port`, space-separated; only for a domain MAAS is not authoritative for.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const { forwarders, ...fields } = domainForm(state, ctx.data, null);
            const domain: SimDomain = {
              id: state.site.domains.reduce((max, other) => Math.max(max, other.id), -1) + 1,
              isDefault: false,
              ...fields,
            };
            state.site.domains.push(domain);
            if (forwarders) state.dns.forwarders.set(domain.id, forwarders);
            return json(domainJson(ctx.line, state.dns, domain));
          },
        },
        "POST set_serial": {
          doc: "Set the SOA serial number MAAS uses next for every zone (administrators " +
            "only).\n\n:param serial: Required. The serial, 1 to 2147483647.\n:type serial: Int",
          run: (ctx) => {
            canEditGlobal(ctx);
            const given = ctx.data.get("serial");
            if (given === undefined) throw ReplyError.invalid({ serial: ["Missing parameter"] });
            if (!/^\s*[-+]?\d+\s*$/.test(given)) {
              throw ReplyError.invalid({ serial: ["Expected a serial number"] });
            }
            const serial = intParam(ctx.data, "serial")!;
            if (serial < 1 || serial > INT_MAX) {
              throw ReplyError.invalid({
                serial: [`Expected a serial number between 1 and ${INT_MAX}`],
              });
            }
            ctx.state.dns.serial = serial;
            return json(null);
          },
        },
      },
    },
  });

  table.resource({
    path: "domains/{id}/",
    auth: {
      name: "DomainHandler",
      doc: "One DNS domain, by id or name.",
      actions: {
        "GET read": {
          doc: "Read a domain.",
          run: ({ state, line, params }) =>
            json(domainJson(line, state.dns, findDomain(state, params.id))),
        },
        "PUT update": {
          doc: "Change a domain (administrators only); what is left out stays as it is.\n\n" +
            ":param name: Optional. The domain's new name.\n" +
            ":param authoritative: Optional. Whether MAAS answers for the domain.\n" +
            ":param ttl: Optional. The default TTL of the domain's records in seconds; empty " +
            "for MAAS's default.\n:type ttl: Int\n" +
            ":param forward_dns_servers: Optional. Servers to forward queries to, `IP` or " +
            "`IP:port`, space-separated.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const domain = findDomain(state, ctx.params.id);
            const { forwarders, ...fields } = domainForm(state, ctx.data, domain);
            Object.assign(domain, fields);
            if (forwarders) state.dns.forwarders.set(domain.id, forwarders);
            return json(domainJson(ctx.line, state.dns, domain));
          },
        },
        "DELETE delete": {
          doc: "Delete a domain (administrators only). The default domain cannot be deleted, " +
            "nor one that still holds DNS resources or nodes.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const domain = findDomain(state, ctx.params.id);
            if (domain.isDefault) {
              throw ReplyError.badRequest(
                "This domain is the default domain, it cannot be deleted.",
              );
            }
            // MAAS protects a domain its DNS resources and nodes refer to.
            const used = [...state.dns.resources.values()].some((resource) =>
              resource.domainId === domain.id
            ) || [...state.everyNode()].some((node) =>
              node.domainId === domain.id
            );
            if (used) {
              throw ReplyError.badRequest(
                `Cannot delete domain ${domain.name}: DNS resources or nodes still use it.`,
              );
            }
            state.site.domains.splice(state.site.domains.indexOf(domain), 1);
            state.dns.forwarders.delete(domain.id);
            return deleted();
          },
        },
        "POST set_default": {
          doc: "Make this the default domain, the one new nodes get (administrators only).",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const domain = findDomain(state, ctx.params.id);
            for (const other of state.site.domains) {
              other.isDefault = other === domain;
            }
            return json(domainJson(ctx.line, state.dns, domain));
          },
        },
      },
    },
  });

  table.resource({
    path: "dnsresources/",
    auth: {
      name: "DNSResourcesHandler",
      doc: "DNS resources: names with addresses and other records.",
      actions: {
        "GET read": {
          doc: "List DNS resources, by domain and name.\n\n" +
            ":param fqdn: Optional. Only the resource with this fully qualified name (when " +
            "`name` and `domain` are not given).\n" +
            ":param domain: Optional. Only resources of this domain (name or id).\n" +
            ":param name: Optional. Only resources with this label.\n" +
            ":param rrtype: Optional. Only resources with records of this type.\n" +
            ":param all: Optional. Also list the address records MAAS derives from nodes.\n" +
            ":type all: Boolean",
          run: ({ state, query }) => {
            const dns = state.dns;
            const rrtype = query.get("rrtype")?.toUpperCase();
            const all = stringBool(query, "all", false);
            const where = filters(state, query, rrtype);
            if (where === null) return json([]);
            const { name, domain } = where;
            const matches = [...dns.resources.values()]
              .filter((resource) =>
                (domain === undefined || resource.domainId === domain.id) &&
                (name === undefined || resource.name === name) &&
                (rrtype === undefined ||
                  dns.recordsOf(resource.id).some((record) => record.rrtype === rrtype))
              )
              .sort(compareResources);
            if (!all) return json(matches.map((resource) => dnsResourceJson(state, resource)));
            const answer: Record<string, unknown>[] = [];
            for (const each of domain ? [domain] : state.site.domains) {
              answer.push(...impliedResources(state, each, name, rrtype));
              for (const resource of matches) {
                if (resource.domainId === each.id) answer.push(dnsResourceJson(state, resource));
              }
            }
            return json(answer);
          },
        },
        "POST create": {
          doc: "Create a DNS resource (administrators only), named by `fqdn` or by `name` and " +
            "`domain`.\n\n" + NAME_PARAMS + "\n" +
            ":param address_ttl: Optional. The TTL of its address records, in seconds.\n" +
            ":param ip_addresses: Optional. Addresses (or ids of reserved addresses), " +
            "space-separated; each becomes an A or AAAA record.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const dns = ctx.state.dns;
            const form = resourceForm(ctx.state, ctx.data, null);
            const resource: SimDNSResource = {
              id: dns.nextId("resource"),
              name: form.name,
              domainId: form.domainId,
              addressTtl: form.addressTtl,
              addressIds: reserve(ctx, form.addresses ?? []),
            };
            dns.resources.set(resource.id, resource);
            return json(dnsResourceJson(ctx.state, resource));
          },
        },
      },
    },
  });

  table.resource({
    path: "dnsresources/{id}/",
    auth: {
      name: "DNSResourceHandler",
      doc: "One DNS resource, by id.",
      actions: {
        "GET read": {
          doc: "Read a DNS resource.",
          run: ({ state, params }) => json(dnsResourceJson(state, findResource(state, params.id))),
        },
        "PUT update": {
          doc: "Change a DNS resource (administrators only); what is left out stays as it " +
            "is.\n\n" + NAME_PARAMS + "\n" +
            ":param address_ttl: Optional. The TTL of its address records, in seconds.\n" +
            ":param ip_addresses: Optional. The addresses it has from now on (addresses or " +
            "ids of reserved addresses), space-separated.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const resource = findResource(ctx.state, ctx.params.id);
            const form = resourceForm(ctx.state, ctx.data, resource);
            resource.name = form.name;
            resource.domainId = form.domainId;
            resource.addressTtl = form.addressTtl;
            if (form.addresses) resource.addressIds = reserve(ctx, form.addresses);
            return json(dnsResourceJson(ctx.state, resource));
          },
        },
        "DELETE delete": {
          doc: "Delete a DNS resource and its records (administrators only).",
          run: (ctx) => {
            canEditGlobal(ctx);
            ctx.state.dns.deleteResource(findResource(ctx.state, ctx.params.id).id);
            return deleted();
          },
        },
      },
    },
  });

  table.resource({
    path: "dnsresourcerecords/",
    auth: {
      name: "DNSResourceRecordsHandler",
      doc: "DNS resource records other than addresses: CNAME, MX, NS, SRV, SSHFP, TXT.",
      actions: {
        "GET read": {
          doc: "List resource records, by domain, name and type.\n\n" +
            ":param fqdn: Optional. Only the records of this fully qualified name (when " +
            "`name` and `domain` are not given).\n" +
            ":param domain: Optional. Only records in this domain (name or id).\n" +
            ":param name: Optional. Only records of this label.\n" +
            ":param rrtype: Optional. Only records of this type.",
          run: ({ state, query }) => {
            const dns = state.dns;
            const rrtype = query.get("rrtype");
            const where = filters(state, query, rrtype);
            if (where === null) return json([]);
            const { name, domain } = where;
            const records = [...dns.records.values()]
              .map((record) => ({ record, resource: dns.resources.get(record.resourceId)! }))
              .filter(({ record, resource }) =>
                (domain === undefined || resource.domainId === domain.id) &&
                (name === undefined || resource.name === name) &&
                (rrtype === undefined || record.rrtype === rrtype)
              )
              .sort((a, b) => compareResources(a.resource, b.resource));
            return json(records.map(({ record }) => dnsDataJson(state, record)));
          },
        },
        "POST create": {
          doc: "Create a resource record (administrators only), and its DNS resource when the " +
            "name has none yet (with `address_ttl` and `ip_addresses`, as a DNS resource " +
            "takes them).\n\n" + NAME_PARAMS + "\n" +
            ":param rrtype: Required. The type: CNAME, MX, NS, SRV, SSHFP or TXT.\n" +
            ":param rrdata: Required. Everything right of the type, such as " +
            "`10 mail.example.com` for an MX record.\n" +
            ":param ttl: Optional. The record's TTL, in seconds.\n:type ttl: Int",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state, data } = ctx;
            const dns = state.dns;
            const rrtype = data.get("rrtype");
            if (rrtype === undefined) throw ReplyError.badRequest("rrtype must be provided.");
            if (data.get("rrdata") === undefined) {
              throw ReplyError.badRequest("rrdata must be provided.");
            }
            const { name, domain } = placement(state, data, rrtype.toUpperCase());
            if (domain === undefined || name === undefined) {
              throw ReplyError.badRequest("Either name and domain (or fqdn) must be specified");
            }
            let resource = dns.resourceNamed(name, domain.id);
            const fields = recordForm(state, data, resource?.id ?? null, null);
            if (!resource) {
              const form = resourceForm(state, data, null, { name, domain });
              if (
                fields.rrtype === "CNAME" && form.addresses !== undefined &&
                form.addresses.length > 0
              ) {
                throw ReplyError.invalid({ __all__: ["Cannot add address: CNAME present."] });
              }
              resource = {
                id: dns.nextId("resource"),
                name: form.name,
                domainId: form.domainId,
                addressTtl: form.addressTtl,
                addressIds: reserve(ctx, form.addresses ?? []),
              };
              dns.resources.set(resource.id, resource);
            }
            const record: SimDNSData = {
              id: dns.nextId("record"),
              resourceId: resource.id,
              ...fields,
            };
            dns.records.set(record.id, record);
            return json(dnsDataJson(state, record));
          },
        },
      },
    },
  });

  table.resource({
    path: "dnsresourcerecords/{id}/",
    auth: {
      name: "DNSResourceRecordHandler",
      doc: "One DNS resource record, by id.",
      actions: {
        "GET read": {
          doc: "Read a resource record.",
          run: ({ state, params }) => json(dnsDataJson(state, findRecord(state, params.id))),
        },
        "PUT update": {
          doc: "Change a resource record (administrators only); what is left out stays as it " +
            "is.\n\n" +
            ":param rrtype: Optional. The type: CNAME, MX, NS, SRV, SSHFP or TXT.\n" +
            ":param rrdata: Optional. Everything right of the type.\n" +
            ":param ttl: Optional. The record's TTL, in seconds.\n:type ttl: Int",
          run: (ctx) => {
            canEditGlobal(ctx);
            const record = findRecord(ctx.state, ctx.params.id);
            Object.assign(record, recordForm(ctx.state, ctx.data, record.resourceId, record));
            return json(dnsDataJson(ctx.state, record));
          },
        },
        "DELETE delete": {
          doc: "Delete a resource record (administrators only); a DNS resource left with no " +
            "records and no addresses goes too.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const dns = ctx.state.dns;
            const record = findRecord(ctx.state, ctx.params.id);
            dns.records.delete(record.id);
            const resource = dns.resources.get(record.resourceId);
            if (
              resource && resource.addressIds.length === 0 &&
              dns.recordsOf(resource.id).length === 0
            ) {
              dns.resources.delete(resource.id);
            }
            return deleted();
          },
        },
      },
    },
  });
}
