/**
 * Machines: `machines/` (list with MAAS's server-side filters, create, enlistment by unsigned
 * requests) and `machines/{system_id}/` (read, delete). Commissioning after creation runs on the
 * state's timers: Commissioning → Testing → Ready, one `lifecycleMs` step each.
 *
 * @module
 */

import {
  anonymousView,
  blankMachine,
  fillHardware,
  NodeStatus,
  setStatus,
  type SimMachine,
  STATUS_KEYWORDS,
} from "../inventory.ts";
import type { FormFields } from "../forms.ts";
import { deleted, json, MaasError, missingParam } from "../reply.ts";
import type { ActionContext, RouteTable, ServerSettings } from "../routes.ts";
import type { SimulatorState, SimUser } from "../state.ts";

/** What `POST machines/` accepts as an architecture (`amd64` alone means `amd64/generic`). */
const ARCHITECTURES = [
  "amd64/generic",
  "amd64/hwe-22.04",
  "amd64/hwe-24.04",
  "arm64/generic",
  "i386/generic",
  "ppc64el/generic",
  "s390x/generic",
];

const MAC =
  /^([0-9a-f]{2})[:-]?([0-9a-f]{2})[:.-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:.-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})$/i;

/** `aa:bb:cc:dd:ee:ff` for any of the spellings MAAS accepts, or null. */
function normaliseMac(value: string): string | null {
  const match = MAC.exec(value.trim());
  return match ? match.slice(1).join(":").toLowerCase() : null;
}

/** Machines a user may see: administrators see all, others the free ones and their own. */
function visible(machine: SimMachine, user: SimUser): boolean {
  return user.isSuperuser || machine.data.owner === null || machine.data.owner === user.username;
}

function findMachine(state: SimulatorState, systemId: string, user: SimUser): SimMachine {
  const machine = state.machines.get(systemId);
  if (!machine || !visible(machine, user)) throw MaasError.notFound("Machine");
  return machine;
}

/**
 * Apply `GET machines/` filters (ReadNodesForm's): repeated keys match any of their values,
 * different keys must all match; unknown zones, pools, tags, owners and statuses are 400 errors.
 *
 * @example
 * ```ts
 * import { filterMachines } from "./machines.ts";
 * import { SimulatorState } from "../state.ts";
 * import { parseQuery } from "../forms.ts";
 * const state = new SimulatorState({ machines: 20 });
 * const ready = filterMachines(state, [...state.machines.values()], parseQuery("status=ready"));
 * ```
 */
