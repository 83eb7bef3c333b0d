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
  domainJson,
  NODE_TYPE_NAMES,
  NodeStatus,
  STATUS_NAMES,
} from "../../inventory.ts";
import { missingParam, stringBool } from "../../maas_forms.ts";
import { deleted, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { ActionContext, ActionSpec, AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import {
  annotate,
  applyPlacement,
  checkHostname,
  checkMacs,
  filterMachines,
  normaliseMac,
  powerParameters,
  setZone,
} from "../machines/routes.ts";
import type { SimUser } from "../users/model.ts";
import { machineStorageJson } from "../storage/render.ts";
import { detailsReply, POWER_TYPES } from "./details.ts";
import type { ScriptSet, SimController, SimMachine } from "./model.ts";
import { nodeJson, type NodeKind } from "./render.ts";

const API = "/MAAS/api/2.0/";

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

function isRegistered(ctx: ActionContext, nodes: SimMachine[]): Reply {
  const given = ctx.query.get("mac_address");
  if (given === undefined) throw missingParam("mac_address");
  const mac = normaliseMac(given);
  return json(nodes.some((node) =>
    node.data.status !== NodeStatus.RETIRED &&
    (node.data.interface_set as Array<{ mac_address: string }>).some((nic) =>
      nic.mac_address === mac
    )
  ));
}

function removeNode(state: SimulatorState, node: SimMachine): void {
  const store = state.nodes;
  store.devices.delete(node.data.system_id);
  store.controllers.delete(node.data.system_id);
  state.machines.delete(node.data.system_id);
  state.storage.drop(node.data.system_id);
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
    : state.site.domains.find((d) => d.isDefault) ?? state.site.domains[0];
  if (!domain) {
    errors.domain = ["Select a valid choice. That choice is not one of the available choices."];
  }
  const parent = data.get("parent");
  if (parent && !allNodes(state, user).some((node) => node.data.system_id === parent)) {
    errors.parent = ["Select a valid choice. That choice is not one of the available choices."];
  }
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
  const systemId = newNodeId(state);
  const device: SimMachine = {
    data: {
      system_id: systemId,
      hostname: hostname!,
      description: data.get("description") ?? "",
      domain: domainJson(domain!),
      fqdn: `${hostname}.${domain!.name}`,
      owner: user.username,
      owner_data: {},
      parent: parent || null,
      address_ttl: null,
      ip_addresses: [],
      interface_set: [],
      node_type: 1,
      node_type_name: "Device",
      workload_annotations: {},
      resource_uri: `${API}devices/${systemId}/`,
    } as unknown as SimMachine["data"],
    zoneId: state.placement.defaultZoneId,
    poolId: state.placement.defaultPool.id,
    tagIds: [],
    agentName: "",
    powerParameters: {},
  };
  for (const mac of macs) addPhysicalInterface(device, mac, state.nextId, null);
  store.devices.set(systemId, device);
  return device;
}

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
      apply.push(() => {
        data.hostname = hostname;
        data.fqdn = `${hostname}.${(data.domain as { name: string }).name}`;
      });
    }
  }
  const description = form.get("description");
  if (description !== undefined) apply.push(() => (data.description = description));
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
  const powerType = form.get("power_type");
  if (powerType !== undefined) {
    if (powerType !== "" && !POWER_TYPES.some((type) => type.name === powerType)) {
      errors.power_type = [
        `Select a valid choice. ${powerType} is not one of the available choices.`,
      ];
    } else {
      apply.push(() => {
        data.power_type = powerType;
        node.powerParameters = {};
      });
    }
  }
  const parameters = powerParameters(form);
  if (Object.keys(parameters).length > 0) {
    apply.push(() => Object.assign(node.powerParameters, parameters));
  }
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
          return isRegistered(ctx, [
            ...store.devices.values(),
            ...machines,
            ...store.controllers.values(),
          ]);
        },
      },
      "GET is_action_in_progress": {
        doc: "Whether the node with a MAC address is commissioning or deploying.\n\n" +
          ":param mac_address: Required.",
        run: ({ query, state }) => {
          const given = query.get("mac_address");
          if (given === undefined) throw missingParam("mac_address");
          const mac = normaliseMac(given);
          return json(
            [...state.machines.values()].some((machine) =>
              (machine.data.status === NodeStatus.COMMISSIONING ||
                machine.data.status === NodeStatus.DEPLOYING) &&
              (machine.data.interface_set as Array<{ mac_address: string }>).some((nic) =>
                nic.mac_address === mac
              )
            ),
          );
        },
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
    removeNode(ctx.state, node);
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
          run: (ctx) => isRegistered(ctx, allNodes(ctx.state, ctx.user)),
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
          run: (ctx) => isRegistered(ctx, allNodes(ctx.state, ctx.user)),
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
            removeNode(ctx.state, deviceOf(ctx));
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
          run: (ctx) => isRegistered(ctx, allNodes(ctx.state, ctx.user)),
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
              rack.data.node_type_name = NODE_TYPE_NAMES[3];
              delete rack.data.service_set;
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
          run: (ctx) => isRegistered(ctx, allNodes(ctx.state, ctx.user)),
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
}

