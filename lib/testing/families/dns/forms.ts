/**
 * MAAS's DNS forms and validators: `DomainForm`, `DNSResourceForm`, `DNSDataForm` with
 * `DNSData.clean`, `validate_domain_name`, `separate_fqdn` and the `IPPortListFormField` of
 * forward DNS servers. Each reads a request with the rules of `maas_forms.ts` and answers MAAS's
 * field errors.
 *
 * @module
 */

import { isIP } from "node:net";
import type { SimDomain } from "../../inventory.ts";
import { type Fields, FormErrors, integerField, nullBooleanField } from "../../maas_forms.ts";
import { ReplyError } from "../../reply.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimDNSData, SimDNSResource } from "./model.ts";

const LABEL = "[a-zA-Z0-9]([-a-zA-Z0-9]{0,62}[a-zA-Z0-9]){0,1}";
const SRV_LABEL = "_[a-zA-Z0-9]([-a-zA-Z0-9]{0,62}[a-zA-Z0-9]){0,1}";
const SRV_LHS = `${SRV_LABEL}\\.${SRV_LABEL}(\\.${LABEL})?`;
const DOMAIN_SPEC = `(${LABEL}[.])*${LABEL}[.]?`;
const CNAME_LABEL = "[_a-zA-Z0-9]([-_a-zA-Z0-9]{0,62}[_a-zA-Z0-9]){0,1}";
const CNAME_SPEC = new RegExp(`^(${CNAME_LABEL}\\.)*${CNAME_LABEL}\\.?$`);
const SPECIAL_NAMES = new Set(["", "@", "*"]);

/** The record types MAAS keeps as DNSData (addresses are the resource's own). */
export const RRTYPES: readonly string[] = ["CNAME", "MX", "NS", "SRV", "SSHFP", "TXT"];
/** The largest value of a PostgreSQL integer, MAAS's upper bound for TTLs and serials. */
export const INT_MAX = 2 ** 31 - 1;
const TTL_MAX = 604800;

const INVALID_MX =
  "Invalid MX: Should be '<preference> <server>'. Range for preference is 0-65535.";
const INVALID_SRV = "Invalid SRV: Should be '<priority> <weight> <port> <server>'. Range for " +
  "priority, weight, and port are 0-65536.";
const INVALID_SSHFP = "Invalid SSHFP: Should be '<algorithm> <fptype> <fingerprint>'.";
const CNAME_AND_OTHER = "CNAME records for a name cannot coexist with non-CNAME records.";

/**
 * A domain by id or name (`name:` prefix allowed), as MAAS's domain specifiers read it; 404 when
 * there is none.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { findDomain } from "./forms.ts";
 * console.log(findDomain(new SimulatorState(), "maas").id); // 0
 * ```
 */
export function findDomain(state: SimulatorState, specifier: string): SimDomain {
  const text = specifier.trim();
  const domain = /^\d+$/.test(text)
    ? state.site.domains.find((candidate) => candidate.id === Number(text))
    : state.site.domains.find((candidate) => candidate.name === text.replace(/^name:/, ""));
  if (!domain) throw ReplyError.notFound("Domain");
  return domain;
}

/** MAAS's `validate_domain_name`, as a list of problems. */
function domainNameProblems(value: string): string[] {
  if (value.length > 255) return ["Domain name length cannot exceed 255 characters."];
  if (!new RegExp(`^${DOMAIN_SPEC}$`).test(value)) {
    return /[^a-zA-Z0-9.-]/.test(value)
      ? ["Domain name contains invalid characters."]
      : [`Invalid domain name: ${value}.`];
  }
  return [];
}

/** `IPPortListFormField` with port 53 by default: `ip`, `ip:port` or `[ipv6]:port`. */
function forwardServers(value: string, errors: FormErrors): string[] {
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
      errors.add(
        "forward_dns_servers",
        `Invalid IP and port combination: ${item};please provide a list of space-separated IP addresses `,
      );
      return [];
    }
    servers.push(port === undefined || port === "53" ? ip : item);
  }
  return servers;
}

