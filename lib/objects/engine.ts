/**
 * The engine that runs the families' descriptions: it checks a typed method's options against
 * its op's parameters (refusing unknown ones with the nearest match), converts each value to its
 * wire form, checks the server's MAAS line when the op or a parameter is not on every line, and
 * sends the request. Typed methods call {@linkcode invoke}; collections use {@linkcode listOf}
 * and {@linkcode oneOf}.
 *
 * @example
 * ```ts
 * import { invoke } from "./engine.ts";
 * import { TAGS } from "./tags.ts";
 * import type { ClientContext } from "./base.ts";
 * async function rebuild(context: ClientContext, name: string) {
 *   return await invoke(context, TAGS.ops.rebuild, { path: { name } });
 * }
 * ```
 *
 * @module
 */

import { type MaasError, ParameterError, UnsupportedError } from "../errors.ts";
import type { CallOptions, Params, ParamValue } from "../transport.ts";
import type { ClientContext, Wrapper } from "./base.ts";
import { describe, expectList, expectObject } from "./wire.ts";
import { linesInWords, MAAS_LINES, type MaasLine, placeVersion } from "./lines.ts";
import type { AnyParamSpec as Spec, Op } from "./spec.ts";
import { pathOf } from "./spec.ts";

/** What a typed method hands the engine for one call. */
export interface Invocation {
  /** The path parameters (`{ name: "gpu" }`), or the path itself when already filled. */
  readonly path?: Readonly<Record<string, unknown>> | string;
  /** The caller's parameters object: camelCase options and `extra`. */
  readonly params?: unknown;
  /** Options the method sets from its own arguments (camelCase); the caller may not repeat them. */
  readonly set?: Readonly<Record<string, unknown>>;
  /** Values sent for options the caller left out, where MAAS needs one (camelCase). */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** The caller's request options: `signal`, `timeout`, `retries`. */
  readonly call?: CallOptions;
  /** `"bytes"` for ops whose answer is a file's content, whatever its content type says. */
  readonly responseType?: "bytes";
}

const CALL_KEYS: ReadonlySet<string> = new Set(["signal", "timeout", "retries"]);
const NO_PARAMS: Readonly<Record<string, Spec>> = Object.freeze({});
const encoder = new TextEncoder();

/**
 * Sends one op: checks the request options and the parameters, converts them to their wire
 * names and values, refuses what the server's MAAS line lacks (reading `version/` once per client
 * when the op or a given parameter is not on every line), then calls. Returns the decoded answer.
 *
 * @example
 * ```ts
 * import type { Client, UpdateTagNodesOptions } from "@libmaas/client";
 * import { invoke } from "@libmaas/client/objects";
 * import { TAGS } from "./tags.ts";
 * async function tagNodes(client: Client, name: string, params: UpdateTagNodesOptions) {
 *   return await invoke(client, TAGS.ops.updateNodes, { path: { name }, params });
 * }
 * ```
 */
export async function invoke<T = unknown>(
  context: ClientContext,
  op: Op<unknown>,
  invocation: Invocation = {},
): Promise<T> {
  const call = checkCall(invocation.call, op);
  const { params, lined } = encode(op, invocation.params, invocation.set, invocation.defaults);
  if (op.lines !== undefined || lined !== undefined) {
    await checkLines(context, op, lined, call);
  }
  const path = typeof invocation.path === "string"
    ? invocation.path
    : pathOf(op.path, invocation.path ?? NO_PARAMS, op.pathParams);
  return await context.call<T>(op.method, path, {
    op: op.op ?? null,
    params,
    signal: call?.signal,
    timeout: call?.timeout,
    retries: call?.retries,
    responseType: invocation.responseType,
  });
}

/**
 * Checks a parameters object against an op without sending anything, for methods that send it
 * later (an iteration's pages): the same errors {@linkcode invoke} would raise.
 *
 * @example
 * ```ts
 * import { checkParams } from "@libmaas/client/objects";
 * import { EVENTS } from "./events.ts";
 * checkParams(EVENTS.ops.query, { level: "ERROR", hostname: "node-1" });
 * ```
 */
