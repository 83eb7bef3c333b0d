// The contract test's drivers of the account family: one per typed method its description names.
import { type Driver, without } from "../support.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.account.listCredentials()": { run: (c, _, o) => c.account.listCredentials(o) },
  "client.account.createCredentials()": { run: (c, _, o) => c.account.createCredentials(o) },
  "client.account.deleteCredentials()": {
    run: (c, _, o) => c.account.deleteCredentials(o.tokenKey as string, without(o, "tokenKey")),
  },
  "client.account.renameCredentials()": {
    run: (c, _, o) =>
      c.account.renameCredentials(o.token as string, o.name as string, without(o, "token", "name")),
  },
};