export function filterMachines(
  state: SimulatorState,
  machines: SimMachine[],
  query: FormFields,
): SimMachine[] {
  const errors: Record<string, string[]> = {};
  const list = (name: string) => query.getAll(name).filter((value) => value !== "");
  const site = state.site;

  const macs = list("mac_address").map(normaliseMac);
  if (macs.includes(null)) errors.mac_address = ["Invalid parameter: invalid MAC address format"];

  const statusOf = (name: string) => {
    const values = list(name);
    const bad = values.find((value) => !STATUS_KEYWORDS.includes(value.toLowerCase()));
    if (bad !== undefined) {
      errors[name] = [`Select a valid choice. ${bad} is not one of the available choices.`];
    }
    return new Set(values.map((value) => STATUS_KEYWORDS.indexOf(value.toLowerCase())));
  };
  const statuses = statusOf("status");
  const notStatuses = statusOf("not_status");

  const named = (name: string, known: string[], noun: string) => {
    const values = list(name);
    const unknown = values.filter((value) => !known.includes(value));
    if (unknown.length > 0) errors[name] = [`No such ${noun}(s): ${unknown.join(", ")}.`];
    return values;
  };
  const zones = named("zone", site.zones.map((zone) => zone.name), "zone");
  const notZones = named("not_in_zone", site.zones.map((zone) => zone.name), "zone");
  const pools = named("pool", site.pools.map((pool) => pool.name), "pool");
  const notPools = named("not_in_pool", site.pools.map((pool) => pool.name), "pool");

  const tagsOf = (name: string) => {
    const tags = list(name).flatMap((value) => value.split(/[,\s]+/)).filter((tag) => tag !== "");
    const unknown = [...new Set(tags)].filter((tag) => !site.tags.includes(tag));
    if (unknown.length > 0) {
      errors[name] = [`No such tag(s): ${unknown.map((tag) => `'${tag}'`).join(", ")}.`];
    }
    return tags;
  };
  const tags = tagsOf("tags");
  const notTags = tagsOf("not_tags");

  const owners = list("owner");
  const strayOwner = owners.find((owner) => !state.users.has(owner));
  if (strayOwner !== undefined) errors.owner = [`No such owner: '${strayOwner}'.`];

  const arches = list("arch");
  const strayArch = arches.find((arch) =>
    !ARCHITECTURES.includes(arch) && !ARCHITECTURES.some((known) => known.startsWith(`${arch}/`))
  );
  if (strayArch !== undefined) errors.arch = ["Architecture not recognised."];

  const minimum = (name: string) => {
    const value = query.get(name);
    if (value === undefined || value === "") return 0;
    const number = Number(value);
    if (!Number.isFinite(number)) errors[name] = [`Invalid ${name}: must be a number.`];
    return number;
  };
  const cpuCount = minimum("cpu_count");
  const memory = minimum("mem");

  if (Object.keys(errors).length > 0) throw MaasError.invalid(errors);

  const ids = [...list("id"), ...list("system_id")];
  const anyOf = (values: string[], value: string | null | undefined) =>
    values.length === 0 || (value != null && values.includes(value));
  const noneOf = (values: string[], value: string | null | undefined) =>
    value == null || !values.includes(value);
  const nameOf = (field: unknown) => (field as { name?: string } | null)?.name;

  return machines.filter((machine) => {
    const data = machine.data;
    const nicMacs = (data.interface_set as { mac_address: string }[]).map((nic) => nic.mac_address);
    return anyOf(ids, data.system_id) &&
      noneOf(list("not_id"), data.system_id) &&
      anyOf(list("hostname"), data.hostname) &&
      noneOf(list("not_hostname"), data.hostname) &&
      (macs.length === 0 || macs.some((mac) => nicMacs.includes(mac!))) &&
      anyOf(list("domain"), nameOf(data.domain)) &&
      noneOf(list("not_domain"), nameOf(data.domain)) &&
      anyOf(list("agent_name"), machine.agentName) &&
      noneOf(list("not_agent_name"), machine.agentName) &&
      (statuses.size === 0 || statuses.has(data.status)) &&
      !notStatuses.has(data.status) &&
      anyOf(zones, nameOf(data.zone)) &&
      noneOf(notZones, nameOf(data.zone)) &&
      anyOf(pools, nameOf(data.pool)) &&
      noneOf(notPools, nameOf(data.pool)) &&
      tags.every((tag) => data.tag_names.includes(tag)) &&
      !notTags.some((tag) => data.tag_names.includes(tag)) &&
      anyOf(owners, data.owner) &&
      noneOf(list("not_owner"), data.owner) &&
      anyOf(list("power_state"), data.power_state) &&
      noneOf(list("not_power_state"), data.power_state) &&
      (arches.length === 0 ||
        arches.some((arch) =>
          data.architecture === arch || data.architecture.startsWith(`${arch}/`)
        )) &&
      (data.cpu_count as number) >= cpuCount &&
      (data.memory as number) >= memory;
  });
}

const ADJECTIVES = ["amused", "bright", "crisp", "dapper", "eager", "fluent", "gentle", "hearty"];
const NOUNS = ["aphid", "bream", "civet", "drake", "egret", "finch", "grouse", "heron"];

function freeHostname(state: SimulatorState): string {
  const taken = new Set([...state.machines.values()].map((machine) => machine.data.hostname));
  for (;;) {
    const name = `${state.random.pick(ADJECTIVES)}-${state.random.pick(NOUNS)}`;
    if (!taken.has(name)) return name;
    const numbered = `${name}-${state.random.int(10, 9999)}`;
    if (!taken.has(numbered)) return numbered;
  }
}

/**
 * Validate `POST machines/` fields and add the machine in state New (MAAS's machine creation form).
 *
 * @example
 * ```ts
 * import { createMachine } from "./machines.ts";
 * import { SimulatorState } from "../state.ts";
 * import { FormFields } from "../forms.ts";
 * const state = new SimulatorState();
 * const machine = createMachine(state, new FormFields([
 *   ["architecture", "amd64"], ["mac_addresses", "52:54:00:00:00:01"],
 * ]));
 * console.log(machine.data.architecture); // "amd64/generic"
 * ```
 */
