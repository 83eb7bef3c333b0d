/**
 * VM hosts: `vm-hosts/` and its older name `pods/` (composing a machine adds it to the machines),
 * `vm-clusters/` (LXD hosts clustered together) and `virtual-machines/` (described only by MAAS
 * 2.9, served hidden after it), as MAAS serves them up to 3.8. On master every one of these
 * answers 410 Gone: MAAS removed VM hosts.
 *
 * @module
 */

import { blankMachine, defaultDomain, NodeStatus, STATUS_NAMES } from "../../inventory.ts";
import { booleanField, type Fields, FormErrors, missingParam, REQUIRED } from "../../maas_forms.ts";
import { deleted, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { ActionContext, ActionSpec, AuthContext, RouteTable } from "../../routes.ts";
import { apiUri } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { CONSOLE_TAG, type SimVirtualMachine, type SimVmCluster, type SimVMHost } from "./model.ts";
import { usedBy, virtualMachineJson, vmClusterJson, vmHostJson } from "./render.ts";

const GONE = "VM host (KVM) support has been removed from MAAS.";
const MODEL_CHOICE = "Select a valid choice. That choice is not one of the available choices.";
const MACVLAN_MODES = ["", "bridge", "passthru", "private", "vepa"];
/** The power parameters of a VM host, which MAAS's form adds for its type. */
const POWER_FIELDS = ["power_address", "power_user", "power_pass", "project", "certificate", "key"];

/** The handler an action of `vm-hosts/` or `pods/` renders its hosts with, from the path. */
function handlerOf(ctx: ActionContext): "VmHostHandler" | "PodHandler" {
  return ctx.path.includes("/api/2.0/pods/") ? "PodHandler" : "VmHostHandler";
}

function hostJson(ctx: ActionContext, host: SimVMHost): Record<string, unknown> {
  return vmHostJson(ctx.state, host, handlerOf(ctx));
}

function findHost(ctx: ActionContext): SimVMHost {
  const host = /^\d+$/.test(ctx.params.id)
    ? ctx.state.vmhosts.hosts.get(Number(ctx.params.id))
    : undefined;
  if (!host) throw ReplyError.notFound("Pod");
  return host;
}

function findCluster(ctx: ActionContext): SimVmCluster {
  const cluster = /^\d+$/.test(ctx.params.id)
    ? ctx.state.vmhosts.clusters.get(Number(ctx.params.id))
    : undefined;
  if (!cluster) throw ReplyError.notFound("VMCluster");
  return cluster;
}

function choiceError(value: string): string {
  return `Select a valid choice. ${value} is not one of the available choices.`;
}

/** A zone by name, for the forms that take one; a field error when there is none. */
function zoneField(state: SimulatorState, data: Fields, errors: FormErrors): number | undefined {
  const zone = data.get("zone");
  if (!zone) return undefined;
  const found = state.placement.zoneNamed(zone);
  if (!found) errors.add("zone", MODEL_CHOICE);
  return found?.id;
}

/** A pool by name or id, for the forms that take one; a field error when there is none. */
function poolField(state: SimulatorState, data: Fields, errors: FormErrors): number | undefined {
  const pool = data.get("pool");
  if (!pool) return undefined;
  const found = state.placement.poolNamed(pool) ??
    (/^\d+$/.test(pool) ? state.placement.pools.get(Number(pool)) : undefined);
  if (!found) errors.add("pool", MODEL_CHOICE);
  return found?.id;
}

/** `PodForm`: the fields sent are checked, then applied. */
function applyHost(ctx: AuthContext, host: SimVMHost, creating: boolean): void {
  const errors = new FormErrors();
  const data = ctx.data;
  const next: SimVMHost = { ...host, parameters: { ...host.parameters }, tags: [...host.tags] };
  const type = data.get("type");
  if (creating) {
    if (!type) errors.add("type", REQUIRED);
    else if (type !== "lxd" && type !== "virsh") errors.add("type", choiceError(type));
    else next.type = type;
  } else if (type !== undefined && type !== host.type) {
    errors.add(
      "type",
      "Cannot change the type of a pod. Delete and re-create the pod with a different type.",
    );
  }
  for (const field of POWER_FIELDS) {
    const value = data.get(field);
    if (value !== undefined) next.parameters[field] = value;
  }
  if (creating && !next.parameters.power_address) errors.add("power_address", REQUIRED);
  if (data.get("name")) next.name = data.get("name")!;
  next.zoneId = zoneField(ctx.state, data, errors) ?? next.zoneId;
  next.poolId = poolField(ctx.state, data, errors) ?? next.poolId;
  for (
    const [field, key] of [
      ["cpu_over_commit_ratio", "cpuOverCommitRatio"],
      ["memory_over_commit_ratio", "memoryOverCommitRatio"],
    ] as const
  ) {
    const value = data.get(field);
    if (value === undefined || value.trim() === "") continue;
    const number = Number(value);
    if (!Number.isFinite(number)) errors.add(field, "Enter a number.");
    else if (number < 0) errors.add(field, "Ensure this value is greater than or equal to 0.");
    else if (number > 10) errors.add(field, "Ensure this value is less than or equal to 10.");
    else next[key] = number;
  }
  const macvlan = data.get("default_macvlan_mode");
  if (macvlan !== undefined) {
    if (MACVLAN_MODES.includes(macvlan)) next.defaultMacvlanMode = macvlan;
    else errors.add("default_macvlan_mode", choiceError(macvlan));
  }
  // A host has one storage pool, `default`, which may be named by id or name.
  const storagePool = data.get("default_storage_pool");
  if (storagePool !== undefined && storagePool !== "" && storagePool !== "default") {
    errors.add("default_storage_pool", choiceError(storagePool));
  }
  const tags = data.get("tags");
  if (tags !== undefined) {
    next.tags = tags.split(",").map((tag) => tag.trim()).filter((tag) => tag !== "");
  }
  if (!next.tags.includes(CONSOLE_TAG)) next.tags.push(CONSOLE_TAG);
  errors.throwIfAny();
  const twin = [...ctx.state.vmhosts.hosts.values()].find((other) =>
    other.id !== host.id && other.type === next.type &&
    other.parameters.power_address === next.parameters.power_address
  );
  if (twin) throw ReplyError.badRequest(`Pod ${twin.name} with type and parameters already exist.`);
  Object.assign(host, next);
}

function newHostname(ctx: ActionContext): string {
  const taken = new Set([...ctx.state.machines.values()].map((m) => m.data.hostname));
  let name: string;
  do name = `composed-${ctx.state.random.string("abcdefghijklmnopqrstuvwxyz", 6)}`; while (
    taken.has(name)
  );
  return name;
}

/** Django's IntegerField with a default for a value left out. */
function whole(
  data: Fields,
  field: string,
  fallback: number,
  limits: { min: number; max?: number },
  errors: FormErrors,
): number {
  const value = data.get(field);
  if (value === undefined || value.trim() === "") return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(value)) {
    errors.add(field, "Enter a whole number.");
    return fallback;
  }
  const number = Number(value);
  if (number < limits.min) {
    errors.add(field, `Ensure this value is greater than or equal to ${limits.min}.`);
  }
  if (limits.max !== undefined && number > limits.max) {
    errors.add(field, `Ensure this value is less than or equal to ${limits.max}.`);
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

/** `ComposeMachineForm`: the machine's resources, name and placement, checked. */
function composeForm(ctx: AuthContext, host: SimVMHost) {
  const errors = new FormErrors();
  const data = ctx.data;
  const pinned = data.getAll("pinned_cores").flatMap((value) => value.split(","))
    .map((value) => value.trim()).filter((value) => value !== "");
  const pinnedCores: number[] = [];
  for (const core of pinned) {
    if (!/^\d+$/.test(core) || Number(core) >= host.cores) {
      errors.add("pinned_cores", `Invalid pinned cores: ${pinned.join(",")}`);
      break;
    }
    pinnedCores.push(Number(core));
  }
  const cores = pinnedCores.length ||
    whole(data, "cores", 1, { min: 1, max: host.cores }, errors);
  const memory = whole(data, "memory", 2048, { min: 1024, max: host.memory }, errors);
  whole(data, "cpu_speed", 0, { min: 300 }, errors);
  const architecture = data.get("architecture") || "amd64/generic";
  if (architecture !== "amd64/generic") errors.add("architecture", choiceError(architecture));
  const storage = storageGB(data.get("storage") || "root:8(local)");
  if (storage === null) {
    errors.add("storage", `Malformed storage constraint, "${data.get("storage")}".`);
  }
  let hostname = data.get("hostname");
  if (hostname) {
    if ([...ctx.state.machines.values()].some((m) => m.data.hostname === hostname)) {
      errors.add("hostname", `Node with hostname "${hostname}" already exists`);
    } else if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(hostname)) {
      errors.add("hostname", "Hostname contains invalid characters.");
    }
  } else {
    hostname = newHostname(ctx);
  }
  const site = ctx.state.site;
  const pick = <T extends { id: number }>(field: string, items: T[], fallback: T): T => {
    const value = data.get(field);
    if (!value) return fallback;
    const found = items.find((item) => String(item.id) === value);
    if (!found) errors.add(field, MODEL_CHOICE);
    return found ?? fallback;
  };
  const domain = pick(
    "domain",
    site.domains,
    defaultDomain(site),
  );
  const placement = ctx.state.placement;
  const zone = pick("zone", [...placement.zones.values()], placement.defaultZone);
  const pool = pick("pool", [...placement.pools.values()], placement.pool(host.poolId));
  errors.throwIfAny();
  return {
    cores,
    pinnedCores,
    memory,
    architecture,
    storage: (storage ?? 8) * 1_000_000_000,
    hostname,
    domain,
    zone,
    pool,
    hugepagesBacked: booleanField(data, "hugepages_backed"),
    skipCommissioning: booleanField(data, "skip_commissioning"),
  };
}

function compose(ctx: AuthContext): Reply {
  ctx.requireAdmin();
  const host = findHost(ctx);
  const form = composeForm(ctx, host);
  const section = ctx.state.vmhosts;
  const use = usedBy(section, host.id);
  let problem = "";
  if (host.cores * host.cpuOverCommitRatio - (use.cores + form.cores) < 0) {
    problem = `CPU overcommit ratio is ${pyFloat(host.cpuOverCommitRatio)} and there are ${
      host.cores - use.cores
    } available resources; ${form.cores} requested.`;
  }
  if (host.memory * host.memoryOverCommitRatio - (use.memory + form.memory) < 0) {
    problem += `Memory overcommit ratio is ${pyFloat(host.memoryOverCommitRatio)} and there are ${
      host.memory - use.memory
    } available resources; ${form.memory} requested.`;
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
    hostname: form.hostname,
    site: ctx.state.site,
    nextId: ctx.state.nextId,
    zoneId: form.zone.id,
    poolId: form.pool.id,
    architecture: form.architecture,
    powerType: host.type,
    macs: [mac],
    interfaces: ctx.state.interfaces,
    domain: form.domain,
    powerParameters: { ...host.parameters, instance_name: form.hostname },
  });
  const vm: SimVirtualMachine = {
    id: section.nextId("vm"),
    identifier: form.hostname,
    hostId: host.id,
    project: host.parameters.project ?? "default",
    pinnedCores: form.pinnedCores,
    unpinnedCores: form.pinnedCores.length > 0 ? 0 : form.cores,
    memory: form.memory,
    hugepagesBacked: form.hugepagesBacked,
    storage: form.storage,
    machineId: section.nextId("machine"),
    machineSystemId: machine.data.system_id,
  };
  section.vms.set(vm.id, vm);
  // Machines keep what they render as data (their family's model): the host and the virtual
  // machine are written there.
  Object.assign(machine.data, {
    cpu_count: form.cores,
    memory: form.memory,
    storage: form.storage / 1_000_000,
    pod: { id: host.id, name: host.name, resource_uri: apiUri(`vm-hosts/${host.id}/`) },
    virtualmachine_id: vm.id,
  });
  const setStatus = (status: number) => {
    machine.data.status = status;
    machine.data.status_name = STATUS_NAMES[status];
  };
  setStatus(form.skipCommissioning ? NodeStatus.READY : NodeStatus.COMMISSIONING);
  ctx.state.machines.set(machine.data.system_id, machine);
  ctx.state.storage.of(machine.data.system_id).addDevice({
    type: "physical",
    name: "sda",
    model: "QEMU HARDDISK",
    serial: `lxd_root_${machine.data.system_id}`,
    size: form.storage,
    numaNode: 0,
  });
  if (!form.skipCommissioning) {
    ctx.state.schedule(ctx.settings.lifecycleMs, () => {
      if (machine.data.status === NodeStatus.COMMISSIONING) setStatus(NodeStatus.READY);
    });
  }
  return json({
    system_id: machine.data.system_id,
    resource_uri: apiUri(`machines/${machine.data.system_id}/`),
  });
}