/** What {@linkcode domainForm} gives: the domain's fields, and its forward servers when sent. */
export interface DomainFields {
  /** The name, without a trailing dot. */
  name: string;
  /** Whether MAAS answers for it. */
  authoritative: boolean;
  /** Default TTL, or null. */
  ttl: number | null;
  /** Forward servers, when the request sent them. */
  forwarders?: string[];
}

/**
 * `DomainForm`: on update, fields left out keep `current`'s values; every problem in one 400.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { FormFields } from "../../request.ts";
 * import { domainForm } from "./forms.ts";
 * console.log(domainForm(new SimulatorState(), new FormFields([["name", "x.example."]]), null).name);
 * // "x.example"
 * ```
 */
export function domainForm(
  state: SimulatorState,
  data: Fields,
  current: SimDomain | null,
): DomainFields {
  const errors = new FormErrors();
  let name = (data.get("name") ?? current?.name ?? "").trim();
  if (name === "") errors.add("name", "This field is required.");
  else for (const problem of domainNameProblems(name)) errors.add("name", problem);
  name = name.replace(/\.$/, "");
  if (
    !errors.has("name") &&
    state.site.domains.some((domain) => domain.name === name && domain !== current)
  ) {
    errors.add("name", "Domain with this Name already exists.");
  }
  const authoritative = nullBooleanField(data, "authoritative") ?? current?.authoritative ?? true;
  const ttl = data.has("ttl")
    ? integerField(data, "ttl", errors, { min: 1, max: TTL_MAX })
    : current?.ttl ?? null;
  const given = data.get("forward_dns_servers");
  const forwarders = given === undefined ? undefined : forwardServers(given, errors);
  errors.throwIfAny();
  if (authoritative && forwarders && forwarders.length > 0) {
    throw ReplyError.invalid({
      __all__: ["a domain cannot be both authoritative and have forward dns servers"],
    });
  }
  return { name, authoritative, ttl, forwarders };
}

/**
 * MAAS's `separate_fqdn`: `[name, domain]`, or null when the name cannot be split.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { separateFqdn } from "./forms.ts";
 * console.log(separateFqdn(new SimulatorState(), "www.maas", undefined)); // ["www", "maas"]
 * ```
 */
