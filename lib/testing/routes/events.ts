/**
 * Events: `GET events/?op=query`, with MAAS's node filters, levels and keyset paging on event ids
 * (`before` going back, `after` going forward, `next_uri`/`prev_uri` built as MAAS builds them).
 *
 * The log starts with a seeded history for the machines the simulator started with. From then on
 * it notices machines' status changes (Commissioning, Ready, Deploying…) whenever it is read, and
 * tests add their own events with {@linkcode SimEventLog.add}.
 *
 * @module
 */

import { type SimMachine, STATUS_NAMES } from "../inventory.ts";
import { json, MaasError } from "../reply.ts";
import type { RouteTable } from "../routes.ts";
import type { SimulatorState, SimUser } from "../state.ts";
import { nodeStore } from "./nodes.ts";

const API = "/MAAS/api/2.0/";
const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;
// Python logging levels, with MAAS's AUDIT below them all.
const LEVELS: Readonly<Record<string, number>> = {
  AUDIT: 0,
  DEBUG: 10,
  INFO: 20,
  WARNING: 30,
  ERROR: 40,
  CRITICAL: 50,
};
// The query parameters MAAS carries over into next_uri and prev_uri.
const CARRIED = new Set([
  "agent_name",
  "domain",
  "hostname",
  "id",
  "level",
  "limit",
  "mac_address",
  "op",
  "zone",
  "owner",
]);
const MAC = new RegExp(
  "^(([0-9a-fA-F]{1,2}:){5}[0-9a-fA-F]{1,2}|([0-9a-fA-F]{1,2}-){5}[0-9a-fA-F]{1,2}|" +
    "([0-9a-fA-F]{3,4}.){2}[0-9a-fA-F]{3,4})$",
);
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// The seeded history ends here, so that it never looks newer than events made while running.
const SEED_END = Date.UTC(2026, 0, 1, 9, 0, 0);

/**
 * An event level name.
 *
 * @example
 * ```ts
 * import type { SimEventLevel } from "./events.ts";
 * const level: SimEventLevel = "WARNING";
 * ```
 */
export type SimEventLevel = "AUDIT" | "DEBUG" | "INFO" | "WARNING" | "ERROR" | "CRITICAL";

/**
 * One event of the log.
 *
 * @example
 * ```ts
 * import type { SimEvent } from "./events.ts";
 * const event: SimEvent = {
 *   id: 1, type: "Deployed", level: "INFO", description: "", created: new Date(),
 *   systemId: "abc123", hostname: "node-1", username: "admin",
 * };
 * ```
 */
export interface SimEvent {
  /** Event id; ids grow with time. */
  id: number;
  /** The event type's description (`Deploying`, `Node powered on`…). */
  type: string;
  /** Severity. */
  level: SimEventLevel;
  /** Details. */
  description: string;
  /** When it happened. */
  created: Date;
  /** The node it is about (events of nodes that no longer exist are not listed, as in MAAS). */
  systemId: string | null;
  /** The node's hostname when the event happened. */
  hostname: string;
  /** Who caused it, empty when nobody did. */
  username: string;
}

/**
 * What {@linkcode SimEventLog.add} takes: a type, and whatever else differs from the defaults.
 *
 * @example
 * ```ts
 * import type { NewSimEvent } from "./events.ts";
 * const warning: NewSimEvent = { type: "Failed to query node's BMC", level: "WARNING", systemId: "abc123" };
 * ```
 */
export interface NewSimEvent {
  /** The event type's description. */
  type: string;
  /** Severity (default INFO). */
  level?: SimEventLevel;
  /** Details (default empty). */
  description?: string;
  /** The node's system_id; its hostname is looked up when not given. */
  systemId?: string | null;
  /** The node's hostname. */
  hostname?: string;
  /** Who caused it (default nobody). */
  username?: string;
  /** When (default now). */
  created?: Date;
}

/**
 * The event log of one simulator.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { eventLog } from "./events.ts";
 * await using sim = await MaasSimulator.start({ machines: 3 });
 * const [machine] = sim.state.machines.values();
 * eventLog(sim.state).add({ type: "Rebooting", systemId: machine.data.system_id });
 * ```
 */
export class SimEventLog {
  #state: SimulatorState;
  #events: SimEvent[] = [];
  #statuses = new Map<string, number>();

