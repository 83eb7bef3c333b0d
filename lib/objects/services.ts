/**
 * Region services: notifications, package repositories, license keys, DHCP snippets, network
 * discoveries and commissioning/testing scripts.
 *
 * @module
 */

import { GoneError, ParameterError } from "../errors.ts";
import type { Params } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  type ClientContext,
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
import { User } from "./users.ts";

// ---------------------------------------------------------------------------------------------
// Parameter checks shared by the family: optional values are checked before any request, like
// required ones, so that a wrong type never reaches the server.

function optional<T>(
  value: T | undefined | null,
  name: string,
  type: "string" | "number" | "boolean" | "object",
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type || (type === "object" && Array.isArray(value))) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a ${type}, got ${describe(value)}`,
    );
  }
  return value;
}

function optionalList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a list of strings, got ${describe(value)}`,
    );
  }
  return value;
}

function listOrText(value: unknown, name: string): string | undefined {
  if (typeof value === "string") return value;
  return optionalList(value, name)?.join(",");
}

function choice<T extends string | number>(
  value: T | undefined | null,
  name: string,
  choices: readonly (string | number)[],
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (!choices.includes(value)) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be one of ${
        choices.map((item) => JSON.stringify(item)).join(", ")
      }, got ${typeof value === "string" ? JSON.stringify(value) : describe(value)}`,
    );
  }
  return value;
}

function positiveId(value: unknown, name: string): number {
  required(value as number, name, "number");
  if (!Number.isInteger(value)) {
    throw new ParameterError(`Parameter ${JSON.stringify(name)} must be an integer id`);
  }
  return value as number;
}

function revision(value: unknown, name: string): number {
  required(value as number, name, "number");
  if (!Number.isInteger(value)) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be an integer: a revision id, or a negative number ` +
        "of steps back",
    );
  }
  return value as number;
}

function wrap<T>(
  data: unknown,
  what: string,
  make: (item: WireData) => T,
): T[] {
  return expectList(data, what).map(make);
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}

// ---------------------------------------------------------------------------------------------
// Notifications

const NOTIFICATION_CATEGORIES = ["error", "warning", "success", "info"] as const;

/**
 * A message shown in MAAS's web UI to one user, to every user, to administrators, or to a mix of
 * them. `message` may hold simple HTML and `{name}` placeholders filled from `context`.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function escalate(client: Client, id: number) {
 *   const notification = await client.notifications.get(id);
 *   notification.category = "error";
 *   await notification.save(); // PUT notifications/{id}/ category=error
 * }
 * ```
 */
export class Notification extends MaasObject {
  /** Notification id. */
  declare readonly id: number;
  /** An identifier MAAS gives its own notifications (to find and remove them), or null. */
  declare ident: string | null;
  /** The text shown; may hold basic HTML and `{name}` placeholders filled from `context`. */
  declare message: string;
  /** How the message is shown: `error`, `warning`, `success` or `info`. */
  declare category: "error" | "warning" | "success" | "info";
  /** Whether every user sees it. */
  declare users: boolean;
  /** Whether every administrator sees it. */
  declare admins: boolean;
  /** Values for the placeholders of `message`. */
  declare context: Record<string, unknown>;
  /** Whether users may dismiss it. */
  declare dismissable: boolean;

  /**
   * The one user the notification is meant for (as the server last sent it), or null. Change it
   * with {@linkcode Notification.setUser}.
   */
  get user(): User | null {
    const user = this.data.user;
    return user && typeof user === "object" ? new User(this.client, user as WireData) : null;
  }

  /**
   * Targets the notification at one user (by username, id or object), or at nobody with null;
   * sent by `save()`.
   */
  setUser(user: string | number | User | null): void {
    this.set("user", userParam(user) ?? "");
  }

  /** The message with its `{name}` placeholders filled from `context`, as the web UI shows it. */
  get renderedMessage(): string {
    const context = record(this.get("context"));
    return String(this.get("message") ?? "").replace(
      /\{([^{}]+)\}/g,
      (whole, name: string) => name in context ? String(context[name]) : whole,
    );
  }

  /** `notifications/{id}/`. */
  get resourcePath(): string {
    return apiPath`notifications/${this.data.id}/`;
  }

  /** `Notification 3 warning: DHCP is not enabled…` (placeholders filled in). */
  toString(): string {
    const text = this.renderedMessage.replace(/\s+/g, " ").trim();
    return `Notification ${this.data.id} ${this.data.category}: ${
      text.length > 60 ? text.slice(0, 59) + "…" : text
    }`;
  }

  /**
   * Hides the notification for the current user. Safe to repeat; a notification not meant for
   * the user raises `ForbiddenError`.
   */
  async dismiss(options?: CallOptions): Promise<void> {
    await this.call("POST", "dismiss", undefined, options);
  }

  /** Context goes as JSON text, a cleared ident or user as an empty value. */
  protected override saveParams(changes: WireData): Params {
    const params: Record<string, Params[string]> = { ...changes as Params };
    if ("context" in changes) params.context = JSON.stringify(changes.context ?? {});
    if ("ident" in changes && changes.ident === null) params.ident = "";
    return params;
  }
}
defineFields(Notification, {
  id: "id",
  ident: { wire: "ident", writable: true },
  message: { wire: "message", writable: true },
  category: { wire: "category", writable: true },
  users: { wire: "users", writable: true },
  admins: { wire: "admins", writable: true },
  context: { wire: "context", writable: true },
  dismissable: { wire: "dismissable", writable: true },
});

function userParam(user: unknown): string | number | undefined {
  if (user === undefined || user === null) return undefined;
  if (user instanceof User) return user.username;
  if (typeof user === "string" || typeof user === "number") return user;
  throw new ParameterError(
    `Parameter "user" must be a username, a user id or a User, got ${describe(user)}`,
  );
}

/** What a new notification takes. */
export interface CreateNotificationOptions extends CallOptions {
  /** The text (basic HTML and `{name}` placeholders allowed). Required. */
  message: string;
  /** `error`, `warning`, `success` or `info` (MAAS's default: `info`). */
  category?: "error" | "warning" | "success" | "info";
  /** An identifier of your own, to find the notification again. */
  ident?: string;
  /** The one user to notify: username, user id or a {@linkcode User}. */
  user?: string | number | User;
  /** Notify every user. */
  users?: boolean;
  /** Notify every administrator. */
  admins?: boolean;
  /** Values for the placeholders of `message`. */
  context?: Record<string, unknown>;
  /** Whether users may dismiss it (MAAS's default: true). */
  dismissable?: boolean;
}

