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