  /** A log seeded with a plausible history for the machines `state` has now. */
  constructor(state: SimulatorState) {
    this.#state = state;
    this.#seed();
  }

  /** Every event, oldest first (after noticing machines' status changes). */
  get events(): readonly SimEvent[] {
    this.observe();
    return this.#events;
  }

  /** Append an event (after noticing status changes, so that ids follow time). */
  add(event: NewSimEvent): SimEvent {
    this.observe();
    return this.#append(event);
  }

  /**
   * Record an event for each machine whose status changed since the log last looked, and for
   * each machine that is new to it.
   */
  observe(): void {
    for (const machine of this.#state.machines.values()) {
      const data = machine.data;
      const before = this.#statuses.get(data.system_id);
      if (before === data.status) continue;
      this.#statuses.set(data.system_id, data.status);
      const from = before === undefined ? null : STATUS_NAMES[before];
      const to = STATUS_NAMES[data.status] ?? "Unknown";
      if (from !== null) {
        this.#append({
          type: "Node changed status",
          level: "DEBUG",
          description: `From '${from}' to '${to}'`,
          systemId: data.system_id,
          hostname: data.hostname,
        });
      }
      this.#append({
        type: to,
        level: "INFO",
        systemId: data.system_id,
        hostname: data.hostname,
        username: data.owner ?? "",
      });
    }
  }

  #append(event: NewSimEvent): SimEvent {
    const systemId = event.systemId ?? null;
    const store = nodeStore(this.#state);
    const node = systemId === null
      ? undefined
      : this.#state.machines.get(systemId) ?? store.controllers.get(systemId) ??
        store.devices.get(systemId);
    const last = this.#events.at(-1);
    const created = event.created ?? new Date();
    const record: SimEvent = {
      id: last ? last.id + 1 : 1,
      type: event.type,
      level: event.level ?? "INFO",
      description: event.description ?? "",
      // Ids and times go up together, as in MAAS's table.
      created: last && created < last.created ? last.created : created,
      systemId,
      hostname: event.hostname ?? node?.data.hostname ?? "",
      username: event.username ?? "",
    };
    this.#events.push(record);
    return record;
  }

  #seed(): void {
    const machines = [...this.#state.machines.values()];
    const history: { at: number; event: NewSimEvent }[] = [];
    machines.forEach((machine, index) => {
      const steps = historyOf(machine);
      // Each machine's story spreads over the hours before SEED_END, machines interleaved.
      const start = SEED_END - (steps.length + 1) * 600_000 - (index % 97) * 7_000;
      steps.forEach((event, step) => history.push({ at: start + step * 600_000, event }));
      this.#statuses.set(machine.data.system_id, machine.data.status);
    });
    history.sort((a, b) => a.at - b.at);
    for (const { at, event } of history) this.#append({ ...event, created: new Date(at) });
  }
}

/** The events a machine would have left on its way to its current status. */
function historyOf(machine: SimMachine): NewSimEvent[] {
  const data = machine.data;
  const node = { systemId: data.system_id, hostname: data.hostname };
  const event = (
    type: string,
    level: SimEventLevel = "INFO",
    description = "",
    username = "",
  ): NewSimEvent => ({ type, level, description, username, ...node });
  const status = data.status;
  const owner = data.owner ?? "";
  const steps = [event("New")];
  if (status === 0) return steps;
  steps.push(event("Commissioning", "INFO", "", "admin"), event("Node powered on", "DEBUG"));
  if (status === 1) return steps;
  if (status === 2) {
    steps.push(
      event("Failed commissioning"),
      event("Node commissioning failure", "ERROR", "50-maas-01-commissioning failed"),
    );
    return steps;
  }
  steps.push(event("Gathering information"), event("Testing"));
  if (status === 21) return steps;
  if (status === 22) {
    steps.push(event("Failed testing", "INFO", "smartctl-validate failed"));
    return steps;
  }
  steps.push(event("Ready"), event("Node powered off", "DEBUG"));
  if (status === 8) steps.push(event("Marking node broken", "ERROR", "Marked broken", "admin"));
  if (status === 3 || data.power_state === "unknown" || data.power_state === "error") {
    steps.push(event("Failed to query node's BMC", "WARNING", "Power state could not be queried"));
  }
  if ([5, 6, 9, 10, 11].includes(status)) {
    steps.push(event("Node", "AUDIT", `Acquired '${data.hostname}'.`, owner));
  }
  if ([6, 9, 11].includes(status)) {
    steps.push(
      event("Deploying", "INFO", "", owner),
      event("Node powered on", "DEBUG"),
      event("Installing OS"),
    );
    if (status === 6) steps.push(event("Deployed", "INFO", "", owner));
    if (status === 11) {
      steps.push(
        event(
          "Node installation failure",
          "ERROR",
          "Installation failed (refer to the installation log for more information).",
        ),
      );
    }
  }
  return steps;
}

