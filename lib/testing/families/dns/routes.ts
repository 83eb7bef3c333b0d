/**
 * DNS: `domains/` (with `set_serial`), `domains/{id}/` (with `set_default`), `dnsresources/`,
 * `dnsresources/{id}/`, `dnsresourcerecords/` and `dnsresourcerecords/{id}/`.
 *
 * Domains are `state.site.domains` (machines refer to them); DNS resources, their records, the
 * addresses they hold, forward DNS servers and the SOA serial are kept here, per simulator.
 *
 * @module
 */

import { isIP } from "node:net";
import type { SimDomain } from "../../inventory.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimMachine } from "../nodes/model.ts";
import { userJson } from "../users/render.ts";
import type { SimDNSData, SimDNSResource, SimStaticAddress } from "./model.ts";
import { subnetJson } from "../../inventory.ts";
import { domainJson as embeddedDomainJson } from "../../inventory.ts";
import { type Fields, nullBooleanField, stringBool } from "../../maas_forms.ts";

const API = "/MAAS/api/2.0/";
const LABEL = "[a-zA-Z0-9]([-a-zA-Z0-9]{0,62}[a-zA-Z0-9]){0,1}";
const SRV_LABEL = "_[a-zA-Z0-9]([-a-zA-Z0-9]{0,62}[a-zA-Z0-9]){0,1}";
const SRV_LHS = `${SRV_LABEL}\\.${SRV_LABEL}(\\.${LABEL})?`;
const DOMAIN_SPEC = `(${LABEL}[.])*${LABEL}[.]?`;
const CNAME_LABEL = "[_a-zA-Z0-9]([-_a-zA-Z0-9]{0,62}[_a-zA-Z0-9]){0,1}";
const CNAME_SPEC = new RegExp(`^(${CNAME_LABEL}\\.)*${CNAME_LABEL}\\.?$`);
const SPECIAL_NAMES = new Set(["", "@", "*"]);
const RRTYPES = ["CNAME", "MX", "NS", "SRV", "SSHFP", "TXT"];
const INT_MAX = 2 ** 31 - 1;
const TTL_MAX = 604800;

const INVALID_MX =
  "Invalid MX: Should be '<preference> <server>'. Range for preference is 0-65535.";
const INVALID_SRV = "Invalid SRV: Should be '<priority> <weight> <port> <server>'. Range for " +
  "priority, weight, and port are 0-65536.";
const INVALID_SSHFP = "Invalid SSHFP: Should be '<algorithm> <fptype> <fingerprint>'.";
const CNAME_AND_OTHER = "CNAME records for a name cannot coexist with non-CNAME records.";

type Data = Fields;

function canEditGlobal(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_global_entities");
}

// ---------------------------------------------------------------------------------------------
// Domains

function findDomain(state: SimulatorState, specifier: string): SimDomain {
  const text = specifier.trim().replace(/^name:/, "");
  const domain = /^\d+$/.test(specifier.trim())
    ? state.site.domains.find((candidate) => candidate.id === Number(specifier.trim()))
    : state.site.domains.find((candidate) => candidate.name === text);
  if (!domain) throw ReplyError.notFound("Domain");
  return domain;
}

function fqdnOf(resource: SimDNSResource, state: SimulatorState): string {
  const domain = state.site.domains.find((candidate) => candidate.id === resource.domainId);
  const domainName = domain?.name ?? "";
  return resource.name === "@" ? domainName : `${resource.name}.${domainName}`;
}

function recordCount(state: SimulatorState, domain: SimDomain): number {
  const store = state.dns;
  let count = 0;
  for (const resource of store.resources.values()) {
    if (resource.domainId !== domain.id) continue;
    count += resource.addressIds.length;
    for (const record of store.records.values()) if (record.resourceId === resource.id) count++;
  }
  return count;
}

function domainJson(state: SimulatorState, domain: SimDomain): Record<string, unknown> {
  return {
    authoritative: domain.authoritative,
    ttl: domain.ttl,
    is_default: domain.isDefault,
    name: domain.name,
    resource_record_count: recordCount(state, domain),
    id: domain.id,
    resource_uri: `${API}domains/${domain.id}/`,
  };
}

