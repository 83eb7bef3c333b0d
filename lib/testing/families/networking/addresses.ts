/**
 * IPv4 and IPv6 addresses and networks as numbers, and MAC addresses as MAAS writes them, for the
 * networking families (subnets, IP ranges, interfaces, reserved addresses).
 *
 * @module
 */

import { isIP } from "node:net";

/** An IPv4 or IPv6 address as a number. */
export interface SimAddress {
  /** 4 or 6. */
  version: 4 | 6;
  /** The address as an integer. */
  value: bigint;
}

/** A network: its first and last address. */
export interface SimNetwork {
  /** 4 or 6. */
  version: 4 | 6;
  /** Prefix length. */
  bits: number;
  /** Network address. */
  first: bigint;
  /** Last address (broadcast for IPv4). */
  last: bigint;
}

/**
 * An address as a number, or null when `text` is not an IP address.
 *
 * @example
 * ```ts
 * import { parseAddress } from "./addresses.ts";
 * console.log(parseAddress("10.0.0.1")?.value); // 167772161n
 * ```
 */
export function parseAddress(text: string): SimAddress | null {
  const trimmed = text.trim();
  const version = isIP(trimmed);
  if (version === 4) {
    const value = trimmed.split(".").reduce((sum, octet) => sum * 256n + BigInt(octet), 0n);
    return { version, value };
  }
  if (version !== 6) return null;
  // An IPv4 tail (`::ffff:10.0.0.1`) becomes its two 16-bit groups.
  const body = trimmed.toLowerCase().replace(/(\d+\.\d+\.\d+\.\d+)$/, (v4) => {
    const value = parseAddress(v4)!.value;
    return `${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  });
  const [head, rest] = body.includes("::") ? body.split("::") : [body, null];
  const parse = (part: string) => part === "" ? [] : part.split(":").map((h) => BigInt(`0x${h}`));
  const left = parse(head);
  const right = rest === null ? [] : parse(rest);
  const groups = rest === null
    ? left
    : [...left, ...Array(8 - left.length - right.length).fill(0n), ...right];
  return { version, value: groups.reduce((sum, group) => (sum << 16n) + group, 0n) };
}

/**
 * An address number as text (IPv6 in its shortest form).
 *
 * @example
 * ```ts
 * import { formatAddress } from "./addresses.ts";
 * console.log(formatAddress(4, 167772161n)); // 10.0.0.1
 * ```
 */
export function formatAddress(version: 4 | 6, value: bigint): string {
  if (version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join(".");
  }
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) =>
    (value >> shift) & 0xffffn
  );
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0n) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0n) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLength).join(":")}`;
}

/**
 * The network of `cidr` (host bits cleared), or null when it is not `<network>/<prefixlen>`.
 *
 * @example
 * ```ts
 * import { parseNetwork } from "./addresses.ts";
 * console.log(parseNetwork("10.0.0.7/24")?.first === parseNetwork("10.0.0.0/24")?.first); // true
 * ```
 */
export function parseNetwork(cidr: string): SimNetwork | null {
  const match = /^([^/\s]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) return null;
  const address = parseAddress(match[1]);
  if (!address) return null;
  const bits = Number(match[2]);
  const width = address.version === 4 ? 32 : 128;
  if (bits > width) return null;
  const size = 1n << BigInt(width - bits);
  const first = address.value - (address.value % size);
  return { version: address.version, bits, first, last: first + size - 1n };
}

/**
 * A network in CIDR notation.
 *
 * @example
 * ```ts
 * import { networkText, parseNetwork } from "./addresses.ts";
 * console.log(networkText(parseNetwork("10.0.0.7/24")!)); // "10.0.0.0/24"
 * ```
 */
export function networkText(network: SimNetwork): string {
  return `${formatAddress(network.version, network.first)}/${network.bits}`;
}

/**
 * Whether `address` is in `network`.
 *
 * @example
 * ```ts
 * import { contains, parseAddress, parseNetwork } from "./addresses.ts";
 * console.log(contains(parseNetwork("10.0.0.0/24")!, parseAddress("10.0.0.9")!)); // true
 * ```
 */
export function contains(network: SimNetwork, address: SimAddress): boolean {
  return address.version === network.version && address.value >= network.first &&
    address.value <= network.last;
}

/**
 * The first and last address of `network` hosts may use.
 *
 * @example
 * ```ts
 * import { parseNetwork, usable } from "./addresses.ts";
 * console.log(usable(parseNetwork("10.0.0.0/30")!)); // [167772161n, 167772162n]
 * ```
 */
export function usable(network: SimNetwork): [bigint, bigint] {
  if (network.version === 4 && network.bits < 31) return [network.first + 1n, network.last - 1n];
  if (network.version === 6 && network.bits < 127) return [network.first + 1n, network.last];
  return [network.first, network.last];
}

// The spellings MAAS's MAC address fields accept: colons, hyphens, dotted pairs, or none.
const MAC =
  /^([0-9a-f]{2})[:-]?([0-9a-f]{2})[:.-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:.-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})$/i;

/**
 * A MAC address as MAAS stores it (lowercase, colon-separated), or null when `text` is not one.
 *
 * @example
 * ```ts
 * import { parseMac } from "./addresses.ts";
 * console.log(parseMac("52-54-00-AA-BB-CC")); // "52:54:00:aa:bb:cc"
 * ```
 */
export function parseMac(text: string): string | null {
  const match = MAC.exec(text.trim());
  return match ? match.slice(1).join(":").toLowerCase() : null;
}
