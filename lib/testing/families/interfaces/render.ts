/**
 * A node's interfaces as MAAS renders them: each interface with its VLAN, its links with their
 * subnets, its parents' and children's names; the node's boot interface and default gateways.
 *
 * @module
 */

import { apiUri } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { subnetJson, vlanJson } from "../networking/render.ts";
import type { NodeInterfaceSet, SimInterface, SimLink } from "./model.ts";

/**
 * One link of an interface: its id and mode, its subnet and address when it has them.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { linkJson } from "./render.ts";
 * const link = { id: 3, mode: "link_up" as const, subnetId: null, ipAddress: null };
 * console.log(linkJson(new SimulatorState(), link)); // { id: 3, mode: "link_up" }
 * ```
 */
export function linkJson(state: SimulatorState, link: SimLink): Record<string, unknown> {
  const json: Record<string, unknown> = { id: link.id, mode: link.mode };
  const subnet = state.networking.subnet(link.subnetId);
  if (subnet) json.subnet = subnetJson(state, subnet);
  if (link.ipAddress !== null) json.ip_address = link.ipAddress;
  return json;
}

/**
 * An interface, among `siblings` (the node's interfaces, for its parents' and children's names).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { blankInterface } from "./model.ts";
 * import { interfaceJson } from "./render.ts";
 * const nic = blankInterface({ id: 1, systemId: "abc123", type: "physical", name: "eth0" });
 * console.log(interfaceJson(new SimulatorState(), nic, [nic]).effective_mtu); // 1500
 * ```
 */
export function interfaceJson(
  state: SimulatorState,
  nic: SimInterface,
  siblings: readonly SimInterface[],
): Record<string, unknown> {
  const vlan = state.networking.vlan(nic.vlanId);
  const names = (list: SimInterface[]) => list.map((other) => other.name).sort();
  const ownMtu = typeof nic.params.mtu === "number" ? nic.params.mtu : undefined;
  return state.line.shape("InterfaceHandler", {
    system_id: nic.systemId,
    id: nic.id,
    name: nic.name,
    type: nic.type,
    vlan: vlan ? vlanJson(state, vlan) : null,
    mac_address: nic.macAddress,
    parents: names(siblings.filter((other) => nic.parentIds.includes(other.id))),
    children: names(siblings.filter((other) => other.parentIds.includes(nic.id))),
    tags: [...nic.tags],
    enabled: nic.enabled,
    links: nic.links.map((link) => linkJson(state, link)),
    // MAAS sends an interface's empty params as an empty string.
    params: Object.keys(nic.params).length > 0 ? { ...nic.params } : "",
    discovered: null,
    effective_mtu: ownMtu ?? vlan?.mtu ?? 1500,
    vendor: nic.vendor,
    product: nic.product,
    firmware_version: nic.firmwareVersion,
    link_connected: nic.linkConnected,
    interface_speed: nic.interfaceSpeed,
    link_speed: nic.linkSpeed,
    numa_node: nic.numaNode,
    sriov_max_vf: nic.sriovMaxVf,
    resource_uri: apiUri(`nodes/${nic.systemId}/interfaces/${nic.id}/`),
  });
}

/**
 * Every interface of a node, in the order they were made.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { interfaceSetJson } from "./render.ts";
 * const empty = { list: [], bootId: null, gateways: { ipv4: null, ipv6: null } };
 * console.log(interfaceSetJson(new SimulatorState(), empty)); // []
 * ```
 */
export function interfaceSetJson(
  state: SimulatorState,
  set: NodeInterfaceSet,
): Record<string, unknown>[] {
  return set.list.map((nic) => interfaceJson(state, nic, set.list));
}

/**
 * A node's `default_gateways`: per address family, the gateway the node uses — that of the link
 * chosen as default, else that of the first link (the boot interface's first) on a subnet with a
 * gateway of that family — and the chosen link's id (null when none was chosen).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { gatewaysJson } from "./render.ts";
 * const empty = { list: [], bootId: null, gateways: { ipv4: null, ipv6: null } };
 * console.log(gatewaysJson(new SimulatorState(), empty).ipv4); // { gateway_ip: null, link_id: null }
 * ```
 */
export function gatewaysJson(
  state: SimulatorState,
  set: NodeInterfaceSet,
): Record<string, { gateway_ip: string | null; link_id: number | null }> {
  const boot = set.list.filter((nic) => nic.id === set.bootId);
  const links = [...boot, ...set.list.filter((nic) => nic.id !== set.bootId)]
    .flatMap((nic) => nic.links);
  const family = (version: 4 | 6, linkId: number | null) => {
    const chosen = linkId === null ? undefined : links.find((link) => link.id === linkId);
    const link = chosen ??
      links.find((each) =>
        linkFamily(state, each) === version && state.networking.subnet(each.subnetId)?.gatewayIp
      );
    return {
      gateway_ip: state.networking.subnet(link?.subnetId)?.gatewayIp ?? null,
      link_id: chosen ? chosen.id : null,
    };
  };
  return { ipv4: family(4, set.gateways.ipv4), ipv6: family(6, set.gateways.ipv6) };
}

/**
 * The addresses a node's links hold, in interface order.
 *
 * @example
 * ```ts
 * import { nodeAddresses } from "./render.ts";
 * const empty = { list: [], bootId: null, gateways: { ipv4: null, ipv6: null } };
 * console.log(nodeAddresses(empty)); // []
 * ```
 */
export function nodeAddresses(set: NodeInterfaceSet): string[] {
  return set.list.flatMap((nic) =>
    nic.links.flatMap((link) => link.ipAddress === null ? [] : [link.ipAddress])
  );
}

/**
 * The address family (4 or 6) of a link's subnet, or null for a link without one.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { linkFamily } from "./render.ts";
 * const link = { id: 1, mode: "auto" as const, subnetId: 1, ipAddress: null };
 * console.log(linkFamily(new SimulatorState(), link)); // 4
 * ```
 */
export function linkFamily(state: SimulatorState, link: SimLink): 4 | 6 | null {
  const subnet = state.networking.subnet(link.subnetId);
  if (!subnet) return null;
  // Nodes render their gateways on every read: a stored CIDR is valid, so its notation tells.
  return subnet.cidr.includes(":") ? 6 : 4;
}
