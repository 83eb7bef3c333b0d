/**
 * The MAAS server itself: its configuration settings (`maas/?op=get_config|set_config`) and its
 * version with capabilities (`version/`).
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import {
  type CallOptions,
  describe,
  expectObject,
  Namespace,
  required,
  type WireData,
} from "./base.ts";
import type { StorageLayout } from "./enums.ts";

/** DNSSEC validation of the region's DNS server. */
export type DNSSECValidation = "auto" | "yes" | "no";

/** Whether MAAS listens passively for devices on the networks it manages. */
export type NetworkDiscovery = "enabled" | "disabled";

/**
 * Common MAAS settings by their wire names, with the types `get_config` answers with. Any other
 * setting is reachable through {@linkcode MAASConfig.getConfig} with a plain string name.
 */
export interface MAASSettings {
  /** The name of this MAAS. */
  maas_name: string;
  /** Default OS for deployments, such as `ubuntu`. */
  default_osystem: string;
  /** Default release for deployments, such as `noble`. */
  default_distro_series: string;
  /** Ubuntu release used for commissioning. */
  commissioning_distro_series: string;
  /** Proxy for APT and HTTP/HTTPS given to machines; null for the built-in proxy. */
  http_proxy: string | null;
  /** Whether machines use a proxy for APT and image downloads. */
  enable_http_proxy: boolean;
  /** Whether `http_proxy` is used as a peer of the built-in proxy. */
  use_peer_proxy: boolean;
  /** Upstream DNS servers, space-separated IP addresses, or null. */
  upstream_dns: string | null;
  /** DNSSEC validation of upstream answers. */
  dnssec_validation: DNSSECValidation;
  /** Default TTL of DNS records, in seconds. */
  default_dns_ttl: number;
  /** NTP servers, space-separated. */
  ntp_servers: string;
  /** Whether machines use only the external NTP servers. */
  ntp_external_only: boolean;
  /** Kernel boot parameters for every machine, or null. */
  kernel_opts: string | null;
  /** Storage layout applied at commissioning. */
  default_storage_layout: StorageLayout;
  /** Whether disks are erased when machines are released. */
  enable_disk_erasing_on_release: boolean;
  /** Whether disk erasure uses secure erase by default. */
  disk_erase_with_secure_erase: boolean;
  /** Whether disk erasure is quick (first and last MB) by default. */
  disk_erase_with_quick_erase: boolean;
  /** Whether new images are imported automatically. */
  boot_images_auto_import: boolean;
  /** Default minimum kernel for new and commissioned machines; empty for none. */
  default_min_hwe_kernel: string;
  /** Whether passive network discovery is on. */
  network_discovery: NetworkDiscovery;
  /** Seconds between active discovery scans (0: never). */
  active_discovery_interval: number;
  /** The IPMI user MAAS creates on BMCs it configures. */
  maas_auto_ipmi_user: string;
  /** Whether curtin logs verbosely. */
  curtin_verbose: boolean;
  /** Whether third-party drivers are installed. */
  enable_third_party_drivers: boolean;
  /** The Windows KMS host, or null. */
  windows_kms_host: string | null;
  /** The Ubuntu archive for amd64 and i386. */
  main_archive: string;
  /** The Ubuntu archive for other architectures. */
  ports_archive: string;
}

/** A value `set_config` takes: text, a number, a boolean, or null (sent as empty text). */
export type ConfigValue = string | number | boolean | null;

/**
 * `client.maas`: MAAS's configuration settings. `getConfig` and `setConfig` reach every setting
 * by its wire name; the typed helpers convert the common ones (lists of servers, null for empty
 * text, numbers).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function useGoogleDns(client: Client) {
 *   await client.maas.setUpstreamDns(["8.8.8.8", "8.8.4.4"]);
 *   await client.maas.setDnssecValidation("no");
 *   return await client.maas.getUpstreamDns();
 * }
 * ```
 */
