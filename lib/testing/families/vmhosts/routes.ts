/**
 * VM hosts: `vm-hosts/` and its older name `pods/`, as MAAS 3.7 serves them (composing a machine
 * adds it to the machines), or, with the simulator's `vmHostsRemoved` option, answering every call
 * with 410 Gone as MAAS 3.8 does.
 *
 * @module
 */

import { blankMachine, NodeStatus, STATUS_NAMES } from "../../inventory.ts";
import { booleanField, missingParam, stringBool } from "../../maas_forms.ts";
import { deleted, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { ActionContext, ActionSpec, AuthContext, RouteTable } from "../../routes.ts";
import { poolJson, zoneJson } from "../placement/render.ts";
import type { SimVMHost } from "./model.ts";

const API = "/MAAS/api/2.0/";
const CONSOLE_TAG = "pod-console-logging";
const GONE = "VM host (KVM) support has been removed from MAAS.";

/** The collection's name in the request's path (`vm-hosts` or `pods`), for the addresses rendered. */
function base(ctx: ActionContext): string {
  return ctx.path.slice(API.length).startsWith("pods/") ? "pods" : "vm-hosts";
}

function used(
  ctx: ActionContext,
  host: SimVMHost,
): { cores: number; memory: number; storage: number } {
  const total = { cores: 0, memory: 0, storage: 0 };
  for (const systemId of host.machines) {
    const machine = ctx.state.machines.get(systemId);
    if (!machine) continue;
    total.cores += Number(machine.data.cpu_count ?? 0);
    total.memory += Number(machine.data.memory ?? 0);
    total.storage += Number(machine.data.storage ?? 0) * 1_000_000;
  }
  return total;
}

function hostJson(ctx: ActionContext, host: SimVMHost): Record<string, unknown> {
  const use = used(ctx, host);
  const zone = ctx.state.placement.zone(host.zoneId);
  const pool = ctx.state.placement.pool(host.poolId);
  return ctx.line.shape(base(ctx) === "pods" ? "PodHandler" : "VmHostHandler", {
    id: host.id,
    name: host.name,
    tags: host.tags,
    type: host.type,
    architectures: ["amd64/generic"],
    capabilities: host.type === "lxd"
      ? ["composable", "dynamic_local_storage", "hugepages", "over_commit", "storage_pools"]
      : ["composable", "dynamic_local_storage", "over_commit", "storage_pools"],
    total: { cores: host.cores, memory: host.memory, local_storage: host.localStorage },
    used: { cores: use.cores, memory: use.memory, local_storage: use.storage },
    available: {
      cores: host.cores - use.cores,
      memory: host.memory - use.memory,
      local_storage: host.localStorage - use.storage,
    },
    zone: zoneJson(ctx.line, zone),
    cpu_over_commit_ratio: host.cpuOverCommitRatio,
    memory_over_commit_ratio: host.memoryOverCommitRatio,
    storage_pools: [{
      id: "default",
      name: "default",
      type: host.type === "lxd" ? "zfs" : "dir",
      path: host.type === "lxd"
        ? "/var/snap/lxd/common/lxd/storage-pools/default"
        : "/var/lib/libvirt/images",
      total: host.localStorage,
      used: use.storage,
      available: host.localStorage - use.storage,
      default: true,
    }],
    pool: poolJson(ctx.line, pool),
    host: { system_id: null, __incomplete__: true },
    default_macvlan_mode: host.defaultMacvlanMode,
    version: host.version,
    resource_uri: `${API}${base(ctx)}/${host.id}/`,
  });
}

function findHost(ctx: ActionContext): SimVMHost {
  const host = ctx.state.vmhosts.find((h) => String(h.id) === ctx.params.id);
  if (!host) throw ReplyError.notFound("Pod");
  return host;
}

function choiceError(value: string): string {
  return `Select a valid choice. ${value} is not one of the available choices.`;
}

const MODEL_CHOICE = "Select a valid choice. That choice is not one of the available choices.";
const MACVLAN_MODES = ["", "bridge", "passthru", "private", "vepa"];

/** MAAS's VM host form: the fields sent are checked, then applied. */
function applyHost(ctx: AuthContext, host: SimVMHost, creating: boolean): void {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  const data = ctx.data;
  const next: SimVMHost = { ...host, parameters: { ...host.parameters }, tags: [...host.tags] };
  const type = data.get("type");
  if (creating) {
    if (!type) fail("type", "This field is required.");
    else if (type !== "lxd" && type !== "virsh") fail("type", choiceError(type));
    else next.type = type;
  } else if (type !== undefined && type !== host.type) {
    fail(
      "type",
      "Cannot change the type of a pod. Delete and re-create the pod with a different type.",
    );
  }
  for (
    const field of ["power_address", "power_user", "power_pass", "project", "certificate", "key"]
  ) {
    const value = data.get(field);
    if (value !== undefined) next.parameters[field] = value;
  }
  if (creating && !next.parameters.power_address) fail("power_address", "This field is required.");
  if (data.get("name")) next.name = data.get("name")!;
  const zone = data.get("zone");
  if (zone) {
    const found = ctx.state.placement.zoneNamed(zone);
    if (found) next.zoneId = found.id;
    else fail("zone", MODEL_CHOICE);
  }
  const pool = data.get("pool");
  if (pool) {
    const found = ctx.state.placement.poolNamed(pool) ??
      ctx.state.placement.pools.get(Number(pool));
    if (found) next.poolId = found.id;
    else fail("pool", MODEL_CHOICE);
  }
  for (
    const [field, key] of [["cpu_over_commit_ratio", "cpuOverCommitRatio"], [
      "memory_over_commit_ratio",
      "memoryOverCommitRatio",
    ]] as const
  ) {
    const value = data.get(field);
    if (value === undefined || value === "") continue;
    const number = Number(value);
    if (value.trim() === "" || !Number.isFinite(number)) fail(field, "Enter a number.");
    else if (number < 0) fail(field, "Ensure this value is greater than or equal to 0.");
    else if (number > 10) fail(field, "Ensure this value is less than or equal to 10.");
    else next[key] = number;
  }
  const macvlan = data.get("default_macvlan_mode");
  if (macvlan !== undefined) {
    if (MACVLAN_MODES.includes(macvlan)) next.defaultMacvlanMode = macvlan;
    else fail("default_macvlan_mode", choiceError(macvlan));
  }
  const tags = data.get("tags");
  if (tags !== undefined) {
    next.tags = tags.split(",").map((tag) => tag.trim()).filter((tag) => tag !== "");
  }
  if (!next.tags.includes(CONSOLE_TAG)) next.tags.push(CONSOLE_TAG);
  if (Object.keys(errors).length) throw ReplyError.invalid(errors);
  const twin = ctx.state.vmhosts.find((h) =>
    h.id !== host.id && h.type === next.type &&
    h.parameters.power_address === next.parameters.power_address
  );
  if (twin) throw ReplyError.badRequest(`Pod ${twin.name} with type and parameters already exist.`);
  Object.assign(host, next);
}

function hostname(ctx: ActionContext): string {
  const taken = new Set([...ctx.state.machines.values()].map((m) => m.data.hostname));
  let name: string;
  do name = `composed-${ctx.state.random.string("abcdefghijklmnopqrstuvwxyz", 6)}`; while (
    taken.has(name)
  );
  return name;
}

function whole(
  value: string | undefined,
  fallback: number,
  limits: { min: number; max?: number },
  field: string,
  fail: (field: string, message: string) => void,
): number {
  if (value === undefined || value.trim() === "") return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(value)) {
    fail(field, "Enter a whole number.");
    return fallback;
  }
  const number = Number(value);
  if (number < limits.min) {
    fail(field, `Ensure this value is greater than or equal to ${limits.min}.`);
  }
  if (limits.max !== undefined && number > limits.max) {
    fail(field, `Ensure this value is less than or equal to ${limits.max}.`);
  }
  return number;
}

