// The contract test's drivers of the sshkeys family: one per typed method its description names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, sshKey, without } from "../support.ts";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.sshKeys.list()": { run: (c, _, o) => c.sshKeys.list(o) },
  "client.sshKeys.create()": {
    run: (c, _, o) => c.sshKeys.create(o.key as string, without(o, "key")),
  },
  "client.sshKeys.import()": {
    run: (c, _, o) => c.sshKeys.import(o.keysource as string, without(o, "keysource")),
  },
  "client.sshKeys.get()": {
    setup: sshKey,
    run: (c, k, o) => c.sshKeys.get((k as { id: number }).id, o),
  },
  "sshKey.refresh()": { setup: sshKey, run: (_, k, o) => (k as MaasObject).refresh(o) },
  "sshKey.delete()": { setup: sshKey, run: (_, k, o) => (k as MaasObject).delete(o) },
};
