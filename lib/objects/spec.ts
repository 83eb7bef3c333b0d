/**
 * The shape of a family's description: its handlers and their paths, the fields of its objects,
 * and each op with its parameters — camelCase name ↔ MAAS's wire name, kind, and the MAAS lines
 * that have it. Descriptions are plain data the compiler checks against the typed options
 * interfaces they describe; {@link ./engine.ts} runs them.
 *
 * @example
 * ```ts
 * import { family, op } from "./spec.ts";
 * interface CreateThingOptions {
 *   name: string;
 *   comment?: string;
 * }
 * const THINGS = family({
 *   name: "things",
 *   handlers: { ThingsHandler: "things/", ThingHandler: "things/{name}/" },
 *   ops: {
 *     create: op<CreateThingOptions>({
 *       handler: "ThingsHandler",
 *       method: "POST",
 *       typed: ["client.things.create()"],
 *       params: {
 *         name: { wire: "name", kind: "string", required: true },
 *         comment: { wire: "comment", kind: "string" },
 *       },
 *     }),
 *   },
 * });
 * console.log(THINGS.ops.create.path); // things/
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { Params, ParamValue } from "../transport.ts";
import type { MaasLine } from "./lines.ts";
import { describe } from "./wire.ts";

/**
 * What every typed method's parameters object takes besides its own options: `extra`, wire
 * parameters sent exactly as given, for what a newer MAAS reads that the typed options do not
 * know yet. An `extra` name may not repeat the wire name of a typed option given in the same call,
 * and may not be `op`.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function make(client: Client) {
 *   return await client.tags.create({ name: "gpu", extra: { some_new_field: "x" } });
 * }
 * ```
 */
export interface ExtraParams {
  /** Wire parameters (MAAS's snake_case names) sent as given. */
  extra?: Params;
}

/**
 * How an option's value is checked and sent:
 * - `string`, `integer`, `number`, `boolean`: one value of that type;
 * - `strings`, `integers`: one value or a list of them (sent as the name repeated);
 * - `file`: bytes, a `Blob` or text (UTF-8), sent as a file part.
 */
export type ParamKind =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "strings"
  | "integers"
  | "file";

/**
 * A hand-written conversion for a MAAS quirk (a flag MAAS reads as `0`/`1`, nodes sent as their
 * system ids…): it checks the value and returns what is sent. Each one says which quirk it is for.
 */
export interface Codec {
  /** What the option takes, in words, for documentation: `a boolean (sent as 0 or 1)`. */
  readonly takes: string;
  /** Checks `value` (given as option `option`) and returns its wire value. */
  encode(value: unknown, option: string): ParamValue;
}

/** The kinds a TypeScript option type may be described with (the compiler checks the match). */
export type KindOf<T> = [T] extends [boolean] ? "boolean"
  : [T] extends [number] ? "integer" | "number"
  : [T] extends [string] ? "string"
  : [T] extends [string | readonly string[]] ? "strings"
  : [T] extends [number | readonly number[]] ? "integers"
  : [T] extends [Uint8Array | Blob | string] ? "file"
  : never;

/** One parameter of an op, as its typed option of type `T`. */
export interface ParamSpec<T = unknown> {
  /** MAAS's name for it on the wire. */
  readonly wire: string;
  /** How its value is checked and sent. */
  readonly kind: KindOf<NonNullable<T>> | Codec;
  /** The MAAS lines that read it, when not every line that has the op does. */
  readonly lines?: readonly MaasLine[];
  /** The values MAAS accepts, when it accepts only a few. */
  readonly values?: readonly NonNullable<T>[];
  /** Whether a call must give it. */
  readonly required?: boolean;
}

/** A parameter whatever option type it describes: how the engine and the tools read one. */
export interface AnyParamSpec {
  /** MAAS's name for it on the wire. */
  readonly wire: string;
  /** How its value is checked and sent. */
  readonly kind: ParamKind | Codec;
  /** The MAAS lines that read it, when not every line that has the op does. */
  readonly lines?: readonly MaasLine[];
  /** The values MAAS accepts, when it accepts only a few. */
  readonly values?: readonly unknown[];
  /** Whether a call must give it. */
  readonly required?: boolean;
}