/**
 * `client.notifications`: the notifications the current user sees, and (administrators) new ones.
 * One of `user`, `users` or `admins` must be set for anyone to see a notification.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function announce(client: Client) {
 *   return await client.notifications.create({
 *     message: "Maintenance window tonight at {time}.",
 *     context: { time: "22:00" },
 *     category: "warning",
 *     users: true,
 *   });
 * }
 * ```
 */
export class Notifications extends Namespace {
  /** The notifications meant for the current user that they have not dismissed. */
  async list(options?: CallOptions): Promise<Notification[]> {
    const data = await this.context.call("GET", "notifications/", options);
    return wrap(data, "notifications", (item) => new Notification(this.context, item));
  }

  /** One notification by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<Notification> {
    positiveId(id, "id");
    const data = await this.context.call("GET", apiPath`notifications/${id}/`, options);
    return new Notification(this.context, expectObject(data, "a notification"));
  }

  /** Creates a notification (administrators only). */
  async create(options: CreateNotificationOptions): Promise<Notification> {
    const { message, category, ident, user, users, admins, context, dismissable, ...call } =
      optionsOf(options);
    required(message, "message", "string");
    const data = await this.context.call("POST", "notifications/", {
      params: {
        message,
        category: choice(category, "category", NOTIFICATION_CATEGORIES),
        ident: optional(ident, "ident", "string"),
        user: userParam(user),
        users: optional(users, "users", "boolean"),
        admins: optional(admins, "admins", "boolean"),
        context: context === undefined || context === null
          ? undefined
          : JSON.stringify(optional(context, "context", "object")),
        dismissable: optional(dismissable, "dismissable", "boolean"),
      },
      ...call,
    });
    return new Notification(this.context, expectObject(data, "a notification"));
  }
}

// ---------------------------------------------------------------------------------------------
// Package repositories

/**
 * An APT repository that deployed machines are configured with. The two default Ubuntu archives
 * (`main_archive`, `ports_archive`) cannot be deleted or disabled; their components are chosen
 * with `disabledComponents`, those of custom repositories with `components`.
 *
 * Lists are replaced as a whole: assign a new array (changing one in place is not seen by
 * `save()`).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function skipBackports(client: Client) {
 *   const [main] = (await client.packageRepositories.list())
 *     .filter((repo) => repo.name === "main_archive");
 *   main.disabledPockets = ["backports"];
 *   await main.save();
 * }
 * ```
 */
export class PackageRepository extends MaasObject {
  /** Repository id. */
  declare readonly id: number;
  /** Unique name. */
  declare name: string;
  /** Archive URL, or a PPA (`ppa:owner/name`). */
  declare url: string;
  /** Distributions to include (custom repositories). */
  declare distributions: string[];
  /** Pockets left out: `updates`, `security`, `backports` (default archives). */
  declare disabledPockets: string[];
  /** Components left out: `restricted`, `universe`, `multiverse` (default archives). */
  declare disabledComponents: string[];
  /** Whether `deb-src` lines are left out. */
  declare disableSources: boolean;
  /** Components to include (custom repositories). */
  declare components: string[];
  /** Architectures the repository serves. */
  declare arches: string[];
  /** The repository's GPG key (ASCII armoured), or empty. */
  declare key: string;
  /** Whether deployed machines use it. */
  declare enabled: boolean;

  /** `package-repositories/{id}/`. */
  get resourcePath(): string {
    return apiPath`package-repositories/${this.data.id}/`;
  }

  /** `PackageRepository 1 main_archive http://archive.ubuntu.com/ubuntu`. */
  toString(): string {
    return `PackageRepository ${this.data.id} ${this.data.name} ${this.data.url}${
      this.data.enabled === false ? " (disabled)" : ""
    }`;
  }

  /**
   * MAAS empties the disabled pockets and components when sent an empty value; it keeps the other
   * lists when nothing is sent, and has no way to empty them.
   */
  protected override saveParams(changes: WireData): Params {
    const params: Record<string, Params[string]> = { ...changes as Params };
    for (const [name, value] of Object.entries(changes)) {
      if (!LIST_FIELDS.has(name)) continue;
      const list = optionalList(value, name) ?? [];
      if (list.length > 0) continue;
      if (name === "disabled_pockets" || name === "disabled_components") params[name] = "";
      else {
        throw new ParameterError(
          `MAAS cannot empty ${
            JSON.stringify(name)
          } of a package repository; give at least one value`,
        );
      }
    }
    return params;
  }
}
defineFields(PackageRepository, {
  id: "id",
  name: { wire: "name", writable: true },
  url: { wire: "url", writable: true },
  distributions: { wire: "distributions", writable: true },
  disabledPockets: { wire: "disabled_pockets", writable: true },
  disabledComponents: { wire: "disabled_components", writable: true },
  disableSources: { wire: "disable_sources", writable: true },
  components: { wire: "components", writable: true },
  arches: { wire: "arches", writable: true },
  key: { wire: "key", writable: true },
  enabled: { wire: "enabled", writable: true },
});

const LIST_FIELDS = new Set([
  "distributions",
  "disabled_pockets",
  "disabled_components",
  "components",
  "arches",
]);

/** What a new package repository takes. */
export interface CreatePackageRepositoryOptions extends CallOptions {
  /** Unique name. Required. */
  name: string;
  /** Archive URL or `ppa:owner/name`. Required. */
  url: string;
  /** Distributions to include. */
  distributions?: string[];
  /** Pockets to leave out (`updates`, `security`, `backports`). */
  disabledPockets?: string[];
  /** Components to leave out (`restricted`, `universe`, `multiverse`). */
  disabledComponents?: string[];
  /** Leave out `deb-src` lines (MAAS's default: true). */
  disableSources?: boolean;
  /** Components to include. */
  components?: string[];
  /** Architectures (MAAS's default: amd64 and i386). */
  arches?: string[];
  /** The repository's GPG key. */
  key?: string;
  /** Whether machines use it (MAAS's default: true). */
  enabled?: boolean;
}

/**
 * `client.packageRepositories`: the APT archives deployed machines use.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addPpa(client: Client) {
 *   return await client.packageRepositories.create({
 *     name: "tools",
 *     url: "ppa:example/tools",
 *     arches: ["amd64"],
 *   });
 * }
 * ```
 */
export class PackageRepositories extends Namespace {
  /** Every package repository. */
  async list(options?: CallOptions): Promise<PackageRepository[]> {
    const data = await this.context.call("GET", "package-repositories/", options);
    return wrap(data, "package repositories", (item) => new PackageRepository(this.context, item));
  }

