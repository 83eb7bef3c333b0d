/**
 * The typed client: `connect()` and `login()` give a {@linkcode Client} with one namespace per
 * family of MAAS objects. It knows its paths, so it never needs the describe document;
 * `client.session` fetches that (once) for actions the typed surface lacks.
 *
 * @module
 */

import type { Credentials } from "./auth.ts";
import { ForbiddenError, UnauthorizedError } from "./errors.ts";
import { type Profile, ProfileStore } from "./profiles.ts";
import {
  type ClientRecord,
  credentialsOfRecord,
  resolveSettings,
  serialisableOptions,
  type Settings,
} from "./settings.ts";
import {
  addressForConnect,
  type LoginOptions,
  obtainCredentials,
  toCredentials,
} from "./connect.ts";
import { fetchDescription } from "./description.ts";
import type { ClientContext } from "./objects/base.ts";
import { notASignal } from "./objects/engine.ts";
import { expectObject, type WireData } from "./objects/wire.ts";
import { BootResources } from "./objects/boot_resources.ts";
import { BootSources } from "./objects/boot_sources.ts";
import { MAASConfig } from "./objects/config.ts";
import { Domains } from "./objects/domains.ts";
import { DNSResources } from "./objects/dns_resources.ts";
import { DNSResourceRecords } from "./objects/dns_resource_records.ts";
import { Events } from "./objects/events.ts";
import { Files } from "./objects/files.ts";
import { Machines } from "./objects/machines.ts";
import { Fabrics } from "./objects/fabrics.ts";
import { Vlans } from "./objects/vlans.ts";
import { Subnets } from "./objects/subnets.ts";
import { Spaces } from "./objects/spaces.ts";
import { IPRanges } from "./objects/ip_ranges.ts";
import { StaticRoutes } from "./objects/static_routes.ts";
import { Networks } from "./objects/networks.ts";
import { ReservedIps } from "./objects/reserved_ips.ts";
import { FanNetworks } from "./objects/fan_networks.ts";
import { IPAddresses } from "./objects/ipaddresses.ts";
import { Nodes } from "./objects/nodes.ts";
import { Devices } from "./objects/devices.ts";
import { RackControllers } from "./objects/rack_controllers.ts";
import { RegionControllers } from "./objects/region_controllers.ts";
import { NodeResults } from "./objects/node_results.ts";
import { ResourcePools } from "./objects/pools.ts";
import { DHCPSnippets } from "./objects/dhcp_snippets.ts";
import { Discoveries } from "./objects/discoveries.ts";
import { LicenseKeys } from "./objects/license_keys.ts";
import { Notifications } from "./objects/notifications.ts";
import { PackageRepositories } from "./objects/package_repositories.ts";
import { Scripts } from "./objects/scripts.ts";
import { CommissioningScripts } from "./objects/commissioning_scripts.ts";
import { OidcProviders } from "./objects/oidc_providers.ts";
import { UserGroups } from "./objects/user_groups.ts";
import { Tags } from "./objects/tags.ts";
import { Pods, VMHosts } from "./objects/vmhosts.ts";
import { VMClusters } from "./objects/vm_clusters.ts";
import { Account } from "./objects/account.ts";
import { SSHKeys } from "./objects/sshkeys.ts";
import { SSLKeys } from "./objects/sslkeys.ts";
import { Users } from "./objects/users.ts";
import { Versions } from "./objects/version.ts";
import { Zones } from "./objects/zones.ts";
import { SessionAPI } from "./session.ts";
import {
  type CallOptions,
  type RequestOptions,
  Transport,
  type TransportOptions,
} from "./transport.ts";
import { parseMaasUrl } from "./url.ts";

/** Options of {@linkcode connect}. */
export interface ConnectOptions extends TransportOptions {
  /** The API key, `consumer_key:token_key:token_secret`; none → anonymous. */
  apikey?: string | Credentials | null;
}

/**
 * A typed MAAS client. Make one with {@linkcode connect} or {@linkcode login}.
 *
 * @example
 * ```ts
 * import { connect } from "@libmaas/client";
 * const client = await connect("http://maas.example.com:5240/MAAS/", {
 *   apikey: "consumer_key:token_key:token_secret",
 * });
 * console.log((await client.users.whoami()).username);
 * ```
 */
export class Client implements ClientContext {
  #apiUrl: string;
  #transport: Transport;
  #session: Promise<SessionAPI> | undefined;
  #namespaces = new Map<string, unknown>();
  #profileName: string | null = null;
  #knownHash: string | null = null;
  #version: Promise<WireData> | undefined;
  #versionData: WireData | undefined;