export function separateFqdn(
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

/**
 * Where a request puts a resource: `name` and `domain`, or `fqdn` split as MAAS splits it. The
 * domain is looked up (404 when unknown); a `fqdn` that cannot be split is a 400.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { FormFields } from "../../request.ts";
 * import { placement } from "./forms.ts";
 * const where = placement(new SimulatorState(), new FormFields([["fqdn", "www.maas"]]), "A");
 * console.log(where.name, where.domain?.id); // "www" 0
 * ```
 */
export function placement(
  state: SimulatorState,
  data: Fields,
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

/** What {@linkcode resourceForm} gives. */
export interface ResourceFields {
  /** The label. */
  name: string;
  /** The domain's id. */
  domainId: number;
  /** TTL of the address records, or null. */
  addressTtl: number | null;
  /** The addresses (IPs or static address ids), when the request sent them. */
  addresses?: string[];
}

/**
 * `DNSResourceForm`: the resource's place (from the request, or `where` when the caller has
 * placed it already), TTL and addresses, checked; the addresses are only reserved by the caller
 * once everything is valid.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { FormFields } from "../../request.ts";
 * import { resourceForm } from "./forms.ts";
 * const data = new FormFields([["fqdn", "www.maas"], ["ip_addresses", "10.20.0.40"]]);
 * console.log(resourceForm(new SimulatorState(), data, null).addresses); // ["10.20.0.40"]
 * ```
 */
export function resourceForm(
  state: SimulatorState,
  data: Fields,
  current: SimDNSResource | null,
  where: { name?: string; domain?: SimDomain } = placement(state, data, "A"),
): ResourceFields {
  const dns = state.dns;
  const errors = new FormErrors();
  const name = (where.name ?? current?.name ?? "").trim();
  const domainId = where.domain?.id ?? current?.domainId;
  if (name === "") errors.add("name", "This field is required.");
  if (domainId === undefined) errors.add("domain", "This field is required.");
  const addressTtl = data.has("address_ttl")
    ? integerField(data, "address_ttl", errors, { min: 0, max: INT_MAX })
    : current?.addressTtl ?? null;
  let addresses: string[] | undefined;
  const given = data.get("ip_addresses");
  if (given !== undefined) {
    addresses = given.split(/\s+/).filter((item) => item !== "");
    for (const item of addresses) {
      if (errors.has("ip_addresses")) break;
      if (/^\d+$/.test(item) ? !dns.addresses.has(Number(item)) : isIP(item) === 0) {
        errors.add(
          "ip_addresses",
          /^\d+$/.test(item)
            ? `Select a valid choice. ${item} is not one of the available choices.`
            : "Enter a valid IPv4 or IPv6 address.",
        );
      }
    }
  }
  errors.throwIfAny();
  const all: string[] = [];
  if (addresses !== undefined && !addressNameOk(name)) {
    all.push(`Invalid dnsresource name: ${name}.`);
  }
  const twin = dns.resourceNamed(name, domainId!);
  if (name !== "" && twin !== undefined && twin !== current) {
    all.push("Labels must be unique within their zone.");
  }
  const resourceId = current?.id ?? twin?.id;
  if (
    resourceId !== undefined && addresses && addresses.length > 0 &&
    dns.recordsOf(resourceId).some((record) => record.rrtype === "CNAME")
  ) {
    all.push("Cannot add address: CNAME present.");
  }
  if (all.length > 0) throw ReplyError.invalid({ __all__: all });
  return { name, domainId: domainId!, addressTtl, addresses };
}

/** A resource name usable for address records (`validate_dnsresource_name` with A). */
function addressNameOk(name: string): boolean {
  return SPECIAL_NAMES.has(name) || new RegExp(`^${LABEL}$`).test(name);
}

/** Why `rrdata` does not fit `rrtype` (`DNSData.clean_rrdata`), or null. */
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

/** What {@linkcode recordForm} gives. */
export interface RecordFields {
  /** Record type, upper case. */
  rrtype: string;
  /** Right-hand side. */
  rrdata: string;
  /** TTL, or null. */
  ttl: number | null;
}

/**
 * `DNSDataForm` and `DNSData.clean` for a record of the resource `resourceId` (null for one
 * whose resource does not exist yet), creating when `current` is null; on update, fields left
 * out keep `current`'s values.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { FormFields } from "../../request.ts";
 * import { recordForm } from "./forms.ts";
 * const data = new FormFields([["rrtype", "mx"], ["rrdata", "10 mail.example.com"]]);
 * console.log(recordForm(new SimulatorState(), data, null, null).rrtype); // "MX"
 * ```
 */
export function recordForm(
  state: SimulatorState,
  data: Fields,
  resourceId: number | null,
  current: SimDNSData | null,
): RecordFields {
  const errors = new FormErrors();
  const rrtype = (data.get("rrtype") ?? current?.rrtype ?? "").trim().toUpperCase();
  const rrdata = (data.get("rrdata") ?? current?.rrdata ?? "").trim();
  if (rrtype === "") errors.add("rrtype", "This field is required.");
  else if (!RRTYPES.includes(rrtype)) {
    errors.add("rrtype", `${rrtype} is not one of ${RRTYPES.join(" ")}.`);
  }
  if (rrdata === "") errors.add("rrdata", "This field is required.");
  const ttl = data.has("ttl")
    ? integerField(data, "ttl", errors, { min: 0, max: INT_MAX })
    : current?.ttl ?? null;
  errors.throwIfAny();
  const problem = rrdataProblem(rrtype, rrdata);
  if (problem) throw ReplyError.invalid({ __all__: [problem] });
  if (!current && resourceId !== null) {
    const dns = state.dns;
    const siblings = dns.recordsOf(resourceId);
    const cname = siblings.some((record) => record.rrtype === "CNAME");
    if (rrtype === "CNAME") {
      const others = siblings.some((record) => record.rrtype !== "CNAME") ||
        (dns.resources.get(resourceId)?.addressIds.length ?? 0) > 0;
      if (others) throw ReplyError.invalid({ __all__: [CNAME_AND_OTHER] });
      if (cname) {
        throw ReplyError.invalid({ __all__: ["Only one CNAME can be associated with a name."] });
      }
    } else if (cname) {
      throw ReplyError.invalid({ __all__: [CNAME_AND_OTHER] });
    }
  }
  return { rrtype, rrdata, ttl };
}