export function checkParams(
  op: Op<unknown>,
  params: unknown,
  set?: Readonly<Record<string, unknown>>,
): void {
  encode(op, params, set, undefined);
}

/**
 * Runs a list op and wraps each item of the answer in `Class`.
 *
 * @example
 * ```ts
 * import { type Client, Zone } from "@libmaas/client";
 * import { listOf } from "@libmaas/client/objects";
 * import { ZONES } from "./zones.ts";
 * async function zones(client: Client): Promise<Zone[]> {
 *   return await listOf(client, ZONES.ops.list, Zone, "zones");
 * }
 * ```
 */
export async function listOf<T>(
  context: ClientContext,
  op: Op<unknown>,
  Class: Wrapper<T>,
  what: string,
  invocation?: Invocation,
): Promise<T[]> {
  const list = expectList(await invoke(context, op, invocation), what);
  const objects = new Array<T>(list.length);
  for (let i = 0; i < list.length; i++) objects[i] = new Class(context, list[i]);
  return objects;
}

/**
 * Runs an op that answers one object and wraps it in `Class`.
 *
 * @example
 * ```ts
 * import { type Client, Zone } from "@libmaas/client";
 * import { oneOf } from "@libmaas/client/objects";
 * import { ZONES } from "./zones.ts";
 * async function zone(client: Client, name: string): Promise<Zone> {
 *   return await oneOf(client, ZONES.ops.read, Zone, "a zone", { path: { name } });
 * }
 * ```
 */
export async function oneOf<T>(
  context: ClientContext,
  op: Op<unknown>,
  Class: Wrapper<T>,
  what: string,
  invocation?: Invocation,
): Promise<T> {
  return new Class(context, expectObject(await invoke(context, op, invocation), what));
}

/** The typed method a message speaks of: the op's first typed method, else its wire form. */
function methodName(op: Op<unknown>): string {
  return op.typed[0] ?? `${op.method} ${op.path}${op.op ? `?op=${op.op}` : ""}`;
}

function checkCall(call: unknown, op: Op<unknown>): CallOptions | undefined {
  return requestOptions(call, methodName(op), op.params as object);
}

/**
 * Checks a method's request options: an object of `signal`, `timeout` and `retries` only, so
 * that nothing given there can replace a call's op or parameters. `params` (the op's parameters)
 * makes the message point at the right argument when one of them was given here.
 *
 * @example
 * ```ts
 * import { requestOptions } from "@libmaas/client/objects";
 * console.log(requestOptions({ timeout: 5000 }, "client.tags.list()")); // { timeout: 5000 }
 * ```
 */
export function requestOptions(
  call: unknown,
  method: string | (() => string),
  params: object = NO_PARAMS,
): CallOptions | undefined {
  if (call === undefined || call === null) return undefined;
  const name = () => typeof method === "string" ? method : method();
  if (typeof call !== "object" || Array.isArray(call)) {
    throw new ParameterError(
      `${name()}: request options must be an object (signal, timeout, retries), got ${
        describe(call)
      }`,
    );
  }
  for (const key in call) {
    if (!CALL_KEYS.has(key)) {
      const nearest = nearestOf(key, [...CALL_KEYS]);
      const hint = Object.hasOwn(params, key)
        ? `${key} is a parameter of the op: give it in the parameters object`
        : `it takes signal, timeout and retries${nearest ? `; did you mean ${nearest}?` : ""}`;
      throw new ParameterError(`${name()}: unknown request option ${JSON.stringify(key)}; ${hint}`);
    }
  }
  const signal = (call as CallOptions).signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw notASignal(signal, name());
  return call as CallOptions;
}

/** The error for a `signal` that is no `AbortSignal`, which would fail deep inside the request. */
export function notASignal(signal: unknown, method: string): ParameterError {
  return new ParameterError(`${method}: signal must be an AbortSignal, got ${describe(signal)}`);
}

