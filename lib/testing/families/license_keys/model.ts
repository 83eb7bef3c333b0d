/**
 * The license keys family's records: the key of each operating system release that needs one,
 * keyed by operating system and release.
 *
 * @module
 */

/**
 * A license key.
 *
 * @example
 * ```ts
 * import type { SimLicenseKey } from "@libmaas/client/testing";
 * const key: SimLicenseKey = {
 *   osystem: "windows", distroSeries: "win2016", licenseKey: "ABCDE-ABCDE-ABCDE-ABCDE-ABCDE",
 * };
 * ```
 */
export interface SimLicenseKey {
  /** Operating system (`windows`). */
  osystem: string;
  /** Release of that system (`win2016`). */
  distroSeries: string;
  /** The key. */
  licenseKey: string;
}

/**
 * The license keys section of the state: keys by operating system and release.
 *
 * @example
 * ```ts
 * import { LicenseKeysSection } from "./model.ts";
 * const keys = new LicenseKeysSection();
 * keys.add({ osystem: "windows", distroSeries: "win2016", licenseKey: "K" });
 * console.log(keys.get("windows", "win2016")?.licenseKey); // K
 * ```
 */
export class LicenseKeysSection {
  readonly #byRelease = new Map<string, SimLicenseKey>();

  /** The key of one release. */
  get(osystem: string, distroSeries: string): SimLicenseKey | undefined {
    return this.#byRelease.get(`${osystem}/${distroSeries}`);
  }

  /** Every key, by operating system then release. */
  all(): SimLicenseKey[] {
    return [...this.#byRelease.values()].sort((a, b) =>
      a.osystem.localeCompare(b.osystem) || a.distroSeries.localeCompare(b.distroSeries)
    );
  }

  /** Adds a key; the caller checks that the release has none. */
  add(key: SimLicenseKey): SimLicenseKey {
    this.#byRelease.set(`${key.osystem}/${key.distroSeries}`, key);
    return key;
  }

  /** Removes the key of one release, if there is one. */
  remove(osystem: string, distroSeries: string): void {
    this.#byRelease.delete(`${osystem}/${distroSeries}`);
  }
}
