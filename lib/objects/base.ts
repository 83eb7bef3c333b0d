/**
 * What every typed MAAS object shares: the wire data kept whole (never copied), typed accessors
 * defined once per family, change tracking for `save()`, and the calls objects make.
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import type { CallOptions, Params, RequestOptions, Transport } from "../transport.ts";

export type { CallOptions };

/** A wire object as MAAS sends it: JSON with snake_case names. */
export type WireData = Record<string, unknown>;

/**
 * What objects and namespaces need from the client: where the API is and how to call it.
 *
 * @example
 * ```ts
 * import type { ClientContext } from "@libmaas/client";
 * async function whoami(context: ClientContext) {
 *   return await context.call("GET", "users/", { op: "whoami" });
 * }
 * ```
 */
export interface ClientContext {
  /** The API root, ending in `/api/2.0/`. */
  readonly apiUrl: string;
  /** The transport calls go through. */
  readonly transport: Transport;
  /** Calls `method` on `path` (relative to the API root, already encoded). */
  call<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

/**
 * Builds an API path from a template literal, percent-encoding every interpolated value (a
 * hostname, file or tag name can hold any character).
 *
 * @example
 * ```ts
 * import { apiPath } from "@libmaas/client";
 * console.log(apiPath`tags/${"a/b c"}/`); // tags/a%2Fb%20c/
 * ```
 */
export function apiPath(strings: TemplateStringsArray, ...values: unknown[]): string {
  let path = strings[0];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (
      (typeof value !== "string" && typeof value !== "number" && typeof value !== "bigint") ||
      value === ""
    ) {
      throw new ParameterError(
        `A path needs a non-empty name or number here, got ${
          value === "" ? "an empty string" : describe(value)
        } (${strings.join("…")})`,
      );
    }
    path += encodeURIComponent(String(value)) + strings[i + 1];
  }
  return path;
}

/** A short description of a value's type, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * The options object a method was given: `{}` for `undefined` or `null`, and a
 * {@linkcode ParameterError} for anything that is not a plain object, so a wrong argument is
 * reported before any request (required fields are then checked by {@linkcode required}).
 */
export function optionsOf<T extends object>(options: T | null | undefined): T {
  if (options === undefined || options === null) return {} as T;
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new ParameterError(
      `Options must be an object of named settings, got ${describe(options)}`,
    );
  }
  return options;
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

