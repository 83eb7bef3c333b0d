// The contract test's drivers of the package repositories family: one per typed method its
// description names.
import type { Client, MaasObject, PackageRepository } from "../../../mod.ts";
import { type Driver, saving, unique } from "../support.ts";

const repository = (client: Client) =>
  client.packageRepositories.create({
    name: unique("contract"),
    url: "http://archive.example.com/ubuntu",
  });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.packageRepositories.list()": { run: (c, _, o) => c.packageRepositories.list(o) },
  "client.packageRepositories.create()": {
    run: (c, _, o) => c.packageRepositories.create(o as never),
  },
  "client.packageRepositories.get()": {
    setup: repository,
    run: (c, r, o) => c.packageRepositories.get((r as PackageRepository).id, o),
  },
  "repository.refresh()": { setup: repository, run: (_, r, o) => (r as MaasObject).refresh(o) },
  "repository.save()": saving(repository),
  "repository.delete()": { setup: repository, run: (_, r, o) => (r as MaasObject).delete(o) },
};