interface Encoded {
  params: Record<string, ParamValue>;
  /** The given options that not every line has, with their option names. */
  lined: Array<[string, Spec]> | undefined;
}

function encode(
  op: Op<unknown>,
  given: unknown,
  set: Readonly<Record<string, unknown>> | undefined,
  defaults: Readonly<Record<string, unknown>> | undefined,
): Encoded {
  const specs = op.params as Readonly<Record<string, Spec>>;
  const params: Record<string, ParamValue> = {};
  let lined: Array<[string, Spec]> | undefined;
  let extra: Params | undefined;
  if (given !== undefined && given !== null) {
    if (typeof given !== "object" || Array.isArray(given)) {
      throw new ParameterError(
        `${methodName(op)} takes its options as an object of named settings, got ${
          describe(given)
        }`,
      );
    }
    for (const name in given) {
      const value = (given as Record<string, unknown>)[name];
      if (name === "extra") {
        extra = checkExtra(value, op);
        continue;
      }
      const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
      if (spec === undefined) throw unknownOption(op, name);
      if (set !== undefined && Object.hasOwn(set, name)) {
        throw new ParameterError(
          `${methodName(op)}: ${name} is given as an argument of the method, not as an option`,
        );
      }
      if (value === undefined || value === null) continue;
      params[spec.wire] = encodeValue(spec, value, name);
      if (spec.lines !== undefined) (lined ??= []).push([name, spec]);
    }
  }
  if (set !== undefined) {
    for (const name in set) {
      const value = set[name];
      const spec = specs[name];
      if (spec === undefined) throw new Error(`${methodName(op)} sets ${name}, not a parameter`);
      if (value === undefined || value === null) continue;
      params[spec.wire] = encodeValue(spec, value, name);
      if (spec.lines !== undefined) (lined ??= []).push([name, spec]);
    }
  }
  if (defaults !== undefined) {
    for (const name in defaults) {
      const spec = specs[name];
      if (params[spec.wire] === undefined) {
        params[spec.wire] = encodeValue(spec, defaults[name], name);
      }
    }
  }
  for (const name in specs) {
    const spec = specs[name];
    const sent = params[spec.wire];
    if (spec.required && (sent === undefined || (sent === "" && spec.kind === "string"))) {
      throw new ParameterError(
        `Missing required parameter ${JSON.stringify(name)} of ${methodName(op)}`,
      );
    }
  }
  if (extra !== undefined) {
    for (const wire in extra) {
      if (params[wire] !== undefined) {
        throw new ParameterError(
          `${methodName(op)}: extra.${wire} repeats a typed option's wire name; give it once`,
        );
      }
      params[wire] = extra[wire];
    }
  }
  return { params, lined };
}

function checkExtra(value: unknown, op: Op<unknown>): Params | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ParameterError(
      `${methodName(op)}: extra must be an object of wire names and values, got ${describe(value)}`,
    );
  }
  if (Object.hasOwn(value, "op")) {
    throw new ParameterError(`${methodName(op)}: extra cannot set "op"; the method sends its own`);
  }
  return value as Params;
}

function unknownOption(op: Op<unknown>, name: string): ParameterError {
  const specs = op.params as Readonly<Record<string, Spec>>;
  const names = [...Object.keys(specs), "extra"];
  let hint: string;
  const byWire = Object.keys(specs).find((key) => specs[key].wire === name);
  if (byWire !== undefined) {
    hint = `${JSON.stringify(name)} is MAAS's wire name: give it as ${JSON.stringify(byWire)}`;
  } else if (CALL_KEYS.has(name)) {
    hint = `${JSON.stringify(name)} is a request option: give it in the request options ` +
      "(the method's last argument)";
  } else {
    const nearest = nearestOf(name, names);
    hint = (nearest ? `did you mean ${JSON.stringify(nearest)}? ` : "") +
      `It takes ${linesOfNames(names)}; wire parameters it does not know go in extra`;
  }
  return new ParameterError(`${methodName(op)}: unknown option ${JSON.stringify(name)}; ${hint}`);
}

