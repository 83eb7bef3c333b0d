/**
 * A node's network interfaces: `nodes/{system_id}/interfaces/` (list; create physical, bond,
 * bridge and VLAN interfaces) and `nodes/{system_id}/interfaces/{id}/` (read, update, delete,
 * links to subnets, default gateway, tags).
 *
 * The interfaces are the `interface_set` records of the node (machine, device or controller), kept
 * in place so that the node's own JSON shows every change. As on MAAS, a machine's interfaces
 * change only while it is New, Ready, Allocated, Broken or Failed testing (updates also while
 * Deployed): otherwise 409. Controllers' interfaces cannot be created, linked or deleted.
 *
 * @module
 */

import { NodeStatus, type SimSubnet, type SimVlan } from "../../inventory.ts";
import { missingParam, nullBooleanField, stringBool } from "../../maas_forms.ts";
import { json, type Reply, ReplyError, text } from "../../reply.ts";
import type { FormFields } from "../../request.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { normaliseMac } from "../machines/routes.ts";
import { parseAddress, parseNetwork } from "../networking/addresses.ts";
import {
  addressTaken,
  allNetworkNodes,
  freeAddress,
  refreshNodeNetworking,
} from "../networking/routes.ts";
import type { SimMachine } from "../nodes/model.ts";
import { subnetJson, vlanJson } from "../networking/routes.ts";

const API = "/MAAS/api/2.0/";
const REQUIRED = "This field is required.";
const INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices.";
const LINK_MODES = ["auto", "dhcp", "static", "link_up"];
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

type Nic = Record<string, unknown>;
type Link = Record<string, unknown>;
type Errors = Record<string, string[]>;

