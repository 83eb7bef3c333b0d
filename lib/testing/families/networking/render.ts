/**
 * The networking family's objects as MAAS renders them, each with the line's fields: fabrics,
 * VLANs, subnets, spaces, IP ranges, static routes, reserved IPs, fan networks and the deprecated
 * networks. Interfaces, IP addresses and other families embed the same VLAN and subnet renderings.
 *
 * @module
 */

import type { SimSubnet, SimVlan } from "../../inventory.ts";
import { apiUri } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimStaticAddress } from "../dns/model.ts";
import { userJson } from "../users/render.ts";
import { formatAddress, parseNetwork } from "./addresses.ts";
import {
  type SimFabric,
  type SimFanNetwork,
  type SimIPRange,
  type SimReservedIp,
  type SimSpace,
  type SimStaticRoute,
  UNDEFINED_SPACE,
} from "./model.ts";
import { subnetForAddress, USER_RESERVED } from "./usage.ts";

/**
 * A VLAN (alone, in a fabric, or embedded in subnets and interfaces).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { vlanJson } from "./render.ts";
 * const state = new SimulatorState();
 * console.log(vlanJson(state, state.site.vlans[0]).name); // untagged
 * ```
 */
export function vlanJson(state: SimulatorState, vlan: SimVlan): Record<string, unknown> {
  const networking = state.networking;
  const relay = vlan.relayVlanId === null ? undefined : networking.vlan(vlan.relayVlanId);
  return state.line.shape("VlanHandler", {
    vid: vlan.vid,
    mtu: vlan.mtu,
    dhcp_on: vlan.dhcpOn,
    external_dhcp: vlan.externalDhcp,
    relay_vlan: relay && relay !== vlan ? vlanJson(state, relay) : null,
    fabric: networking.fabric(vlan.fabricId)?.name ?? vlan.fabric,
    id: vlan.id,
    primary_rack: vlan.primaryRack,
    secondary_rack: vlan.secondaryRack,
    name: networking.defaultVlanOf(vlan.fabricId) === vlan ? "untagged" : vlan.name || null,
    fabric_id: vlan.fabricId,
    space: vlan.space,
    resource_uri: apiUri(`vlans/${vlan.id}/`),
  });
}

/**
 * A subnet, with its VLAN.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { subnetJson } from "./render.ts";
 * const state = new SimulatorState();
 * console.log(subnetJson(state, state.site.subnets[0]).cidr); // 10.20.0.0/20
 * ```
 */
export function subnetJson(state: SimulatorState, subnet: SimSubnet): Record<string, unknown> {
  const vlan = state.networking.vlan(subnet.vlanId);
  return state.line.shape("SubnetHandler", {
    name: subnet.name,
    description: subnet.description,
    vlan: vlan ? vlanJson(state, vlan) : null,
    cidr: subnet.cidr,
    rdns_mode: subnet.rdnsMode,
    gateway_ip: subnet.gatewayIp,
    dns_servers: [...subnet.dnsServers],
    allow_dns: subnet.allowDns,
    allow_proxy: subnet.allowProxy,
    active_discovery: subnet.activeDiscovery,
    managed: subnet.managed,
    disabled_boot_architectures: [...subnet.disabledBootArchitectures],
    id: subnet.id,
    space: vlan?.space ?? UNDEFINED_SPACE,
    resource_uri: apiUri(`subnets/${subnet.id}/`),
  });
}

/**
 * A fabric, with its VLANs.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { fabricJson } from "./render.ts";
 * const state = new SimulatorState();
 * console.log(fabricJson(state, state.networking.fabric(0)!).name); // fabric-0
 * ```
 */
export function fabricJson(state: SimulatorState, fabric: SimFabric): Record<string, unknown> {
  return state.line.shape("FabricHandler", {
    class_type: fabric.classType,
    id: fabric.id,
    name: fabric.name,
    vlans: state.networking.vlansOf(fabric.id).map((vlan) => vlanJson(state, vlan)),
    resource_uri: apiUri(`fabrics/${fabric.id}/`),
  });
}