export class MAASConfig extends Namespace {
  /** A setting by its wire name, typed for the common ones; an unknown name is a 400. */
  getConfig<K extends keyof MAASSettings>(
    name: K,
    options?: CallOptions,
  ): Promise<MAASSettings[K]>;
  /** Any setting by its wire name. */
  getConfig(name: string, options?: CallOptions): Promise<unknown>;
  async getConfig(name: string, options?: CallOptions): Promise<unknown> {
    required(name, "name", "string");
    return await this.context.call("GET", "maas/", {
      op: "get_config",
      params: { name },
      ...options,
    });
  }

  /** Sets a setting by its wire name; MAAS validates the value (400 with the field's errors). */
  setConfig<K extends keyof MAASSettings>(
    name: K,
    value: MAASSettings[K],
    options?: CallOptions,
  ): Promise<void>;
  /** Sets any setting by its wire name. */
  setConfig(name: string, value: ConfigValue, options?: CallOptions): Promise<void>;
  async setConfig(name: string, value: ConfigValue, options?: CallOptions): Promise<void> {
    required(name, "name", "string");
    if (
      value !== null && typeof value !== "string" && typeof value !== "number" &&
      typeof value !== "boolean"
    ) {
      throw new ParameterError(
        `Parameter "value" must be text, a number, a boolean or null, got ${describe(value)}`,
      );
    }
    await this.context.call("POST", "maas/", {
      op: "set_config",
      params: { name, value: value ?? "" },
      ...options,
    });
  }

  /** The name of this MAAS (`maas_name`). */
  async getName(options?: CallOptions): Promise<string> {
    return text(await this.getConfig("maas_name", options)) ?? "";
  }

  /** Renames this MAAS (`maas_name`). */
  async setName(name: string, options?: CallOptions): Promise<void> {
    return await this.setConfig("maas_name", required(name, "name", "string"), options);
  }

  /** Default OS for deployments (`default_osystem`). */
  async getDefaultOS(options?: CallOptions): Promise<string> {
    return text(await this.getConfig("default_osystem", options)) ?? "";
  }

  /** Sets the default OS; it must have images (`default_osystem`). */
  async setDefaultOS(osystem: string, options?: CallOptions): Promise<void> {
    return await this.setConfig("default_osystem", required(osystem, "osystem", "string"), options);
  }

  /** Default release for deployments (`default_distro_series`). */
  async getDefaultDistroSeries(options?: CallOptions): Promise<string> {
    return text(await this.getConfig("default_distro_series", options)) ?? "";
  }

