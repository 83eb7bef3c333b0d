/**
 * The route table: every API 2.0 resource the simulator serves, and the describe document and API
 * hash built from it (so `describe/` can never disagree with what is served).
 *
 * ## Adding a family of resources
 *
 * Write one file per family, `lib/testing/routes/<family>.ts`, exporting a function that registers
 * its resources, and add that function to `FAMILIES` in `lib/testing/routes/mod.ts`:
 *
 * ```ts
 * import type { RouteTable } from "../routes.ts";
 * import { json, MaasError } from "../reply.ts";
 * import { zoneJson } from "../inventory.ts";
 *
 * export function registerZones(table: RouteTable): void {
 *   table.resource({
 *     path: "zones/{name}/",
 *     auth: {
 *       name: "ZoneHandler",
 *       doc: "Manage a physical zone.",
 *       actions: {
 *         "GET": {
 *           doc: "Read a zone.",
 *           run: ({ state, params }) => {
 *             const zone = state.site.zones.find((z) => z.name === params.name);
 *             if (!zone) throw MaasError.notFound("Zone");
 *             return json(zoneJson(zone));
 *           },
 *         },
 *         "POST set_default": { doc: "…", run: (ctx) => { ctx.requireAdmin(); … } },
 *       },
 *     },
 *   });
 * }
 * ```
 *
 * - `path` is relative to `/MAAS/api/2.0/`, written as in maas-handlers.json; `{name}` takes one
 *   path segment, percent-decoded into `ctx.params.name`. Keep MAAS's trailing slashes (or their
 *   absence): a path that differs is a 404, as on MAAS.
 * - Action keys are `"METHOD"` for RESTful actions (described as read, create, update, delete) or
 *   `"METHOD op"` for operations called with `?op=op`.
 * - `auth` is what signed requests get; `anon` (named like `AnonMachinesHandler`) is what unsigned
 *   requests get. With `auth` and no `anon`, unsigned requests get MAAS's 401 `Forbidden`. With
 *   `anon` alone the resource is served without any authentication, like `version/`.
 * - `hidden: true` serves the resource but leaves it out of the describe document.
 * - `run` receives an {@linkcode ActionContext} (`AuthContext` for `auth` actions: `ctx.user` is
 *   set) and returns a {@linkcode Reply} (`json()`, `text()`, `deleted()` from `reply.ts`), or
 *   throws a `MaasError` (`notFound`, `badRequest`, `invalid`, `forbidden`, `conflict`).
 * - Before `run`, the pipeline has already applied faults, latency and OAuth, chosen the handler,
 *   answered 405 for a method the handler lacks and 400 `Unrecognised signature` for an unknown op.
 * - State lives in `ctx.state` ({@linkcode SimulatorState}); time-based changes (a machine
 *   commissioning) go through `ctx.state.schedule(ms, task)` so that `close()` cancels them.
 *
 * @module
 */

import { createHash } from "node:crypto";
import type { FormFields, UploadedFile } from "./forms.ts";
import type { Reply } from "./reply.ts";
import type { SimToken, SimulatorState, SimUser } from "./state.ts";
import { MaasError } from "./reply.ts";

/** Where the API lives on the server. */
export const API_ROOT = "/MAAS/api/2.0/";

/**
 * Server-wide settings an action may need.
 *
 * @example
 * ```ts
 * import type { ServerSettings } from "./routes.ts";
 * const settings: ServerSettings = { version: "3.8.0", capabilities: [], lifecycleMs: 100 };
 * ```
 */
export interface ServerSettings {
  /** What `version/` reports. */
  version: string;
  /** What `version/` lists as capabilities. */
  capabilities: string[];
  /** How long each simulated life-cycle step takes, in milliseconds. */
  lifecycleMs: number;
  /** Answer 410 to `vm-hosts/` and `pods/`, as MAAS 3.8 (which removed VM hosts) does. */
  vmHostsRemoved?: boolean;
}

/**
 * What an action gets to work with.
 *
 * @example
 * ```ts
 * import type { ActionContext } from "./routes.ts";
 * import { json } from "./reply.ts";
 * const echo = (ctx: ActionContext) => json({ op: ctx.op, names: ctx.data.names() });
 * ```
 */
export interface ActionContext {
  /** The simulator's data. */
  state: SimulatorState;
  /** Server-wide settings. */
  settings: ServerSettings;
  /** Upper-case HTTP method. */
  method: string;
  /** The `op` dispatched on, or null for a RESTful action. */
  op: string | null;
  /** The URL's pathname. */
  path: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  /** Query string fields. */
  query: FormFields;
  /** Form body fields (POST and PUT with a form content type). */
  form: FormFields;
  /** What MAAS handlers call `request.data`: the form for POST and PUT, the query otherwise. */
  data: FormFields;
  /** Uploaded file parts. */
  files: UploadedFile[];
  /** The raw request body (what a PUT of `application/octet-stream` sends). */
  body: Uint8Array;
  /** `scheme://host:port` as the client addressed the server. */
  origin: string;
  /** The authenticated user, or null for an anonymous handler. */
  user: SimUser | null;
}

