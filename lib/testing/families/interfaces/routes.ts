/**
 * A node's network interfaces: `nodes/{system_id}/interfaces/` (list; create physical, bond,
 * bridge and VLAN interfaces) and `nodes/{system_id}/interfaces/{id}/` (read, update, delete,
 * links to subnets, default gateway, tags).
 *
 * As on MAAS, a machine's interfaces change only while it is New, Ready, Allocated, Broken or
 * Failed testing (updates also while Deployed): otherwise 409. Controllers' interfaces cannot be
 * created, linked or deleted.
 *
 * @module
 */

import { NodeStatus, type SimSubnet, type SimVlan } from "../../inventory.ts";
import { FormErrors, missingParam, nullBooleanField, stringBool } from "../../maas_forms.ts";
import type { Fields } from "../../maas_forms.ts";
import { json, type Reply, ReplyError, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { parseAddress, parseMac, parseNetwork } from "../networking/addresses.ts";
import {
  addressTaken,
  dynamicRangeHolding,
  freeAddress,
  subnetForAddress,
} from "../networking/usage.ts";
import type { SimMachine } from "../nodes/model.ts";
import { nodeFqdn } from "../nodes/render.ts";
import {
  blankInterface,
  type NodeInterfaceSet,
  type SimInterface,
  type SimInterfaceType,
  type SimLink,
  type SimLinkMode,
} from "./model.ts";
import { interfaceJson, linkFamily } from "./render.ts";

const REQUIRED = "This field is required.";
const INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices.";
const LINK_MODES: readonly SimLinkMode[] = ["auto", "dhcp", "static", "link_up"];
const BOND_MODES = [
  "balance-rr",
  "active-backup",
  "balance-xor",
  "broadcast",
  "802.3ad",
  "balance-tlb",
  "balance-alb",
];
const LACP_RATES = ["fast", "slow"];
const XMIT_HASH_POLICIES = ["layer2", "layer2+3", "layer3+4", "encap2+3", "encap3+4"];
const BRIDGE_TYPES = ["standard", "ovs"];
const IP_ASSIGNMENTS = ["static", "dynamic", "external"];

/** Django's words for a value outside a ChoiceField's choices (MAAS's own wording). */
function invalidChoice(what: string, value: string, choices: readonly (string | number)[]): string {
  return `'${value}' is not a valid ${what}.  It should be one of: ${
    choices.map((choice) => `'${choice}'`).join(", ")
  }.`;
}

// ---------------------------------------------------------------------------------------------
// Nodes

type NodeKind = "machine" | "device" | "controller";

function kindOf(node: SimMachine): NodeKind {
  const type = node.data.node_type;
  if (type === 1) return "device";
  if (type === 2 || type === 3 || type === 4) return "controller";
  return "machine";
}

function canSee(ctx: AuthContext, node: SimMachine): boolean {
  const owner = node.data.owner;
  return ctx.user.isSuperuser || owner === null || owner === undefined ||
    owner === ctx.user.username;
}

function findNode(ctx: AuthContext, thing: "Node" | "Machine"): SimMachine {
  const node = ctx.state.node(ctx.params.system_id);
  if (!node || !canSee(ctx, node) || (thing === "Machine" && kindOf(node) !== "machine")) {
    throw ReplyError.notFound(thing);
  }
  return node;
}

/** NodePermission.admin for machines and controllers; a device's owner may edit it too. */
function requireEdit(ctx: AuthContext, node: SimMachine): void {
  if (ctx.user.isSuperuser) return;
  if (kindOf(node) === "device" && node.data.owner === ctx.user.username) return;
  throw ReplyError.forbidden("");
}

function refuseController(node: SimMachine, operation: string): void {
  if (kindOf(node) === "controller") {
    throw ReplyError.forbidden(`Cannot ${operation} interface on a controller.`);
  }
}

/** MAAS's NodeStateViolation for a machine whose interfaces cannot change now. */
function requireEditableState(node: SimMachine, operation: string, update = false): void {
  if (kindOf(node) !== "machine") return;
  const allowed: number[] = [
    NodeStatus.NEW,
    NodeStatus.READY,
    NodeStatus.FAILED_TESTING,
    NodeStatus.ALLOCATED,
    NodeStatus.BROKEN,
  ];
  if (update) allowed.push(NodeStatus.DEPLOYED);
  if (!allowed.includes(node.data.status)) {
    throw ReplyError.conflict(
      `Cannot ${operation} interface because the machine is not New, Ready, Allocated, or Broken.`,
    );
  }
}

function findNic(ctx: AuthContext, set: NodeInterfaceSet): SimInterface {
  const id = ctx.params.id;
  const nic = /^\d+$/.test(id) ? set.list.find((item) => item.id === Number(id)) : undefined;
  if (!nic) throw ReplyError.notFound("Interface");
  return nic;
}

function childrenOf(set: NodeInterfaceSet, nic: SimInterface): SimInterface[] {
  return set.list.filter((other) => other.parentIds.includes(nic.id));
}

/** After a change: gateways on links that are gone cleared. */
function settle(set: NodeInterfaceSet): void {
  const linkIds = new Set(set.list.flatMap((nic) => nic.links.map((link) => link.id)));
  if (set.gateways.ipv4 !== null && !linkIds.has(set.gateways.ipv4)) set.gateways.ipv4 = null;
  if (set.gateways.ipv6 !== null && !linkIds.has(set.gateways.ipv6)) set.gateways.ipv6 = null;
}

function reply(state: SimulatorState, set: NodeInterfaceSet, nic: SimInterface): Reply {
  return json(interfaceJson(state, nic, set.list));
}

/** MAAS's ensure_link_up: a connected interface without links gets a bare `link_up` one. */
function ensureLinkUp(state: SimulatorState, nic: SimInterface): void {
  if (nic.links.length > 0) {
    const bare = nic.links.filter((link) => link.mode === "link_up" && link.ipAddress === null);
    if (bare.length > 0 && bare.length < nic.links.length) {
      nic.links = nic.links.filter((link) => !bare.includes(link));
    }
  } else if (nic.vlanId !== null) {
    nic.links = [{ id: state.nextId("link"), mode: "link_up", subnetId: null, ipAddress: null }];
  }
}

function subnetName(state: SimulatorState, subnet: SimSubnet): string {
  return `${subnet.name}:${subnet.cidr}(vid=${state.networking.vlan(subnet.vlanId)?.vid ?? 0})`;
}

// ---------------------------------------------------------------------------------------------
// Forms

/** What every interface form reads: changes to apply, undefined where nothing was sent. */
interface Common {
  vlan?: SimVlan | null;
  tags?: string[];
  mtu?: number | null;
  acceptRa?: boolean | null;
  autoconf?: boolean | null;
  name?: string;
  mac?: string;
  linkConnected?: boolean;
  interfaceSpeed?: number | null;
  linkSpeed?: number | null;
  ipAssignment?: string;
  ipAddress?: string;
}

function readInteger(
  data: Fields,
  field: string,
  errors: FormErrors,
  min = 0,
  max?: number,
): number | null | undefined {
  const given = data.get(field);
  if (given === undefined) return undefined;
  if (given.trim() === "") return null;
  if (!/^[-+]?\d+$/.test(given.trim())) {
    errors.add(field, "Enter a whole number.");
    return undefined;
  }
  const value = Number(given);
  if (value < min) {
    errors.add(field, `Ensure this value is greater than or equal to ${min}.`);
    return undefined;
  }
  if (max !== undefined && value > max) {
    errors.add(field, `Ensure this value is less than or equal to ${max}.`);
    return undefined;
  }
  return value;
}

/** Django's NullBooleanField of a form that changes only the fields sent (undefined: not sent). */
function readNullBool(data: Fields, field: string): boolean | null | undefined {
  return data.has(field) ? nullBooleanField(data, field) : undefined;
}

function readChoice(
  data: Fields,
  field: string,
  choices: readonly string[],
  errors: FormErrors,
): string | undefined {
  const given = data.get(field);
  if (given === undefined || given.trim() === "") return undefined;
  if (!choices.includes(given)) errors.add(field, invalidChoice(field, given, choices));
  return given;
}

function readCommon(
  ctx: AuthContext,
  node: SimMachine,
  set: NodeInterfaceSet,
  current: SimInterface | null,
  errors: FormErrors,
): Common {
  const { data, state } = ctx;
  const common: Common = {};
  if (data.has("vlan")) {
    const given = (data.get("vlan") ?? "").trim();
    if (given === "") common.vlan = null;
    else {
      const vlan = /^\d+$/.test(given) ? state.networking.vlan(Number(given)) : undefined;
      if (!vlan) errors.add("vlan", INVALID_CHOICE);
      else common.vlan = vlan;
    }
  }
  if (data.has("tags")) {
    common.tags = data.getAll("tags").join(",").split(",").map((tag) => tag.trim())
      .filter((tag) => tag !== "");
  }
  common.mtu = readInteger(data, "mtu", errors, 552);
  common.acceptRa = readNullBool(data, "accept_ra");
  common.autoconf = readNullBool(data, "autoconf");
  const name = data.get("name");
  if (name !== undefined && name.trim() !== "") {
    common.name = name.trim();
    if (set.list.some((nic) => nic !== current && nic.name === common.name)) {
      errors.add(
        "name",
        `Node ${node.data.system_id} (${nodeFqdn(state, node)}) already has an ` +
          `interface named '${common.name}'.`,
      );
    }
  }
  const mac = data.get("mac_address");
  if (mac !== undefined && mac.trim() !== "") {
    const normal = parseMac(mac);
    if (!normal) errors.add("mac_address", `'${mac}' is not a valid MAC address.`);
    else common.mac = normal;
  }
  if (data.has("link_connected")) common.linkConnected = stringBool(data, "link_connected", true);
  common.interfaceSpeed = readInteger(data, "interface_speed", errors);
  common.linkSpeed = readInteger(data, "link_speed", errors);
  common.ipAssignment = readChoice(data, "ip_assignment", IP_ASSIGNMENTS, errors);
  const ip = (data.get("ip_address") ?? "").trim();
  if (ip !== "") {
    if (!parseAddress(ip)) errors.add("ip_address", "Enter a valid IPv4 or IPv6 address.");
    else common.ipAddress = ip;
  }
  if (common.ipAssignment !== undefined && common.ipAssignment !== "dynamic" && !common.ipAddress) {
    if (!errors.has("ip_address")) errors.add("ip_address", REQUIRED);
  }
  if (common.ipAddress && common.ipAssignment !== "dynamic") {
    if (!subnetForAddress(state, common.ipAddress)) {
      errors.add("ip_address", `No subnet holds ${common.ipAddress}.`);
    } else if (addressTaken(state, common.ipAddress)) {
      errors.add("ip_address", `The IP address ${common.ipAddress} is already in use.`);
    }
  }
  if (
    common.linkConnected === false && common.linkSpeed &&
    (current === null || current.linkConnected === false)
  ) {
    errors.add("__all__", "link_speed cannot be set when link_connected is false.");
  }
  return common;
}

/** A physical MAC must be unique across nodes; which interface holds it, if any. */
function macOwner(state: SimulatorState, mac: string, except: SimInterface | null): string | null {
  for (const node of state.everyNode()) {
    for (const nic of state.interfaces.of(node.data.system_id).list) {
      if (nic.id !== except?.id && nic.type === "physical" && nic.macAddress === mac) {
        return `${nic.name} on ${node.data.hostname}`;
      }
    }
  }
  return null;
}

function newNic(
  ctx: AuthContext,
  node: SimMachine,
  type: SimInterfaceType,
  name: string,
  mac: string | null,
  vlan: SimVlan | null,
): SimInterface {
  return blankInterface({
    id: ctx.state.nextId("interface"),
    systemId: node.data.system_id,
    type,
    name,
    macAddress: mac,
    vlanId: vlan?.id ?? null,
    numaNode: type === "physical" && kindOf(node) !== "device" ? 0 : null,
  });
}

function applyCommon(state: SimulatorState, nic: SimInterface, common: Common): void {
  if (common.vlan !== undefined) {
    const vlanId = common.vlan?.id ?? null;
    if (nic.vlanId !== vlanId) {
      // Links to subnets of another VLAN cannot stay.
      nic.links = nic.links.filter((link) =>
        link.subnetId === null
          ? vlanId !== null
          : state.networking.subnet(link.subnetId)?.vlanId === vlanId
      );
    }
    nic.vlanId = vlanId;
  }
  if (common.tags !== undefined) nic.tags = common.tags;
  if (common.name !== undefined) nic.name = common.name;
  if (common.mac !== undefined) nic.macAddress = common.mac;
  const setParam = (key: string, value: number | boolean | null | undefined) => {
    if (value === undefined) return;
    if (value === null) delete nic.params[key];
    else nic.params[key] = value;
  };
  setParam("mtu", common.mtu);
  setParam("accept-ra", common.acceptRa);
  setParam("autoconf", common.autoconf);
  if (common.linkConnected !== undefined) nic.linkConnected = common.linkConnected;
  if (typeof common.interfaceSpeed === "number") nic.interfaceSpeed = common.interfaceSpeed;
  if (typeof common.linkSpeed === "number") nic.linkSpeed = common.linkSpeed;
  if (common.linkConnected === false) nic.linkSpeed = 0;
}

/**
 * The address an interface form's `ip_assignment` asks for: a DHCP link (`dynamic`), or a static
 * link with `ip_address` in the subnet that holds it (`static`, `external`).
 */
function applyAssignment(state: SimulatorState, nic: SimInterface, common: Common): void {
  if (common.ipAssignment === undefined) return;
  if (common.ipAssignment === "dynamic") {
    nic.links = [{ id: state.nextId("link"), mode: "dhcp", subnetId: null, ipAddress: null }];
    return;
  }
  const subnet = subnetForAddress(state, common.ipAddress!)!;
  nic.links = [{
    id: state.nextId("link"),
    mode: "static",
    subnetId: subnet.id,
    ipAddress: common.ipAddress!,
  }];
  nic.vlanId ??= subnet.vlanId;
}

/** Interfaces of the node named by ids in `values`; unknown ids are field errors. */
function readParents(
  set: NodeInterfaceSet,
  values: string[],
  field: string,
  errors: FormErrors,
): SimInterface[] {
  const parents: SimInterface[] = [];
  for (const value of values) {
    const nic = /^\d+$/.test(value.trim())
      ? set.list.find((item) => item.id === Number(value))
      : undefined;
    if (!nic) {
      errors.add(field, `Select a valid choice. ${value} is not one of the available choices.`);
    } else if (!parents.includes(nic)) parents.push(nic);
  }
  return parents;
}

/** Parents give their addresses up when they join a bond or a bridge. */
function adopt(child: SimInterface, parents: SimInterface[]): void {
  child.parentIds = parents.map((parent) => parent.id);
  if (child.type !== "vlan") { for (const parent of parents) parent.links = []; }
}

function setBondParams(nic: SimInterface, data: Fields, errors: FormErrors, created: boolean) {
  const values: Record<string, unknown> = {
    bond_mode: readChoice(data, "bond_mode", BOND_MODES, errors),
    bond_miimon: readInteger(data, "bond_miimon", errors),
    bond_downdelay: readInteger(data, "bond_downdelay", errors),
    bond_updelay: readInteger(data, "bond_updelay", errors),
    bond_num_grat_arp: readInteger(data, "bond_num_grat_arp", errors, 0, 255),
    bond_lacp_rate: readChoice(data, "bond_lacp_rate", LACP_RATES, errors),
    bond_xmit_hash_policy: readChoice(data, "bond_xmit_hash_policy", XMIT_HASH_POLICIES, errors),
  };
  const defaults: Record<string, unknown> = {
    bond_mode: "balance-rr",
    bond_miimon: 100,
    bond_downdelay: 0,
    bond_updelay: 0,
    bond_num_grat_arp: 1,
    bond_lacp_rate: "fast",
    bond_xmit_hash_policy: "layer2",
  };
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null) nic.params[key] = value;
    else if (created) nic.params[key] = defaults[key];
  }
}

