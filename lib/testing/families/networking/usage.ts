/**
 * Which addresses are in use, and where: subnets found by MAAS's specifiers or by an address,
 * the addresses nodes' links and users' reservations hold, the spans of a subnet in use and free,
 * and the free address MAAS would give out next.
 *
 * @module
 */

import type { SimSubnet } from "../../inventory.ts";
import { ReplyError, text } from "../../reply.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimStaticAddress } from "../dns/model.ts";
import type { SimInterface, SimLink } from "../interfaces/model.ts";
import type { SimMachine } from "../nodes/model.ts";
import {
  contains,
  formatAddress,
  parseAddress,
  parseNetwork,
  type SimNetwork,
  usable,
} from "./addresses.ts";
import type { SimIPRange } from "./model.ts";

/** MAAS's allocation type of a user's reservation. */
export const USER_RESERVED = 4;

/**
 * MAAS's allocation type of a link by its mode: 0 auto, 1 static (sticky), 5 DHCP.
 *
 * @example
 * ```ts
 * import { allocTypeOfLink } from "./usage.ts";
 * console.log(allocTypeOfLink({ id: 1, mode: "static", subnetId: 1, ipAddress: "10.20.0.9" })); // 1
 * ```
 */
export function allocTypeOfLink(link: SimLink): number {
  return link.mode === "auto" ? 0 : link.mode === "dhcp" ? 5 : 1;
}

/**
 * One link of a node's interface, with the node and the interface.
 *
 * @example
 * ```ts
 * import type { NodeLink } from "./usage.ts";
 * const describe = (use: NodeLink) => `${use.node.data.hostname} ${use.nic.name} ${use.link.mode}`;
 * ```
 */
export interface NodeLink {
  /** The node. */
  node: SimMachine;
  /** The interface. */
  nic: SimInterface;
  /** The link. */
  link: SimLink;
}

/**
 * Every link of every node's interfaces.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { nodeLinks } from "./usage.ts";
 * console.log([...nodeLinks(new SimulatorState())].length > 0); // true: the controllers' links
 * ```
 */
export function* nodeLinks(state: SimulatorState): Generator<NodeLink> {
  for (const node of state.everyNode()) {
    for (const nic of state.interfaces.of(node.data.system_id).list) {
      for (const link of nic.links) yield { node, nic, link };
    }
  }
}

/**
 * An address in use in a subnet: a node's link, or a user's reservation.
 *
 * @example
 * ```ts
 * import type { UsedAddress } from "./usage.ts";
 * const owner = (used: UsedAddress) => used.reserved?.username ?? used.node?.data.owner ?? null;
 * ```
 */
export interface UsedAddress {
  /** The address. */
  ip: string;
  /** MAAS's allocation type. */
  allocType: number;
  /** The node using it, or null. */
  node: SimMachine | null;
  /** The interface using it, or null. */
  nic: SimInterface | null;
  /** The user's reservation, or null. */
  reserved: SimStaticAddress | null;
}

/**
 * Every address in use in `subnet`: nodes' links with an address there, and reservations.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { usedAddresses } from "./usage.ts";
 * const state = new SimulatorState();
 * console.log(usedAddresses(state, state.site.subnets[0]).map((used) => used.ip)); // the controllers'
 * ```
 */
