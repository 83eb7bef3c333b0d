/**
 * Reserved IPs (`reservedips/`, `reservedips/{id}/`; MAAS 3.7 and later): addresses MAAS's DHCP
 * gives only to one MAC address. Anyone may list them; administrators make, change and delete
 * them. Only the comment of one can change: its address, MAC address and subnet stay.
 *
 * @module
 */

import type { SimSubnet } from "../../inventory.ts";
import { charField, FormErrors, overridden } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import { contains, parseAddress, parseMac, parseNetwork } from "./addresses.ts";
import { INVALID_CHOICE, INVALID_IP } from "./forms.ts";
import type { SimReservedIp } from "./model.ts";
import { reservedIpJson } from "./render.ts";
import { dynamicRangeHolding, findSubnet, nodeLinks, subnetForAddress } from "./usage.ts";

const REQUIRED = "This field is required.";

/** ReservedIPForm: create (`current` null) or change the comment of a reserved IP. */
function saveReservedIp(ctx: AuthContext, current: SimReservedIp | null): SimReservedIp {
  const { state } = ctx;
  const networking = state.networking;
  const data = current
    ? overridden(ctx.data, {
      ip: current.ip,
      mac_address: current.macAddress,
      subnet: String(current.subnetId),
      comment: current.comment,
    })
    : ctx.data;
  const errors = new FormErrors();
  const ipGiven = (data.get("ip") ?? "").trim();
  let ip: string | null = null;
  if (ipGiven === "") errors.add("ip", REQUIRED);
  else if (!parseAddress(ipGiven)) errors.add("ip", INVALID_IP);
  else ip = ipGiven;
  const macGiven = (data.get("mac_address") ?? "").trim();
  let mac: string | null = null;
  if (macGiven === "") errors.add("mac_address", REQUIRED);
  else {
    mac = parseMac(macGiven);
    if (!mac) errors.add("mac_address", `'${macGiven}' is not a valid MAC address.`);
  }
  let subnet: SimSubnet | undefined;
  const subnetGiven = (data.get("subnet") ?? "").trim();
  if (subnetGiven !== "") {
    subnet = findSubnet(state, subnetGiven);
    if (!subnet) errors.add("subnet", INVALID_CHOICE);
  }
  const comment = charField(data, "comment", errors);
  if (current && !errors.count) {
    const sameSubnet = subnet?.id === current.subnetId;
    if (ip !== current.ip || mac !== current.macAddress || !sameSubnet) {
      throw ReplyError.invalid({
        __all__: [
          "The ip, mac_address and the subnet of a reserved ip are immutable. Please delete " +
          "the entry and recreate it.",
        ],
      });
    }
  }
  if (ip !== null && !errors.has("subnet")) {
    subnet ??= subnetForAddress(state, ip);
    if (!subnet) {
      errors.add(
        "subnet",
        `Could not find a sutable subnet for ${ip}. Please create the subnet first.`,
      );
    } else {
      const network = parseNetwork(subnet.cidr)!;
      const address = parseAddress(ip)!;
      if (!contains(network, address)) {
        errors.add("ip", "The provided IP is not part of the subnet.");
      }
      if (address.value === network.first) {
        errors.add("ip", "The network address cannot be a reserved IP.");
      }
      if (network.version === 4 && address.value === network.last) {
        errors.add("ip", "The broadcast address cannot be a reserved IP.");
      }
    }
    // An address a node holds may be reserved for that node's own MAC address only.
    const holder = [...nodeLinks(state)].find(({ link }) =>
      link.ipAddress !== null && parseAddress(link.ipAddress)?.value === parseAddress(ip!)!.value
    );
    if (
      holder &&
      !state.interfaces.of(holder.node.data.system_id).list.some((nic) => nic.macAddress === mac)
    ) {
      errors.add("ip", `The ip ${ip} is already in use by another machine.`);
    }
  }
  errors.throwIfAny();
  const dynamic = dynamicRangeHolding(state, subnet!, ip!);
  if (dynamic) {
    throw ReplyError.invalid({
      ip: [
        `The ip ${ip} must be outside the dynamic range ${dynamic.startIp} - ${dynamic.endIp}.`,
      ],
    });
  }
  const others = [...networking.reservedIps.values()].filter((other) => other !== current);
  if (others.some((other) => parseAddress(other.ip)?.value === parseAddress(ip!)!.value)) {
    throw ReplyError.invalid({ ip: ["Reserved ip with this Ip already exists."] });
  }
  const vlanId = subnet!.vlanId;
  if (
    others.some((other) =>
      other.macAddress === mac && networking.subnet(other.subnetId)?.vlanId === vlanId
    )
  ) {
    throw ReplyError.invalid({
      __all__: ["Reserved ip with this Mac address and Vlan already exists."],
    });
  }
  const reserved = current ??
    {
      id: networking.nextId("reservedip"),
      ip: ip!,
      subnetId: subnet!.id,
      macAddress: mac!,
      comment,
    };
  reserved.comment = comment;
  if (!current) networking.reservedIps.set(reserved.id, reserved);
  return reserved;
}

/**
 * Register `reservedips/` and `reservedips/{id}/` (on the lines that have them).
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerReservedIps } from "./reserved_ips.ts";
 * registerReservedIps(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerReservedIps(table: RouteTable): void {
  const reservedOf = (ctx: AuthContext) => {
    const reserved = /^\d+$/.test(ctx.params.id)
      ? ctx.state.networking.reservedIps.get(Number(ctx.params.id))
      : undefined;
    if (!reserved) throw ReplyError.notFound("ReservedIP");
    return reserved;
  };
  table.resource({
    path: "reservedips/",
    auth: {
      name: "ReservedIpsHandler",
      doc: "Reserved IPs: addresses MAAS's DHCP gives only to one MAC address.",
      actions: {
        "GET read": {
          doc: "List every reserved IP.",
          run: ({ state }) =>
            json(
              [...state.networking.reservedIps.values()].map((reserved) =>
                reservedIpJson(state, reserved)
              ),
            ),
        },
        "POST create": {
          doc: "Reserve an address for a MAC address (administrators only).\n\n" +
            ":param ip: Required. The address, outside the subnet's dynamic ranges.\n" +
            ":param subnet: Optional. The address's subnet (found from the address when left " +
            "out).\n" +
            ":param mac_address: Required. The MAC address the address is for.\n" +
            ":param comment: Optional. What the reservation is for.",
          run: (ctx) => {
            ctx.requireAdmin();
            return json(reservedIpJson(ctx.state, saveReservedIp(ctx, null)));
          },
        },
      },
    },
  });
  table.resource({
    path: "reservedips/{id}/",
    auth: {
      name: "ReservedIpHandler",
      doc: "One reserved IP.",
      actions: {
        "GET read": {
          doc: "Read a reserved IP.",
          run: (ctx) => json(reservedIpJson(ctx.state, reservedOf(ctx))),
        },
        "PUT update": {
          doc: "Change a reserved IP's comment (administrators only); its address, MAC address " +
            "and subnet cannot change.\n\n" +
            ":param comment: Optional. What the reservation is for.",
          run: (ctx) => {
            const reserved = reservedOf(ctx);
            ctx.requireAdmin();
            return json(reservedIpJson(ctx.state, saveReservedIp(ctx, reserved)));
          },
        },
        "DELETE delete": {
          doc: "Delete a reserved IP (administrators only).",
          run: (ctx) => {
            const reserved = reservedOf(ctx);
            ctx.requireAdmin();
            ctx.state.networking.reservedIps.delete(reserved.id);
            return deleted();
          },
        },
      },
    },
  });
}
