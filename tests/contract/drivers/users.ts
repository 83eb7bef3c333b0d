// The contract test's drivers of the users family: one per typed method its description names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, user } from "../support.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.users.list()": { run: (c, _, o) => c.users.list(o) },
  "client.users.whoami()": { run: (c, _, o) => c.users.whoami(o) },
  "client.isValid()": { run: (c) => c.isValid(), noParams: true },
  "client.users.create()": { run: (c, _, o) => c.users.create(o as never) },
  "client.users.get()": {
    setup: user,
    run: (c, u, o) => c.users.get((u as { username: string }).username, o),
  },
  "user.refresh()": { setup: user, run: (_, u, o) => (u as MaasObject).refresh(o) },
  "user.delete()": { setup: user, run: (_, u, o) => (u as MaasObject).delete(o) },
};