function linesOfNames(names: readonly string[]): string {
  return names.length <= 1
    ? names.join("")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The candidate closest to `name` (case and `_` ignored), if it is close enough to be a typo. */
function nearestOf(name: string, candidates: readonly string[]): string | undefined {
  const wanted = name.toLowerCase().replaceAll("_", "");
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/** Checks one option's value against its parameter and returns its wire value. */
function encodeValue(spec: Spec, value: unknown, name: string): ParamValue {
  const kind = spec.kind;
  if (typeof kind === "object") return kind.encode(value, name);
  if (spec.values !== undefined && !(spec.values as readonly unknown[]).includes(value)) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be one of ${spec.values.join(", ")}, got ${
        JSON.stringify(value) ?? describe(value)
      }`,
    );
  }
  switch (kind) {
    case "string":
      if (typeof value === "string") return value;
      break;
    case "integer":
      if (Number.isSafeInteger(value)) return value as number;
      break;
    case "number":
      if (typeof value === "number" && Number.isFinite(value)) return value;
      break;
    case "boolean":
      if (typeof value === "boolean") return value;
      break;
    case "strings":
      if (typeof value === "string" && value !== "") return value;
      if (Array.isArray(value) && value.every((item) => typeof item === "string" && item !== "")) {
        return value;
      }
      break;
    case "integers":
      if (Number.isSafeInteger(value)) return value as number;
      if (Array.isArray(value) && value.every((item) => Number.isSafeInteger(item))) return value;
      break;
    case "file":
      if (value instanceof Blob) return value;
      if (value instanceof Uint8Array) return new Blob([value as Uint8Array<ArrayBuffer>]);
      if (typeof value === "string") return new Blob([encoder.encode(value)]);
      break;
  }
  throw new ParameterError(
    `Parameter ${JSON.stringify(name)} must be ${KIND_WORDS[kind]}, got ${describe(value)}`,
  );
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  string: "a string",
  integer: "a whole number",
  number: "a finite number",
  boolean: "a boolean",
  strings: "a non-empty string or a list of them",
  integers: "a whole number or a list of whole numbers",
  file: "a Uint8Array, Blob or string (sent as UTF-8)",
};

/**
 * Checks the op and the given line-bound options against the server's MAAS line, reading
 * `version/` once per client for it. A server whose version text holds no number is not checked.
 */
async function checkLines(
  context: ClientContext,
  op: Op<unknown>,
  lined: Array<[string, Spec]> | undefined,
  call: CallOptions | undefined,
): Promise<void> {
  const version = String((await context.readVersion(call)).version ?? "");
  const place = placeVersion(version);
  if (place === null) return;
  const has = (lines: readonly MaasLine[]) => place.lines.some((line) => lines.includes(line));
  if (op.lines !== undefined && !has(op.lines)) {
    // `gone` says why the lines after the op's last one lack it; an older server is only older.
    const last = MAAS_LINES.indexOf(op.lines.at(-1)!);
    const newer = place.lines.every((line) => MAAS_LINES.indexOf(line) > last);
    throw unsupported(methodName(op), version, op.lines, newer ? op.gone : undefined);
  }
  for (const [name, spec] of lined ?? []) {
    if (!has(spec.lines!)) throw unsupported(`${methodName(op)}: ${name}`, version, spec.lines!);
  }
}

function unsupported(
  feature: string,
  version: string,
  lines: readonly MaasLine[],
  gone?: string,
): MaasError {
  const newest = lines.at(-1);
  const removed = gone !== undefined && newest !== undefined &&
    MAAS_LINES.indexOf(newest) < MAAS_LINES.length - 1;
  const message = removed
    ? `${feature} is not in MAAS ${version}: ${gone}; of the known lines, ${
      linesInWords(lines)
    } have it`
    : `${feature} is not in MAAS ${version}; of the known lines, ${linesInWords(lines)} ${
      lines.length === 1 ? "has" : "have"
    } it`;
  return new UnsupportedError(message, { feature, version, lines });
}
