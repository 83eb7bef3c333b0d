/**
 * Events as `events/?op=query` renders them.
 *
 * @module
 */

import type { SimEvent } from "./model.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * MAAS's rendering of an event time, `%a, %d %b. %Y %H:%M:%S` (in UTC).
 *
 * @example
 * ```ts
 * import { eventTime } from "./render.ts";
 * console.log(eventTime(new Date(Date.UTC(2026, 0, 1, 10)))); // "Thu, 01 Jan. 2026 10:00:00"
 * ```
 */
export function eventTime(date: Date): string {
  const two = (value: number) => String(value).padStart(2, "0");
  return `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]}. ` +
    `${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:` +
    two(date.getUTCSeconds());
}

/**
 * An event, as `events/?op=query` lists it. Events have no handler of their own in MAAS's data,
 * so their fields are the same in every line.
 *
 * @example
 * ```ts
 * import { eventJson } from "./render.ts";
 * const event = eventJson({
 *   id: 1, type: "Ready", level: "INFO", description: "", created: new Date(0),
 *   systemId: "abc123", hostname: "n1", username: "",
 * });
 * console.log(event.username); // "unknown"
 * ```
 */
export function eventJson(event: SimEvent): Record<string, unknown> {
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