  /** One repository by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<PackageRepository> {
    positiveId(id, "id");
    const data = await this.context.call("GET", apiPath`package-repositories/${id}/`, options);
    return new PackageRepository(this.context, expectObject(data, "a package repository"));
  }

  /** Adds a repository (administrators only); a taken name is a 400 on `name`. */
  async create(options: CreatePackageRepositoryOptions): Promise<PackageRepository> {
    const {
      name,
      url,
      distributions,
      disabledPockets,
      disabledComponents,
      disableSources,
      components,
      arches,
      key,
      enabled,
      ...call
    } = optionsOf(options);
    required(name, "name", "string");
    required(url, "url", "string");
    const data = await this.context.call("POST", "package-repositories/", {
      params: {
        name,
        url,
        distributions: optionalList(distributions, "distributions"),
        disabled_pockets: optionalList(disabledPockets, "disabledPockets"),
        disabled_components: optionalList(disabledComponents, "disabledComponents"),
        disable_sources: optional(disableSources, "disableSources", "boolean"),
        components: optionalList(components, "components"),
        arches: optionalList(arches, "arches"),
        key: optional(key, "key", "string"),
        enabled: optional(enabled, "enabled", "boolean"),
      },
      ...call,
    });
    return new PackageRepository(this.context, expectObject(data, "a package repository"));
  }
}

// ---------------------------------------------------------------------------------------------
// License keys

/**
 * The license key MAAS gives machines deployed with one release of an operating system that
 * needs one (Windows, for instance). Keyed by operating system and release; the key text itself
 * is never shown by `toString()`.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function rotate(client: Client, key: string) {
 *   const license = await client.licenseKeys.get("windows", "win2016");
 *   license.licenseKey = key;
 *   await license.save(); // PUT license-key/windows/win2016 license_key=…
 * }
 * ```
 */
export class LicenseKey extends MaasObject {
  /** Operating system, such as `windows`. */
  declare readonly osystem: string;
  /** Release of that system, such as `win2016`. */
  declare readonly distroSeries: string;
  /** The key; writable. */
  declare licenseKey: string;

  /** `license-key/{osystem}/{distro_series}` (MAAS has no trailing slash here). */
  get resourcePath(): string {
    return apiPath`license-key/${this.data.osystem}/${this.data.distro_series}`;
  }

  /** `LicenseKey windows/win2016`. */
  toString(): string {
    return `LicenseKey ${this.data.osystem}/${this.data.distro_series}`;
  }
}
defineFields(LicenseKey, {
  osystem: "osystem",
  distroSeries: "distro_series",
  licenseKey: { wire: "license_key", writable: true },
});

/** What a new license key takes. */
export interface CreateLicenseKeyOptions extends CallOptions {
  /** Operating system, such as `windows`. Required. */
  osystem: string;
  /** Release, such as `win2016` (or `windows/win2016`). Required. */
  distroSeries: string;
  /** The key, in the form the operating system expects. Required. */
  licenseKey: string;
}

/**
 * `client.licenseKeys`: license keys by operating system and release (administrators only).
 * Deleting a key that does not exist succeeds, as in MAAS.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function add(client: Client) {
 *   return await client.licenseKeys.create({
 *     osystem: "windows",
 *     distroSeries: "win2016",
 *     licenseKey: "ABCDE-ABCDE-ABCDE-ABCDE-ABCDE",
 *   });
 * }
 * ```
 */
export class LicenseKeys extends Namespace {
  /** Every license key, by operating system and release. */
  async list(options?: CallOptions): Promise<LicenseKey[]> {
    const data = await this.context.call("GET", "license-keys/", options);
    return wrap(data, "license keys", (item) => new LicenseKey(this.context, item));
  }

  /** The key of one release; a missing one raises `NotFoundError`. */
  async get(osystem: string, distroSeries: string, options?: CallOptions): Promise<LicenseKey> {
    required(osystem, "osystem", "string");
    required(distroSeries, "distroSeries", "string");
    const data = await this.context.call(
      "GET",
      apiPath`license-key/${osystem}/${distroSeries}`,
      options,
    );
    return new LicenseKey(this.context, expectObject(data, "a license key"));
  }

  /** Stores a key; an unknown release or a key of the wrong form is a 400. */
  async create(options: CreateLicenseKeyOptions): Promise<LicenseKey> {
    const { osystem, distroSeries, licenseKey, ...call } = optionsOf(options);
    required(osystem, "osystem", "string");
    required(distroSeries, "distroSeries", "string");
    required(licenseKey, "licenseKey", "string");
    const data = await this.context.call("POST", "license-keys/", {
      params: { osystem, distro_series: distroSeries, license_key: licenseKey },
      ...call,
    });
    return new LicenseKey(this.context, expectObject(data, "a license key"));
  }
}

// ---------------------------------------------------------------------------------------------
// DHCP snippets

/** One earlier (or the current) value of a DHCP snippet. */
export interface DHCPSnippetVersion {
  /** Revision id, usable with {@linkcode DHCPSnippet.revert}. */
  readonly id: number;
  /** The snippet text of that revision. */
  readonly value: string;
  /** When it was made, as MAAS sends it (RFC 2822 text). */
  readonly created: string;
}

/** The node a DHCP snippet applies to, as MAAS sends it inside the snippet. */
export interface DHCPSnippetNode {
  /** The node's system id. */
  readonly systemId: string;
  /** The node's hostname. */
  readonly hostname: string;
  /** The whole node object as MAAS sent it. */
  readonly data: WireData;
}

/** The subnet a DHCP snippet applies to, as MAAS sends it inside the snippet. */
export interface DHCPSnippetSubnet {
  /** Subnet id. */
  readonly id: number;
  /** Subnet name. */
  readonly name: string;
  /** The subnet's CIDR. */
  readonly cidr: string;
  /** The whole subnet object as MAAS sent it. */
  readonly data: WireData;
}

/** A node given by system id, or by an object that has one. */
export type DHCPSnippetNodeRef = string | MaasObject | { readonly systemId: string };

/** A subnet given by id, CIDR or specifier, or by an object that has an id. */
export type DHCPSnippetSubnetRef = number | string | MaasObject | { readonly id: number };

/**
 * A piece of ISC dhcpd configuration MAAS adds globally, to one subnet (optionally one IP range of
 * it), or to one node. Every change of `value` is kept as a revision;
 * {@linkcode DHCPSnippet.revert} goes back to one.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function shortenLeases(client: Client, id: number) {
 *   const snippet = await client.dhcpSnippets.get(id);
 *   snippet.value = "default-lease-time 300;";
 *   await snippet.save();
 *   await snippet.revert(-1); // back to the value before
 * }
 * ```
 */
