// The contract test's drivers of the config family: one per typed method its description names.
import { type Driver, without } from "../support.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.maas.getConfig()": {
    run: (c, _, o) => c.maas.getConfig(o.name as string, without(o, "name")),
  },
  "client.maas.setConfig()": {
    run: (c, _, o) =>
      c.maas.setConfig(o.name as string, o.value as string, without(o, "name", "value")),
  },
};
