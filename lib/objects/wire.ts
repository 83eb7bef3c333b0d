/**
 * Wire data as MAAS sends it, and the checks every typed method makes on an answer's shape
 * before wrapping it.
 *
 * @example
 * ```ts
 * import { expectObject } from "./wire.ts";
 * console.log(expectObject({ name: "default" }, "a zone").name); // default
 * ```
 *
 * @module
 */

import { ProtocolError } from "../errors.ts";

/** A wire object as MAAS sends it: JSON with snake_case names. */
export type WireData = Record<string, unknown>;

/** A short description of a value's type, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Checks that an answer is a JSON object, as the typed client expects. */
export function expectObject(value: unknown, what: string): WireData {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ProtocolError(`Expected ${what} as a JSON object, got ${describe(value)}`);
  }
  return value as WireData;
}

/** Checks that an answer is a JSON list, as the typed client expects. */
export function expectList(value: unknown, what: string): WireData[] {
  if (!Array.isArray(value)) {
    throw new ProtocolError(`Expected a JSON list of ${what}, got ${describe(value)}`);
  }
  return value as WireData[];
}