export class DHCPSnippet extends MaasObject {
  /** Snippet id. */
  declare readonly id: number;
  /** Name. */
  declare name: string;
  /** The dhcpd configuration text; each change is kept as a revision. */
  declare value: string;
  /** Free text. */
  declare description: string;
  /** Whether MAAS writes it into dhcpd's configuration. */
  declare enabled: boolean;
  /** Whether it applies to everything (no node, no subnet); setting it true unlinks both. */
  declare globalSnippet: boolean;

  /** The node it applies to (as the server last sent it), or null. */
  get node(): DHCPSnippetNode | null {
    const node = this.data.node;
    if (!node || typeof node !== "object") return null;
    const data = node as WireData;
    return { systemId: String(data.system_id), hostname: String(data.hostname ?? ""), data };
  }

  /** The subnet it applies to (as the server last sent it), or null. */
  get subnet(): DHCPSnippetSubnet | null {
    const subnet = this.data.subnet;
    if (!subnet || typeof subnet !== "object") return null;
    const data = subnet as WireData;
    return {
      id: Number(data.id),
      name: String(data.name ?? ""),
      cidr: String(data.cidr ?? ""),
      data,
    };
  }

  /** Every revision of `value`, newest (the current one) first. */
  get history(): DHCPSnippetVersion[] {
    const history = this.data.history;
    return Array.isArray(history)
      ? history.map((item) => {
        const version = record(item);
        return {
          id: Number(version.id),
          value: String(version.value ?? ""),
          created: String(version.created ?? ""),
        };
      })
      : [];
  }

  /** Links the snippet to a node instead (unlinking any subnet); sent by `save()`. */
  setNode(node: DHCPSnippetNodeRef): void {
    this.set("node", systemIdOf(node, "node"));
  }

  /**
   * Links the snippet to a subnet, optionally one IP range of it, instead of a node; sent by
   * `save()`.
   */
  setSubnet(
    subnet: DHCPSnippetSubnetRef,
    iprange?: number | MaasObject | { readonly id: number },
  ): void {
    this.set("subnet", subnetOf(subnet, "subnet"));
    if (iprange !== undefined) this.set("iprange", idOf(iprange, "iprange"));
  }

  /** `dhcp-snippets/{id}/`. */
  get resourcePath(): string {
    return apiPath`dhcp-snippets/${this.data.id}/`;
  }

  /** `DHCPSnippet 3 "600 lease time" on subnet 172.16.1.0/24`. */
  toString(): string {
    const node = this.node;
    const subnet = this.subnet;
    const where = node
      ? `on node ${node.hostname || node.systemId}`
      : subnet
      ? `on subnet ${subnet.cidr}`
      : "global";
    return `DHCPSnippet ${this.data.id} ${JSON.stringify(this.data.name)} ${where}${
      this.data.enabled === false ? " (disabled)" : ""
    }`;
  }

  /**
   * Goes back to an earlier value: a revision id from {@linkcode DHCPSnippet.history}, or a
   * negative number of steps back (`-1` is the value before the current one). Newer revisions
   * are dropped. Takes the server's answer as the new state.
   */
  async revert(to: number, options?: CallOptions): Promise<this> {
    return await this.op("POST", "revert", { to: revision(to, "to") }, options);
  }
}
defineFields(DHCPSnippet, {
  id: "id",
  name: { wire: "name", writable: true },
  value: { wire: "value", writable: true },
  description: { wire: "description", writable: true },
  enabled: { wire: "enabled", writable: true },
  globalSnippet: { wire: "global_snippet", writable: true },
});

function systemIdOf(node: unknown, name: string): string {
  if (typeof node === "string" && node !== "") return node;
  const systemId = node instanceof MaasObject
    ? node.get("system_id")
    : node && typeof node === "object"
    ? (node as { systemId?: unknown }).systemId
    : undefined;
  if (typeof systemId === "string" && systemId !== "") return systemId;
  throw new ParameterError(
    `Parameter ${JSON.stringify(name)} must be a system id or an object with one, got ${
      describe(node)
    }`,
  );
}

function idOf(value: unknown, name: string): number {
  const id = value instanceof MaasObject
    ? value.get("id")
    : value && typeof value === "object"
    ? (value as { id?: unknown }).id
    : value;
  if (typeof id === "number" && Number.isInteger(id)) return id;
  throw new ParameterError(
    `Parameter ${JSON.stringify(name)} must be an id or an object with one, got ${describe(value)}`,
  );
}

function subnetOf(value: unknown, name: string): number | string {
  return typeof value === "string" && value !== "" ? value : idOf(value, name);
}

/** What a new DHCP snippet takes. Give at most one of `node`, `subnet` and `globalSnippet`. */
export interface CreateDHCPSnippetOptions extends CallOptions {
  /** Name. Required. */
  name: string;
  /** The dhcpd configuration text. Required. */
  value: string;
  /** Free text. */
  description?: string;
  /** Whether MAAS uses it (MAAS's default: true). */
  enabled?: boolean;
  /** The node it applies to. */
  node?: DHCPSnippetNodeRef;
  /** The subnet it applies to. */
  subnet?: DHCPSnippetSubnetRef;
  /** An IP range of `subnet` it applies to. */
  iprange?: number | MaasObject | { readonly id: number };
  /** Apply it to everything. */
  globalSnippet?: boolean;
}

/**
 * `client.dhcpSnippets`: extra dhcpd configuration. Recent MAAS releases mark this API deprecated
 * in favour of reserved IPs, but still serve it.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function pxeElsewhere(client: Client, systemId: string) {
 *   return await client.dhcpSnippets.create({
 *     name: "boot from other server",
 *     value: 'next-server 10.0.0.5;\nfilename "pxelinux.0";',
 *     node: systemId,
 *   });
 * }
 * ```
 */
export class DHCPSnippets extends Namespace {
  /** Every DHCP snippet. */
  async list(options?: CallOptions): Promise<DHCPSnippet[]> {
    const data = await this.context.call("GET", "dhcp-snippets/", options);
    return wrap(data, "DHCP snippets", (item) => new DHCPSnippet(this.context, item));
  }

