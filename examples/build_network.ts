/**
 * Building a network: a new fabric, a tagged VLAN on it, a subnet on that VLAN (the first free
 * 10.x.y.0/24, or `SUBNET_CIDR`), and a dynamic and a reserved IP range in the subnet.
 *
 * Run against the simulator:
 *   deno task simulator --port 5240 &
 *   MAAS_URL=http://127.0.0.1:5240/MAAS/ MAAS_APIKEY=… deno run -A examples/build_network.ts
 */
import process from "node:process";
import { connect } from "../mod.ts";

const url = process.env.MAAS_URL;
const apikey = process.env.MAAS_APIKEY;
if (!url || !apikey) {
  console.error("Set MAAS_URL and MAAS_APIKEY (see the comment at the top of this file).");
  process.exit(2);
}

/** The IPv4 network of `cidr` as [first address, last address] numbers. */
function bounds(cidr: string): [number, number] {
  const [address, bits] = cidr.split("/");
  const value = address.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  const first = value - (value % size);
  return [first, first + size - 1];
}

/** A /24 in 10.0.0.0/8 that overlaps none of `taken`. */
function freeNetwork(taken: string[]): string {
  const used = taken.filter((cidr) => !cidr.includes(":")).map(bounds);
  for (let second = 0; second < 256; second++) {
    for (let third = 0; third < 256; third++) {
      const candidate = `10.${second}.${third}.0/24`;
      const [first, last] = bounds(candidate);
      if (used.every(([start, end]) => last < start || first > end)) return candidate;
    }
  }
  throw new Error("No free /24 left in 10.0.0.0/8");
}

const client = await connect(url, { apikey });
try {
  const fabric = await client.fabrics.create({ classType: "10g", description: "built by example" });
  const vlan = await client.vlans.create(fabric, { vid: 100, name: "tenant-100", mtu: 9000 });

  const cidr = process.env.SUBNET_CIDR ??
    freeNetwork((await client.subnets.list()).map((subnet) => subnet.cidr));
  const prefix = cidr.split("/")[0].split(".").slice(0, 3).join(".");
  const subnet = await client.subnets.create({
    cidr,
    vlan,
    name: `tenant-100-${prefix.replaceAll(".", "-")}`,
    gatewayIp: `${prefix}.1`,
    dnsServers: [`${prefix}.2`],
  });

  const dynamic = await client.ipRanges.create({
    type: "dynamic",
    subnet,
    startIp: `${prefix}.100`,
    endIp: `${prefix}.199`,
    comment: "DHCP pool",
  });
  const reserved = await client.ipRanges.create({
    type: "reserved",
    subnet,
    startIp: `${prefix}.2`,
    endIp: `${prefix}.9`,
    comment: "infrastructure",
  });

  const stats = await subnet.statistics();
  console.log(String(fabric));
  console.log(`  ${vlan} mtu ${vlan.mtu}`);
  console.log(
    `    ${subnet} gateway ${subnet.gatewayIp} on ${subnet.vlan?.fabric}.${subnet.vlan?.vid}`,
  );
  console.log(`      ${dynamic} (${dynamic.comment})`);
  console.log(`      ${reserved} (${reserved.comment})`);
  console.log(`      ${stats.num_available} of ${stats.total_addresses} addresses free`);
} finally {
  client.close();
}
