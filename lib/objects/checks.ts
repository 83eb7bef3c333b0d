/**
 * Parameter checks shared by the region-service families (notifications, package repositories,
 * license keys, DHCP snippets, discoveries, scripts) until their descriptions carry them:
 * optional values are checked before any request, like required ones, so that a wrong type never
 * reaches the server.
 *
 * @example
 * ```ts
 * import { optional } from "./checks.ts";
 * console.log(optional("x", "name", "string")); // x
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import { describe, expectList, required, type WireData } from "./base.ts";

/** An optional value: absent (`undefined`, `null`) or of `type`, else a `ParameterError`. */
export function optional<T>(
  value: T | undefined | null,
  name: string,
  type: "string" | "number" | "boolean" | "object",
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type || (type === "object" && Array.isArray(value))) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a ${type}, got ${describe(value)}`,
    );
  }
  return value;
}

/** An optional list of strings. */
export function optionalList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a list of strings, got ${describe(value)}`,
    );
  }
  return value;
}

/** A list of strings sent as one comma-separated value, or that value as given. */
export function listOrText(value: unknown, name: string): string | undefined {
  if (typeof value === "string") return value;
  return optionalList(value, name)?.join(",");
}

/** An optional value that must be one of `choices`. */
export function choice<T extends string | number>(
  value: T | undefined | null,
  name: string,
  choices: readonly (string | number)[],
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (!choices.includes(value)) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be one of ${
        choices.map((item) => JSON.stringify(item)).join(", ")
      }, got ${typeof value === "string" ? JSON.stringify(value) : describe(value)}`,
    );
  }
  return value;
}

/** A required whole-number id. */
export function positiveId(value: unknown, name: string): number {
  required(value as number, name, "number");
  if (!Number.isInteger(value)) {
    throw new ParameterError(`Parameter ${JSON.stringify(name)} must be an integer id`);
  }
  return value as number;
}

/** A required revision: an id, or a negative number of steps back. */
export function revision(value: unknown, name: string): number {
  required(value as number, name, "number");
  if (!Number.isInteger(value)) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be an integer: a revision id, or a negative number ` +
        "of steps back",
    );
  }
  return value as number;
}

/** A JSON list of the answer, each item made into an object. */
export function wrap<T>(
  data: unknown,
  what: string,
  make: (item: WireData) => T,
): T[] {
  return expectList(data, what).map(make);
}

/** The value as a plain record, or an empty one when it is none. */
export function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}