function addError(errors: Errors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

function throwIfErrors(errors: Errors): void {
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
}

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
  const node = allNetworkNodes(ctx.state).find((candidate) =>
    candidate.data.system_id === ctx.params.system_id
  );
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

function nicsOf(node: SimMachine): Nic[] {
  if (!Array.isArray(node.data.interface_set)) node.data.interface_set = [];
  return node.data.interface_set as Nic[];
}

function linksOf(nic: Nic): Link[] {
  if (!Array.isArray(nic.links)) nic.links = [];
  return nic.links as Link[];
}

function namesOf(nic: Nic, field: "parents" | "children"): string[] {
  if (!Array.isArray(nic[field])) nic[field] = [];
  return nic[field] as string[];
}

function paramsOf(nic: Nic): Record<string, unknown> {
  if (!nic.params || typeof nic.params !== "object") nic.params = {};
  return nic.params as Record<string, unknown>;
}

function vlanIdOf(nic: Nic): number | null {
  return (nic.vlan as { id?: number } | null | undefined)?.id ?? null;
}

function findNic(ctx: AuthContext, node: SimMachine): Nic {
  const id = ctx.params.id;
  const nic = /^\d+$/.test(id) ? nicsOf(node).find((item) => item.id === Number(id)) : undefined;
  if (!nic) throw ReplyError.notFound("Interface");
  return nic;
}

function render(state: SimulatorState, node: SimMachine, nic: Nic): Reply {
  refreshNodeNetworking(state, [node]);
  return json(nic);
}

/** Keep what the node shows of its addresses in step with its links. */
function settle(state: SimulatorState, node: SimMachine): void {
  const addresses: string[] = [];
  for (const nic of nicsOf(node)) {
    for (const link of linksOf(nic)) {
      if (typeof link.ip_address === "string" && link.ip_address) addresses.push(link.ip_address);
    }
  }
  node.data.ip_addresses = addresses;
  const gateways = node.data.default_gateways as
    | Record<string, { gateway_ip: string | null; link_id: number | null }>
    | undefined;
  if (gateways) {
    const linkIds = new Set(nicsOf(node).flatMap((nic) => linksOf(nic).map((link) => link.id)));
    for (const family of ["ipv4", "ipv6"]) {
      const gateway = gateways[family];
      if (
        gateway?.link_id !== null && gateway?.link_id !== undefined && !linkIds.has(gateway.link_id)
      ) {
        gateways[family] = { gateway_ip: null, link_id: null };
      }
    }
  }
  refreshNodeNetworking(state, [node]);
}

/** MAAS's ensure_link_up: a connected interface without links gets a bare `link_up` one. */
function ensureLinkUp(state: SimulatorState, nic: Nic): void {
  const links = linksOf(nic);
  if (links.length > 0) {
    const bare = links.filter((link) => link.mode === "link_up" && !link.ip_address);
    if (bare.length > 0 && bare.length < links.length) {
      nic.links = links.filter((link) => !bare.includes(link));
    }
  } else if (vlanIdOf(nic) !== null) {
    nic.links = [{ id: state.nextId("link"), mode: "link_up" }];
  }
}

function subnetName(subnet: SimSubnet, state: SimulatorState): string {
  const vlan = state.site.vlans.find((candidate) => candidate.id === subnet.vlanId);
  return `${subnet.name}:${subnet.cidr}(vid=${vlan?.vid ?? 0})`;
}

// ---------------------------------------------------------------------------------------------
// Forms

interface Common {
  vlan?: SimVlan | null;
  tags?: string[];
  mtu?: number | null;
  acceptRa?: boolean | null;
  name?: string;
  mac?: string;
}

function readVlan(
  state: SimulatorState,
  data: FormFields,
  errors: Errors,
): SimVlan | null | undefined {
  if (!data.has("vlan")) return undefined;
  const given = (data.get("vlan") ?? "").trim();
  if (given === "") return null;
  const vlan = /^\d+$/.test(given)
    ? state.site.vlans.find((candidate) => candidate.id === Number(given))
    : undefined;
  if (!vlan) addError(errors, "vlan", INVALID_CHOICE);
  return vlan;
}

function readInteger(
  data: FormFields,
  field: string,
  errors: Errors,
  min = 0,
  max?: number,
): number | null | undefined {
  const given = data.get(field);
  if (given === undefined) return undefined;
  if (given.trim() === "") return null;
  if (!/^[-+]?\d+$/.test(given.trim())) {
    addError(errors, field, "Enter a whole number.");
    return undefined;
  }
  const value = Number(given);
  if (value < min) {
    addError(errors, field, `Ensure this value is greater than or equal to ${min}.`);
    return undefined;
  }
  if (max !== undefined && value > max) {
    addError(errors, field, `Ensure this value is less than or equal to ${max}.`);
    return undefined;
  }
  return value;
}

/** Django's NullBooleanField of a form that changes only the fields sent (undefined: not sent). */
function readNullBool(data: FormFields, field: string): boolean | null | undefined {
  return data.has(field) ? nullBooleanField(data, field) : undefined;
}

function readChoice(
  data: FormFields,
  field: string,
  choices: readonly string[],
  errors: Errors,
): string | undefined {
  const given = data.get(field);
  if (given === undefined || given.trim() === "") return undefined;
  if (!choices.includes(given)) addError(errors, field, invalidChoice(field, given, choices));
  return given;
}

function readCommon(
  ctx: AuthContext,
  node: SimMachine,
  current: Nic | null,
  errors: Errors,
): Common {
  const { data, state } = ctx;
  const common: Common = {};
  common.vlan = readVlan(state, data, errors);
  if (data.has("tags")) {
    common.tags = (data.getAll("tags").join(",")).split(",").map((tag) => tag.trim()).filter(
      (tag) => tag !== "",
    );
  }
  common.mtu = readInteger(data, "mtu", errors, 552);
  common.acceptRa = readNullBool(data, "accept_ra");
  const name = data.get("name");
  if (name !== undefined && name.trim() !== "") {
    common.name = name.trim();
    const taken = nicsOf(node).some((nic) => nic !== current && nic.name === common.name);
    if (taken) {
      addError(
        errors,
        "name",
        `Node ${node.data.system_id} (${node.data.fqdn ?? node.data.hostname}) already has an ` +
          `interface named '${common.name}'.`,
      );
    }
  }
  const mac = data.get("mac_address");
  if (mac !== undefined && mac.trim() !== "") {
    const normal = normaliseMac(mac);
    if (!normal) addError(errors, "mac_address", `'${mac}' is not a valid MAC address.`);
    else common.mac = normal;
  }
  return common;
}

/** A physical MAC must be unique across nodes; the interface that holds it, if any. */
function macOwner(state: SimulatorState, mac: string, except: Nic | null): string | null {
  for (const node of allNetworkNodes(state)) {
    for (const nic of nicsOf(node)) {
      if (nic !== except && nic.type === "physical" && nic.mac_address === mac) {
        return `${nic.name} on ${node.data.hostname}`;
      }
    }
  }
  return null;
}

function newNic(
  ctx: AuthContext,
  node: SimMachine,
  type: string,
  name: string,
  mac: string | null,
  vlan: SimVlan | null,
): Nic {
  const id = ctx.state.nextId("interface");
  const systemId = node.data.system_id;
  return {
    type,
    vlan: vlan ? vlanJson(ctx.state, vlan) : null,
    mac_address: mac,
    enabled: true,
    discovered: null,
    system_id: systemId,
    name,
    effective_mtu: vlan?.mtu ?? 1500,
    firmware_version: null,
    vendor: null,
    tags: [],
    children: [],
    product: null,
    params: {},
    links: [],
    id,
    parents: [],
    link_connected: true,
    interface_speed: 0,
    link_speed: 0,
    numa_node: type === "physical" && kindOf(node) !== "device" ? 0 : null,
    sriov_max_vf: 0,
    resource_uri: `${API}nodes/${systemId}/interfaces/${id}/`,
  };
}

function applyCommon(state: SimulatorState, nic: Nic, common: Common): void {
  if (common.vlan !== undefined) {
    const before = vlanIdOf(nic);
    nic.vlan = common.vlan ? vlanJson(state, common.vlan) : null;
    if (before !== (common.vlan?.id ?? null)) {
      // Links to subnets of another VLAN cannot stay.
      nic.links = linksOf(nic).filter((link) => {
        const subnetId = (link.subnet as { id?: number } | undefined)?.id;
        if (subnetId === undefined) return common.vlan !== null;
        const subnet = state.site.subnets.find((candidate) => candidate.id === subnetId);
        return subnet !== undefined && subnet.vlanId === common.vlan?.id;
      });
    }
  }
  if (common.tags !== undefined) nic.tags = common.tags;
  if (common.name !== undefined) nic.name = common.name;
  if (common.mac !== undefined) nic.mac_address = common.mac;
  const params = paramsOf(nic);
  if (common.mtu !== undefined) {
    if (common.mtu === null) delete params.mtu;
    else params.mtu = common.mtu;
  }
  if (common.acceptRa !== undefined) {
    if (common.acceptRa === null) delete params["accept-ra"];
    else params["accept-ra"] = common.acceptRa;
  }
}

/** Interfaces of the node named by ids in `values`; unknown ids are field errors. */
function readParents(
  node: SimMachine,
  values: string[],
  field: string,
  errors: Errors,
): Nic[] {
  const parents: Nic[] = [];
  for (const value of values) {
    const nic = /^\d+$/.test(value.trim())
      ? nicsOf(node).find((item) => item.id === Number(value))
      : undefined;
    if (!nic) {
      addError(
        errors,
        field,
        `Select a valid choice. ${value} is not one of the available choices.`,
      );
    } else if (!parents.includes(nic)) parents.push(nic);
  }
  return parents;
}

function childrenOf(node: SimMachine, nic: Nic): Nic[] {
  const names = new Set(namesOf(nic, "children"));
  return nicsOf(node).filter((item) => names.has(item.name as string));
}

/** Parents give their addresses up when they join a bond or a bridge. */
function adopt(child: Nic, parents: Nic[]): void {
  child.parents = parents.map((parent) => parent.name as string).sort();
  for (const parent of parents) {
    const children = namesOf(parent, "children");
    if (!children.includes(child.name as string)) children.push(child.name as string);
    children.sort();
    if (child.type !== "vlan") parent.links = [];
  }
}

function setBondParams(nic: Nic, data: FormFields, errors: Errors, created: boolean): void {
  const params = paramsOf(nic);
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
    if (value !== undefined && value !== null) params[key] = value;
    else if (created) params[key] = defaults[key];
  }
}