/** `required: true` exactly for the options `P` requires. */
export type RequiredFlag<P, K extends keyof P> = object extends Pick<P, K>
  ? { readonly required?: false }
  : { readonly required: true };

/**
 * The parameters of an op whose typed options are `P`: one entry per option (except `extra`),
 * with `required: true` exactly for the options `P` requires.
 */
export type ParamSpecs<P> = {
  readonly [K in Exclude<keyof P, "extra">]-?: ParamSpec<P[K]> & RequiredFlag<P, K>;
};

/** HTTP methods MAAS's API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** One op of a family, as written in its description. */
export interface OpSpec<P = Record<never, never>> {
  /** The handler in MAAS's API that has it (`TagHandler`); the family gives its path. */
  readonly handler: string;
  /** The HTTP method. */
  readonly method: HttpMethod;
  /** The op name (`update_nodes`); absent for RESTful actions (read, create, update, delete). */
  readonly op?: string;
  /** Its parameters by camelCase option name (URL parameters are positional arguments). */
  readonly params?: ParamSpecs<P>;
  /** The MAAS lines that have it, when not every known line does. */
  readonly lines?: readonly MaasLine[];
  /** Why lines after the last one lack it, for the error a newer server gets (`VM hosts were removed from MAAS`). */
  readonly gone?: string;
  /** The typed methods that send it, as a user writes them: `client.tags.create()`, `tag.rebuild()`. */
  readonly typed: readonly string[];
}

/**
 * What a path parameter takes when a method is given it: a name, a whole number (an id), or
 * either (MAAS reads some paths by id or by name).
 */
export type PathKind = "string" | "integer" | "integer or string";

/** An op of a built family: its description plus its path template and name. */
export interface Op<P = Record<never, never>> extends OpSpec<P> {
  /** The path template, relative to the API root (`tags/{name}/`). */
  readonly path: string;
  /** What each parameter of the path takes, from the family's `pathParams`. */
  readonly pathParams: Readonly<Record<string, PathKind>>;
  /** The op's name in its family's description. */
  readonly name: string;
  /** Its parameters (empty when it has none). */
  readonly params: ParamSpecs<P>;
}

/**
 * Describes one op whose typed options are `P` (the compiler checks that every option of `P`
 * has a parameter of a matching kind, and that the required ones say so).
 *
 * @example
 * ```ts
 * import { op } from "@libmaas/client/objects";
 * const rename = op<{ name: string }>({
 *   handler: "ThingHandler",
 *   method: "POST",
 *   op: "rename",
 *   typed: ["thing.rename()"],
 *   params: { name: { wire: "name", kind: "string", required: true } },
 * });
 * console.log(rename.op); // rename
 * ```
 */
export function op<P = Record<never, never>>(spec: OpSpec<P>): OpSpec<P> {
  return spec;
}

/** The kinds of a field: what its typed property holds. */
export type FieldKind =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "strings"
  | "object"
  | "objects"
  | "unknown";

/** How a typed property of an object maps to its wire field. */
export interface FieldSpec {
  /** MAAS's name of the field. */
  readonly wire: string;
  /** What the property holds. */
  readonly kind: FieldKind;
  /** Whether assigning it records a change that `save()` sends (the update op reads it). */
  readonly writable?: boolean;
}

/** The fields of objects of class `T`: each key must be a property of `T`. */
export type FieldSpecs<T> = { readonly [K in keyof T]?: FieldSpec };

/** A family as written: its name, handlers with their paths, ops and the fields of its objects. */
export interface FamilySpec<O extends Record<string, OpSpec<unknown>>> {
  /** The family's name, as the client's namespace (`tags`, `sshKeys`). */
  readonly name: string;
  /** MAAS's handlers of the family and their path templates, relative to the API root. */
  readonly handlers: Readonly<Record<string, string>>;
  /** What each path parameter takes when a method is given it (default: a name or a number). */
  readonly pathParams?: Readonly<Record<string, PathKind>>;
  /** The ops, by the name the family's code uses for them. */
  readonly ops: O;
  /** The typed properties of the family's objects. */
  readonly fields?: Readonly<Record<string, FieldSpec>>;
  /**
   * Ops (`"MachineHandler POST set_owner_data"`) or parameters (`"UsersHandler POST create key"`)
   * of the family's handlers that no typed method sends, each with the reason, as the coverage
   * page and the contract test show them.
   */
  readonly untyped?: Readonly<Record<string, string>>;
}

