/**
 * Networking: fabrics (`fabrics/`), their VLANs (`fabrics/{fabric_id}/vlans/{vid}/`, also reachable
 * as `vlans/{vlan_id}/`, the `resource_uri` MAAS gives a VLAN), subnets with their address
 * reports, spaces, IP ranges, static routes and user-reserved IP addresses (`ipaddresses/`).
 *
 * VLANs and subnets live in `state.site`, where the machines' interfaces refer to them by id; what
 * the site does not hold (fabrics, spaces, ranges, routes, the VLAN and subnet fields the site
 * leaves out) lives in `state.networking`. User-reserved addresses are the DNS family's
 * static addresses (`state.dns.addresses`), as MAAS keeps both in one table. Changing a
 * VLAN, fabric, space or subnet re-renders what nodes embed of it.
 *
 * @module
 */

import type { SimSubnet, SimVlan } from "../../inventory.ts";
import { booleanField, missingParam, stringBool } from "../../maas_forms.ts";
import { deleted, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { FormFields } from "../../request.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimStaticAddress } from "../dns/model.ts";
import type { SimMachine } from "../nodes/model.ts";
import { userJson } from "../users/render.ts";
import {
  contains,
  formatAddress,
  networkText,
  parseAddress,
  parseNetwork,
  type SimNetwork,
  usable,
} from "./addresses.ts";
import type {
  SimFabric,
  SimIPRange,
  SimSpace,
  SimStaticRoute,
  SimSubnetExtra,
  SimVlanExtra,
} from "./model.ts";

const API = "/MAAS/api/2.0/";
const REQUIRED = "This field is required.";
const INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices.";
const INVALID_IP = "Enter a valid IPv4 or IPv6 address.";
const WHOLE_NUMBER = "Enter a whole number.";
const UNDEFINED_SPACE = "undefined";
const USER_RESERVED = 4;
const ALLOC_TYPE_NAMES: Record<number, string> = {
  0: "Automatic",
  1: "Static",
  4: "User reserved",
  5: "DHCP",
  6: "Discovered",
};
// MAAS's boot method names (the ones `disabled_boot_architectures` takes).
const BOOT_ARCHITECTURES = new Set([
  "pxe",
  "uefi_amd64_tftp",
  "uefi_amd64_http",
  "uefi_ebc_tftp",
  "uefi_arm64_tftp",
  "uefi_arm64_http",
  "open-firmware_ppc64el",
  "powernv",
  "s390x",
  "s390x_partition",
  "ipxe",
  "windows",
]);

function vlanExtra(state: SimulatorState, vlan: SimVlan): SimVlanExtra {
  const extras = state.networking.vlanExtras;
  let extra = extras.get(vlan.id);
  if (!extra) {
    // The core's site renders the DHCP VLAN as served by the region-and-rack controller.
    extra = {
      description: "",
      primaryRack: vlan.dhcpOn ? "4y3h7n" : null,
      secondaryRack: null,
      relayVlanId: null,
      externalDhcp: null,
    };
    extras.set(vlan.id, extra);
  }
  return extra;
}

function subnetExtra(state: SimulatorState, subnet: SimSubnet): SimSubnetExtra {
  const extras = state.networking.subnetExtras;
  let extra = extras.get(subnet.id);
  if (!extra) {
    extra = {
      description: "",
      rdnsMode: 2,
      allowDns: true,
      allowProxy: true,
      activeDiscovery: false,
      disabledBootArchitectures: [],
    };
    extras.set(subnet.id, extra);
  }
  return extra;
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** The VLAN a fabric gives new interfaces and subnets: its oldest. */
function defaultVlanOf(state: SimulatorState, fabricId: number): SimVlan | undefined {
  let found: SimVlan | undefined;
  for (const vlan of state.site.vlans) {
    if (vlan.fabricId === fabricId && (!found || vlan.id < found.id)) found = vlan;
  }
  return found;
}

function isDefaultVlan(state: SimulatorState, vlan: SimVlan): boolean {
  return defaultVlanOf(state, vlan.fabricId) === vlan;
}

/**
 * A VLAN as MAAS renders it (alone, in a fabric, or embedded in subnets and interfaces).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { vlanJson } from "../networking/routes.ts";
 * const state = new SimulatorState();
 * console.log(vlanJson(state, state.site.vlans[0]).name); // untagged
 * ```
 */
export function vlanJson(state: SimulatorState, vlan: SimVlan): Record<string, unknown> {
  const extra = vlanExtra(state, vlan);
  const relay = extra.relayVlanId === null
    ? undefined
    : state.site.vlans.find((candidate) => candidate.id === extra.relayVlanId);
  return state.line.shape("VlanHandler", {
    vid: vlan.vid,
    mtu: vlan.mtu,
    dhcp_on: vlan.dhcpOn,
    external_dhcp: extra.externalDhcp,
    relay_vlan: relay && relay !== vlan ? vlanJson(state, relay) : null,
    fabric: vlan.fabric,
    id: vlan.id,
    primary_rack: extra.primaryRack,
    secondary_rack: extra.secondaryRack,
    name: isDefaultVlan(state, vlan) ? "untagged" : vlan.name || null,
    fabric_id: vlan.fabricId,
    space: vlan.space,
    resource_uri: `${API}vlans/${vlan.id}/`,
  });
}

/**
 * A subnet as MAAS renders it, with its VLAN.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { subnetJson } from "../networking/routes.ts";
 * const state = new SimulatorState();
 * console.log(subnetJson(state, state.site.subnets[0]).vlan !== null); // true
 * ```
 */
export function subnetJson(state: SimulatorState, subnet: SimSubnet): Record<string, unknown> {
  const extra = subnetExtra(state, subnet);
  const vlan = state.site.vlans.find((candidate) => candidate.id === subnet.vlanId);
  return state.line.shape("SubnetHandler", {
    name: subnet.name,
    description: extra.description,
    vlan: vlan ? vlanJson(state, vlan) : null,
    cidr: subnet.cidr,
    rdns_mode: extra.rdnsMode,
    gateway_ip: subnet.gatewayIp,
    dns_servers: [...subnet.dnsServers],
    allow_dns: extra.allowDns,
    allow_proxy: extra.allowProxy,
    active_discovery: extra.activeDiscovery,
    managed: subnet.managed,
    disabled_boot_architectures: [...extra.disabledBootArchitectures],
    id: subnet.id,
    space: vlan?.space ?? UNDEFINED_SPACE,
    resource_uri: `${API}subnets/${subnet.id}/`,
  });
}

function fabricJson(state: SimulatorState, fabric: SimFabric): Record<string, unknown> {
  return state.line.shape("FabricHandler", {
    class_type: fabric.classType,
    id: fabric.id,
    name: fabric.name,
    vlans: state.site.vlans
      .filter((vlan) => vlan.fabricId === fabric.id)
      .sort((a, b) => a.id - b.id)
      .map((vlan) => vlanJson(state, vlan)),
    resource_uri: `${API}fabrics/${fabric.id}/`,
  });
}

function spaceJson(state: SimulatorState, space: SimSpace | null): Record<string, unknown> {
  const name = space?.name ?? UNDEFINED_SPACE;
  const vlans = state.site.vlans.filter((vlan) => vlan.space === name);
  const ids = new Set(vlans.map((vlan) => vlan.id));
  return state.line.shape("SpaceHandler", {
    resource_uri: `${API}spaces/${space ? space.id : UNDEFINED_SPACE}/`,
    id: space?.id ?? -1,
    name,
    vlans: vlans.map((vlan) => vlanJson(state, vlan)),
    subnets: state.site.subnets
      .filter((subnet) => ids.has(subnet.vlanId))
      .map((subnet) => subnetJson(state, subnet)),
    description: space?.description ??
      "Backward compatibility object to ensure objects not associated with a space can be found.",
  });
}

function ipRangeJson(state: SimulatorState, range: SimIPRange): Record<string, unknown> {
  const subnet = state.site.subnets.find((candidate) => candidate.id === range.subnetId);
  const user = range.username === null ? undefined : state.users.get(range.username);
  return state.line.shape("IPRangeHandler", {
    subnet: subnet ? subnetJson(state, subnet) : null,
    type: range.type,
    start_ip: range.startIp,
    end_ip: range.endIp,
    user: user ? userJson(state.line, user) : null,
    comment: range.comment,
    id: range.id,
    resource_uri: `${API}ipranges/${range.id}/`,
  });
}

function staticRouteJson(state: SimulatorState, route: SimStaticRoute): Record<string, unknown> {
  const subnet = (id: number) => {
    const found = state.site.subnets.find((candidate) => candidate.id === id);
    return found ? subnetJson(state, found) : null;
  };
  return state.line.shape("StaticRouteHandler", {
    source: subnet(route.sourceId),
    destination: subnet(route.destinationId),
    gateway_ip: route.gatewayIp,
    metric: route.metric,
    id: route.id,
    resource_uri: `${API}static-routes/${route.id}/`,
  });
}

// ---------------------------------------------------------------------------------------------
// Nodes and the addresses they use

/**
 * Every node with interfaces: machines, devices and controllers.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { allNetworkNodes } from "../networking/routes.ts";
 * console.log(allNetworkNodes(new SimulatorState({ machines: 3 })).length); // 5 (two controllers)
 * ```
 */
export function allNetworkNodes(state: SimulatorState): SimMachine[] {
  const store = state.nodes;
  return [...state.machines.values(), ...store.devices.values(), ...store.controllers.values()];
}

type Nic = Record<string, unknown>;
type Link = Record<string, unknown>;

function nicsOf(node: SimMachine): Nic[] {
  return (node.data.interface_set as Nic[] | undefined) ?? [];
}

function linksOf(nic: Nic): Link[] {
  return (nic.links as Link[] | undefined) ?? [];
}

function linkSubnetId(link: Link): number | undefined {
  return (link.subnet as { id?: number } | null | undefined)?.id;
}

/**
 * MAAS's allocation type of an interface link by its mode: 0 auto, 1 static (sticky), 5 DHCP.
 *
 * @example
 * ```ts
 * import { allocTypeOfLink } from "../networking/routes.ts";
 * console.log(allocTypeOfLink({ mode: "static" })); // 1
 * ```
 */
export function allocTypeOfLink(link: Record<string, unknown>): number {
  return link.mode === "auto" ? 0 : link.mode === "dhcp" ? 5 : 1;
}

interface UsedAddress {
  ip: string;
  allocType: number;
  node: SimMachine | null;
  nic: Nic | null;
  reserved: SimStaticAddress | null;
}

/** Every address in use in `subnet`: node links with an address and user reservations. */
function usedAddresses(state: SimulatorState, subnet: SimSubnet): UsedAddress[] {
  const network = parseNetwork(subnet.cidr);
  const used: UsedAddress[] = [];
  for (const node of allNetworkNodes(state)) {
    for (const nic of nicsOf(node)) {
      for (const link of linksOf(nic)) {
        const ip = link.ip_address;
        if (typeof ip !== "string" || ip === "") continue;
        const address = parseAddress(ip);
        if (
          linkSubnetId(link) === subnet.id || (network && address && contains(network, address))
        ) {
          used.push({ ip, allocType: allocTypeOfLink(link), node, nic, reserved: null });
        }
      }
    }
  }
  for (const reserved of state.dns.addresses.values()) {
    const address = parseAddress(reserved.ip);
    if (network && address && contains(network, address)) {
      used.push({ ip: reserved.ip, allocType: USER_RESERVED, node: null, nic: null, reserved });
    }
  }
  return used;
}

/**
 * Whether a node's link or a user's reservation holds `ip`.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { addressTaken } from "../networking/routes.ts";
 * console.log(addressTaken(new SimulatorState(), "10.20.0.200")); // false
 * ```
 */
export function addressTaken(state: SimulatorState, ip: string): boolean {
  const wanted = parseAddress(ip);
  if (!wanted) return false;
  const same = (text: unknown) =>
    typeof text === "string" && parseAddress(text)?.value === wanted.value;
  for (const node of allNetworkNodes(state)) {
    for (const nic of nicsOf(node)) {
      if (linksOf(nic).some((link) => same(link.ip_address))) return true;
    }
  }
  return [...state.dns.addresses.values()].some((reserved) => same(reserved.ip));
}

interface Span {
  start: bigint;
  end: bigint;
  purpose: string[];
}

function rangesOf(state: SimulatorState, subnet: SimSubnet): SimIPRange[] {
  return [...state.networking.ipRanges.values()].filter((range) => range.subnetId === subnet.id);
}

function spanOfRange(range: SimIPRange): [bigint, bigint] {
  return [parseAddress(range.startIp)!.value, parseAddress(range.endIp)!.value];
}

/** What is in use in a subnet, merged into spans with their purposes, in address order. */
function spansInUse(state: SimulatorState, subnet: SimSubnet, network: SimNetwork): Span[] {
  const [low, high] = usable(network);
  const items: Span[] = [];
  const add = (start: bigint, end: bigint, purpose: string) => {
    const from = start < low ? low : start;
    const to = end > high ? high : end;
    if (from <= to) items.push({ start: from, end: to, purpose: [purpose] });
  };
  const single = (ip: string | null, purpose: string) => {
    const address = ip ? parseAddress(ip) : null;
    if (address && contains(network, address)) add(address.value, address.value, purpose);
  };
  single(subnet.gatewayIp, "gateway-ip");
  for (const server of subnet.dnsServers) single(server, "dns-server");
  for (const used of usedAddresses(state, subnet)) single(used.ip, "assigned-ip");
  for (const range of rangesOf(state, subnet)) add(...spanOfRange(range), range.type);
  items.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: Span[] = [];
  for (const item of items) {
    const previous = merged[merged.length - 1];
    const samePurpose = previous && previous.purpose.join() === item.purpose.join();
    if (
      previous && (item.start <= previous.end || (samePurpose && item.start === previous.end + 1n))
    ) {
      if (item.end > previous.end) previous.end = item.end;
      for (const purpose of item.purpose) {
        if (!previous.purpose.includes(purpose)) previous.purpose.push(purpose);
      }
    } else {
      merged.push({ ...item, purpose: [...item.purpose] });
    }
  }
  return merged;
}

/** The free spans of a subnet: usable addresses outside every span in use. */
function spansFree(used: Span[], network: SimNetwork): Span[] {
  const [low, high] = usable(network);
  const free: Span[] = [];
  let next = low;
  for (const span of used) {
    if (span.start > next) free.push({ start: next, end: span.start - 1n, purpose: ["unused"] });
    if (span.end + 1n > next) next = span.end + 1n;
  }
  if (next <= high) free.push({ start: next, end: high, purpose: ["unused"] });
  return free;
}

function spanJson(network: SimNetwork, span: Span, purpose: boolean): Record<string, unknown> {
  const json: Record<string, unknown> = {
    start: formatAddress(network.version, span.start),
    end: formatAddress(network.version, span.end),
    num_addresses: Number(span.end - span.start + 1n),
  };
  if (purpose) json.purpose = [...span.purpose];
  return json;
}

/**
 * A free address of `subnet` for a new static link or reservation, from the smallest free span
 * (as MAAS picks), or null when none is left.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { freeAddress } from "../networking/routes.ts";
 * const state = new SimulatorState();
 * console.log(freeAddress(state, state.site.subnets[1])); // 10.100.0.1
 * ```
 */
export function freeAddress(state: SimulatorState, subnet: SimSubnet): string | null {
  const network = parseNetwork(subnet.cidr);
  if (!network) return null;
  const free = spansFree(spansInUse(state, subnet, network), network);
  if (free.length === 0) return null;
  const smallest = free.reduce((best, span) =>
    span.end - span.start < best.end - best.start ? span : best
  );
  return formatAddress(network.version, smallest.start);
}

/**
 * Why `ip` cannot be given out statically in `subnet` (MAAS's `validate_static_ip`), as the
 * error MAAS raises, or null when it can.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { staticAddressProblem } from "../networking/routes.ts";
 * const state = new SimulatorState();
 * console.log(staticAddressProblem(state, state.site.subnets[0], "192.0.2.1")?.reply.status); // 403
 * ```
 */
export function staticAddressProblem(
  state: SimulatorState,
  subnet: SimSubnet,
  ip: string,
): ReplyError | null {
  const network = parseNetwork(subnet.cidr);
  const address = parseAddress(ip);
  if (!network || !address || !contains(network, address)) {
    return ReplyError.forbidden(`${ip} is not within subnet CIDR: ${subnet.cidr}`);
  }
  for (const range of rangesOf(state, subnet)) {
    const [start, end] = spanOfRange(range);
    if (address.value >= start && address.value <= end) {
      return new ReplyError(
        text(
          `${ip} is within the ${range.type} range from ${range.startIp} to ${range.endIp}`,
          404,
        ),
      );
    }
  }
  return null;
}

/**
 * The subnet whose network holds `ip` (the most specific one), if any.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { subnetForAddress } from "../networking/routes.ts";
 * console.log(subnetForAddress(new SimulatorState(), "10.20.1.7")?.cidr); // 10.20.0.0/20
 * ```
 */
export function subnetForAddress(state: SimulatorState, ip: string): SimSubnet | undefined {
  const address = parseAddress(ip);
  if (!address) return undefined;
  let best: { subnet: SimSubnet; bits: number } | undefined;
  for (const subnet of state.site.subnets) {
    const network = parseNetwork(subnet.cidr);
    if (network && contains(network, address) && (!best || network.bits > best.bits)) {
      best = { subnet, bits: network.bits };
    }
  }
  return best?.subnet;
}

/**
 * Re-render what nodes embed of VLANs and subnets after a change (interfaces' `vlan`, links'
 * `subnet`, `boot_interface`), dropping links to subnets that are gone.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { refreshNodeNetworking } from "../networking/routes.ts";
 * refreshNodeNetworking(new SimulatorState({ machines: 2 }));
 * ```
 */
export function refreshNodeNetworking(state: SimulatorState, nodes?: Iterable<SimMachine>): void {
  const vlans = new Map(state.site.vlans.map((vlan) => [vlan.id, vlan]));
  const subnets = new Map(state.site.subnets.map((subnet) => [subnet.id, subnet]));
  const vlanCache = new Map<number, Record<string, unknown>>();
  const subnetCache = new Map<number, Record<string, unknown>>();
  for (const node of nodes ?? allNetworkNodes(state)) {
    const nics = nicsOf(node);
    for (const nic of nics) {
      const vlanId = (nic.vlan as { id?: number } | null)?.id;
      if (vlanId !== undefined) {
        const vlan = vlans.get(vlanId);
        if (vlan) {
          if (!vlanCache.has(vlanId)) vlanCache.set(vlanId, vlanJson(state, vlan));
          nic.vlan = structuredClone(vlanCache.get(vlanId));
          const params = nic.params;
          const own = params && typeof params === "object"
            ? (params as { mtu?: number }).mtu
            : undefined;
          nic.effective_mtu = own ?? vlan.mtu;
        } else {
          nic.vlan = null;
        }
      }
      const links: Link[] = [];
      for (const link of linksOf(nic)) {
        const subnetId = linkSubnetId(link);
        if (subnetId === undefined) {
          links.push(link);
          continue;
        }
        const subnet = subnets.get(subnetId);
        if (!subnet) continue;
        if (!subnetCache.has(subnetId)) subnetCache.set(subnetId, subnetJson(state, subnet));
        link.subnet = structuredClone(subnetCache.get(subnetId));
        links.push(link);
      }
      nic.links = links;
    }
    const boot = node.data.boot_interface as { id?: number } | null | undefined;
    if (boot && boot.id !== undefined) {
      const current = nics.find((nic) => nic.id === boot.id);
      node.data.boot_interface = current ? { ...current } : null;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Lookups

function fabricByParam(state: SimulatorState, specifier: string): SimFabric {
  const fabrics = state.networking.fabrics;
  const text = specifier.trim();
  const found = /^\d+$/.test(text)
    ? fabrics.get(Number(text))
    : [...fabrics.values()].find((fabric) => fabric.name === text.replace(/^name:/, ""));
  if (!found) throw ReplyError.notFound("Fabric");
  return found;
}

function vlanOfFabric(state: SimulatorState, fabric: SimFabric, vid: string): SimVlan {
  const found = /^\d+$/.test(vid.trim())
    ? state.site.vlans.find((vlan) => vlan.fabricId === fabric.id && vlan.vid === Number(vid))
    : undefined;
  if (!found) throw ReplyError.notFound("VLAN");
  return found;
}

function subnetByParam(state: SimulatorState, specifier: string): SimSubnet {
  const found = findSubnet(state, specifier);
  if (!found) throw ReplyError.notFound("Subnet");
  return found;
}

/**
 * A subnet by a MAAS specifier: an id, `id:`, `cidr:`, `name:`, `ip:` (the subnet holding it), a
 * CIDR, or a name.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { findSubnet } from "../networking/routes.ts";
 * console.log(findSubnet(new SimulatorState(), "cidr:10.20.0.0/20")?.id); // 1
 * ```
 */
export function findSubnet(state: SimulatorState, specifier: string): SimSubnet | undefined {
  const text = specifier.trim();
  const subnets = state.site.subnets;
  const match = /^(id|cidr|name|ip):(.*)$/.exec(text);
  const kind = match ? match[1] : null;
  const value = match ? match[2] : text;
  if (kind === "id" || (kind === null && /^\d+$/.test(value))) {
    return subnets.find((subnet) => subnet.id === Number(value));
  }
  if (kind === "ip") return subnetForAddress(state, value);
  if (kind === "cidr" || (kind === null && value.includes("/"))) {
    const network = parseNetwork(value);
    return network
      ? subnets.find((subnet) => {
        const other = parseNetwork(subnet.cidr);
        return other?.first === network.first && other.bits === network.bits &&
          other.version === network.version;
      })
      : undefined;
  }
  return subnets.find((subnet) => subnet.name === value);
}

function spaceByName(state: SimulatorState, specifier: string): SimSpace | undefined {
  const spaces = [...state.networking.spaces.values()];
  const text = specifier.trim();
  if (/^\d+$/.test(text)) return state.networking.spaces.get(Number(text));
  return spaces.find((space) => space.name === text.replace(/^name:/, ""));
}

function isRackController(state: SimulatorState, systemId: string): boolean {
  const node = state.nodes.controllers.get(systemId);
  return node !== undefined && (node.data.node_type === 2 || node.data.node_type === 4);
}

// ---------------------------------------------------------------------------------------------
// Form helpers

type Errors = Record<string, string[]>;

function addError(errors: Errors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

function throwIfErrors(errors: Errors): void {
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
}

function integer(
  data: FormFields,
  field: string,
  errors: Errors,
  bounds: { min?: number; max?: number } = {},
): number | null | undefined {
  const value = data.get(field);
  if (value === undefined) return undefined;
  if (value.trim() === "") return null;
  if (!/^[-+]?\d+$/.test(value.trim())) {
    addError(errors, field, WHOLE_NUMBER);
    return undefined;
  }
  const number = Number(value);
  if (bounds.min !== undefined && number < bounds.min) {
    addError(errors, field, `Ensure this value is greater than or equal to ${bounds.min}.`);
    return undefined;
  }
  if (bounds.max !== undefined && number > bounds.max) {
    addError(errors, field, `Ensure this value is less than or equal to ${bounds.max}.`);
    return undefined;
  }
  return number;
}

/** Django's BooleanField: absent or `false`/`0` is false. */

function checkName(
  name: string,
  kind: "fabric" | "space",
  reserved: RegExp,
  ownDefault: string | null,
  taken: boolean,
  errors: Errors,
): void {
  if (!/^[\w-]+$/.test(name)) addError(errors, "name", `Invalid ${kind} name: ${name}.`);
  else if (name === UNDEFINED_SPACE && kind === "space") {
    addError(errors, "name", "Reserved space name.");
  } else if (reserved.test(name) && name !== ownDefault) {
    addError(errors, "name", `Reserved ${kind} name.`);
  } else if (taken) {
    addError(
      errors,
      "name",
      `${kind === "fabric" ? "Fabric" : "Space"} with this Name already exists.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Fabrics

function saveFabric(ctx: AuthContext, current: SimFabric | null): SimFabric {
  const { state, data } = ctx;
  const store = state.networking;
  const errors: Errors = {};
  let name = (data.get("name") ?? current?.name ?? "").trim();
  const ownDefault = current ? `fabric-${current.id}` : null;
  if (name !== "") {
    checkName(
      name,
      "fabric",
      /^fabric-\d+$/,
      ownDefault,
      [...store.fabrics.values()].some((fabric) => fabric.name === name && fabric !== current),
      errors,
    );
  }
  throwIfErrors(errors);
  const fabric = current ?? {
    id: store.nextId("fabric"),
    name: "",
    classType: null,
    description: "",
  };
  if (name === "") name = `fabric-${fabric.id}`;
  fabric.name = name;
  if (data.has("class_type")) fabric.classType = data.get("class_type") || null;
  if (data.has("description")) fabric.description = data.get("description") ?? "";
  if (!current) {
    store.fabrics.set(fabric.id, fabric);
    state.site.vlans.push({
      id: store.nextId("vlan"),
      name: "untagged",
      vid: 0,
      fabricId: fabric.id,
      fabric: fabric.name,
      mtu: 1500,
      dhcpOn: false,
      space: UNDEFINED_SPACE,
    });
  } else {
    for (const vlan of state.site.vlans) if (vlan.fabricId === fabric.id) vlan.fabric = fabric.name;
    refreshNodeNetworking(state);
  }
  return fabric;
}

function deleteFabric(state: SimulatorState, fabric: SimFabric): void {
  if (fabric.id === 0) {
    throw ReplyError.badRequest("This fabric is the default fabric, it cannot be deleted.");
  }
  const vlanIds = new Set(
    state.site.vlans.filter((vlan) => vlan.fabricId === fabric.id).map((vlan) => vlan.id),
  );
  const subnets = state.site.subnets.filter((subnet) => vlanIds.has(subnet.vlanId));
  if (subnets.length > 0) {
    const cidrs = subnets.map((subnet) => subnet.cidr).sort();
    throw ReplyError.badRequest(
      `Can't delete fabric; the following subnets are still present: ${cidrs.join(", ")}`,
    );
  }
  const connected: string[] = [];
  for (const node of allNetworkNodes(state)) {
    for (const nic of nicsOf(node)) {
      const vlanId = (nic.vlan as { id?: number } | null)?.id;
      if (vlanId !== undefined && vlanIds.has(vlanId)) {
        connected.push(`${nic.name} (${nic.type}) on ${node.data.hostname}`);
      }
    }
  }
  if (connected.length > 0) {
    throw ReplyError.badRequest(
      `Can't delete fabric; the following interfaces are still connected: ${connected.join(", ")}`,
    );
  }
  const store = state.networking;
  store.fabrics.delete(fabric.id);
  state.site.vlans = state.site.vlans.filter((vlan) => !vlanIds.has(vlan.id));
  for (const extra of store.vlanExtras.values()) {
    if (extra.relayVlanId !== null && vlanIds.has(extra.relayVlanId)) extra.relayVlanId = null;
  }
  for (const id of vlanIds) store.vlanExtras.delete(id);
}

// ---------------------------------------------------------------------------------------------
// VLANs

function saveVlan(ctx: AuthContext, fabric: SimFabric, current: SimVlan | null): SimVlan {
  const { state, data } = ctx;
  const store = state.networking;
  const errors: Errors = {};
  const extra = current ? vlanExtra(state, current) : null;

  let vid = current?.vid;
  if (data.has("vid") || !current) {
    const given = data.get("vid");
    if (given === undefined || given.trim() === "") addError(errors, "vid", REQUIRED);
    else {
      const number = integer(data, "vid", errors);
      if (typeof number === "number") {
        if (number < 0 || number > 4094) addError(errors, "vid", "VID must be between 0 and 4094.");
        else vid = number;
      }
    }
  }
  let mtu = current?.mtu ?? 1500;
  const givenMtu = integer(data, "mtu", errors, { min: 552 });
  if (typeof givenMtu === "number") {
    if (givenMtu > 65535) addError(errors, "mtu", "MTU must be between 552 and 65535.");
    else mtu = givenMtu;
  }
  let target = fabric;
  if (data.has("fabric") && data.get("fabric") !== "") {
    try {
      target = fabricByParam(state, data.get("fabric")!);
    } catch {
      addError(errors, "fabric", INVALID_CHOICE);
    }
  }
  let space = current?.space ?? UNDEFINED_SPACE;
  if (data.has("space")) {
    const given = (data.get("space") ?? "").trim();
    if (given === "" || given === UNDEFINED_SPACE) space = UNDEFINED_SPACE;
    else {
      const found = spaceByName(state, given);
      if (found) space = found.name;
      else addError(errors, "space", INVALID_CHOICE);
    }
  }

  let primary = extra?.primaryRack ?? null;
  let secondary = extra?.secondaryRack ?? null;
  for (const field of ["primary_rack", "secondary_rack"] as const) {
    if (!data.has(field)) continue;
    const given = (data.get(field) ?? "").trim();
    if (given !== "" && !isRackController(state, given)) addError(errors, field, INVALID_CHOICE);
    else if (field === "primary_rack") primary = given || null;
    else secondary = given || null;
  }
  let relayVlanId = extra?.relayVlanId ?? null;
  if (data.has("relay_vlan")) {
    const given = (data.get("relay_vlan") ?? "").trim();
    if (given === "") relayVlanId = null;
    else {
      const choices = current?.dhcpOn
        ? (extra?.relayVlanId !== null ? [extra!.relayVlanId] : [])
        : state.site.vlans
          .filter((vlan) => vlan !== current && vlanExtra(state, vlan).relayVlanId === null)
          .map((vlan) => vlan.id);
      if (!/^\d+$/.test(given) || !choices.includes(Number(given))) {
        addError(errors, "relay_vlan", INVALID_CHOICE);
      } else relayVlanId = Number(given);
    }
  }
  let dhcpOn = current?.dhcpOn ?? false;
  if (data.has("dhcp_on")) {
    dhcpOn = booleanField(data, "dhcp_on");
    const subnetIds = new Set(
      state.site.subnets.filter((subnet) => subnet.vlanId === current?.id).map((s) => s.id),
    );
    const hasDynamic = [...store.ipRanges.values()].some((range) =>
      range.type === "dynamic" && subnetIds.has(range.subnetId)
    );
    if (dhcpOn && !hasDynamic) {
      addError(errors, "dhcp_on", "dhcp can only be turned on when a dynamic IP range is defined.");
    }
  }
  throwIfErrors(errors);

  // VLANForm.clean: promote the secondary when the primary goes, and keep the two apart.
  if (!primary && extra?.secondaryRack) {
    primary = extra.secondaryRack;
    secondary = null;
  }
  if (primary && primary === extra?.secondaryRack) secondary = null;
  const all: string[] = [];
  if (secondary && extra?.primaryRack && secondary === extra.primaryRack && secondary !== primary) {
    all.push(`${secondary} is already set as the primary rack controller`);
  } else if (primary && secondary && primary === secondary) {
    all.push("The primary and secondary rack must be different");
  }
  if (dhcpOn && !primary) {
    all.push("dhcp can only be turned on when a primary rack controller is set.");
  }
  if (
    state.site.vlans.some((vlan) =>
      vlan !== current && vlan.fabricId === target.id && vlan.vid === vid
    )
  ) {
    all.push("A VLAN with the specified VID already exists in the destination fabric.");
  }
  if (all.length > 0) throw ReplyError.invalid({ __all__: all });

  const name = data.has("name") ? (data.get("name") ?? "").trim() : current?.name ?? "";
  const vlan: SimVlan = current ?? {
    id: store.nextId("vlan"),
    name: "",
    vid: vid!,
    fabricId: target.id,
    fabric: target.name,
    mtu,
    dhcpOn: false,
    space,
  };
  vlan.name = name;
  vlan.vid = vid!;
  vlan.fabricId = target.id;
  vlan.fabric = target.name;
  vlan.mtu = mtu;
  vlan.dhcpOn = dhcpOn;
  vlan.space = space;
  if (!current) state.site.vlans.push(vlan);
  const saved = vlanExtra(state, vlan);
  if (data.has("description")) saved.description = data.get("description") ?? "";
  saved.primaryRack = primary;
  saved.secondaryRack = secondary;
  saved.relayVlanId = dhcpOn ? null : relayVlanId;
  if (current) refreshNodeNetworking(state);
  return vlan;
}

function deleteVlan(state: SimulatorState, vlan: SimVlan): void {
  const fallback = defaultVlanOf(state, vlan.fabricId);
  if (fallback === vlan || !fallback) {
    throw ReplyError.badRequest(
      "This VLAN is the default VLAN in the fabric, it cannot be deleted.",
    );
  }
  // VLAN interfaces on it go; other interfaces and the subnets move to the fabric's default VLAN.
  for (const node of allNetworkNodes(state)) {
    const nics = nicsOf(node);
    const gone = nics.filter((nic) =>
      nic.type === "vlan" && (nic.vlan as { id?: number } | null)?.id === vlan.id
    );
    if (gone.length > 0) {
      const names = new Set(gone.map((nic) => nic.name));
      node.data.interface_set = nics.filter((nic) => !gone.includes(nic));
      for (const nic of nicsOf(node)) {
        nic.children = ((nic.children as string[] | undefined) ?? []).filter((child) =>
          !names.has(child)
        );
      }
    }
    for (const nic of nicsOf(node)) {
      if ((nic.vlan as { id?: number } | null)?.id === vlan.id) nic.vlan = { id: fallback.id };
    }
  }
  for (const subnet of state.site.subnets) {
    if (subnet.vlanId === vlan.id) subnet.vlanId = fallback.id;
  }
  const store = state.networking;
  state.site.vlans = state.site.vlans.filter((candidate) => candidate !== vlan);
  store.vlanExtras.delete(vlan.id);
  for (const extra of store.vlanExtras.values()) {
    if (extra.relayVlanId === vlan.id) extra.relayVlanId = null;
  }
  refreshNodeNetworking(state);
}

// ---------------------------------------------------------------------------------------------
// Subnets

function checkAddressList(values: string[], field: string, errors: Errors): string[] {
  const addresses: string[] = [];
  for (const value of values) {
    for (const item of value.split(/[,\s]+/).filter((part) => part !== "")) {
      if (parseAddress(item)) addresses.push(item);
      else {
        addError(
          errors,
          field,
          `Invalid IP address: ${item}; provide a list of space-separated IP addresses`,
        );
      }
    }
  }
  return addresses;
}

function saveSubnet(ctx: AuthContext, current: SimSubnet | null): SimSubnet {
  const { state, data } = ctx;
  const store = state.networking;
  const errors: Errors = {};
  const extra = current ? subnetExtra(state, current) : null;
  if (data.has("space")) {
    addError(
      errors,
      "space",
      "Spaces may no longer be set on subnets. Set the space on the underlying VLAN.",
    );
  }
  let cidr = current?.cidr;
  let network = cidr ? parseNetwork(cidr) : null;
  if (data.has("cidr") || !current) {
    const given = (data.get("cidr") ?? "").trim();
    const parsed = given === "" ? null : parseNetwork(given);
    if (given === "") addError(errors, "cidr", REQUIRED);
    else if (!parsed) addError(errors, "cidr", "Required format: <network>/<prefixlen>.");
    else if (parsed.bits === 0) addError(errors, "cidr", "Prefix length must be greater than 0.");
    else {
      network = parsed;
      cidr = networkText(parsed);
    }
  }

  let vlanId = current?.vlanId;
  const vlanGiven = (data.get("vlan") ?? "").trim();
  let vlan: SimVlan | undefined;
  if (vlanGiven !== "") {
    vlan = /^\d+$/.test(vlanGiven)
      ? state.site.vlans.find((candidate) => candidate.id === Number(vlanGiven))
      : undefined;
    if (!vlan) addError(errors, "vlan", INVALID_CHOICE);
  }
  if (!current) {
    // The helpers MAAS allows on create: a fabric and/or a vid instead of the VLAN.
    const fabricGiven = (data.get("fabric") ?? "").trim();
    let fabric: SimFabric | undefined;
    if (fabricGiven !== "") {
      fabric = /^\d+$/.test(fabricGiven)
        ? store.fabrics.get(Number(fabricGiven))
        : [...store.fabrics.values()].find((candidate) => candidate.name === fabricGiven);
      if (!fabric) addError(errors, "fabric", INVALID_CHOICE);
    }
    const vid = integer(data, "vid", errors, { min: 0, max: 4094 });
    if (!errors.vlan && !errors.fabric && !errors.vid) {
      if (!vlan && !fabric) {
        if (!vid) vlan = defaultVlanOf(state, 0);
        else {
          vlan = state.site.vlans.find((candidate) =>
            candidate.fabricId === 0 && candidate.vid === vid
          );
          if (!vlan) addError(errors, "vid", `No VLAN with vid ${vid} in default fabric.`);
        }
      } else if (fabric && !vlan) {
        if (!vid) vlan = defaultVlanOf(state, fabric.id);
        else {
          vlan = state.site.vlans.find((candidate) =>
            candidate.fabricId === fabric!.id && candidate.vid === vid
          );
          if (!vlan) addError(errors, "vid", `No VLAN with vid ${vid} in fabric ${fabric.name}.`);
        }
      } else if (fabric && vlan && vlan.fabricId !== fabric.id) {
        addError(
          errors,
          "vlan",
          `VLAN ${vlan.fabric}.${vlan.name || vlan.vid} is not in fabric ${fabric.name}.`,
        );
      }
    }
  }
  if (vlan) vlanId = vlan.id;
  else if (!current && !errors.vlan && !errors.vid && !errors.fabric) {
    addError(errors, "vlan", REQUIRED);
  }

  let gatewayIp = current?.gatewayIp ?? null;
  if (data.has("gateway_ip")) {
    const given = (data.get("gateway_ip") ?? "").trim();
    if (given === "") gatewayIp = null;
    else if (!parseAddress(given)) addError(errors, "gateway_ip", INVALID_IP);
    else gatewayIp = given;
  }
  let dnsServers = current?.dnsServers ?? [];
  if (data.has("dns_servers")) {
    const values = data.getAll("dns_servers").filter((value) => value !== "");
    dnsServers = checkAddressList(values, "dns_servers", errors);
  }
  let rdnsMode = extra?.rdnsMode ?? 2;
  if (data.has("rdns_mode") && data.get("rdns_mode") !== "") {
    const given = data.get("rdns_mode")!.trim();
    if (!["0", "1", "2"].includes(given)) {
      addError(
        errors,
        "rdns_mode",
        `Select a valid choice. ${given} is not one of the available choices.`,
      );
    } else rdnsMode = Number(given);
  }
  let disabled = extra?.disabledBootArchitectures ?? [];
  if (data.has("disabled_boot_architectures")) {
    disabled = [];
    const given = (data.get("disabled_boot_architectures") ?? "").split(/[,\s]+/).filter(Boolean);
    for (const arch of given) {
      if (BOOT_ARCHITECTURES.has(arch)) {
        if (!disabled.includes(arch)) disabled.push(arch);
      } else addError(errors, "disabled_boot_architectures", `Unknown boot architecture ${arch}`);
    }
  }
  throwIfErrors(errors);

  // The model's checks: the gateway in the network, no overlap with other subnets.
  const truthy = (name: string, fallback: boolean) =>
    data.has(name) ? booleanField(data, name) : fallback;
  if (gatewayIp && network) {
    const gateway = parseAddress(gatewayIp)!;
    const linkLocal = gateway.version === 6 && (gateway.value >> 118n) === 0x3fan;
    if (!contains(network, gateway) && !(network.version === 6 && linkLocal)) {
      throw ReplyError.invalid({ gateway_ip: ["Gateway IP must be within CIDR range."] });
    }
  }
  if (network) {
    const overlapping = state.site.subnets.some((subnet) => {
      if (subnet === current) return false;
      const other = parseNetwork(subnet.cidr);
      return other !== null && other.version === network!.version &&
        other.first <= network!.last && network!.first <= other.last;
    });
    if (overlapping) {
      throw ReplyError.invalid({
        __all__: [`Subnet ${cidr} would overlap with existing subnets.`],
      });
    }
  }

  const name = (data.get("name") ?? "").trim();
  const previousCidr = current?.cidr;
  const subnet: SimSubnet = current ?? {
    id: store.nextId("subnet"),
    name: "",
    cidr: cidr!,
    vlanId: vlanId!,
    gatewayIp,
    dnsServers,
    managed: true,
  };
  // Unnamed subnets are named after their CIDR, and keep following it.
  if (data.has("name") && name !== "") subnet.name = name;
  else if (!current || data.has("name") || subnet.name === previousCidr) subnet.name = cidr!;
  subnet.cidr = cidr!;
  subnet.vlanId = vlanId!;
  subnet.gatewayIp = gatewayIp;
  subnet.dnsServers = dnsServers;
  if (!current) subnet.managed = truthy("managed", true);
  else if (data.has("managed")) subnet.managed = booleanField(data, "managed");
  if (!current) state.site.subnets.push(subnet);
  const saved = subnetExtra(state, subnet);
  if (data.has("description")) saved.description = data.get("description") ?? "";
  saved.rdnsMode = rdnsMode;
  saved.allowDns = truthy("allow_dns", current ? saved.allowDns : true);
  saved.allowProxy = truthy("allow_proxy", current ? saved.allowProxy : true);
  if (data.has("active_discovery")) {
    saved.activeDiscovery = booleanField(data, "active_discovery");
  }
  saved.disabledBootArchitectures = disabled;
  if (current) refreshNodeNetworking(state);
  return subnet;
}

function deleteSubnet(ctx: AuthContext, subnet: SimSubnet): void {
  const { state } = ctx;
  const store = state.networking;
  const force = stringBool(ctx.query, "force", false);
  const vlan = state.site.vlans.find((candidate) => candidate.id === subnet.vlanId);
  const ranges = rangesOf(state, subnet);
  if (vlan?.dhcpOn && ranges.some((range) => range.type === "dynamic")) {
    throw ReplyError.badRequest(
      "Cannot delete a subnet that is actively servicing a dynamic IP range. (Delete the " +
        "dynamic range or disable DHCP first.)",
    );
  }
  const inUse = usedAddresses(state, subnet).some((used) =>
    used.node !== null && used.allocType !== 5
  );
  if (inUse && !force) {
    throw ReplyError.badRequest(
      "Cannot delete a subnet that has IP addresses in use by nodes. (Use the 'force' " +
        "parameter to override.)",
    );
  }
  state.site.subnets = state.site.subnets.filter((candidate) => candidate !== subnet);
  store.subnetExtras.delete(subnet.id);
  for (const range of ranges) store.ipRanges.delete(range.id);
  for (const [id, route] of store.staticRoutes) {
    if (route.sourceId === subnet.id || route.destinationId === subnet.id) {
      store.staticRoutes.delete(id);
    }
  }
  refreshNodeNetworking(state);
}

function statistics(ctx: AuthContext, subnet: SimSubnet): Record<string, unknown> {
  const network = parseNetwork(subnet.cidr)!;
  const used = spansInUse(ctx.state, subnet, network);
  const free = spansFree(used, network);
  const [low, high] = usable(network);
  const total = Number(high - low + 1n);
  const unavailable = used.reduce((sum, span) => sum + Number(span.end - span.start + 1n), 0);
  const usage = total === 0 ? 0 : unavailable / total;
  const stats: Record<string, unknown> = {
    num_available: total - unavailable,
    largest_available: free.reduce(
      (max, span) => Math.max(max, Number(span.end - span.start + 1n)),
      0,
    ),
    num_unavailable: unavailable,
    total_addresses: total,
    usage,
    usage_string: `${Math.round(usage * 100)}%`,
    available_string: `${Math.round((1 - usage) * 100)}%`,
    first_address: formatAddress(network.version, low),
    last_address: formatAddress(network.version, high),
    ip_version: network.version,
  };
  if (stringBool(ctx.query, "include_ranges", false)) {
    stats.ranges = [...used, ...free]
      .sort((a, b) => (a.start < b.start ? -1 : 1))
      .map((span) => spanJson(network, span, true));
  }
  if (stringBool(ctx.query, "include_suggestions", false)) {
    const gatewayFree = free.find((span) => span.start === low);
    stats.suggested_gateway = subnet.gatewayIp || !gatewayFree
      ? null
      : formatAddress(network.version, low);
    const largest = free.reduce<Span | null>(
      (best, span) => (!best || span.end - span.start > best.end - best.start ? span : best),
      null,
    );
    if (largest && largest.end - largest.start >= 3n) {
      const start = largest.start + (largest.end - largest.start + 1n) / 2n;
      stats.suggested_dynamic_range = spanJson(
        network,
        { start, end: largest.end, purpose: ["dynamic"] },
        false,
      );
    } else stats.suggested_dynamic_range = null;
  }
  return stats;
}

/** Django's `"%a, %d %b. %Y %H:%M:%S"`, as MAAS formats dates in subnet reports. */
function reportDate(iso: unknown): string {
  const date = typeof iso === "string" && !Number.isNaN(Date.parse(iso + "Z"))
    ? new Date(iso + "Z")
    : new Date();
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ];
  const two = (value: number) => String(value).padStart(2, "0");
  return `${days[date.getUTCDay()]}, ${two(date.getUTCDate())} ${months[date.getUTCMonth()]}. ` +
    `${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:` +
    two(date.getUTCSeconds());
}

function subnetAddresses(ctx: AuthContext, subnet: SimSubnet): Record<string, unknown>[] {
  const withUsername = stringBool(ctx.query, "with_username", true);
  const withNodeSummary = stringBool(ctx.query, "with_node_summary", true);
  const withSummary = withNodeSummary && stringBool(ctx.query, "with_summary", true);
  const dns = ctx.state.dns;
  return usedAddresses(ctx.state, subnet)
    .sort((a, b) => (parseAddress(a.ip)!.value < parseAddress(b.ip)!.value ? -1 : 1))
    .map((used) => {
      const created = reportDate(used.reserved?.created ?? used.node?.data.created);
      const entry: Record<string, unknown> = {
        ip: used.ip,
        alloc_type: used.allocType,
        created,
        updated: created,
      };
      const owner = used.reserved ? used.reserved.username : used.node?.data.owner ?? null;
      if (withUsername && owner) entry.user = owner;
      if (withSummary && used.node) {
        entry.node_summary = {
          system_id: used.node.data.system_id,
          node_type: used.node.data.node_type ?? 0,
          fqdn: used.node.data.fqdn,
          hostname: used.node.data.hostname,
          is_container: false,
          via: used.nic?.name,
        };
      }
      if (withSummary && used.reserved) {
        const records = [...dns.resources.values()]
          .filter((resource) => resource.addressIds.includes(used.reserved!.id))
          .map((resource) => {
            const domain = ctx.state.site.domains.find((d) => d.id === resource.domainId);
            return { name: resource.name, domain: domain?.name ?? "" };
          });
        if (records.length > 0) entry.dns_records = records;
      }
      return entry;
    });
}

// ---------------------------------------------------------------------------------------------
// Spaces

function findSpace(state: SimulatorState, id: string): SimSpace | null {
  const hasUndefined = state.site.vlans.some((vlan) => vlan.space === UNDEFINED_SPACE);
  if (id === "-1" || (id === UNDEFINED_SPACE && hasUndefined)) return null;
  const found = spaceByName(state, id);
  if (!found) throw ReplyError.notFound("Space");
  return found;
}

function saveSpace(ctx: AuthContext, current: SimSpace | null): SimSpace {
  const { state, data } = ctx;
  const store = state.networking;
  const errors: Errors = {};
  let name = (data.get("name") ?? current?.name ?? "").trim();
  if (name !== "") {
    checkName(
      name,
      "space",
      /^space-\d+$/,
      current ? `space-${current.id}` : null,
      [...store.spaces.values()].some((space) => space.name === name && space !== current),
      errors,
    );
  }
  throwIfErrors(errors);
  const space = current ?? { id: store.nextId("space"), name: "", description: "" };
  if (name === "") name = `space-${space.id}`;
  const previous = space.name;
  space.name = name;
  if (data.has("description")) space.description = data.get("description") ?? "";
  if (!current) store.spaces.set(space.id, space);
  else if (previous !== name) {
    for (const vlan of state.site.vlans) if (vlan.space === previous) vlan.space = name;
    refreshNodeNetworking(state);
  }
  return space;
}

// ---------------------------------------------------------------------------------------------
// IP ranges

function saveRange(ctx: AuthContext, current: SimIPRange | null): SimIPRange {
  const { state, data, user } = ctx;
  const store = state.networking;
  const errors: Errors = {};
  let type = current?.type;
  if (data.has("type") || !current) {
    const given = (data.get("type") ?? "").trim();
    if (given === "") addError(errors, "type", REQUIRED);
    else if (given !== "dynamic" && given !== "reserved") {
      addError(
        errors,
        "type",
        `Select a valid choice. ${given} is not one of the available choices.`,
      );
    } else type = given;
  }
  const address = (field: "start_ip" | "end_ip", fallback: string | undefined) => {
    if (!data.has(field) && current) return fallback;
    const given = (data.get(field) ?? "").trim();
    if (given === "") addError(errors, field, REQUIRED);
    else if (!parseAddress(given)) addError(errors, field, INVALID_IP);
    else return given;
    return undefined;
  };
  const startIp = address("start_ip", current?.startIp);
  const endIp = address("end_ip", current?.endIp);
  let subnet = current
    ? state.site.subnets.find((candidate) => candidate.id === current.subnetId)
    : undefined;
  const subnetGiven = (data.get("subnet") ?? "").trim();
  if (subnetGiven !== "") {
    subnet = /^\d+$/.test(subnetGiven)
      ? state.site.subnets.find((candidate) => candidate.id === Number(subnetGiven))
      : undefined;
    if (!subnet) addError(errors, "subnet", INVALID_CHOICE);
  } else if (!current) {
    subnet = startIp ? subnetForAddress(state, startIp) : undefined;
    if (!subnet) addError(errors, "subnet", REQUIRED);
  }
  throwIfErrors(errors);

  // IPRange.clean, field by field as MAAS words it.
  const start = parseAddress(startIp!)!;
  const end = parseAddress(endIp!)!;
  const both = (message: string) => ReplyError.invalid({ start_ip: [message], end_ip: [message] });
  if (start.version !== end.version) {
    throw both("Start IP address and end IP address must be in the same address family.");
  }
  if (end.value < start.value) {
    throw ReplyError.invalid({
      end_ip: ["End IP address must not be less than Start IP address."],
    });
  }
  const network = parseNetwork(subnet!.cidr)!;
  const cidr = networkText(network);
  const startIn = contains(network, start);
  const endIn = contains(network, end);
  if (!startIn && !endIn) throw both(`IP addresses must be within subnet: ${cidr}.`);
  if (!startIn) {
    throw ReplyError.invalid({ start_ip: [`Start IP address must be within subnet: ${cidr}.`] });
  }
  if (!endIn) {
    throw ReplyError.invalid({ end_ip: [`End IP address must be within subnet: ${cidr}.`] });
  }
  if (start.value === network.first) {
    throw ReplyError.invalid({
      start_ip: ["Reserved network address cannot be included in IP range."],
    });
  }
  if (network.version === 4 && end.value === network.last) {
    throw ReplyError.invalid({ end_ip: ["Broadcast address cannot be included in IP range."] });
  }
  if (start.version === 6 && type === "dynamic" && end.value - start.value + 1n < 256n) {
    throw both("IPv6 dynamic range must be at least 256 addresses in size.");
  }
  // Reserved ranges may hold addresses in use but not other ranges; dynamic ones neither.
  const others = rangesOf(state, subnet!).filter((range) => range !== current);
  const rangeClash = others.some((range) => {
    const [from, to] = spanOfRange(range);
    return from <= end.value && start.value <= to;
  });
  const addressClash = type === "dynamic" && [
    subnet!.gatewayIp,
    ...subnet!.dnsServers,
    ...usedAddresses(state, subnet!).map((used) => used.ip),
  ].some((ip) => {
    const value = ip ? parseAddress(ip)?.value : undefined;
    return value !== undefined && value >= start.value && value <= end.value;
  });
  if (rangeClash || addressClash) {
    throw both(
      type === "reserved"
        ? "Requested reserved range conflicts with an existing range."
        : "Requested dynamic range conflicts with an existing IP address or range.",
    );
  }

  const range = current ?? {
    id: store.nextId("iprange"),
    type: type!,
    startIp: startIp!,
    endIp: endIp!,
    subnetId: subnet!.id,
    comment: "",
    username: user.username,
  };
  range.type = type!;
  range.startIp = startIp!;
  range.endIp = endIp!;
  range.subnetId = subnet!.id;
  if (data.has("comment")) range.comment = data.get("comment") ?? "";
  if (!current) store.ipRanges.set(range.id, range);
  return range;
}

function requireRangeOwner(ctx: AuthContext, range: SimIPRange): void {
  if (!ctx.user.isSuperuser && range.username !== ctx.user.username) {
    throw ReplyError.forbidden("Unable to modify IP range. You don't own the IP range.");
  }
}

// ---------------------------------------------------------------------------------------------
// Static routes

function saveRoute(ctx: AuthContext, current: SimStaticRoute | null): SimStaticRoute {
  const { state, data } = ctx;
  const store = state.networking;
  const errors: Errors = {};
  const subnetField = (field: "source" | "destination", fallback: number | undefined) => {
    if (!data.has(field) && current) {
      return state.site.subnets.find((subnet) => subnet.id === fallback);
    }
    const given = (data.get(field) ?? "").trim();
    if (given === "") addError(errors, field, REQUIRED);
    else {
      const found = findSubnet(state, given);
      if (found) return found;
      addError(errors, field, INVALID_CHOICE);
    }
    return undefined;
  };
  const source = subnetField("source", current?.sourceId);
  const destination = subnetField("destination", current?.destinationId);
  let gatewayIp = current?.gatewayIp;
  if (data.has("gateway_ip") || !current) {
    const given = (data.get("gateway_ip") ?? "").trim();
    if (given === "") addError(errors, "gateway_ip", REQUIRED);
    else if (!parseAddress(given)) addError(errors, "gateway_ip", INVALID_IP);
    else gatewayIp = given;
  }
  const metric = integer(data, "metric", errors, { min: 0 });
  if (gatewayIp && source && !errors.gateway_ip) {
    const network = parseNetwork(source.cidr)!;
    if (!contains(network, parseAddress(gatewayIp)!)) {
      addError(errors, "gateway_ip", `Enter an IP address in ${source.cidr}.`);
    }
  }
  throwIfErrors(errors);
  const all: string[] = [];
  if (source === destination) all.push("source and destination cannot be the same subnet.");
  else if (parseNetwork(source!.cidr)!.version !== parseNetwork(destination!.cidr)!.version) {
    all.push("source and destination must be the same IP version.");
  }
  const duplicate = [...store.staticRoutes.values()].some((route) =>
    route !== current && route.sourceId === source!.id && route.destinationId === destination!.id &&
    route.gatewayIp === gatewayIp
  );
  if (duplicate) {
    all.push("Static route with this Source, Destination and Gateway ip already exists.");
  }
  if (all.length > 0) throw ReplyError.invalid({ __all__: all });
  const route = current ?? {
    id: store.nextId("staticroute"),
    sourceId: source!.id,
    destinationId: destination!.id,
    gatewayIp: gatewayIp!,
    metric: 0,
  };
  route.sourceId = source!.id;
  route.destinationId = destination!.id;
  route.gatewayIp = gatewayIp!;
  if (typeof metric === "number") route.metric = metric;
  if (!current) store.staticRoutes.set(route.id, route);
  return route;
}

// ---------------------------------------------------------------------------------------------
// IP addresses

function reservedJson(state: SimulatorState, address: SimStaticAddress): Record<string, unknown> {
  const owner = address.username === null ? undefined : state.users.get(address.username);
  const subnet = subnetForAddress(state, address.ip);
  const mac = state.networking.reservedMacs.get(address.id);
  return {
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
    resource_uri: `${API}ipaddresses/`,
  };
}

function nodeAddressJson(
  state: SimulatorState,
  node: SimMachine,
  nic: Nic,
  link: Link,
): Record<string, unknown> {
  const allocType = allocTypeOfLink(link);
  const owner = typeof node.data.owner === "string" ? state.users.get(node.data.owner) : undefined;
  const subnetId = linkSubnetId(link);
  const subnet = state.site.subnets.find((candidate) => candidate.id === subnetId);
  return {
    alloc_type: allocType,
    alloc_type_name: ALLOC_TYPE_NAMES[allocType],
    created: typeof node.data.created === "string" ? node.data.created : "",
    ip: link.ip_address,
    owner: owner ? userJson(state.line, owner) : null,
    interface_set: [nic],
    subnet: subnet ? subnetJson(state, subnet) : null,
    resource_uri: `${API}ipaddresses/`,
  };
}

function listAddresses(ctx: AuthContext): Reply {
  const { state, query, user } = ctx;
  const all = stringBool(query, "all", false);
  const ip = query.get("ip");
  const owner = query.get("owner");
  if (ip !== undefined && !parseAddress(ip)) {
    return text("Parameter 'ip' must contain an IP address.", 400, "text/plain");
  }
  if (all && !user.isSuperuser) {
    return text("Listing all IP addresses requires admin privileges.", 403, "text/plain");
  }
  if (owner !== undefined && !user.isSuperuser) {
    return text(
      "Listing another user's IP addresses requires admin privileges.",
      403,
      "text/plain",
    );
  }
  const wantedOwner = user.isSuperuser ? owner ?? (all ? undefined : user.username) : user.username;
  const sameIp = (text: unknown) =>
    ip === undefined ||
    (typeof text === "string" && parseAddress(text)?.value === parseAddress(ip)!.value);
  const answer: { id: number; json: Record<string, unknown> }[] = [];
  for (const address of state.dns.addresses.values()) {
    if (!sameIp(address.ip)) continue;
    if (wantedOwner !== undefined && address.username !== wantedOwner) continue;
    answer.push({ id: address.id, json: reservedJson(state, address) });
  }
  if (all) {
    for (const node of allNetworkNodes(state)) {
      for (const nic of nicsOf(node)) {
        for (const link of linksOf(nic)) {
          if (typeof link.ip_address !== "string" || !link.ip_address || !sameIp(link.ip_address)) {
            continue;
          }
          if (wantedOwner !== undefined && node.data.owner !== wantedOwner) continue;
          answer.push({ id: link.id as number, json: nodeAddressJson(state, node, nic, link) });
        }
      }
    }
  }
  return json(answer.sort((a, b) => a.id - b.id).map((item) => item.json));
}

function reserveAddress(ctx: AuthContext): Reply {
  const { state, form, user } = ctx;
  const dns = state.dns;
  const subnetGiven = form.get("subnet");
  let ip = form.get("ip");
  if (ip === undefined) ip = form.get("ip_address");
  const hostname = form.get("hostname");
  const mac = form.get("mac");
  const errors: Errors = {};
  if (ip !== undefined && !parseAddress(ip)) addError(errors, "ip_address", INVALID_IP);
  if (mac !== undefined && mac !== "" && !/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(mac.trim())) {
    addError(errors, "mac", `'${mac}' is not a valid MAC address.`);
  }
  throwIfErrors(errors);
  let subnet: SimSubnet | undefined;
  if (ip !== undefined) {
    subnet = subnetForAddress(state, ip);
    if (!subnet) throw ReplyError.badRequest(`No known subnet for IP address: ${ip}.`);
  } else if (subnetGiven !== undefined) {
    subnet = findSubnet(state, subnetGiven);
    if (!subnet) throw ReplyError.badRequest(`Unable to identify subnet: ${subnetGiven}.`);
  } else {
    throw ReplyError.badRequest("Must supply either the 'subnet' or the 'ip' parameter.");
  }
  if (ip !== undefined) {
    const value = parseAddress(ip)!.value;
    const dynamic = rangesOf(state, subnet).find((range) => {
      const [start, end] = spanOfRange(range);
      return range.type === "dynamic" && value >= start && value <= end;
    });
    if (dynamic) {
      throw ReplyError.forbidden(
        `IP address ${ip} belongs to an existing dynamic range. To reserve this IP address, a ` +
          "MAC address is required. (Create a device instead.)",
      );
    }
  }
  let domainId = (state.site.domains.find((d) => d.isDefault) ?? state.site.domains[0]).id;
  let label = hostname;
  if (hostname !== undefined && hostname.indexOf(".") > 0) {
    const [name, domainName] = [
      hostname.slice(0, hostname.indexOf(".")),
      hostname.slice(hostname.indexOf(".") + 1),
    ];
    const domain = state.site.domains.find((candidate) => candidate.name === domainName);
    if (!domain) throw ReplyError.notFound("Domain");
    domainId = domain.id;
    label = name;
  }
  if (mac) {
    const normal = mac.trim().toLowerCase().replaceAll("-", ":");
    for (const node of allNetworkNodes(state)) {
      if (nicsOf(node).some((nic) => nic.mac_address === normal)) {
        throw ReplyError.badRequest(
          `MAC address ${normal} already belongs to ${node.data.hostname}. Use of the interface ` +
            "API is required, for an interface that belongs to a node.",
        );
      }
    }
  }
  if (ip !== undefined) {
    if (addressTaken(state, ip)) {
      throw new ReplyError(text(`The IP address ${ip} is already in use.`, 404));
    }
    const problem = staticAddressProblem(state, subnet, ip);
    if (problem) throw problem;
  } else {
    const free = freeAddress(state, subnet);
    if (!free) {
      throw new ReplyError(text(`No more IPs available in subnet: ${subnet.cidr}.`, 503));
    }
    ip = free;
  }
  const address: SimStaticAddress = {
    id: dns.nextId("address"),
    ip,
    created: new Date().toISOString().slice(0, 23),
    username: user.username,
  };
  dns.addresses.set(address.id, address);
  if (mac) {
    state.networking.reservedMacs.set(address.id, mac.trim().toLowerCase().replaceAll("-", ":"));
  }
  if (label) {
    const existing = [...dns.resources.values()].find((resource) =>
      resource.name === label && resource.domainId === domainId
    );
    if (existing) existing.addressIds.push(address.id);
    else {
      const id = dns.nextId("resource");
      dns.resources.set(id, {
        id,
        name: label,
        domainId,
        addressTtl: null,
        addressIds: [address.id],
      });
    }
  }
  return json(reservedJson(state, address));
}

function releaseAddress(ctx: AuthContext): Reply {
  const { state, form, user } = ctx;
  const ip = form.get("ip");
  if (ip === undefined) throw missingParam("ip");
  const force = stringBool(form, "force", false);
  const discovered = stringBool(form, "discovered", false);
  if (force && !user.isSuperuser) {
    return text("Force-releasing an IP address requires admin privileges.", 403, "text/plain");
  }
  if (!parseAddress(ip)) throw ReplyError.invalid({ ip: [INVALID_IP] });
  const dns = state.dns;
  const value = parseAddress(ip)!.value;
  const reserved = [...dns.addresses.values()].find((address) =>
    parseAddress(address.ip)?.value === value && (force || address.username === user.username)
  );
  if (reserved && !discovered) {
    dns.addresses.delete(reserved.id);
    state.networking.reservedMacs.delete(reserved.id);
    for (const [id, resource] of dns.resources) {
      resource.addressIds = resource.addressIds.filter((other) => other !== reserved.id);
      if (resource.addressIds.length === 0) {
        const records = [...dns.records.values()].some((record) => record.resourceId === id);
        if (!records) dns.resources.delete(id);
      }
    }
    return deleted();
  }
  if (force && !discovered) {
    for (const node of allNetworkNodes(state)) {
      for (const nic of nicsOf(node)) {
        const link = linksOf(nic).find((candidate) =>
          typeof candidate.ip_address === "string" &&
          parseAddress(candidate.ip_address)?.value === value
        );
        if (link) {
          nic.links = linksOf(nic).filter((candidate) => candidate !== link);
          refreshNodeNetworking(state, [node]);
          return deleted();
        }
      }
    }
  }
  throw ReplyError.badRequest(
    force
      ? `IP address ${ip} does not exist.`
      : `IP address ${ip} does not exist, is not the correct type of address, or does not ` +
        "belong to the requesting user.\nIf you are sure you want to release this address, use " +
        "force=true as a MAAS administrator.",
  );
}

// ---------------------------------------------------------------------------------------------
// Routes

function admin(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_global_entities");
}

/**
 * Register fabrics, VLANs, subnets, spaces, IP ranges, static routes and IP addresses.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerNetworking } from "../networking/routes.ts";
 * registerNetworking(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerNetworking(table: RouteTable): void {
  const fabricOf = (ctx: AuthContext) => fabricByParam(ctx.state, ctx.params.id);
  table.resource({
    path: "fabrics/",
    auth: {
      name: "FabricsHandler",
      doc: "Manage fabrics.",
      actions: {
        "GET read": {
          doc: "List every fabric with its VLANs.",
          run: ({ state }) =>
            json(
              [...state.networking.fabrics.values()].sort((a, b) => a.id - b.id).map((f) =>
                fabricJson(state, f)
              ),
            ),
        },
        "POST create": {
          doc: "Create a fabric (it gets an untagged VLAN).\n\n:param name: Optional.\n" +
            ":param description: Optional.\n:param class_type: Optional.",
          run: (ctx) => {
            admin(ctx);
            return json(fabricJson(ctx.state, saveFabric(ctx, null)));
          },
        },
      },
    },
  });
  table.resource({
    path: "fabrics/{id}/",
    auth: {
      name: "FabricHandler",
      doc: "Manage a fabric.",
      actions: {
        "GET read": {
          doc: "Read a fabric.",
          run: (ctx) => json(fabricJson(ctx.state, fabricOf(ctx))),
        },
        "PUT update": {
          doc: "Update a fabric.\n\n:param name: Optional.\n:param description: Optional.\n" +
            ":param class_type: Optional.",
          run: (ctx) => {
            const fabric = fabricOf(ctx);
            ctx.requireAdmin();
            return json(fabricJson(ctx.state, saveFabric(ctx, fabric)));
          },
        },
        "DELETE delete": {
          doc: "Delete a fabric (not the default one, nor one with subnets or interfaces).",
          run: (ctx) => {
            const fabric = fabricOf(ctx);
            ctx.requireAdmin();
            deleteFabric(ctx.state, fabric);
            return deleted();
          },
        },
      },
    },
  });

  const vlanActions = (vlanOf: (ctx: AuthContext) => SimVlan) => ({
    "GET read": {
      doc: "Read a VLAN.",
      run: (ctx: AuthContext) => json(vlanJson(ctx.state, vlanOf(ctx))),
    },
    "PUT update": {
      doc: "Update a VLAN.\n\n:param name: Optional.\n:param description: Optional.\n" +
        ":param vid: Optional; renames the tag.\n:param mtu: Optional.\n" +
        ":param dhcp_on: Optional; needs a primary rack and a dynamic range.\n" +
        ":param primary_rack: Optional system_id.\n:param secondary_rack: Optional system_id.\n" +
        ":param relay_vlan: Optional VLAN id to relay DHCP to.\n:param space: Optional.\n" +
        ":param fabric: Optional; moves the VLAN.",
      run: (ctx: AuthContext) => {
        const vlan = vlanOf(ctx);
        ctx.requireAdmin();
        const fabric = ctx.state.networking.fabrics.get(vlan.fabricId)!;
        return json(vlanJson(ctx.state, saveVlan(ctx, fabric, vlan)));
      },
    },
    "DELETE delete": {
      doc: "Delete a VLAN (not a fabric's default one); its subnets and interfaces move to the " +
        "fabric's default VLAN.",
      run: (ctx: AuthContext) => {
        const vlan = vlanOf(ctx);
        ctx.requireAdmin();
        deleteVlan(ctx.state, vlan);
        return deleted();
      },
    },
  });
  table.resource({
    path: "fabrics/{fabric_id}/vlans/",
    auth: {
      name: "VlansHandler",
      doc: "Manage the VLANs of a fabric.",
      actions: {
        "GET read": {
          doc: "List the VLANs of a fabric.",
          run: (ctx) => {
            const fabric = fabricByParam(ctx.state, ctx.params.fabric_id);
            return json(
              ctx.state.site.vlans.filter((vlan) => vlan.fabricId === fabric.id)
                .sort((a, b) => a.id - b.id)
                .map((vlan) => vlanJson(ctx.state, vlan)),
            );
          },
        },
        "POST create": {
          doc: "Create a VLAN.\n\n:param vid: Required, 0-4094.\n:param name: Optional.\n" +
            ":param description: Optional.\n:param mtu: Optional.\n:param space: Optional.",
          run: (ctx) => {
            const fabric = fabricByParam(ctx.state, ctx.params.fabric_id);
            ctx.requireAdmin();
            return json(vlanJson(ctx.state, saveVlan(ctx, fabric, null)));
          },
        },
      },
    },
  });
  table.resource({
    path: "fabrics/{fabric_id}/vlans/{vid}/",
    auth: {
      name: "VlanHandler",
      doc: "Manage a VLAN of a fabric, by its tag.",
      actions: vlanActions((ctx) =>
        vlanOfFabric(ctx.state, fabricByParam(ctx.state, ctx.params.fabric_id), ctx.params.vid)
      ),
    },
  });
  table.resource({
    path: "vlans/{vlan_id}/",
    auth: {
      name: "VlanHandler",
      doc: "Manage a VLAN, by its id (where a VLAN's resource_uri points).",
      actions: vlanActions((ctx) => {
        const found = /^\d+$/.test(ctx.params.vlan_id)
          ? ctx.state.site.vlans.find((vlan) => vlan.id === Number(ctx.params.vlan_id))
          : undefined;
        if (!found) throw new ReplyError(text("VLAN with specified ID does not exist.", 404));
        return found;
      }),
    },
  });

  const subnetOf = (ctx: AuthContext) => subnetByParam(ctx.state, ctx.params.id);
  table.resource({
    path: "subnets/",
    auth: {
      name: "SubnetsHandler",
      doc: "Manage subnets.",
      actions: {
        "GET read": {
          doc: "List every subnet.",
          run: ({ state }) => json(state.site.subnets.map((subnet) => subnetJson(state, subnet))),
        },
        "POST create": {
          doc: "Create a subnet.\n\n:param cidr: Required.\n:param name: Optional.\n" +
            ":param description: Optional.\n:param vlan: Optional VLAN id.\n" +
            ":param fabric: Optional, when no VLAN is given.\n:param vid: Optional, when no " +
            "VLAN is given.\n:param gateway_ip: Optional.\n:param dns_servers: Optional.\n" +
            ":param rdns_mode: Optional 0, 1 or 2.\n:param allow_dns: Optional.\n" +
            ":param allow_proxy: Optional.\n:param active_discovery: Optional.\n" +
            ":param managed: Optional.\n:param disabled_boot_architectures: Optional.",
          run: (ctx) => {
            admin(ctx);
            return json(subnetJson(ctx.state, saveSubnet(ctx, null)));
          },
        },
      },
    },
  });
  table.resource({
    path: "subnets/{id}/",
    auth: {
      name: "SubnetHandler",
      doc: "Manage a subnet.",
      actions: {
        "GET read": {
          doc: "Read a subnet.",
          run: (ctx) => json(subnetJson(ctx.state, subnetOf(ctx))),
        },
        "PUT update": {
          doc: "Update a subnet (the VLAN by id; the space belongs to the VLAN).",
          run: (ctx) => {
            const subnet = subnetOf(ctx);
            ctx.requireAdmin();
            return json(subnetJson(ctx.state, saveSubnet(ctx, subnet)));
          },
        },
        "DELETE delete": {
          doc: "Delete a subnet.\n\n:param force: Delete it even when nodes use its addresses.",
          run: (ctx) => {
            const subnet = subnetOf(ctx);
            ctx.requireAdmin();
            deleteSubnet(ctx, subnet);
            return deleted();
          },
        },
        "GET reserved_ip_ranges": {
          doc: "List the ranges of the subnet in use, with their purpose.",
          run: (ctx) => {
            const subnet = subnetOf(ctx);
            const network = parseNetwork(subnet.cidr)!;
            return json(
              spansInUse(ctx.state, subnet, network).map((span) => spanJson(network, span, true)),
            );
          },
        },
        "GET unreserved_ip_ranges": {
          doc: "List the free ranges of the subnet.",
          run: (ctx) => {
            const subnet = subnetOf(ctx);
            const network = parseNetwork(subnet.cidr)!;
            const free = spansFree(spansInUse(ctx.state, subnet, network), network);
            return json(free.map((span) => spanJson(network, span, false)));
          },
        },
        "GET statistics": {
          doc: "Usage of the subnet.\n\n:param include_ranges: Optional.\n" +
            ":param include_suggestions: Optional.",
          run: (ctx) => json(statistics(ctx, subnetOf(ctx))),
        },
        "GET ip_addresses": {
          doc: "The addresses in use in the subnet.\n\n:param with_username: Optional.\n" +
            ":param with_summary: Optional.\n:param with_node_summary: Deprecated.",
          run: (ctx) => json(subnetAddresses(ctx, subnetOf(ctx))),
        },
      },
    },
  });

  table.resource({
    path: "spaces/",
    auth: {
      name: "SpacesHandler",
      doc: "Manage spaces.",
      actions: {
        "GET read": {
          doc: "List every space (and `undefined` while VLANs without a space exist).",
          run: ({ state }) => {
            const spaces = [...state.networking.spaces.values()].sort((a, b) => a.id - b.id)
              .map((space) => spaceJson(state, space));
            if (state.site.vlans.some((vlan) => vlan.space === UNDEFINED_SPACE)) {
              spaces.push(spaceJson(state, null));
            }
            return json(spaces);
          },
        },
        "POST create": {
          doc: "Create a space.\n\n:param name: The name.\n:param description: Optional.",
          run: (ctx) => {
            admin(ctx);
            return json(spaceJson(ctx.state, saveSpace(ctx, null)));
          },
        },
      },
    },
  });
  table.resource({
    path: "spaces/{id}/",
    auth: {
      name: "SpaceHandler",
      doc: "Manage a space.",
      actions: {
        "GET read": {
          doc: "Read a space.",
          run: (ctx) => json(spaceJson(ctx.state, findSpace(ctx.state, ctx.params.id))),
        },
        "PUT update": {
          doc: "Update a space.\n\n:param name: The name.\n:param description: Optional.",
          run: (ctx) => {
            if (ctx.params.id === "-1" || ctx.params.id === UNDEFINED_SPACE) {
              throw ReplyError.badRequest(`Space cannot be modified: ${UNDEFINED_SPACE}`);
            }
            const space = findSpace(ctx.state, ctx.params.id)!;
            ctx.requireAdmin();
            return json(spaceJson(ctx.state, saveSpace(ctx, space)));
          },
        },
        "DELETE delete": {
          doc: "Delete a space; its VLANs are left without one.",
          run: (ctx) => {
            if (ctx.params.id === "-1" || ctx.params.id === UNDEFINED_SPACE) {
              throw ReplyError.badRequest(`Space cannot be deleted: ${UNDEFINED_SPACE}`);
            }
            const space = findSpace(ctx.state, ctx.params.id)!;
            ctx.requireAdmin();
            ctx.state.networking.spaces.delete(space.id);
            for (const vlan of ctx.state.site.vlans) {
              if (vlan.space === space.name) vlan.space = UNDEFINED_SPACE;
            }
            refreshNodeNetworking(ctx.state);
            return deleted();
          },
        },
      },
    },
  });

  const rangeOf = (ctx: AuthContext) => {
    const range = /^\d+$/.test(ctx.params.id)
      ? ctx.state.networking.ipRanges.get(Number(ctx.params.id))
      : undefined;
    if (!range) throw ReplyError.notFound("IPRange");
    return range;
  };
  table.resource({
    path: "ipranges/",
    auth: {
      name: "IPRangesHandler",
      doc: "Manage IP ranges.",
      actions: {
        "GET read": {
          doc: "List every IP range.",
          run: ({ state }) =>
            json([...state.networking.ipRanges.values()].map((r) => ipRangeJson(state, r))),
        },
        "POST create": {
          doc: "Create an IP range.\n\n:param type: `dynamic` or `reserved`.\n" +
            ":param start_ip: First address.\n:param end_ip: Last address.\n" +
            ":param subnet: Subnet id (found from start_ip when left out).\n" +
            ":param comment: Optional.",
          run: (ctx) => {
            if (ctx.data.get("type") === "dynamic" && !ctx.user.isSuperuser) {
              throw ReplyError.forbidden(
                "Unable to create dynamic IP range. You don't have sufficient privileges.",
              );
            }
            return json(ipRangeJson(ctx.state, saveRange(ctx, null)));
          },
        },
      },
    },
  });
  table.resource({
    path: "ipranges/{id}/",
    auth: {
      name: "IPRangeHandler",
      doc: "Manage an IP range.",
      actions: {
        "GET read": {
          doc: "Read an IP range.",
          run: (ctx) => json(ipRangeJson(ctx.state, rangeOf(ctx))),
        },
        "PUT update": {
          doc: "Update an IP range (its owner or an administrator).\n\n" +
            ":param start_ip: Optional.\n:param end_ip: Optional.\n:param comment: Optional.",
          run: (ctx) => {
            const range = rangeOf(ctx);
            requireRangeOwner(ctx, range);
            return json(ipRangeJson(ctx.state, saveRange(ctx, range)));
          },
        },
        "DELETE delete": {
          doc: "Delete an IP range (its owner or an administrator).",
          run: (ctx) => {
            const range = rangeOf(ctx);
            requireRangeOwner(ctx, range);
            ctx.state.networking.ipRanges.delete(range.id);
            return deleted();
          },
        },
      },
    },
  });

  const routeOf = (ctx: AuthContext) => {
    const route = /^\d+$/.test(ctx.params.id)
      ? ctx.state.networking.staticRoutes.get(Number(ctx.params.id))
      : undefined;
    if (!route) throw ReplyError.notFound("StaticRoute");
    return route;
  };
  table.resource({
    path: "static-routes/",
    auth: {
      name: "StaticRoutesHandler",
      doc: "Manage static routes.",
      actions: {
        "GET read": {
          doc: "List every static route.",
          run: ({ state }) =>
            json(
              [...state.networking.staticRoutes.values()].map((r) => staticRouteJson(state, r)),
            ),
        },
        "POST create": {
          doc: "Create a static route.\n\n:param source: Source subnet.\n" +
            ":param destination: Destination subnet.\n:param gateway_ip: In the source subnet.\n" +
            ":param metric: Optional weight.",
          run: (ctx) => {
            admin(ctx);
            return json(staticRouteJson(ctx.state, saveRoute(ctx, null)));
          },
        },
      },
    },
  });
  table.resource({
    path: "static-routes/{id}/",
    auth: {
      name: "StaticRouteHandler",
      doc: "Manage a static route.",
      actions: {
        "GET read": {
          doc: "Read a static route.",
          run: (ctx) => json(staticRouteJson(ctx.state, routeOf(ctx))),
        },
        "PUT update": {
          doc:
            "Update a static route.\n\n:param source: Optional.\n:param destination: Optional.\n" +
            ":param gateway_ip: Optional.\n:param metric: Optional.",
          run: (ctx) => {
            const route = routeOf(ctx);
            ctx.requireAdmin();
            return json(staticRouteJson(ctx.state, saveRoute(ctx, route)));
          },
        },
        "DELETE delete": {
          doc: "Delete a static route.",
          run: (ctx) => {
            const route = routeOf(ctx);
            ctx.requireAdmin();
            ctx.state.networking.staticRoutes.delete(route.id);
            return deleted();
          },
        },
      },
    },
  });

  table.resource({
    path: "ipaddresses/",
    auth: {
      name: "IPAddressesHandler",
      doc: "Manage IP addresses allocated by MAAS.",
      actions: {
        "GET read": {
          doc: "List the caller's reserved addresses.\n\n:param ip: Optional filter.\n" +
            ":param all: Every address (administrators).\n:param owner: Another user's " +
            "(administrators).",
          run: listAddresses,
        },
        "POST reserve": {
          doc: "Reserve an address for use outside MAAS.\n\n:param subnet: A subnet to take a " +
            "free address from.\n:param ip: The address.\n:param ip_address: Deprecated name of " +
            "ip.\n:param hostname: Optional DNS name.\n:param mac: Optional MAC address.",
          run: reserveAddress,
        },
        "POST release": {
          doc: "Release a reserved address.\n\n:param ip: The address.\n" +
            ":param force: Any address (administrators).\n:param discovered: A discovered one.",
          run: releaseAddress,
        },
      },
    },
  });
}
