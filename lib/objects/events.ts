/**
 * Events: what happened to nodes (status changes, power actions, user actions), read page by page
 * with MAAS's keyset paging on event ids.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function errors(client: Client) {
 *   const { events } = await client.events.query({ level: "ERROR", limit: 10 });
 *   return events.map(String);
 * }
 * ```
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import { type ParamValue, sleep } from "../transport.ts";
import { type CallOptions, describe, Namespace, type WireData } from "./base.ts";
import { checkParams, invoke, requestOptions } from "./engine.ts";
import { EventLevel } from "./enums.ts";
import { type Codec, type ExtraParams, family, op } from "./spec.ts";
import { expectList, expectObject } from "./wire.ts";

/**
 * The most events MAAS returns for one query.
 *
 * @example
 * ```ts
 * import { connect, MAX_EVENTS_PER_QUERY } from "@libmaas/client";
 * const client = await connect("http://maas.example.com:5240/MAAS/", { apikey: "ck:tk:ts" });
 * const page = await client.events.query({ limit: MAX_EVENTS_PER_QUERY });
 * console.log(page.count);
 * ```
 */
export const MAX_EVENTS_PER_QUERY = 1000;

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};
// MAAS formats `created` as "Thu, 01 Jan. 2026 10:00:00" (older servers: no dot after the month).
const CREATED =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\.?\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})$/;

/**
 * One event. Events are read-only: there is nothing to save, refresh or delete.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function lastError(client: Client) {
 *   const { events } = await client.events.query({ level: "ERROR", limit: 1 });
 *   const event = events[0];
 *   return event ? `${event.createdAt?.toISOString()} ${event.hostname}: ${event.type}` : null;
 * }
 * ```
 */
export class Event {
  #data: WireData;

  /** Wraps an event as MAAS sends it; the data is not copied. */
  constructor(data: WireData) {
    this.#data = data;
  }

  /** Event id; ids grow with time, which is what paging follows. */
  get id(): number {
    return this.#data.id as number;
  }

  /** The event type's description, such as `Deploying` or `Powering on`. */
  get type(): string {
    return this.#data.type as string;
  }

  /** Details of this event (may be empty). */
  get description(): string {
    return this.#data.description as string;
  }

  /** Severity: `AUDIT`, `DEBUG`, `INFO`, `WARNING`, `ERROR` or `CRITICAL`. */
  get level(): EventLevel {
    return this.#data.level as EventLevel;
  }

  /** When it happened, as the server wrote it (`Thu, 01 Jan. 2026 10:00:00`, server time). */
  get created(): string {
    return this.#data.created as string;
  }

