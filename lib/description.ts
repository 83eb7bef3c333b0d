/**
 * The describe document: what every MAAS server says about its own API (`GET api/2.0/describe/`).
 * Types for it, fetching it, and checking that what came back really is one.
 *
 * @module
 */

import { CallError, ProtocolError, SessionError } from "./errors.ts";
import type { Transport } from "./transport.ts";

/** One action of a handler, as the describe document lists it. */
export interface DescribedAction {
  /** Name: the op for op actions, `read|create|update|delete` for RESTful ones. */
  name: string;
  /** HTTP method. */
  method: string;
  /** The `op` query value, or `null` for RESTful actions. */
  op: string | null;
  /** Whether the action is RESTful (no op). */
  restful: boolean;
  /** The server's documentation of the action. */
  doc: string;
}

/** One handler (the anonymous or the authenticated side of a resource). */
export interface DescribedHandler {
  /** Handler class name, e.g. `MachineHandler` or `AnonMachinesHandler`. */
  name: string;
  /** The server's documentation of the handler. */
  doc: string;
  /** Names of the URI parameters, e.g. `["system_id"]`. */
  params: string[];
  /** Absolute path on the server, e.g. `/MAAS/api/2.0/machines/{system_id}/`. */
  path: string;
  /** Absolute URI as the server saw its own host (not to be trusted behind a proxy). */
  uri?: string;
  /** The actions. */
  actions: DescribedAction[];
}

/** A resource: its anonymous and authenticated handlers. */
export interface DescribedResource {
  /** Resource name, e.g. `MachineHandler`. */
  name: string;
  /** Handler used by unsigned requests, if any. */
  anon: DescribedHandler | null;
  /** Handler used by signed requests, if any. */
  auth: DescribedHandler | null;
}

/** The whole describe document. */
export interface Description {
  /** Always `MAAS API` on real servers. */
  doc: string;
  /** A hash of the API; the server sends it in `X-MAAS-API-Hash` with every answer. */
  hash: string;
  /** Every resource, sorted by name. */
  resources: DescribedResource[];
}

/**
 * Checks that `value` is a describe document and returns it in a normalised form (missing
 * optional fields filled in, as servers from MAAS 2.0 on may leave some out). Anything else raises
 * a {@linkcode SessionError} saying what is wrong.
 *
 * @example
 * ```ts
 * import { validateDescription } from "@libmaas/client";
 * const description = validateDescription({ doc: "MAAS API", hash: "x", resources: [] });
 * console.log(description.resources.length); // 0
 * ```
 */
export function validateDescription(value: unknown, source = "the describe document"): Description {
  const fail = (what: string): never => {
    throw new SessionError(
      `${source} is not a MAAS describe document: ${what}. ` +
        "Check that the URL points at a MAAS server (http://HOST:5240/MAAS/).",
    );
  };
  if (!isObject(value)) fail(`expected an object, got ${kind(value)}`);
  const document = value as Record<string, unknown>;
  if (!Array.isArray(document.resources)) fail("it has no list of resources");
  const resources: DescribedResource[] = [];
  (document.resources as unknown[]).forEach((resource, index) => {
    if (!isObject(resource)) fail(`resource ${index} is ${kind(resource)}, not an object`);
    const r = resource as Record<string, unknown>;
    if (typeof r.name !== "string" || r.name === "") fail(`resource ${index} has no name`);
    const name = r.name as string;
    const anon = r.anon == null ? null : handler(r.anon, `${name}.anon`, fail);
    const auth = r.auth == null ? null : handler(r.auth, `${name}.auth`, fail);
    resources.push({ name, anon, auth });
  });
  return {
    doc: typeof document.doc === "string" ? document.doc : "MAAS API",
    hash: typeof document.hash === "string" ? document.hash : "",
    resources,
  };
}

function handler(value: unknown, where: string, fail: (what: string) => never): DescribedHandler {
  if (!isObject(value)) fail(`${where} is ${kind(value)}, not a handler object`);
  const h = value as Record<string, unknown>;
  if (typeof h.name !== "string" || h.name === "") fail(`${where} has no name`);
  if (typeof h.path !== "string" || !h.path.includes("/")) fail(`${where} has no path`);
  if (h.params !== undefined && !isStringArray(h.params)) fail(`${where}.params is not a list`);
  if (!Array.isArray(h.actions)) fail(`${where} has no list of actions`);
  const actions: DescribedAction[] = (h.actions as unknown[]).map((action, index) => {
    if (!isObject(action)) fail(`${where} action ${index} is ${kind(action)}`);
    const a = action as Record<string, unknown>;
    if (typeof a.name !== "string" || a.name === "") fail(`${where} action ${index} has no name`);
    if (typeof a.method !== "string" || a.method === "") {
      fail(`${where} action ${a.name} has no method`);
    }
    if (a.op !== undefined && a.op !== null && typeof a.op !== "string") {
      fail(`${where} action ${a.name} has an op that is not text`);
    }
    const op = typeof a.op === "string" && a.op !== "" ? a.op : null;
    return {
      name: a.name as string,
      method: (a.method as string).toUpperCase(),
      op,
      restful: typeof a.restful === "boolean" ? a.restful : op === null,
      doc: typeof a.doc === "string" ? a.doc : "",
    };
  });
  const params = (h.params as string[] | undefined) ??
    [...(h.path as string).matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return {
    name: h.name as string,
    doc: typeof h.doc === "string" ? h.doc : "",
    params: [...params],
    path: h.path as string,
    uri: typeof h.uri === "string" ? h.uri : undefined,
    actions,
  };
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * Downloads and checks the describe document of the API at `apiUrl` (anonymously, as MAAS serves
 * it). A server that answers with anything but a JSON describe document raises a
 * {@linkcode SessionError} that says the URL is probably not a MAAS API root (or, when the
 * transport already tells that from the answer, a `NotMaasError`).
 *
 * @example
 * ```ts
 * import { fetchDescription, Transport } from "@libmaas/client";
 * const transport = new Transport();
 * // const description = await fetchDescription("http://maas:5240/MAAS/api/2.0/", transport);
 * transport.close();
 * ```
 */
export async function fetchDescription(
  apiUrl: string,
  transport: Transport,
  options: { signal?: AbortSignal } = {},
): Promise<Description> {
  const url = new URL("describe/", apiUrl).href;
  const notMaas = (seen: string) =>
    new SessionError(
      `${url} did not answer with a MAAS describe document (${seen}); ${apiUrl} is probably ` +
        "not a MAAS API root. Give the MAAS URL, such as http://maas.example.com:5240/MAAS/",
    );
  let answer;
  try {
    answer = await transport.send("GET", url, { anonymous: true, signal: options.signal });
  } catch (error) {
    if (error instanceof CallError) {
      throw notMaas(`status ${error.status}, content type ${error.contentType ?? "none"}`);
    }
    if (error instanceof ProtocolError) throw notMaas("JSON that does not parse");
    throw error;
  }
  const type = answer.headers.get("content-type") ?? "none";
  if (answer.status !== 200 || !type.includes("json")) {
    throw notMaas(`status ${answer.status}, content type ${type}`);
  }
  return validateDescription(answer.data, `The describe document at ${url}`);
}