function setBridgeParams(nic: SimInterface, data: Fields, errors: FormErrors, created: boolean) {
  const values: Record<string, unknown> = {
    bridge_type: readChoice(data, "bridge_type", BRIDGE_TYPES, errors),
    bridge_stp: readNullBool(data, "bridge_stp"),
    bridge_fd: readInteger(data, "bridge_fd", errors),
  };
  const defaults: Record<string, unknown> = {
    bridge_type: "standard",
    bridge_stp: false,
    bridge_fd: 15,
  };
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null) nic.params[key] = value;
    else if (created) nic.params[key] = defaults[key];
  }
}

/** Adds a new interface to the node, settles the node and answers it. */
function finish(
  ctx: AuthContext,
  set: NodeInterfaceSet,
  nic: SimInterface,
  common: Common,
): Reply {
  set.list.push(nic);
  applyAssignment(ctx.state, nic, common);
  ensureLinkUp(ctx.state, nic);
  settle(set);
  return reply(ctx.state, set, nic);
}

// ---------------------------------------------------------------------------------------------
// Creating

function createPhysical(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  refuseController(node, "create");
  if (kindOf(node) === "machine") {
    if (!ctx.user.isSuperuser) throw ReplyError.forbidden("");
    requireEditableState(node, "create");
  } else requireEdit(ctx, node);
  const set = ctx.state.interfaces.of(node.data.system_id);
  const errors = new FormErrors();
  const common = readCommon(ctx, node, set, null, errors);
  if (!ctx.data.get("mac_address")?.trim()) errors.add("mac_address", REQUIRED);
  else if (common.mac) {
    const owner = macOwner(ctx.state, common.mac, null);
    if (owner) errors.add("mac_address", `This MAC address is already in use by ${owner}.`);
  }
  if (ctx.data.has("parents")) errors.add("parents", "A physical interface cannot have parents.");
  const numaNode = readInteger(ctx.data, "numa_node", errors);
  const enabled = readNullBool(ctx.data, "enabled");
  errors.throwIfAny();
  const used = set.list.map((nic) => /^eth(\d+)$/.exec(nic.name)?.[1])
    .filter((number) => number !== undefined).map(Number);
  const name = common.name ?? `eth${used.length === 0 ? 0 : Math.max(...used) + 1}`;
  const nic = newNic(ctx, node, "physical", name, common.mac!, null);
  applyCommon(ctx.state, nic, { ...common, name });
  if (typeof numaNode === "number") nic.numaNode = numaNode;
  if (enabled !== undefined && enabled !== null) nic.enabled = enabled;
  return finish(ctx, set, nic, common);
}