/**
 * A space with its VLANs and their subnets; null is MAAS's `undefined` pseudo-space (id -1) of
 * the VLANs that have none.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { spaceJson } from "./render.ts";
 * console.log(spaceJson(new SimulatorState(), null).id); // -1
 * ```
 */
export function spaceJson(state: SimulatorState, space: SimSpace | null): Record<string, unknown> {
  const name = space?.name ?? UNDEFINED_SPACE;
  const vlans = state.networking.vlans.filter((vlan) => vlan.space === name);
  const ids = new Set(vlans.map((vlan) => vlan.id));
  return state.line.shape("SpaceHandler", {
    resource_uri: apiUri(`spaces/${space ? space.id : UNDEFINED_SPACE}/`),
    id: space?.id ?? -1,
    name,
    vlans: vlans.map((vlan) => vlanJson(state, vlan)),
    subnets: state.networking.subnets
      .filter((subnet) => ids.has(subnet.vlanId))
      .map((subnet) => subnetJson(state, subnet)),
    description: space?.description ??
      "Backward compatibility object to ensure objects not associated with a space can be found.",
  });
}

/**
 * An IP range, with its subnet and the user who made it.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { ipRangeJson } from "./render.ts";
 * const state = new SimulatorState();
 * console.log(ipRangeJson(state, [...state.networking.ipRanges.values()][0]).type); // dynamic
 * ```
 */
export function ipRangeJson(state: SimulatorState, range: SimIPRange): Record<string, unknown> {
  const subnet = state.networking.subnet(range.subnetId);
  const user = range.username === null ? undefined : state.users.get(range.username);
  return state.line.shape("IPRangeHandler", {
    subnet: subnet ? subnetJson(state, subnet) : null,
    type: range.type,
    start_ip: range.startIp,
    end_ip: range.endIp,
    user: user ? userJson(state.line, user) : null,
    comment: range.comment,
    id: range.id,
    resource_uri: apiUri(`ipranges/${range.id}/`),
  });
}

/**
 * A static route, with its source and destination subnets.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { staticRouteJson } from "./render.ts";
 * const route = { id: 1, sourceId: 1, destinationId: 2, gatewayIp: "10.20.0.1", metric: 0 };
 * console.log(staticRouteJson(new SimulatorState(), route).metric); // 0
 * ```
 */
export function staticRouteJson(
  state: SimulatorState,
  route: SimStaticRoute,
): Record<string, unknown> {
  const subnet = (id: number) => {
    const found = state.networking.subnet(id);
    return found ? subnetJson(state, found) : null;
  };
  return state.line.shape("StaticRouteHandler", {
    source: subnet(route.sourceId),
    destination: subnet(route.destinationId),
    gateway_ip: route.gatewayIp,
    metric: route.metric,
    id: route.id,
    resource_uri: apiUri(`static-routes/${route.id}/`),
  });
}

/**
 * A reserved IP (MAAS 3.7 and later), with its subnet.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { reservedIpJson } from "./render.ts";
 * await using sim = await MaasSimulator.start();
 * const reserved = { id: 1, ip: "10.20.0.30", subnetId: 1, macAddress: "52:54:00:aa:bb:cc", comment: "" };
 * console.log(reservedIpJson(sim.state, reserved).mac_address); // 52:54:00:aa:bb:cc
 * ```
 */
export function reservedIpJson(
  state: SimulatorState,
  reserved: SimReservedIp,
): Record<string, unknown> {
  const subnet = state.networking.subnet(reserved.subnetId);
  return state.line.shape("ReservedIpHandler", {
    id: reserved.id,
    ip: reserved.ip,
    subnet: subnet ? subnetJson(state, subnet) : null,
    mac_address: reserved.macAddress,
    comment: reserved.comment,
    resource_uri: apiUri(`reservedips/${reserved.id}/`),
  });
}

/**
 * MAAS's names of the kinds of address (`alloc_type`), as `ipaddresses/` shows them.
 *
 * @example
 * ```ts
 * import { ALLOC_TYPE_NAMES } from "./render.ts";
 * console.log(ALLOC_TYPE_NAMES[4]); // "User reserved"
 * ```
 */