  /** Sets the default release; it must have images (`default_distro_series`). */
  async setDefaultDistroSeries(series: string, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "default_distro_series",
      required(series, "series", "string"),
      options,
    );
  }

  /** Ubuntu release used for commissioning (`commissioning_distro_series`). */
  async getCommissioningDistroSeries(options?: CallOptions): Promise<string> {
    return text(await this.getConfig("commissioning_distro_series", options)) ?? "";
  }

  /** Sets the commissioning release (`commissioning_distro_series`). */
  async setCommissioningDistroSeries(series: string, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "commissioning_distro_series",
      required(series, "series", "string"),
      options,
    );
  }

  /** The proxy given to machines, or null for MAAS's built-in one (`http_proxy`). */
  async getHttpProxy(options?: CallOptions): Promise<string | null> {
    return text(await this.getConfig("http_proxy", options));
  }

  /** Sets the proxy URL; null goes back to the built-in proxy (`http_proxy`). */
  async setHttpProxy(url: string | null, options?: CallOptions): Promise<void> {
    return await this.setConfig("http_proxy", optionalText(url, "url"), options);
  }

  /** Whether machines use a proxy (`enable_http_proxy`). */
  async getEnableHttpProxy(options?: CallOptions): Promise<boolean> {
    return flag(await this.getConfig("enable_http_proxy", options), "enable_http_proxy");
  }

  /** Turns the proxy for machines on or off (`enable_http_proxy`). */
  async setEnableHttpProxy(enabled: boolean, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "enable_http_proxy",
      required(enabled, "enabled", "boolean"),
      options,
    );
  }

  /** Whether the configured proxy is a peer of the built-in one (`use_peer_proxy`). */
  async getUsePeerProxy(options?: CallOptions): Promise<boolean> {
    return flag(await this.getConfig("use_peer_proxy", options), "use_peer_proxy");
  }

  /** Sets whether the configured proxy is a peer (`use_peer_proxy`). */
  async setUsePeerProxy(enabled: boolean, options?: CallOptions): Promise<void> {
    return await this.setConfig("use_peer_proxy", required(enabled, "enabled", "boolean"), options);
  }

  /** Upstream DNS servers (`upstream_dns`, split into addresses). */
  async getUpstreamDns(options?: CallOptions): Promise<string[]> {
    return words(await this.getConfig("upstream_dns", options));
  }

  /** Sets the upstream DNS servers; an empty list clears them (`upstream_dns`). */
  async setUpstreamDns(addresses: readonly string[], options?: CallOptions): Promise<void> {
    return await this.setConfig("upstream_dns", joinWords(addresses, "addresses"), options);
  }

  /** DNSSEC validation (`dnssec_validation`). */
  async getDnssecValidation(options?: CallOptions): Promise<DNSSECValidation> {
    return text(await this.getConfig("dnssec_validation", options)) as DNSSECValidation;
  }

  /** Sets DNSSEC validation: `auto`, `yes` or `no` (`dnssec_validation`). */
  async setDnssecValidation(validation: DNSSECValidation, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "dnssec_validation",
      oneOf(validation, "validation", ["auto", "yes", "no"]),
      options,
    );
  }

  /** Default TTL of DNS records in seconds (`default_dns_ttl`). */
  async getDefaultDnsTtl(options?: CallOptions): Promise<number> {
    return num(await this.getConfig("default_dns_ttl", options), "default_dns_ttl");
  }

  /** Sets the default DNS TTL in seconds (`default_dns_ttl`). */
  async setDefaultDnsTtl(ttl: number, options?: CallOptions): Promise<void> {
    return await this.setConfig("default_dns_ttl", whole(ttl, "ttl"), options);
  }

  /** NTP servers (`ntp_servers`, split into names and addresses). */
  async getNtpServers(options?: CallOptions): Promise<string[]> {
    return words(await this.getConfig("ntp_servers", options));
  }

  /** Sets the NTP servers (`ntp_servers`). */
  async setNtpServers(servers: readonly string[], options?: CallOptions): Promise<void> {
    return await this.setConfig("ntp_servers", joinWords(servers, "servers"), options);
  }

  /** Whether machines use only the external NTP servers (`ntp_external_only`). */
  async getNtpExternalOnly(options?: CallOptions): Promise<boolean> {
    return flag(await this.getConfig("ntp_external_only", options), "ntp_external_only");
  }

  /** Sets whether machines use only the external NTP servers (`ntp_external_only`). */
  async setNtpExternalOnly(enabled: boolean, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "ntp_external_only",
      required(enabled, "enabled", "boolean"),
      options,
    );
  }

  /** Kernel parameters for every machine, or null (`kernel_opts`). */
  async getKernelOptions(options?: CallOptions): Promise<string | null> {
    return text(await this.getConfig("kernel_opts", options));
  }

  /** Sets the kernel parameters; null clears them (`kernel_opts`). */
  async setKernelOptions(kernelOptions: string | null, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "kernel_opts",
      optionalText(kernelOptions, "kernelOptions"),
      options,
    );
  }

  /** Storage layout applied at commissioning (`default_storage_layout`). */
  async getDefaultStorageLayout(options?: CallOptions): Promise<StorageLayout> {
    return text(await this.getConfig("default_storage_layout", options)) as StorageLayout;
  }

  /** Sets the default storage layout (`default_storage_layout`). */
  async setDefaultStorageLayout(layout: StorageLayout, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "default_storage_layout",
      required(layout, "layout", "string"),
      options,
    );
  }

  /** Whether disks are erased on release (`enable_disk_erasing_on_release`). */
  async getEnableDiskErasingOnRelease(options?: CallOptions): Promise<boolean> {
    return flag(
      await this.getConfig("enable_disk_erasing_on_release", options),
      "enable_disk_erasing_on_release",
    );
  }

  /** Sets whether disks are erased on release (`enable_disk_erasing_on_release`). */
  async setEnableDiskErasingOnRelease(enabled: boolean, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "enable_disk_erasing_on_release",
      required(enabled, "enabled", "boolean"),
      options,
    );
  }

  /** Whether erasure uses secure erase by default (`disk_erase_with_secure_erase`). */
  async getDiskEraseWithSecureErase(options?: CallOptions): Promise<boolean> {
    return flag(
      await this.getConfig("disk_erase_with_secure_erase", options),
      "disk_erase_with_secure_erase",
    );
  }

  /** Sets whether erasure uses secure erase by default (`disk_erase_with_secure_erase`). */
  async setDiskEraseWithSecureErase(enabled: boolean, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "disk_erase_with_secure_erase",
      required(enabled, "enabled", "boolean"),
      options,
    );
  }

  /** Whether erasure is quick by default (`disk_erase_with_quick_erase`). */
  async getDiskEraseWithQuickErase(options?: CallOptions): Promise<boolean> {
    return flag(
      await this.getConfig("disk_erase_with_quick_erase", options),
      "disk_erase_with_quick_erase",
    );
  }

  /** Sets whether erasure is quick by default (`disk_erase_with_quick_erase`). */
  async setDiskEraseWithQuickErase(enabled: boolean, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "disk_erase_with_quick_erase",
      required(enabled, "enabled", "boolean"),
      options,
    );
  }

  /** Whether new images are imported automatically (`boot_images_auto_import`). */
  async getBootImagesAutoImport(options?: CallOptions): Promise<boolean> {
    return flag(
      await this.getConfig("boot_images_auto_import", options),
      "boot_images_auto_import",
    );
  }

  /** Sets whether new images are imported automatically (`boot_images_auto_import`). */
  async setBootImagesAutoImport(enabled: boolean, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "boot_images_auto_import",
      required(enabled, "enabled", "boolean"),
      options,
    );
  }

  /** Default minimum kernel, or null for none (`default_min_hwe_kernel`). */
  async getDefaultMinHweKernel(options?: CallOptions): Promise<string | null> {
    return text(await this.getConfig("default_min_hwe_kernel", options));
  }

  /** Sets the default minimum kernel; null for none (`default_min_hwe_kernel`). */
  async setDefaultMinHweKernel(kernel: string | null, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "default_min_hwe_kernel",
      optionalText(kernel, "kernel") ?? "",
      options,
    );
  }

  /** Whether passive network discovery is on (`network_discovery`). */
  async getNetworkDiscovery(options?: CallOptions): Promise<NetworkDiscovery> {
    return text(await this.getConfig("network_discovery", options)) as NetworkDiscovery;
  }

  /** Turns passive network discovery on or off (`network_discovery`). */
  async setNetworkDiscovery(discovery: NetworkDiscovery, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "network_discovery",
      oneOf(discovery, "discovery", ["enabled", "disabled"]),
      options,
    );
  }

  /** Seconds between active discovery scans, 0 for never (`active_discovery_interval`). */
  async getActiveDiscoveryInterval(options?: CallOptions): Promise<number> {
    return num(
      await this.getConfig("active_discovery_interval", options),
      "active_discovery_interval",
    );
  }

  /**
   * Sets the seconds between active discovery scans: 0 (never), 600, 1800, 3600, 10800, 21600,
   * 43200, 86400 or 604800 (`active_discovery_interval`).
   */
  async setActiveDiscoveryInterval(seconds: number, options?: CallOptions): Promise<void> {
    return await this.setConfig("active_discovery_interval", whole(seconds, "seconds"), options);
  }

  /** The IPMI user MAAS creates on BMCs (`maas_auto_ipmi_user`). */
  async getMaasAutoIpmiUser(options?: CallOptions): Promise<string> {
    return text(await this.getConfig("maas_auto_ipmi_user", options)) ?? "";
  }

  /** Sets the IPMI user MAAS creates, up to 20 characters (`maas_auto_ipmi_user`). */
  async setMaasAutoIpmiUser(user: string, options?: CallOptions): Promise<void> {
    return await this.setConfig("maas_auto_ipmi_user", required(user, "user", "string"), options);
  }

  /** Whether curtin logs verbosely (`curtin_verbose`). */
  async getCurtinVerbose(options?: CallOptions): Promise<boolean> {
    return flag(await this.getConfig("curtin_verbose", options), "curtin_verbose");
  }

  /** Sets whether curtin logs verbosely (`curtin_verbose`). */
  async setCurtinVerbose(verbose: boolean, options?: CallOptions): Promise<void> {
    return await this.setConfig("curtin_verbose", required(verbose, "verbose", "boolean"), options);
  }

  /** Whether third-party drivers are installed (`enable_third_party_drivers`). */
  async getEnableThirdPartyDrivers(options?: CallOptions): Promise<boolean> {
    return flag(
      await this.getConfig("enable_third_party_drivers", options),
      "enable_third_party_drivers",
    );
  }

  /** Sets whether third-party drivers are installed (`enable_third_party_drivers`). */
  async setEnableThirdPartyDrivers(enabled: boolean, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "enable_third_party_drivers",
      required(enabled, "enabled", "boolean"),
      options,
    );
  }

  /** The Windows KMS host, or null (`windows_kms_host`). */
  async getWindowsKmsHost(options?: CallOptions): Promise<string | null> {
    return text(await this.getConfig("windows_kms_host", options));
  }

  /** Sets the Windows KMS host; null clears it (`windows_kms_host`). */
  async setWindowsKmsHost(host: string | null, options?: CallOptions): Promise<void> {
    return await this.setConfig("windows_kms_host", optionalText(host, "host"), options);
  }

  /** The Ubuntu archive for amd64 and i386 (`main_archive`). */
  async getMainArchive(options?: CallOptions): Promise<string> {
    return text(await this.getConfig("main_archive", options)) ?? "";
  }

  /** Sets the Ubuntu archive for amd64 and i386 (`main_archive`). */
  async setMainArchive(url: string, options?: CallOptions): Promise<void> {
    return await this.setConfig("main_archive", required(url, "url", "string"), options);
  }

  /** The Ubuntu archive for other architectures (`ports_archive`). */
  async getPortsArchive(options?: CallOptions): Promise<string> {
    return text(await this.getConfig("ports_archive", options)) ?? "";
  }

  /** Sets the Ubuntu archive for other architectures (`ports_archive`). */
  async setPortsArchive(url: string, options?: CallOptions): Promise<void> {
    return await this.setConfig("ports_archive", required(url, "url", "string"), options);
  }
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new ProtocolError(`Expected a text setting, got ${describe(value)}`);
}