function setBridgeParams(nic: Nic, data: FormFields, errors: Errors, created: boolean): void {
  const params = paramsOf(nic);
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
    if (value !== undefined && value !== null) params[key] = value;
    else if (created) params[key] = defaults[key];
  }
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
  const errors: Errors = {};
  const common = readCommon(ctx, node, null, errors);
  if (!ctx.data.get("mac_address")?.trim()) addError(errors, "mac_address", REQUIRED);
  else if (common.mac) {
    const owner = macOwner(ctx.state, common.mac, null);
    if (owner) addError(errors, "mac_address", `This MAC address is already in use by ${owner}.`);
  }
  if (ctx.data.has("parents")) {
    addError(errors, "parents", "A physical interface cannot have parents.");
  }
  throwIfErrors(errors);
  const used = nicsOf(node).map((nic) => /^eth(\d+)$/.exec(nic.name as string)?.[1])
    .filter((number) => number !== undefined).map(Number);
  const name = common.name ?? `eth${used.length === 0 ? 0 : Math.max(...used) + 1}`;
  const nic = newNic(ctx, node, "physical", name, common.mac!, null);
  applyCommon(ctx.state, nic, { ...common, name });
  const enabled = readNullBool(ctx.data, "enabled");
  if (enabled !== undefined && enabled !== null) nic.enabled = enabled;
  nicsOf(node).push(nic);
  ensureLinkUp(ctx.state, nic);
  settle(ctx.state, node);
  return render(ctx.state, node, nic);
}

