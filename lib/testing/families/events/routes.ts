/**
 * Events: `GET events/?op=query`, with MAAS's node filters, levels and keyset paging on event ids
 * (`before` going back, `after` going forward, `next_uri`/`prev_uri` built as MAAS builds them).
 * The log itself is `state.events.log` (see `model.ts`).
 *
 * @module
 */

import type { SimMachine } from "../../inventory.ts";
import { intParam } from "../../maas_forms.ts";
import { json, ReplyError } from "../../reply.ts";
import { API_ROOT, type RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimUser } from "../users/model.ts";
import type { SimEvent, SimEventLog } from "./model.ts";
import { eventJson } from "./render.ts";
import { nodeDomain } from "../nodes/render.ts";

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

/**
 * The event log of a simulator (`state.events.log`), made and seeded on first use.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { eventLog } from "./routes.ts";
 * await using sim = await MaasSimulator.start({ machines: 2 });
 * console.log(eventLog(sim.state).events.length > 0); // true
 * ```
 */
export function eventLog(state: SimulatorState): SimEventLog {
  return state.events.log;
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
      throw ReplyError.badRequest(`Invalid MAC address(es): ${invalid.join(", ")}`);
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
  const nodes = [...state.machines.values(), ...state.nodes.controllers.values()];
  for (const node of nodes) {
    const data = node.data;
    const nics = state.interfaces.of(data.system_id).list;
    if (
      visible(node, user) &&
      (!ids || ids.includes(data.system_id)) &&
      (!wantedMacs || nics.some((nic) => wantedMacs.has(String(nic.macAddress).toLowerCase()))) &&
      (!hostnames || hostnames.includes(data.hostname)) &&
      (!domains || domains.includes(nodeDomain(state, node).name)) &&
      (zone === undefined || state.placement.zone(node.zoneId).name === zone) &&
      (pool === undefined || state.placement.pool(node.poolId).name === pool) &&
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
  return `${API_ROOT}events/${query ? `?${query}` : ""}`;
}

/**
 * Register `events/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerEvents } from "./routes.ts";
 * const table = new RouteTable(MaasLine.get("3.8"));
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
            const after = intParam(query, "after");
            const before = intParam(query, "before");
            const level = query.get("level") ?? "INFO";
            let limit = intParam(query, "limit", { fallback: DEFAULT_LIMIT })!;
            const owner = query.get("owner");
            if (limit > MAX_LIMIT) {
              throw ReplyError.badRequest(
                `Requested number of events ${limit} is greater than limit: ${MAX_LIMIT}`,
              );
            }
            if (limit < 1) limit = 1;
            const nodes = selectedNodes(state, query, user);
            if (!(level in LEVELS)) throw ReplyError.badRequest(`Unrecognised log level: ${level}`);
            if (after !== undefined && before !== undefined) {
              throw ReplyError.badRequest(
                "There is undetermined behaviour when both `after` and `before` are specified.",
              );
            }
            const least = LEVELS[level];
            const matches = (event: SimEvent) =>
              event.systemId !== null && nodes.has(event.systemId) &&
              (least === 0 ? LEVELS[event.level] === 0 : LEVELS[event.level] >= least) &&
              (owner === undefined || event.username === owner);
            const all = state.events.log.events;
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
