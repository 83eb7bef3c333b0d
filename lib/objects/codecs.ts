/**
 * Hand-written conversions for MAAS's quirks, shared by several families' descriptions. Each
 * says which quirk it is for; everything else is one of the plain kinds of {@link ./spec.ts}.
 *
 * @example
 * ```ts
 * import { SYSTEM_IDS } from "./codecs.ts";
 * console.log(SYSTEM_IDS.encode(["abc123", { systemId: "def456" }], "add")); // ["abc123", "def456"]
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { MaasObject } from "./base.ts";
import type { Codec } from "./spec.ts";
import { describe } from "./wire.ts";

/** A node given by its system id, or any object that carries one (a machine, a device…). */
export type NodeRef = string | MaasObject | { readonly systemId: string };

/**
 * Nodes sent by system id: MAAS takes nodes only by id, repeated once per node.
 *
 * @example
 * ```ts
 * import { SYSTEM_IDS } from "@libmaas/client/objects";
 * console.log(SYSTEM_IDS.encode("abc123", "add")); // ["abc123"]
 * ```
 */
export const SYSTEM_IDS: Codec = {
  takes: "system ids or nodes (one or a list)",
  encode(value: unknown, option: string): ParamValue {
    const list: readonly unknown[] = Array.isArray(value) ? value : [value];
    return list.map((item) => {
      const id = item instanceof MaasObject
        ? item.get("system_id")
        : typeof item === "object" && item !== null
        ? (item as { systemId?: unknown }).systemId
        : item;
      if (typeof id !== "string" || id === "") {
        throw new ParameterError(
          `Parameter ${JSON.stringify(option)} takes system ids or nodes, got ${describe(item)}`,
        );
      }
      return id;
    });
  },
};

/**
 * A flag MAAS reads with `int()` (users' `is_superuser`): `true`/`false` fail there, so 1/0.
 *
 * @example
 * ```ts
 * import { ZERO_ONE } from "@libmaas/client/objects";
 * console.log(ZERO_ONE.encode(true, "isSuperuser")); // 1
 * ```
 */
export const ZERO_ONE: Codec = {
  takes: "a boolean (sent as 1 or 0)",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value !== "boolean") {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} must be a boolean, got ${describe(value)}`,
      );
    }
    return value ? "1" : "0";
  },
};

/**
 * An object MAAS reads as JSON text from one form field (a notification's `context`, a script's
 * `packages`): sent as `JSON.stringify` of the object; text is taken as JSON already written.
 *
 * @example
 * ```ts
 * import { JSON_OBJECT } from "./codecs.ts";
 * console.log(JSON_OBJECT.encode({ time: "22:00" }, "context")); // {"time":"22:00"}
 * ```
 */
export const JSON_OBJECT: Codec = {
  takes: "an object (sent as JSON text), or JSON text",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value === "string") return value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} must be an object or JSON text, got ${
          describe(value)
        }`,
      );
    }
    return JSON.stringify(value);
  },
};

/**
 * Words MAAS reads from one form field split at commas (a script's `tags`, `filters`,
 * `for_hardware`): a string as given, or a list of strings joined with commas.
 *
 * @example
 * ```ts
 * import { COMMA_LIST } from "./codecs.ts";
 * console.log(COMMA_LIST.encode(["time", "ntp"], "tags")); // time,ntp
 * ```
 */
export const COMMA_LIST: Codec = {
  takes: "a string or a list of strings (sent as one value, joined with commas)",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value === "string") return value;
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
      return value.join(",");
    }
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be a string or a list of strings, got ${
        describe(value)
      }`,
    );
  },
};