function createBond(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Machine");
  ctx.requireAdmin();
  requireEditableState(node, "create bond");
  const errors: Errors = {};
  const common = readCommon(ctx, node, null, errors);
  if (common.name === undefined && !errors.name) addError(errors, "name", REQUIRED);
  const parents = readParents(node, ctx.data.getAll("parents"), "parents", errors);
  if (!errors.parents) {
    if (parents.length === 0) {
      addError(errors, "parents", "A bond interface must have one or more parents.");
    } else if (parents.some((parent) => parent.type !== "physical")) {
      addError(errors, "parents", "Only physical interfaces can be bonded.");
    } else {
      const busy = parents.filter((parent) => namesOf(parent, "children").length > 0)
        .map((parent) => parent.name as string).sort();
      if (busy.length > 0) {
        addError(errors, "parents", `Interfaces already in-use: ${busy.join(", ")}.`);
      }
      const vlanId = common.vlan !== undefined ? common.vlan?.id ?? null : vlanIdOf(parents[0]);
      if (parents.some((parent) => vlanIdOf(parent) !== vlanId)) {
        addError(errors, "parents", "All parents must belong to the same VLAN.");
      }
    }
  }
  const probe: Nic = { params: {} };
  setBondParams(probe, ctx.data, errors, true);
  throwIfErrors(errors);
  const vlan = common.vlan !== undefined
    ? common.vlan
    : ctx.state.site.vlans.find((candidate) => candidate.id === vlanIdOf(parents[0])) ?? null;
  const nic = newNic(
    ctx,
    node,
    "bond",
    common.name!,
    common.mac ?? parents[0].mac_address as string,
    vlan,
  );
  applyCommon(ctx.state, nic, { ...common, vlan: undefined });
  nic.params = { ...paramsOf(nic), ...(probe.params as Record<string, unknown>) };
  nic.interface_speed = parents.reduce(
    (sum, parent) => sum + Number(parent.interface_speed ?? 0),
    0,
  );
  nic.link_speed = parents.reduce((sum, parent) => sum + Number(parent.link_speed ?? 0), 0);
  adopt(nic, parents);
  nicsOf(node).push(nic);
  ensureLinkUp(ctx.state, nic);
  settle(ctx.state, node);
  return render(ctx.state, node, nic);
}

function createBridge(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Machine");
  ctx.requireAdmin();
  requireEditableState(node, "create bridge");
  const { data } = ctx;
  if (data.has("parent") && data.has("parents")) {
    throw ReplyError.badRequest("Cannot specify both parent and parents fields.");
  }
  const errors: Errors = {};
  const acquired = node.data.status === NodeStatus.ALLOCATED;
  const common = readCommon(ctx, node, null, errors);
  if (acquired) delete common.vlan;
  if (common.name === undefined && !errors.name) addError(errors, "name", REQUIRED);
  const given = data.has("parent") ? data.getAll("parent") : data.getAll("parents");
  const parents = readParents(node, given, "parent", errors);
  if (!errors.parent) {
    if (parents.length === 0) {
      addError(errors, "parent", "A bridge interface must have at least one parent.");
    } else if (parents.some((parent) => parent.type === "bridge")) {
      addError(
        errors,
        "parent",
        "A bridge interface can't have another bridge interface as parent.",
      );
    } else if (
      parents.some((parent) =>
        childrenOf(node, parent).some((child) => child.type === "bond" || child.type === "bridge")
      )
    ) {
      addError(
        errors,
        "parent",
        "A bridge interface can't have a parent that is already in a bond or a bridge.",
      );
    }
  }
  const probe: Nic = { params: {} };
  setBridgeParams(probe, data, errors, true);
  throwIfErrors(errors);
  const parent = parents[0];
  const vlan = common.vlan !== undefined
    ? common.vlan
    : ctx.state.site.vlans.find((candidate) => candidate.id === vlanIdOf(parent)) ?? null;
  const nic = newNic(
    ctx,
    node,
    "bridge",
    common.name!,
    common.mac ?? parent.mac_address as string,
    vlan,
  );
  applyCommon(ctx.state, nic, { ...common, vlan: undefined });
  nic.params = { ...paramsOf(nic), ...(probe.params as Record<string, unknown>) };
  nic.interface_speed = parent.interface_speed ?? 0;
  nic.link_speed = parent.link_speed ?? 0;
  // On an allocated machine the parent's links move to the new bridge.
  const moved = acquired ? linksOf(parent).filter((link) => link.mode !== "link_up") : [];
  adopt(nic, parents);
  nicsOf(node).push(nic);
  nic.links = moved;
  ensureLinkUp(ctx.state, nic);
  settle(ctx.state, node);
  return render(ctx.state, node, nic);
}