function flag(value: unknown, name: string): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "True") return true;
  if (value === "false" || value === "False" || value === null) return false;
  throw new ProtocolError(`Expected ${name} to be true or false, got ${JSON.stringify(value)}`);
}

function num(value: unknown, name: string): number {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof number === "number" && Number.isFinite(number)) return number;
  throw new ProtocolError(`Expected ${name} to be a number, got ${JSON.stringify(value)}`);
}

function words(value: unknown): string[] {
  const joined = text(value);
  return joined === null ? [] : joined.split(/[\s,]+/).filter((word) => word !== "");
}

function joinWords(values: readonly string[], name: string): string {
  if (!Array.isArray(values) || values.some((item) => typeof item !== "string" || item === "")) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a list of non-empty strings`,
    );
  }
  return values.join(" ");
}

function optionalText(value: string | null, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a string or null, got ${describe(value)}`,
    );
  }
  return value;
}

function whole(value: number, name: string): number {
  if (!Number.isInteger(value)) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a whole number, got ${describe(value)}`,
    );
  }
  return value;
}

function oneOf<T extends string>(value: T, name: string, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be one of ${allowed.join(", ")}, got ${
        JSON.stringify(value)
      }`,
    );
  }
  return value;
}

/**
 * The server's version (`version/`): the release, the packaging subversion, and the capabilities
 * that tell which API features it has.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function canLogin(client: Client): Promise<boolean> {
 *   const version = await client.version.get();
 *   return version.hasCapability("authenticate-api");
 * }
 * ```
 */