/** Machines, devices and controllers: every node that has a domain. */
function allNodes(state: SimulatorState): SimMachine[] {
  const store = state.nodes;
  return [...state.machines.values(), ...store.devices.values(), ...store.controllers.values()];
}

function domainIdOf(node: SimMachine): number | undefined {
  return (node.data.domain as { id?: number } | undefined)?.id;
}

/** Nodes embed their domain by value: refresh the copies (and their fqdn) after a change. */
function refreshNodes(state: SimulatorState, domain: SimDomain): void {
  for (const node of allNodes(state)) {
    if (domainIdOf(node) !== domain.id) continue;
    node.data.domain = embeddedDomainJson(domain);
    node.data.fqdn = `${node.data.hostname}.${domain.name}`;
  }
}

/** MAAS's validate_domain_name, as a list of problems. */
function domainNameProblems(value: string): string[] {
  if (value.length > 255) return ["Domain name length cannot exceed 255 characters."];
  if (!new RegExp(`^${DOMAIN_SPEC}$`).test(value)) {
    return /[^a-zA-Z0-9.-]/.test(value)
      ? ["Domain name contains invalid characters."]
      : [`Invalid domain name: ${value}.`];
  }
  return [];
}

/** Django's IntegerField, with bounds; `undefined` when absent, `null` when blank. */
function integerField(
  value: string | undefined,
  name: string,
  errors: Record<string, string[]>,
  min: number,
  max: number,
): number | null | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return null;
  if (!/^[-+]?\d+$/.test(text)) {
    errors[name] = ["Enter a whole number."];
    return undefined;
  }
  const number = Number(text);
  if (number < min) errors[name] = [`Ensure this value is greater than or equal to ${min}.`];
  else if (number > max) errors[name] = [`Ensure this value is less than or equal to ${max}.`];
  return number;
}

/** IPPortListFormField with port 53 by default: `ip`, `ip:port` or `[ipv6]:port`. */
function forwardServers(
  value: string | undefined,
  errors: Record<string, string[]>,
): string[] | undefined {
  if (value === undefined) return undefined;
  const servers: string[] = [];
  for (const item of value.split(/[,\s]+/).filter((part) => part !== "")) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(item);
    const dotted = /^([^:]+):(\d+)$/.exec(item);
    const [ip, port] = bracketed
      ? [bracketed[1], bracketed[2]]
      : dotted && item.includes(".")
      ? [dotted[1], dotted[2]]
      : [item, undefined];
    if (isIP(ip) === 0 || (port !== undefined && Number(port) > 65535)) {
      errors.forward_dns_servers = [
        `Invalid IP and port combination: ${item};please provide a list of space-separated IP addresses `,
      ];
      return undefined;
    }
    servers.push(port === undefined || port === "53" ? ip : item);
  }
  return servers;
}

/** DomainForm: missing fields keep the current values; every problem in one 400. */
function domainForm(
  state: SimulatorState,
  data: Data,
  current: SimDomain | null,
): { name: string; authoritative: boolean; ttl: number | null; forwarders?: string[] } {
  const errors: Record<string, string[]> = {};
  let name = (data.get("name") ?? current?.name ?? "").trim();
  if (name === "") errors.name = ["This field is required."];
  else {
    const problems = domainNameProblems(name);
    if (problems.length > 0) errors.name = problems;
  }
  name = name.replace(/\.$/, "");
  if (
    !errors.name &&
    state.site.domains.some((domain) => domain.name === name && domain !== current)
  ) {
    errors.name = ["Domain with this Name already exists."];
  }
  const authoritative = nullBooleanField(data, "authoritative") ?? current?.authoritative ?? true;
  const ttl = integerField(data.get("ttl"), "ttl", errors, 1, TTL_MAX);
  const forwarders = forwardServers(data.get("forward_dns_servers"), errors);
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
  if (authoritative && forwarders && forwarders.length > 0) {
    throw ReplyError.invalid({
      __all__: ["a domain cannot be both authoritative and have forward dns servers"],
    });
  }
  return {
    name,
    authoritative,
    ttl: ttl === undefined ? current?.ttl ?? null : ttl,
    forwarders,
  };
}

// ---------------------------------------------------------------------------------------------
// DNS resources and records