function createBond(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Machine");
  ctx.requireAdmin();
  requireEditableState(node, "create bond");
  const set = ctx.state.interfaces.of(node.data.system_id);
  const errors = new FormErrors();
  const common = readCommon(ctx, node, set, null, errors);
  if (common.name === undefined && !errors.has("name")) errors.add("name", REQUIRED);
  const parents = readParents(set, ctx.data.getAll("parents"), "parents", errors);
  if (!errors.has("parents")) {
    if (parents.length === 0) {
      errors.add("parents", "A bond interface must have one or more parents.");
    } else if (parents.some((parent) => parent.type !== "physical")) {
      errors.add("parents", "Only physical interfaces can be bonded.");
    } else {
      const busy = parents.filter((parent) => childrenOf(set, parent).length > 0)
        .map((parent) => parent.name).sort();
      if (busy.length > 0) errors.add("parents", `Interfaces already in-use: ${busy.join(", ")}.`);
      const vlanId = common.vlan !== undefined ? common.vlan?.id ?? null : parents[0].vlanId;
      if (parents.some((parent) => parent.vlanId !== vlanId)) {
        errors.add("parents", "All parents must belong to the same VLAN.");
      }
    }
  }
  const probe = blankInterface({ id: 0, systemId: "", type: "bond", name: "" });
  setBondParams(probe, ctx.data, errors, true);
  errors.throwIfAny();
  const members = parents.map((parent) => set.list.find((nic) => nic.id === parent.id)!);
  const vlan = common.vlan !== undefined
    ? common.vlan
    : ctx.state.networking.vlan(members[0].vlanId) ?? null;
  const nic = newNic(ctx, node, "bond", common.name!, common.mac ?? members[0].macAddress, vlan);
  applyCommon(ctx.state, nic, { ...common, vlan: undefined });
  nic.params = { ...nic.params, ...probe.params };
  if (common.interfaceSpeed === undefined) {
    nic.interfaceSpeed = members.reduce((sum, parent) => sum + parent.interfaceSpeed, 0);
  }
  if (common.linkSpeed === undefined) {
    nic.linkSpeed = members.reduce((sum, parent) => sum + parent.linkSpeed, 0);
  }
  adopt(nic, members);
  return finish(ctx, set, nic, common);
}

