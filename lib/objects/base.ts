/**
 * What every typed MAAS object shares: the wire data kept whole (never copied), typed accessors
 * defined once per family from its description, change tracking for `save()`, and `refresh()`,
 * `save()` and `delete()` run by the engine on the family's read, update and delete ops.
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { CallOptions, Params, ParamValue, RequestOptions, Transport } from "../transport.ts";
import { invoke, requestOptions } from "./engine.ts";
import type { ExtraParams, FieldSpec, Op } from "./spec.ts";
import { describe, expectObject, type WireData } from "./wire.ts";

export type { CallOptions, WireData };
export { describe, expectList, expectObject } from "./wire.ts";

/**
 * What objects and namespaces need from the client: where the API is and how to call it.
 *
 * @example
 * ```ts
 * import type { ClientContext } from "@libmaas/client/objects";
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
  /**
   * The server's `version/` answer, read once and kept (read again and kept with `fresh`): what
   * the typed methods check an op or parameter that not every MAAS line has against.
   */
  readVersion(options?: CallOptions, read?: { fresh?: boolean }): Promise<WireData>;
}

/**
 * Builds an API path from a template literal, percent-encoding every interpolated value (a
 * hostname, file or tag name can hold any character).
 *
 * @example
 * ```ts
 * import { apiPath } from "@libmaas/client/objects";
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

  /**
   * Calls the API on this object's path, or on `path` when given. The request options are
   * checked: only `signal`, `timeout` and `retries`, so none can replace the op or parameters.
   */
  protected call<T = unknown>(
    method: string,
    op: string | null,
    params?: Params,
    options?: CallOptions,
    path: string = this.resourcePath,
  ): Promise<T> {
    const call = requestOptions(options, () => `${this} ${method} ${path}`);
    return this.#client.call<T>(method, path, {
      op,
      params,
      signal: call?.signal,
      timeout: call?.timeout,
      retries: call?.retries,
    });
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

  /**
   * Reads the object again from the server. Like every typed method, it takes the op's
   * parameters first (here only `extra`) and the request options (`signal`, `timeout`,
   * `retries`) last.
   */
  async refresh(params?: ExtraParams, options?: CallOptions): Promise<this> {
    const read = objectOpsOf(this)?.read;
    return this.replace(
      read
        ? await invoke(this.#client, read, { path: this.resourcePath, params, call: options })
        : await this.call("GET", null, extraOf(params, "refresh"), options),
    );
  }

  /**
   * Sends the changed fields (and only those) to the server and takes the server's answer as the
   * new state. Nothing changed and no `extra` → no request. A field set to `null` is sent empty,
   * as a form clears it; a field the description does not know (set with
   * {@linkcode MaasObject.set}) is sent under its wire name as given.
   */
  async save(params?: ExtraParams, options?: CallOptions): Promise<this> {
    const changes = this.#changes;
    const update = objectOpsOf(this)?.update;
    if (update === undefined) {
      const extra = extraOf(params, "save");
      if (changes === undefined && extra === undefined) return this;
      const sent = { ...this.saveParams(changes ?? {}), ...extra };
      return this.replace(await this.call("PUT", null, sent, options));
    }
    // The update op's own parameters that are not fields (a power driver's parameters…) may be
    // given here; the engine checks them like any op's (and refuses what is not an object).
    const plain = params !== null && typeof params === "object" && !Array.isArray(params);
    const given = plain
      ? Object.values(params).some((value) => value !== undefined)
      : params !== undefined && params !== null;
    if (changes === undefined && !given) return this;
    const { set, raw } = changesFor(update, changes ?? {});
    let sent: unknown = params;
    if (raw !== undefined && (plain || params === undefined || params === null)) {
      sent = { ...params, extra: { ...raw, ...params?.extra } };
    }
    return this.replace(
      await invoke(this.#client, update, {
        path: this.resourcePath,
        params: sent,
        set,
        call: options,
      }),
    );
  }

  /**
   * How changes are sent by an object whose family has no update op in its description;
   * families that have one send changes as the update op's parameters.
   */
  protected saveParams(changes: WireData): Params {
    return changes as Params;
  }

  /** Deletes the object on the server. */
  async delete(params?: ExtraParams, options?: CallOptions): Promise<void> {
    const remove = objectOpsOf(this)?.delete;
    if (remove) {
      await invoke(this.#client, remove, { path: this.resourcePath, params, call: options });
    } else {
      await this.call("DELETE", null, extraOf(params, "delete"), options);
    }
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

/**
 * How a typed field maps to the wire, for {@linkcode defineFields}: its MAAS name, whether it may
 * be changed, and how the value read is shown. Families with a description give their fields as
 * {@linkcode FieldSpec}s to {@linkcode defineObject} instead.
 */
export type FieldMapping = string | {
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
 * import { defineFields, MaasObject } from "./base.ts";
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
  fields: Readonly<Record<string, FieldMapping>>,
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

/** The ops an object's `refresh()`, `save()` and `delete()` run, from its family's description. */
export interface ObjectOps {
  /** The op that reads one object (`GET`, RESTful `read`). */
  readonly read?: Op<unknown>;
  /** The op that changes one object (`PUT`, RESTful `update`): `save()` sends its parameters. */
  readonly update?: Op<unknown>;
  /** The op that deletes one object. */
  readonly delete?: Op<unknown>;
}

const objectOps = new WeakMap<object, ObjectOps>();

/**
 * Wires a class to its family's description: typed accessors for its fields (writable ones
 * record changes), and the ops its `refresh()`, `save()` and `delete()` send.
 *
 * @example
 * ```ts
 * import { defineObject, MaasObject } from "./base.ts";
 * import { family } from "./spec.ts";
 * const THINGS = family({
 *   name: "things",
 *   handlers: { ThingHandler: "things/{id}/" },
 *   fields: { id: { wire: "id", kind: "integer" } },
 *   ops: { read: { handler: "ThingHandler", method: "GET", typed: ["thing.refresh()"] } },
 * });
 * class Thing extends MaasObject {
 *   declare readonly id: number;
 *   get resourcePath(): string {
 *     return `things/${this.data.id}/`;
 *   }
 *   toString(): string {
 *     return `Thing ${this.id}`;
 *   }
 * }
 * defineObject(Thing, THINGS.fields, { read: THINGS.ops.read });
 * ```
 */
export function defineObject(
  // deno-lint-ignore no-explicit-any
  target: abstract new (...args: any[]) => MaasObject,
  fields: Readonly<Record<string, FieldSpec>>,
  ops: ObjectOps,
): void {
  defineFields(target, fields);
  objectOps.set(target.prototype, ops);
}

function objectOpsOf(object: MaasObject): ObjectOps | undefined {
  for (
    let proto = Object.getPrototypeOf(object);
    proto !== null;
    proto = Object.getPrototypeOf(proto)
  ) {
    const ops = objectOps.get(proto);
    if (ops !== undefined) return ops;
  }
  return undefined;
}

// An object whose family has no description yet takes only `extra` in refresh, save and delete.
function extraOf(params: ExtraParams | undefined, method: string): Params | undefined {
  if (params === undefined || params === null) return undefined;
  if (typeof params !== "object" || Array.isArray(params)) {
    throw new ParameterError(`${method}() takes its options as an object, got ${describe(params)}`);
  }
  for (const key in params) {
    if (key !== "extra") {
      throw new ParameterError(
        `${method}() takes only extra (wire parameters) and request options as its last ` +
          `argument; unknown option ${JSON.stringify(key)}`,
      );
    }
  }
  const extra = params.extra;
  if (extra === undefined || extra === null) return undefined;
  if (typeof extra !== "object" || Array.isArray(extra) || Object.hasOwn(extra, "op")) {
    throw new ParameterError(`extra must be an object of wire names and values, without "op"`);
  }
  return extra;
}

// The update op's parameters by wire name, to send each change as the option it is.
const optionByWire = new WeakMap<Op<unknown>, ReadonlyMap<string, string>>();

function changesFor(
  update: Op<unknown>,
  changes: WireData,
): { set: Record<string, unknown>; raw: Record<string, ParamValue> | undefined } {
  let names = optionByWire.get(update);
  if (names === undefined) {
    const specs = update.params as Readonly<Record<string, { wire: string }>>;
    names = new Map(Object.keys(specs).map((name) => [specs[name].wire, name]));
    optionByWire.set(update, names);
  }
  const set: Record<string, unknown> = {};
  let raw: Record<string, ParamValue> | undefined;
  for (const wire in changes) {
    const value = changes[wire];
    const name = names.get(wire);
    if (name !== undefined && value !== null) set[name] = value;
    else (raw ??= {})[wire] = value === null ? "" : value as ParamValue;
  }
  return { set, raw };
}

// The same nested JSON always gives the same object, so that changes made through it stick.
const nestedObjects = new WeakMap<object, unknown>();

/** What wraps one wire object of a family: the family's class. */
export type Wrapper<T> = new (context: ClientContext, data: WireData) => T;

/**
 * The object for nested wire data (a machine's zone, a subnet's VLAN…), made once per nested
 * JSON object, or `null` when the field holds no object.
 *
 * @example
 * ```ts
 * import { type Subnet, Vlan } from "@libmaas/client";
 * import { nested } from "@libmaas/client/objects";
 * function vlanOf(subnet: Subnet): Vlan | null {
 *   return nested(subnet.client, subnet.get("vlan"), Vlan);
 * }
 * ```
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

/**
 * The objects for a nested list of wire data, made once per list; `[]` when it is no list.
 *
 * @example
 * ```ts
 * import { type Fabric, Vlan } from "@libmaas/client";
 * import { nestedList } from "@libmaas/client/objects";
 * function vlansOf(fabric: Fabric): Vlan[] {
 *   return nestedList(fabric.client, fabric.get("vlans"), Vlan);
 * }
 * ```
 */
export function nestedList<T>(context: ClientContext, value: unknown, Class: Wrapper<T>): T[] {
  if (!Array.isArray(value)) return [];
  let list = nestedObjects.get(value) as T[] | undefined;
  if (list === undefined) {
    list = value.map((item) => nested(context, item, Class)).filter((item) => item !== null);
    nestedObjects.set(value, list);
  }
  return list;
}

/**
 * A `{id, name}` style reference sent as its name (zones, pools, domains…) or id.
 *
 * @example
 * ```ts
 * import { refValue } from "@libmaas/client/objects";
 * console.log(refValue({ id: 1, name: "default" })); // default
 * console.log(refValue({ id: 1, name: "default" }, "id")); // 1
 * ```
 */
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
 * import { Namespace } from "@libmaas/client";
 * import type { ClientContext } from "@libmaas/client/objects";
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
