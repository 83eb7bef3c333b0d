// The contract test's drivers of the DNS resource records family: one per typed method its
// description names.
import type { Client, DNSResourceRecord, MaasObject } from "../../../mod.ts";
import { type Driver, saving, unique } from "../support.ts";

const record = (client: Client) =>
  client.dnsResourceRecords.create({
    fqdn: `${unique("contract")}.maas`,
    rrtype: "TXT",
    rrdata: "contract",
  });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.dnsResourceRecords.list()": { run: (c, _, o) => c.dnsResourceRecords.list(o) },
  "client.dnsResourceRecords.create()": {
    run: (c, _, o) => c.dnsResourceRecords.create(o as never),
  },
  "client.dnsResourceRecords.get()": {
    setup: record,
    run: (c, r, o) => c.dnsResourceRecords.get((r as DNSResourceRecord).id, o),
  },
  "dnsResourceRecord.refresh()": { setup: record, run: (_, r, o) => (r as MaasObject).refresh(o) },
  "dnsResourceRecord.save()": saving(record),
  "dnsResourceRecord.delete()": { setup: record, run: (_, r, o) => (r as MaasObject).delete(o) },
};
