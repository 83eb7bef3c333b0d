/**
 * Parameter checks the network discoveries still share from before their description: optional
 * values are checked before any request, like required ones, so that a wrong type never reaches
 * the server.
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
import { describe, expectList, type WireData } from "./base.ts";

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
