/**
 * IP addresses (`ipaddresses/`): users reserve addresses for use outside MAAS (a free one of a
 * subnet, or a given one), list and release them; administrators also see the addresses nodes
 * hold. A user's reservation is the DNS family's static address (`state.dns.addresses`), as MAAS
 * keeps both in one table; a hostname given makes a DNS resource of it.
 *
 * @module
 */

import { defaultDomain, type SimSubnet } from "../../inventory.ts";
import { FormErrors, missingParam, stringBool } from "../../maas_forms.ts";
import { deleted, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimStaticAddress } from "../dns/model.ts";
import type { SimInterface, SimLink } from "../interfaces/model.ts";
import { interfaceJson } from "../interfaces/render.ts";
import type { SimMachine } from "../nodes/model.ts";
import { userJson } from "../users/render.ts";
import { parseAddress } from "./addresses.ts";
import { INVALID_IP } from "./forms.ts";
import { ALLOC_TYPE_NAMES, staticAddressJson, subnetJson } from "./render.ts";
import {
  addressTaken,
  allocTypeOfLink,
  dynamicRangeHolding,
  findSubnet,
  freeAddress,
  nodeLinks,
  staticAddressProblem,
  subnetForAddress,
} from "./usage.ts";

function nodeAddressJson(
  state: SimulatorState,
  node: SimMachine,
  nic: SimInterface,
  link: SimLink,
): Record<string, unknown> {
  const allocType = allocTypeOfLink(link);
  const owner = typeof node.data.owner === "string" ? state.users.get(node.data.owner) : undefined;
  const subnet = state.networking.subnet(link.subnetId);
  return state.line.shape("IPAddressesHandler", {
    alloc_type: allocType,
    alloc_type_name: ALLOC_TYPE_NAMES[allocType],
    created: typeof node.data.created === "string" ? node.data.created : "",
    ip: link.ipAddress,
    owner: owner ? userJson(state.line, owner) : null,
    interface_set: [interfaceJson(state, nic, state.interfaces.of(node.data.system_id).list)],
    subnet: subnet ? subnetJson(state, subnet) : null,
    resource_uri: "/MAAS/api/2.0/ipaddresses/",
  });
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
  const sameIp = (other: string | null) =>
    ip === undefined ||
    (other !== null && parseAddress(other)?.value === parseAddress(ip)!.value);
  const answer: { id: number; json: Record<string, unknown> }[] = [];
  for (const address of state.dns.addresses.values()) {
    if (!sameIp(address.ip)) continue;
    if (wantedOwner !== undefined && address.username !== wantedOwner) continue;
    answer.push({ id: address.id, json: staticAddressJson(state, address) });
  }
  if (all) {
    for (const { node, nic, link } of nodeLinks(state)) {
      if (link.ipAddress === null || !sameIp(link.ipAddress)) continue;
      if (wantedOwner !== undefined && node.data.owner !== wantedOwner) continue;
      answer.push({ id: link.id, json: nodeAddressJson(state, node, nic, link) });
    }
  }
  return json(answer.sort((a, b) => a.id - b.id).map((item) => item.json));
}

function reserveAddress(ctx: AuthContext): Reply {
  const { state, form, user } = ctx;
  const dns = state.dns;
  const subnetGiven = form.get("subnet");
  let ip = form.get("ip") ?? form.get("ip_address");
  const hostname = form.get("hostname");
  const mac = form.get("mac");
  const errors = new FormErrors();
  if (ip !== undefined && !parseAddress(ip)) errors.add("ip_address", INVALID_IP);
  if (mac !== undefined && mac !== "" && !/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(mac.trim())) {
    errors.add("mac", `'${mac}' is not a valid MAC address.`);
  }
  errors.throwIfAny();
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
  if (ip !== undefined && dynamicRangeHolding(state, subnet, ip)) {
    throw ReplyError.forbidden(
      `IP address ${ip} belongs to an existing dynamic range. To reserve this IP address, a ` +
        "MAC address is required. (Create a device instead.)",
    );
  }
  let domainId = defaultDomain(state.site).id;
  let label = hostname;
  if (hostname !== undefined && hostname.indexOf(".") > 0) {
    const dot = hostname.indexOf(".");
    const domain = state.site.domains.find((candidate) =>
      candidate.name === hostname.slice(dot + 1)
    );
    if (!domain) throw ReplyError.notFound("Domain");
    domainId = domain.id;
    label = hostname.slice(0, dot);
  }
  const normalMac = mac ? mac.trim().toLowerCase().replaceAll("-", ":") : undefined;
  if (normalMac) {
    for (const node of state.everyNode()) {
      if (
        state.interfaces.of(node.data.system_id).list.some((nic) => nic.macAddress === normalMac)
      ) {
        throw ReplyError.badRequest(
          `MAC address ${normalMac} already belongs to ${node.data.hostname}. Use of the ` +
            "interface API is required, for an interface that belongs to a node.",
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
  if (normalMac) state.networking.reservedMacs.set(address.id, normalMac);
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
  return json(staticAddressJson(state, address));
}

function releaseAddress(ctx: AuthContext): Reply {
  const { state, form, user } = ctx;
  // MAAS still reads the parameter's older name.
  const ip = form.get("ip") ?? form.get("address");
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
    for (const { node, link } of nodeLinks(state)) {
      if (link.ipAddress === null || parseAddress(link.ipAddress)?.value !== value) continue;
      for (const nic of state.interfaces.of(node.data.system_id).list) {
        nic.links = nic.links.filter((each) => each.id !== link.id);
      }
      return deleted();
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

/**
 * Register `ipaddresses/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerIPAddresses } from "./ip_addresses.ts";
 * registerIPAddresses(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerIPAddresses(table: RouteTable): void {
  table.resource({
    path: "ipaddresses/",
    auth: {
      name: "IPAddressesHandler",
      doc: "Addresses reserved by users, and those MAAS gave to nodes.",
      actions: {
        "GET read": {
          doc: "List the caller's reservations.\n\n" +
            ":param ip: Optional. Only this address.\n" +
            ":param all: Optional. Every address, nodes' too (administrators only).\n" +
            ":param owner: Optional. Another user's reservations (administrators only).",
          run: listAddresses,
        },
        "POST reserve": {
          doc: "Reserve an address for use outside MAAS.\n\n" +
            ":param subnet: Optional. The subnet (id or specifier) to take a free address " +
            "from.\n" +
            ":param ip: Optional. The address to reserve.\n" +
            ":param ip_address: Optional. The older name of ip.\n" +
            ":param hostname: Optional. A DNS name for the address, with or without a domain.\n" +
            ":param mac: Optional. The MAC address the reservation is for.",
          run: reserveAddress,
        },
        "POST release": {
          doc: "Release a reserved address.\n\n" +
            ":param ip: Required. The address.\n" +
            ":param force: Optional. Release any address, a node's too (administrators only).\n" +
            ":param discovered: Optional. Release a discovered address.",
          run: releaseAddress,
        },
      },
    },
  });
}