function createBridge(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Machine");
  ctx.requireAdmin();
  requireEditableState(node, "create bridge");
  const { data } = ctx;
  if (data.has("parent") && data.has("parents")) {
    throw ReplyError.badRequest("Cannot specify both parent and parents fields.");
  }
  const set = ctx.state.interfaces.of(node.data.system_id);
  const errors = new FormErrors();
  const acquired = node.data.status === NodeStatus.ALLOCATED;
  const common = readCommon(ctx, node, set, null, errors);
  if (acquired) delete common.vlan;
  if (common.name === undefined && !errors.has("name")) errors.add("name", REQUIRED);
  const given = data.has("parent") ? data.getAll("parent") : data.getAll("parents");
  const parents = readParents(set, given, "parent", errors);
  if (!errors.has("parent")) {
    if (parents.length === 0) {
      errors.add("parent", "A bridge interface must have at least one parent.");
    } else if (parents.some((parent) => parent.type === "bridge")) {
      errors.add("parent", "A bridge interface can't have another bridge interface as parent.");
    } else if (
      parents.some((parent) =>
        childrenOf(set, parent).some((child) => child.type === "bond" || child.type === "bridge")
      )
    ) {
      errors.add(
        "parent",
        "A bridge interface can't have a parent that is already in a bond or a bridge.",
      );
    }
  }
  const probe = blankInterface({ id: 0, systemId: "", type: "bridge", name: "" });
  setBridgeParams(probe, data, errors, true);
  errors.throwIfAny();
  const members = parents.map((parent) => set.list.find((nic) => nic.id === parent.id)!);
  const parent = members[0];
  const vlan = common.vlan !== undefined
    ? common.vlan
    : ctx.state.networking.vlan(parent.vlanId) ?? null;
  const nic = newNic(ctx, node, "bridge", common.name!, common.mac ?? parent.macAddress, vlan);
  applyCommon(ctx.state, nic, { ...common, vlan: undefined });
  nic.params = { ...nic.params, ...probe.params };
  if (common.interfaceSpeed === undefined) nic.interfaceSpeed = parent.interfaceSpeed;
  if (common.linkSpeed === undefined) nic.linkSpeed = parent.linkSpeed;
  // On an allocated machine the parent's links move to the new bridge.
  const moved = acquired ? parent.links.filter((link) => link.mode !== "link_up") : [];
  adopt(nic, members);
  nic.links = moved;
  return finish(ctx, set, nic, common);
}

