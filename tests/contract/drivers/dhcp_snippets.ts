// The contract test's drivers of the DHCP snippets family: one per typed method its description
// names.
import type { Client, DHCPSnippet, MaasObject } from "../../../mod.ts";
import { type Driver, unique, without } from "../support.ts";

const snippet = (client: Client) =>
  client.dhcpSnippets.create({ name: unique("contract"), value: "option ntp-servers 10.0.0.1;" });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.dhcpSnippets.list()": { run: (c, _, o) => c.dhcpSnippets.list(o) },
  "client.dhcpSnippets.create()": { run: (c, _, o) => c.dhcpSnippets.create(o as never) },
  "client.dhcpSnippets.get()": {
    setup: snippet,
    run: (c, s, o) => c.dhcpSnippets.get((s as DHCPSnippet).id, o),
  },
  "snippet.refresh()": { setup: snippet, run: (_, s, o) => (s as MaasObject).refresh(o) },
  "snippet.save()": {
    setup: snippet,
    // The node and the subnet (with an IP range) are linked with setNode() and setSubnet().
    run: (_, s, o) => {
      const target = s as DHCPSnippet & Record<string, unknown>;
      for (const [name, value] of Object.entries(o)) {
        if (name === "node") target.setNode(value as string);
        else if (name === "subnet") target.setSubnet(value as string);
        else if (name === "iprange") target.set("iprange", value);
        else target[name] = value;
      }
      return target.save();
    },
    quietWithoutOptions: true,
  },
  "snippet.delete()": { setup: snippet, run: (_, s, o) => (s as MaasObject).delete(o) },
  "snippet.revert()": {
    setup: snippet,
    run: (_, s, o) => (s as DHCPSnippet).revert(o.to as number, without(o, "to")),
  },
};
