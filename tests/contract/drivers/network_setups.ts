// What the networking families' drivers are called on, made outside the measured requests: each
// object new, on networks of its own, so that no drive depends on another.
import type { Client, IPAddress, Subnet } from "../../../mod.ts";
import type { MaasSimulator } from "../../../lib/testing/mod.ts";
import { NodeInterfaces } from "../../../mod.ts";
import { unique } from "../support.ts";

let networks = 0;
let tags = 300;

/** A /24 of 172.20.0.0/16 no other drive uses, as its third octet. */
function nextNetwork(): number {
  return ++networks % 250;
}

export const fabric = (client: Client) => client.fabrics.create({ name: unique("contract") });
export const vlan = (client: Client) => client.vlans.create(0, { vid: ++tags });
export const space = (client: Client) => client.spaces.create({ name: unique("contract") });

export function subnet(client: Client): Promise<Subnet> {
  return client.subnets.create({ cidr: `172.20.${nextNetwork()}.0/24` });
}

export async function ipRange(client: Client) {
  const made = await subnet(client);
  const base = made.cidr.replace(/\.0\/24$/, "");
  return await client.ipRanges.create({
    type: "reserved",
    startIp: `${base}.10`,
    endIp: `${base}.20`,
    subnet: made,
  });
}

export async function staticRoute(client: Client) {
  const [source, destination] = [await subnet(client), await subnet(client)];
  return await client.staticRoutes.create({
    source,
    destination,
    gatewayIp: source.cidr.replace(/\.0\/24$/, ".1"),
  });
}

export async function ipAddress(client: Client): Promise<IPAddress> {
  return await client.ipAddresses.reserve({ subnet: await subnet(client) });
}

export async function reservedIp(client: Client) {
  const made = await subnet(client);
  return await client.reservedIps.create({
    ip: made.cidr.replace(/\.0\/24$/, ".30"),
    macAddress: `52:54:00:20:00:${(networks % 250).toString(16).padStart(2, "0")}`,
  });
}

export function fanNetwork(client: Client) {
  const n = nextNetwork();
  return client.fanNetworks.create({
    name: unique("contract"),
    overlay: `${n}.0.0.0/8`,
    underlay: `192.${n}.0.0/16`,
  });
}

export const network = (client: Client) => client.networks.get(1);

/** An interface of the rack controller `rk9x2m` (MAAS refuses most changes of it: a 403 is sent). */
export async function iface(client: Client) {
  return (await new NodeInterfaces(client, "rk9x2m").list())[0];
}

/** The rack controller's static link. */
export async function link(client: Client) {
  return (await iface(client)).links[0];
}

/** A discovery, seen again if every one was cleared. */
export async function discovery(client: Client, sim: MaasSimulator) {
  sim.state.discoveries.sightings.push({
    ip: `10.20.4.${nextNetwork()}`,
    mac: "52:54:00:44:00:01",
    hostname: null,
    fabricId: 0,
    vid: 0,
    observerId: "4y3h7n",
    interfaceId: 1,
    interfaceName: "eth0",
    organization: null,
    lastSeen: new Date(),
  });
  return (await client.discoveries.list())[0];
}