export class Version {
  #data: WireData;

  /** Wraps the answer of `version/` (kept as received). */
  constructor(data: WireData) {
    this.#data = data;
  }

  /** The release, such as `3.5.4` (some builds add text: `3.5.4-14325-g.6a7e30d2d`). */
  get version(): string {
    return String(this.#data.version ?? "");
  }

  /** Packaging detail, often empty. */
  get subversion(): string {
    return String(this.#data.subversion ?? "");
  }

  /** The capabilities, such as `authenticate-api` or `network-deployment-ubuntu`. */
  get capabilities(): readonly string[] {
    const capabilities = this.#data.capabilities;
    return Array.isArray(capabilities) ? capabilities.map(String) : [];
  }

  /** The numeric part of the release, such as `[3, 5, 4]`. */
  get numbers(): readonly number[] {
    const match = /^\d+(\.\d+)*/.exec(this.version);
    return match ? match[0].split(".").map(Number) : [];
  }

  /** Whether the server has a capability. */
  hasCapability(name: string): boolean {
    return this.capabilities.includes(name);
  }

  /** Whether the release is `version` (`"3.5"`, `"3.5.4"`) or newer. */
  atLeast(version: string): boolean {
    const wanted = version.split(".").map(Number);
    if (wanted.some((part) => !Number.isInteger(part))) {
      throw new ParameterError(`Not a version number: ${JSON.stringify(version)}`);
    }
    const have = this.numbers;
    for (let i = 0; i < wanted.length; i++) {
      const part = have[i] ?? 0;
      if (part !== wanted[i]) return part > wanted[i];
    }
    return true;
  }

  /** The answer as the server sent it. */
  get data(): Readonly<WireData> {
    return this.#data;
  }

  /** One field by its wire name. */
  get(field: string): unknown {
    return this.#data[field];
  }

  /** The wire data. */
  toJSON(): WireData {
    return this.#data;
  }

  /** `MAAS 3.5.4`. */
  toString(): string {
    return `MAAS ${this.version}${this.subversion ? ` (${this.subversion})` : ""}`;
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
 * `client.version`: the server's version and capabilities. `version/` needs no credentials.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function show(client: Client) {
 *   console.log(String(await client.version.get()));
 *   console.log(await client.version.hasCapability("authenticate-api"));
 * }
 * ```
 */
export class Versions extends Namespace {
  #cached: Promise<Version> | undefined;

  /** Reads the version (always asks the server). */
  async get(options?: CallOptions): Promise<Version> {
    const data = await this.context.call("GET", "version/", options);
    const version = new Version(expectObject(data, "a version"));
    this.#cached = Promise.resolve(version);
    return version;
  }

  /**
   * Whether the server has a capability. The version is read once per client and kept, since a
   * server's capabilities change only with an upgrade.
   */
  async hasCapability(name: string, options?: CallOptions): Promise<boolean> {
    required(name, "name", "string");
    this.#cached ??= this.get(options).catch((error) => {
      this.#cached = undefined;
      throw error;
    });
    return (await this.#cached).hasCapability(name);
  }
}
