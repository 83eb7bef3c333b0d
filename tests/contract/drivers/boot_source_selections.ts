// The contract test's drivers of the boot source selections family: one per typed method its
// description names.
import type { BootSource, BootSourceSelection, Client, MaasObject } from "../../../mod.ts";
import { type Driver, saving } from "../support.ts";
import { bootSource } from "./boot_sources.ts";

/** A selection of a new source (a source takes each release once). */
const selection = async (client: Client): Promise<BootSourceSelection> =>
  await (await bootSource(client)).selections.create({ os: "ubuntu", release: "noble" });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "bootSource.selections.list()": {
    setup: bootSource,
    run: (_, s, o) => (s as BootSource).selections.list(o),
  },
  "bootSource.selections.create()": {
    setup: bootSource,
    run: (_, s, o) => (s as BootSource).selections.create(o as never),
  },
  "bootSource.selections.get()": {
    setup: selection,
    run: (c, s, o) => {
      const { bootSourceId, id } = s as BootSourceSelection;
      return c.bootSources.selections(bootSourceId).get(id, o);
    },
  },
  "bootSourceSelection.refresh()": {
    setup: selection,
    run: (_, s, o) => (s as MaasObject).refresh(o),
  },
  "bootSourceSelection.save()": saving(selection),
  "bootSourceSelection.delete()": {
    setup: selection,
    run: (_, s, o) => (s as MaasObject).delete(o),
  },
};
