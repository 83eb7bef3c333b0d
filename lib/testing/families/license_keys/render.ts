/**
 * License keys as MAAS renders them.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimLicenseKey } from "./model.ts";

/**
 * A license key, as `license-keys/` renders one (its address has no trailing slash).
 *
 * @example
 * ```ts
 * import { MaasLine } from "../../maas/lines.ts";
 * import { licenseKeyJson } from "./render.ts";
 * const key = { osystem: "windows", distroSeries: "win2016", licenseKey: "K" };
 * console.log(licenseKeyJson(MaasLine.get("3.8"), key).resource_uri); // /MAAS/api/2.0/license-key/windows/win2016
 * ```
 */
export function licenseKeyJson(line: MaasLine, key: SimLicenseKey): Record<string, unknown> {
  return line.shape("LicenseKeyHandler", {
    osystem: key.osystem,
    distro_series: key.distroSeries,
    license_key: key.licenseKey,
    resource_uri: apiUri(
      `license-key/${encodeURIComponent(key.osystem)}/${encodeURIComponent(key.distroSeries)}`,
    ),
  });
}