// ---------------------------------------------------------------------------------------------
// A node's PCI and USB devices, and its script results

const BUS_NAMES: Record<number, string> = { 1: "PCIE", 2: "USB" };
const HARDWARE_TYPES = ["node", "cpu", "memory", "storage", "network", "gpu"];
const HARDWARE_NAMES = ["Node", "CPU", "Memory", "Storage", "Network", "GPU"];

/** The PCI devices of a node, derived once from its NICs and disks. */
function nodeDevices(state: SimulatorState, node: SimMachine): Array<Record<string, unknown>> {
  let list = node.pciDevices;
  if (!list) {
    const systemId = node.data.system_id;
    const nics = ((node.data.interface_set ?? []) as Array<Record<string, unknown>>)
      .filter((nic) => nic.type === "physical");
    const disks = machineStorageJson(state, state.line, node).physicalblockdevice_set as Array<
      Record<string, unknown>
    >;
    const device = (
      hardwareType: number,
      vendor: [string, string],
      product: [string, string],
      driver: string,
      slot: number,
      links: { physical_interface?: unknown; physical_blockdevice?: unknown },
    ) => {
      const id = state.nextId("result");
      return {
        id,
        bus: 1,
        bus_name: BUS_NAMES[1],
        hardware_type: hardwareType,
        hardware_type_name: HARDWARE_NAMES[hardwareType],
        system_id: systemId,
        numa_node: 0,
        physical_blockdevice: links.physical_blockdevice ?? null,
        physical_interface: links.physical_interface ?? null,
        vendor_id: vendor[0],
        product_id: product[0],
        vendor_name: vendor[1],
        product_name: product[1],
        commissioning_driver: driver,
        bus_number: 0x3b + slot,
        device_number: 0,
        pci_address: `0000:${(0x3b + slot).toString(16).padStart(2, "0")}:00.0`,
        resource_uri: `${API}nodes/${systemId}/devices/${id}/`,
      };
    };
    list = [
      ...nics.map((nic, i) =>
        device(4, ["8086", "Intel Corporation"], ["1572", "Ethernet Controller X710"], "i40e", i, {
          physical_interface: nic,
        })
      ),
      ...disks.filter((disk) => String(disk.name).startsWith("nvme")).map((disk, i) =>
        device(
          3,
          ["144d", "Samsung Electronics Co Ltd"],
          ["a80a", "NVMe SSD Controller PM9A3"],
          "nvme",
          16 + i,
          {
            physical_blockdevice: disk,
          },
        )
      ),
    ];
    node.pciDevices = list;
  }
  return list;
}