function createVlanInterface(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Machine");
  ctx.requireAdmin();
  requireEditableState(node, "create VLAN");
  const { data, state } = ctx;
  const set = state.interfaces.of(node.data.system_id);
  const errors = new FormErrors();
  const common = readCommon(ctx, node, set, null, errors);
  const given = data.has("parent") ? data.getAll("parent") : data.getAll("parents");
  const parents = readParents(set, given, "parent", errors);
  if (!errors.has("parent")) {
    if (parents.length !== 1) {
      errors.add("parent", "A VLAN interface must have exactly one parent.");
    } else if (parents[0].type === "vlan") {
      errors.add("parent", "A VLAN interface can't have another VLAN interface as parent.");
    } else if (childrenOf(set, parents[0]).some((child) => child.type === "bond")) {
      errors.add("parent", "A VLAN interface can't have a parent that is already in a bond.");
    }
  }
  if (!errors.has("vlan")) {
    if (!common.vlan) {
      errors.add("vlan", "A VLAN interface must be connected to a tagged VLAN.");
    } else if (common.vlan.vid === 0) {
      errors.add("vlan", "A VLAN interface can only belong to a tagged VLAN.");
    }
  }
  if (!errors.has("vlan") && !errors.has("parent")) {
    const parentVlan = state.networking.vlan(parents[0].vlanId);
    if (parentVlan?.fabricId !== common.vlan!.fabricId) {
      errors.add(
        "vlan",
        "A VLAN interface can only belong to a tagged VLAN on the same fabric as its parent " +
          "interface.",
      );
    } else if (common.name === undefined) {
      common.name = `${parents[0].name}.${common.vlan!.vid}`;
      if (set.list.some((nic) => nic.name === common.name)) {
        errors.add(
          "name",
          `Node ${node.data.system_id} (${nodeFqdn(state, node)}) already has an ` +
            `interface named '${common.name}'.`,
        );
      }
    }
  }
  errors.throwIfAny();
  const parent = set.list.find((nic) => nic.id === parents[0].id)!;
  const nic = newNic(ctx, node, "vlan", common.name!, parent.macAddress, common.vlan!);
  applyCommon(state, nic, { ...common, vlan: undefined });
  if (common.interfaceSpeed === undefined) nic.interfaceSpeed = parent.interfaceSpeed;
  if (common.linkSpeed === undefined) nic.linkSpeed = parent.linkSpeed;
  adopt(nic, [parent]);
  return finish(ctx, set, nic, common);
}

// ---------------------------------------------------------------------------------------------
// One interface

function updateNic(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const set = ctx.state.interfaces.of(node.data.system_id);
  const nic = findNic(ctx, set);
  requireEdit(ctx, node);
  requireEditableState(node, "update interface", true);
  const { data, state } = ctx;
  const kind = kindOf(node);
  if (kind === "controller" && nic.type === "vlan") {
    throw ReplyError.forbidden("Cannot modify VLAN interface on controller.");
  }
  const errors = new FormErrors();
  const common = readCommon(ctx, node, set, nic, errors);
  if (common.mac && nic.type === "physical") {
    const owner = macOwner(state, common.mac, nic);
    if (owner) errors.add("mac_address", `This MAC address is already in use by ${owner}.`);
  }
  const deployed = node.data.status === NodeStatus.DEPLOYED && kind === "machine";
  const full = kind !== "controller" && !deployed;
  let parents: SimInterface[] | undefined;
  if (full && nic.type === "vlan" && !errors.has("vlan") && data.has("vlan")) {
    if (!common.vlan) {
      errors.add("vlan", "A VLAN interface must be connected to a tagged VLAN.");
    } else if (common.vlan.vid === 0) {
      errors.add("vlan", "A VLAN interface can only belong to a tagged VLAN.");
    }
  }
  if (full && (nic.type === "bond" || nic.type === "bridge")) {
    const field = data.has("parents") ? "parents" : data.has("parent") ? "parent" : null;
    if (field !== null) {
      parents = readParents(set, data.getAll(field), field, errors);
      if (!errors.has(field) && parents.length === 0) {
        errors.add(field, `A ${nic.type} interface must have one or more parents.`);
      }
    }
  }
  if (full && nic.type === "physical" && data.has("parents")) {
    errors.add("parents", "A physical interface cannot have parents.");
  }
  if (full && nic.type === "bond") setBondParams(nic, data, errors, false);
  if (full && nic.type === "bridge") setBridgeParams(nic, data, errors, false);
  const numaNode = nic.type === "physical" ? readInteger(data, "numa_node", errors) : undefined;
  errors.throwIfAny();

  if (kind === "controller") {
    applyCommon(state, nic, {
      vlan: common.vlan,
      linkConnected: common.linkConnected,
      interfaceSpeed: common.interfaceSpeed,
      linkSpeed: common.linkSpeed,
    });
  } else if (deployed) {
    applyCommon(state, nic, {
      name: common.name,
      mac: common.mac,
      linkConnected: common.linkConnected,
      interfaceSpeed: common.interfaceSpeed,
      linkSpeed: common.linkSpeed,
    });
  } else {
    applyCommon(state, nic, common);
    const enabled = readNullBool(data, "enabled");
    if (enabled !== undefined && enabled !== null) nic.enabled = enabled;
    if (typeof numaNode === "number") nic.numaNode = numaNode;
    if (parents) adopt(nic, parents);
    applyAssignment(state, nic, common);
    ensureLinkUp(state, nic);
  }
  settle(set);
  return reply(state, set, nic);
}

