/**
 * The events family's record: the event log. It starts with a seeded history for the machines the
 * simulator has when the log is first read; from then on it notices machines' status changes
 * (Commissioning, Ready, Deploying…) whenever it is read, and tests add their own events with
 * {@linkcode SimEventLog.add}.
 *
 * @module
 */

import { type SimMachine, STATUS_NAMES } from "../../inventory.ts";

// The seeded history ends here, so that it never looks newer than events made while running.
const SEED_END = Date.UTC(2026, 0, 1, 9, 0, 0);

/**
 * An event level name.
 *
 * @example
 * ```ts
 * import type { SimEventLevel } from "./model.ts";
 * const level: SimEventLevel = "WARNING";
 * ```
 */
export type SimEventLevel = "AUDIT" | "DEBUG" | "INFO" | "WARNING" | "ERROR" | "CRITICAL";

/**
 * One event of the log.
 *
 * @example
 * ```ts
 * import type { SimEvent } from "./model.ts";
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
 * import type { NewSimEvent } from "./model.ts";
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
 * Where the event log finds the nodes it tells about.
 *
 * @example
 * ```ts
 * import type { EventSources } from "./model.ts";
 * const none: EventSources = { machines: () => [], node: () => undefined };
 * ```
 */
export interface EventSources {
  /** The machines, whose status changes the log notices. */
  machines(): Iterable<SimMachine>;
  /** The node (machine, device or controller) with this system id. */
  node(systemId: string): SimMachine | undefined;
}

/**
 * The event log of one simulator.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start({ machines: 3 });
 * const [machine] = sim.state.machines.values();
 * sim.state.events.log.add({ type: "Rebooting", systemId: machine.data.system_id });
 * ```
 */
export class SimEventLog {
  #sources: EventSources;
  #events: SimEvent[] = [];
  #statuses = new Map<string, number>();

  /** A log seeded with a plausible history for the machines `sources` has now. */
  constructor(sources: EventSources) {
    this.#sources = sources;
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
    for (const machine of this.#sources.machines()) {
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
    const node = systemId === null ? undefined : this.#sources.node(systemId);
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
    const machines = [...this.#sources.machines()];
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

/**
 * The events section of the state: the event log, made and seeded the first time it is read.
 *
 * @example
 * ```ts
 * import { EventsSection } from "./model.ts";
 * const events = new EventsSection({ machines: () => [], node: () => undefined });
 * console.log(events.log.events.length); // 0
 * ```
 */
export class EventsSection {
  #sources: EventSources;
  #log: SimEventLog | null = null;

  /** A section whose log will tell about the nodes of `sources`. */
  constructor(sources: EventSources) {
    this.#sources = sources;
  }

  /** The event log. */
  get log(): SimEventLog {
    this.#log ??= new SimEventLog(this.#sources);
    return this.#log;
  }
}
