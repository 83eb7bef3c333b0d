// The contract test's drivers of the boot resources family: one per typed method its description
// names.
import type { BootResource, Client, MaasObject } from "../../../mod.ts";
import { type Driver, unique } from "../support.ts";

/** A custom image announced, its content not sent. */
const resource = (client: Client) =>
  client.bootResources.create({
    name: `custom/${unique("contract")}`,
    architecture: "amd64/generic",
    sha256: crypto.randomUUID().replaceAll("-", "").repeat(2),
    size: 10,
  });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.bootResources.list()": { run: (c, _, o) => c.bootResources.list(o) },
  "client.bootResources.create()": { run: (c, _, o) => c.bootResources.create(o as never) },
  "client.bootResources.import()": { run: (c, _, o) => c.bootResources.import(o) },
  "client.bootResources.stopImport()": { run: (c, _, o) => c.bootResources.stopImport(o) },
  "client.bootResources.isImporting()": { run: (c, _, o) => c.bootResources.isImporting(o) },
  "client.bootResources.get()": {
    setup: resource,
    run: (c, r, o) => c.bootResources.get((r as BootResource).id, o),
  },
  "bootResource.refresh()": { setup: resource, run: (_, r, o) => (r as MaasObject).refresh(o) },
  "client.bootResources.delete()": {
    setup: resource,
    run: (c, r, o) => c.bootResources.delete((r as BootResource).id, o),
  },
  "bootResource.delete()": { setup: resource, run: (_, r, o) => (r as MaasObject).delete(o) },
  "bootResource.uploadChunk()": {
    setup: resource,
    run: (_, r) => (r as BootResource).uploadChunk(new Uint8Array(10)),
    noParams: true,
  },
};
