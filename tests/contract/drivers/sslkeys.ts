// The contract test's drivers of the sslkeys family: one per typed method its description names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, sslKey, without } from "../support.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.sslKeys.list()": { run: (c, _, o) => c.sslKeys.list(o) },
  "client.sslKeys.create()": {
    run: (c, _, o) => c.sslKeys.create(o.key as string, without(o, "key")),
  },
  "client.sslKeys.get()": {
    setup: sslKey,
    run: (c, k, o) => c.sslKeys.get((k as { id: number }).id, o),
  },
  "sslKey.refresh()": { setup: sslKey, run: (_, k, o) => (k as MaasObject).refresh(o) },
  "sslKey.delete()": { setup: sslKey, run: (_, k, o) => (k as MaasObject).delete(o) },
};
