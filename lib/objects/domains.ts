/**
 * DNS domains: the zones MAAS serves (or forwards), keyed by id. Domain 0, `maas`, exists from the
 * start; the default domain is where new nodes go and cannot be deleted.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function names(client: Client): Promise<string[]> {
 *   return (await client.domains.list()).map((domain) => domain.name);
 * }
 * ```
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import { type Codec, type ExtraParams, family, op, pathOf } from "./spec.ts";
import { describe } from "./wire.ts";

/** The largest SOA serial MAAS accepts (a PostgreSQL integer). */
const MAX_SERIAL = 2 ** 31 - 1;

/** A domain given by id, by name, or as a {@linkcode Domain}. */
export type DomainRef = number | string | Domain;

/** What a new domain takes. */
export interface CreateDomainOptions extends ExtraParams {
  /** The domain name (a trailing dot is dropped). */
  name: string;
  /** Whether MAAS is authoritative (MAAS's default: true). Must be false with forward servers. */
  authoritative?: boolean;
  /** Default TTL of the domain's records, in seconds (1 to 604800). */
  ttl?: number;
  /**
   * Servers to forward queries to when MAAS is not authoritative: IP addresses, optionally
   * `IP:port` (MAAS 3.7 and later).
   */
  forwardDnsServers?: readonly string[];
}

/** The fields a domain's `save()` sends: those of {@linkcode Domain} that may be changed. */
interface DomainChanges {
  name?: string;
  authoritative?: boolean;
  ttl?: number;
  forwardDnsServers?: readonly string[];
}

/**
 * A domain sent by id (a {@linkcode Domain}) or as given (an id or a name): MAAS's domain
 * fields take either.
 */
export const DOMAIN_REF: Codec = {
  takes: "a domain id, name or Domain",
  encode(value: unknown, option: string): ParamValue {
    if (value instanceof MaasObject) return value.get("id") as ParamValue;
    if ((typeof value === "string" && value !== "") || Number.isSafeInteger(value)) {
      return value as ParamValue;
    }
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be a domain id, name or Domain, got ${
        describe(value)
      }`,
    );
  },
};

/** Forward servers: MAAS reads them as one space-separated value. */
const FORWARD_SERVERS: Codec = {
  takes: 'a list of addresses ("IP" or "IP:port")',
  encode(value: unknown, option: string): ParamValue {
    if (
      !Array.isArray(value) || value.some((item) => typeof item !== "string" || item.trim() === "")
    ) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} must be a list of addresses ("IP" or "IP:port")`,
      );
    }
    return value.map((item: string) => item.trim()).join(" ");
  },
};