  /** One snippet by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<DHCPSnippet> {
    positiveId(id, "id");
    const data = await this.context.call("GET", apiPath`dhcp-snippets/${id}/`, options);
    return new DHCPSnippet(this.context, expectObject(data, "a DHCP snippet"));
  }

  /** Creates a snippet (administrators only). */
  async create(options: CreateDHCPSnippetOptions): Promise<DHCPSnippet> {
    const { name, value, description, enabled, node, subnet, iprange, globalSnippet, ...call } =
      optionsOf(options);
    required(name, "name", "string");
    required(value, "value", "string");
    if (globalSnippet === true && (node !== undefined || subnet !== undefined)) {
      throw new ParameterError('Parameter "globalSnippet" cannot be used with "node" or "subnet"');
    }
    if (node !== undefined && subnet !== undefined) {
      throw new ParameterError('Give "node" or "subnet", not both');
    }
    if (iprange !== undefined && subnet === undefined) {
      throw new ParameterError('Parameter "iprange" needs "subnet" as well');
    }
    const data = await this.context.call("POST", "dhcp-snippets/", {
      params: {
        name,
        value,
        description: optional(description, "description", "string"),
        enabled: optional(enabled, "enabled", "boolean"),
        node: node === undefined ? undefined : systemIdOf(node, "node"),
        subnet: subnet === undefined ? undefined : subnetOf(subnet, "subnet"),
        iprange: iprange === undefined ? undefined : idOf(iprange, "iprange"),
        global_snippet: optional(globalSnippet, "globalSnippet", "boolean"),
      },
      ...call,
    });
    return new DHCPSnippet(this.context, expectObject(data, "a DHCP snippet"));
  }
}

// ---------------------------------------------------------------------------------------------
// Discoveries

/** The rack controller interface that saw a discovered device. */
export interface DiscoveryObserver {
  /** System id of the controller. */
  readonly systemId: string;
  /** Hostname of the controller. */
  readonly hostname: string;
  /** Id of the interface that saw the device. */
  readonly interfaceId: number;
  /** Name of that interface. */
  readonly interfaceName: string;
}

/**
 * A device MAAS saw on the network (from ARP and mDNS traffic its rack controllers observe).
 * Discoveries are read-only; {@linkcode Discovery.delete} forgets this one.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function strangers(client: Client) {
 *   for (const seen of await client.discoveries.byUnknownIpAndMac()) {
 *     console.log(seen.ip, seen.macAddress, seen.hostname ?? "-", seen.observer.hostname);
 *   }
 * }
 * ```
 */
export class Discovery extends MaasObject {
  /** The discovery's key (MAAS derives it from the IP and MAC address). */
  declare readonly discoveryId: string;
  /** IP address seen. */
  declare readonly ip: string;
  /** MAC address seen. */
  declare readonly macAddress: string;
  /** The vendor the MAC address is registered to, when known. */
  declare readonly macOrganization: string | null;
  /** When it was last seen, as MAAS sends it (ISO text without zone). */
  declare readonly lastSeen: string;
  /** Hostname learned from mDNS, or null. */
  declare readonly hostname: string | null;
  /** Name of the fabric it was seen on. */
  declare readonly fabricName: string;
  /** VLAN id it was seen on. */
  declare readonly vid: number;

  /** The controller interface that saw it. */
  get observer(): DiscoveryObserver {
    const observer = record(this.data.observer);
    return {
      systemId: String(observer.system_id ?? ""),
      hostname: String(observer.hostname ?? ""),
      interfaceId: Number(observer.interface_id),
      interfaceName: String(observer.interface_name ?? ""),
    };
  }

  /** `discovery/{discovery_id}/`. */
  get resourcePath(): string {
    return apiPath`discovery/${this.data.discovery_id}/`;
  }

  /** `Discovery 172.16.2.70 29:e5:27:9d:bf:8d host-1`. */
  toString(): string {
    return `Discovery ${this.data.ip} ${this.data.mac_address}${
      this.data.hostname ? " " + this.data.hostname : ""
    }`;
  }

  /**
   * Forgets this discovery (MAAS's `clear_by_mac_and_ip`; administrators only). One that is
   * already gone is not an error.
   */
  override async delete(options?: CallOptions): Promise<void> {
    await clearByMacAndIp(
      this.client,
      String(this.data.ip),
      String(this.data.mac_address),
      options,
    );
  }
}
defineFields(Discovery, {
  discoveryId: "discovery_id",
  ip: "ip",
  macAddress: "mac_address",
  macOrganization: "mac_organization",
  lastSeen: "last_seen",
  hostname: "hostname",
  fabricName: "fabric_name",
  vid: "vid",
});

async function clearByMacAndIp(
  context: ClientContext,
  ip: string,
  mac: string,
  options?: CallOptions,
): Promise<boolean> {
  required(ip, "ip", "string");
  required(mac, "mac", "string");
  try {
    await context.call("POST", "discovery/", {
      op: "clear_by_mac_and_ip",
      params: { ip, mac },
      ...options,
    });
    return true;
  } catch (error) {
    // MAAS answers 410 Gone when no discovery had that pair: nothing was there to forget.
    if (error instanceof GoneError) return false;
    throw error;
  }
}

/** What to clear with {@linkcode Discoveries.clear}; at least one must be true. */
export interface ClearDiscoveriesOptions extends CallOptions {
  /** Forget mDNS entries (hostnames). */
  mdns?: boolean;
  /** Forget neighbour entries (IP/MAC pairs). */
  neighbours?: boolean;
  /** Forget everything. */
  all?: boolean;
}

/** How to scan with {@linkcode Discoveries.scan}. */
export interface DiscoveryScanOptions extends CallOptions {
  /** The subnets to scan; none means every network of every rack controller (needs `force`). */
  cidr?: string | string[];
  /** Allow scanning every network (check that your network's owners allow it). */
  force?: boolean;
  /** Use `ping` even where `nmap` is installed. */
  alwaysUsePing?: boolean;
  /** With `nmap`, send at most nine packets per second. */
  slow?: boolean;
  /** Number of scanning threads. */
  threads?: number;
}

/** A rack controller named in a scan result. */
export interface DiscoveryScanController {
  /** System id of the controller. */
  readonly systemId: string;
  /** Hostname of the controller. */
  readonly hostname: string;
}

/** What {@linkcode Discoveries.scan} answers: where scanning started and where it did not. */
export interface DiscoveryScanResult {
  /** A sentence summing up the outcome. */
  readonly result: string;
  /** Controllers where a scan started. */
  readonly scanStartedOn: DiscoveryScanController[];
  /** Controllers where a scan was already running. */
  readonly scanFailedOn: DiscoveryScanController[];
  /** Controllers that were asked to scan. */
  readonly scanAttemptedOn: DiscoveryScanController[];
  /** Controllers that could not be reached. */
  readonly failedToConnectTo: DiscoveryScanController[];
  /** Controllers that did not answer in time. */
  readonly rpcCallTimedOutOn: DiscoveryScanController[];
  /** Errors reported by controllers. */
  readonly failures: { readonly type: string; readonly message: string }[];
}