/** The total size in GB of a `label:size(tag,tag),…` storage constraint, or null when malformed. */
function storageGB(value: string): number | null {
  const pattern = /\s*(?:[a-zA-Z0-9_-]+:)?(\d+(?:\.\d+)?)(?:\([^)]*\))?\s*(,|$)/y;
  let total = 0;
  while (pattern.lastIndex < value.length) {
    const match = pattern.exec(value);
    if (!match) return null;
    total += Number(match[1]);
    if (match[2] === "") break;
  }
  return total;
}

/** A number as Python prints a float (`1.0`, `2.5`), for texts MAAS formats. */
function pyFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

function compose(ctx: AuthContext): Reply {
  ctx.requireAdmin();
  const host = findHost(ctx);
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  const data = ctx.data;
  const cores = whole(data.get("cores"), 1, { min: 1, max: host.cores }, "cores", fail);
  const memory = whole(data.get("memory"), 2048, { min: 1024, max: host.memory }, "memory", fail);
  whole(data.get("cpu_speed"), 0, { min: 300 }, "cpu_speed", fail);
  const architecture = data.get("architecture") || "amd64/generic";
  if (architecture !== "amd64/generic") fail("architecture", choiceError(architecture));
  const storage = storageGB(data.get("storage") || "root:8(local)");
  if (storage === null) {
    fail("storage", 'Malformed storage constraint, "' + data.get("storage") + '".');
  }
  let name = data.get("hostname");
  if (name) {
    if ([...ctx.state.machines.values()].some((m) => m.data.hostname === name)) {
      fail("hostname", `Node with hostname "${name}" already exists`);
    } else if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(name)) {
      fail("hostname", "Hostname contains invalid characters.");
    }
  } else {
    name = hostname(ctx);
  }
  const site = ctx.state.site;
  const pick = <T extends { id: number }>(field: string, items: T[], fallback: T): T => {
    const value = data.get(field);
    if (!value) return fallback;
    const found = items.find((item) => String(item.id) === value);
    if (!found) fail(field, MODEL_CHOICE);
    return found ?? fallback;
  };
  const domain = pick(
    "domain",
    site.domains,
    site.domains.find((d) => d.isDefault) ?? site.domains[0],
  );
  const placement = ctx.state.placement;
  const zone = pick("zone", [...placement.zones.values()], placement.defaultZone);
  const pool = pick("pool", [...placement.pools.values()], placement.pool(host.poolId));
  if (Object.keys(errors).length) throw ReplyError.invalid(errors);
  const use = used(ctx, host);
  let problem = "";
  if (host.cores * host.cpuOverCommitRatio - (use.cores + cores) < 0) {
    problem = `CPU overcommit ratio is ${pyFloat(host.cpuOverCommitRatio)} and there are ${
      host.cores - use.cores
    } available resources; ${cores} requested.`;
  }
  if (host.memory * host.memoryOverCommitRatio - (use.memory + memory) < 0) {
    problem += `Memory overcommit ratio is ${pyFloat(host.memoryOverCommitRatio)} and there are ${
      host.memory - use.memory
    } available resources; ${memory} requested.`;
  }
  if (problem) {
    throw new ReplyError(text(`Unable to compose KVM instance in '${host.name}'. ${problem}`, 503));
  }
  const random = ctx.state.random;
  const mac = `52:54:00:${
    [0, 0, 0].map(() => random.int(0, 255).toString(16).padStart(2, "0")).join(":")
  }`;
  const machine = blankMachine({
    systemId: ctx.state.newSystemId(),
    hostname: name,
    site,
    nextId: ctx.state.nextId,
    zoneId: zone.id,
    poolId: pool.id,
    architecture,
    powerType: host.type,
    macs: [mac],
    domain,
    powerParameters: { ...host.parameters, instance_name: name },
  });
  const skip = booleanField(data, "skip_commissioning");
  Object.assign(machine.data, {
    cpu_count: cores,
    memory,
    storage: (storage ?? 8) * 1000,
    pod: { id: host.id, name: host.name, resource_uri: `${API}vm-hosts/${host.id}/` },
  });
  const setStatus = (status: number) => {
    machine.data.status = status;
    machine.data.status_name = STATUS_NAMES[status];
  };
  setStatus(skip ? NodeStatus.READY : NodeStatus.COMMISSIONING);
  ctx.state.machines.set(machine.data.system_id, machine);
  ctx.state.storage.of(machine.data.system_id).addDevice({
    type: "physical",
    name: "sda",
    model: "QEMU HARDDISK",
    serial: `lxd_root_${machine.data.system_id}`,
    size: (storage ?? 8) * 1e9,
    numaNode: 0,
  });
  host.machines.push(machine.data.system_id);
  if (!skip) {
    ctx.state.schedule(ctx.settings.lifecycleMs, () => {
      if (machine.data.status === NodeStatus.COMMISSIONING) setStatus(NodeStatus.READY);
    });
  }
  return json({
    system_id: machine.data.system_id,
    resource_uri: `${API}machines/${machine.data.system_id}/`,
  });
}