/** A required parameter: present, of the right type, or a {@linkcode ParameterError} naming it. */
export function required<T>(
  value: T | undefined | null,
  name: string,
  type: "string" | "number" | "boolean" | "object",
): T {
  if (value === undefined || value === null || (type === "string" && value === "")) {
    throw new ParameterError(`Missing required parameter ${JSON.stringify(name)}`);
  }
  const actual: string = typeof value;
  if (actual !== type) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a ${type}, got ${describe(value)}`,
    );
  }
  return value;
}

const INSPECT_DENO = Symbol.for("Deno.customInspect");
const INSPECT_NODE = Symbol.for("nodejs.util.inspect.custom");

/**
 * The base of every typed object. It keeps the wire data exactly as received (unknown fields stay
 * reachable through {@linkcode MaasObject.data} and {@linkcode MaasObject.get}), records changes
 * made through setters, and sends only those on {@linkcode MaasObject.save}.
 *
 * @example
 * ```ts
 * import type { MaasObject } from "@libmaas/client";
 * function show(object: MaasObject) {
 *   console.log(String(object), object.toJSON());
 * }
 * ```
 */
export abstract class MaasObject {
  #client: ClientContext;
  #data: WireData;
  #changes: WireData | undefined;

  /** Wraps wire data received from `client`; the data is not copied. */
  constructor(client: ClientContext, data: WireData) {
    this.#client = client;
    this.#data = data;
  }

  /** The client this object came from. */
  get client(): ClientContext {
    return this.#client;
  }

  /** The wire data as the server sent it (read-only view; changes are kept apart). */
  get data(): Readonly<WireData> {
    return this.#data;
  }

  /** One wire field by its MAAS name, changed value first. Reaches fields the types do not know. */
  get(field: string): unknown {
    if (this.#changes && field in this.#changes) return this.#changes[field];
    return this.#data[field];
  }

  /** Records a change to a wire field, sent by the next {@linkcode MaasObject.save}. */
  set(field: string, value: unknown): void {
    (this.#changes ??= {})[field] = value;
  }

  /** The changes not yet saved, by wire name. */
  get changes(): Readonly<WireData> {
    return this.#changes ?? {};
  }

  /** The wire data with unsaved changes applied. */
  toJSON(): WireData {
    return this.#changes ? { ...this.#data, ...this.#changes } : this.#data;
  }

  /** The object's path relative to the API root, such as `machines/abc123/`. */
  abstract get resourcePath(): string;

  /** A short readable form, such as `Machine abc123 node-07 Ready`. */
  abstract toString(): string;

  /** Replaces the wire data (after a refresh or an operation) and drops saved changes. */
  protected replace(data: unknown): this {
    this.#data = expectObject(data, this.constructor.name);
    this.#changes = undefined;
    return this;
  }

  /** Calls the API on this object's path, or on `path` when given. */
  protected call<T = unknown>(
    method: string,
    op: string | null,
    params?: Params,
    options: CallOptions = {},
    path: string = this.resourcePath,
  ): Promise<T> {
    return this.#client.call<T>(method, path, { op, params, ...options });
  }

  /** Calls an op that answers with this object's new state, and takes that state. */
  protected async op(
    method: string,
    op: string,
    params?: Params,
    options?: CallOptions,
  ): Promise<this> {
    return this.replace(await this.call(method, op, params, options));
  }

  /** Reads the object again from the server. */
  async refresh(options?: CallOptions): Promise<this> {
    return this.replace(await this.call("GET", null, undefined, options));
  }

  /**
   * Sends the changed fields (and only those) to the server and takes the server's answer as the
   * new state. Nothing changed → no request.
   */
  async save(options?: CallOptions): Promise<this> {
    if (!this.#changes) return this;
    const answer = await this.call("PUT", null, this.saveParams(this.#changes), options);
    return this.replace(answer);
  }

  /** How changes are sent; families override it where MAAS expects other names. */
  protected saveParams(changes: WireData): Params {
    return changes as Params;
  }

  /** Deletes the object on the server. */
  async delete(options?: CallOptions): Promise<void> {
    await this.call("DELETE", null, undefined, options);
  }

  /** Deno's inspector shows the short form. */
  [INSPECT_DENO](): string {
    return this.toString();
  }

  /** Node's and Bun's inspectors show the short form. */
  [INSPECT_NODE](): string {
    return this.toString();
  }
}

/** How a typed field maps to the wire: its MAAS name, and whether it may be changed. */
export type FieldSpec = string | {
  wire: string;
  writable?: boolean;
  map?: (value: unknown) => unknown;
};

/**
 * Defines typed accessors on a class's prototype, mapping camelCase names to wire fields, once per
 * family (the classes declare the types with `declare`). Writable fields get setters that record
 * a change for `save()`.
 *
 * @example
 * ```ts
 * import { defineFields, MaasObject } from "@libmaas/client";
 * class Thing extends MaasObject {
 *   declare readonly systemId: string;
 *   declare description: string;
 *   get resourcePath(): string {
 *     return `things/${this.systemId}/`;
 *   }
 *   toString(): string {
 *     return `Thing ${this.systemId}`;
 *   }
 * }
 * defineFields(Thing, { systemId: "system_id", description: { wire: "description", writable: true } });
 * ```
 */
export function defineFields(
  // deno-lint-ignore no-explicit-any
  target: abstract new (...args: any[]) => MaasObject,
  fields: Record<string, FieldSpec>,
): void {
  for (const [name, spec] of Object.entries(fields)) {
    const wire = typeof spec === "string" ? spec : spec.wire;
    const map = typeof spec === "string" ? undefined : spec.map;
    const writable = typeof spec !== "string" && spec.writable === true;
    Object.defineProperty(target.prototype, name, {
      configurable: true,
      enumerable: false,
      get: map
        ? function (this: MaasObject) {
          return map(this.get(wire));
        }
        : function (this: MaasObject) {
          return this.get(wire);
        },
      set: writable
        ? function (this: MaasObject, value: unknown) {
          this.set(wire, value);
        }
        : function (this: MaasObject) {
          throw new ParameterError(`${this.constructor.name}.${name} is read-only`);
        },
    });
  }
}

// The same nested JSON always gives the same object, so that changes made through it stick.
const nestedObjects = new WeakMap<object, unknown>();

/** What wraps one wire object of a family: the family's class. */
export type Wrapper<T> = new (context: ClientContext, data: WireData) => T;

/**
 * The object for nested wire data (a machine's zone, a subnet's VLAN…), made once per nested
 * JSON object, or `null` when the field holds no object.
 */
export function nested<T>(context: ClientContext, value: unknown, Class: Wrapper<T>): T | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  if (value instanceof MaasObject) return value as T;
  let object = nestedObjects.get(value) as T | undefined;
  if (object === undefined) {
    nestedObjects.set(value, object = new Class(context, value as WireData));
  }
  return object;
}

/** The objects for a nested list of wire data, made once per list; `[]` when it is no list. */
export function nestedList<T>(context: ClientContext, value: unknown, Class: Wrapper<T>): T[] {
  if (!Array.isArray(value)) return [];
  let list = nestedObjects.get(value) as T[] | undefined;
  if (list === undefined) {
    list = value.map((item) => nested(context, item, Class)).filter((item) => item !== null);
    nestedObjects.set(value, list);
  }
  return list;
}

/** A `{id, name}` style reference sent as its name (zones, pools, domains…) or id. */
export function refValue(value: unknown, key: "name" | "id" = "name"): ParamValueLike {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if (value instanceof MaasObject) return value.get(key) as ParamValueLike;
    return (value as WireData)[key] as ParamValueLike;
  }
  return value as ParamValueLike;
}

/** Values `refValue` can give. */
export type ParamValueLike = string | number | null | undefined;

/**
 * The base of the client's namespaces (`client.machines`, `client.zones`…).
 *
 * @example
 * ```ts
 * import { type ClientContext, Namespace } from "@libmaas/client";
 * class Versions extends Namespace {
 *   read(): Promise<unknown> {
 *     return this.context.call("GET", "version/");
 *   }
 * }
 * ```
 */
export abstract class Namespace {
  /** The client the namespace calls through. */
  protected readonly context: ClientContext;
  /** Makes the namespace for a client. */
  constructor(context: ClientContext) {
    this.context = context;
  }

  /** Deno's inspector shows the namespace's name. */
  [INSPECT_DENO](): string {
    return `[${this.constructor.name}]`;
  }

  /** Node's and Bun's inspectors show the namespace's name. */
  [INSPECT_NODE](): string {
    return `[${this.constructor.name}]`;
  }
}