function findResource(state: SimulatorState, specifier: string): SimDNSResource {
  const store = state.dns;
  const text = specifier.trim();
  const resource = /^\d+$/.test(text)
    ? store.resources.get(Number(text))
    : [...store.resources.values()].find((candidate) => candidate.name === text);
  if (!resource) throw ReplyError.notFound("DNSResource");
  return resource;
}

function findRecord(state: SimulatorState, specifier: string): SimDNSData {
  const text = specifier.trim();
  const record = /^\d+$/.test(text) ? state.dns.records.get(Number(text)) : undefined;
  if (!record) throw ReplyError.notFound("DNSData");
  return record;
}

function recordJson(state: SimulatorState, record: SimDNSData): Record<string, unknown> {
  const resource = state.dns.resources.get(record.resourceId);
  return {
    id: record.id,
    fqdn: resource ? fqdnOf(resource, state) : "",
    ttl: record.ttl,
    rrtype: record.rrtype,
    rrdata: record.rrdata,
    resource_uri: `${API}dnsresourcerecords/${record.id}/`,
  };
}

function addressJson(state: SimulatorState, address: SimStaticAddress): Record<string, unknown> {
  const owner = address.username === null ? undefined : state.users.get(address.username);
  const subnet = state.site.subnets.find((candidate) => inCidr(address.ip, candidate.cidr));
  return {
    alloc_type: 4,
    alloc_type_name: "User reserved",
    created: address.created,
    ip: address.ip,
    owner: owner ? userJson(state.line, owner) : null,
    interface_set: [],
    subnet: subnet ? subnetJson(subnet, state.site) : null,
    resource_uri: `${API}ipaddresses/`,
  };
}

function resourceJson(state: SimulatorState, resource: SimDNSResource): Record<string, unknown> {
  const store = state.dns;
  const records = [...store.records.values()]
    .filter((record) => record.resourceId === resource.id)
    .sort((a, b) => (a.rrtype < b.rrtype ? -1 : a.rrtype > b.rrtype ? 1 : a.id - b.id));
  return {
    id: resource.id,
    fqdn: fqdnOf(resource, state),
    address_ttl: resource.addressTtl,
    ip_addresses: resource.addressIds.flatMap((id) => {
      const address = store.addresses.get(id);
      return address ? [addressJson(state, address)] : [];
    }),
    resource_records: records.map((record) => recordJson(state, record)),
    resource_uri: `${API}dnsresources/${resource.id}/`,
  };
}

function inCidr(ip: string, cidr: string): boolean {
  const [network, bits] = cidr.split("/");
  if (isIP(ip) !== 4 || isIP(network) !== 4) return false;
  const toNumber = (text: string) =>
    text.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toNumber(ip) / size) === Math.floor(toNumber(network) / size);
}

/** MAAS's separate_fqdn: `[name, domain]`, or null when the name cannot be split. */
function separateFqdn(
  state: SimulatorState,
  fqdn: string,
  rrtype: string | undefined,
): [string, string | undefined] | null {
  if (SPECIAL_NAMES.has(fqdn)) return [fqdn, undefined];
  if (state.site.domains.some((domain) => domain.name === fqdn)) return ["@", fqdn];
  const spec = rrtype === "SRV" ? SRV_LHS : LABEL;
  const match = new RegExp(`^(${spec})\\.(${DOMAIN_SPEC})$`).exec(fqdn);
  if (!match) return null;
  const name = match[1];
  return [name, fqdn.slice(name.length + 1)];
}

/** A resource name usable for address records (`validate_dnsresource_name` with A). */
function addressNameOk(name: string): boolean {
  return SPECIAL_NAMES.has(name) || new RegExp(`^${LABEL}$`).test(name);
}

/**
 * Where a request puts a resource: `name` and `domain`, or `fqdn` split as MAAS splits it. The
 * domain is looked up (404 when unknown).
 */
function placement(
  state: SimulatorState,
  data: Data,
  rrtype: string | undefined,
): { name?: string; domain?: SimDomain } {
  let name = data.get("name");
  let domainName = data.get("domain");
  const fqdn = data.get("fqdn");
  if (domainName === undefined && name === undefined && fqdn !== undefined) {
    const parts = separateFqdn(state, fqdn, rrtype);
    if (!parts) throw ReplyError.badRequest(`Invalid fqdn: ${fqdn}.`);
    [name, domainName] = parts;
  }
  return {
    name,
    domain: domainName === undefined ? undefined : findDomain(state, domainName),
  };
}

