/**
 * How the networking families send references to other objects, and the lists MAAS's networking
 * forms read as one text: each codec says which MAAS quirk it is for.
 *
 * @example
 * ```ts
 * import { OBJECT_ID } from "./network_codecs.ts";
 * console.log(OBJECT_ID.encode({ id: 5001 }, "vlan")); // 5001
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { MaasObject } from "./base.ts";
import type { Codec } from "./spec.ts";
import { describe } from "./wire.ts";

/**
 * An object MAAS knows by id (a VLAN, a fabric, an interface…), or the id itself.
 *
 * @example
 * ```ts
 * import type { IdRef } from "@libmaas/client";
 * const vlan: IdRef = 5001;
 * ```
 */
export type IdRef = number | { readonly id: number };

/**
 * An object MAAS finds by id or by a specifier text (a subnet's `cidr:10.0.0.0/24` or name, a
 * fabric's or space's name), or the object itself.
 *
 * @example
 * ```ts
 * import type { SpecifierRef } from "@libmaas/client";
 * const subnet: SpecifierRef = "cidr:10.20.0.0/20";
 * ```
 */
export type SpecifierRef = number | string | { readonly id: number };

/**
 * A node given by its system id, or any object that carries one (a rack controller…).
 *
 * @example
 * ```ts
 * import type { SystemIdRef } from "@libmaas/client";
 * const rack: SystemIdRef = "4y3h7n";
 * ```
 */
export type SystemIdRef = string | { readonly systemId: string };

function idOf(value: unknown): unknown {
  if (value instanceof MaasObject) return value.get("id");
  if (typeof value === "object" && value !== null) return (value as { id?: unknown }).id;
  return value;
}

/**
 * An object sent as its id: MAAS's forms take related objects by id only.
 *
 * @example
 * ```ts
 * import { OBJECT_ID } from "./network_codecs.ts";
 * console.log(OBJECT_ID.encode(12, "parent")); // 12
 * ```
 */
export const OBJECT_ID: Codec = {
  takes: "an object or its id",
  encode(value: unknown, option: string): ParamValue {
    const id = idOf(value);
    if (!Number.isSafeInteger(id)) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes an object or its id, got ${describe(value)}`,
      );
    }
    return id as number;
  },
};

/**
 * Objects sent as their ids, the name repeated once per object (a bond's parents).
 *
 * @example
 * ```ts
 * import { OBJECT_IDS } from "./network_codecs.ts";
 * console.log(OBJECT_IDS.encode([{ id: 1 }, 2], "parents")); // [1, 2]
 * ```
 */
export const OBJECT_IDS: Codec = {
  takes: "objects or their ids (one or a non-empty list)",
  encode(value: unknown, option: string): ParamValue {
    const list: readonly unknown[] = Array.isArray(value) ? value : [value];
    if (list.length === 0) {
      throw new ParameterError(`Parameter ${JSON.stringify(option)} takes at least one object`);
    }
    return list.map((item) => OBJECT_ID.encode(item, option) as number);
  },
};

/**
 * An object sent as its id, or a specifier text MAAS resolves (a subnet's CIDR or name, a
 * fabric's or space's name).
 *
 * @example
 * ```ts
 * import { SPECIFIER } from "./network_codecs.ts";
 * console.log(SPECIFIER.encode("cidr:10.0.0.0/24", "subnet")); // cidr:10.0.0.0/24
 * ```
 */
export const SPECIFIER: Codec = {
  takes: "an object, its id, or a specifier text",
  encode(value: unknown, option: string): ParamValue {
    const id = idOf(value);
    if (Number.isSafeInteger(id) || (typeof id === "string" && id !== "")) return id as ParamValue;
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} takes an object, its id or a specifier, got ${
        describe(value)
      }`,
    );
  },
};

/**
 * A node sent as its system id (a rack controller for a VLAN's DHCP).
 *
 * @example
 * ```ts
 * import { SYSTEM_ID } from "./network_codecs.ts";
 * console.log(SYSTEM_ID.encode({ systemId: "4y3h7n" }, "primaryRack")); // 4y3h7n
 * ```
 */
export const SYSTEM_ID: Codec = {
  takes: "a node or its system id",
  encode(value: unknown, option: string): ParamValue {
    const id = value instanceof MaasObject
      ? value.get("system_id")
      : typeof value === "object" && value !== null
      ? (value as { systemId?: unknown }).systemId
      : value;
    if (typeof id !== "string" || id === "") {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes a node or its system id, got ${describe(value)}`,
      );
    }
    return id;
  },
};

/**
 * A user sent as its username (the owner of an IP range).
 *
 * @example
 * ```ts
 * import { USERNAME } from "./network_codecs.ts";
 * console.log(USERNAME.encode({ username: "alice" }, "user")); // alice
 * ```
 */
export const USERNAME: Codec = {
  takes: "a user or a username",
  encode(value: unknown, option: string): ParamValue {
    const name = value instanceof MaasObject
      ? value.get("username")
      : typeof value === "object" && value !== null
      ? (value as { username?: unknown }).username
      : value;
    if (typeof name !== "string" || name === "") {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes a user or a username, got ${describe(value)}`,
      );
    }
    return name;
  },
};
