/**
 * Fan networks (`fannetworks/`, `fannetworks/{id}/`; MAAS 2.9 and 3.0): an overlay network
 * mapped onto an underlay one, for containers. Administrators make, change and delete them.
 *
 * @module
 */

import { FormErrors, integerField, nullBooleanField, overridden } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import { networkText, parseNetwork, type SimNetwork } from "./addresses.ts";
import { requireGlobalEdit } from "./forms.ts";
import type { SimFanNetwork } from "./model.ts";
import { fanNetworkJson } from "./render.ts";

const REQUIRED = "This field is required.";
// Django's MODEL_NAME_VALIDATOR, `^\w[ \w-]*$`, with Python's Unicode `\w`.
const MODEL_NAME = /^[\p{L}\p{N}_][ \p{L}\p{N}_-]*$/u;
const BRIDGE_NAME = /^[\w-]+$/;

/** MAAS's `IPv4CIDRField`: an IPv4 network, or its words for what is not one. */
function ipv4Network(
  data: { get(name: string): string | undefined },
  field: string,
  errors: FormErrors,
): SimNetwork | null {
  const given = (data.get(field) ?? "").trim();
  if (given === "") {
    errors.add(field, REQUIRED);
    return null;
  }
  const network = parseNetwork(given.includes("/") ? given : `${given}/32`);
  if (!network) errors.add(field, `Invalid network: ${given}`);
  else if (network.version !== 4) errors.add(field, `${given}: Only IPv4 networks supported.`);
  else return network;
  return null;
}

/** FanNetworkForm and FanNetwork.clean: create (`current` null) or change a fan network. */
function saveFan(ctx: AuthContext, current: SimFanNetwork | null): SimFanNetwork {
  const networking = ctx.state.networking;
  const text = (value: boolean | number | null) => value === null ? null : String(value);
  const data = current
    ? overridden(ctx.data, {
      name: current.name,
      overlay: current.overlay,
      underlay: current.underlay,
      dhcp: text(current.dhcp),
      host_reserve: text(current.hostReserve),
      bridge: current.bridge,
      off: text(current.off),
    })
    : ctx.data;
  const errors = new FormErrors();
  const others = [...networking.fanNetworks.values()].filter((fan) => fan !== current);
  const name = (data.get("name") ?? "").trim();
  if (name === "") errors.add("name", REQUIRED);
  else if (name.length > 256 || !MODEL_NAME.test(name)) errors.add("name", "Enter a valid value.");
  else if (others.some((fan) => fan.name === name)) {
    errors.add("name", "Fan Network with this Name already exists.");
  }
  const overlay = ipv4Network(data, "overlay", errors);
  const underlay = ipv4Network(data, "underlay", errors);
  for (const [field, network] of [["overlay", overlay], ["underlay", underlay]] as const) {
    if (network && others.some((fan) => fan[field] === networkText(network))) {
      errors.add(
        field,
        `Fan Network with this ${field[0].toUpperCase()}${field.slice(1)} already exists.`,
      );
    }
  }
  const dhcp = data.has("dhcp") ? nullBooleanField(data, "dhcp") : null;
  const hostReserve = data.has("host_reserve")
    ? integerField(data, "host_reserve", errors, { min: 0 })
    : 1;
  const bridge = (data.get("bridge") ?? "").trim() || null;
  if (bridge !== null && (bridge.length > 255 || !BRIDGE_NAME.test(bridge))) {
    errors.add("bridge", "Enter a valid value.");
  }
  const off = data.has("off") ? nullBooleanField(data, "off") : false;
  errors.throwIfAny();
  // FanNetwork.clean: the overlay must have room for the underlay's hosts, and not contain it.
  const slice = underlay!.bits - overlay!.bits;
  if (slice <= 2) {
    throw ReplyError.invalid({ overlay: ["Overlay network is too small for underlay."] });
  }
  if (slice >= 30) {
    throw ReplyError.invalid({ overlay: ["Overlay network is too big for underlay."] });
  }
  if (underlay!.first >= overlay!.first && underlay!.last <= overlay!.last) {
    throw ReplyError.invalid({ overlay: ["Overlay network contains underlay network."] });
  }
  if (hostReserve !== null && hostReserve < 1) {
    throw ReplyError.invalid({ host_reserve: ["Minimum value is 1"] });
  }
  if (hostReserve !== null && hostReserve > (1 << slice) - 6) {
    throw ReplyError.invalid({ host_reserve: ["Value is too large for the overlay network."] });
  }
  const fan = current ?? {
    id: networking.nextId("fannetwork"),
    name,
    underlay: "",
    overlay: "",
    dhcp: null,
    hostReserve: 1,
    bridge: null,
    off: false,
  };
  Object.assign(fan, {
    name,
    overlay: networkText(overlay!),
    underlay: networkText(underlay!),
    dhcp,
    hostReserve,
    bridge,
    off,
  });
  if (!current) networking.fanNetworks.set(fan.id, fan);
  return fan;
}

