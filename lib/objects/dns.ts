/**
 * DNS: the domains MAAS serves, DNS resources (names with addresses) and their other resource
 * records (CNAME, MX, NS, SRV, SSHFP, TXT).
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import type { Params } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";

/** The largest SOA serial MAAS accepts (a signed 32-bit integer). */
const MAX_SERIAL = 2 ** 31 - 1;

/** A domain given by id, by name, or as a {@linkcode Domain}. */
export type DomainRef = number | string | Domain;

/**
 * A DNS domain. Domain 0, `maas`, exists from the start; the default domain (where new nodes go)
 * cannot be deleted.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function shortenTtl(client: Client) {
 *   const domain = await client.domains.getDefault();
 *   domain.ttl = 300;
 *   return await domain.save(); // PUT domains/0/ ttl=300
 * }
 * ```
 */
export class Domain extends MaasObject {
  /** Domain id. */
  declare readonly id: number;
  /** Domain name, such as `maas` or `example.com`; writable. */
  declare name: string;
  /** Whether MAAS is authoritative for the domain; writable. */
  declare authoritative: boolean;
  /** Default TTL of the domain's records in seconds, `null` for MAAS's default; writable. */
  declare ttl: number | null;
  /** Whether new nodes get this domain. */
  declare readonly isDefault: boolean;
  /** How many resource records the domain holds. */
  declare readonly resourceRecordCount: number;
  /**
   * Servers to forward queries to when MAAS is not authoritative (IP or IP:port). MAAS does not
   * send them back; setting them records a change for `save()`.
   */
  declare forwardDnsServers: readonly string[] | undefined;

  /** `domains/{id}/`. */
  get resourcePath(): string {
    return apiPath`domains/${this.id}/`;
  }

  /** `Domain 0 maas (default)`. */
  toString(): string {
    return `Domain ${this.id} ${this.data.name}${this.data.is_default ? " (default)" : ""}`;
  }

  /** Makes this the default domain: nodes created from now on get it. */
  async setDefault(options?: CallOptions): Promise<this> {
    return await this.op("POST", "set_default", undefined, options);
  }

  /** MAAS takes the forward servers as one space-separated value. */
  protected override saveParams(changes: WireData): Params {
    return domainParams(changes);
  }
}
defineFields(Domain, {
  id: "id",
  name: { wire: "name", writable: true },
  authoritative: { wire: "authoritative", writable: true },
  ttl: { wire: "ttl", writable: true },
  isDefault: "is_default",
  resourceRecordCount: "resource_record_count",
  forwardDnsServers: { wire: "forward_dns_servers", writable: true },
});

/** What a new domain takes. */
export interface CreateDomainOptions extends CallOptions {
  /** The domain name. */
  name: string;
  /** Whether MAAS is authoritative (MAAS's default: true). Must be false with forward servers. */
  authoritative?: boolean;
  /** Default TTL in seconds (1 to 604800). */
  ttl?: number;
  /** Servers to forward to when not authoritative: IP addresses, optionally `IP:port`. */
  forwardDnsServers?: readonly string[];
}

/**
 * `client.domains`: list, read and create domains; find the default one; set the SOA serial.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addZone(client: Client) {
 *   const domain = await client.domains.create({ name: "lab.example.com", ttl: 600 });
 *   await domain.setDefault();
 *   return domain;
 * }
 * ```
 */
export class Domains extends Namespace {
  /** Every domain. */
  async list(options?: CallOptions): Promise<Domain[]> {
    const data = await this.context.call("GET", "domains/", options);
    return expectList(data, "domains").map((item) => new Domain(this.context, item));
  }

  /** One domain by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<Domain> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`domains/${id}/`, options);
    return new Domain(this.context, expectObject(data, "a domain"));
  }

  /** The default domain (MAAS has no call for it alone, so this reads the list). */
  async getDefault(options?: CallOptions): Promise<Domain> {
    const domains = await this.list(options);
    const found = domains.find((domain) => domain.isDefault === true);
    if (!found) throw new ProtocolError("The server listed no domain as the default");
    return found;
  }

  /** Creates a domain (administrators only); a taken or invalid name is a 400 on `name`. */
  async create(options: CreateDomainOptions): Promise<Domain> {
    const { name, authoritative, ttl, forwardDnsServers, ...call } =
      (options ?? {}) as CreateDomainOptions;
    required(name, "name", "string");
    optional(authoritative, "authoritative", "boolean");
    optional(ttl, "ttl", "number");
    const data = await this.context.call("POST", "domains/", {
      params: domainParams({
        name,
        authoritative,
        ttl,
        forward_dns_servers: forwardDnsServers,
      }),
      ...call,
    });
    return new Domain(this.context, expectObject(data, "a domain"));
  }

