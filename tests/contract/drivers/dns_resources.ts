// The contract test's drivers of the DNS resources family: one per typed method its description
// names.
import type { Client, DNSResource, MaasObject } from "../../../mod.ts";
import { type Driver, unique, without } from "../support.ts";

const resource = (client: Client) =>
  client.dnsResources.create({ fqdn: `${unique("contract")}.maas` });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.dnsResources.list()": { run: (c, _, o) => c.dnsResources.list(o) },
  "client.dnsResources.create()": { run: (c, _, o) => c.dnsResources.create(o) },
  "client.dnsResources.get()": {
    setup: resource,
    run: (c, r, o) => c.dnsResources.get((r as DNSResource).id, o),
  },
  "dnsResource.refresh()": { setup: resource, run: (_, r, o) => (r as MaasObject).refresh(o) },
  "dnsResource.save()": {
    setup: resource,
    run: (_, r, o) => {
      const object = r as DNSResource & Record<string, unknown>;
      if ("ipAddresses" in o) object.addresses = o.ipAddresses as string[];
      for (const [name, value] of Object.entries(without(o, "ipAddresses"))) object[name] = value;
      return object.save();
    },
    skip: {
      name: "not a field of a DNS resource: update() sends it",
      domain: "not a field of a DNS resource: update() sends it",
    },
    quietWithoutOptions: true,
  },
  "dnsResource.update()": { setup: resource, run: (_, r, o) => (r as DNSResource).update(o) },
  "dnsResource.delete()": { setup: resource, run: (_, r, o) => (r as MaasObject).delete(o) },
};