function deleteNic(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const set = ctx.state.interfaces.of(node.data.system_id);
  const nic = findNic(ctx, set);
  requireEdit(ctx, node);
  refuseController(node, "delete interface");
  requireEditableState(node, "delete interface");
  const gone = new Set<SimInterface>([nic]);
  // VLAN interfaces go with their parent; a bond or bridge goes with its last parent.
  let grew = true;
  while (grew) {
    grew = false;
    for (const other of set.list) {
      if (gone.has(other) || other.parentIds.length === 0) continue;
      const left = other.parentIds.filter((id) => ![...gone].some((removed) => removed.id === id));
      if (other.type === "vlan" ? left.length < other.parentIds.length : left.length === 0) {
        gone.add(other);
        grew = true;
      }
    }
  }
  const ids = new Set([...gone].map((item) => item.id));
  set.list = set.list.filter((item) => !gone.has(item));
  for (const other of set.list) {
    other.parentIds = other.parentIds.filter((id) => !ids.has(id));
    if (other.type === "physical") ensureLinkUp(ctx.state, other);
  }
  if (set.bootId !== null && ids.has(set.bootId)) set.bootId = null;
  settle(set);
  return { status: 204, contentType: "text/html; charset=utf-8", body: "" };
}

function linkSubnet(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const set = ctx.state.interfaces.of(node.data.system_id);
  const nic = findNic(ctx, set);
  requireEdit(ctx, node);
  refuseController(node, "link subnet");
  requireEditableState(node, "link subnet");
  const { state, data } = ctx;
  const force = stringBool(data, "force", false);
  const allowed: readonly string[] = kindOf(node) === "machine" ? LINK_MODES : ["static"];
  const errors = new FormErrors();
  for (const child of childrenOf(set, nic)) {
    if (child.type === "bond") {
      errors.add(
        "bond",
        `Cannot link interface(${nic.name}) when interface is in a bond(${child.name}).`,
      );
    }
  }
  const modeGiven = data.get("mode");
  const mode = modeGiven?.trim().toLowerCase() as SimLinkMode | undefined;
  if (!modeGiven || modeGiven.trim() === "") errors.add("mode", REQUIRED);
  else if (!allowed.includes(mode!)) errors.add("mode", invalidChoice("mode", modeGiven, allowed));
  let subnet: SimSubnet | undefined;
  const subnetGiven = (data.get("subnet") ?? "").trim();
  if (subnetGiven !== "") {
    subnet = state.networking.subnets.find((candidate) =>
      (String(candidate.id) === subnetGiven || candidate.cidr === subnetGiven) &&
      (nic.vlanId === null || force || candidate.vlanId === nic.vlanId)
    );
    if (!subnet) errors.add("subnet", INVALID_CHOICE);
  }
  const ipGiven = (data.get("ip_address") ?? "").trim();
  if (ipGiven !== "" && !parseAddress(ipGiven)) {
    errors.add("ip_address", "Enter a valid IPv4 or IPv6 address.");
  }
  const defaultGateway = data.has("default_gateway") && !["", "false", "0"].includes(
    (data.get("default_gateway") ?? "").trim().toLowerCase(),
  );
  if (!errors.has("mode") && mode) {
    if ((mode === "auto" || mode === "static") && !subnet && !errors.has("subnet")) {
      errors.add("subnet", REQUIRED);
    }
    if (mode === "dhcp") {
      const dhcp = nic.links.find((link) => link.mode === "dhcp");
      if (dhcp) {
        const dhcpSubnet = state.networking.subnet(dhcp.subnetId);
        errors.add(
          "mode",
          dhcpSubnet
            ? `Interface is already set to DHCP from '${subnetName(state, dhcpSubnet)}'.`
            : "Interface is already set to DHCP.",
        );
      }
    }
    if (mode === "static" && subnet && ipGiven && parseAddress(ipGiven)) {
      const network = parseNetwork(subnet.cidr)!;
      const address = parseAddress(ipGiven)!;
      if (
        address.version !== network.version || address.value < network.first ||
        address.value > network.last
      ) {
        errors.add(
          "ip_address",
          `IP address is not in the given subnet '${subnetName(state, subnet)}'.`,
        );
      }
      const dynamic = dynamicRangeHolding(state, subnet, ipGiven);
      if (dynamic) {
        errors.add(
          "ip_address",
          `IP address is inside a dynamic range ${dynamic.startIp} to ${dynamic.endIp}.`,
        );
      }
    }
    if (mode === "link_up" && !force && nic.links.some((link) => link.mode !== "link_up")) {
      errors.add(
        "mode",
        "Cannot configure interface to link up (with no IP address) while other links are " +
          "already configured. Specify force=True to override this behavior and delete all links.",
      );
    }
    if (defaultGateway) {
      if (mode !== "auto" && mode !== "static") {
        errors.add("default_gateway", `Cannot use in mode '${mode}'.`);
      } else if (!subnet) {
        errors.add("default_gateway", "Subnet is required when default_gateway is True.");
      } else if (!subnet.gatewayIp) {
        errors.add(
          "default_gateway",
          `Cannot set as default gateway because subnet ${subnetName(state, subnet)} doesn't ` +
            "provide a gateway IP address.",
        );
      }
    }
  }
  errors.throwIfAny();

  let ip: string | null = null;
  if (mode === "static") {
    if (ipGiven) {
      if (addressTaken(state, ipGiven)) {
        throw new ReplyError(text("IP address is already in use.", 404));
      }
      ip = ipGiven;
    } else {
      ip = freeAddress(state, subnet!);
      if (!ip) throw new ReplyError(text(`No more IPs available in subnet: ${subnet!.cidr}.`, 503));
    }
  }
  if (mode === "link_up" || force) nic.links = [];
  if (subnet && (nic.vlanId === null || force)) nic.vlanId = subnet.vlanId;
  const link: SimLink = {
    id: state.nextId("link"),
    mode: mode!,
    subnetId: subnet?.id ?? null,
    ipAddress: ip,
  };
  nic.links.push(link);
  ensureLinkUp(state, nic);
  if (defaultGateway) setGateway(state, set, link);
  settle(set);
  return reply(state, set, nic);
}