const LOGS = new WeakMap<SimulatorState, SimEventLog>();

/**
 * The event log of a simulator, made (and seeded) on first use.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../state.ts";
 * import { eventLog } from "./events.ts";
 * const log = eventLog(new SimulatorState({ machines: 2 }));
 * console.log(log.events.length > 0); // true
 * ```
 */
export function eventLog(state: SimulatorState): SimEventLog {
  let log = LOGS.get(state);
  if (!log) LOGS.set(state, log = new SimEventLog(state));
  return log;
}

/**
 * MAAS's rendering of an event time, `%a, %d %b. %Y %H:%M:%S` (in UTC).
 *
 * @example
 * ```ts
 * import { eventTime } from "./events.ts";
 * console.log(eventTime(new Date(Date.UTC(2026, 0, 1, 10)))); // "Thu, 01 Jan. 2026 10:00:00"
 * ```
 */
export function eventTime(date: Date): string {
  const two = (value: number) => String(value).padStart(2, "0");
  return `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]}. ` +
    `${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:` +
    two(date.getUTCSeconds());
}

function eventJson(event: SimEvent): Record<string, unknown> {
  return {
    username: event.username === "" ? "unknown" : event.username,
    node: event.systemId,
    hostname: event.hostname,
    id: event.id,
    level: event.level,
    created: eventTime(event.created),
    type: event.type,
    description: event.description,
  };
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*[-+]?\d+\s*$/.test(value)) {
    throw MaasError.badRequest(`Invalid ${name}: Please enter an integer value`);
  }
  return Number(value);
}

function normaliseMac(mac: string): string {
  const tokens = mac.toLowerCase().split(/[-:.]/);
  if (tokens.length === 3) {
    return tokens.flatMap((token) => token.padStart(4, "0").match(/../g)!).join(":");
  }
  return tokens.map((token) => token.padStart(2, "0")).join(":");
}

function visible(machine: SimMachine, user: SimUser): boolean {
  return user.isSuperuser || machine.data.owner === null || machine.data.owner === user.username;
}

/** The nodes the node filters select (filtered_nodes_list_from_request). */
function selectedNodes(
  state: SimulatorState,
  query: { get(name: string): string | undefined; getAll(name: string): string[] },
  user: SimUser,
): Set<string> {
  const list = (name: string) => {
    const values = query.getAll(name);
    return values.length > 0 ? values : undefined;
  };
  const macs = list("mac_address");
  if (macs) {
    const invalid = macs.filter((mac) => !MAC.test(mac));
    if (invalid.length > 0) {
      throw MaasError.badRequest(`Invalid MAC address(es): ${invalid.join(", ")}`);
    }
  }
  const wantedMacs = macs && new Set(macs.map(normaliseMac));
  const ids = list("id");
  const hostnames = list("hostname");
  const domains = list("domain");
  const zone = query.get("zone");
  const pool = query.get("pool");
  const agent = query.get("agent_name");
  const selected = new Set<string>();
  // Events of devices are never listed; those of machines and controllers are.
  const nodes = [...state.machines.values(), ...nodeStore(state).controllers.values()];
  for (const node of nodes) {
    const data = node.data;
    const nameOf = (field: string) => (data[field] as { name?: string } | undefined)?.name;
    const nics = (data.interface_set ?? []) as { mac_address?: string }[];
    if (
      visible(node, user) &&
      (!ids || ids.includes(data.system_id)) &&
      (!wantedMacs || nics.some((nic) => wantedMacs.has(String(nic.mac_address).toLowerCase()))) &&
      (!hostnames || hostnames.includes(data.hostname)) &&
      (!domains || domains.includes(nameOf("domain") ?? "")) &&
      (zone === undefined || nameOf("zone") === zone) &&
      (pool === undefined || nameOf("pool") === pool) &&
      (agent === undefined || node.agentName === agent)
    ) {
      selected.add(data.system_id);
    }
  }
  return selected;
}

