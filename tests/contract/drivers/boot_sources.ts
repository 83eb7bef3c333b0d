// The contract test's drivers of the boot sources family: one per typed method its description
// names.
import type { BootSource, Client, MaasObject } from "../../../mod.ts";
import { type Driver, saving, unique } from "../support.ts";

/** A new boot source, with a keyring file. */
export const bootSource = (client: Client): Promise<BootSource> =>
  client.bootSources.create({
    url: `http://${unique("contract")}.example.com/`,
    keyringFilename: "/usr/share/keyrings/contract.gpg",
  });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.bootSources.list()": { run: (c, _, o) => c.bootSources.list(o) },
  "client.bootSources.create()": { run: (c, _, o) => c.bootSources.create(o as never) },
  "client.bootSources.get()": {
    setup: bootSource,
    run: (c, s, o) => c.bootSources.get((s as BootSource).id, o),
  },
  "bootSource.refresh()": { setup: bootSource, run: (_, s, o) => (s as MaasObject).refresh(o) },
  "bootSource.save()": saving(bootSource),
  "bootSource.delete()": { setup: bootSource, run: (_, s, o) => (s as MaasObject).delete(o) },
};