export const ALLOC_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: "Automatic",
  1: "Static",
  4: "User reserved",
  5: "DHCP",
  6: "Discovered",
};

/**
 * An address a user reserved (the DNS family's static address), as `ipaddresses/` lists it and
 * a DNS resource nests it: its owner, the subnet holding it, and the interface of no node MAAS
 * ties a reservation made for a MAC address to.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { staticAddressJson } from "./render.ts";
 * const state = new SimulatorState();
 * const address = { id: 1, ip: "10.20.0.50", created: "2026-01-01T10:00:00.000", username: null };
 * console.log(staticAddressJson(state, address).alloc_type_name); // "User reserved"
 * ```
 */
export function staticAddressJson(
  state: SimulatorState,
  address: SimStaticAddress,
): Record<string, unknown> {
  const owner = address.username === null ? undefined : state.users.get(address.username);
  const subnet = subnetForAddress(state, address.ip);
  const mac = state.networking.reservedMacs.get(address.id);
  return state.line.shape("IPAddressesHandler", {
    alloc_type: USER_RESERVED,
    alloc_type_name: ALLOC_TYPE_NAMES[USER_RESERVED],
    created: address.created,
    ip: address.ip,
    owner: owner ? userJson(state.line, owner) : null,
    interface_set: mac
      ? [{
        system_id: null,
        id: address.id,
        name: "eth0",
        type: "unknown",
        vlan: null,
        mac_address: mac,
        parents: [],
        children: [],
        tags: [],
        enabled: true,
        links: [{ id: address.id, mode: "static", ip_address: address.ip }],
        params: "",
        discovered: null,
        effective_mtu: 1500,
      }]
      : [],
    subnet: subnet ? subnetJson(state, subnet) : null,
    resource_uri: apiUri("ipaddresses/"),
  });
}

/**
 * A fan network (MAAS 2.9 and 3.0).
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { fanNetworkJson } from "./render.ts";
 * await using sim = await MaasSimulator.start({ maasVersion: "3.0" });
 * const fan = {
 *   id: 1, name: "fan", underlay: "10.20.0.0/16", overlay: "250.0.0.0/8", dhcp: null,
 *   hostReserve: 1, bridge: null, off: false,
 * };
 * console.log(fanNetworkJson(sim.state, fan).host_reserve); // 1
 * ```
 */
export function fanNetworkJson(
  state: SimulatorState,
  fan: SimFanNetwork,
): Record<string, unknown> {
  return state.line.shape("FanNetworkHandler", {
    id: fan.id,
    name: fan.name,
    underlay: fan.underlay,
    overlay: fan.overlay,
    dhcp: fan.dhcp,
    host_reserve: fan.hostReserve,
    bridge: fan.bridge,
    off: fan.off,
    resource_uri: apiUri(`fannetworks/${fan.id}/`),
  });
}

/**
 * A subnet as MAAS's deprecated networks API shows it: named `subnet-<id>`, its network address
 * and netmask, its VLAN's tag, its name as the description.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { networkJson } from "./render.ts";
 * const state = new SimulatorState();
 * console.log(networkJson(state, state.site.subnets[0]).netmask); // 255.255.240.0
 * ```
 */
export function networkJson(state: SimulatorState, subnet: SimSubnet): Record<string, unknown> {
  const network = parseNetwork(subnet.cidr)!;
  const width = network.version === 4 ? 32 : 128;
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - network.bits)) - 1n);
  const name = `subnet-${subnet.id}`;
  return {
    name,
    ip: formatAddress(network.version, network.first),
    netmask: formatAddress(network.version, mask),
    vlan_tag: state.networking.vlan(subnet.vlanId)?.vid ?? 0,
    description: subnet.name,
    default_gateway: subnet.gatewayIp,
    dns_servers: [...subnet.dnsServers],
    resource_uri: apiUri(`networks/${name}/`),
  };
}
