/**
 * License keys: `license-keys/` and `license-key/{osystem}/{distro_series}` (no trailing slash),
 * for the releases that need one (Windows), administrators only.
 *
 * @module
 */

import { FormErrors, REQUIRED } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimLicenseKey } from "./model.ts";
import { licenseKeyJson } from "./render.ts";

/** Releases that need a license key, by operating system, as MAAS's Windows support lists them. */
const LICENSED_RELEASES: Readonly<Record<string, readonly string[]>> = {
  windows: ["win2012", "win2012r2", "win2016", "win2019", "win2022"],
};
const WINDOWS_KEY = /^([A-Za-z0-9]{5}-){4}[A-Za-z0-9]{5}$/;

function osChoices(): string {
  return Object.keys(LICENSED_RELEASES).map((os) => `'${os}'`).join(", ");
}

function releaseChoices(): string {
  return Object.entries(LICENSED_RELEASES)
    .flatMap(([os, releases]) => releases.map((release) => `'${os}/${release}'`))
    .join(", ");
}

/**
 * MAAS's `LicenseKeyForm`. Its `distro_series` is `osystem/release`; a release alone is read as
 * one of `osystem`, and an operating system left out is the release's.
 */
function licenseKeyForm(
  givenOsystem: string | undefined,
  givenSeries: string | undefined,
  licenseKey: string | undefined,
): SimLicenseKey {
  let osystem = givenOsystem;
  let series = givenSeries;
  if (series !== undefined && series !== "") {
    if (series.includes("/")) osystem ??= series.split("/", 1)[0];
    else if (osystem !== undefined) series = `${osystem}/${series}`;
  }
  const errors = new FormErrors();
  if (osystem === undefined || osystem === "") errors.add("osystem", REQUIRED);
  else if (!(osystem in LICENSED_RELEASES)) {
    errors.add(
      "osystem",
      `'${osystem}' is not a valid osystem.  It should be one of: ${osChoices()}.`,
    );
  }
  if (series === undefined || series === "") errors.add("distro_series", REQUIRED);
  else {
    const [os, release] = series.split("/", 2);
    if (!(LICENSED_RELEASES[os] ?? []).includes(release)) {
      errors.add(
        "distro_series",
        `'${series}' is not a valid distro_series.  It should be one of: ${releaseChoices()}.`,
      );
    }
  }
  if (licenseKey === undefined || licenseKey === "") errors.add("license_key", REQUIRED);
  errors.throwIfAny();
  const [seriesOs, release] = series!.split("/", 2);
  if (seriesOs !== osystem) {
    throw ReplyError.invalid({
      __all__: [`${release} in distro_series does not match with operating system ${osystem}`],
    });
  }
  if (!WINDOWS_KEY.test(licenseKey!)) {
    throw ReplyError.invalid({ __all__: ["Invalid license key."] });
  }
  return { osystem: osystem!, distroSeries: release, licenseKey: licenseKey! };
}

/** A key for a release that has one already (other than `self`) is MAAS's form error. */
function refuseTaken(ctx: AuthContext, key: SimLicenseKey, self: SimLicenseKey | null): void {
  const existing = ctx.state.licenseKeys.get(key.osystem, key.distroSeries);
  if (existing && existing !== self) {
    throw ReplyError.invalid({
      __all__: ["License key with this operating system and distro series already exists."],
    });
  }
}

function findLicenseKey(ctx: AuthContext): SimLicenseKey {
  const key = ctx.state.licenseKeys.get(ctx.params.osystem, ctx.params.distro_series);
  if (!key) throw ReplyError.notFound("LicenseKey");
  return key;
}

/**
 * Register `license-keys/` and `license-key/{osystem}/{distro_series}`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerLicenseKeys } from "./routes.ts";
 * registerLicenseKeys(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerLicenseKeys(table: RouteTable): void {
  table.resource({
    path: "license-keys/",
    auth: {
      name: "LicenseKeysHandler",
      doc: "License keys of operating system releases that need one.",
      actions: {
        "GET read": {
          doc: "List every license key, by operating system and release (administrators only).",
          run: (ctx) => {
            ctx.requireAdmin("can_view_license_keys");
            return json(ctx.state.licenseKeys.all().map((key) => licenseKeyJson(ctx.line, key)));
          },
        },
        "POST create": {
          doc: "Define a license key (administrators only).\n\n" +
            ":param osystem: Required. Operating system, such as windows.\n" +
            ":param distro_series: Required. Release, such as win2016 (or windows/win2016).\n" +
            ":param license_key: Required. The key.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_license_keys");
            const { data } = ctx;
            const key = licenseKeyForm(
              data.get("osystem"),
              data.get("distro_series"),
              data.get("license_key"),
            );
            refuseTaken(ctx, key, null);
            return json(licenseKeyJson(ctx.line, ctx.state.licenseKeys.add(key)));
          },
        },
      },
    },
  });

  table.resource({
    path: "license-key/{osystem}/{distro_series}",
    auth: {
      name: "LicenseKeyHandler",
      doc: "The license key of one operating system release.",
      actions: {
        "GET read": {
          doc: "Read a license key (administrators only).",
          run: (ctx) => {
            ctx.requireAdmin("can_view_license_keys");
            return json(licenseKeyJson(ctx.line, findLicenseKey(ctx)));
          },
        },
        "PUT update": {
          doc: "Update a license key (administrators only); an operating system or release in " +
            "the body moves the key to that release.\n\n" +
            ":param license_key: Optional. The new key.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_license_keys");
            const key = findLicenseKey(ctx);
            const { data } = ctx;
            // MAAS fills the form with the key's values, then the request's (a move included).
            const changed = licenseKeyForm(
              data.get("osystem") ?? key.osystem,
              data.get("distro_series") ?? key.distroSeries,
              data.get("license_key") ?? key.licenseKey,
            );
            refuseTaken(ctx, changed, key);
            const keys = ctx.state.licenseKeys;
            keys.remove(key.osystem, key.distroSeries);
            return json(licenseKeyJson(ctx.line, keys.add(Object.assign(key, changed))));
          },
        },
        "DELETE delete": {
          doc: "Delete a license key (administrators only); a missing one is not an error.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_license_keys");
            ctx.state.licenseKeys.remove(ctx.params.osystem, ctx.params.distro_series);
            return deleted();
          },
        },
      },
    },
  });
}