function setGateway(state: SimulatorState, set: NodeInterfaceSet, link: SimLink): void {
  if (linkFamily(state, link) === 6) set.gateways.ipv6 = link.id;
  else set.gateways.ipv4 = link.id;
}

function unlinkSubnet(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const set = ctx.state.interfaces.of(node.data.system_id);
  const nic = findNic(ctx, set);
  requireEdit(ctx, node);
  refuseController(node, "link subnet");
  requireEditableState(node, "unlink subnet");
  const given = ctx.data.get("id");
  const ids = nic.links.map((link) => link.id);
  if (given === undefined || given.trim() === "") throw ReplyError.invalid({ id: [REQUIRED] });
  if (!ids.some((id) => String(id) === given.trim())) {
    throw ReplyError.invalid({ id: [invalidChoice("id", given, ids)] });
  }
  nic.links = nic.links.filter((link) => String(link.id) !== given.trim());
  ensureLinkUp(ctx.state, nic);
  settle(set);
  return reply(ctx.state, set, nic);
}

function setDefaultGateway(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const set = ctx.state.interfaces.of(node.data.system_id);
  const nic = findNic(ctx, set);
  requireEdit(ctx, node);
  refuseController(node, "link subnet");
  requireEditableState(node, "set default gateway");
  const { state } = ctx;
  const usable = nic.links.flatMap((link) => {
    if (!["auto", "static", "dhcp"].includes(link.mode)) return [];
    const subnet = state.networking.subnet(link.subnetId);
    return subnet?.gatewayIp ? [{ link, subnet }] : [];
  });
  if (usable.length === 0) {
    throw ReplyError.invalid({ __all__: ["This interface has no usable gateways."] });
  }
  const chosen: SimLink[] = [];
  const given = (ctx.data.get("link_id") ?? "").trim();
  if (given !== "") {
    const found = usable.find((item) => String(item.link.id) === given);
    if (!found) {
      throw ReplyError.invalid({
        link_id: [invalidChoice("link_id", given, usable.map((item) => item.link.id))],
      });
    }
    chosen.push(found.link);
  } else {
    const families = new Map<number, Set<string>>();
    for (const { subnet } of usable) {
      const version = parseNetwork(subnet.cidr)!.version;
      if (!families.has(version)) families.set(version, new Set());
      families.get(version)!.add(subnet.gatewayIp!);
    }
    const tooMany = [...families].filter(([, gateways]) => gateways.size > 1).map(([v]) => v)
      .sort();
    if (tooMany.length > 0) {
      throw ReplyError.invalid({
        link_id: [
          `This field is required; Interface has more than one usable ${
            tooMany.map((version) => `IPv${version}`).join(" and ")
          } gateway${tooMany.length > 1 ? "s" : ""}.`,
        ],
      });
    }
    for (const version of [4, 6]) {
      const first = usable.find((item) => parseNetwork(item.subnet.cidr)!.version === version);
      if (first) chosen.push(first.link);
    }
  }
  for (const link of chosen) setGateway(state, set, link);
  settle(set);
  return reply(state, set, nic);
}

function disconnect(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const set = ctx.state.interfaces.of(node.data.system_id);
  const nic = findNic(ctx, set);
  requireEdit(ctx, node);
  refuseController(node, "disconnect");
  requireEditableState(node, "disconnect");
  nic.links = [];
  nic.vlanId = null;
  settle(set);
  return reply(ctx.state, set, nic);
}

function changeTag(ctx: AuthContext, add: boolean): Reply {
  const node = findNode(ctx, "Node");
  const set = ctx.state.interfaces.of(node.data.system_id);
  const nic = findNic(ctx, set);
  requireEdit(ctx, node);
  const tag = ctx.form.get("tag");
  if (tag === undefined) throw missingParam("tag");
  if (add && !nic.tags.includes(tag)) nic.tags = [...nic.tags, tag];
  if (!add) nic.tags = nic.tags.filter((existing) => existing !== tag);
  return reply(ctx.state, set, nic);
}

