/**
 * The route table: the API 2.0 resources the simulator serves for one MAAS line, and the describe
 * document and API hash built from them (so `describe/` can never disagree with what is served).
 *
 * Families register every handler they implement, for every line; the table keeps, for its line,
 * what that line has and nothing else (see `lib/testing/README.md` for the whole guide):
 *
 * - a handler the line does not have is not routed: its path answers 404 `Unknown API endpoint`;
 * - an action the line does not have is left out: calling it answers 400 `Unrecognised signature`
 *   (or 405 when the handler has no action at all for the method);
 * - the handler's path in `describe/` is the line's, and `describe/` leaves out what the line
 *   hides (the route still serves it);
 * - each action honours only the request parameters the line's op reads
 *   ({@linkcode MaasLine.reads}): the others are taken out of `ctx.query`, `ctx.form`, `ctx.data`
 *   and `ctx.files` before the action runs;
 * - each action's `doc` in `describe/` ends with the line's parameter block (see `describe.ts`).
 *
 * @module
 */

import type { FormFields, UploadedFile } from "./request.ts";
import type { MaasLine } from "./maas/lines.ts";
import { type Reply, ReplyError } from "./reply.ts";
import type { SimToken, SimUser } from "./families/users/model.ts";
import type { SimulatorState } from "./state.ts";

/** Where the API lives on the server. */
export const API_ROOT = "/MAAS/api/2.0/";

const URIS = new Map<string, string>();
const URIS_KEPT = 100_000;

/**
 * The address `API_ROOT + path`, as one string kept for every render of it. A string built anew
 * for each answer (`${API_ROOT}machines/${id}/`) makes the engine serialise the whole object
 * holding it on a slower path; the kept one does not.
 *
 * @example
 * ```ts
 * import { apiUri } from "./routes.ts";
 * console.log(apiUri("zones/default/")); // "/MAAS/api/2.0/zones/default/"
 * ```
 */
export function apiUri(path: string): string {
  const uri = API_ROOT + path;
  const kept = URIS.get(uri);
  if (kept !== undefined) return kept;
  if (URIS.size >= URIS_KEPT) URIS.clear();
  URIS.set(uri, uri);
  return uri;
}

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
  /** What `version/` reports (the line's version unless the simulator was told otherwise). */
  version: string;
  /** What `version/` lists as capabilities. */
  capabilities: readonly string[];
  /** How long each simulated life-cycle step takes, in milliseconds. */
  lifecycleMs: number;
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
  /** The MAAS line the simulator is. */
  line: MaasLine;
  /** Server-wide settings. */
  settings: ServerSettings;
  /** Upper-case HTTP method. */
  method: string;
  /** The `op` dispatched on, or null for a RESTful action. */
  op: string | null;
  /** The URL's pathname. */
  path: string;
  /** Path parameters, percent-decoded, named as the family's own path template names them. */
  params: Record<string, string>;
  /** Query string fields the op reads. */
  query: FormFields;
  /** Form body fields the op reads (POST and PUT with a form content type). */
  form: FormFields;
  /** What MAAS handlers call `request.data`: the form for POST and PUT, the query otherwise. */
  data: FormFields;
  /** Uploaded file parts the op reads. */
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
 * `doc` is the action's description as `describe/` shows it. It may end with MAAS's parameter
 * lines, `:param NAME: Required. text` or `:param NAME: Optional. text` (and `:type NAME: Int`):
 * they give the words for those parameters. The describe document then writes one such block for
 * every parameter the line documents for the op, in the line's order, taking the words from here,
 * else from the shared glossary (`describe.ts`).
 *
 * @example
 * ```ts
 * import type { ActionSpec, AuthContext } from "./routes.ts";
 * import { json } from "./reply.ts";
 * const read: ActionSpec<AuthContext> = {
 *   doc: "Read it.\n\n:param verbose: Optional. Say more.\n:type verbose: Boolean",
 *   run: () => json({}),
 * };
 * ```
 */
