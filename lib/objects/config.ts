/**
 * MAAS's configuration settings (`maas/?op=get_config|set_config`): every setting by its wire
 * name, and typed getters and setters for the common ones.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function name(client: Client): Promise<string> {
 *   return await client.maas.getName();
 * }
 * ```
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, describe, Namespace, required } from "./base.ts";
import { invoke } from "./engine.ts";
import type { StorageLayout } from "./enums.ts";
import { type Codec, type ExtraParams, family, op } from "./spec.ts";

// MAAS takes every setting as text; an empty value clears a setting that may be empty.
const CONFIG_VALUE: Codec = {
  takes: "text, a number, a boolean or null (sent as empty text)",
  encode(value: unknown, option: string): ParamValue {
    if (value === null) return "";
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      return value;
    }
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be text, a number, a boolean or null, got ${
        describe(value)
      }`,
    );
  },
};

/** The MAAS configuration family: `maas/` with `get_config` and `set_config`. */
export const MAAS_CONFIG = family({
  name: "maas",
  handlers: { MaasHandler: "maas/" },
  ops: {
    getConfig: op<{ name: string }>({
      handler: "MaasHandler",
      method: "GET",
      op: "get_config",
      typed: ["client.maas.getConfig()"],
      params: { name: { wire: "name", kind: "string", required: true } },
    }),
    setConfig: op<{ name: string; value: ConfigValue }>({
      handler: "MaasHandler",
      method: "POST",
      op: "set_config",
      typed: ["client.maas.setConfig()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        value: { wire: "value", kind: CONFIG_VALUE, required: true },
      },
    }),
  },
});

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
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<MAASSettings[K]>;
  /** Any setting by its wire name. */
  getConfig(name: string, params?: ExtraParams, options?: CallOptions): Promise<unknown>;
  async getConfig(name: string, params?: ExtraParams, options?: CallOptions): Promise<unknown> {
    return await invoke(this.context, MAAS_CONFIG.ops.getConfig, {
      params,
      set: { name },
      call: options,
    });
  }

  /** Sets a setting by its wire name; MAAS validates the value (400 with the field's errors). */
  setConfig<K extends keyof MAASSettings>(
    name: K,
    value: MAASSettings[K],
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void>;
  /** Sets any setting by its wire name. */
  setConfig(
    name: string,
    value: ConfigValue,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void>;
  async setConfig(
    name: string,
    value: ConfigValue,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    // `null` means empty text, which the codec sends; the engine skips only undefined here.
    await invoke(this.context, MAAS_CONFIG.ops.setConfig, {
      params,
      set: { name, value: value === null ? "" : value },
      call: options,
    });
  }

  /** The name of this MAAS (`maas_name`). */
  async getName(params?: ExtraParams, options?: CallOptions): Promise<string> {
    return text(await this.getConfig("maas_name", params, options)) ?? "";
  }

  /** Renames this MAAS (`maas_name`). */
  async setName(name: string, params?: ExtraParams, options?: CallOptions): Promise<void> {
    return await this.setConfig("maas_name", required(name, "name", "string"), params, options);
  }

  /** Default OS for deployments (`default_osystem`). */
  async getDefaultOS(params?: ExtraParams, options?: CallOptions): Promise<string> {
    return text(await this.getConfig("default_osystem", params, options)) ?? "";
  }

  /** Sets the default OS; it must have images (`default_osystem`). */
  async setDefaultOS(osystem: string, params?: ExtraParams, options?: CallOptions): Promise<void> {
    return await this.setConfig(
      "default_osystem",
      required(osystem, "osystem", "string"),
      params,
      options,
    );
  }

  /** Default release for deployments (`default_distro_series`). */
  async getDefaultDistroSeries(params?: ExtraParams, options?: CallOptions): Promise<string> {
    return text(await this.getConfig("default_distro_series", params, options)) ?? "";
  }

  /** Sets the default release; it must have images (`default_distro_series`). */
  async setDefaultDistroSeries(
    series: string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "default_distro_series",
      required(series, "series", "string"),
      params,
      options,
    );
  }

  /** Ubuntu release used for commissioning (`commissioning_distro_series`). */
  async getCommissioningDistroSeries(params?: ExtraParams, options?: CallOptions): Promise<string> {
    return text(await this.getConfig("commissioning_distro_series", params, options)) ?? "";
  }

  /** Sets the commissioning release (`commissioning_distro_series`). */
  async setCommissioningDistroSeries(
    series: string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "commissioning_distro_series",
      required(series, "series", "string"),
      params,
      options,
    );
  }

  /** The proxy given to machines, or null for MAAS's built-in one (`http_proxy`). */
  async getHttpProxy(params?: ExtraParams, options?: CallOptions): Promise<string | null> {
    return text(await this.getConfig("http_proxy", params, options));
  }

  /** Sets the proxy URL; null goes back to the built-in proxy (`http_proxy`). */
  async setHttpProxy(
    url: string | null,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig("http_proxy", optionalText(url, "url"), params, options);
  }

  /** Whether machines use a proxy (`enable_http_proxy`). */
  async getEnableHttpProxy(params?: ExtraParams, options?: CallOptions): Promise<boolean> {
    return flag(await this.getConfig("enable_http_proxy", params, options), "enable_http_proxy");
  }

  /** Turns the proxy for machines on or off (`enable_http_proxy`). */
  async setEnableHttpProxy(
    enabled: boolean,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "enable_http_proxy",
      required(enabled, "enabled", "boolean"),
      params,
      options,
    );
  }

  /** Whether the configured proxy is a peer of the built-in one (`use_peer_proxy`). */
  async getUsePeerProxy(params?: ExtraParams, options?: CallOptions): Promise<boolean> {
    return flag(await this.getConfig("use_peer_proxy", params, options), "use_peer_proxy");
  }

  /** Sets whether the configured proxy is a peer (`use_peer_proxy`). */
  async setUsePeerProxy(
    enabled: boolean,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "use_peer_proxy",
      required(enabled, "enabled", "boolean"),
      params,
      options,
    );
  }

  /** Upstream DNS servers (`upstream_dns`, split into addresses). */
  async getUpstreamDns(params?: ExtraParams, options?: CallOptions): Promise<string[]> {
    return words(await this.getConfig("upstream_dns", params, options));
  }

  /** Sets the upstream DNS servers; an empty list clears them (`upstream_dns`). */
  async setUpstreamDns(
    addresses: readonly string[],
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig("upstream_dns", joinWords(addresses, "addresses"), params, options);
  }

  /** DNSSEC validation (`dnssec_validation`). */
  async getDnssecValidation(
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<DNSSECValidation> {
    return text(await this.getConfig("dnssec_validation", params, options)) as DNSSECValidation;
  }

  /** Sets DNSSEC validation: `auto`, `yes` or `no` (`dnssec_validation`). */
  async setDnssecValidation(
    validation: DNSSECValidation,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "dnssec_validation",
      oneOf(validation, "validation", ["auto", "yes", "no"]),
      params,
      options,
    );
  }

  /** Default TTL of DNS records in seconds (`default_dns_ttl`). */
  async getDefaultDnsTtl(params?: ExtraParams, options?: CallOptions): Promise<number> {
    return num(await this.getConfig("default_dns_ttl", params, options), "default_dns_ttl");
  }

  /** Sets the default DNS TTL in seconds (`default_dns_ttl`). */
  async setDefaultDnsTtl(ttl: number, params?: ExtraParams, options?: CallOptions): Promise<void> {
    return await this.setConfig("default_dns_ttl", whole(ttl, "ttl"), params, options);
  }

  /** NTP servers (`ntp_servers`, split into names and addresses). */
  async getNtpServers(params?: ExtraParams, options?: CallOptions): Promise<string[]> {
    return words(await this.getConfig("ntp_servers", params, options));
  }

  /** Sets the NTP servers (`ntp_servers`). */
  async setNtpServers(
    servers: readonly string[],
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig("ntp_servers", joinWords(servers, "servers"), params, options);
  }

  /** Whether machines use only the external NTP servers (`ntp_external_only`). */
  async getNtpExternalOnly(params?: ExtraParams, options?: CallOptions): Promise<boolean> {
    return flag(await this.getConfig("ntp_external_only", params, options), "ntp_external_only");
  }

  /** Sets whether machines use only the external NTP servers (`ntp_external_only`). */
  async setNtpExternalOnly(
    enabled: boolean,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "ntp_external_only",
      required(enabled, "enabled", "boolean"),
      params,
      options,
    );
  }

  /** Kernel parameters for every machine, or null (`kernel_opts`). */
  async getKernelOptions(params?: ExtraParams, options?: CallOptions): Promise<string | null> {
    return text(await this.getConfig("kernel_opts", params, options));
  }

  /** Sets the kernel parameters; null clears them (`kernel_opts`). */
  async setKernelOptions(
    kernelOptions: string | null,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "kernel_opts",
      optionalText(kernelOptions, "kernelOptions"),
      params,
      options,
    );
  }

  /** Storage layout applied at commissioning (`default_storage_layout`). */
  async getDefaultStorageLayout(
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<StorageLayout> {
    return text(await this.getConfig("default_storage_layout", params, options)) as StorageLayout;
  }

  /** Sets the default storage layout (`default_storage_layout`). */
  async setDefaultStorageLayout(
    layout: StorageLayout,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "default_storage_layout",
      required(layout, "layout", "string"),
      params,
      options,
    );
  }

  /** Whether disks are erased on release (`enable_disk_erasing_on_release`). */
  async getEnableDiskErasingOnRelease(
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<boolean> {
    return flag(
      await this.getConfig("enable_disk_erasing_on_release", params, options),
      "enable_disk_erasing_on_release",
    );
  }

  /** Sets whether disks are erased on release (`enable_disk_erasing_on_release`). */
  async setEnableDiskErasingOnRelease(
    enabled: boolean,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "enable_disk_erasing_on_release",
      required(enabled, "enabled", "boolean"),
      params,
      options,
    );
  }

  /** Whether erasure uses secure erase by default (`disk_erase_with_secure_erase`). */
  async getDiskEraseWithSecureErase(params?: ExtraParams, options?: CallOptions): Promise<boolean> {
    return flag(
      await this.getConfig("disk_erase_with_secure_erase", params, options),
      "disk_erase_with_secure_erase",
    );
  }

  /** Sets whether erasure uses secure erase by default (`disk_erase_with_secure_erase`). */
  async setDiskEraseWithSecureErase(
    enabled: boolean,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "disk_erase_with_secure_erase",
      required(enabled, "enabled", "boolean"),
      params,
      options,
    );
  }

  /** Whether erasure is quick by default (`disk_erase_with_quick_erase`). */
  async getDiskEraseWithQuickErase(params?: ExtraParams, options?: CallOptions): Promise<boolean> {
    return flag(
      await this.getConfig("disk_erase_with_quick_erase", params, options),
      "disk_erase_with_quick_erase",
    );
  }

  /** Sets whether erasure is quick by default (`disk_erase_with_quick_erase`). */
  async setDiskEraseWithQuickErase(
    enabled: boolean,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "disk_erase_with_quick_erase",
      required(enabled, "enabled", "boolean"),
      params,
      options,
    );
  }

  /** Whether new images are imported automatically (`boot_images_auto_import`). */
  async getBootImagesAutoImport(params?: ExtraParams, options?: CallOptions): Promise<boolean> {
    return flag(
      await this.getConfig("boot_images_auto_import", params, options),
      "boot_images_auto_import",
    );
  }

  /** Sets whether new images are imported automatically (`boot_images_auto_import`). */
  async setBootImagesAutoImport(
    enabled: boolean,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "boot_images_auto_import",
      required(enabled, "enabled", "boolean"),
      params,
      options,
    );
  }

  /** Default minimum kernel, or null for none (`default_min_hwe_kernel`). */
  async getDefaultMinHweKernel(
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<string | null> {
    return text(await this.getConfig("default_min_hwe_kernel", params, options));
  }

  /** Sets the default minimum kernel; null for none (`default_min_hwe_kernel`). */
  async setDefaultMinHweKernel(
    kernel: string | null,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "default_min_hwe_kernel",
      optionalText(kernel, "kernel") ?? "",
      params,
      options,
    );
  }

  /** Whether passive network discovery is on (`network_discovery`). */
  async getNetworkDiscovery(
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<NetworkDiscovery> {
    return text(await this.getConfig("network_discovery", params, options)) as NetworkDiscovery;
  }

  /** Turns passive network discovery on or off (`network_discovery`). */
  async setNetworkDiscovery(
    discovery: NetworkDiscovery,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "network_discovery",
      oneOf(discovery, "discovery", ["enabled", "disabled"]),
      params,
      options,
    );
  }

  /** Seconds between active discovery scans, 0 for never (`active_discovery_interval`). */
  async getActiveDiscoveryInterval(params?: ExtraParams, options?: CallOptions): Promise<number> {
    return num(
      await this.getConfig("active_discovery_interval", params, options),
      "active_discovery_interval",
    );
  }

  /**
   * Sets the seconds between active discovery scans: 0 (never), 600, 1800, 3600, 10800, 21600,
   * 43200, 86400 or 604800 (`active_discovery_interval`).
   */
  async setActiveDiscoveryInterval(
    seconds: number,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "active_discovery_interval",
      whole(seconds, "seconds"),
      params,
      options,
    );
  }

  /** The IPMI user MAAS creates on BMCs (`maas_auto_ipmi_user`). */
  async getMaasAutoIpmiUser(params?: ExtraParams, options?: CallOptions): Promise<string> {
    return text(await this.getConfig("maas_auto_ipmi_user", params, options)) ?? "";
  }

  /** Sets the IPMI user MAAS creates, up to 20 characters (`maas_auto_ipmi_user`). */
  async setMaasAutoIpmiUser(
    user: string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "maas_auto_ipmi_user",
      required(user, "user", "string"),
      params,
      options,
    );
  }

  /** Whether curtin logs verbosely (`curtin_verbose`). */
  async getCurtinVerbose(params?: ExtraParams, options?: CallOptions): Promise<boolean> {
    return flag(await this.getConfig("curtin_verbose", params, options), "curtin_verbose");
  }

  /** Sets whether curtin logs verbosely (`curtin_verbose`). */
  async setCurtinVerbose(
    verbose: boolean,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "curtin_verbose",
      required(verbose, "verbose", "boolean"),
      params,
      options,
    );
  }

  /** Whether third-party drivers are installed (`enable_third_party_drivers`). */
  async getEnableThirdPartyDrivers(params?: ExtraParams, options?: CallOptions): Promise<boolean> {
    return flag(
      await this.getConfig("enable_third_party_drivers", params, options),
      "enable_third_party_drivers",
    );
  }

  /** Sets whether third-party drivers are installed (`enable_third_party_drivers`). */
  async setEnableThirdPartyDrivers(
    enabled: boolean,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig(
      "enable_third_party_drivers",
      required(enabled, "enabled", "boolean"),
      params,
      options,
    );
  }

  /** The Windows KMS host, or null (`windows_kms_host`). */
  async getWindowsKmsHost(params?: ExtraParams, options?: CallOptions): Promise<string | null> {
    return text(await this.getConfig("windows_kms_host", params, options));
  }

  /** Sets the Windows KMS host; null clears it (`windows_kms_host`). */
  async setWindowsKmsHost(
    host: string | null,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    return await this.setConfig("windows_kms_host", optionalText(host, "host"), params, options);
  }

  /** The Ubuntu archive for amd64 and i386 (`main_archive`). */
  async getMainArchive(params?: ExtraParams, options?: CallOptions): Promise<string> {
    return text(await this.getConfig("main_archive", params, options)) ?? "";
  }

  /** Sets the Ubuntu archive for amd64 and i386 (`main_archive`). */
  async setMainArchive(url: string, params?: ExtraParams, options?: CallOptions): Promise<void> {
    return await this.setConfig("main_archive", required(url, "url", "string"), params, options);
  }

  /** The Ubuntu archive for other architectures (`ports_archive`). */
  async getPortsArchive(params?: ExtraParams, options?: CallOptions): Promise<string> {
    return text(await this.getConfig("ports_archive", params, options)) ?? "";
  }

  /** Sets the Ubuntu archive for other architectures (`ports_archive`). */
  async setPortsArchive(url: string, params?: ExtraParams, options?: CallOptions): Promise<void> {
    return await this.setConfig("ports_archive", required(url, "url", "string"), params, options);
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