/**
 * `client.discoveries`: devices MAAS's rack controllers have seen on the network, newest first.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function rescan(client: Client) {
 *   const result = await client.discoveries.scan({ cidr: "10.0.0.0/24" });
 *   console.log(result.result);
 * }
 * ```
 */
export class Discoveries extends Namespace {
  /** Every discovery, most recently seen first. */
  async list(options?: CallOptions): Promise<Discovery[]> {
    return await this.#list(null, options);
  }

  /**
   * One discovery by its id, or by a specifier such as `ip:10.0.0.9` or `mac:52:54:00:…`; a
   * missing one raises `NotFoundError`.
   */
  async get(discoveryId: string, options?: CallOptions): Promise<Discovery> {
    required(discoveryId, "discoveryId", "string");
    const data = await this.context.call("GET", apiPath`discovery/${discoveryId}/`, options);
    return new Discovery(this.context, expectObject(data, "a discovery"));
  }

  /** Discoveries whose IP address no node known to MAAS has. */
  async byUnknownIp(options?: CallOptions): Promise<Discovery[]> {
    return await this.#list("by_unknown_ip", options);
  }

  /** Discoveries whose MAC address no interface known to MAAS has. */
  async byUnknownMac(options?: CallOptions): Promise<Discovery[]> {
    return await this.#list("by_unknown_mac", options);
  }

  /** Discoveries of which MAAS knows neither the IP nor the MAC address. */
  async byUnknownIpAndMac(options?: CallOptions): Promise<Discovery[]> {
    return await this.#list("by_unknown_ip_and_mac", options);
  }

  /** Forgets discoveries: mDNS entries, neighbour entries, or all (administrators only). */
  async clear(options: ClearDiscoveriesOptions): Promise<void> {
    const { mdns, neighbours, all, ...call } = optionsOf(options);
    const params = {
      mdns: optional(mdns, "mdns", "boolean"),
      neighbours: optional(neighbours, "neighbours", "boolean"),
      all: optional(all, "all", "boolean"),
    };
    if (params.mdns !== true && params.neighbours !== true && params.all !== true) {
      throw new ParameterError('Say what to clear: "mdns", "neighbours" or "all" set to true');
    }
    await this.context.call("POST", "discovery/", { op: "clear", params, ...call });
  }

  /**
   * Forgets the discoveries of one IP and MAC address pair (administrators only). Returns false
   * when there was none (MAAS answers 410 Gone).
   */
  async clearByMacAndIp(ip: string, mac: string, options?: CallOptions): Promise<boolean> {
    return await clearByMacAndIp(this.context, ip, mac, options);
  }

  /**
   * Asks the rack controllers to scan their networks now; the scan runs in the background and
   * new devices appear as discoveries.
   */
  async scan(options: DiscoveryScanOptions = {}): Promise<DiscoveryScanResult> {
    const { cidr, force, alwaysUsePing, slow, threads, ...call } = optionsOf(options);
    const cidrs = typeof cidr === "string" ? [cidr] : optionalList(cidr, "cidr");
    const params = {
      cidr: cidrs,
      force: optional(force, "force", "boolean"),
      always_use_ping: optional(alwaysUsePing, "alwaysUsePing", "boolean"),
      slow: optional(slow, "slow", "boolean"),
      threads: optional(threads, "threads", "number"),
    };
    if ((cidrs === undefined || cidrs.length === 0) && params.force !== true) {
      throw new ParameterError(
        'Scanning every network needs "force: true"; give "cidr" to scan some subnets',
      );
    }
    const data = expectObject(
      await this.context.call("POST", "discovery/", { op: "scan", params, ...call }),
      "a scan result",
    );
    const controllers = (value: unknown): DiscoveryScanController[] =>
      Array.isArray(value)
        ? value.map((item) => {
          const controller = record(item);
          return {
            systemId: String(controller.system_id ?? ""),
            hostname: String(controller.hostname ?? ""),
          };
        })
        : [];
    return {
      result: String(data.result ?? ""),
      scanStartedOn: controllers(data.scan_started_on),
      scanFailedOn: controllers(data.scan_failed_on),
      scanAttemptedOn: controllers(data.scan_attempted_on),
      failedToConnectTo: controllers(data.failed_to_connect_to),
      rpcCallTimedOutOn: controllers(data.rpc_call_timed_out_on),
      failures: Array.isArray(data.failures)
        ? data.failures.map((item) => {
          const failure = record(item);
          return { type: String(failure.type ?? ""), message: String(failure.message ?? "") };
        })
        : [],
    };
  }

  async #list(op: string | null, options?: CallOptions): Promise<Discovery[]> {
    const data = await this.context.call("GET", "discovery/", { op, ...options });
    return wrap(data, "discoveries", (item) => new Discovery(this.context, item));
  }
}

// ---------------------------------------------------------------------------------------------
// Scripts

const SCRIPT_TYPES = ["commissioning", "testing", "release", "deployment"] as const;
const SCRIPT_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: "commissioning",
  2: "testing",
  3: "release",
  4: "deployment",
};
const HARDWARE_TYPES = ["node", "cpu", "memory", "storage", "network", "gpu"] as const;
const PARALLEL = ["disabled", "instance", "any"] as const;

/** One revision of a script's content. */
export interface ScriptVersion {
  /** Revision id, usable with {@linkcode Script.revert} and {@linkcode Script.download}. */
  readonly id: number;
  /** The comment given with that revision, or null. */
  readonly comment: string | null;
  /** When it was made, as MAAS sends it (RFC 2822 text). */
  readonly created: string;
  /** The content, base64-encoded, when the script was read with `includeScript`. */
  readonly data?: string;
}

/** Script content to upload: text, bytes or a file. */
export type ScriptContent = string | Uint8Array | Blob;

/**
 * A commissioning, testing, release or deployment script stored in MAAS. Scripts shipped with
 * MAAS (`isDefault`) can only have their tags and timeout changed.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function lengthen(client: Client) {
 *   const script = await client.scripts.get("stress-ng-cpu-short");
 *   script.timeout = "0:10:00";
 *   await script.save();
 *   await script.addTag("burn-in");
 * }
 * ```
 */