export function createMachine(state: SimulatorState, data: FormFields): SimMachine {
  const errors: Record<string, string[]> = {};
  let architecture = data.get("architecture") ?? "";
  const subarchitecture = data.get("subarchitecture");
  if (architecture !== "" && !architecture.includes("/")) {
    architecture = `${architecture}/${subarchitecture || "generic"}`;
  }
  if (architecture === "") {
    errors.architecture = ["This field is required."];
  } else if (!ARCHITECTURES.includes(architecture)) {
    errors.architecture = [
      `'${architecture}' is not a valid architecture.  It should be one of: ${
        ARCHITECTURES.map((arch) => `'${arch}'`).join(", ")
      }.`,
    ];
  }

  const givenMacs = data.getAll("mac_addresses").filter((mac) => mac !== "");
  const macs: string[] = [];
  const macErrors: string[] = [];
  const inUse = new Map<string, string>();
  for (const machine of state.machines.values()) {
    for (const nic of machine.data.interface_set as { mac_address: string }[]) {
      inUse.set(nic.mac_address, machine.data.hostname);
    }
  }
  for (const given of givenMacs) {
    const mac = normaliseMac(given);
    if (mac === null) macErrors.push(`'${given}' is not a valid MAC address.`);
    else if (inUse.has(mac)) {
      macErrors.push(`MAC address ${mac} already in use on ${inUse.get(mac)}.`);
    } else macs.push(mac);
  }
  if (givenMacs.length === 0) {
    errors.mac_addresses = ["This field is required."];
  } else if (macErrors.length > 0) {
    errors.mac_addresses = givenMacs.length > 1
      ? [`One or more MAC addresses is invalid. (${macErrors.join(" \u2014 ")})`]
      : macErrors;
  }

  const hostname = data.get("hostname")?.trim() || freeHostname(state);
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(hostname)) {
    errors.hostname = [`Invalid hostname: Label cannot start or end with hyphen.`];
    if (/[^a-z0-9-]/i.test(hostname)) {
      errors.hostname = [`Invalid hostname: Label contains disallowed characters.`];
    }
  } else if ([...state.machines.values()].some((machine) => machine.data.hostname === hostname)) {
    errors.hostname = ["Node with this Hostname already exists."];
  }

  const domainName = data.get("domain");
  const domain = domainName === undefined || domainName === ""
    ? undefined
    : state.site.domains.find((candidate) => candidate.name === domainName);
  if (domainName && !domain) {
    errors.domain = ["Select a valid choice. That choice is not one of the available choices."];
  }

  if (Object.keys(errors).length > 0) throw MaasError.invalid(errors);

  const powerParameters: Record<string, string> = {};
  for (const name of data.names()) {
    if (name.startsWith("power_parameters_") && name !== "power_parameters_skip_check") {
      powerParameters[name.slice("power_parameters_".length)] = data.get(name)!;
    }
  }
  const machine = blankMachine({
    systemId: state.newSystemId(),
    hostname,
    site: state.site,
    nextId: state.nextId,
    architecture,
    powerType: data.get("power_type") ?? "",
    macs,
    domain,
    powerParameters,
    description: data.get("description") ?? "",
  });
  state.machines.set(machine.data.system_id, machine);
  return machine;
}

/**
 * Start commissioning a machine: Commissioning now, then Testing (hardware discovered), then Ready,
 * each step `settings.lifecycleMs` long. `testing_scripts=none` skips Testing.
 *
 * @example
 * ```ts
 * import { startCommissioning } from "./machines.ts";
 * import { SimulatorState } from "../state.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * startCommissioning(state, machine, { version: "3.8.0", capabilities: [], lifecycleMs: 10 });
 * state.stop();
 * ```
 */
export function startCommissioning(
  state: SimulatorState,
  machine: SimMachine,
  settings: ServerSettings,
  options: { skipTesting?: boolean } = {},
): void {
  setStatus(machine, NodeStatus.COMMISSIONING, "Commissioning");
  machine.data.power_state = "on";
  const finish = () => {
    setStatus(machine, NodeStatus.READY, "Ready");
    machine.data.power_state = "off";
  };
  state.schedule(settings.lifecycleMs, () => {
    if (machine.data.status !== NodeStatus.COMMISSIONING) return;
    if ((machine.data.blockdevice_set as unknown[]).length === 0) {
      fillHardware(machine, state.site, state.nextId, state.random, {});
    }
    if (options.skipTesting) return finish();
    setStatus(machine, NodeStatus.TESTING, "Running test: smartctl-validate on sda");
    state.schedule(settings.lifecycleMs, () => {
      if (machine.data.status === NodeStatus.TESTING) finish();
    });
  });
}

function parseBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const normal = value.trim().toLowerCase();
  if (["1", "true", "yes", "on", "t", "y"].includes(normal)) return true;
  if (["0", "false", "no", "off", "f", "n"].includes(normal)) return false;
  throw MaasError.badRequest(`Invalid value '${value}': must be true or false.`);
}

function isRegistered(ctx: ActionContext, ignore: number[]): boolean {
  const given = ctx.query.get("mac_address");
  if (given === undefined) throw missingParam("mac_address");
  const mac = normaliseMac(given);
  for (const machine of ctx.state.machines.values()) {
    if (ignore.includes(machine.data.status)) continue;
    for (const nic of machine.data.interface_set as { mac_address: string }[]) {
      if (nic.mac_address === mac) return true;
    }
  }
  return false;
}

/**
 * Register `machines/` (with its anonymous handler) and `machines/{system_id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../routes.ts";
 * import { registerMachines } from "./machines.ts";
 * const table = new RouteTable();
 * registerMachines(table);
 * ```
 */