function createVlanInterface(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Machine");
  ctx.requireAdmin();
  requireEditableState(node, "create VLAN");
  const { data, state } = ctx;
  const errors: Errors = {};
  const common = readCommon(ctx, node, null, errors);
  const given = data.has("parent") ? data.getAll("parent") : data.getAll("parents");
  const parents = readParents(node, given, "parent", errors);
  if (!errors.parent) {
    if (parents.length !== 1) {
      addError(errors, "parent", "A VLAN interface must have exactly one parent.");
    } else if (parents[0].type === "vlan") {
      addError(errors, "parent", "A VLAN interface can't have another VLAN interface as parent.");
    } else if (childrenOf(node, parents[0]).some((child) => child.type === "bond")) {
      addError(errors, "parent", "A VLAN interface can't have a parent that is already in a bond.");
    }
  }
  if (!errors.vlan) {
    if (!common.vlan) {
      addError(errors, "vlan", "A VLAN interface must be connected to a tagged VLAN.");
    } else if (common.vlan.vid === 0) {
      addError(errors, "vlan", "A VLAN interface can only belong to a tagged VLAN.");
    }
  }
  if (!errors.vlan && !errors.parent) {
    const parentVlan = state.site.vlans.find((candidate) => candidate.id === vlanIdOf(parents[0]));
    if (parentVlan?.fabricId !== common.vlan!.fabricId) {
      addError(
        errors,
        "vlan",
        "A VLAN interface can only belong to a tagged VLAN on the same fabric as its parent " +
          "interface.",
      );
    } else if (common.name === undefined) {
      common.name = `${parents[0].name}.${common.vlan!.vid}`;
      if (nicsOf(node).some((nic) => nic.name === common.name)) {
        addError(
          errors,
          "name",
          `Node ${node.data.system_id} (${node.data.fqdn ?? node.data.hostname}) already has an ` +
            `interface named '${common.name}'.`,
        );
      }
    }
  }
  throwIfErrors(errors);
  const parent = parents[0];
  const nic = newNic(ctx, node, "vlan", common.name!, parent.mac_address as string, common.vlan!);
  applyCommon(state, nic, { ...common, vlan: undefined });
  nic.interface_speed = parent.interface_speed ?? 0;
  nic.link_speed = parent.link_speed ?? 0;
  adopt(nic, parents);
  nicsOf(node).push(nic);
  ensureLinkUp(state, nic);
  settle(state, node);
  return render(state, node, nic);
}

// ---------------------------------------------------------------------------------------------
// One interface

function updateNic(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const nic = findNic(ctx, node);
  requireEdit(ctx, node);
  requireEditableState(node, "update interface", true);
  const { data, state } = ctx;
  const kind = kindOf(node);
  if (kind === "controller" && nic.type === "vlan") {
    throw ReplyError.forbidden("Cannot modify VLAN interface on controller.");
  }
  const errors: Errors = {};
  const common = readCommon(ctx, node, nic, errors);
  if (common.mac && nic.type === "physical") {
    const owner = macOwner(state, common.mac, nic);
    if (owner) addError(errors, "mac_address", `This MAC address is already in use by ${owner}.`);
  }
  const linkConnected = data.has("link_connected")
    ? stringBool(data, "link_connected", true)
    : undefined;
  const interfaceSpeed = readInteger(data, "interface_speed", errors);
  const linkSpeed = readInteger(data, "link_speed", errors);
  const deployed = node.data.status === NodeStatus.DEPLOYED && kind === "machine";
  const full = kind !== "controller" && !deployed;
  let parents: Nic[] | undefined;
  if (full && nic.type === "vlan") {
    if (!errors.vlan && data.has("vlan")) {
      if (!common.vlan) {
        addError(errors, "vlan", "A VLAN interface must be connected to a tagged VLAN.");
      } else if (common.vlan.vid === 0) {
        addError(errors, "vlan", "A VLAN interface can only belong to a tagged VLAN.");
      }
    }
  }
  if (full && (nic.type === "bond" || nic.type === "bridge") && data.has("parents")) {
    parents = readParents(node, data.getAll("parents"), "parents", errors);
    if (!errors.parents && parents.length === 0) {
      addError(errors, "parents", `A ${nic.type} interface must have one or more parents.`);
    }
  }
  if (full && nic.type === "physical" && data.has("parents")) {
    addError(errors, "parents", "A physical interface cannot have parents.");
  }
  if (full && nic.type === "bond") setBondParams(nic, data, errors, false);
  if (full && nic.type === "bridge") setBridgeParams(nic, data, errors, false);
  if (linkConnected === false && nic.link_connected === false && linkSpeed) {
    errors.__all__ = ["link_speed cannot be set when link_connected is false."];
  }
  throwIfErrors(errors);

  if (kind === "controller") {
    applyCommon(state, nic, { vlan: common.vlan });
  } else if (deployed) {
    applyCommon(state, nic, { name: common.name, mac: common.mac });
  } else {
    const previousName = nic.name as string;
    applyCommon(state, nic, common);
    if (nic.name !== previousName) {
      for (const other of nicsOf(node)) {
        for (const field of ["parents", "children"] as const) {
          const names = namesOf(other, field);
          const index = names.indexOf(previousName);
          if (index >= 0) names[index] = nic.name as string;
        }
      }
    }
    const enabled = readNullBool(data, "enabled");
    if (enabled !== undefined && enabled !== null) nic.enabled = enabled;
    if (parents) {
      for (const old of nicsOf(node)) {
        const children = namesOf(old, "children");
        if (children.includes(nic.name as string) && !parents.includes(old)) {
          old.children = children.filter((child) => child !== nic.name);
        }
      }
      adopt(nic, parents);
    }
    ensureLinkUp(state, nic);
  }
  if (linkConnected !== undefined) nic.link_connected = linkConnected;
  if (typeof interfaceSpeed === "number") nic.interface_speed = interfaceSpeed;
  if (typeof linkSpeed === "number") nic.link_speed = linkSpeed;
  if (linkConnected === false) nic.link_speed = 0;
  settle(state, node);
  return render(state, node, nic);
}