function registerNodeDevices(table: RouteTable, nodeOf: (ctx: AuthContext) => SimMachine): void {
  const find = (ctx: AuthContext) => {
    const list = nodeDevices(ctx.state, nodeOf(ctx));
    const index = list.findIndex((device) => String(device.id) === ctx.params.id);
    if (index < 0) throw ReplyError.notFound("NodeDevice");
    return { list, index };
  };
  table.resource({
    path: "nodes/{system_id}/devices/",
    auth: {
      name: "NodeDevicesHandler",
      doc: "The PCI and USB devices of a node.",
      actions: {
        "GET read": {
          doc: "List a node's devices.\n\n:param bus: Optional, PCIE or USB.\n" +
            ":param hardware_type: Optional: node, cpu, memory, storage, network or gpu.\n" +
            ":param vendor_id: Optional.\n:param product_id: Optional.\n" +
            ":param vendor_name: Optional.\n:param product_name: Optional.\n" +
            ":param commissioning_driver: Optional.",
          run: (ctx) => {
            const q = ctx.query;
            let list = nodeDevices(ctx.state, nodeOf(ctx));
            const bus = q.get("bus");
            if (bus !== undefined) {
              const number = Object.entries(BUS_NAMES).find(([, name]) =>
                name === bus.toUpperCase() || (bus.toUpperCase() === "PCI" && name === "PCIE")
              )?.[0];
              if (!number) throw ReplyError.badRequest(`Unknown bus "${bus}".`);
              list = list.filter((device) => String(device.bus) === number);
            }
            const type = q.get("hardware_type");
            if (type !== undefined) {
              const index = HARDWARE_TYPES.indexOf(type.toLowerCase());
              if (index < 0) throw ReplyError.badRequest(`Unknown hardware type "${type}".`);
              list = list.filter((device) => device.hardware_type === index);
            }
            for (
              const field of [
                "vendor_id",
                "product_id",
                "vendor_name",
                "product_name",
                "commissioning_driver",
              ]
            ) {
              const value = q.get(field);
              if (value !== undefined) {
                list = list.filter((device) =>
                  String(device[field]).toLowerCase() === value.toLowerCase()
                );
              }
            }
            return json(list);
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
            const { list, index } = find(ctx);
            return json(list[index]);
          },
        },
        "DELETE delete": {
          doc: "Forget a node device (administrators only; commissioning finds it again).",
          run: (ctx) => {
            ctx.requireAdmin();
            const { list, index } = find(ctx);
            list.splice(index, 1);
            return deleted();
          },
        },
      },
    },
  });
}

const RESULT_TYPES = ["commissioning", "installation", "testing", "release"];

/** A node's script sets, made from what its status says already ran. */
function scriptSetsOf(state: SimulatorState, node: SimMachine): ScriptSet[] {
  let sets = node.scriptSets;
  if (!sets) {
    sets = [];
    const data = node.data;
    const make = (type: number, names: string[], status: number) => {
      const when = "Mon, 03 Mar 2025 10:00:00 -0000";
      sets!.push({
        id: state.nextId("result"),
        type,
        results: names.map((name, i) => ({
          id: state.nextId("result"),
          created: when,
          updated: when,
          name,
          status: i === names.length - 1 ? status : 2,
          status_name: i === names.length - 1 && status === 3 ? "Failed" : "Passed",
          exit_status: i === names.length - 1 && status === 3 ? 1 : 0,
          started: when,
          ended: "Mon, 03 Mar 2025 10:00:42 -0000",
          runtime: "0:00:42",
          starttime: 1741000000,
          endtime: 1741000042,
          estimated_runtime: "0:00:42",
          parameters: {},
          script_id: i + 1,
          script_revision_id: i + 1,
          suppressed: false,
        })),
      });
    };
    const commissioning = Number(data.commissioning_status ?? -1);
    if (commissioning >= 2 || data.node_type !== 0) {
      make(
        0,
        ["00-maas-00-support-info", "20-maas-01-install-lldpd", "50-maas-01-commissioning"],
        commissioning === 3 ? 3 : 2,
      );
    }
    const testing = Number(data.testing_status ?? -1);
    if (testing >= 2) make(2, ["smartctl-validate", "memtester"], testing === 3 ? 3 : 2);
    node.scriptSets = sets;
  }
  return sets;
}