export function registerMachines(table: RouteTable): void {
  table.resource({
    path: "machines/",
    auth: {
      name: "MachinesHandler",
      doc: "All the machines of this MAAS.",
      actions: {
        "GET": {
          doc: "List the machines the caller may see, in id order, filtered on the server.\n\n" +
            ":param hostname: Optional, repeatable.\n:param mac_address: Optional, repeatable.\n" +
            ":param id: Optional, repeatable system_id.\n:param domain: Optional, repeatable.\n" +
            ":param zone: Optional, repeatable.\n:param pool: Optional, repeatable.\n" +
            ":param tags: Optional, repeatable or comma-separated; all must match.\n" +
            ":param status: Optional, repeatable (ready, deployed, …).\n" +
            ":param agent_name: Optional, repeatable.\n:param owner: Optional, repeatable.",
          run: ({ state, query, user }) => {
            const mine = [...state.machines.values()].filter((machine) => visible(machine, user));
            return json(filterMachines(state, mine, query).map((machine) => machine.data));
          },
        },
        "GET is_registered": {
          doc: "Whether a MAC address belongs to a machine that is not retired.\n\n" +
            ":param mac_address: Required.",
          run: (ctx) => json(isRegistered(ctx, [NodeStatus.RETIRED])),
        },
        "POST": {
          doc: "Add a machine. Administrators' machines start commissioning unless " +
            "`commission=false`; others stay New.\n\n" +
            ":param architecture: Required (e.g. amd64/generic).\n" +
            ":param mac_addresses: Required, repeatable.\n:param hostname: Optional.\n" +
            ":param domain: Optional.\n:param description: Optional.\n:param power_type: Optional.\n" +
            ":param power_parameters_{name}: Optional.\n:param commission: Optional boolean.",
          run: ({ state, data, user, settings }) => {
            const commission = parseBool(data.get("commission"), true);
            const deployed = parseBool(data.get("deployed"), false);
            const machine = createMachine(state, data);
            if (deployed) {
              fillHardware(machine, state.site, state.nextId, state.random, {});
              setStatus(machine, NodeStatus.DEPLOYED, "Deployed");
              machine.data.owner = user.username;
              machine.data.power_state = "on";
            } else if (user.isSuperuser && commission) {
              startCommissioning(state, machine, settings, {
                skipTesting: (data.get("testing_scripts") ?? "").toLowerCase() === "none",
              });
            }
            return json(machine.data);
          },
        },
      },
    },
    anon: {
      name: "AnonMachinesHandler",
      doc: "What unsigned requests can do with machines: enlistment and registration checks.",
      actions: {
        "GET is_registered": {
          doc: "Whether a MAC address belongs to a machine past enlistment.\n\n" +
            ":param mac_address: Required.",
          run: (ctx) =>
            json(
              isRegistered(ctx, [NodeStatus.NEW, NodeStatus.COMMISSIONING, NodeStatus.RETIRED]),
            ),
        },
        "GET is_action_in_progress": {
          doc: "Whether the machine with a MAC address is commissioning or deploying.\n\n" +
            ":param mac_address: Required.",
          run: ({ query, state }) => {
            const given = query.get("mac_address");
            if (given === undefined) throw missingParam("mac_address");
            const mac = normaliseMac(given);
            const busy = [...state.machines.values()].some((machine) =>
              (machine.data.status === NodeStatus.COMMISSIONING ||
                machine.data.status === NodeStatus.DEPLOYING) &&
              (machine.data.interface_set as { mac_address: string }[]).some((nic) =>
                nic.mac_address === mac
              )
            );
            return json(busy);
          },
        },
        "POST": {
          doc: "Enlist a machine; it stays New until an administrator accepts it.\n\n" +
            ":param architecture: Required.\n:param mac_addresses: Required, repeatable.",
          run: ({ state, data }) => json(anonymousView(createMachine(state, data))),
        },
        "POST accept": {
          doc: "Not for anonymous callers: always 401.",
          run: () => {
            throw MaasError.unauthorized("You must be logged in to accept machines.");
          },
        },
      },
    },
  });

  table.resource({
    path: "machines/{system_id}/",
    auth: {
      name: "MachineHandler",
      doc: "One machine, by system_id.",
      actions: {
        "GET": {
          doc: "Read a machine.",
          run: ({ state, params, user }) => json(findMachine(state, params.system_id, user).data),
        },
        "DELETE": {
          doc: "Delete a machine (administrators only).",
          run: ({ state, params, user }) => {
            const machine = findMachine(state, params.system_id, user);
            if (!user.isSuperuser) {
              throw MaasError.forbidden("You do not have permission to delete this machine.");
            }
            state.machines.delete(machine.data.system_id);
            return deleted();
          },
        },
      },
    },
  });
}