/**
 * Register `fannetworks/` and `fannetworks/{id}/` (on the lines that have them).
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerFanNetworks } from "./fan_networks.ts";
 * registerFanNetworks(new RouteTable(MaasLine.get("3.0")));
 * ```
 */
export function registerFanNetworks(table: RouteTable): void {
  const fanOf = (ctx: AuthContext) => {
    const fan = /^\d+$/.test(ctx.params.id)
      ? ctx.state.networking.fanNetworks.get(Number(ctx.params.id))
      : undefined;
    if (!fan) throw ReplyError.notFound("FanNetwork");
    return fan;
  };
  const params = (flag: string) =>
    `:param name: ${flag}. The fan network's name.\n` +
    `:param overlay: ${flag}. The overlay network (IPv4, such as 250.0.0.0/8).\n` +
    `:param underlay: ${flag}. The underlay network the hosts are on (IPv4).\n` +
    ":param dhcp: Optional. Serve DHCP on the fan.\n" +
    ":param host_reserve: Optional. Overlay addresses kept back on each host (1 by default).\n" +
    ":param bridge: Optional. The name of the bridge hosts make for the fan.\n" +
    ":param off: Optional. Write the configuration but leave the fan off.";
  table.resource({
    path: "fannetworks/",
    auth: {
      name: "FanNetworksHandler",
      doc: "The fan networks.",
      actions: {
        "GET read": {
          doc: "List every fan network.",
          run: ({ state }) =>
            json(
              [...state.networking.fanNetworks.values()].map((fan) => fanNetworkJson(state, fan)),
            ),
        },
        "POST create": {
          doc: "Create a fan network (administrators only).\n\n" + params("Required"),
          run: (ctx) => {
            requireGlobalEdit(ctx);
            return json(fanNetworkJson(ctx.state, saveFan(ctx, null)));
          },
        },
      },
    },
  });
  table.resource({
    path: "fannetworks/{id}/",
    auth: {
      name: "FanNetworkHandler",
      doc: "One fan network.",
      actions: {
        "GET read": {
          doc: "Read a fan network.",
          run: (ctx) => json(fanNetworkJson(ctx.state, fanOf(ctx))),
        },
        "PUT update": {
          doc: "Change a fan network (administrators only); what is left out stays.\n\n" +
            params("Optional"),
          run: (ctx) => {
            const fan = fanOf(ctx);
            requireGlobalEdit(ctx);
            return json(fanNetworkJson(ctx.state, saveFan(ctx, fan)));
          },
        },
        "DELETE delete": {
          doc: "Delete a fan network (administrators only).",
          run: (ctx) => {
            const fan = fanOf(ctx);
            requireGlobalEdit(ctx);
            ctx.state.networking.fanNetworks.delete(fan.id);
            return deleted();
          },
        },
      },
    },
  });
}