/**
 * What an action of an `auth` handler gets: the caller is known.
 *
 * @example
 * ```ts
 * import type { AuthContext } from "./routes.ts";
 * import { json } from "./reply.ts";
 * const whoami = (ctx: AuthContext) => json({ username: ctx.user.username });
 * ```
 */
export interface AuthContext extends ActionContext {
  /** The authenticated user. */
  user: SimUser;
  /** The API key the request was signed with. */
  token: SimToken;
  /** Throw MAAS's 403 unless the caller is an administrator. */
  requireAdmin(permission?: string): void;
}

/**
 * One action of a handler.
 *
 * @example
 * ```ts
 * import type { ActionSpec, AuthContext } from "./routes.ts";
 * import { json } from "./reply.ts";
 * const read: ActionSpec<AuthContext> = { doc: "Read it.", run: () => json({}) };
 * ```
 */
export interface ActionSpec<C extends ActionContext> {
  /** What `describe/` says about the action. */
  doc: string;
  /** Do it. */
  run: (ctx: C) => Reply | Promise<Reply>;
}

/**
 * A handler: a named set of actions, keyed `"METHOD"` or `"METHOD op"`.
 *
 * @example
 * ```ts
 * import type { AuthContext, HandlerSpec } from "./routes.ts";
 * import { json } from "./reply.ts";
 * const handler: HandlerSpec<AuthContext> = {
 *   name: "ThingsHandler",
 *   doc: "Manage things.",
 *   actions: { "GET": { doc: "List things.", run: () => json([]) } },
 * };
 * ```
 */
export interface HandlerSpec<C extends ActionContext> {
  /** Handler class name, as MAAS names it (`MachinesHandler`, `AnonMachinesHandler`). */
  name: string;
  /** What `describe/` says about the handler. */
  doc: string;
  /** Actions by `"METHOD"` or `"METHOD op"`. */
  actions: Record<string, ActionSpec<C>>;
}

/**
 * One resource: a path and the handlers that serve it.
 *
 * @example
 * ```ts
 * import type { ResourceSpec } from "./routes.ts";
 * import { json } from "./reply.ts";
 * const version: ResourceSpec = {
 *   path: "version/",
 *   anon: {
 *     name: "VersionHandler",
 *     doc: "Information about this MAAS instance.",
 *     actions: { "GET": { doc: "Read the version.", run: () => json({}) } },
 *   },
 * };
 * ```
 */
export interface ResourceSpec {
  /** Path template under `/MAAS/api/2.0/`, such as `machines/{system_id}/`. */
  path: string;
  /** Left out of `describe/` (but served). */
  hidden?: boolean;
  /** What signed requests get. */
  auth?: HandlerSpec<AuthContext>;
  /** What unsigned requests get; alone, the resource needs no authentication at all. */
  anon?: HandlerSpec<ActionContext>;
}

/**
 * A handler ready for dispatch: its actions by `METHOD op` signature.
 *
 * @example
 * ```ts
 * import { RouteTable } from "./routes.ts";
 * const table = new RouteTable();
 * console.log(table.match("/MAAS/api/2.0/nothing/")); // null
 * ```
 */
export interface CompiledHandler<C extends ActionContext> {
  /** The handler as registered. */
  spec: HandlerSpec<C>;
  /** Actions by `${METHOD} ${op ?? ""}`. */
  signatures: Map<string, ActionSpec<C>>;
  /** Methods with at least one action, sorted (the `Allow` header of a 405). */
  allowed: string[];
}

/**
 * A registered resource.
 *
 * @example
 * ```ts
 * import type { Route } from "./routes.ts";
 * const names = (route: Route) => [route.auth?.spec.name, route.anon?.spec.name];
 * ```
 */
export interface Route {
  /** The resource as registered. */
  spec: ResourceSpec;
  /** Template segments; `{name}` marks a parameter. */
  segments: string[];
  /** The signed-request handler. */
  auth: CompiledHandler<AuthContext> | null;
  /** The unsigned-request handler. */
  anon: CompiledHandler<ActionContext> | null;
}

/**
 * Every resource the simulator serves.
 *
 * @example
 * ```ts
 * import { RouteTable } from "./routes.ts";
 * import { json } from "./reply.ts";
 * const table = new RouteTable();
 * table.resource({
 *   path: "version/",
 *   anon: { name: "VersionHandler", doc: "", actions: { "GET": { doc: "", run: () => json({}) } } },
 * });
 * console.log(table.match("/MAAS/api/2.0/version/")?.route.anon?.spec.name); // "VersionHandler"
 * ```
 */
export class RouteTable {
  #routes: Route[] = [];
  #hash: string | null = null;