/** DNSResourceForm, with the addresses reserved only once everything is valid. */
function resourceForm(
  ctx: AuthContext,
  current: SimDNSResource | null,
): { name: string; domainId: number; addressTtl: number | null; addresses?: string[] } {
  const { state, data } = ctx;
  const store = state.dns;
  const where = placement(state, data, "A");
  const errors: Record<string, string[]> = {};
  const name = (where.name ?? current?.name ?? "").trim();
  const domainId = where.domain?.id ?? current?.domainId;
  if (name === "") errors.name = ["This field is required."];
  if (domainId === undefined) errors.domain = ["This field is required."];
  const ttl = integerField(data.get("address_ttl"), "address_ttl", errors, 0, INT_MAX);
  let addresses: string[] | undefined;
  const given = data.get("ip_addresses");
  if (given !== undefined) {
    addresses = given.split(/\s+/).filter((item) => item !== "");
    for (const item of addresses) {
      if (/^\d+$/.test(item) ? !store.addresses.has(Number(item)) : isIP(item) === 0) {
        errors.ip_addresses = [
          /^\d+$/.test(item)
            ? `Select a valid choice. ${item} is not one of the available choices.`
            : "Enter a valid IPv4 or IPv6 address.",
        ];
      }
    }
  }
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
  const all: string[] = [];
  if (addresses !== undefined && !addressNameOk(name)) {
    all.push(`Invalid dnsresource name: ${name}.`);
  }
  if (
    !current && name !== "" &&
    [...store.resources.values()].some((other) =>
      other.name === name && other.domainId === domainId
    )
  ) {
    all.push("Labels must be unique within their zone.");
  }
  if (
    current && addresses && addresses.length > 0 &&
    [...store.records.values()].some((record) =>
      record.resourceId === current.id && record.rrtype === "CNAME"
    )
  ) {
    all.push("Cannot add address: CNAME present.");
  }
  if (all.length > 0) throw ReplyError.invalid({ __all__: all });
  return {
    name,
    domainId: domainId!,
    addressTtl: ttl === undefined ? current?.addressTtl ?? null : ttl,
    addresses,
  };
}

function reserve(ctx: AuthContext, items: string[]): number[] {
  const store = ctx.state.dns;
  return items.map((item) => {
    if (/^\d+$/.test(item)) return Number(item);
    for (const address of store.addresses.values()) if (address.ip === item) return address.id;
    const address: SimStaticAddress = {
      id: store.nextId("address"),
      ip: item,
      created: new Date().toISOString().slice(0, 23),
      username: ctx.user.username,
    };
    store.addresses.set(address.id, address);
    return address.id;
  });
}

/** Why `rrdata` does not fit `rrtype` (DNSData.clean_rrdata), or null. */
function rrdataProblem(rrtype: string, rrdata: string): string | null {
  const server = (name: string) => domainNameProblems(name)[0] ?? null;
  switch (rrtype) {
    case "CNAME":
      return CNAME_SPEC.test(rrdata) ? null : "Invalid CNAME: Should be '<server>'.";
    case "SSHFP":
      return /^[0-9]+\s+[0-9]+\s+.*$/.test(rrdata) ? null : INVALID_SSHFP;
    case "MX": {
      const match = /^([0-9]+)\s+(.+)$/.exec(rrdata);
      if (!match || Number(match[1]) > 65535) return INVALID_MX;
      return server(match[2]);
    }
    case "NS":
      return server(rrdata);
    case "SRV": {
      const match = /^([0-9]+)\s+([0-9]+)\s+([0-9]+)\s+(.*)$/.exec(rrdata);
      if (!match || match.slice(1, 4).some((part) => Number(part) > 65535)) return INVALID_SRV;
      return match[4] === "." ? null : server(match[4]);
    }
    default:
      return null;
  }
}