/**
 * Register `nodes/{system_id}/interfaces/` and `nodes/{system_id}/interfaces/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerInterfaces } from "./routes.ts";
 * registerInterfaces(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerInterfaces(table: RouteTable): void {
  const common = ":param tags: Optional. Tags of the interface, separated by commas.\n" +
    ":param mtu: Optional. The interface's MTU (552 and up).\n" +
    ":param accept_ra: Optional. Accept IPv6 router advertisements.";
  const bondParams = ":param bond_mode: Optional. The bonding mode: balance-rr (the default), " +
    "active-backup, balance-xor, broadcast, 802.3ad, balance-tlb or balance-alb.\n" +
    ":param bond_miimon: Optional. Link monitoring interval in milliseconds (100).\n" +
    ":param bond_downdelay: Optional. Milliseconds before a failed member is disabled (0).\n" +
    ":param bond_updelay: Optional. Milliseconds before a recovered member is enabled (0).\n" +
    ":param bond_lacp_rate: Optional. LACPDU rate for 802.3ad: fast (the default) or slow.\n" +
    ":param bond_xmit_hash_policy: Optional. The transmit hash policy: layer2 (the default), " +
    "layer2+3, layer3+4, encap2+3 or encap3+4.\n" +
    ":param bond_num_grat_arp: Optional. Peer notifications after a failover, 0 to 255 (1).";
  const bridgeParams = ":param bridge_type: Optional. standard (the default) or ovs.\n" +
    ":param bridge_stp: Optional. Turn the spanning tree protocol on.\n" +
    ":param bridge_fd: Optional. The bridge's forward delay in seconds (15).";
  table.resource({
    path: "nodes/{system_id}/interfaces/",
    auth: {
      name: "InterfacesHandler",
      doc: "The interfaces of a node.",
      actions: {
        "GET read": {
          doc: "List the interfaces of a machine, device or controller.",
          run: (ctx) => {
            const node = findNode(ctx, "Node");
            const set = ctx.state.interfaces.of(node.data.system_id);
            return json(set.list.map((nic) => interfaceJson(ctx.state, nic, set.list)));
          },
        },
        "POST create_physical": {
          doc: "Add a physical interface.\n\n" +
            ":param name: Optional. The interface's name (the next free ethN).\n" +
            ":param mac_address: Required. Its MAC address, unique among physical interfaces.\n" +
            ":param vlan: Optional. Id of the untagged VLAN it is on; none leaves it " +
            "disconnected.\n" + common,
          run: createPhysical,
        },
        "POST create_bond": {
          doc: "Bond physical interfaces of a machine.\n\n" +
            ":param name: Required. The bond's name.\n" +
            ":param mac_address: Optional. Its MAC address (the first parent's).\n" +
            ":param parents: Required. Ids of the interfaces to bond, all on one VLAN; repeat " +
            "for each.\n" +
            ":param vlan: Optional. Id of the VLAN it is on (the parents').\n" + bondParams + "\n" +
            common,
          run: createBond,
        },
        "POST create_bridge": {
          doc: "Put a bridge on an interface of a machine.\n\n" +
            ":param name: Required. The bridge's name.\n" +
            ":param mac_address: Optional. Its MAC address (the parent's).\n" +
            ":param parent: Required. Id of the interface to bridge.\n" +
            ":param parents: Optional. The other name of parent.\n" +
            ":param vlan: Optional. Id of the VLAN it is on (the parent's).\n" + bridgeParams +
            "\n" + common,
          run: createBridge,
        },
        "POST create_vlan": {
          doc: "Add a VLAN interface on an interface of a machine.\n\n" +
            ":param vlan: Required. Id of a tagged VLAN on the parent's fabric.\n" +
            ":param parent: Required. Id of the interface the VLAN rides on.\n" + common,
          run: createVlanInterface,
        },
      },
    },
  });
  table.resource({
    path: "nodes/{system_id}/interfaces/{id}/",
    auth: {
      name: "InterfaceHandler",
      doc: "One interface of a node.",
      actions: {
        "GET read": {
          doc: "Read an interface.",
          run: (ctx) => {
            const set = ctx.state.interfaces.of(findNode(ctx, "Node").data.system_id);
            return reply(ctx.state, set, findNic(ctx, set));
          },
        },
        "PUT update": {
          doc: "Change an interface; what is left out stays. A deployed machine's interface " +
            "takes only a new name and MAC address; a controller's only its VLAN.\n\n" +
            ":param name: Optional. The interface's name.\n" +
            ":param mac_address: Optional. Its MAC address.\n" +
            ":param vlan: Optional. Id of the VLAN it is on.\n" +
            ":param parents: Optional. Ids of a bond's or bridge's parents; repeat for each.\n" +
            ":param parent: Optional. The other name of parents.\n" + bridgeParams + "\n" +
            bondParams + "\n" + common + "\n" +
            ":param link_connected: Optional. Whether a cable is connected.\n" +
            ":param interface_speed: Optional. The speed the interface supports, in Mbit/s.\n" +
            ":param link_speed: Optional. The speed of its link, in Mbit/s.",
          run: updateNic,
        },
        "DELETE delete": {
          doc: "Delete an interface, with the VLAN interfaces on it.",
          run: deleteNic,
        },
        "POST link_subnet": {
          doc: "Link the interface to a subnet.\n\n" +
            ":param mode: Required. auto (an address given at deployment), dhcp, static or " +
            "link_up (no address).\n" +
            ":param subnet: Optional. Id of the subnet; needed by auto and static.\n" +
            ":param ip_address: Optional. The address of a static link (a free one otherwise).\n" +
            ":param force: Optional. Replace the other links, and allow a subnet of another VLAN.\n" +
            ":param default_gateway: Optional. Make the subnet's gateway the node's default one " +
            "(auto and static).",
          run: linkSubnet,
        },
        "POST unlink_subnet": {
          doc: "Remove a link of the interface.\n\n:param id: Required. The link's id.",
          run: unlinkSubnet,
        },
        "POST set_default_gateway": {
          doc: "Make a linked subnet's gateway the node's default gateway.\n\n" +
            ":param link_id: Optional. The link to use; needed when several gateways of an " +
            "address family are usable.",
          run: setDefaultGateway,
        },
        "POST disconnect": {
          doc: "Remove every link of the interface, and its VLAN.",
          run: disconnect,
        },
        "POST add_tag": {
          doc: "Add a tag to the interface.\n\n:param tag: Required. The tag.",
          run: (ctx) => changeTag(ctx, true),
        },
        "POST remove_tag": {
          doc: "Remove a tag from the interface.\n\n:param tag: Required. The tag.",
          run: (ctx) => changeTag(ctx, false),
        },
      },
    },
  });
}
