/**
 * Networks (`networks/`, `networks/{name}/`): MAAS's API before subnets, deprecated and kept on
 * every line. A network is a subnet seen the old way (`subnet-<id>`); it can be listed and read,
 * and its connected MAC addresses listed. Making, changing, deleting and connecting networks are
 * no longer there: MAAS answers 410 Gone (to administrators; others get 403 first).
 *
 * @module
 */

import { FormErrors } from "../../maas_forms.ts";
import { HTML_TYPE, json, type Reply, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimMachine } from "../nodes/model.ts";
import { subnetBySpecifier } from "./forms.ts";
import { networkJson } from "./render.ts";

function gone(ctx: AuthContext): Reply {
  ctx.requireAdmin();
  return text("Gone", 410, HTML_TYPE);
}

/** The nodes a user may see: administrators all, others the unowned ones and their own. */
function visible(ctx: AuthContext, node: SimMachine): boolean {
  const owner = node.data.owner;
  return ctx.user.isSuperuser || owner === null || owner === undefined ||
    owner === ctx.user.username;
}

/** Whether a node has a link (with or without an address) on subnet `subnetId`. */
function attached(state: SimulatorState, node: SimMachine, subnetId: number): boolean {
  return state.interfaces.of(node.data.system_id).list.some((nic) =>
    nic.links.some((link) => link.subnetId === subnetId)
  );
}

/**
 * Register `networks/` and `networks/{name}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerNetworks } from "./networks.ts";
 * registerNetworks(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerNetworks(table: RouteTable): void {
  table.resource({
    path: "networks/",
    auth: {
      name: "NetworksHandler",
      doc: "The networks, as MAAS's API showed subnets before it had them. Deprecated: use " +
        "subnets.",
      actions: {
        "GET read": {
          doc: "List the networks, in id order.\n\n" +
            ":param node: Optional. A system id: only the networks every node given is " +
            "attached to; repeat for several.",
          run: (ctx) => {
            const { state } = ctx;
            const wanted = ctx.query.getAll("node");
            const nodes = wanted.map((id) => state.node(id));
            const unknown = wanted.filter((_, index) => nodes[index] === undefined);
            if (unknown.length > 0) {
              const errors = new FormErrors();
              errors.add("node", `Unknown node(s): ${[...new Set(unknown)].sort().join(", ")}.`);
              errors.throwIfAny();
            }
            const subnets = state.networking.subnets.filter((subnet) =>
              nodes.every((node) => attached(state, node!, subnet.id))
            );
            return json(subnets.map((subnet) => networkJson(state, subnet)));
          },
        },
        "POST create": {
          doc: "No longer there (administrators get 410 Gone): create a subnet instead.",
          run: gone,
        },
      },
    },
  });
  table.resource({
    path: "networks/{name}/",
    auth: {
      name: "NetworkHandler",
      doc: "One network, named by a subnet specifier. Deprecated: use subnets.",
      actions: {
        "GET read": {
          doc: "Read a network.",
          run: (ctx) => json(networkJson(ctx.state, subnetBySpecifier(ctx.state, ctx.params.name))),
        },
        "PUT update": {
          doc: "No longer there (administrators get 410 Gone): change the subnet instead.",
          run: gone,
        },
        "DELETE delete": {
          doc: "No longer there (administrators get 410 Gone): delete the subnet instead.",
          run: gone,
        },
        "POST connect_macs": {
          doc: "No longer there (administrators get 410 Gone): link interfaces to the subnet.",
          run: gone,
        },
        "POST disconnect_macs": {
          doc: "No longer there (administrators get 410 Gone): unlink interfaces instead.",
          run: gone,
        },
        "GET list_connected_macs": {
          doc: "The MAC addresses of the interfaces linked to the network's subnet, on the " +
            "nodes the caller may see, by hostname.",
          run: (ctx) => {
            const { state } = ctx;
            const subnet = subnetBySpecifier(state, ctx.params.name);
            const found: { hostname: string; mac: string }[] = [];
            const seen = new Set<string>();
            for (const node of state.everyNode()) {
              if (!visible(ctx, node)) continue;
              for (const nic of state.interfaces.of(node.data.system_id).list) {
                const linked = nic.links.some((link) => link.subnetId === subnet.id);
                if (!linked || nic.macAddress === null || seen.has(nic.macAddress)) continue;
                seen.add(nic.macAddress);
                found.push({ hostname: node.data.hostname.toLowerCase(), mac: nic.macAddress });
              }
            }
            found.sort((a, b) =>
              a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : a.mac < b.mac ? -1 : 1
            );
            return json(found.map(({ mac }) => ({ mac_address: mac })));
          },
        },
      },
    },
  });
}