export class Script extends MaasObject {
  /** Script id (MAAS also accepts it in place of the name). */
  declare readonly id: number;
  /** Unique name (the key in paths); writable. */
  declare name: string;
  /** Title shown in the UI. */
  declare title: string;
  /** What the script does. */
  declare description: string;
  /**
   * Tags (MAAS adds the hardware type and `destructive` itself); change them with `addTag` and
   * `removeTag`, or assign a new list.
   */
  declare tags: string[];
  /** When it runs: 0 commissioning, 2 testing, 3 release, 4 deployment. */
  declare type: number;
  /** The type in words, e.g. `Testing script`. */
  declare readonly typeName: string;
  /** Hardware it tests: 0 node, 1 CPU, 2 memory, 3 storage, 4 network, 5 GPU. */
  declare hardwareType: number;
  /** The hardware type in words. */
  declare readonly hardwareTypeName: string;
  /** Parallelism: 0 alone, 1 along other instances of itself, 2 along any script. */
  declare parallel: number;
  /** Parallelism in words. */
  declare readonly parallelName: string;
  /** The results the script reports, from its embedded metadata. */
  declare readonly results: Record<string, unknown> | string[];
  /** The parameters the script takes, from its embedded metadata. */
  declare readonly parameters: Record<string, unknown>;
  /** Packages installed before it runs (`apt`, `snap`, `url`). */
  declare readonly packages: Record<string, unknown>;
  /**
   * Time limit as Python prints a duration (`0:05:00`, `1 day, 2:00:00`); `0:00:00` is none.
   * Writable, as seconds or in that form.
   */
  declare timeout: string;
  /** Whether it overwrites disks (not run on deployed machines). */
  declare destructive: boolean;
  /** Hardware it always runs on (`modalias:…`, `pci:…`, `usb:…`). */
  declare forHardware: string[];
  /** Whether it may reboot the machine. */
  declare mayReboot: boolean;
  /** Whether built-in commissioning scripts run again after it (commissioning scripts). */
  declare recommission: boolean;
  /** Whether the machine's configured networking is applied before it runs. */
  declare applyConfiguredNetworking: boolean;
  /** Whether it was shipped with MAAS. */
  declare readonly isDefault: boolean;

  /** The time limit in seconds (0: none). */
  get timeoutSeconds(): number {
    return parseDuration(this.get("timeout"));
  }

  /** Every revision of the content, newest (the current one) first. */
  get history(): ScriptVersion[] {
    const history = this.data.history;
    return Array.isArray(history)
      ? history.map((item) => {
        const version = record(item);
        const result: { id: number; comment: string | null; created: string; data?: string } = {
          id: Number(version.id),
          comment: typeof version.comment === "string" ? version.comment : null,
          created: String(version.created ?? ""),
        };
        if (typeof version.data === "string") result.data = version.data;
        return result;
      })
      : [];
  }

  /** `scripts/{name}` (MAAS has no trailing slash here), with the name as last saved. */
  get resourcePath(): string {
    return apiPath`scripts/${this.data.name}`;
  }

  /** `Script 5 memtester (testing)`. */
  toString(): string {
    const type = SCRIPT_TYPE_NAMES[Number(this.data.type)] ?? String(this.data.type_name ?? "");
    return `Script ${this.data.id} ${this.data.name} (${type})`;
  }

  /** The content of the current revision, or of `revision`, as bytes. */
  async download(options: CallOptions & { revision?: number } = {}): Promise<Uint8Array> {
    const { revision: rev, ...call } = optionsOf(options);
    const data = await this.call<unknown>(
      "GET",
      "download",
      { revision: rev === undefined ? undefined : revision(rev, "revision") },
      call,
    );
    if (typeof data === "string") return new TextEncoder().encode(data);
    if (data instanceof Uint8Array) return data;
    return new TextEncoder().encode(data === undefined ? "" : JSON.stringify(data));
  }

  /** The content of the current revision, or of `revision`, as UTF-8 text. */
  async downloadText(options: CallOptions & { revision?: number } = {}): Promise<string> {
    return new TextDecoder().decode(await this.download(options));
  }

  /**
   * Stores new content as a new revision, with an optional comment, and takes the server's answer
   * as the new state (unsaved field changes are sent along).
   */
  async upload(
    content: ScriptContent,
    options: CallOptions & { comment?: string } = {},
  ): Promise<this> {
    const { comment, ...call } = optionsOf(options);
    const params: Record<string, Params[string]> = {
      ...this.saveParams(this.changes as WireData),
      script: scriptFile(content),
      comment: optional(comment, "comment", "string"),
    };
    return this.replace(await this.call("PUT", null, params, call));
  }

  /** Adds one tag (no commas) and takes the server's answer. */
  async addTag(tag: string, options?: CallOptions): Promise<this> {
    return await this.op("POST", "add_tag", { tag: tagParam(tag) }, options);
  }

  /** Removes one tag and takes the server's answer. */
  async removeTag(tag: string, options?: CallOptions): Promise<this> {
    return await this.op("POST", "remove_tag", { tag: tagParam(tag) }, options);
  }

  /**
   * Goes back to an earlier content revision: an id from {@linkcode Script.history}, or a negative
   * number of steps back. Newer revisions are dropped. Default scripts cannot be reverted.
   */
  async revert(to: number, options?: CallOptions): Promise<this> {
    return await this.op("POST", "revert", { to: revision(to, "to") }, options);
  }

  /** Lists go as MAAS's comma-separated text. */
  protected override saveParams(changes: WireData): Params {
    const params: Record<string, Params[string]> = { ...changes as Params };
    if ("tags" in changes) params.tags = listOrText(changes.tags, "tags") ?? "";
    if ("for_hardware" in changes) {
      params.for_hardware = listOrText(changes.for_hardware, "forHardware") ?? "";
    }
    return params;
  }
}
defineFields(Script, {
  id: "id",
  name: { wire: "name", writable: true },
  title: { wire: "title", writable: true },
  description: { wire: "description", writable: true },
  tags: { wire: "tags", writable: true },
  type: { wire: "type", writable: true },
  typeName: "type_name",
  hardwareType: { wire: "hardware_type", writable: true },
  hardwareTypeName: "hardware_type_name",
  parallel: { wire: "parallel", writable: true },
  parallelName: "parallel_name",
  results: "results",
  parameters: "parameters",
  packages: "packages",
  timeout: { wire: "timeout", writable: true },
  destructive: { wire: "destructive", writable: true },
  forHardware: { wire: "for_hardware", writable: true },
  mayReboot: { wire: "may_reboot", writable: true },
  recommission: { wire: "recommission", writable: true },
  applyConfiguredNetworking: { wire: "apply_configured_networking", writable: true },
  isDefault: "default",
});