function deleteNic(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const nic = findNic(ctx, node);
  requireEdit(ctx, node);
  refuseController(node, "delete interface");
  requireEditableState(node, "delete interface");
  const gone = new Set<Nic>([nic]);
  // VLAN interfaces go with their parent; a bond or bridge goes with its last parent.
  let grew = true;
  while (grew) {
    grew = false;
    for (const other of nicsOf(node)) {
      if (gone.has(other)) continue;
      const parents = namesOf(other, "parents");
      const left = parents.filter((name) => ![...gone].some((removed) => removed.name === name));
      if (
        parents.length > 0 &&
        (other.type === "vlan" ? left.length < parents.length : left.length === 0)
      ) {
        gone.add(other);
        grew = true;
      }
    }
  }
  const names = new Set([...gone].map((item) => item.name));
  node.data.interface_set = nicsOf(node).filter((item) => !gone.has(item));
  for (const other of nicsOf(node)) {
    other.parents = namesOf(other, "parents").filter((name) => !names.has(name));
    other.children = namesOf(other, "children").filter((name) => !names.has(name));
  }
  for (const other of nicsOf(node)) if (other.type === "physical") ensureLinkUp(ctx.state, other);
  settle(ctx.state, node);
  return { status: 204, contentType: "text/html; charset=utf-8", body: "" };
}

