// The contract test's drivers of the events family: one per typed method its description names.
import { type Driver, first } from "../support.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.events.query()": { run: (c, _, o) => c.events.query(o) },
  "client.events.iterate()": {
    run: (c, _, o) =>
      first(c.events.iterate(o, { order: "after" in o ? "older-to-newer" : "newer-to-older" })),
    skip: { limit: "iterate() sends limit as its pageSize option" },
  },
};