  /**
   * Sets the SOA serial number MAAS uses next for all its DNS zones (administrators only);
   * 1 to 2147483647.
   */
  async setSerial(serial: number, options?: CallOptions): Promise<void> {
    required(serial, "serial", "number");
    if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL) {
      throw new ParameterError(`Parameter "serial" must be an integer from 1 to ${MAX_SERIAL}`);
    }
    await this.context.call("POST", "domains/", {
      op: "set_serial",
      params: { serial },
      ...options,
    });
  }
}

function domainParams(values: WireData): Params {
  const servers = values.forward_dns_servers;
  if (servers === undefined || servers === null) return values as Params;
  if (
    !Array.isArray(servers) || servers.some((server) => typeof server !== "string" || server === "")
  ) {
    throw new ParameterError(
      'Parameter "forwardDnsServers" must be a list of addresses ("IP" or "IP:port")',
    );
  }
  return { ...values, forward_dns_servers: servers.join(" ") } as Params;
}

/** A resource record as nested in a DNS resource, or listed on its own. */
export interface ResourceRecordData {
  /** Record id (`null` for the implicit records of nodes). */
  readonly id?: number | null;
  /** Record type: `CNAME`, `MX`, `NS`, `SRV`, `SSHFP`, `TXT`, or `A`/`AAAA` for implicit ones. */
  readonly rrtype: string;
  /** Everything right of the type, such as `10 mail.example.com`. */
  readonly rrdata: string;
  /** TTL in seconds, or `null` for the domain's. */
  readonly ttl: number | null;
  /** The name the record belongs to, when MAAS sends it. */
  readonly fqdn?: string;
  /** The node whose implicit record this is, when it is one. */
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

/**
 * A DNS resource: a name in a domain, with addresses (A/AAAA records) and other records. Implicit
 * resources of nodes (listed with `all: true`) have id -1 and cannot be changed.
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
  /** Resource id (-1 for the implicit resource of a node). */
  declare readonly id: number;
  /** Fully qualified name; writable (moves the resource to the name and domain it spells). */
  declare fqdn: string;
  /** TTL of the address records in seconds, `null` for the domain's; writable. */
  declare addressTtl: number | null;
  /** The addresses, as MAAS nests them (`null` for implicit resources). */
  declare readonly ipAddresses: readonly ResourceAddressData[] | null;
  /** The resource's other records. */
  declare readonly resourceRecords: readonly ResourceRecordData[];

  /** `dnsresources/{id}/`. */
  get resourcePath(): string {
    return apiPath`dnsresources/${this.id}/`;
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
    this.set("ip_addresses", addressList(value));
  }

  /** `DNSResource 3 www.maas (10.0.0.5)`. */
  toString(): string {
    const addresses = Array.isArray(this.data.ip_addresses)
      ? (this.data.ip_addresses as ResourceAddressData[]).map((item) => item.ip)
      : [];
    return `DNSResource ${this.id} ${this.data.fqdn}${
      addresses.length ? ` (${addresses.join(", ")})` : ""
    }`;
  }

  /** MAAS takes the addresses as one space-separated value. */
  protected override saveParams(changes: WireData): Params {
    const addresses = changes.ip_addresses;
    return (Array.isArray(addresses)
      ? { ...changes, ip_addresses: addresses.join(" ") }
      : changes) as Params;
  }
}
defineFields(DNSResource, {
  id: "id",
  fqdn: { wire: "fqdn", writable: true },
  addressTtl: { wire: "address_ttl", writable: true },
  ipAddresses: "ip_addresses",
  resourceRecords: { wire: "resource_records", map: (value) => value ?? [] },
});

/** Filters of {@linkcode DNSResources.list} and {@linkcode DNSResourceRecords.list}. */
export interface DNSListOptions extends CallOptions {
  /** Only this fully qualified name (ignored by MAAS when `name` or `domain` is given). */
  fqdn?: string;
  /** Only this domain (id, name or object). */
  domain?: DomainRef;
  /** Only this name (without the domain). */
  name?: string;
  /** Only resources with records of this type. */
  rrtype?: string;
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

/** What a new DNS resource takes. */
export interface CreateDNSResourceOptions extends DNSNameOptions, CallOptions {
  /** TTL of the address records, in seconds. */
  addressTtl?: number;
  /** Addresses (IPv4 or IPv6) or ids of reserved addresses; each becomes an A or AAAA record. */
  ipAddresses?: readonly string[];
}

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
  /** DNS resources matching the filters; `all: true` adds the implicit ones of nodes. */
  async list(options: DNSListOptions & { all?: boolean } = {}): Promise<DNSResource[]> {
    const { all, ...rest } = optionsOf(options);
    optional(all, "all", "boolean");
    const { params, call } = listParams(rest);
    const data = await this.context.call("GET", "dnsresources/", {
      params: { ...params, all },
      ...call,
    });
    return expectList(data, "DNS resources").map((item) => new DNSResource(this.context, item));
  }