function renderScriptSet(
  node: SimMachine,
  set: ScriptSet,
  options: { output: boolean; filters: string[] | null },
): Record<string, unknown> {
  const results = set.results.filter((result) =>
    !options.filters ||
    options.filters.some((f) => f === result.name || String(result.id) === f)
  ).map((result) => {
    if (!options.output) return result;
    const output = btoa(`${result.name}: ok\n`);
    return { ...result, output, stdout: output, stderr: "", result: btoa("{}") };
  });
  const failed = set.results.some((result) => result.status === 3);
  return {
    id: set.id,
    system_id: node.data.system_id,
    type: set.type,
    type_name: RESULT_TYPES[set.type],
    last_ping: "Mon, 03 Mar 2025 10:00:42 -0000",
    status: failed ? 3 : 2,
    status_name: failed ? "Failed" : "Passed",
    started: "Mon, 03 Mar 2025 10:00:00 -0000",
    ended: "Mon, 03 Mar 2025 10:00:42 -0000",
    runtime: "0:00:42",
    results,
    suppressed: set.results.some((result) => result.suppressed === true),
    resource_uri: `${API}nodes/${node.data.system_id}/results/${set.id}/`,
  };
}

function registerScriptResults(table: RouteTable, nodeOf: (ctx: AuthContext) => SimMachine): void {
  const options = (ctx: AuthContext) => ({
    output: stringBool(ctx.data, "include_output", false),
    filters: ctx.data.get("filters")?.split(",") ?? null,
  });
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
  table.resource({
    path: "nodes/{system_id}/results/",
    auth: {
      name: "NodeScriptResultsHandler",
      doc: "The script results of a node, grouped by run.",
      actions: {
        "GET read": {
          doc: "List a node's script results.\n\n:param type: Optional: commissioning, " +
            "testing, installation or release.\n:param include_output: Optional.\n" +
            ":param filters: Optional, comma-separated script names or ids.",
          run: (ctx) => {
            const node = nodeOf(ctx);
            const type = ctx.query.get("type");
            let sets = scriptSetsOf(ctx.state, node);
            if (type !== undefined) {
              const index = RESULT_TYPES.indexOf(type.toLowerCase());
              if (index < 0) throw ReplyError.badRequest(`Unknown result type "${type}".`);
              sets = sets.filter((set) => set.type === index);
            }
            return json(sets.map((set) => renderScriptSet(node, set, options(ctx))));
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
          doc: "Read a run's results.\n\n:param include_output: Optional.\n" +
            ":param filters: Optional.",
          run: (ctx) => {
            const { node, set } = find(ctx);
            return json(renderScriptSet(node, set, options(ctx)));
          },
        },
        "PUT update": {
          doc: "Suppress or unsuppress failed results of a run.\n\n" +
            ":param suppressed: Optional boolean.\n:param filters: Optional.",
          run: (ctx) => {
            ctx.requireAdmin();
            const { node, set } = find(ctx);
            const suppressed = ctx.data.get("suppressed");
            if (suppressed !== undefined) {
              const value = stringBool(ctx.data, "suppressed", false);
              const filters = ctx.data.get("filters")?.split(",") ?? null;
              for (const result of set.results) {
                if (!filters || filters.includes(String(result.name))) result.suppressed = value;
              }
            }
            return json(renderScriptSet(node, set, options(ctx)));
          },
        },
        "DELETE delete": {
          doc: "Delete a run's results.",
          run: (ctx) => {
            ctx.requireAdmin();
            const { sets, set } = find(ctx);
            sets.splice(sets.indexOf(set), 1);
            return deleted();
          },
        },
        "GET download": {
          doc: "Download a run's output as text.\n\n:param output: Optional: combined, " +
            "stdout, stderr or all.\n:param filetype: Optional: txt.\n:param filters: Optional.",
          run: (ctx) => {
            const { set } = find(ctx);
            const filetype = ctx.query.get("filetype") ?? "txt";
            if (filetype !== "txt") {
              throw ReplyError.badRequest(`Unknown filetype "${filetype}" must be txt or tar.xz`);
            }
            const lines = set.results.map((result) => {
              const dashes = "-".repeat(Math.floor((80 - (2 + String(result.name).length)) / 2));
              return `${dashes} ${result.name} ${dashes}\n${result.name}: ok\n`;
            });
            const body = new TextEncoder().encode(lines.join(""));
            return { status: 200, contentType: "application/binary", body };
          },
        },
      },
    },
  });
}
