/**
 * License keys: the keys of operating systems that need one (Windows), per OS and release.
 *
 * @module
 */

import {
  apiPath,
  type CallOptions,
  defineFields,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
} from "./base.ts";

import { wrap } from "./checks.ts";

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