  /** Register a resource. */
  resource(spec: ResourceSpec): void {
    if (!spec.auth && !spec.anon) throw new Error(`${spec.path}: a resource needs a handler`);
    if (this.#routes.some((route) => route.spec.path === spec.path)) {
      throw new Error(`${spec.path} is registered twice`);
    }
    this.#routes.push({
      spec,
      segments: spec.path.split("/"),
      auth: spec.auth ? compile(spec.auth) : null,
      anon: spec.anon ? compile(spec.anon) : null,
    });
    this.#hash = null;
  }

  /** The resource serving `pathname` (a full pathname under the API root), and its parameters. */
  match(pathname: string): { route: Route; params: Record<string, string> } | null {
    if (!pathname.startsWith(API_ROOT)) return null;
    const parts = pathname.slice(API_ROOT.length).split("/");
    let best: { route: Route; params: Record<string, string>; literals: number } | null = null;
    for (const route of this.#routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const segment = route.segments[i];
        if (segment.startsWith("{") && segment.endsWith("}")) {
          if (parts[i] === "") ok = false;
          else params[segment.slice(1, -1)] = decodeSegment(parts[i]);
        } else if (segment === parts[i]) {
          literals++;
        } else {
          ok = false;
        }
      }
      // A literal segment beats a parameter, as Django's first-listed specific patterns do.
      if (ok && (!best || literals > best.literals)) best = { route, params, literals };
    }
    return best && { route: best.route, params: best.params };
  }

  /**
   * The describe document, with handler URIs made absolute for `origin`, its keys sorted as MAAS
   * sorts them.
   */
  describe(origin: string): Record<string, unknown> {
    const resources = this.#describeResources();
    for (const resource of resources) {
      for (const handler of [resource.anon, resource.auth]) {
        if (handler) handler.uri = origin + handler.path;
      }
    }
    return {
      doc: "MAAS API",
      hash: this.hash(),
      resources,
      handlers: [
        ...resources.flatMap((resource) => resource.anon ? [resource.anon] : []),
        ...resources.flatMap((resource) => resource.auth ? [resource.auth] : []),
      ],
    };
  }

  /** SHA-1 of the described resources: what `X-MAAS-API-Hash` carries. */
  hash(): string {
    this.#hash ??= createHash("sha1").update(stableJson(this.#describeResources())).digest("hex");
    return this.#hash;
  }

  #describeResources(): DescribedResource[] {
    return this.#routes
      .filter((route) => !route.spec.hidden)
      .map((route) => {
        const anon = route.anon ? describeHandler(route.anon.spec, route.spec.path) : null;
        const auth = route.auth ? describeHandler(route.auth.spec, route.spec.path) : null;
        return { name: (auth ?? anon)!.name, anon, auth };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

interface DescribedHandler {
  name: string;
  doc: string;
  params: string[];
  path: string;
  uri?: string;
  actions: { name: string; method: string; op: string | null; restful: boolean; doc: string }[];
}

interface DescribedResource {
  name: string;
  anon: DescribedHandler | null;
  auth: DescribedHandler | null;
}

const RESTFUL: Record<string, string> = {
  GET: "read",
  POST: "create",
  PUT: "update",
  DELETE: "delete",
};

function compile<C extends ActionContext>(spec: HandlerSpec<C>): CompiledHandler<C> {
  const signatures = new Map<string, ActionSpec<C>>();
  for (const [key, action] of Object.entries(spec.actions)) {
    const [method, op, extra] = key.trim().split(/\s+/);
    if (!(method in RESTFUL) || extra !== undefined) {
      throw new Error(`${spec.name}: bad action key ${JSON.stringify(key)}`);
    }
    signatures.set(signature(method, op ?? null), action);
  }
  const allowed = [...new Set([...signatures.keys()].map((key) => key.split(" ")[0]))].sort();
  return { spec, signatures, allowed };
}

/**
 * The key of an action in {@linkcode CompiledHandler.signatures}.
 *
 * @example
 * ```ts
 * import { signature } from "./routes.ts";
 * console.log(signature("GET", null), signature("POST", "deploy")); // "GET " "POST deploy"
 * ```
 */
export function signature(method: string, op: string | null): string {
  return `${method} ${op ?? ""}`;
}

function describeHandler<C extends ActionContext>(
  spec: HandlerSpec<C>,
  path: string,
): DescribedHandler {
  const actions = Object.entries(spec.actions).map(([key, action]) => {
    const [method, op] = key.trim().split(/\s+/);
    return {
      name: op ?? RESTFUL[method],
      method,
      op: op ?? null,
      restful: op === undefined,
      doc: action.doc,
    };
  }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    name: spec.name,
    doc: spec.doc,
    params: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]),
    path: API_ROOT + path,
    actions,
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw MaasError.badRequest(`Invalid percent-encoding in path segment: ${segment}`);
  }
}

/**
 * JSON with object keys sorted at every level, as Python's `json.dumps(sort_keys=True)` writes it
 * (MAAS serves the describe document that way, and the hash must not depend on insertion order).
 *
 * @example
 * ```ts
 * import { stableJson } from "./routes.ts";
 * console.log(stableJson({ b: 1, a: [{ d: 2, c: 3 }] })); // {"a":[{"c":3,"d":2}],"b":1}
 * ```
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) {
      sorted[key] = (inner as Record<string, unknown>)[key];
    }
    return sorted;
  });
}
