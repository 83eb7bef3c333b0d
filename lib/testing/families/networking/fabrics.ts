/**
 * Fabrics (`fabrics/`, `fabrics/{id}/`) and their VLANs (`fabrics/{fabric_id}/vlans/`,
 * `fabrics/{fabric_id}/vlans/{vid}/`, and `vlans/{vlan_id}/`, where a VLAN's `resource_uri`
 * points). A new fabric gets an untagged VLAN; a fabric's oldest VLAN is its default one.
 *
 * @module
 */

import type { SimVlan } from "../../inventory.ts";
import { booleanField, FormErrors } from "../../maas_forms.ts";
import { deleted, json, ReplyError, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import {
  fabricBySpecifier,
  findFabric,
  findSpace,
  INVALID_CHOICE,
  isRackController,
  nameField,
  requireGlobalEdit,
  sentInteger,
  vlanOfFabric,
} from "./forms.ts";
import { newVlan, type SimFabric, UNDEFINED_SPACE } from "./model.ts";
import { fabricJson, vlanJson } from "./render.ts";

const REQUIRED = "This field is required.";

function saveFabric(ctx: AuthContext, current: SimFabric | null): SimFabric {
  const { state, data } = ctx;
  const networking = state.networking;
  let name = nameField(data, "fabric", current, networking.fabrics.values());
  const fabric = current ??
    { id: networking.nextId("fabric"), name: "", classType: null, description: "" };
  if (name === "") name = `fabric-${fabric.id}`;
  fabric.name = name;
  if (data.has("class_type")) fabric.classType = data.get("class_type") || null;
  if (data.has("description")) fabric.description = data.get("description") ?? "";
  if (!current) {
    networking.fabrics.set(fabric.id, fabric);
    networking.addVlan(
      newVlan({
        id: networking.nextId("vlan"),
        name: "untagged",
        vid: 0,
        fabricId: fabric.id,
        fabric: fabric.name,
      }),
    );
  } else {
    networking.renameFabric(fabric);
  }
  return fabric;
}

function deleteFabric(state: SimulatorState, fabric: SimFabric): void {
  if (fabric.id === 0) {
    throw ReplyError.badRequest("This fabric is the default fabric, it cannot be deleted.");
  }
  const networking = state.networking;
  const vlanIds = new Set(networking.vlansOf(fabric.id).map((vlan) => vlan.id));
  const subnets = networking.subnets.filter((subnet) => vlanIds.has(subnet.vlanId));
  if (subnets.length > 0) {
    const cidrs = subnets.map((subnet) => subnet.cidr).sort();
    throw ReplyError.badRequest(
      `Can't delete fabric; the following subnets are still present: ${cidrs.join(", ")}`,
    );
  }
  const connected: string[] = [];
  for (const node of state.everyNode()) {
    for (const nic of state.interfaces.of(node.data.system_id).list) {
      if (nic.vlanId !== null && vlanIds.has(nic.vlanId)) {
        connected.push(`${nic.name} (${nic.type}) on ${node.data.hostname}`);
      }
    }
  }
  if (connected.length > 0) {
    throw ReplyError.badRequest(
      `Can't delete fabric; the following interfaces are still connected: ${connected.join(", ")}`,
    );
  }
  networking.fabrics.delete(fabric.id);
  networking.removeVlans(vlanIds);
}

/** VLANForm: create (`current` null) or update a VLAN of `fabric`. */
function saveVlan(ctx: AuthContext, fabric: SimFabric, current: SimVlan | null): SimVlan {
  const { state, data } = ctx;
  const networking = state.networking;
  const errors = new FormErrors();

  let vid = current?.vid;
  if (data.has("vid") || !current) {
    const given = data.get("vid");
    if (given === undefined || given.trim() === "") errors.add("vid", REQUIRED);
    else {
      const number = sentInteger(data, "vid", errors);
      if (typeof number === "number") {
        if (number < 0 || number > 4094) errors.add("vid", "VID must be between 0 and 4094.");
        else vid = number;
      }
    }
  }
  let mtu = current?.mtu ?? 1500;
  const givenMtu = sentInteger(data, "mtu", errors, { min: 552 });
  if (typeof givenMtu === "number") {
    if (givenMtu > 65535) errors.add("mtu", "MTU must be between 552 and 65535.");
    else mtu = givenMtu;
  }
  let target = fabric;
  if (data.has("fabric") && data.get("fabric") !== "") {
    const found = findFabric(state, data.get("fabric")!);
    if (found) target = found;
    else errors.add("fabric", INVALID_CHOICE);
  }
  let space = current?.space ?? UNDEFINED_SPACE;
  if (data.has("space")) {
    const given = (data.get("space") ?? "").trim();
    if (given === "" || given === UNDEFINED_SPACE) space = UNDEFINED_SPACE;
    else {
      const found = findSpace(state, given);
      if (found) space = found.name;
      else errors.add("space", INVALID_CHOICE);
    }
  }
  let primary = current?.primaryRack ?? null;
  let secondary = current?.secondaryRack ?? null;
  for (const field of ["primary_rack", "secondary_rack"] as const) {
    if (!data.has(field)) continue;
    const given = (data.get(field) ?? "").trim();
    if (given !== "" && !isRackController(state, given)) errors.add(field, INVALID_CHOICE);
    else if (field === "primary_rack") primary = given || null;
    else secondary = given || null;
  }
  let relayVlanId = current?.relayVlanId ?? null;
  if (data.has("relay_vlan")) {
    const given = (data.get("relay_vlan") ?? "").trim();
    if (given === "") relayVlanId = null;
    else {
      // MAAS offers the VLANs that relay nowhere themselves, none while this one serves DHCP.
      const choices = current?.dhcpOn
        ? (current.relayVlanId !== null ? [current.relayVlanId] : [])
        : networking.vlans
          .filter((vlan) => vlan !== current && vlan.relayVlanId === null)
          .map((vlan) => vlan.id);
      if (!/^\d+$/.test(given) || !choices.includes(Number(given))) {
        errors.add("relay_vlan", INVALID_CHOICE);
      } else relayVlanId = Number(given);
    }
  }
  let dhcpOn = current?.dhcpOn ?? false;
  if (data.has("dhcp_on")) {
    dhcpOn = booleanField(data, "dhcp_on");
    const hasDynamic = current !== null &&
      networking.subnetsOf(current.id).some((subnet) =>
        networking.rangesOf(subnet.id).some((range) => range.type === "dynamic")
      );
    if (dhcpOn && !hasDynamic) {
      errors.add("dhcp_on", "dhcp can only be turned on when a dynamic IP range is defined.");
    }
  }
  errors.throwIfAny();

  // VLANForm.clean: the secondary takes over when the primary goes, and the two stay apart.
  if (!primary && current?.secondaryRack) {
    primary = current.secondaryRack;
    secondary = null;
  }
  if (primary && primary === current?.secondaryRack) secondary = null;
  const all: string[] = [];
  if (
    secondary && current?.primaryRack && secondary === current.primaryRack && secondary !== primary
  ) {
    all.push(`${secondary} is already set as the primary rack controller`);
  } else if (primary && secondary && primary === secondary) {
    all.push("The primary and secondary rack must be different");
  }
  if (dhcpOn && !primary) {
    all.push("dhcp can only be turned on when a primary rack controller is set.");
  }
  if (
    networking.vlans.some((vlan) =>
      vlan !== current && vlan.fabricId === target.id && vlan.vid === vid
    )
  ) {
    all.push("A VLAN with the specified VID already exists in the destination fabric.");
  }
  if (all.length > 0) throw ReplyError.invalid({ __all__: all });
  const vlan = current ??
    newVlan({ id: networking.nextId("vlan"), vid: vid!, fabricId: target.id, fabric: target.name });
  vlan.name = data.has("name") ? (data.get("name") ?? "").trim() : current?.name ?? "";
  vlan.vid = vid!;
  vlan.fabricId = target.id;
  vlan.fabric = target.name;
  vlan.mtu = mtu;
  vlan.dhcpOn = dhcpOn;
  vlan.space = space;
  if (data.has("description")) vlan.description = data.get("description") ?? "";
  vlan.primaryRack = primary;
  vlan.secondaryRack = secondary;
  vlan.relayVlanId = dhcpOn ? null : relayVlanId;
  if (!current) networking.addVlan(vlan);
  return vlan;
}

/**
 * Deletes a VLAN that is not its fabric's default: VLAN interfaces on it go, other interfaces and
 * its subnets move to the fabric's default VLAN.
 */
function deleteVlan(state: SimulatorState, vlan: SimVlan): void {
  const networking = state.networking;
  const fallback = networking.defaultVlanOf(vlan.fabricId);
  if (fallback === vlan || !fallback) {
    throw ReplyError.badRequest(
      "This VLAN is the default VLAN in the fabric, it cannot be deleted.",
    );
  }
  for (const node of state.everyNode()) {
    const set = state.interfaces.of(node.data.system_id);
    const gone = new Set(
      set.list.filter((nic) => nic.type === "vlan" && nic.vlanId === vlan.id).map((nic) => nic.id),
    );
    set.list = set.list.filter((nic) => !gone.has(nic.id));
    for (const nic of set.list) {
      nic.parentIds = nic.parentIds.filter((id) => !gone.has(id));
      if (nic.vlanId === vlan.id) nic.vlanId = fallback.id;
    }
  }
  for (const subnet of networking.subnetsOf(vlan.id)) subnet.vlanId = fallback.id;
  networking.removeVlans(new Set([vlan.id]));
}

/**
 * Register `fabrics/`, `fabrics/{id}/`, the VLANs of a fabric and `vlans/{vlan_id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerFabrics } from "./fabrics.ts";
 * registerFabrics(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerFabrics(table: RouteTable): void {
  const fabricParams = ":param name: Optional. The fabric's name (`fabric-N` when left out).\n" +
    ":param description: Optional. What the fabric is.\n" +
    ":param class_type: Optional. A class of the fabric's links, such as 10g.";
  table.resource({
    path: "fabrics/",
    auth: {
      name: "FabricsHandler",
      doc: "The fabrics: sets of VLANs that reach each other.",
      actions: {
        "GET read": {
          doc: "List every fabric with its VLANs.",
          run: ({ state }) =>
            json(
              [...state.networking.fabrics.values()].sort((a, b) => a.id - b.id).map((fabric) =>
                fabricJson(state, fabric)
              ),
            ),
        },
        "POST create": {
          doc: "Create a fabric (administrators only); it gets an untagged VLAN.\n\n" +
            fabricParams,
          run: (ctx) => {
            requireGlobalEdit(ctx);
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
      doc: "One fabric, by id or name.",
      actions: {
        "GET read": {
          doc: "Read a fabric with its VLANs.",
          run: (ctx) => json(fabricJson(ctx.state, fabricBySpecifier(ctx.state, ctx.params.id))),
        },
        "PUT update": {
          doc: "Change a fabric (administrators only); what is left out stays.\n\n" +
            fabricParams,
          run: (ctx) => {
            const fabric = fabricBySpecifier(ctx.state, ctx.params.id);
            ctx.requireAdmin();
            return json(fabricJson(ctx.state, saveFabric(ctx, fabric)));
          },
        },
        "DELETE delete": {
          doc: "Delete a fabric (administrators only): not the default one, nor one with " +
            "subnets or connected interfaces.",
          run: (ctx) => {
            const fabric = fabricBySpecifier(ctx.state, ctx.params.id);
            ctx.requireAdmin();
            deleteFabric(ctx.state, fabric);
            return deleted();
          },
        },
      },
    },
  });

  const vlanParams = ":param name: Optional. The VLAN's name.\n" +
    ":param description: Optional. What the VLAN is for.\n" +
    ":param mtu: Optional. The MTU, 552 to 65535 (1500 by default).\n" +
    ":param space: Optional. The space the VLAN is in; empty for none.";
  const vlanActions = (vlanOf: (ctx: AuthContext) => SimVlan) => ({
    "GET read": {
      doc: "Read a VLAN.",
      run: (ctx: AuthContext) => json(vlanJson(ctx.state, vlanOf(ctx))),
    },
    "PUT update": {
      doc: "Change a VLAN (administrators only); what is left out stays.\n\n" + vlanParams +
        "\n:param dhcp_on: Optional. Serve DHCP on the VLAN (needs a primary rack controller " +
        "and a dynamic range).\n" +
        ":param primary_rack: Optional. System id of the rack controller serving DHCP.\n" +
        ":param secondary_rack: Optional. System id of the standby rack controller.\n" +
        ":param relay_vlan: Optional. Id of the VLAN whose DHCP this one relays to.",
      run: (ctx: AuthContext) => {
        const vlan = vlanOf(ctx);
        ctx.requireAdmin();
        const fabric = ctx.state.networking.fabric(vlan.fabricId)!;
        return json(vlanJson(ctx.state, saveVlan(ctx, fabric, vlan)));
      },
    },
    "DELETE delete": {
      doc: "Delete a VLAN (administrators only), not a fabric's default one: its subnets and " +
        "interfaces move to the fabric's default VLAN.",
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
      doc: "The VLANs of a fabric.",
      actions: {
        "GET read": {
          doc: "List the VLANs of a fabric.",
          run: (ctx) => {
            const fabric = fabricBySpecifier(ctx.state, ctx.params.fabric_id);
            return json(
              ctx.state.networking.vlansOf(fabric.id).map((vlan) => vlanJson(ctx.state, vlan)),
            );
          },
        },
        "POST create": {
          doc: "Create a VLAN on the fabric (administrators only).\n\n" + vlanParams +
            "\n:param vid: Required. The VLAN's tag, 0 to 4094.",
          run: (ctx) => {
            const fabric = fabricBySpecifier(ctx.state, ctx.params.fabric_id);
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
      doc: "One VLAN of a fabric, by its tag.",
      actions: vlanActions((ctx) =>
        vlanOfFabric(
          ctx.state,
          fabricBySpecifier(ctx.state, ctx.params.fabric_id),
          ctx.params.vid,
        )
      ),
    },
  });
  table.resource({
    path: "vlans/{vlan_id}/",
    auth: {
      name: "VlanHandler",
      doc: "One VLAN, by its id (where a VLAN's resource_uri points).",
      actions: vlanActions((ctx) => {
        const found = /^\d+$/.test(ctx.params.vlan_id)
          ? ctx.state.networking.vlan(Number(ctx.params.vlan_id))
          : undefined;
        if (!found) throw new ReplyError(text("VLAN with specified ID does not exist.", 404));
        return found;
      }),
    },
  });
}