  /** One DNS resource by id. */
  async get(id: number, options?: CallOptions): Promise<DNSResource> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`dnsresources/${id}/`, options);
    return new DNSResource(this.context, expectObject(data, "a DNS resource"));
  }

  /** Creates a DNS resource (administrators only), named by `fqdn` or by `name` and `domain`. */
  async create(options: CreateDNSResourceOptions): Promise<DNSResource> {
    const { fqdn, name, domain, addressTtl, ipAddresses, ...call } =
      (options ?? {}) as CreateDNSResourceOptions;
    optional(addressTtl, "addressTtl", "number");
    const params = {
      ...nameParams({ fqdn, name, domain }),
      address_ttl: addressTtl,
      ip_addresses: ipAddresses === undefined ? undefined : addressList(ipAddresses).join(" "),
    };
    const data = await this.context.call("POST", "dnsresources/", { params, ...call });
    return new DNSResource(this.context, expectObject(data, "a DNS resource"));
  }
}

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
    return apiPath`dnsresourcerecords/${this.id}/`;
  }

  /** `DNSResourceRecord 4 mail.maas MX 10 mx.example.com`. */
  toString(): string {
    return `DNSResourceRecord ${this.id} ${this.data.fqdn} ${this.data.rrtype} ${this.data.rrdata}`;
  }
}
defineFields(DNSResourceRecord, {
  id: "id",
  fqdn: "fqdn",
  rrtype: { wire: "rrtype", writable: true },
  rrdata: { wire: "rrdata", writable: true },
  ttl: { wire: "ttl", writable: true },
});

/** What a new DNS resource record takes. */
export interface CreateDNSResourceRecordOptions extends DNSNameOptions, CallOptions {
  /** Record type: `CNAME`, `MX`, `NS`, `SRV`, `SSHFP` or `TXT`. */
  rrtype: string;
  /** Everything right of the type, such as `10 mail.example.com`. */
  rrdata: string;
  /** TTL in seconds. */
  ttl?: number;
}

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
  async list(options: DNSListOptions = {}): Promise<DNSResourceRecord[]> {
    const { params, call } = listParams(options);
    const data = await this.context.call("GET", "dnsresourcerecords/", { params, ...call });
    return expectList(data, "DNS resource records").map((item) =>
      new DNSResourceRecord(this.context, item)
    );
  }

  /** One record by id. */
  async get(id: number, options?: CallOptions): Promise<DNSResourceRecord> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`dnsresourcerecords/${id}/`, options);
    return new DNSResourceRecord(this.context, expectObject(data, "a DNS resource record"));
  }

  /** Creates a record (administrators only), named by `fqdn` or by `name` and `domain`. */
  async create(options: CreateDNSResourceRecordOptions): Promise<DNSResourceRecord> {
    const { fqdn, name, domain, rrtype, rrdata, ttl, ...call } =
      (options ?? {}) as CreateDNSResourceRecordOptions;
    required(rrtype, "rrtype", "string");
    required(rrdata, "rrdata", "string");
    optional(ttl, "ttl", "number");
    const params = { ...nameParams({ fqdn, name, domain }), rrtype, rrdata, ttl };
    const data = await this.context.call("POST", "dnsresourcerecords/", { params, ...call });
    return new DNSResourceRecord(this.context, expectObject(data, "a DNS resource record"));
  }
}

function listParams(options: DNSListOptions): { params: Params; call: CallOptions } {
  const { fqdn, domain, name, rrtype, ...call } = (options ?? {}) as DNSListOptions;
  optional(fqdn, "fqdn", "string");
  optional(name, "name", "string");
  optional(rrtype, "rrtype", "string");
  return {
    params: {
      fqdn,
      name,
      rrtype,
      domain: domain === undefined ? undefined : domainValue(domain),
    },
    call,
  };
}

function nameParams(options: DNSNameOptions): Params {
  const { fqdn, name, domain } = optionsOf(options);
  if (name !== undefined || domain !== undefined) {
    required(name, "name", "string");
    if (domain === undefined) throw new ParameterError('Missing required parameter "domain"');
    return { name, domain: domainValue(domain) };
  }
  if (fqdn === undefined) {
    throw new ParameterError('Give "fqdn", or "name" and "domain"');
  }
  required(fqdn, "fqdn", "string");
  return { fqdn };
}

function domainValue(domain: DomainRef): string | number {
  if (domain instanceof Domain) return domain.id;
  if ((typeof domain === "string" && domain !== "") || typeof domain === "number") return domain;
  throw new ParameterError(
    `Parameter "domain" must be a domain id, name or Domain, got ${describe(domain)}`,
  );
}

function addressList(value: unknown): string[] {
  if (
    !Array.isArray(value) || value.some((item) => typeof item !== "string" || item.trim() === "")
  ) {
    throw new ParameterError('Parameter "ipAddresses" must be a list of addresses or ids');
  }
  return value.map((item: string) => item.trim());
}

function optional(value: unknown, name: string, type: "string" | "number" | "boolean"): void {
  if (value !== undefined && value !== null && typeof value !== type) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a ${type}, got ${describe(value)}`,
    );
  }
}
