// The contract test's drivers of the commissioning scripts family: one per typed method its
// description names.
import type { Script } from "../../../mod.ts";
import type { Driver } from "../support.ts";
import { script } from "./scripts.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.commissioningScripts.list()": { run: (c, _, o) => c.commissioningScripts.list(o) },
  "client.commissioningScripts.create()": {
    run: (c, _, o) => c.commissioningScripts.create(o as never),
  },
  "client.commissioningScripts.download()": {
    setup: script,
    run: (c, s, o) => c.commissioningScripts.download((s as Script).name, o),
  },
  "client.commissioningScripts.update()": {
    setup: script,
    run: (c, s, o) => c.commissioningScripts.update((s as Script).name, o as never),
  },
  "client.commissioningScripts.delete()": {
    setup: script,
    run: (c, s, o) => c.commissioningScripts.delete((s as Script).name, o),
  },
};