export interface ActionSpec<C extends ActionContext> {
  /** What `describe/` says about the action, with optional `:param` lines. */
  doc: string;
  /** Do it. */
  run: (ctx: C) => Reply | Promise<Reply>;
}

/**
 * A handler: a named set of actions, keyed `"METHOD op"`, as MAAS's data names them: `GET read`,
 * `POST create`, `PUT update` and `DELETE delete` for the RESTful ones, `POST deploy` for
 * `POST ?op=deploy`.
 *
 * @example
 * ```ts
 * import type { AuthContext, HandlerSpec } from "./routes.ts";
 * import { json } from "./reply.ts";
 * const handler: HandlerSpec<AuthContext> = {
 *   name: "ThingsHandler",
 *   doc: "Manage things.",
 *   actions: { "GET read": { doc: "List things.", run: () => json([]) } },
 * };
 * ```
 */
export interface HandlerSpec<C extends ActionContext> {
  /** Handler class name, as MAAS names it (`MachinesHandler`, `AnonMachinesHandler`). */
  name: string;
  /** What `describe/` says about the handler. */
  doc: string;
  /** Actions by `"METHOD op"`. */
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
 *     actions: { "GET read": { doc: "Read the version.", run: () => json({}) } },
 *   },
 * };
 * ```
 */
export interface ResourceSpec {
  /**
   * Path template under `/MAAS/api/2.0/`, such as `machines/{system_id}/`: the line's path of the
   * handler, or another of its routes; the parameter names are the family's own (the line's may
   * differ, `describe/` shows the line's).
   */
  path: string;
  /** The simulator's own resource (`describe/`): served in every line, never described. */
  internal?: boolean;
  /**
   * Another spelling MAAS's URL pattern accepts for the handler's route (`partition/{id}` beside
   * `partitions/{id}`): served wherever the line has the handler, never described.
   */
  alias?: boolean;
  /** What signed requests get; its name says which handler of the line it is. */
  auth?: HandlerSpec<AuthContext>;
  /** What unsigned requests get; alone, the resource needs no authentication at all. */
  anon?: HandlerSpec<ActionContext>;
}

/**
 * An action ready for dispatch in one line.
 *
 * @example
 * ```ts
 * import type { CompiledAction, ActionContext } from "./routes.ts";
 * const honoursAll = (action: CompiledAction<ActionContext>) => action.reads === null;
 * ```
 */
export interface CompiledAction<C extends ActionContext> {
  /** The action as registered. */
  spec: ActionSpec<C>;
  /** `"METHOD op"`, as the line's data keys it. */
  key: string;
  /** Which request parameters the action honours, or null for all. */
  reads: ((name: string) => boolean) | null;
}

/**
 * A handler ready for dispatch: its actions by `METHOD op` signature.
 *
 * @example
 * ```ts
 * import type { CompiledHandler, ActionContext } from "./routes.ts";
 * const methods = (handler: CompiledHandler<ActionContext>) => handler.allowed.join(", ");
 * ```
 */
export interface CompiledHandler<C extends ActionContext> {
  /** The handler as registered. */
  spec: HandlerSpec<C>;
  /** Actions by {@linkcode signature}. */
  signatures: Map<string, CompiledAction<C>>;
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
  /** The path `describe/` shows, or null when the resource is not described. */
  described: string | null;
  /** The signed-request handler. */
  auth: CompiledHandler<AuthContext> | null;
  /** The unsigned-request handler. */
  anon: CompiledHandler<ActionContext> | null;
}

const RESTFUL: Readonly<Record<string, string>> = {
  GET: "read",
  POST: "create",
  PUT: "update",
  DELETE: "delete",
};

/**
 * The resources the simulator serves for one MAAS line.
 *
 * @example
 * ```ts
 * import { RouteTable } from "./routes.ts";
 * import { MaasLine } from "./maas/lines.ts";
 * import { json } from "./reply.ts";
 * const table = new RouteTable(MaasLine.get("3.8"));
 * table.resource({
 *   path: "version/",
 *   anon: {
 *     name: "VersionHandler",
 *     doc: "",
 *     actions: { "GET read": { doc: "", run: () => json({}) } },
 *   },
 * });
 * console.log(table.match("/MAAS/api/2.0/version/")?.route.anon?.spec.name); // "VersionHandler"
 * ```
 */
export class RouteTable {
  /** The line served. */
  readonly line: MaasLine;
  #routes: Route[] = [];
  #registered = new Set<string>();

  /** An empty table for `line`. */
  constructor(line: MaasLine) {
    this.line = line;
  }

  /**
   * Register a resource. A handler the line does not have is not routed; a path that is none of
   * the handler's routes in the line is a mistake in the family, and throws.
   */
  resource(spec: ResourceSpec): void {
    if (!spec.auth && !spec.anon) throw new Error(`${spec.path}: a resource needs a handler`);
    if (this.#registered.has(spec.path)) throw new Error(`${spec.path} is registered twice`);
    this.#registered.add(spec.path);
    const name = (spec.auth ?? spec.anon)!.name;
    let described: string | null = null;
    if (!spec.internal) {
      const data = this.line.handler(name);
      if (!data) return;
      const routes = data.paths ?? [data.path];
      const own = shapeOf(spec.path);
      if (!spec.alias && !routes.some((path) => shapeOf(path) === own)) {
        throw new Error(
          `${name} is served at ${spec.path}, which is none of its routes in MAAS ` +
            `${this.line.name} (${routes.join(", ")})`,
        );
      }
      if (!data.hidden && !spec.alias && shapeOf(data.path) === own) described = data.path;
    }
    this.#routes.push({
      spec,
      segments: spec.path.split("/"),
      described,
      auth: spec.auth ? this.#compile(spec.auth, spec.internal === true) : null,
      anon: spec.anon ? this.#compile(spec.anon, spec.internal === true) : null,
    });
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

  /** Every route, in the order registered. */
  routes(): readonly Route[] {
    return this.#routes;
  }

  #compile<C extends ActionContext>(spec: HandlerSpec<C>, internal: boolean): CompiledHandler<C> {
    const data = internal ? undefined : this.line.handler(spec.name);
    const signatures = new Map<string, CompiledAction<C>>();
    for (const [key, action] of Object.entries(spec.actions)) {
      const { method, op } = parseKey(spec.name, key);
      // Anonymous variants (AnonMachinesHandler) are not in the line's data: they keep theirs.
      if (data && !data.ops[key]) continue;
      signatures.set(signature(method, op), {
        spec: action,
        key,
        reads: data ? this.line.reads(spec.name, key) : null,
      });
    }
    const allowed = [...new Set([...signatures.values()].map((a) => a.key.split(" ")[0]))].sort();
    return { spec, signatures, allowed };
  }
}

/**
 * The method and op of an action key: `GET read` is RESTful (op null), `POST deploy` is
 * `POST ?op=deploy`.
 *
 * @example
 * ```ts
 * import { parseKey } from "./routes.ts";
 * console.log(parseKey("MachineHandler", "POST deploy")); // { method: "POST", op: "deploy" }
 * ```
 */
export function parseKey(handler: string, key: string): { method: string; op: string | null } {
  const [method, name, extra] = key.split(" ");
  if (!(method in RESTFUL) || !name || extra !== undefined) {
    throw new Error(`${handler}: bad action key ${JSON.stringify(key)}`);
  }
  return { method, op: name === RESTFUL[method] ? null : name };
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

/** A path with its parameter names blanked: two templates of one route give the same shape. */
function shapeOf(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw ReplyError.badRequest(`Invalid percent-encoding in path segment: ${segment}`);
  }
}