/** The SOA serial: a whole number MAAS keeps in a PostgreSQL integer, from 1. */
const SERIAL: Codec = {
  takes: `a whole number from 1 to ${MAX_SERIAL}`,
  encode(value: unknown, option: string): ParamValue {
    if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > MAX_SERIAL) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} must be an integer from 1 to ${MAX_SERIAL}, got ${
          typeof value === "number" ? value : describe(value)
        }`,
      );
    }
    return value as number;
  },
};

/** What a domain's create and update both read besides its name. */
const DOMAIN_SETTINGS = {
  authoritative: { wire: "authoritative", kind: "boolean" },
  ttl: { wire: "ttl", kind: "integer" },
  forwardDnsServers: {
    wire: "forward_dns_servers",
    kind: FORWARD_SERVERS,
    lines: ["3.7", "3.8", "master"],
  },
} as const;

/** The domains family: `domains/` (with `set_serial`) and `domains/{id}/` (with `set_default`). */
export const DOMAINS = family({
  name: "domains",
  handlers: { DomainsHandler: "domains/", DomainHandler: "domains/{id}/" },
  pathParams: { id: "integer or string" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    authoritative: { wire: "authoritative", kind: "boolean", writable: true },
    ttl: { wire: "ttl", kind: "integer", writable: true },
    isDefault: { wire: "is_default", kind: "boolean" },
    resourceRecordCount: { wire: "resource_record_count", kind: "integer" },
    forwardDnsServers: { wire: "forward_dns_servers", kind: "strings", writable: true },
  },
  ops: {
    list: op({
      handler: "DomainsHandler",
      method: "GET",
      typed: ["client.domains.list()", "client.domains.getDefault()"],
    }),
    create: op<CreateDomainOptions>({
      handler: "DomainsHandler",
      method: "POST",
      typed: ["client.domains.create()"],
      params: { name: { wire: "name", kind: "string", required: true }, ...DOMAIN_SETTINGS },
    }),
    setSerial: op<{ serial: number }>({
      handler: "DomainsHandler",
      method: "POST",
      op: "set_serial",
      typed: ["client.domains.setSerial()"],
      params: { serial: { wire: "serial", kind: SERIAL, required: true } },
    }),
    read: op({
      handler: "DomainHandler",
      method: "GET",
      typed: ["client.domains.get()", "domain.refresh()"],
    }),
    update: op<DomainChanges>({
      handler: "DomainHandler",
      method: "PUT",
      typed: ["domain.save()"],
      params: { name: { wire: "name", kind: "string" }, ...DOMAIN_SETTINGS },
    }),
    delete: op({ handler: "DomainHandler", method: "DELETE", typed: ["domain.delete()"] }),
    setDefault: op({
      handler: "DomainHandler",
      method: "POST",
      op: "set_default",
      typed: ["domain.setDefault()"],
    }),
  },
});

/**
 * A DNS domain.
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
   * Servers to forward queries to when MAAS is not authoritative (IP or IP:port; MAAS 3.7 and
   * later). MAAS does not send them back; setting them records a change for `save()`.
   */
  declare forwardDnsServers: readonly string[] | undefined;

  /** `domains/{id}/`. */
  get resourcePath(): string {
    return pathOf(DOMAINS.ops.read.path, this.data);
  }

  /** `Domain 0 maas (default)`. */
  toString(): string {
    return `Domain ${this.id} ${this.data.name}${this.isDefault ? " (default)" : ""}`;
  }

  /** Makes this the default domain (administrators only): nodes created from now on get it. */
  async setDefault(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return this.replace(
      await invoke(this.client, DOMAINS.ops.setDefault, {
        path: this.resourcePath,
        params,
        call: options,
      }),
    );
  }
}
defineObject(Domain, DOMAINS.fields, {
  read: DOMAINS.ops.read,
  update: DOMAINS.ops.update,
  delete: DOMAINS.ops.delete,
});

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
  async list(params?: ExtraParams, options?: CallOptions): Promise<Domain[]> {
    return await listOf(this.context, DOMAINS.ops.list, Domain, "domains", {
      params,
      call: options,
    });
  }

  /** One domain by id (or by name); a missing one raises `NotFoundError`. */
  async get(id: number | string, params?: ExtraParams, options?: CallOptions): Promise<Domain> {
    return await oneOf(this.context, DOMAINS.ops.read, Domain, "a domain", {
      path: { id },
      params,
      call: options,
    });
  }

  /** The default domain (MAAS has no call for it alone, so this reads the list). */
  async getDefault(params?: ExtraParams, options?: CallOptions): Promise<Domain> {
    const found = (await this.list(params, options)).find((domain) => domain.isDefault === true);
    if (!found) throw new ProtocolError("The server listed no domain as the default");
    return found;
  }

  /** Creates a domain (administrators only); a taken or invalid name is a 400 on `name`. */
  async create(params: CreateDomainOptions, options?: CallOptions): Promise<Domain> {
    return await oneOf(this.context, DOMAINS.ops.create, Domain, "a domain", {
      params,
      call: options,
    });
  }

  /**
   * Sets the SOA serial number MAAS uses next for all its DNS zones (administrators only);
   * 1 to 2147483647.
   */
  async setSerial(serial: number, params?: ExtraParams, options?: CallOptions): Promise<void> {
    await invoke(this.context, DOMAINS.ops.setSerial, {
      params,
      set: { serial },
      call: options,
    });
  }
}
