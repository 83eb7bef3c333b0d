/**
 * Nodes of every kind: `nodes/` and `nodes/{system_id}/` (any node, rendered as its own kind),
 * devices (`devices/`, `devices/{system_id}/`), rack controllers and region controllers. The site
 * has one region-and-rack controller (`region-1`, the primary rack of the DHCP VLAN) and one more
 * rack controller (`rack-2`); devices are created through the API. Also here: the BSON that
 * `details` answers with, and the power drivers `describe_power_types` lists.
 *
 * @module
 */

import {
  addPhysicalInterface,
  blankNodeData,
  defaultDomain,
  makeController,
  NodeStatus,
  STATUS_NAMES,
} from "../../inventory.ts";
import { booleanField, stringBool } from "../../maas_forms.ts";
import type { FormFields } from "../../request.ts";
import { deleted, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { ActionContext, ActionSpec, AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import {
  annotate,
  applyPlacement,
  checkHostname,
  checkMacs,
  filterMachines,
  isActionInProgress,
  isRegistered,
  powerChanges,
  setZone,
  swapSize,
} from "../machines/routes.ts";
import type { SimUser } from "../users/model.ts";
import { detailsReply, POWER_TYPES } from "./details.ts";
import type {
  ScriptSet,
  SimController,
  SimMachine,
  SimNode,
  SimNodeDevice,
  SimScriptResult,
} from "./model.ts";
import {
  HARDWARE_TYPES,
  nodeDeviceJson,
  nodeJson,
  type NodeKind,
  nodeResultJson,
  RESULT_TYPES,
  scriptSetJson,
} from "./render.ts";

// ---------------------------------------------------------------------------------------------
// Devices and controllers, kept beside the machines

/**
 * The node of any kind (machine, device, controller) with this system id, for route families
 * that live under `nodes/{system_id}/` (interfaces, storage, …).
 *
 * @example
 * ```ts
 * import { findAnyNode } from "../nodes/routes.ts";
 * import { SimulatorState } from "../../state.ts";
 * console.log(findAnyNode(new SimulatorState(), "4y3h7n")?.data.hostname); // "region-1"
 * ```
 */
export function findAnyNode(state: SimulatorState, systemId: string): SimMachine | undefined {
  return state.node(systemId);
}

function isRack(node: SimMachine): boolean {
  return node.data.node_type === 2 || node.data.node_type === 4;
}

function isRegion(node: SimMachine): boolean {
  return node.data.node_type === 3 || node.data.node_type === 4;
}

function visibleMachines(state: SimulatorState, user: SimUser): SimMachine[] {
  return [...state.machines.values()].filter((machine) =>
    user.isSuperuser || machine.data.owner === null || machine.data.owner === user.username
  );
}

/** Every node a user may see, in MAAS's `nodes/` order: devices, machines, racks, regions. */
function allNodes(state: SimulatorState, user: SimUser): SimMachine[] {
  const store = state.nodes;
  const controllers = [...store.controllers.values()];
  return [
    ...store.devices.values(),
    ...visibleMachines(state, user),
    ...controllers.filter(isRack),
    ...controllers.filter((node) => isRegion(node) && !isRack(node)),
  ];
}

function findNode(
  nodes: SimMachine[],
  systemId: string,
  thing: string,
): SimMachine {
  const node = nodes.find((candidate) => candidate.data.system_id === systemId);
  if (!node) throw ReplyError.notFound(thing);
  return node;
}

// ---------------------------------------------------------------------------------------------
// Devices

function createDevice(ctx: AuthContext): SimMachine {
  const { state, data, user } = ctx;
  const store = state.nodes;
  const errors: Record<string, string[]> = {};
  const macs = checkMacs(
    state,
    data.getAll("mac_addresses").filter((mac) => mac !== ""),
    errors,
    [...store.devices.values(), ...store.controllers.values()],
  );
  const taken = new Set(allNodes(state, user).map((node) => node.data.hostname));
  let hostname = data.get("hostname")?.trim();
  if (hostname) {
    const problem = checkHostname(hostname);
    if (problem) errors.hostname = [problem];
    else if (taken.has(hostname)) errors.hostname = ["Node with this Hostname already exists."];
  } else {
    do hostname = `device-${state.random.string("abcdefghijklmnopqrstuvwxyz", 6)}`; while (
      taken.has(hostname)
    );
  }
  const domainName = data.get("domain");
  const domain = domainName
    ? state.site.domains.find((d) => d.name === domainName || String(d.id) === domainName)
    : defaultDomain(state.site);
  if (!domain) {
    errors.domain = ["Select a valid choice. That choice is not one of the available choices."];
  }
  const parent = data.get("parent");
  if (parent && !allNodes(state, user).some((node) => node.data.system_id === parent)) {
    errors.parent = [CHOICE];
  }
  const zoneName = data.get("zone");
  const zone = zoneName ? state.placement.zoneNamed(zoneName) : undefined;
  if (zoneName && !zone) errors.zone = [CHOICE];
  const powerType = data.get("power_type");
  if (powerType && !POWER_TYPES.some((type) => type.name === powerType)) {
    errors.power_type = [
      `Select a valid choice. ${powerType} is not one of the available choices.`,
    ];
  }
  const swap = swapSize(data, errors);
  if (booleanField(data, "disable_ipv4")) {
    errors.disable_ipv4 = ["Only false is allowed for disable_ipv4."];
  }
  stringBool(data, "deployed", false);
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
  const systemId = newNodeId(state);
  const device: SimNode = {
    data: {
      ...blankNodeData(systemId, hostname!),
      description: data.get("description") ?? "",
      owner: user.username,
      parent: parent || null,
      node_type: 1,
      power_type: powerType ?? "",
      swap_size: swap ?? null,
    },
    domainId: domain!.id,
    zoneId: zone?.id ?? state.placement.defaultZoneId,
    poolId: state.placement.defaultPool.id,
    tagIds: [],
    agentName: "",
    powerParameters: {},
  };
  const interfaces = state.interfaces.of(systemId);
  for (const mac of macs) addPhysicalInterface(interfaces, systemId, mac, state.nextId, null);
  store.devices.set(systemId, device);
  return device;
}

const CHOICE = "Select a valid choice. That choice is not one of the available choices.";

function newNodeId(state: SimulatorState): string {
  const store = state.nodes;
  for (;;) {
    const id = state.newSystemId();
    if (!store.devices.has(id) && !store.controllers.has(id)) return id;
  }
}

function updateDevice(ctx: AuthContext, device: SimMachine): SimMachine {
  const { state, data: form, user } = ctx;
  const data = device.data;
  const errors: Record<string, string[]> = {};
  const apply = [applyPlacement(state, device, form, errors)];
  const hostname = form.get("hostname");
  if (hostname !== undefined) {
    const problem = checkHostname(hostname);
    if (problem) errors.hostname = [problem];
    else {
      apply.push(() => (data.hostname = hostname));
    }
  }
  const description = form.get("description");
  if (description !== undefined) apply.push(() => (data.description = description));
  const swap = swapSize(form, errors);
  if (swap !== undefined) apply.push(() => (data.swap_size = swap));
  if (booleanField(form, "disable_ipv4")) {
    errors.disable_ipv4 = ["Only false is allowed for disable_ipv4."];
  }
  const parent = form.get("parent");
  if (parent !== undefined) {
    if (parent !== "" && !allNodes(state, user).some((node) => node.data.system_id === parent)) {
      errors.parent = ["Select a valid choice. That choice is not one of the available choices."];
    } else {
      apply.push(() => (data.parent = parent || null));
    }
  }
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
  for (const change of apply) change();
  return device;
}

// ---------------------------------------------------------------------------------------------
// Controllers

function updateController(ctx: AuthContext, node: SimMachine): SimMachine {
  ctx.requireAdmin();
  const { state, data: form } = ctx;
  const data = node.data;
  const errors: Record<string, string[]> = {};
  const apply = [applyPlacement(state, node, form, errors)];
  const description = form.get("description");
  if (description !== undefined) apply.push(() => (data.description = description));
  apply.push(...powerChanges(node, form, errors));
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
  for (const change of apply) change();
  return node;
}

function bootImages(): Reply {
  return json({
    images: [
      {
        name: "ubuntu/noble",
        architecture: "amd64",
        subarches: ["ga-24.04", "generic", "hwe-24.04"],
      },
      {
        name: "ubuntu/jammy",
        architecture: "amd64",
        subarches: ["ga-22.04", "generic", "hwe-22.04"],
      },
      { name: "ubuntu/noble", architecture: "arm64", subarches: ["ga-24.04", "generic"] },
      { name: "bootloader/uefi", architecture: "amd64", subarches: ["generic"] },
    ],
    connected: true,
    status: "synced",
  });
}

function accepted(): Reply {
  return text("Accepted", 202, "text/html; charset=utf-8");
}

function filtered(ctx: AuthContext, nodes: SimMachine[], kind: NodeKind): Reply {
  return json(
    filterMachines(ctx.state, nodes, ctx.query).map((node) =>
      nodeJson(ctx.state, ctx.line, node, kind)
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Registration

function anonNodes(
  name: string,
): { name: string; doc: string; actions: Record<string, ActionSpec<ActionContext>> } {
  return {
    name,
    doc: "What unsigned requests can ask about nodes.",
    actions: {
      "GET is_registered": {
        doc: "Whether a MAC address belongs to a node past enlistment.\n\n" +
          ":param mac_address: Required.",
        run: (ctx) => {
          const machines = [...ctx.state.machines.values()].filter((m) =>
            m.data.status !== NodeStatus.NEW && m.data.status !== NodeStatus.COMMISSIONING
          );
          const store = ctx.state.nodes;
          return isRegistered(
            ctx,
            [...store.devices.values(), ...machines, ...store.controllers.values()],
            [NodeStatus.RETIRED],
          );
        },
      },
      "GET is_action_in_progress": {
        doc: "Whether the node with a MAC address is commissioning or deploying.\n\n" +
          ":param mac_address: Required.",
        run: isActionInProgress,
      },
    },
  };
}

/**
 * Register `nodes/`, `devices/`, `rackcontrollers/` and `regioncontrollers/` with their members.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerNodes } from "../nodes/routes.ts";
 * const table = new RouteTable(MaasLine.get("3.8"));
 * registerNodes(table);
 * ```
 */
export function registerNodes(table: RouteTable): void {
  const nodeOf = (ctx: AuthContext) =>
    findNode(allNodes(ctx.state, ctx.user), ctx.params.system_id, "Node");
  const deviceOf = (ctx: AuthContext) =>
    findNode([...ctx.state.nodes.devices.values()], ctx.params.system_id, "Device");
  const racks = (state: SimulatorState) => [...state.nodes.controllers.values()].filter(isRack);
  const regions = (state: SimulatorState) => [...state.nodes.controllers.values()].filter(isRegion);
  const rackOf = (ctx: AuthContext) =>
    findNode(racks(ctx.state), ctx.params.system_id, "RackController") as SimController;
  const regionOf = (ctx: AuthContext) =>
    findNode(regions(ctx.state), ctx.params.system_id, "RegionController");
  const powerParametersOf = (ctx: AuthContext, node: SimMachine) => {
    ctx.requireAdmin("This method is reserved for admin users.");
    return json(node.powerParameters);
  };
  const deleteNode = (ctx: AuthContext, node: SimMachine) => {
    ctx.requireAdmin();
    stringBool(ctx.query, "force", false);
    ctx.state.removeNode(node.data.system_id);
    return deleted();
  };

  table.resource({
    path: "nodes/",
    auth: {
      name: "NodesHandler",
      doc: "Every node of this MAAS, whatever its kind.",
      actions: {
        "GET read": {
          doc: "List the nodes the caller may see: devices, machines, rack and region " +
            "controllers, each in id order, filtered on the server (the machines' filters).",
          run: (ctx) => {
            const nodes = filterMachines(ctx.state, allNodes(ctx.state, ctx.user), ctx.query);
            return json(nodes.map((node) => nodeJson(ctx.state, ctx.line, node)));
          },
        },
        "GET is_registered": {
          doc: "Whether a MAC address belongs to a node that is not retired.\n\n" +
            ":param mac_address: Required.",
          run: (ctx) => isRegistered(ctx, allNodes(ctx.state, ctx.user), [NodeStatus.RETIRED]),
        },
        "POST set_zone": {
          doc: "Move nodes to a zone (administrators only).\n\n:param zone: Required.\n" +
            ":param nodes: Required, repeatable system_id.",
          run: (ctx) => setZone(ctx, allNodes(ctx.state, ctx.user)),
        },
      },
    },
    anon: anonNodes("AnonNodesHandler"),
  });

  table.resource({
    path: "nodes/{system_id}/",
    auth: {
      name: "NodeHandler",
      doc: "One node of any kind, by system_id.",
      actions: {
        "GET read": {
          doc: "Read a node (rendered as its own kind).",
          run: (ctx) => {
            const node = nodeOf(ctx);
            return json(nodeJson(ctx.state, ctx.line, node));
          },
        },
        "DELETE delete": {
          doc: "Delete a node (administrators only).",
          run: (ctx) => deleteNode(ctx, nodeOf(ctx)),
        },
        "GET details": {
          doc: "Hardware details probed during commissioning (lshw, lldp XML), as BSON.",
          run: (ctx) => detailsReply(ctx.state, nodeOf(ctx)),
        },
        "GET power_parameters": {
          doc: "The node's power parameters (administrators only).",
          run: (ctx) => powerParametersOf(ctx, nodeOf(ctx)),
        },
      },
    },
  });

  table.resource({
    path: "devices/",
    auth: {
      name: "DevicesHandler",
      doc: "The devices of this MAAS: nodes MAAS tracks but does not deploy.",
      actions: {
        "GET read": {
          doc: "List devices, filtered on the server (hostname, mac_address, id, domain, zone…).",
          run: (ctx) => filtered(ctx, [...ctx.state.nodes.devices.values()], "device"),
        },
        "GET is_registered": {
          doc: "Whether a MAC address belongs to a node that is not retired.\n\n" +
            ":param mac_address: Required.",
          run: (ctx) => isRegistered(ctx, allNodes(ctx.state, ctx.user), [NodeStatus.RETIRED]),
        },
        "POST create": {
          doc: "Create a device.\n\n:param mac_addresses: Required, repeatable.\n" +
            ":param hostname: Optional.\n:param description: Optional.\n:param domain: Optional.\n" +
            ":param parent: Optional system_id.",
          run: (ctx) => json(nodeJson(ctx.state, ctx.line, createDevice(ctx), "device")),
        },
        "POST set_zone": {
          doc: "Move devices to a zone (administrators only).\n\n:param zone: Required.\n" +
            ":param nodes: Required, repeatable system_id.",
          run: (ctx) => setZone(ctx, [...ctx.state.nodes.devices.values()]),
        },
      },
    },
    anon: anonNodes("AnonNodesHandler"),
  });

  table.resource({
    path: "devices/{system_id}/",
    auth: {
      name: "DeviceHandler",
      doc: "One device, by system_id.",
      actions: {
        "GET read": {
          doc: "Read a device.",
          run: (ctx) => json(nodeJson(ctx.state, ctx.line, deviceOf(ctx), "device")),
        },
        "PUT update": {
          doc: "Update a device.\n\n:param hostname: Optional.\n:param description: Optional.\n" +
            ":param domain: Optional.\n:param parent: Optional.\n:param zone: Optional.",
          run: (ctx) =>
            json(nodeJson(ctx.state, ctx.line, updateDevice(ctx, deviceOf(ctx)), "device")),
        },
        "DELETE delete": {
          doc: "Delete a device.",
          run: (ctx) => {
            ctx.state.removeNode(deviceOf(ctx).data.system_id);
            return deleted();
          },
        },
        "GET details": {
          doc: "Probed details (none for devices), as BSON.",
          run: (ctx) => detailsReply(ctx.state, deviceOf(ctx)),
        },
        "GET power_parameters": {
          doc: "The device's power parameters (administrators only).",
          run: (ctx) => powerParametersOf(ctx, deviceOf(ctx)),
        },
        "POST restore_networking_configuration": {
          doc: "Restore the device's networking to its defaults.",
          run: (ctx) => {
            ctx.requireAdmin();
            return json(nodeJson(ctx.state, ctx.line, deviceOf(ctx), "device"));
          },
        },
        "POST restore_default_configuration": {
          doc: "Restore the device's configuration to its defaults.",
          run: (ctx) => {
            ctx.requireAdmin();
            return json(nodeJson(ctx.state, ctx.line, deviceOf(ctx), "device"));
          },
        },
        "POST set_workload_annotations": {
          doc: "Set key=value workload annotations (an empty value removes a key).",
          run: (ctx) => json(nodeJson(ctx.state, ctx.line, annotate(ctx, deviceOf(ctx)), "device")),
        },
        "POST set_owner_data": {
          doc: "Deprecated name of set_workload_annotations.",
          run: (ctx) => json(nodeJson(ctx.state, ctx.line, annotate(ctx, deviceOf(ctx)), "device")),
        },
      },
    },
  });

  table.resource({
    path: "rackcontrollers/",
    auth: {
      name: "RackControllersHandler",
      doc: "The rack controllers of this MAAS.",
      actions: {
        "GET read": {
          doc: "List rack controllers, filtered on the server.",
          run: (ctx) => filtered(ctx, racks(ctx.state), "rack"),
        },
        "GET is_registered": {
          doc: "Whether a MAC address belongs to a node that is not retired.\n\n" +
            ":param mac_address: Required.",
          run: (ctx) => isRegistered(ctx, allNodes(ctx.state, ctx.user), [NodeStatus.RETIRED]),
        },
        "GET describe_power_types": {
          doc: "The power drivers MAAS knows and their parameters.",
          run: (ctx) => {
            ctx.requireAdmin();
            return json(POWER_TYPES);
          },
        },
        "GET power_parameters": {
          doc: "Power parameters of rack controllers, by system_id (administrators only).\n\n" +
            ":param id: Optional, repeatable system_id.",
          run: (ctx) => {
            ctx.requireAdmin("This method is reserved for admin users.");
            const ids = ctx.query.getAll("id");
            const answer: Record<string, Record<string, string>> = {};
            for (const rack of racks(ctx.state)) {
              if (ids.length === 0 || ids.includes(rack.data.system_id)) {
                answer[rack.data.system_id] = rack.powerParameters;
              }
            }
            return json(answer);
          },
        },
        "POST import_boot_images": {
          doc: "Import boot images on every rack controller (deprecated: the region syncs them).",
          run: (ctx) => {
            ctx.requireAdmin();
            return accepted();
          },
        },
        "POST set_zone": {
          doc: "Move rack controllers to a zone (administrators only).\n\n" +
            ":param zone: Required.\n:param nodes: Required, repeatable system_id.",
          run: (ctx) => setZone(ctx, racks(ctx.state)),
        },
      },
    },
    anon: anonNodes("AnonNodesHandler"),
  });

  table.resource({
    path: "rackcontrollers/{system_id}/",
    auth: {
      name: "RackControllerHandler",
      doc: "One rack controller, by system_id.",
      actions: {
        "GET read": {
          doc: "Read a rack controller.",
          run: (ctx) => json(nodeJson(ctx.state, ctx.line, rackOf(ctx), "rack")),
        },
        "PUT update": {
          doc:
            "Update a rack controller (administrators only).\n\n:param description: Optional.\n" +
            ":param zone: Optional.\n:param domain: Optional.\n:param power_type: Optional.\n" +
            ":param power_parameters_{name}: Optional.",
          run: (ctx) =>
            json(nodeJson(ctx.state, ctx.line, updateController(ctx, rackOf(ctx)), "rack")),
        },
        "DELETE delete": {
          doc: "Delete a rack controller (a region-and-rack controller becomes a region).\n\n" +
            ":param force: Optional.",
          run: (ctx) => {
            const rack = rackOf(ctx);
            if (rack.data.node_type === 4) {
              ctx.requireAdmin();
              rack.data.node_type = 3;
              rack.services = [];
              return deleted();
            }
            return deleteNode(ctx, rack);
          },
        },
        "GET details": {
          doc: "Hardware details probed during commissioning, as BSON.",
          run: (ctx) => detailsReply(ctx.state, rackOf(ctx)),
        },
        "GET power_parameters": {
          doc: "The controller's power parameters (administrators only).",
          run: (ctx) => powerParametersOf(ctx, rackOf(ctx)),
        },
        "GET query_power_state": {
          doc: "Ask the controller's BMC for its power state.",
          run: (ctx) => json({ state: rackOf(ctx).data.power_state }),
        },
        "GET list_boot_images": {
          doc: "The boot images of the rack and whether they are in sync with the region.",
          run: (ctx) => {
            rackOf(ctx);
            return bootImages();
          },
        },
        "POST import_boot_images": {
          doc: "Import boot images on this rack controller (deprecated).",
          run: (ctx) => {
            ctx.requireAdmin();
            rackOf(ctx);
            return accepted();
          },
        },
        "POST power_on": {
          doc: "Power the controller on.\n\n:param user_data: Optional.\n:param comment: Optional.",
          run: (ctx) => {
            const rack = rackOf(ctx);
            rack.data.power_state = "on";
            return json(nodeJson(ctx.state, ctx.line, rack, "rack"));
          },
        },
        "POST power_off": {
          doc:
            "Power the controller off.\n\n:param stop_mode: Optional.\n:param comment: Optional.",
          run: (ctx) => {
            const rack = rackOf(ctx);
            rack.data.power_state = "off";
            return json(nodeJson(ctx.state, ctx.line, rack, "rack"));
          },
        },
        "POST test": {
          doc: "Run hardware tests on the controller.\n\n:param testing_scripts: Optional.",
          run: (ctx) => {
            ctx.requireAdmin();
            return json(nodeJson(ctx.state, ctx.line, rackOf(ctx), "rack"));
          },
        },
        "POST abort": {
          doc: "Abort the controller's current operation.\n\n:param comment: Optional.",
          run: (ctx) => {
            const rack = rackOf(ctx);
            throw ReplyError.conflict(
              `Cannot abort in current state: node ${rack.data.system_id} is in state ` +
                `${STATUS_NAMES[rack.status]}.`,
            );
          },
        },
        "POST override_failed_testing": {
          doc: "Ignore failed tests.\n\n:param comment: Optional.",
          run: (ctx) => {
            ctx.requireAdmin();
            const rack = rackOf(ctx);
            if (rack.status !== NodeStatus.FAILED_TESTING) {
              throw ReplyError.conflict(
                "Unable to override node status. Node is not in 'Failed testing' status.",
              );
            }
            rack.status = NodeStatus.DEPLOYED;
            return json(nodeJson(ctx.state, ctx.line, rack, "rack"));
          },
        },
      },
    },
  });

  table.resource({
    path: "regioncontrollers/",
    auth: {
      name: "RegionControllersHandler",
      doc: "The region controllers of this MAAS.",
      actions: {
        "GET read": {
          doc: "List region controllers, filtered on the server.",
          run: (ctx) => filtered(ctx, regions(ctx.state), "region"),
        },
        "GET is_registered": {
          doc: "Whether a MAC address belongs to a node that is not retired.\n\n" +
            ":param mac_address: Required.",
          run: (ctx) => isRegistered(ctx, allNodes(ctx.state, ctx.user), [NodeStatus.RETIRED]),
        },
        "POST set_zone": {
          doc: "Move region controllers to a zone (administrators only).\n\n" +
            ":param zone: Required.\n:param nodes: Required, repeatable system_id.",
          run: (ctx) => setZone(ctx, regions(ctx.state)),
        },
      },
    },
    anon: anonNodes("AnonNodesHandler"),
  });

  table.resource({
    path: "regioncontrollers/{system_id}/",
    auth: {
      name: "RegionControllerHandler",
      doc: "One region controller, by system_id.",
      actions: {
        "GET read": {
          doc: "Read a region controller.",
          run: (ctx) => json(nodeJson(ctx.state, ctx.line, regionOf(ctx), "region")),
        },
        "PUT update": {
          doc: "Update a region controller (administrators only).\n\n" +
            ":param description: Optional.\n:param zone: Optional.\n:param power_type: Optional.",
          run: (ctx) =>
            json(nodeJson(ctx.state, ctx.line, updateController(ctx, regionOf(ctx)), "region")),
        },
        "DELETE delete": {
          doc: "Delete a region controller.\n\n:param force: Optional.",
          run: (ctx) => deleteNode(ctx, regionOf(ctx)),
        },
        "GET details": {
          doc: "Hardware details probed during commissioning, as BSON.",
          run: (ctx) => detailsReply(ctx.state, regionOf(ctx)),
        },
        "GET power_parameters": {
          doc: "The controller's power parameters (administrators only).",
          run: (ctx) => powerParametersOf(ctx, regionOf(ctx)),
        },
      },
    },
  });

  registerNodeDevices(table, nodeOf);
  registerScriptResults(table, nodeOf);
  registerNodeResults(table);
}

// ---------------------------------------------------------------------------------------------
// Controllers registering themselves

/**
 * Register a new controller with the region, as a rack or region controller does when it first
 * starts (MAAS has no API call for it): `kind` says what it runs. Answers its system id.
 *
 * @example
 * ```ts
 * import { registerController } from "../nodes/routes.ts";
 * import { SimulatorState } from "../../state.ts";
 * const state = new SimulatorState();
 * console.log(state.nodes.controllers.has(registerController(state, "rack-9", "rack"))); // true
 * ```
 */
export function registerController(
  state: SimulatorState,
  hostname: string,
  kind: "rack" | "region" | "region-and-rack",
): string {
  const systemId = newNodeId(state);
  const serial = state.nodes.controllers.size + 1;
  const controller = makeController({
    site: state.site,
    zoneId: state.placement.defaultZoneId,
    poolId: state.placement.defaultPool.id,
    nextId: state.nextId,
    interfaces: state.interfaces,
  }, {
    systemId,
    hostname,
    nodeType: kind === "rack" ? 2 : kind === "region" ? 3 : 4,
    mac: `0c:c4:7a:01:${(serial >> 8).toString(16).padStart(2, "0")}:${
      (serial & 0xff).toString(16).padStart(2, "0")
    }`,
    ip: `10.20.1.${serial % 250 + 2}`,
  });
  state.nodes.controllers.set(systemId, controller);
  return systemId;
}

// ---------------------------------------------------------------------------------------------
// A node's PCI and USB devices

const INTEL: readonly [string, string] = ["8086", "Intel Corporation"];
const SAMSUNG: readonly [string, string] = ["144d", "Samsung Electronics Co Ltd"];

/** The PCI devices of a node, derived once from its physical NICs and NVMe disks. */
function nodeDevices(state: SimulatorState, node: SimNode): SimNodeDevice[] {
  if (node.nodeDevices) return node.nodeDevices;
  const nics = state.interfaces.of(node.data.system_id).list.filter((nic) =>
    nic.type === "physical"
  );
  const nvme = (state.storage.get(node.data.system_id)?.physicalDisks() ?? []).filter((disk) =>
    disk.name.startsWith("nvme")
  );
  node.nodeDevices = [
    ...nics.map((nic, i): SimNodeDevice => ({
      id: state.nextId("nodedevice"),
      bus: 1,
      hardwareType: 4,
      vendor: INTEL,
      product: ["1572", "Ethernet Controller X710"],
      driver: "i40e",
      busNumber: 0x3b + i,
      interfaceId: nic.id,
      blockDeviceId: null,
    })),
    ...nvme.map((disk, i): SimNodeDevice => ({
      id: state.nextId("nodedevice"),
      bus: 1,
      hardwareType: 3,
      vendor: SAMSUNG,
      product: ["a80a", "NVMe SSD Controller PM9A3"],
      driver: "nvme",
      busNumber: 0x4b + i,
      interfaceId: null,
      blockDeviceId: disk.id,
    })),
  ];
  return node.nodeDevices;
}

const BUSES: Readonly<Record<string, number>> = { PCIE: 1, PCI: 1, USB: 2 };

function registerNodeDevices(table: RouteTable, nodeOf: (ctx: AuthContext) => SimNode): void {
  const find = (ctx: AuthContext) => {
    const node = nodeOf(ctx);
    const list = nodeDevices(ctx.state, node);
    const device = list.find((candidate) => String(candidate.id) === ctx.params.id);
    if (!device) throw ReplyError.notFound("NodeDevice");
    return { node, list, device };
  };
  table.resource({
    path: "nodes/{system_id}/devices/",
    auth: {
      name: "NodeDevicesHandler",
      doc: "The PCI and USB devices commissioning found in a node.",
      actions: {
        "GET read": {
          doc: "List a node's devices, filtered.\n\n" +
            ":param bus: Optional. Only devices on this bus: PCIE or USB.\n" +
            ":param hardware_type: Optional. Only devices of this hardware type: node, cpu, " +
            "memory, storage, network or gpu.\n" +
            ":param vendor_id: Optional. Only devices of this vendor id.\n" +
            ":param product_id: Optional. Only devices of this product id.\n" +
            ":param vendor_name: Optional. Only devices of this vendor.\n" +
            ":param product_name: Optional. Only devices of this product.\n" +
            ":param commissioning_driver: Optional. Only devices that used this kernel driver.",
          run: (ctx) => {
            const node = nodeOf(ctx);
            const q = ctx.query;
            let list = nodeDevices(ctx.state, node);
            const bus = q.get("bus");
            if (bus !== undefined) {
              const number = BUSES[bus.toUpperCase()];
              if (number === undefined) throw ReplyError.badRequest(`Unknown bus "${bus}".`);
              list = list.filter((device) => device.bus === number);
            }
            const type = q.get("hardware_type");
            if (type !== undefined) {
              const index = /^\d+$/.test(type)
                ? Number(type)
                : HARDWARE_TYPES.indexOf(type.toLowerCase());
              if (HARDWARE_TYPES[index] === undefined) {
                throw ReplyError.badRequest(`Unknown hardware type "${type}".`);
              }
              list = list.filter((device) => device.hardwareType === index);
            }
            const matching: Array<[string, (device: SimNodeDevice) => string]> = [
              ["vendor_id", (device) => device.vendor[0]],
              ["product_id", (device) => device.product[0]],
              ["vendor_name", (device) => device.vendor[1]],
              ["product_name", (device) => device.product[1]],
              ["commissioning_driver", (device) => device.driver],
            ];
            for (const [field, of] of matching) {
              const value = q.get(field)?.toLowerCase();
              if (value !== undefined) {
                list = list.filter((device) => of(device).toLowerCase() === value);
              }
            }
            return json(list.map((device) => nodeDeviceJson(ctx.state, ctx.line, node, device)));
          },
        },
      },
    },
  });
  table.resource({
    path: "nodes/{system_id}/devices/{id}/",
    auth: {
      name: "NodeDeviceHandler",
      doc: "One PCI or USB device of a node.",
      actions: {
        "GET read": {
          doc: "Read a node device.",
          run: (ctx) => {
            const { node, device } = find(ctx);
            return json(nodeDeviceJson(ctx.state, ctx.line, node, device));
          },
        },
        "DELETE delete": {
          doc: "Forget a node device (administrators only; commissioning finds it again).",
          run: (ctx) => {
            ctx.requireAdmin();
            const { list, device } = find(ctx);
            list.splice(list.indexOf(device), 1);
            return deleted();
          },
        },
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// A node's script results

/** The scripts each kind of run has, with the hardware each tests (index in HARDWARE_TYPES). */
const RUN_SCRIPTS: Readonly<Record<number, ReadonlyArray<readonly [string, number]>>> = {
  0: [
    ["00-maas-00-support-info", 0],
    ["00-maas-01-lshw", 0],
    ["20-maas-01-install-lldpd", 4],
    ["50-maas-01-commissioning", 0],
  ],
  2: [["smartctl-validate", 3], ["memtester", 2]],
};

const SCRIPT_HARDWARE = new Map<string, number>(
  Object.values(RUN_SCRIPTS).flat().map(([name, hardware]) => [name, hardware]),
);

/** What a script writes, as the simulator makes it up. */
function scriptOutput(node: SimNode, name: string): string {
  return name === "00-maas-01-lshw"
    ? `<?xml version="1.0" standalone="yes" ?>\n<list><node id="${node.data.hostname}"/></list>\n`
    : `${name}: ok\n`;
}

/** A node's script runs, made from what its status says already ran. */
function scriptSetsOf(state: SimulatorState, node: SimNode): ScriptSet[] {
  if (node.scriptSets) return node.scriptSets;
  const sets: ScriptSet[] = [];
  const data = node.data;
  const make = (type: number, status: number) => {
    const scripts = RUN_SCRIPTS[type];
    sets.push({
      id: state.nextId("scriptset"),
      type,
      results: scripts.map(([name], i): SimScriptResult => {
        const failed = i === scripts.length - 1 && status === 3;
        return {
          id: state.nextId("scriptresult"),
          name,
          status: failed ? 3 : 2,
          exitStatus: failed ? 1 : 0,
          started: "",
          ended: "",
          seconds: 42,
          scriptId: i + 1,
          suppressed: false,
          stdout: scriptOutput(node, name),
          stderr: failed ? `${name}: failed\n` : "",
        };
      }),
    });
  };
  if (data.commissioning_status >= 2 || data.node_type !== 0) {
    make(0, data.commissioning_status === 3 ? 3 : 2);
  }
  if (data.testing_status >= 2) make(2, data.testing_status === 3 ? 3 : 2);
  node.scriptSets = sets;
  return sets;
}

/** Which results `filters` (names, tags or ids) and `hardware_type` keep. */
function resultFilter(form: FormFields): (result: SimScriptResult) => boolean {
  const filters = form.get("filters")?.split(",").map((item) => item.trim()).filter((item) =>
    item !== ""
  );
  const type = form.get("hardware_type");
  let hardware: number | undefined;
  if (type !== undefined) {
    hardware = /^\d+$/.test(type) ? Number(type) : HARDWARE_TYPES.indexOf(type.toLowerCase());
    if (HARDWARE_TYPES[hardware] === undefined) {
      throw ReplyError.badRequest(`Unknown hardware type "${type}".`);
    }
  }
  return (result) =>
    (!filters || filters.some((item) => item === result.name || item === String(result.id))) &&
    (hardware === undefined || SCRIPT_HARDWARE.get(result.name) === hardware);
}

/** What `download` answers for one result, by `output`. */
function downloadText(result: SimScriptResult, output: string): string {
  switch (output) {
    case "stdout":
      return result.stdout;
    case "stderr":
      return result.stderr;
    case "result":
      return "";
    default:
      return result.stdout + result.stderr;
  }
}

function registerScriptResults(table: RouteTable, nodeOf: (ctx: AuthContext) => SimNode): void {
  const find = (ctx: AuthContext) => {
    const node = nodeOf(ctx);
    const sets = scriptSetsOf(ctx.state, node);
    const id = ctx.params.id;
    const current: Record<string, number> = {
      "current-commissioning": 0,
      "current-installation": 1,
      "current-testing": 2,
    };
    let set: ScriptSet | undefined;
    if (id in current) {
      set = sets.findLast((candidate) => candidate.type === current[id]);
      if (!set) {
        throw ReplyError.badRequest(`No ${id.replace("-", " ")} script set exists for this node.`);
      }
    } else if (/^\d+$/.test(id)) {
      set = sets.find((candidate) => String(candidate.id) === id);
      if (!set) throw ReplyError.notFound("ScriptSet");
    } else {
      throw ReplyError.badRequest(
        `Unknown id "${id}" must be current-commissioning, current-testing, ` +
          "current-installation, or the id number of a specific result.",
      );
    }
    return { node, sets, set };
  };
  const render = (ctx: AuthContext, node: SimNode, set: ScriptSet) =>
    scriptSetJson(ctx.line, node.data.system_id, set, {
      output: ctx.data.has("include_output"),
      keep: resultFilter(ctx.data),
    });
  const readParams = ":param hardware_type: Optional. Only the results of scripts for this " +
    "hardware: node, cpu, memory, storage, network or gpu.\n" +
    ":param include_output: Optional. Any value includes each result's output, base64-encoded.\n" +
    ":param filters: Optional. Comma-separated script names, tags or ids to show.";
  table.resource({
    path: "nodes/{system_id}/results/",
    auth: {
      name: "NodeScriptResultsHandler",
      doc: "The script results of a node, grouped by run.",
      actions: {
        "GET read": {
          doc: "List a node's script runs.\n\n:param type: Optional. Only runs of this kind: " +
            "commissioning, testing, installation or release.\n" + readParams,
          run: (ctx) => {
            const node = nodeOf(ctx);
            const type = ctx.query.get("type");
            let sets = scriptSetsOf(ctx.state, node);
            if (type !== undefined) {
              const index = RESULT_TYPES.indexOf(type.toLowerCase());
              if (index < 0) throw ReplyError.badRequest(`Unknown result type "${type}".`);
              sets = sets.filter((set) => set.type === index);
            }
            return json(sets.map((set) => render(ctx, node, set)));
          },
        },
      },
    },
  });
  table.resource({
    path: "nodes/{system_id}/results/{id}/",
    auth: {
      name: "NodeScriptResultHandler",
      doc: "One run of scripts on a node: by id, or current-commissioning, current-testing, " +
        "current-installation.",
      actions: {
        "GET read": {
          doc: "Read a run's results.\n\n" + readParams,
          run: (ctx) => {
            const { node, set } = find(ctx);
            return json(render(ctx, node, set));
          },
        },
        "PUT update": {
          doc: "Suppress or unsuppress the failures of a run's results (administrators only).\n\n" +
            readParams + "\n:param suppressed: Optional. Whether the selected results' " +
            "failures are suppressed.",
          run: (ctx) => {
            ctx.requireAdmin();
            const { node, set } = find(ctx);
            if (ctx.data.get("suppressed") !== undefined) {
              const value = stringBool(ctx.data, "suppressed", false);
              const keep = resultFilter(ctx.data);
              for (const result of set.results) if (keep(result)) result.suppressed = value;
            }
            return json(render(ctx, node, set));
          },
        },
        "DELETE delete": {
          doc: "Delete a run's results (administrators only).",
          run: (ctx) => {
            ctx.requireAdmin();
            const { sets, set } = find(ctx);
            sets.splice(sets.indexOf(set), 1);
            return deleted();
          },
        },
        "GET download": {
          doc: "Download a run's output.\n\n" +
            ":param hardware_type: Optional. Only the output of scripts for this hardware.\n" +
            ":param filters: Optional. Comma-separated script names, tags or ids.\n" +
            ":param output: Optional. combined (the default), stdout, stderr, result or all.\n" +
            ":param filetype: Optional. txt (the default) or tar.xz.",
          run: (ctx) => {
            const { set } = find(ctx);
            const output = ctx.query.get("output") ?? "combined";
            if (!["combined", "stdout", "stderr", "result", "all"].includes(output)) {
              throw ReplyError.badRequest(
                `Unknown output "${output}" must be all, combined, stdout, stderr, or result`,
              );
            }
            const filetype = ctx.query.get("filetype") ?? "txt";
            if (filetype !== "txt") {
              throw ReplyError.badRequest(
                `Unknown filetype "${filetype}": the simulator serves txt downloads only`,
              );
            }
            const keep = resultFilter(ctx.query);
            const results = set.results.filter(keep);
            const text = results.length === 1 && output !== "all"
              ? downloadText(results[0], output)
              : results.map((result) => {
                const dashes = "-".repeat(Math.floor((80 - (2 + result.name.length)) / 2));
                const kinds = output === "all" ? ["combined", "stdout", "stderr", "result"] : [
                  output,
                ];
                return kinds.map((kind) =>
                  `${dashes} ${result.name}${output === "all" ? `.${kind}` : ""} ${dashes}\n` +
                  downloadText(result, kind)
                ).join("");
              }).join("");
            return {
              status: 200,
              contentType: "application/binary",
              body: new TextEncoder().encode(text),
            };
          },
        },
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// installation-results/: results across nodes

function registerNodeResults(table: RouteTable): void {
  const handler = {
    name: "NodeResultsHandler",
    doc: "The results of the scripts nodes ran, across nodes.",
    actions: {
      "GET read": {
        doc: "List script results of the nodes the caller may see.\n\n" +
          ":param system_id: Optional, repeatable. Only the results of these nodes.\n" +
          ":param name: Optional, repeatable. Only the results of these scripts.\n" +
          ":param result_type: Optional. Only results of this type: 0 commissioning, " +
          "1 installation, 2 testing.",
        run: (ctx: AuthContext) => {
          const ids = ctx.query.getAll("system_id");
          const names = ctx.query.getAll("name");
          const typeText = ctx.query.get("result_type");
          // MAAS ignores a result type that is not a number.
          const type = typeText !== undefined && /^-?\d+$/.test(typeText.trim())
            ? Number(typeText)
            : undefined;
          const answer: Array<Record<string, unknown>> = [];
          for (const node of allNodes(ctx.state, ctx.user)) {
            if (ids.length > 0 && !ids.includes(node.data.system_id)) continue;
            for (const set of scriptSetsOf(ctx.state, node)) {
              if (type !== undefined && set.type !== type) continue;
              for (const result of set.results) {
                if (names.length > 0 && !names.includes(result.name)) continue;
                answer.push(nodeResultJson(ctx.line, node.data.system_id, set.type, result));
              }
            }
          }
          return json(answer);
        },
      },
    },
  };
  table.resource({ path: "installation-results/", auth: handler });
  table.resource({ path: "commissioning-results/", auth: handler });
}