function tagParam(tag: unknown): string {
  required(tag as string, "tag", "string");
  if ((tag as string).includes(",")) {
    throw new ParameterError('Parameter "tag" may not contain a ","');
  }
  return tag as string;
}

function scriptFile(content: unknown): Blob {
  if (typeof content === "string") return new Blob([content]);
  if (content instanceof Uint8Array) return new Blob([content as Uint8Array<ArrayBuffer>]);
  if (content instanceof Blob) return content;
  throw new ParameterError(
    `Parameter "script" must be text, bytes or a Blob, got ${describe(content)}`,
  );
}

/** Python's `str(timedelta)`: `[-]D day[s], H:MM:SS[.ffffff]`; MAAS may also send seconds. */
function parseDuration(value: unknown): number {
  if (typeof value === "number") return value;
  const match = /^(?:(-?\d+) days?, )?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(String(value));
  if (!match) return Number.NaN;
  return Number(match[1] ?? 0) * 86_400 + Number(match[2]) * 3_600 + Number(match[3]) * 60 +
    Number(match[4]);
}

/** How {@linkcode Scripts.list} filters. */
export interface ListScriptsOptions extends CallOptions {
  /** Only scripts of this type. */
  type?: "commissioning" | "testing" | "release" | "deployment";
  /** Only scripts for this hardware. */
  hardwareType?: "node" | "cpu" | "memory" | "storage" | "network" | "gpu";
  /** Include each revision's content (base64) in `history`. */
  includeScript?: boolean;
  /** Only scripts with one of these names or tags. */
  filters?: string | string[];
}

/** What a new script takes. */
export interface CreateScriptOptions extends CallOptions {
  /** Unique name (no spaces or quotes, not a number, not `none`). Required. */
  name: string;
  /** The script itself, starting with a `#!` line; sent as a file. Required. */
  script: ScriptContent;
  /** Title. */
  title?: string;
  /** What it does. */
  description?: string;
  /** Tags. */
  tags?: string[];
  /** When it runs (MAAS's default: testing). */
  type?: "commissioning" | "testing" | "release" | "deployment";
  /** Hardware it tests (MAAS's default: node). */
  hardwareType?: "node" | "cpu" | "memory" | "storage" | "network" | "gpu";
  /** Whether it may run alongside others (MAAS's default: disabled). */
  parallel?: "disabled" | "instance" | "any";
  /** Time limit in seconds (0: none). */
  timeout?: number;
  /** Whether it overwrites disks. */
  destructive?: boolean;
  /** A comment stored with this first revision. */
  comment?: string;
  /** Hardware it always runs on (`modalias:…`, `pci:VVVV:PPPP`, `usb:VVVV:PPPP`). */
  forHardware?: string[];
  /** Whether it may reboot the machine. */
  mayReboot?: boolean;
  /** Whether built-in commissioning scripts run again after it. */
  recommission?: boolean;
  /** Whether configured networking is applied before it runs. */
  applyConfiguredNetworking?: boolean;
}

/**
 * `client.scripts`: the scripts MAAS runs while commissioning, testing, releasing or deploying.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addCheck(client: Client) {
 *   return await client.scripts.create({
 *     name: "check-ntp",
 *     script: "#!/bin/sh\ntimedatectl show -p NTPSynchronized\n",
 *     type: "testing",
 *     hardwareType: "node",
 *     timeout: 60,
 *   });
 * }
 * ```
 */
export class Scripts extends Namespace {
  /** Every stored script, or those that match the filters. */
  async list(options: ListScriptsOptions = {}): Promise<Script[]> {
    const { type, hardwareType, includeScript, filters, ...call } = optionsOf(options);
    const data = await this.context.call("GET", "scripts/", {
      params: {
        type: choice(type, "type", SCRIPT_TYPES),
        hardware_type: choice(hardwareType, "hardwareType", HARDWARE_TYPES),
        include_script: optional(includeScript, "includeScript", "boolean"),
        filters: listOrText(filters, "filters"),
      },
      ...call,
    });
    return wrap(data, "scripts", (item) => new Script(this.context, item));
  }

  /** One script by name or id; a missing one raises `NotFoundError`. */
  async get(
    nameOrId: string | number,
    options: CallOptions & { includeScript?: boolean } = {},
  ): Promise<Script> {
    if (typeof nameOrId !== "string" && typeof nameOrId !== "number") {
      throw new ParameterError(
        `Parameter "name" must be a script name or id, got ${describe(nameOrId)}`,
      );
    }
    const { includeScript, ...call } = optionsOf(options);
    const data = await this.context.call("GET", apiPath`scripts/${nameOrId}`, {
      params: { include_script: optional(includeScript, "includeScript", "boolean") },
      ...call,
    });
    return new Script(this.context, expectObject(data, "a script"));
  }

  /** Stores a new script (administrators only); the content goes as a file part. */
  async create(options: CreateScriptOptions): Promise<Script> {
    const {
      name,
      script,
      title,
      description,
      tags,
      type,
      hardwareType,
      parallel,
      timeout,
      destructive,
      comment,
      forHardware,
      mayReboot,
      recommission,
      applyConfiguredNetworking,
      ...call
    } = optionsOf(options);
    required(name, "name", "string");
    if (script === undefined || script === null || script === "") {
      throw new ParameterError('Missing required parameter "script"');
    }
    const data = await this.context.call("POST", "scripts/", {
      params: {
        name,
        title: optional(title, "title", "string"),
        description: optional(description, "description", "string"),
        tags: listOrText(tags, "tags"),
        type: choice(type, "type", SCRIPT_TYPES),
        hardware_type: choice(hardwareType, "hardwareType", HARDWARE_TYPES),
        parallel: choice(parallel, "parallel", PARALLEL),
        timeout: optional(timeout, "timeout", "number"),
        destructive: optional(destructive, "destructive", "boolean"),
        comment: optional(comment, "comment", "string"),
        for_hardware: listOrText(forHardware, "forHardware"),
        may_reboot: optional(mayReboot, "mayReboot", "boolean"),
        recommission: optional(recommission, "recommission", "boolean"),
        apply_configured_networking: optional(
          applyConfiguredNetworking,
          "applyConfiguredNetworking",
          "boolean",
        ),
        script: scriptFile(script),
      },
      ...call,
    });
    return new Script(this.context, expectObject(data, "a script"));
  }
}