export function usedAddresses(state: SimulatorState, subnet: SimSubnet): UsedAddress[] {
  const network = parseNetwork(subnet.cidr);
  const used: UsedAddress[] = [];
  for (const { node, nic, link } of nodeLinks(state)) {
    if (link.ipAddress === null) continue;
    const address = parseAddress(link.ipAddress);
    if (link.subnetId === subnet.id || (network && address && contains(network, address))) {
      used.push({
        ip: link.ipAddress,
        allocType: allocTypeOfLink(link),
        node,
        nic,
        reserved: null,
      });
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
 * import { addressTaken } from "./usage.ts";
 * console.log(addressTaken(new SimulatorState(), "10.20.0.200")); // false
 * ```
 */
export function addressTaken(state: SimulatorState, ip: string): boolean {
  const wanted = parseAddress(ip);
  if (!wanted) return false;
  const same = (other: string | null) =>
    other !== null && parseAddress(other)?.value === wanted.value;
  for (const { link } of nodeLinks(state)) if (same(link.ipAddress)) return true;
  for (const reserved of state.dns.addresses.values()) if (same(reserved.ip)) return true;
  return false;
}

/**
 * A run of addresses of a subnet, with why it is in use (`gateway-ip`, `dns-server`,
 * `assigned-ip`, `dynamic`, `reserved`) or `unused`.
 *
 * @example
 * ```ts
 * import type { Span } from "./usage.ts";
 * const size = (span: Span) => span.end - span.start + 1n;
 * ```
 */
export interface Span {
  /** First address, as a number. */
  start: bigint;
  /** Last address, as a number. */
  end: bigint;
  /** Its purposes. */
  purpose: string[];
}

/**
 * The first and last address of a range, as numbers.
 *
 * @example
 * ```ts
 * import { spanOfRange } from "./usage.ts";
 * console.log(spanOfRange({ startIp: "10.0.0.1", endIp: "10.0.0.2" })); // [167772161n, 167772162n]
 * ```
 */
export function spanOfRange(range: Pick<SimIPRange, "startIp" | "endIp">): [bigint, bigint] {
  return [parseAddress(range.startIp)!.value, parseAddress(range.endIp)!.value];
}

/**
 * What is in use in a subnet, merged into spans with their purposes, in address order.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { parseNetwork } from "./addresses.ts";
 * import { spansInUse } from "./usage.ts";
 * const state = new SimulatorState();
 * const subnet = state.site.subnets[0];
 * console.log(spansInUse(state, subnet, parseNetwork(subnet.cidr)!)[0].purpose); // ["gateway-ip"]
 * ```
 */
export function spansInUse(state: SimulatorState, subnet: SimSubnet, network: SimNetwork): Span[] {
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
  for (const range of state.networking.rangesOf(subnet.id)) add(...spanOfRange(range), range.type);
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

/**
 * The free spans of a subnet: usable addresses outside every span in use.
 *
 * @example
 * ```ts
 * import { parseNetwork } from "./addresses.ts";
 * import { spansFree } from "./usage.ts";
 * console.log(spansFree([], parseNetwork("10.0.0.0/30")!).length); // 1
 * ```
 */
export function spansFree(used: Span[], network: SimNetwork): Span[] {
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

/**
 * A span as MAAS's subnet reports send it.
 *
 * @example
 * ```ts
 * import { parseNetwork } from "./addresses.ts";
 * import { spanJson } from "./usage.ts";
 * const network = parseNetwork("10.0.0.0/24")!;
 * console.log(spanJson(network, { start: 1n, end: 2n, purpose: [] }, false).num_addresses); // 2
 * ```
 */
export function spanJson(
  network: SimNetwork,
  span: Span,
  purpose: boolean,
): Record<string, unknown> {
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
 * import { freeAddress } from "./usage.ts";
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
 * The error MAAS's `validate_static_ip` raises when `ip` cannot be given out statically in
 * `subnet`, or null when it can.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { staticAddressProblem } from "./usage.ts";
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
  for (const range of state.networking.rangesOf(subnet.id)) {
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
 * The dynamic range of `subnet` that holds `ip`, if any.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { dynamicRangeHolding } from "./usage.ts";
 * const state = new SimulatorState();
 * console.log(dynamicRangeHolding(state, state.site.subnets[0], "10.20.8.5")?.type); // dynamic
 * ```
 */
export function dynamicRangeHolding(
  state: SimulatorState,
  subnet: SimSubnet,
  ip: string,
): SimIPRange | undefined {
  const value = parseAddress(ip)?.value;
  if (value === undefined) return undefined;
  return state.networking.rangesOf(subnet.id).find((range) => {
    const [start, end] = spanOfRange(range);
    return range.type === "dynamic" && value >= start && value <= end;
  });
}

/**
 * The subnet whose network holds `ip` (the most specific one), if any.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { subnetForAddress } from "./usage.ts";
 * console.log(subnetForAddress(new SimulatorState(), "10.20.1.7")?.cidr); // 10.20.0.0/20
 * ```
 */
export function subnetForAddress(state: SimulatorState, ip: string): SimSubnet | undefined {
  const address = parseAddress(ip);
  if (!address) return undefined;
  let best: { subnet: SimSubnet; bits: number } | undefined;
  for (const subnet of state.networking.subnets) {
    const network = parseNetwork(subnet.cidr);
    if (network && contains(network, address) && (!best || network.bits > best.bits)) {
      best = { subnet, bits: network.bits };
    }
  }
  return best?.subnet;
}

/**
 * A subnet by a MAAS specifier: an id, `id:`, `cidr:`, `name:`, `ip:` (the subnet holding it), a
 * CIDR, or a name.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { findSubnet } from "./usage.ts";
 * console.log(findSubnet(new SimulatorState(), "cidr:10.20.0.0/20")?.id); // 1
 * ```
 */
export function findSubnet(state: SimulatorState, specifier: string): SimSubnet | undefined {
  const text = specifier.trim();
  const subnets = state.networking.subnets;
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
