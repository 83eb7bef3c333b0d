// The contract test's drivers of the license keys family: one per typed method its description
// names.
import type { Client, LicenseKey, MaasObject } from "../../../mod.ts";
import { type Driver, saving } from "../support.ts";

// A release has one key at the most: the setups share it, and make it again after a delete.
const licenseKey = async (client: Client) =>
  (await client.licenseKeys.list()).find((key) => key.distroSeries === "win2012") ??
    await client.licenseKeys.create({
      osystem: "windows",
      distroSeries: "win2012",
      licenseKey: "ABCDE-ABCDE-ABCDE-ABCDE-ABCDE",
    });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.licenseKeys.list()": { run: (c, _, o) => c.licenseKeys.list(o) },
  "client.licenseKeys.create()": { run: (c, _, o) => c.licenseKeys.create(o as never) },
  "client.licenseKeys.get()": {
    setup: licenseKey,
    run: (c, k, o) =>
      c.licenseKeys.get((k as LicenseKey).osystem, (k as LicenseKey).distroSeries, o),
  },
  "licenseKey.refresh()": { setup: licenseKey, run: (_, k, o) => (k as MaasObject).refresh(o) },
  "licenseKey.save()": saving(licenseKey),
  "licenseKey.delete()": { setup: licenseKey, run: (_, k, o) => (k as MaasObject).delete(o) },
};
