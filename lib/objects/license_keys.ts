/**
 * License keys: the keys of operating systems that need one (Windows), per OS and release.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function releasesWithKeys(client: Client): Promise<string[]> {
 *   return (await client.licenseKeys.list()).map((key) => `${key.osystem}/${key.distroSeries}`);
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";

/** What a new license key takes. */
export interface CreateLicenseKeyOptions extends ExtraParams {
  /** Operating system, such as `windows`. */
  osystem: string;
  /** Release, such as `win2016` (or `windows/win2016`). */
  distroSeries: string;
  /** The key, in the form the operating system expects. */
  licenseKey: string;
}

/** The fields a license key's `save()` sends. */
interface LicenseKeyChanges {
  osystem?: string;
  distroSeries?: string;
  licenseKey?: string;
}

/** The license keys family: `license-keys/` and `license-key/{osystem}/{distro_series}`. */
export const LICENSE_KEYS = family({
  name: "licenseKeys",
  handlers: {
    LicenseKeysHandler: "license-keys/",
    LicenseKeyHandler: "license-key/{osystem}/{distro_series}",
  },
  pathParams: { osystem: "string", distro_series: "string" },
  fields: {
    osystem: { wire: "osystem", kind: "string", writable: true },
    distroSeries: { wire: "distro_series", kind: "string", writable: true },
    licenseKey: { wire: "license_key", kind: "string", writable: true },
  },
  ops: {
    list: op({
      handler: "LicenseKeysHandler",
      method: "GET",
      typed: ["client.licenseKeys.list()"],
    }),
    create: op<CreateLicenseKeyOptions>({
      handler: "LicenseKeysHandler",
      method: "POST",
      typed: ["client.licenseKeys.create()"],
      params: {
        osystem: { wire: "osystem", kind: "string", required: true },
        distroSeries: { wire: "distro_series", kind: "string", required: true },
        licenseKey: { wire: "license_key", kind: "string", required: true },
      },
    }),
    read: op({
      handler: "LicenseKeyHandler",
      method: "GET",
      typed: ["client.licenseKeys.get()", "licenseKey.refresh()"],
    }),
    update: op<LicenseKeyChanges>({
      handler: "LicenseKeyHandler",
      method: "PUT",
      typed: ["licenseKey.save()"],
      params: {
        // A move: the new release goes in the body of the old release's path.
        osystem: { wire: "osystem", kind: "string" },
        distroSeries: { wire: "distro_series", kind: "string" },
        licenseKey: { wire: "license_key", kind: "string" },
      },
    }),
    delete: op({
      handler: "LicenseKeyHandler",
      method: "DELETE",
      typed: ["licenseKey.delete()"],
    }),
  },
});

/**
 * The license key MAAS gives machines deployed with one release of an operating system that
 * needs one (Windows, for instance). Keyed by operating system and release: changing either and
 * saving moves the key to that release. `toString()` never shows the key itself.
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
  /** Operating system, such as `windows`; writable. */
  declare osystem: string;
  /** Release of that system, such as `win2016`; writable. */
  declare distroSeries: string;
  /** The key; writable. */
  declare licenseKey: string;

  /** `license-key/{osystem}/{distro_series}` (MAAS has no trailing slash here), as last saved. */
  get resourcePath(): string {
    return pathOf(LICENSE_KEYS.ops.read.path, this.data);
  }

  /** `LicenseKey windows/win2016`. */
  toString(): string {
    return `LicenseKey ${this.osystem}/${this.distroSeries}`;
  }
}
defineObject(LicenseKey, LICENSE_KEYS.fields, {
  read: LICENSE_KEYS.ops.read,
  update: LICENSE_KEYS.ops.update,
  delete: LICENSE_KEYS.ops.delete,
});

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
  async list(params?: ExtraParams, options?: CallOptions): Promise<LicenseKey[]> {
    return await listOf(this.context, LICENSE_KEYS.ops.list, LicenseKey, "license keys", {
      params,
      call: options,
    });
  }

  /** The key of one release; a missing one raises `NotFoundError`. */
  async get(
    osystem: string,
    distroSeries: string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<LicenseKey> {
    return await oneOf(this.context, LICENSE_KEYS.ops.read, LicenseKey, "a license key", {
      path: { osystem, distro_series: distroSeries },
      params,
      call: options,
    });
  }

  /** Stores a key; an unknown release or a key of the wrong form is a 400. */
  async create(params: CreateLicenseKeyOptions, options?: CallOptions): Promise<LicenseKey> {
    return await oneOf(this.context, LICENSE_KEYS.ops.create, LicenseKey, "a license key", {
      params,
      call: options,
    });
  }
}