function linkSubnet(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const nic = findNic(ctx, node);
  requireEdit(ctx, node);
  refuseController(node, "link subnet");
  requireEditableState(node, "link subnet");
  const { state, data } = ctx;
  const force = stringBool(data, "force", false);
  const allowed = kindOf(node) === "machine" ? LINK_MODES : ["static"];
  const errors: Errors = {};
  for (const child of childrenOf(node, nic)) {
    if (child.type === "bond") {
      addError(
        errors,
        "bond",
        `Cannot link interface(${nic.name}) when interface is in a bond(${child.name}).`,
      );
    }
  }
  const modeGiven = data.get("mode");
  const mode = modeGiven?.trim().toLowerCase();
  if (!modeGiven || modeGiven.trim() === "") addError(errors, "mode", REQUIRED);
  else if (!allowed.includes(mode!)) {
    addError(errors, "mode", invalidChoice("mode", modeGiven, allowed));
  }
  let subnet: SimSubnet | undefined;
  const subnetGiven = (data.get("subnet") ?? "").trim();
  if (subnetGiven !== "") {
    const vlanId = vlanIdOf(nic);
    subnet = state.site.subnets.find((candidate) =>
      (String(candidate.id) === subnetGiven || candidate.cidr === subnetGiven) &&
      (vlanId === null || force || candidate.vlanId === vlanId)
    );
    if (!subnet) addError(errors, "subnet", INVALID_CHOICE);
  }
  const ipGiven = (data.get("ip_address") ?? "").trim();
  if (ipGiven !== "" && !parseAddress(ipGiven)) {
    addError(errors, "ip_address", "Enter a valid IPv4 or IPv6 address.");
  }
  const defaultGateway = data.has("default_gateway") && !["", "false", "0"].includes(
    (data.get("default_gateway") ?? "").trim().toLowerCase(),
  );
  if (!errors.mode && mode) {
    const links = linksOf(nic);
    if ((mode === "auto" || mode === "static") && !subnet && !errors.subnet) {
      addError(errors, "subnet", REQUIRED);
    }
    if (mode === "dhcp") {
      const dhcp = links.find((link) => link.mode === "dhcp");
      if (dhcp) {
        const dhcpSubnet = state.site.subnets.find((candidate) =>
          candidate.id === (dhcp.subnet as { id?: number } | undefined)?.id
        );
        addError(
          errors,
          "mode",
          dhcpSubnet
            ? `Interface is already set to DHCP from '${subnetName(dhcpSubnet, state)}'.`
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
        addError(
          errors,
          "ip_address",
          `IP address is not in the given subnet '${subnetName(subnet, state)}'.`,
        );
      }
      const dynamic = [...state.networking.ipRanges.values()].find((range) => {
        if (range.subnetId !== subnet!.id || range.type !== "dynamic") return false;
        const start = parseAddress(range.startIp)!.value;
        const end = parseAddress(range.endIp)!.value;
        return address.value >= start && address.value <= end;
      });
      if (dynamic) {
        addError(
          errors,
          "ip_address",
          `IP address is inside a dynamic range ${dynamic.startIp} to ${dynamic.endIp}.`,
        );
      }
    }
    if (mode === "link_up" && !force) {
      if (links.some((link) => link.mode !== "link_up")) {
        addError(
          errors,
          "mode",
          "Cannot configure interface to link up (with no IP address) while other links are " +
            "already configured. Specify force=True to override this behavior and delete all links.",
        );
      }
    }
    if (defaultGateway) {
      if (mode !== "auto" && mode !== "static") {
        addError(errors, "default_gateway", `Cannot use in mode '${mode}'.`);
      } else if (!subnet) {
        addError(errors, "default_gateway", "Subnet is required when default_gateway is True.");
      } else if (!subnet.gatewayIp) {
        addError(
          errors,
          "default_gateway",
          `Cannot set as default gateway because subnet ${subnetName(subnet, state)} doesn't ` +
            "provide a gateway IP address.",
        );
      }
    }
  }
  throwIfErrors(errors);

  let ip: string | undefined;
  if (mode === "static") {
    if (ipGiven) {
      if (addressTaken(state, ipGiven)) {
        throw new ReplyError(text("IP address is already in use.", 404));
      }
      ip = ipGiven;
    } else {
      const free = freeAddress(state, subnet!);
      if (!free) {
        throw new ReplyError(text(`No more IPs available in subnet: ${subnet!.cidr}.`, 503));
      }
      ip = free;
    }
  }
  if (mode === "link_up" || force) nic.links = [];
  if (subnet && (vlanIdOf(nic) === null || force)) {
    nic.vlan = vlanJson(state, state.site.vlans.find((vlan) => vlan.id === subnet!.vlanId)!);
  }
  const link: Link = { id: state.nextId("link"), mode: mode! };
  if (ip) link.ip_address = ip;
  if (subnet) link.subnet = subnetJson(state, subnet);
  linksOf(nic).push(link);
  ensureLinkUp(state, nic);
  if (defaultGateway) setGateway(node, link, subnet!);
  settle(state, node);
  return render(state, node, nic);
}

function setGateway(node: SimMachine, link: Link, subnet: SimSubnet): void {
  const family = parseNetwork(subnet.cidr)!.version === 4 ? "ipv4" : "ipv6";
  const gateways = (node.data.default_gateways ??= {
    ipv4: { gateway_ip: null, link_id: null },
    ipv6: { gateway_ip: null, link_id: null },
  }) as Record<string, unknown>;
  gateways[family] = { gateway_ip: subnet.gatewayIp, link_id: link.id };
}

function unlinkSubnet(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const nic = findNic(ctx, node);
  requireEdit(ctx, node);
  refuseController(node, "link subnet");
  requireEditableState(node, "unlink subnet");
  const given = ctx.data.get("id");
  const ids = linksOf(nic).map((link) => link.id as number);
  if (given === undefined || given.trim() === "") throw ReplyError.invalid({ id: [REQUIRED] });
  if (!ids.some((id) => String(id) === given.trim())) {
    throw ReplyError.invalid({ id: [invalidChoice("id", given, ids)] });
  }
  nic.links = linksOf(nic).filter((link) => String(link.id) !== given.trim());
  ensureLinkUp(ctx.state, nic);
  settle(ctx.state, node);
  return render(ctx.state, node, nic);
}

function setDefaultGateway(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const nic = findNic(ctx, node);
  requireEdit(ctx, node);
  refuseController(node, "link subnet");
  requireEditableState(node, "set default gateway");
  const { state } = ctx;
  const usable = linksOf(nic).flatMap((link) => {
    if (!["auto", "static", "dhcp"].includes(link.mode as string)) return [];
    const subnet = state.site.subnets.find((candidate) =>
      candidate.id === (link.subnet as { id?: number } | undefined)?.id
    );
    return subnet?.gatewayIp ? [{ link, subnet }] : [];
  });
  if (usable.length === 0) {
    throw ReplyError.invalid({ __all__: ["This interface has no usable gateways."] });
  }
  const given = (ctx.data.get("link_id") ?? "").trim();
  if (given !== "") {
    const chosen = usable.find((item) => String(item.link.id) === given);
    if (!chosen) {
      throw ReplyError.invalid({
        link_id: [invalidChoice("link_id", given, usable.map((item) => item.link.id as number))],
      });
    }
    setGateway(node, chosen.link, chosen.subnet);
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
      if (first) setGateway(node, first.link, first.subnet);
    }
  }
  settle(state, node);
  return render(state, node, nic);
}

function disconnect(ctx: AuthContext): Reply {
  const node = findNode(ctx, "Node");
  const nic = findNic(ctx, node);
  requireEdit(ctx, node);
  refuseController(node, "disconnect");
  requireEditableState(node, "disconnect");
  nic.links = [];
  nic.vlan = null;
  settle(ctx.state, node);
  return render(ctx.state, node, nic);
}