function tagOp(add: boolean): (ctx: AuthContext) => Reply {
  return (ctx) => {
    ctx.requireAdmin();
    const tag = ctx.data.get("tag");
    if (tag === undefined) throw missingParam("tag");
    if (add && tag.includes(",")) throw ReplyError.badRequest('Tag may not contain a ",".');
    const host = findHost(ctx);
    if (add && !host.tags.includes(tag)) host.tags.push(tag);
    if (!add) host.tags = host.tags.filter((t) => t !== tag);
    return json(hostJson(ctx, host));
  };
}

/** Wraps each action so that a simulator with `vmHostsRemoved` answers 410 instead, as MAAS 3.8. */
function goneOnNewServers<C extends ActionContext>(
  actions: Record<string, ActionSpec<C>>,
): Record<string, ActionSpec<C>> {
  return Object.fromEntries(
    Object.entries(actions).map(([key, action]) => [key, {
      doc: action.doc,
      run: (ctx: C) => {
        if (ctx.line.vmHostsRemoved) throw new ReplyError(text(GONE, 410));
        return action.run(ctx);
      },
    }]),
  );
}

const collection: Record<string, ActionSpec<AuthContext>> = {
  "GET read": {
    doc: "List VM hosts by id.",
    run: (ctx) => json(ctx.state.vmhosts.map((host) => hostJson(ctx, host))),
  },
  "POST create": {
    doc:
      "Add an LXD or virsh VM host from its type and power_address; MAAS discovers its resources.",
    run: (ctx) => {
      ctx.requireAdmin();
      const host: SimVMHost = {
        id: 0,
        name: "",
        type: "",
        parameters: {},
        tags: [],
        zoneId: ctx.state.placement.defaultZoneId,
        poolId: ctx.state.placement.defaultPool.id,
        cpuOverCommitRatio: 1,
        memoryOverCommitRatio: 1,
        defaultMacvlanMode: "",
        cores: 16,
        memory: 65536,
        localStorage: 1_000_000_000_000,
        version: "",
        machines: [],
      };
      applyHost(ctx, host, true);
      host.id = ctx.state.nextId("vmhost");
      if (!host.name) host.name = `vmhost-${host.id}`;
      host.version = host.type === "lxd" ? "5.21.1" : "8.0.0";
      ctx.state.vmhosts.push(host);
      return json(hostJson(ctx, host));
    },
  },
};