/** Deletes a host; `decompose` deletes its machines, else they stay, on no host. */
function removeHost(state: SimulatorState, host: SimVMHost, decompose: boolean): void {
  for (const systemId of state.vmhosts.deleteHost(host.id)) {
    const machine = state.machines.get(systemId);
    if (!machine) continue;
    if (decompose) state.removeNode(systemId);
    else Object.assign(machine.data, { pod: null, virtualmachine_id: null });
  }
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

/** Each action answers 410 on a line that removed VM hosts, as MAAS after 3.8 does. */
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

const HOST_PARAMS = ":param name: Optional. The host's name (default: one MAAS makes up).\n" +
  ":param zone: Optional. The host's zone, by name.\n" +
  ":param pool: Optional. The resource pool machines composed on the host go to, by name.\n" +
  ":param tags: Optional. The host's tags, comma-separated.\n" +
  ":param power_address: Optional. Where the host is: `host:8443` for LXD, " +
  "`qemu+ssh://user@host/system` for virsh.\n" +
  ":param power_pass: Optional. The virsh password or the LXD trust password.\n" +
  ":param cpu_over_commit_ratio: Optional. How many times its cores the host may hand out " +
  "(0 to 10).\n:type cpu_over_commit_ratio: Float\n" +
  ":param memory_over_commit_ratio: Optional. How many times its memory the host may hand out " +
  "(0 to 10).\n:type memory_over_commit_ratio: Float\n" +
  ":param default_storage_pool: Optional. The storage pool new machines' disks go to, by id " +
  "or name.\n" +
  ":param default_macvlan_mode: Optional. The macvlan mode of new machines' interfaces: " +
  "bridge, passthru, private or vepa.";

const collection: Record<string, ActionSpec<AuthContext>> = {
  "GET read": {
    doc: "List VM hosts by id.",
    run: (ctx) => json([...ctx.state.vmhosts.hosts.values()].map((host) => hostJson(ctx, host))),
  },
  "POST create": {
    doc: "Add an LXD or virsh VM host (administrators only); MAAS contacts it and finds its " +
      "resources.\n\n" +
      ":param type: Required. `lxd` or `virsh`.\n" +
      ":param power_address: Required. Where the host is: `host:8443` for LXD, " +
      "`qemu+ssh://user@host/system` for virsh.\n" +
      ":param power_user: Optional. The virsh user, when no key is used.\n" +
      ":param power_pass: Optional. The virsh password or the LXD trust password.\n" +
      ":param name: Optional. The host's name (default: one MAAS makes up).\n" +
      ":param zone: Optional. The host's zone, by name.\n" +
      ":param pool: Optional. The resource pool machines composed on the host go to, by name.\n" +
      ":param tags: Optional. The host's tags, comma-separated.\n" +
      ":param project: Optional. The LXD project MAAS manages (created when missing).\n" +
      ":param certificate: Optional. The certificate MAAS presents to LXD, in PEM form.\n" +
      ":param key: Optional. The private key of that certificate, in PEM form.",
    run: (ctx) => {
      ctx.requireAdmin();
      const section = ctx.state.vmhosts;
      const host = section.newHost({
        zoneId: ctx.state.placement.defaultZoneId,
        poolId: ctx.state.placement.defaultPool.id,
      });
      applyHost(ctx, host, true);
      if (!host.name) host.name = `vmhost-${host.id}`;
      host.version = host.type === "lxd" ? "5.21.1" : "8.0.0";
      section.hosts.set(host.id, host);
      return json(hostJson(ctx, host));
    },
  },
};

const one: Record<string, ActionSpec<AuthContext>> = {
  "GET read": { doc: "Read a VM host.", run: (ctx) => json(hostJson(ctx, findHost(ctx))) },
  "PUT update": {
    doc: "Change a VM host (administrators only); what is left out stays as it is.\n\n" +
      HOST_PARAMS,
    run: (ctx) => {
      ctx.requireAdmin();
      const host = findHost(ctx);
      applyHost(ctx, host, false);
      return json(hostJson(ctx, host));
    },
  },
  "DELETE delete": {
    doc: "Delete a VM host (administrators only).\n\n" +
      ":param decompose: Optional. Also delete the machines composed on it.\n" +
      ":type decompose: Boolean",
    run: (ctx) => {
      ctx.requireAdmin();
      removeHost(ctx.state, findHost(ctx), booleanField(ctx.data, "decompose"));
      return deleted();
    },
  },
  "POST refresh": {
    doc: "Find a VM host's resources and machines again (administrators only).",
    run: (ctx) => {
      ctx.requireAdmin();
      const host = findHost(ctx);
      const section = ctx.state.vmhosts;
      for (const vm of section.vmsOf(host.id)) {
        if (vm.machineSystemId !== null && !ctx.state.machines.has(vm.machineSystemId)) {
          section.vms.delete(vm.id);
        }
      }
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
    doc: "Compose a machine on the host (administrators only); the answer gives its system_id " +
      "and resource_uri.\n\n" +
      ":param cores: Optional. Its cores (default 1).\n:type cores: Int\n" +
      ":param memory: Optional. Its memory in MiB (default 2048, at least 1024).\n" +
      ":type memory: Int\n" +
      ":param hugepages_backed: Optional. Back its memory with huge pages.\n" +
      ":type hugepages_backed: Boolean\n" +
      ":param pinned_cores: Optional. A host core to pin it to; repeat for several (replaces " +
      "`cores`).\n:type pinned_cores: Int\n" +
      ":param cpu_speed: Optional. The least CPU speed, in MHz.\n:type cpu_speed: Int\n" +
      ":param architecture: Optional. An architecture the host has (default amd64/generic).\n" +
      ":param storage: Optional. Its disks, as `label:size(tag,…)` with the size in GB, " +
      "comma-separated (default `root:8(local)`).\n" +
      ":param interfaces: Optional. Its interfaces, as `label:key=value,…` " +
      "semicolon-separated.\n" +
      ":param hostname: Optional. Its host name (default: one MAAS makes up).\n" +
      ":param domain: Optional. Its domain, by id.\n:type domain: Int\n" +
      ":param zone: Optional. Its zone, by id.\n:type zone: Int\n" +
      ":param pool: Optional. Its resource pool, by id (default: the host's).\n:type pool: Int",
    run: compose,
  },
  "POST add_tag": {
    doc: "Add a tag to a VM host (administrators only).\n\n" +
      ":param tag: Required. The tag, without commas.",
    run: tagOp(true),
  },
  "POST remove_tag": {
    doc: "Remove a tag from a VM host (administrators only).\n\n" +
      ":param tag: Required. The tag.",
    run: tagOp(false),
  },
};

const clusters: Record<string, ActionSpec<AuthContext>> = {
  "GET read": {
    doc: "List VM clusters.",
    run: (ctx) =>
      json(
        [...ctx.state.vmhosts.clusters.values()].map((cluster) =>
          vmClusterJson(ctx.state, cluster)
        ),
      ),
  },
};

const cluster: Record<string, ActionSpec<AuthContext>> = {
  "GET read": {
    doc: "Read a VM cluster.",
    run: (ctx) => json(vmClusterJson(ctx.state, findCluster(ctx))),
  },
  "PUT update": {
    doc: "Change a VM cluster's name, and the zone and pool of every one of its hosts " +
      "(administrators only).\n\n" +
      ":param name: Optional. The cluster's new name.\n" +
      ":param pool: Optional. The resource pool of its hosts, by name.\n" +
      ":param zone: Optional. The zone of its hosts, by name.",
    run: (ctx) => {
      ctx.requireAdmin();
      const found = findCluster(ctx);
      const errors = new FormErrors();
      const zoneId = zoneField(ctx.state, ctx.data, errors);
      const poolId = poolField(ctx.state, ctx.data, errors);
      const name = ctx.data.get("name")?.trim();
      if (name === "") errors.add("name", REQUIRED);
      errors.throwIfAny();
      if (name !== undefined) found.name = name;
      for (const host of [found, ...ctx.state.vmhosts.hostsOf(found.id)]) {
        host.zoneId = zoneId ?? host.zoneId;
        host.poolId = poolId ?? host.poolId;
      }
      return json(vmClusterJson(ctx.state, found));
    },
  },
  "DELETE delete": {
    doc: "Delete a VM cluster and its hosts (administrators only).\n\n" +
      ":param decompose: Optional. Also delete the machines composed on its hosts.\n" +
      ":type decompose: Boolean",
    run: (ctx) => {
      ctx.requireAdmin();
      const found = findCluster(ctx);
      const decompose = booleanField(ctx.data, "decompose");
      for (const host of ctx.state.vmhosts.hostsOf(found.id)) {
        removeHost(ctx.state, host, decompose);
      }
      ctx.state.vmhosts.clusters.delete(found.id);
      return deleted();
    },
  },
};

function findVm(ctx: ActionContext): SimVirtualMachine {
  const vm = /^\d+$/.test(ctx.params.id)
    ? ctx.state.vmhosts.vms.get(Number(ctx.params.id))
    : undefined;
  if (!vm) throw ReplyError.notFound("VirtualMachine");
  return vm;
}

const vms: Record<string, ActionSpec<AuthContext>> = {
  "GET read": {
    doc: "List the virtual machines of every VM host, by id.",
    run: (ctx) =>
      json([...ctx.state.vmhosts.vms.values()].map((vm) => virtualMachineJson(ctx.line, vm))),
  },
  "POST create": {
    doc: "MAAS routes this, but has no form to create a virtual machine with: compose one on " +
      "a VM host instead.",
    run: (ctx) => {
      ctx.requireAdmin();
      // MAAS's generic collection handler calls the form it has none of, and fails.
      throw new ReplyError(text("'NoneType' object is not callable", 500));
    },
  },
};

const vm: Record<string, ActionSpec<AuthContext>> = {
  "GET read": {
    doc: "Read a virtual machine.",
    run: (ctx) => json(virtualMachineJson(ctx.line, findVm(ctx))),
  },
};

/**
 * Register `vm-hosts/`, `pods/`, `vm-clusters/` and `virtual-machines/`, each with its item.
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
    ["vm-clusters/", "VmClustersHandler", "LXD VM hosts clustered together.", clusters],
    ["vm-clusters/{id}", "VmClusterHandler", "One VM cluster.", cluster],
    ["virtual-machines/", "VirtualMachinesHandler", "The machines VM hosts run.", vms],
    ["virtual-machines/{id}", "VirtualMachineHandler", "One virtual machine.", vm],
  ];
  for (const [path, name, doc, actions] of handlers) {
    table.resource({ path, auth: { name, doc, actions: goneOnNewServers(actions) } });
  }
}