function changeTag(ctx: AuthContext, add: boolean): Reply {
  const node = findNode(ctx, "Node");
  const nic = findNic(ctx, node);
  requireEdit(ctx, node);
  const tag = ctx.form.get("tag");
  if (tag === undefined) throw missingParam("tag");
  const tags = Array.isArray(nic.tags) ? nic.tags as string[] : [];
  if (add && !tags.includes(tag)) nic.tags = [...tags, tag];
  if (!add) nic.tags = tags.filter((existing) => existing !== tag);
  settle(ctx.state, node);
  return render(ctx.state, node, nic);
}

/**
 * Register `nodes/{system_id}/interfaces/` and `nodes/{system_id}/interfaces/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerInterfaces } from "../interfaces/routes.ts";
 * registerInterfaces(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerInterfaces(table: RouteTable): void {
  table.resource({
    path: "nodes/{system_id}/interfaces/",
    auth: {
      name: "InterfacesHandler",
      doc: "Manage the interfaces of a node.",
      actions: {
        "GET read": {
          doc: "List the interfaces of a machine, device or controller.",
          run: (ctx) => {
            const node = findNode(ctx, "Node");
            refreshNodeNetworking(ctx.state, [node]);
            return json(nicsOf(node));
          },
        },
        "POST create_physical": {
          doc: "Add a physical interface.\n\n:param mac_address: Required.\n:param name: " +
            "Optional (next ethN).\n:param tags: Optional.\n:param vlan: Optional untagged VLAN " +
            "id.\n:param mtu: Optional.\n:param accept_ra: Optional.",
          run: createPhysical,
        },
        "POST create_bond": {
          doc: "Bond physical interfaces of a machine.\n\n:param name: Required.\n" +
            ":param parents: Required interface ids, all on one VLAN.\n:param mac_address: " +
            "Optional.\n:param vlan: Optional.\n:param bond_mode: Optional (balance-rr).\n" +
            ":param bond_miimon: Optional.\n:param bond_downdelay: Optional.\n" +
            ":param bond_updelay: Optional.\n:param bond_lacp_rate: Optional fast or slow.\n" +
            ":param bond_xmit_hash_policy: Optional.\n:param bond_num_grat_arp: Optional.\n" +
            ":param mtu: Optional.\n:param accept_ra: Optional.",
          run: createBond,
        },
        "POST create_bridge": {
          doc: "Put a bridge on an interface of a machine.\n\n:param name: Required.\n" +
            ":param parent: The interface id.\n:param mac_address: Optional.\n:param vlan: " +
            "Optional.\n:param bridge_type: Optional standard or ovs.\n:param bridge_stp: " +
            "Optional.\n:param bridge_fd: Optional.\n:param mtu: Optional.\n" +
            ":param accept_ra: Optional.",
          run: createBridge,
        },
        "POST create_vlan": {
          doc: "Add a VLAN interface on an interface of a machine.\n\n:param vlan: Required " +
            "tagged VLAN id on the parent's fabric.\n:param parent: Required interface id.\n" +
            ":param tags: Optional.\n:param mtu: Optional.\n:param accept_ra: Optional.",
          run: createVlanInterface,
        },
      },
    },
  });
  table.resource({
    path: "nodes/{system_id}/interfaces/{id}/",
    auth: {
      name: "InterfaceHandler",
      doc: "Manage an interface of a node.",
      actions: {
        "GET read": {
          doc: "Read an interface.",
          run: (ctx) => {
            const node = findNode(ctx, "Node");
            return render(ctx.state, node, findNic(ctx, node));
          },
        },
        "PUT update": {
          doc: "Update an interface: name, mac_address, vlan, tags, enabled, mtu, accept_ra, " +
            "link_connected, interface_speed, link_speed, and bond_* or bridge_* settings.",
          run: updateNic,
        },
        "DELETE delete": {
          doc: "Delete an interface (and the VLAN interfaces on it).",
          run: deleteNic,
        },
        "POST link_subnet": {
          doc: "Link the interface to a subnet.\n\n:param mode: auto, dhcp, static or link_up.\n" +
            ":param subnet: Subnet id.\n:param ip_address: For static.\n:param default_gateway: " +
            "For auto and static.\n:param force: Replace other links; allow any subnet.",
          run: linkSubnet,
        },
        "POST unlink_subnet": {
          doc: "Remove a link of the interface.\n\n:param id: The link id.",
          run: unlinkSubnet,
        },
        "POST set_default_gateway": {
          doc: "Use a linked subnet's gateway as the node's default gateway.\n\n" +
            ":param link_id: Needed when several gateways of a family are usable.",
          run: setDefaultGateway,
        },
        "POST disconnect": {
          doc: "Remove every link and the VLAN of the interface.",
          run: disconnect,
        },
        "POST add_tag": {
          doc: "Add a tag.\n\n:param tag: The tag.",
          run: (ctx) => changeTag(ctx, true),
        },
        "POST remove_tag": {
          doc: "Remove a tag.\n\n:param tag: The tag.",
          run: (ctx) => changeTag(ctx, false),
        },
      },
    },
  });
}
