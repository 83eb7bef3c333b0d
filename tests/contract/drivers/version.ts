// The contract test's drivers of the version family: one per typed method its description names.
import type { Driver } from "../support.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.version.get()": { run: (c, _, o) => c.version.get(o) },
  "client.readVersion()": {
    run: (c) => c.readVersion(undefined, { fresh: true }),
    noParams: true,
  },
  "client.version.hasCapability()": {
    run: (c, _, o) => c.version.hasCapability("authenticate-api", o),
  },
};