/**
 * MAAS's next_uri/prev_uri: the carried parameters of the request (the last value of each, in
 * the order they came), then the one that moves the page.
 */
function pageUri(entries: [string, string][], extra: [string, string] | null): string {
  const carried = new Map<string, string>();
  for (const [name, value] of entries) if (CARRIED.has(name)) carried.set(name, value);
  const params = new URLSearchParams([...carried]);
  if (extra) params.append(...extra);
  const query = params.toString();
  return `${API}events/${query ? `?${query}` : ""}`;
}

/**
 * Register `events/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../routes.ts";
 * import { registerEvents } from "./events.ts";
 * const table = new RouteTable();
 * registerEvents(table);
 * ```
 */
export function registerEvents(table: RouteTable): void {
  table.resource({
    path: "events/",
    auth: {
      name: "EventsHandler",
      doc: "Events of nodes, filtered and paged by event id.",
      actions: {
        "GET query": {
          doc: "List node events, newest first.\n\n" +
            ":param hostname: Optional, repeatable.\n:param mac_address: Optional, repeatable.\n" +
            ":param id: Optional, repeatable system_id.\n:param domain: Optional, repeatable.\n" +
            ":param zone: Optional.\n:param pool: Optional.\n:param agent_name: Optional.\n" +
            ":param level: Optional. Least severe level returned: AUDIT (audit events only), " +
            "DEBUG, INFO (default), WARNING, ERROR, CRITICAL.\n" +
            ":param limit: Optional. At most this many (default 100, maximum 1000).\n" +
            ":param before: Optional event id: older events than this one.\n" +
            ":param after: Optional event id: the oldest events newer than this one.\n" +
            ":param owner: Optional username: only events that user caused.",
          run: ({ state, query, user }) => {
            const after = integer(query.get("after"), "after");
            const before = integer(query.get("before"), "before");
            const level = query.get("level") ?? "INFO";
            let limit = integer(query.get("limit"), "limit") ?? DEFAULT_LIMIT;
            const owner = query.get("owner");
            if (limit > MAX_LIMIT) {
              throw MaasError.badRequest(
                `Requested number of events ${limit} is greater than limit: ${MAX_LIMIT}`,
              );
            }
            if (limit < 1) limit = 1;
            const nodes = selectedNodes(state, query, user);
            if (!(level in LEVELS)) throw MaasError.badRequest(`Unrecognised log level: ${level}`);
            if (after !== undefined && before !== undefined) {
              throw MaasError.badRequest(
                "There is undetermined behaviour when both `after` and `before` are specified.",
              );
            }
            const least = LEVELS[level];
            const matches = (event: SimEvent) =>
              event.systemId !== null && nodes.has(event.systemId) &&
              (least === 0 ? LEVELS[event.level] === 0 : LEVELS[event.level] >= least) &&
              (owner === undefined || event.username === owner);
            const all = eventLog(state).events;
            const page: SimEvent[] = [];
            if (after === undefined) {
              // Newest first, below `before` when given.
              for (let i = all.length - 1; i >= 0 && page.length < limit; i--) {
                const event = all[i];
                if ((before === undefined || event.id < before) && matches(event)) page.push(event);
              }
            } else {
              // The oldest `limit` events above `after`, then newest first like every page.
              for (let i = 0; i < all.length && page.length < limit; i++) {
                const event = all[i];
                if (event.id > after && matches(event)) page.push(event);
              }
              page.reverse();
            }
            const entries = query.entries();
            const nextUri = page.length > 0
              ? pageUri(entries, ["after", String(page[0].id)])
              : before === undefined
              ? pageUri(entries, null)
              : pageUri(entries, ["after", String(before - 1)]);
            const prevUri = page.length > 0
              ? pageUri(entries, ["before", String(page[page.length - 1].id)])
              : after === undefined
              ? null
              : pageUri(entries, ["before", String(after + 1)]);
            return json({
              count: page.length,
              events: page.map(eventJson),
              next_uri: nextUri,
              prev_uri: prevUri,
            });
          },
        },
      },
    },
  });
}