const one: Record<string, ActionSpec<AuthContext>> = {
  "GET read": { doc: "Read a VM host.", run: (ctx) => json(hostJson(ctx, findHost(ctx))) },
  "PUT update": {
    doc: "Change a VM host's name, zone, pool, tags, over-commit ratios or power settings.",
    run: (ctx) => {
      ctx.requireAdmin();
      const host = findHost(ctx);
      applyHost(ctx, host, false);
      return json(hostJson(ctx, host));
    },
  },
  "DELETE delete": {
    doc: "Delete a VM host; `decompose=true` also deletes the machines composed on it.",
    run: (ctx) => {
      ctx.requireAdmin();
      const host = findHost(ctx);
      const decompose = stringBool(ctx.query, "decompose", false);
      if (decompose) { for (const systemId of host.machines) ctx.state.machines.delete(systemId); }
      else {
        for (const systemId of host.machines) {
          const machine = ctx.state.machines.get(systemId);
          if (machine) machine.data.pod = null;
        }
      }
      const hosts = ctx.state.vmhosts;
      hosts.splice(hosts.indexOf(host), 1);
      return deleted();
    },
  },
  "POST refresh": {
    doc: "Rediscover a VM host's resources and machines.",
    run: (ctx) => {
      ctx.requireAdmin();
      const host = findHost(ctx);
      host.machines = host.machines.filter((systemId) => ctx.state.machines.has(systemId));
      return json(hostJson(ctx, host));
    },
  },
  "GET parameters": {
    doc: "Read a VM host's power parameters, secrets included (administrators only).",
    run: (ctx) => {
      ctx.requireAdmin();
      return json(findHost(ctx).parameters);
    },
  },
  "POST compose": {
    doc:
      "Compose a machine (cores, memory, storage, hostname…); answers its system_id and resource_uri.",
    run: compose,
  },
  "POST add_tag": { doc: "Add a tag to a VM host.", run: tagOp(true) },
  "POST remove_tag": { doc: "Remove a tag from a VM host.", run: tagOp(false) },
};

/**
 * Register `vm-hosts/`, `vm-hosts/{id}/`, `pods/` and `pods/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerVMHosts } from "../vmhosts/routes.ts";
 * registerVMHosts(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerVMHosts(table: RouteTable): void {
  const handlers: [string, string, string, Record<string, ActionSpec<AuthContext>>][] = [
    ["vm-hosts/", "VmHostsHandler", "The VM hosts MAAS composes machines on.", collection],
    ["vm-hosts/{id}/", "VmHostHandler", "One VM host.", one],
    ["pods/", "PodsHandler", "VM hosts under their former name, pods.", collection],
    ["pods/{id}/", "PodHandler", "One VM host under its former name, pod.", one],
  ];
  for (const [path, name, doc, actions] of handlers) {
    table.resource({ path, auth: { name, doc, actions: goneOnNewServers(actions) } });
  }
}