/** DNSDataForm and DNSData.clean for `resourceId`, creating when `current` is null. */
function recordForm(
  state: SimulatorState,
  data: Data,
  resourceId: number | null,
  current: SimDNSData | null,
): { rrtype: string; rrdata: string; ttl: number | null } {
  const errors: Record<string, string[]> = {};
  const rrtype = (data.get("rrtype") ?? current?.rrtype ?? "").trim().toUpperCase();
  const rrdata = (data.get("rrdata") ?? current?.rrdata ?? "").trim();
  if (rrtype === "") errors.rrtype = ["This field is required."];
  else if (!RRTYPES.includes(rrtype)) {
    errors.rrtype = [`${rrtype} is not one of ${RRTYPES.join(" ")}.`];
  }
  if (rrdata === "") errors.rrdata = ["This field is required."];
  const ttl = integerField(data.get("ttl"), "ttl", errors, 0, INT_MAX);
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
  const problem = rrdataProblem(rrtype, rrdata);
  if (problem) throw ReplyError.invalid({ __all__: [problem] });
  if (!current && resourceId !== null) {
    const store = state.dns;
    const siblings = [...store.records.values()].filter((record) =>
      record.resourceId === resourceId
    );
    const cname = siblings.some((record) => record.rrtype === "CNAME");
    if (rrtype === "CNAME") {
      const others = siblings.some((record) => record.rrtype !== "CNAME") ||
        (store.resources.get(resourceId)?.addressIds.length ?? 0) > 0;
      if (others) throw ReplyError.invalid({ __all__: [CNAME_AND_OTHER] });
      if (cname) {
        throw ReplyError.invalid({ __all__: ["Only one CNAME can be associated with a name."] });
      }
    } else if (cname) {
      throw ReplyError.invalid({ __all__: [CNAME_AND_OTHER] });
    }
  }
  return { rrtype, rrdata, ttl: ttl === undefined ? current?.ttl ?? null : ttl };
}

/** The implicit address records MAAS makes for nodes with addresses (`all=true`). */
function implicitResources(
  state: SimulatorState,
  domain: SimDomain,
  name: string | undefined,
  rrtype: string | undefined,
): Record<string, unknown>[] {
  const resources: Record<string, unknown>[] = [];
  for (const node of allNodes(state)) {
    if (domainIdOf(node) !== domain.id) continue;
    const data = node.data;
    if (name !== undefined && data.hostname !== name) continue;
    const records = (Array.isArray(data.ip_addresses) ? data.ip_addresses as string[] : [])
      .map((ip) => ({
        system_id: data.system_id,
        node_type: data.node_type,
        user_id: null,
        dnsresource_id: null,
        ttl: null,
        rrtype: isIP(ip) === 6 ? "AAAA" : "A",
        rrdata: ip,
        dnsdata_id: null,
      }))
      .filter((record) => rrtype === undefined || record.rrtype === rrtype);
    if (records.length === 0) continue;
    resources.push({
      id: -1,
      fqdn: `${data.hostname}.${domain.name}`,
      address_ttl: null,
      ip_addresses: null,
      resource_records: records,
      resource_uri: `${API}dnsresources/-1/`,
    });
  }
  return resources;
}

