/**
 * IP ranges (`ipranges/`, `ipranges/{id}/`): dynamic ranges MAAS's DHCP hands out, and reserved
 * ones MAAS never uses. Anyone may make a reserved range; dynamic ones are administrators'. A
 * range is changed or deleted by its owner or an administrator.
 *
 * @module
 */

import { FormErrors } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import { contains, networkText, parseAddress, parseNetwork } from "./addresses.ts";
import { INVALID_CHOICE, INVALID_IP } from "./forms.ts";
import type { SimIPRange } from "./model.ts";
import { ipRangeJson } from "./render.ts";
import { findSubnet, spanOfRange, subnetForAddress, usedAddresses } from "./usage.ts";

const REQUIRED = "This field is required.";

/** IPRangeForm and IPRange.clean: create (`current` null) or change a range. */
function saveRange(ctx: AuthContext, current: SimIPRange | null): SimIPRange {
  const { state, data, user } = ctx;
  const networking = state.networking;
  const errors = new FormErrors();
  let type = current?.type;
  if (data.has("type") || !current) {
    const given = (data.get("type") ?? "").trim();
    if (given === "") errors.add("type", REQUIRED);
    else if (given !== "dynamic" && given !== "reserved") {
      errors.add("type", `Select a valid choice. ${given} is not one of the available choices.`);
    } else type = given;
  }
  const address = (field: "start_ip" | "end_ip", fallback: string | undefined) => {
    if (!data.has(field) && current) return fallback;
    const given = (data.get(field) ?? "").trim();
    if (given === "") errors.add(field, REQUIRED);
    else if (!parseAddress(given)) errors.add(field, INVALID_IP);
    else return given;
    return undefined;
  };
  const startIp = address("start_ip", current?.startIp);
  const endIp = address("end_ip", current?.endIp);
  let subnet = current ? networking.subnet(current.subnetId) : undefined;
  const subnetGiven = (data.get("subnet") ?? "").trim();
  if (subnetGiven !== "") {
    subnet = findSubnet(state, subnetGiven);
    if (!subnet) errors.add("subnet", INVALID_CHOICE);
  } else if (!current) {
    subnet = startIp ? subnetForAddress(state, startIp) : undefined;
    if (!subnet) errors.add("subnet", REQUIRED);
  }
  let owner = current?.username ?? user.username;
  if (data.has("user") && data.get("user") !== "") {
    const given = data.get("user")!;
    if (!state.users.get(given)) errors.add("user", INVALID_CHOICE);
    else owner = given;
  }
  errors.throwIfAny();

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
  // A reserved range may hold addresses in use but no other range; a dynamic one neither.
  const rangeClash = networking.rangesOf(subnet!.id).some((range) => {
    if (range === current) return false;
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
    id: networking.nextId("iprange"),
    type: type!,
    startIp: startIp!,
    endIp: endIp!,
    subnetId: subnet!.id,
    comment: "",
    username: owner,
  };
  range.type = type!;
  range.startIp = startIp!;
  range.endIp = endIp!;
  range.subnetId = subnet!.id;
  range.username = owner;
  if (data.has("comment")) range.comment = data.get("comment") ?? "";
  if (!current) networking.ipRanges.set(range.id, range);
  return range;
}

function requireOwner(ctx: AuthContext, range: SimIPRange): void {
  if (!ctx.user.isSuperuser && range.username !== ctx.user.username) {
    throw ReplyError.forbidden("Unable to modify IP range. You don't own the IP range.");
  }
}

/**
 * Register `ipranges/` and `ipranges/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerIPRanges } from "./ip_ranges.ts";
 * registerIPRanges(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerIPRanges(table: RouteTable): void {
  const rangeOf = (ctx: AuthContext) => {
    const range = /^\d+$/.test(ctx.params.id)
      ? ctx.state.networking.ipRanges.get(Number(ctx.params.id))
      : undefined;
    if (!range) throw ReplyError.notFound("IPRange");
    return range;
  };
  const params = ":param start_ip: Optional. The first address of the range.\n" +
    ":param end_ip: Optional. The last address of the range.\n" +
    ":param comment: Optional. What the range is for.";
  table.resource({
    path: "ipranges/",
    auth: {
      name: "IPRangesHandler",
      doc: "The IP ranges of the subnets.",
      actions: {
        "GET read": {
          doc: "List every IP range.",
          run: ({ state }) =>
            json([...state.networking.ipRanges.values()].map((range) => ipRangeJson(state, range))),
        },
        "POST create": {
          doc: "Create an IP range; dynamic ones are administrators' only.\n\n" +
            ":param type: Required. `dynamic` (handed out by MAAS's DHCP) or `reserved` (never " +
            "used by MAAS).\n" +
            ":param start_ip: Required. The first address of the range.\n" +
            ":param end_ip: Required. The last address of the range.\n" +
            ":param subnet: Optional. The range's subnet, by id or specifier (found from start_ip " +
            "when left out).\n" +
            ":param comment: Optional. What the range is for.",
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
      doc: "One IP range.",
      actions: {
        "GET read": {
          doc: "Read an IP range.",
          run: (ctx) => json(ipRangeJson(ctx.state, rangeOf(ctx))),
        },
        "PUT update": {
          doc: "Change an IP range (its owner or an administrator); what is left out stays.\n\n" +
            params,
          run: (ctx) => {
            const range = rangeOf(ctx);
            requireOwner(ctx, range);
            return json(ipRangeJson(ctx.state, saveRange(ctx, range)));
          },
        },
        "DELETE delete": {
          doc: "Delete an IP range (its owner or an administrator).",
          run: (ctx) => {
            const range = rangeOf(ctx);
            requireOwner(ctx, range);
            ctx.state.networking.ipRanges.delete(range.id);
            return deleted();
          },
        },
      },
    },
  });
}