  /** Makes a client for the API at `url` that sends requests through `transport`. */
  constructor(url: string | URL, transport: Transport = new Transport()) {
    this.#apiUrl = parseMaasUrl(url).apiUrl;
    this.#transport = transport;
  }

  /** The API root, e.g. `http://maas:5240/MAAS/api/2.0/`. */
  get apiUrl(): string {
    return this.#apiUrl;
  }

  /** The transport every call goes through. */
  get transport(): Transport {
    return this.#transport;
  }

  /** The credentials of the client, or `null` when anonymous. */
  get credentials(): Credentials | null {
    return this.#transport.credentials;
  }

  /** Whether the client sends unsigned requests. */
  get isAnonymous(): boolean {
    return this.#transport.credentials === null;
  }

  /** Calls `method` on `path`, relative to the API root. */
  call<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T> {
    const signal = options?.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      return Promise.reject(notASignal(signal, `${method} ${path}`));
    }
    return this.#transport.request<T>(method, this.#apiUrl + path, options);
  }

  /**
   * The server's `version/` answer (`version`, `subversion`, `capabilities`), read the first time
   * it is needed and kept for the client's life (and in {@linkcode Client.export}'s record);
   * `fresh` reads it again (after an upgrade) and keeps the new answer. The
   * typed methods read it only for an op or option that not every MAAS line has, to refuse it
   * before sending when the server's line lacks it.
   *
   * @example
   * ```ts
   * import { connect } from "@libmaas/client";
   * const client = await connect("http://maas:5240/MAAS/", { apikey: "ck:tk:ts" });
   * console.log((await client.readVersion()).version); // 3.8.0
   * ```
   */
  readVersion(options?: CallOptions, read: { fresh?: boolean } = {}): Promise<WireData> {
    if (read.fresh) this.#version = undefined;
    return this.#version ??= this.call("GET", "version/", {
      signal: options?.signal,
      timeout: options?.timeout,
      retries: options?.retries,
    }).then(
      (answer) => this.#versionData = expectObject(answer, "the version"),
      (error) => {
        this.#version = undefined;
        throw error;
      },
    );
  }

  /**
   * The low-level session for actions the typed client does not cover. The describe document is
   * downloaded the first time and kept.
   */
  get session(): Promise<SessionAPI> {
    return this.#session ??= fetchDescription(this.#apiUrl, this.#transport).then(
      (description) => new SessionAPI(description, this.#apiUrl, { transport: this.#transport }),
      (error) => {
        this.#session = undefined;
        throw error;
      },
    );
  }

  #namespace<T>(name: string, make: new (context: ClientContext) => T): T {
    let namespace = this.#namespaces.get(name) as T | undefined;
    if (!namespace) this.#namespaces.set(name, namespace = new make(this));
    return namespace;
  }

  /** The current user's API tokens. */
  get account(): Account {
    return this.#namespace("account", Account);
  }

  /** Users. */
  get users(): Users {
    return this.#namespace("users", Users);
  }

  /** The current user's SSH keys. */
  get sshKeys(): SSHKeys {
    return this.#namespace("sshKeys", SSHKeys);
  }

  /** The current user's SSL keys. */
  get sslKeys(): SSLKeys {
    return this.#namespace("sslKeys", SSLKeys);
  }

  /** Machines: list, allocate, deploy, release… */
  get machines(): Machines {
    return this.#namespace("machines", Machines);
  }

  /** Every node, whatever its type. */
  get nodes(): Nodes {
    return this.#namespace("nodes", Nodes);
  }

  /** Devices (non-deployable nodes). */
  get devices(): Devices {
    return this.#namespace("devices", Devices);
  }

  /** Rack controllers. */
  get rackControllers(): RackControllers {
    return this.#namespace("rackControllers", RackControllers);
  }

  /** Region controllers. */
  get regionControllers(): RegionControllers {
    return this.#namespace("regionControllers", RegionControllers);
  }

  /** Script results across nodes (`installation-results/`). */
  get nodeResults(): NodeResults {
    return this.#namespace("nodeResults", NodeResults);
  }

  /** Fabrics. */
  get fabrics(): Fabrics {
    return this.#namespace("fabrics", Fabrics);
  }

  /** VLANs of the fabrics. */
  get vlans(): Vlans {
    return this.#namespace("vlans", Vlans);
  }

  /** Subnets. */
  get subnets(): Subnets {
    return this.#namespace("subnets", Subnets);
  }

  /** Spaces. */
  get spaces(): Spaces {
    return this.#namespace("spaces", Spaces);
  }

  /** IP ranges. */
  get ipRanges(): IPRanges {
    return this.#namespace("ipRanges", IPRanges);
  }

  /** Static routes. */
  get staticRoutes(): StaticRoutes {
    return this.#namespace("staticRoutes", StaticRoutes);
  }

  /** Reserved and assigned IP addresses. */
  get ipAddresses(): IPAddresses {
    return this.#namespace("ipAddresses", IPAddresses);
  }

  /** Reserved IPs: addresses MAAS's DHCP gives only to one MAC address (MAAS 3.7 and later). */
  get reservedIps(): ReservedIps {
    return this.#namespace("reservedIps", ReservedIps);
  }

  /** Fan networks (MAAS 2.9 and 3.0). */
  get fanNetworks(): FanNetworks {
    return this.#namespace("fanNetworks", FanNetworks);
  }

  /** The deprecated networks API (subnets seen the old way); use `subnets`. */
  get networks(): Networks {
    return this.#namespace("networks", Networks);
  }

  /** DNS domains. */
  get domains(): Domains {
    return this.#namespace("domains", Domains);
  }

  /** DNS resources. */
  get dnsResources(): DNSResources {
    return this.#namespace("dnsResources", DNSResources);
  }

  /** DNS resource records. */
  get dnsResourceRecords(): DNSResourceRecords {
    return this.#namespace("dnsResourceRecords", DNSResourceRecords);
  }

  /** Availability zones. */
  get zones(): Zones {
    return this.#namespace("zones", Zones);
  }

  /** Resource pools. */
  get resourcePools(): ResourcePools {
    return this.#namespace("resourcePools", ResourcePools);
  }

  /** Tags. */
  get tags(): Tags {
    return this.#namespace("tags", Tags);
  }

  /** Events. */
  get events(): Events {
    return this.#namespace("events", Events);
  }

  /** Files stored in MAAS. */
  get files(): Files {
    return this.#namespace("files", Files);
  }

  /** Boot resources (images). */
  get bootResources(): BootResources {
    return this.#namespace("bootResources", BootResources);
  }

  /** Boot sources and their selections. */
  get bootSources(): BootSources {
    return this.#namespace("bootSources", BootSources);
  }

  /** MAAS configuration settings. */
  get maas(): MAASConfig {
    return this.#namespace("maas", MAASConfig);
  }

  /** The server version and capabilities. */
  get version(): Versions {
    return this.#namespace("version", Versions);
  }

  /** Notifications. */
  get notifications(): Notifications {
    return this.#namespace("notifications", Notifications);
  }

  /** Package repositories. */
  get packageRepositories(): PackageRepositories {
    return this.#namespace("packageRepositories", PackageRepositories);
  }

  /** License keys. */
  get licenseKeys(): LicenseKeys {
    return this.#namespace("licenseKeys", LicenseKeys);
  }

  /** DHCP snippets. */
  get dhcpSnippets(): DHCPSnippets {
    return this.#namespace("dhcpSnippets", DHCPSnippets);
  }

  /** Network discoveries. */
  get discoveries(): Discoveries {
    return this.#namespace("discoveries", Discoveries);
  }

  /** Commissioning and testing scripts. */
  get scripts(): Scripts {
    return this.#namespace("scripts", Scripts);
  }

  /** Commissioning scripts by MAAS's older address (`commissioning-scripts/`). */
  get commissioningScripts(): CommissioningScripts {
    return this.#namespace("commissioningScripts", CommissioningScripts);
  }

  /** User groups and their entitlements (MAAS 3.8 and later). */
  get userGroups(): UserGroups {
    return this.#namespace("userGroups", UserGroups);
  }

  /** OIDC providers users may log in with (MAAS 3.8 and later). */
  get oidcProviders(): OidcProviders {
    return this.#namespace("oidcProviders", OidcProviders);
  }

  /** VM hosts (MAAS up to 3.8). */
  get vmHosts(): VMHosts {
    return this.#namespace("vmHosts", VMHosts);
  }

  /** VM hosts under their former path, `pods/` (MAAS up to 3.8). */
  get pods(): Pods {
    return this.#namespace("pods", Pods);
  }

  /** VM clusters: LXD VM hosts clustered together (MAAS 3.7 and 3.8). */
  get vmClusters(): VMClusters {
    return this.#namespace("vmClusters", VMClusters);
  }

  /**
   * Makes a client from a saved profile (this library's, the maas CLI's or python-libmaas's),
   * with its credentials and TLS settings; no request is made. An unknown name raises
   * `ProfileNotFound` listing the known ones.
   *
   * @example
   * ```ts
   * import { Client } from "@libmaas/client";
   * const client = await Client.fromProfile("prod", { timeout: 10_000 });
   * console.log(client.apiUrl);
   * ```
   */
  static async fromProfile(
    profile: string | Profile,
    options: TransportOptions & { store?: ProfileStore } = {},
  ): Promise<Client> {
    const { store, ...rest } = options;
    const found = typeof profile === "string"
      ? await (store ?? new ProfileStore()).load(profile)
      : profile;
    const client = new Client(
      found.url,
      new Transport({ tls: found.tls, ...rest, credentials: found.credentials }),
    );
    client.#profileName = found.name;
    client.#knownHash = found.description.hash || null;
    return client;
  }

  /**
   * Makes a client from resolved settings (see `resolveSettings`): signed with their API key,
   * or logged in with their username and password.
   *
   * @example
   * ```ts
   * import { Client } from "@libmaas/client";
   * import { resolveSettings } from "@libmaas/client/profiles";
   * const settings = await resolveSettings({ env: { MAAS_URL: "http://maas:5240/MAAS/" } });
   * const client = await Client.fromSettings(settings);
   * console.log(client.isAnonymous);
   * ```
   */
  static async fromSettings(settings: Settings, options: TransportOptions = {}): Promise<Client> {
    const transportOptions = { ...options, tls: options.tls ?? settings.tls };
    const client = settings.credentials || settings.username === null
      ? new Client(
        settings.url,
        new Transport({ ...transportOptions, credentials: settings.credentials }),
      )
      : await login(settings.url, {
        ...transportOptions,
        username: settings.username,
        password: settings.password ?? undefined,
      });
    if (settings.profile) {
      client.#profileName = settings.profile.name;
      client.#knownHash = settings.profile.description.hash || null;
    }
    return client;
  }

  /**
   * Writes the client down as plain JSON: URL, credentials, transport settings, the API hash
   * last seen, the profile it came from and, once read, the server's `version/` answer
   * (`server`, so that a resumed client need not read it again). The token secret is left out unless
   * `includeSecret` is set, so a record can be logged or stored without leaking the key; resume
   * such a record with the key given again (`Client.resume(record, { apikey })`).
   *
   * @example
   * ```ts
   * import { Client, connect } from "@libmaas/client";
   * const client = await connect("http://maas:5240/MAAS/", { apikey: "ck:tk:ts" });
   * const record = client.export();
   * console.log(JSON.stringify(record)); // no secret in it
   * const again = Client.resume(record, { apikey: "ck:tk:ts" });
   * console.log(again.apiUrl);
   * ```
   */
  export(options: { includeSecret?: boolean } = {}): ClientRecord & { server?: WireData } {
    const credentials = this.credentials;
    const server = this.#versionData;
    return {
      kind: "libmaas-client",
      version: 1,
      url: this.#apiUrl,
      credentials: credentials
        ? {
          consumerKey: credentials.consumerKey,
          tokenKey: credentials.tokenKey,
          ...(options.includeSecret ? { tokenSecret: credentials.tokenSecret } : {}),
        }
        : null,
      settings: serialisableOptions(this.#transport.options),
      descriptionHash: this.descriptionHash,
      profile: this.#profileName,
      ...(server ? { server } : {}),
    };
  }

  /**
   * Restores a client from a record made by {@linkcode Client.export}, with no network. When
   * the record holds no secret, `options.apikey` must give the key (its public parts must match
   * the record's). Other options override the record's settings; functions such as `fetch` or
   * `signal` are never in a record and can be given here.
   *
   * @example
   * ```ts
   * import { Client } from "@libmaas/client";
   * const record = JSON.parse(
   *   '{"kind":"libmaas-client","version":1,"url":"http://maas:5240/MAAS/api/2.0/",' +
   *     '"credentials":null,"settings":{},"descriptionHash":null,"profile":null}',
   * );
   * const client = Client.resume(record);
   * console.log(client.isAnonymous); // true
   * ```
   */
  static resume(
    record: ClientRecord & { server?: WireData },
    options: TransportOptions & { apikey?: string | Credentials | null } = {},
  ): Client {
    const { apikey, ...rest } = options;
    const checked = credentialsOfRecord(record, apikey);
    const client = new Client(
      checked.record.url,
      new Transport({ ...checked.record.settings, ...rest, credentials: checked.credentials }),
    );
    client.#profileName = typeof record.profile === "string" ? record.profile : null;
    client.#knownHash = typeof record.descriptionHash === "string" ? record.descriptionHash : null;
    const server = (record as { server?: unknown }).server;
    if (server && typeof server === "object" && typeof (server as WireData).version === "string") {
      client.#versionData = server as WireData;
      client.#version = Promise.resolve(client.#versionData);
    }
    return client;
  }

  /**
   * The API hash last seen in the server's `X-MAAS-API-Hash`, else the one known when the client
   * was made (from a profile's cached description or a record), else `null`.
   */
  get descriptionHash(): string | null {
    return this.#transport.apiHash ?? this.#knownHash;
  }

  /** The name of the profile the client was made from, if any. */
  get profileName(): string | null {
    return this.#profileName;
  }

  /**
   * Whether the credentials still work: asks `whoami`. A 401 or 403 answer gives `false` rather
   * than an error; other failures (the server unreachable…) are raised as usual.
   *
   * @example
   * ```ts
   * import { connect } from "@libmaas/client";
   * const client = await connect("http://maas:5240/MAAS/", { apikey: "ck:tk:ts" });
   * if (!(await client.isValid())) console.error("log in again");
   * ```
   */
  async isValid(options?: CallOptions): Promise<boolean> {
    try {
      await this.users.whoami(undefined, options);
      return true;
    } catch (error) {
      if (error instanceof UnauthorizedError || error instanceof ForbiddenError) return false;
      throw error;
    }
  }

  /** Releases what the transport holds (a TLS client); requests in flight finish. */
  close(): void {
    this.#transport.close();
  }

  /** `Client http://maas:5240/MAAS/api/2.0/ (key ck:tk:<redacted>)`. */
  toString(): string {
    const who = this.credentials ? `key ${this.credentials.toRedactedString()}` : "anonymous";
    return `Client ${this.#apiUrl} (${who})`;
  }

  /** `JSON.stringify` gets the URL only. */
  toJSON(): { url: string; anonymous: boolean } {
    return { url: this.#apiUrl, anonymous: this.isAnonymous };
  }

  /** Deno's inspector shows the short form. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /** Node's and Bun's inspectors show the short form. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * Makes a typed client for the MAAS at `url`, signed with an API key (none: anonymous). No
 * request is made until the first call. Without a URL, the settings are found as
 * `resolveSettings` does (the environment — `MAAS_URL`, `MAAS_APIKEY`… —, a `.env` file, the
 * default saved profile), with `options.apikey` counting as a flag; nothing is ever prompted for.
 *
 * @example
 * ```ts
 * import { connect } from "@libmaas/client";
 * const client = await connect("http://maas.example.com:5240/MAAS/", {
 *   apikey: "consumer_key:token_key:token_secret",
 *   timeout: 10_000,
 * });
 * ```
 */
export function connect(url?: string | URL | null, options: ConnectOptions = {}): Promise<Client> {
  if (url === undefined || url === null) {
    const { apikey, ...rest } = options;
    return resolveSettings({
      flags: { apikey: apikey === null || apikey === undefined ? undefined : apikey.toString() },
      prompter: null,
    }).then((settings) => Client.fromSettings(settings, rest));
  }
  return Promise.resolve().then(() => {
    const address = addressForConnect(url);
    const { apikey, ...rest } = options;
    const transport = new Transport({ ...rest, credentials: toCredentials(apikey) });
    return new Client(address.apiUrl, transport);
  });
}

/**
 * Logs in with a username and password (as options or in the URL), obtains an API key from
 * MAAS and returns a typed client signed with it.
 *
 * @example
 * ```ts
 * import { login } from "@libmaas/client";
 * const client = await login("http://maas.example.com:5240/MAAS/", {
 *   username: "admin",
 *   password: "secret",
 * });
 * ```
 */
export async function login(url: string | URL, options: LoginOptions = {}): Promise<Client> {
  const anonymous = new Transport({ ...options, credentials: null });
  try {
    const { address, credentials } = await obtainCredentials(url, options, anonymous);
    return new Client(address.apiUrl, anonymous.withCredentials(credentials));
  } finally {
    anonymous.close();
  }
}