function compareResources(a: SimDNSResource, b: SimDNSResource): number {
  if (a.domainId !== b.domainId) return a.domainId - b.domainId;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id;
}

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
          doc: "List every domain with its resource record count.",
          run: ({ state }) => json(state.site.domains.map((domain) => domainJson(state, domain))),
        },
        "POST create": {
          doc: "Create a domain (administrators only).\n\n" +
            ":param name: Required.\n:param authoritative: Optional boolean (default true).\n" +
            ":param ttl: Optional. Default TTL, 1 to 604800 seconds.\n" +
            ":param forward_dns_servers: Optional. Space-separated `IP` or `IP:port` list; " +
            "only for a domain that is not authoritative.",
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
            return json(domainJson(state, domain));
          },
        },
        "POST set_serial": {
          doc: "Set the SOA serial number used next for every zone (administrators only).\n\n" +
            ":param serial: Required. 1 to 2147483647.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const given = ctx.data.get("serial");
            if (given === undefined) throw ReplyError.invalid({ serial: ["Missing parameter"] });
            if (!/^\s*[-+]?\d+\s*$/.test(given)) {
              throw ReplyError.invalid({ serial: ["Expected a serial number"] });
            }
            const serial = Number(given);
            if (serial === 0 || serial > INT_MAX) {
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
          run: ({ state, params }) => json(domainJson(state, findDomain(state, params.id))),
        },
        "PUT update": {
          doc: "Change a domain (administrators only).\n\n" +
            ":param name: Optional.\n:param authoritative: Optional boolean.\n" +
            ":param ttl: Optional; blank for MAAS's default.\n" +
            ":param forward_dns_servers: Optional. Space-separated `IP` or `IP:port` list.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const domain = findDomain(state, ctx.params.id);
            const { forwarders, ...fields } = domainForm(state, ctx.data, domain);
            Object.assign(domain, fields);
            if (forwarders) state.dns.forwarders.set(domain.id, forwarders);
            refreshNodes(state, domain);
            return json(domainJson(state, domain));
          },
        },
        "DELETE delete": {
          doc: "Delete a domain (administrators only). The default domain cannot be deleted, " +
            "nor one that still holds DNS resources or machines.",
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
            ) || allNodes(state).some((node) =>
              domainIdOf(node) === domain.id
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
              if (other.isDefault !== (other === domain)) {
                other.isDefault = other === domain;
                refreshNodes(state, other);
              }
            }
            return json(domainJson(state, domain));
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
          doc: "List DNS resources.\n\n:param fqdn: Optional.\n:param domain: Optional (name " +
            "or id).\n:param name: Optional.\n:param rrtype: Optional: only resources with " +
            "records of this type.\n:param all: Optional boolean: add the implicit records of " +
            "nodes.",
          run: ({ state, query }) => {
            const store = state.dns;
            const rrtype = query.get("rrtype")?.toUpperCase();
            const all = stringBool(query, "all", false);
            let name = query.get("name");
            let domainName = query.get("domain");
            const fqdn = query.get("fqdn");
            if (domainName === undefined && name === undefined && fqdn !== undefined) {
              const parts = separateFqdn(state, fqdn, rrtype);
              if (!parts) return json([]);
              [name, domainName] = parts;
            }
            const domain = domainName === undefined ? undefined : findDomain(state, domainName);
            const matches = [...store.resources.values()]
              .filter((resource) =>
                (domain === undefined || resource.domainId === domain.id) &&
                (name === undefined || resource.name === name) &&
                (rrtype === undefined ||
                  [...store.records.values()].some((record) =>
                    record.resourceId === resource.id && record.rrtype === rrtype
                  ))
              )
              .sort(compareResources);
            if (!all) return json(matches.map((resource) => resourceJson(state, resource)));
            const answer: Record<string, unknown>[] = [];
            const domains = domain ? [domain] : state.site.domains;
            for (const each of domains) {
              answer.push(...implicitResources(state, each, name, rrtype));
              for (const resource of matches) {
                if (resource.domainId === each.id) answer.push(resourceJson(state, resource));
              }
            }
            return json(answer);
          },
        },
        "POST create": {
          doc: "Create a DNS resource (administrators only).\n\n" +
            ":param fqdn: Optional: used when name and domain are not given.\n" +
            ":param name: Required unless fqdn.\n:param domain: Required unless fqdn (name or " +
            "id).\n:param address_ttl: Optional.\n:param ip_addresses: Optional. " +
            "Space-separated addresses or address ids; each becomes an A or AAAA record.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.dns;
            const form = resourceForm(ctx, null);
            const resource: SimDNSResource = {
              id: store.nextId("resource"),
              name: form.name,
              domainId: form.domainId,
              addressTtl: form.addressTtl,
              addressIds: reserve(ctx, form.addresses ?? []),
            };
            store.resources.set(resource.id, resource);
            return json(resourceJson(ctx.state, resource));
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
          run: ({ state, params }) => json(resourceJson(state, findResource(state, params.id))),
        },
        "PUT update": {
          doc: "Change a DNS resource (administrators only).\n\n" +
            ":param fqdn: Optional.\n:param name: Optional.\n:param domain: Optional.\n" +
            ":param address_ttl: Optional.\n:param ip_addresses: Optional. Replaces the " +
            "addresses (space-separated addresses or ids).",
          run: (ctx) => {
            canEditGlobal(ctx);
            const resource = findResource(ctx.state, ctx.params.id);
            const form = resourceForm(ctx, resource);
            resource.name = form.name;
            resource.domainId = form.domainId;
            resource.addressTtl = form.addressTtl;
            if (form.addresses) resource.addressIds = reserve(ctx, form.addresses);
            return json(resourceJson(ctx.state, resource));
          },
        },
        "DELETE delete": {
          doc: "Delete a DNS resource and its records (administrators only).",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.dns;
            const resource = findResource(ctx.state, ctx.params.id);
            for (const [id, record] of store.records) {
              if (record.resourceId === resource.id) store.records.delete(id);
            }
            store.resources.delete(resource.id);
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
          doc: "List resource records.\n\n:param fqdn: Optional.\n:param domain: Optional " +
            "(name or id).\n:param name: Optional.\n:param rrtype: Optional.",
          run: ({ state, query }) => {
            const store = state.dns;
            let name = query.get("name");
            let domainName = query.get("domain");
            const rrtype = query.get("rrtype");
            const fqdn = query.get("fqdn");
            if (domainName === undefined && name === undefined && fqdn !== undefined) {
              const parts = separateFqdn(state, fqdn, rrtype);
              if (!parts) return json([]);
              [name, domainName] = parts;
            }
            const domain = domainName === undefined ? undefined : findDomain(state, domainName);
            const records = [...store.records.values()]
              .map((record) => ({ record, resource: store.resources.get(record.resourceId)! }))
              .filter(({ record, resource }) =>
                (domain === undefined || resource.domainId === domain.id) &&
                (name === undefined || resource.name === name) &&
                (rrtype === undefined || record.rrtype === rrtype)
              )
              .sort((a, b) => compareResources(a.resource, b.resource));
            return json(records.map(({ record }) => recordJson(state, record)));
          },
        },
        "POST create": {
          doc: "Create a resource record (administrators only), and its DNS resource when the " +
            "name has none.\n\n" +
            ":param fqdn: Optional: used when name and domain are not given.\n" +
            ":param name: Optional.\n:param domain: Optional (name or id).\n" +
            ":param rrtype: Required: CNAME, MX, NS, SRV, SSHFP or TXT.\n" +
            ":param rrdata: Required, e.g. `10 mail.example.com` for MX.\n:param ttl: Optional.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state, data } = ctx;
            const store = state.dns;
            const rrtype = data.get("rrtype");
            if (rrtype === undefined) throw ReplyError.badRequest("rrtype must be provided.");
            if (data.get("rrdata") === undefined) {
              throw ReplyError.badRequest("rrdata must be provided.");
            }
            const { name, domain } = placement(state, data, rrtype.toUpperCase());
            if (domain === undefined || name === undefined) {
              throw ReplyError.badRequest("Either name and domain (or fqdn) must be specified");
            }
            let resource = [...store.resources.values()].find((candidate) =>
              candidate.name === name && candidate.domainId === domain.id
            );
            const fields = recordForm(state, data, resource?.id ?? null, null);
            if (!resource) {
              resource = {
                id: store.nextId("resource"),
                name,
                domainId: domain.id,
                addressTtl: null,
                addressIds: [],
              };
              store.resources.set(resource.id, resource);
            }
            const record: SimDNSData = {
              id: store.nextId("record"),
              resourceId: resource.id,
              ...fields,
            };
            store.records.set(record.id, record);
            return json(recordJson(state, record));
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
          run: ({ state, params }) => json(recordJson(state, findRecord(state, params.id))),
        },
        "PUT update": {
          doc: "Change a resource record (administrators only).\n\n" +
            ":param rrtype: Optional.\n:param rrdata: Optional.\n:param ttl: Optional.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const record = findRecord(ctx.state, ctx.params.id);
            Object.assign(record, recordForm(ctx.state, ctx.data, record.resourceId, record));
            return json(recordJson(ctx.state, record));
          },
        },
        "DELETE delete": {
          doc: "Delete a resource record (administrators only); a DNS resource left with no " +
            "records and no addresses goes too.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.dns;
            const record = findRecord(ctx.state, ctx.params.id);
            store.records.delete(record.id);
            const resource = store.resources.get(record.resourceId);
            if (
              resource && resource.addressIds.length === 0 &&
              ![...store.records.values()].some((other) => other.resourceId === resource.id)
            ) {
              store.resources.delete(resource.id);
            }
            return deleted();
          },
        },
      },
    },
  });
}