/** A built family: every op knows its path and name. */
export interface Family<O extends Record<string, OpSpec<unknown>>> {
  /** The family's name, as the client's namespace. */
  readonly name: string;
  /** MAAS's handlers of the family and their path templates. */
  readonly handlers: Readonly<Record<string, string>>;
  /** The ops, each with its path. */
  readonly ops: { readonly [K in keyof O]: O[K] extends OpSpec<infer P> ? Op<P> : never };
  /** The typed properties of the family's objects. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Ops and parameters no typed method sends, with the reason. */
  readonly untyped: Readonly<Record<string, string>>;
}

const EMPTY: Readonly<Record<string, never>> = Object.freeze({});

/**
 * Builds a family from its description: each op gets its handler's path. An op naming a
 * handler the family does not list is a mistake in the description, reported at once.
 *
 * @example
 * ```ts
 * import { family, op } from "@libmaas/client/objects";
 * const THINGS = family({
 *   name: "things",
 *   handlers: { ThingsHandler: "things/" },
 *   ops: { list: op({ handler: "ThingsHandler", method: "GET", typed: ["client.things.list()"] }) },
 * });
 * console.log(THINGS.ops.list.path); // things/
 * ```
 */
export function family<O extends Record<string, OpSpec<unknown>>>(spec: FamilySpec<O>): Family<O> {
  const ops: Record<string, Op<unknown>> = {};
  for (const name in spec.ops) {
    const described = spec.ops[name] as OpSpec<unknown>;
    const path = spec.handlers[described.handler];
    if (path === undefined) {
      throw new Error(`${spec.name}.${name}: handler ${described.handler} is not in the family`);
    }
    ops[name] = {
      ...described,
      params: described.params ?? EMPTY,
      path,
      name,
      pathParams: spec.pathParams ?? EMPTY,
    } as Op<unknown>;
  }
  return {
    name: spec.name,
    handlers: spec.handlers,
    ops: ops as Family<O>["ops"],
    fields: spec.fields ?? EMPTY,
    untyped: spec.untyped ?? EMPTY,
  };
}

// Path templates split once into literal parts and parameter names.
const compiledPaths = new Map<string, readonly string[]>();

function pathParts(template: string): readonly string[] {
  let parts = compiledPaths.get(template);
  if (!parts) compiledPaths.set(template, parts = template.split(/\{(\w+)\}/));
  return parts;
}

/**
 * Fills an op's path template from `values` (an object's wire data, or the arguments a method
 * was given), percent-encoding each value. A missing or empty value, or one that is not of its
 * parameter's kind (`kinds`, for values a caller gave), is a `ParameterError` naming the parameter.
 *
 * @example
 * ```ts
 * import { pathOf } from "@libmaas/client/objects";
 * console.log(pathOf("tags/{name}/", { name: "a/b c" })); // tags/a%2Fb%20c/
 * ```
 */
export function pathOf(
  template: string,
  values: Readonly<Record<string, unknown>>,
  kinds: Readonly<Record<string, PathKind>> = EMPTY,
): string {
  const parts = pathParts(template);
  let path = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    const value = values[name];
    const kind = kinds[name] ?? "integer or string";
    const fits = kind === "string"
      ? typeof value === "string" && value !== ""
      : kind === "integer"
      ? Number.isSafeInteger(value)
      : (typeof value === "string" && value !== "") || Number.isSafeInteger(value);
    if (!fits) {
      const wanted = kind === "string"
        ? "a non-empty name"
        : kind === "integer"
        ? "a whole number"
        : "a non-empty name or a whole number";
      throw new ParameterError(
        `Parameter ${JSON.stringify(name)} must be ${wanted}, got ${
          value === "" ? "an empty string" : describe(value)
        } (for ${template})`,
      );
    }
    path += encodeURIComponent(String(value)) + parts[i + 1];
  }
  return path;
}