  /**
   * {@linkcode Event.created} as a `Date`, reading the server's time as UTC (what MAAS runs on);
   * `null` when the text is in no known form.
   */
  get createdAt(): Date | null {
    return parseEventTime(this.#data.created);
  }

  /** Hostname of the node the event is about. */
  get hostname(): string | null {
    return (this.#data.hostname ?? null) as string | null;
  }

  /** System id of the node the event is about, or `null`. */
  get node(): string | null {
    return (this.#data.node ?? null) as string | null;
  }

  /** The user who caused the event (`unknown` when none). */
  get username(): string | null {
    return (this.#data.username ?? null) as string | null;
  }

  /** The event as MAAS sent it. */
  get data(): Readonly<WireData> {
    return this.#data;
  }

  /** One wire field by its MAAS name, for fields the types do not know. */
  get(field: string): unknown {
    return this.#data[field];
  }

  /** The wire data. */
  toJSON(): WireData {
    return this.#data;
  }

  /** `Event 1667 WARNING node-07: Rack import warning`. */
  toString(): string {
    return `Event ${this.id} ${this.level} ${this.hostname ?? "-"}: ${this.type}`;
  }

  /** Deno's inspector shows the short form. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /** Node's and Bun's inspectors show the short form. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * Reads MAAS's event time text (`Thu, 01 Jan. 2026 10:00:00`, with or without the dot) as UTC;
 * other text is tried as a date string; `null` when neither works.
 *
 * @example
 * ```ts
 * import { parseEventTime } from "@libmaas/client";
 * console.log(parseEventTime("Fri, 07 Dec. 2018 20:11:08")?.toISOString()); // 2018-12-07T20:11:08.000Z
 * ```
 */
export function parseEventTime(text: unknown): Date | null {
  if (typeof text !== "string") return null;
  const match = CREATED.exec(text.trim());
  if (match) {
    const month = MONTHS[match[2].toLowerCase()];
    if (month !== undefined) {
      return new Date(
        Date.UTC(+match[3], month, +match[1], +match[4], +match[5], +match[6]),
      );
    }
  }
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time);
}

/** Which nodes' events to read (every filter is optional; several values match any of them). */
export interface EventFilters extends ExtraParams {
  /** Nodes by hostname. */
  hostname?: string | readonly string[];
  /** Nodes by a MAC address of theirs. */
  macAddress?: string | readonly string[];
  /** Nodes by system id. */
  id?: string | readonly string[];
  /** Nodes in these domains (by name). */
  domain?: string | readonly string[];
  /** Nodes in this zone (by name). */
  zone?: string;
  /** Nodes in this resource pool (by name). */
  pool?: string;
  /** Nodes allocated with this agent name. */
  agentName?: string;
  /**
   * The least severe level to return (default `INFO`: INFO and above). `AUDIT` returns the audit
   * events only.
   */
  level?: EventLevel;
  /** Only events caused by this user. */
  owner?: string;
}

/** What {@linkcode Events.query} takes: filters plus one page's position. */
export interface EventQueryOptions extends EventFilters {
  /** How many events (1 to 1000; MAAS's default 100). */
  limit?: number;
  /** Only events older than this event id (newest first). */
  before?: number;
  /** Only events newer than this event id: the oldest `limit` of them (still sent newest first). */
  after?: number;
}

/** One page of events, as MAAS answers `events/?op=query`. */
export interface EventPage {
  /** How many events the page holds. */
  readonly count: number;
  /** The events, newest first. */
  readonly events: Event[];
  /** MAAS's path for the next newer page. */
  readonly nextUri: string | null;
  /** MAAS's path for the next older page, `null` when there can be none. */
  readonly prevUri: string | null;
}

/** The direction of {@linkcode Events.iterate}. */
export type EventOrder = "newer-to-older" | "older-to-newer";

/** Which events {@linkcode Events.iterate} reads: the filters and where to start. */
export interface EventIterateFilters extends EventFilters {
  /** newer-to-older: start below this event id (default: from the newest). */
  before?: number;
  /** older-to-newer: start above this event id (default 0: from the oldest). */
  after?: number;
}

/** How {@linkcode Events.iterate} reads: direction, page size, following, and the request options. */
export interface EventIterateOptions extends CallOptions {
  /** `newer-to-older` (default): from the newest event back; `older-to-newer`: forward in time. */
  order?: EventOrder;
  /** Events per request, sent as `limit` (1 to 1000, default 100). */
  pageSize?: number;
  /**
   * older-to-newer only: once caught up, keep polling for new events every `pollInterval` ms
   * until the loop is left or `signal` aborts.
   */
  follow?: boolean;
  /** Milliseconds between polls when following (default 2000). */
  pollInterval?: number;
}

// MAAS answers at most this many; a larger limit is cut down silently, which would break paging.
const EVENT_LIMIT: Codec = {
  takes: `a whole number from 1 to ${MAX_EVENTS_PER_QUERY}`,
  encode(value: unknown, option: string): ParamValue {
    checkLimit(value, option);
    return value as number;
  },
};

const EVENT_ID: Codec = {
  takes: "an event id (a whole number, 0 or more)",
  encode(value: unknown, option: string): ParamValue {
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} must be an event id (an integer ≥ 0), got ${
          typeof value === "number" ? value : describe(value)
        }`,
      );
    }
    return value as number;
  },
};

/** The events family: `events/?op=query`. */
export const EVENTS = family({
  name: "events",
  handlers: { EventsHandler: "events/" },
  ops: {
    query: op<EventQueryOptions>({
      handler: "EventsHandler",
      method: "GET",
      op: "query",
      typed: ["client.events.query()", "client.events.iterate()"],
      params: {
        hostname: { wire: "hostname", kind: "strings" },
        macAddress: { wire: "mac_address", kind: "strings" },
        id: { wire: "id", kind: "strings" },
        domain: { wire: "domain", kind: "strings" },
        zone: { wire: "zone", kind: "string" },
        pool: { wire: "pool", kind: "string" },
        agentName: { wire: "agent_name", kind: "string" },
        level: { wire: "level", kind: "string", values: Object.values(EventLevel) },
        owner: { wire: "owner", kind: "string" },
        limit: { wire: "limit", kind: EVENT_LIMIT },
        before: { wire: "before", kind: EVENT_ID },
        after: { wire: "after", kind: EVENT_ID },
      },
    }),
  },
});

/**
 * `client.events`: query events one page at a time, or iterate over them across pages in either
 * direction (and follow new ones).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function history(client: Client, hostname: string) {
 *   for await (const event of client.events.iterate({ hostname }, { order: "older-to-newer" })) {
 *     console.log(event.created, event.type, event.description);
 *   }
 * }
 * ```
 */
export class Events extends Namespace {
  /**
   * One page of events matching the filters, newest first. Without `before` or `after` it holds
   * the newest events.
   */
  async query(params?: EventQueryOptions, options?: CallOptions): Promise<EventPage> {
    if (params?.before !== undefined && params?.after !== undefined) {
      throw new ParameterError('Give "before" or "after", not both');
    }
    return await this.#page(params, options);
  }

  /**
   * Every event matching the filters, one page per request, following event ids (`before` going
   * back, `after` going forward). Leaving the loop stops it without another request; an aborted
   * `signal` ends it with the signal's reason, also while waiting between polls.
   */
  iterate(
    params?: EventIterateFilters,
    options?: EventIterateOptions,
  ): AsyncGenerator<Event, void, undefined> {
    const {
      order = "newer-to-older",
      pageSize = 100,
      follow = false,
      pollInterval = 2000,
      ...rest
    } = (options ?? {}) as EventIterateOptions;
    const call = requestOptions(rest, "client.events.iterate()");
    if (order !== "newer-to-older" && order !== "older-to-newer") {
      throw new ParameterError(
        `Option "order" must be "newer-to-older" or "older-to-newer", got ${JSON.stringify(order)}`,
      );
    }
    checkLimit(pageSize, "pageSize");
    if (typeof params === "object" && params !== null && "limit" in params) {
      throw new ParameterError('iterate() reads pages of "pageSize" events; it takes no "limit"');
    }
    checkParams(EVENTS.ops.query, params);
    const before = params?.before;
    const after = params?.after;
    if (order === "newer-to-older" && after !== undefined) {
      throw new ParameterError('"after" starts an older-to-newer iteration; use "before" here');
    }
    if (order === "older-to-newer" && before !== undefined) {
      throw new ParameterError('"before" starts a newer-to-older iteration; use "after" here');
    }
    if (follow && order !== "older-to-newer") {
      throw new ParameterError('"follow" needs order "older-to-newer"');
    }
    if (typeof pollInterval !== "number" || !(pollInterval >= 0)) {
      throw new ParameterError('Option "pollInterval" must be a number of milliseconds');
    }
    const filters: EventQueryOptions = { ...params, limit: pageSize };
    return order === "newer-to-older"
      ? this.#backward(filters, call, pageSize)
      : this.#forward(filters, call, pageSize, follow, pollInterval);
  }

  async *#backward(
    filters: EventQueryOptions,
    call: CallOptions | undefined,
    pageSize: number,
  ): AsyncGenerator<Event, void, undefined> {
    let cursor = filters.before;
    while (true) {
      const page = await this.#page({ ...filters, before: cursor }, call);
      let oldest = Infinity;
      for (const event of page.events) {
        // A server that ignored `before` would otherwise have the loop repeat itself forever.
        if (cursor !== undefined && event.id >= cursor) {
          throw new ProtocolError(`Paging back from event ${cursor} returned event ${event.id}`);
        }
        if (event.id < oldest) oldest = event.id;
        yield event;
      }
      if (page.events.length < pageSize) return;
      cursor = oldest;
    }
  }

  async *#forward(
    filters: EventQueryOptions,
    call: CallOptions | undefined,
    pageSize: number,
    follow: boolean,
    pollInterval: number,
  ): AsyncGenerator<Event, void, undefined> {
    let cursor = filters.after ?? 0;
    while (true) {
      const page = await this.#page({ ...filters, after: cursor }, call);
      // MAAS sends the page newest first; forward iteration wants it in time order.
      const events = page.events.slice().sort((a, b) => a.id - b.id);
      for (const event of events) {
        if (event.id <= cursor) {
          throw new ProtocolError(`Paging forward from event ${cursor} returned event ${event.id}`);
        }
        cursor = event.id;
        yield event;
      }
      if (events.length < pageSize) {
        if (!follow) return;
        await sleep(pollInterval, call?.signal ? [call.signal] : []);
      }
    }
  }

  async #page(
    params: EventQueryOptions | undefined,
    call: CallOptions | undefined,
  ): Promise<EventPage> {
    const answer = expectObject(
      await invoke(this.context, EVENTS.ops.query, { params, call }),
      "an event page",
    );
    const events = expectList(answer.events, "events").map((item) => {
      if (item === null || typeof item !== "object" || typeof item.id !== "number") {
        throw new ProtocolError(`Expected events with numeric ids, got ${describe(item)}`);
      }
      return new Event(item);
    });
    return {
      count: typeof answer.count === "number" ? answer.count : events.length,
      events,
      nextUri: typeof answer.next_uri === "string" ? answer.next_uri : null,
      prevUri: typeof answer.prev_uri === "string" ? answer.prev_uri : null,
    };
  }
}

function checkLimit(value: unknown, parameter: string): void {
  if (
    typeof value !== "number" || !Number.isInteger(value) || value < 1 ||
    value > MAX_EVENTS_PER_QUERY
  ) {
    throw new ParameterError(
      `Parameter ${
        JSON.stringify(parameter)
      } must be an integer from 1 to ${MAX_EVENTS_PER_QUERY} (MAAS's maximum), got ${
        typeof value === "number" ? value : describe(value)
      }`,
    );
  }
}
