/**
 * The MAAS simulator: a real HTTP server (node:http, so it runs unchanged on Deno, Bun and Node)
 * that answers like a region of one MAAS line: OAuth PLAINTEXT checks, the describe document,
 * MAAS's errors, password login, injected faults, and a log of every request.
 *
 * A request goes through: log entry → body parsed → fault rules → latency → CSRF → routing (404
 * for a handler the line lacks) → OAuth or anonymous fallback (401/403) → method check (405) → op
 * dispatch (400 for an op the line lacks) → the parameters the line's op does not read dropped →
 * action. See `lib/testing/README.md` for how the simulator is built.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { FaultInjector, type FaultRule, onInject, takeFault } from "./faults.ts";

import { Description, stableJson } from "./describe.ts";
import { FAMILIES } from "./families/mod.ts";
import type { SimOperation } from "./families/machines/model.ts";
import { failNext } from "./families/machines/routes.ts";
import { GENERIC_CONSUMER } from "./families/users/model.ts";
import { tokenJson } from "./families/users/render.ts";
import { addUser } from "./families/users/routes.ts";
import { DEFAULT_MAAS_LINE, MaasLine, type MaasLineName } from "./maas/lines.ts";
import { isSigned, readOAuth, verify } from "./oauth.ts";
import { HTML_TYPE, type Reply, ReplyError, text, TEXT_TYPE } from "./reply.ts";
import { FormFields, parseForm, parseQuery, type UploadedFile } from "./request.ts";
import {
  type ActionContext,
  API_ROOT,
  type AuthContext,
  type CompiledHandler,
  RouteTable,
  type ServerSettings,
  signature,
} from "./routes.ts";
import { SimulatorState } from "./state.ts";

const AUTHENTICATE_PATH = "/MAAS/accounts/authenticate/";
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** How late a timer typically fires, in milliseconds: the latency wait aims that much early. */
const TIMER_LATENESS_MS = 1;

/**
 * How to start a simulator. Every field is optional.
 *
 * @example
 * ```ts
 * import { MaasSimulator, type SimulatorOptions } from "@libmaas/client/testing";
 * const options: SimulatorOptions = { maasVersion: "3.7", machines: 50, seed: 7, latencyMs: 5 };
 * await using sim = await MaasSimulator.start(options);
 * ```
 */
export interface SimulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on (default `127.0.0.1`). */
  hostname?: string;
  /** Serve HTTPS with this certificate chain and key (PEM text) instead of plain HTTP. */
  tls?: { cert: string; key: string };
  /** Latency added to every request, in milliseconds (default 0). It holds up no other request. */
  latencyMs?: number;
  /**
   * Which MAAS line to be: `"2.9"`, `"3.0"`, `"3.7"`, `"3.8"` (the default) or `"master"` (the
   * line after 3.8). The line decides what `version/` reports, which handlers, ops and
   * parameters are served and described, and the fields of every object.
   */
  maasVersion?: MaasLineName;
  /** What `version/` reports instead of the line's version (`3.8.0` for 3.8). */
  version?: string;
  /** What `version/` lists instead of MAAS's own capabilities. */
  capabilities?: string[];
  /** How many machines to generate at start (default 0). */
  machines?: number;
  /** Seed of the generator: the same seed gives the same machines (default 1). */
  seed?: number;
  /** The admin's password (default `admin`). */
  adminPassword?: string;
  /** The admin's API key, `consumer_key:token_key:token_secret` (default: a new random one). */
  adminApiKey?: string;
  /** Serve `describe/` (default true); false makes it a 404, like a server that is not MAAS. */
  describe?: boolean;
  /** How long each simulated life-cycle step (commissioning, testing) takes, in ms (default 100). */
  lifecycleMs?: number;
  /**
   * The same as `maasVersion: "master"`, the line that answers 410 Gone to VM hosts and pods.
   *
   * @deprecated Use `maasVersion: "master"`.
   */
  vmHostsRemoved?: boolean;
  /**
   * How far the simulated server's clock is ahead of this machine's, in seconds (negative: behind;
   * default 0). OAuth timestamps are checked against it, as MAAS checks them against its own
   * clock, and every answer's `Date` header shows it: a client's clock-skew handling can be tested.
   */
  clockOffsetSeconds?: number;
}

/**
 * One request as the simulator saw it.
 *
 * `params` merges the query string and the form body (repeated keys in order; files shown as
 * `<file NAME SIZE>`), leaving out `op` (see `op`) and any `oauth_*` query fields. `retried` is
 * true when the previous request with the same method, path, op and params was answered by a fault
 * rule: that is how a retry looks from the server.
 *
 * @example
 * ```ts
 * import { MaasSimulator, type RequestLogEntry } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * await (await fetch(sim.apiUrl + "version/")).body?.cancel();
 * const entry: RequestLogEntry = sim.log[0];
 * console.log(entry.method, entry.path, entry.status); // GET /MAAS/api/2.0/version/ 200
 * ```
 */
export interface RequestLogEntry {
  /** Upper-case HTTP method. */
  method: string;
  /** The URL's pathname. */
  path: string;
  /** The `op` parameter (query string first, then form body), or null. */
  op: string | null;
  /** Query and form fields, each with every value sent. */
  params: Record<string, string[]>;
  /** `oauth_nonce`, when the request carried one. */
  nonce: string | null;
  /** `oauth_timestamp`, when the request carried one. */
  timestamp: string | null;
  /** `oauth_consumer_key`, when the request carried one. */
  consumerKey: string | null;
  /** `oauth_token`, when the request carried one. */
  tokenKey: string | null;
  /** The authenticated username, or null when anonymous. */
  user: string | null;
  /** The status sent, or 0 when the connection was dropped or never answered. */
  status: number;
  /** Whether a fault rule answered the request. */
  fault: boolean;
  /** Whether the same request was answered by a fault just before. */
  retried: boolean;
}

/**
 * A user made with {@linkcode MaasSimulator.createUser}.
 *
 * @example
 * ```ts
 * import { MaasSimulator, type CreatedUser } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * const alice: CreatedUser = sim.createUser({ username: "alice" });
 * console.log(alice.apikey.split(":").length); // 3
 * ```
 */
export interface CreatedUser {
  /** The new user's name. */
  username: string;
  /** An API key for the new user. */
  apikey: string;
}

/**
 * What {@linkcode MaasSimulator.createUser} takes.
 *
 * @example
 * ```ts
 * import type { NewUserOptions } from "@libmaas/client/testing";
 * const bob: NewUserOptions = { username: "bob", password: "secret", isSuperuser: false };
 * ```
 */
export interface NewUserOptions {
  /** Login name (must be free). */
  username: string;
  /** Password (default: the username). */
  password?: string;
  /** E-mail (default `<username>@example.com`). */
  email?: string;
  /** Administrator (default false). */
  isSuperuser?: boolean;
  /** Active (default true); inactive users get 403. */
  isActive?: boolean;
}

interface Sleep {
  timer: ReturnType<typeof setTimeout>;
  resolve: (completed: boolean) => void;
}

/**
 * A MAAS region API on a local port, for tests and demos.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start({ machines: 10 });
 * const response = await fetch(sim.apiUrl + "version/");
 * console.log((await response.json()).version); // "3.8.0"
 * console.log(sim.adminApiKey); // consumer_key:token_key:token_secret of "admin"
 * ```
 */
export class MaasSimulator {
  /** Server root, e.g. `http://127.0.0.1:PORT/MAAS/`. */
  readonly url: string;
  /** API root: `url` + `api/2.0/`. */
  readonly apiUrl: string;
  /** The port listened on. */
  readonly port: number;
  /** The administrator's username: `admin`. */
  readonly adminUsername: string = "admin";
  /** The administrator's password. */
  readonly adminPassword: string;
  /** The administrator's API key, `consumer_key:token_key:token_secret` (18, 18, 32 characters). */
  readonly adminApiKey: string;
  /** Every request, in the order they arrived. */
  readonly log: RequestLogEntry[] = [];
  /** Fault rules for the next requests. */
  readonly faults: FaultInjector = new FaultInjector();
  /** Users, keys, machines and the rest. */
  readonly state: SimulatorState;
  /** The MAAS line the simulator is (`"3.8"` unless started otherwise). */
  readonly maasVersion: MaasLineName;

  #server: Server;
  #table: RouteTable;
  #description: Description | null = null;
  #settings: ServerSettings;
  #latencyMs: number;
  #clockOffsetMs: number;
  #sleeps = new Set<Sleep>();
  #stalled = new Set<ServerResponse>();
  #lastOfKind = new Map<string, RequestLogEntry>();
  #servedSockets = new WeakSet<object>();
  #closing: Promise<void> | null = null;

  private constructor(server: Server, port: number, hostname: string, options: SimulatorOptions) {
    this.#server = server;
    this.port = port;
    const host = hostname.includes(":") ? `[${hostname}]` : hostname;
    this.url = `${options.tls ? "https" : "http"}://${host}:${port}/MAAS/`;
    this.apiUrl = `${this.url}api/2.0/`;
    this.#latencyMs = nonNegative(options.latencyMs ?? 0, "latencyMs");
    const offset = options.clockOffsetSeconds ?? 0;
    if (!Number.isFinite(offset)) throw new TypeError("clockOffsetSeconds must be a finite number");
    this.#clockOffsetMs = offset * 1000;
    const line = MaasLine.get(lineOf(options));
    this.maasVersion = line.name;
    this.#settings = {
      version: options.version ?? line.version,
      capabilities: [...(options.capabilities ?? line.capabilities)],
      lifecycleMs: nonNegative(options.lifecycleMs ?? 100, "lifecycleMs"),
    };
    this.state = new SimulatorState({
      seed: options.seed ?? 1,
      machines: options.machines ?? 0,
      line,
    });
    this.adminPassword = options.adminPassword ?? "admin";
    const admin = addUser(this.state, {
      username: this.adminUsername,
      email: "admin@example.com",
      password: this.adminPassword,
      isSuperuser: true,
      isActive: true,
    });
    if (options.adminApiKey !== undefined) {
      const [consumerKey, tokenKey, tokenSecret, ...rest] = options.adminApiKey.split(":");
      if (!consumerKey || !tokenKey || !tokenSecret || rest.length > 0) {
        throw new TypeError("adminApiKey must be consumer_key:token_key:token_secret");
      }
      this.state.users.addToken({
        consumerKey,
        tokenKey,
        tokenSecret,
        name: GENERIC_CONSUMER,
        userId: admin.id,
      });
      this.adminApiKey = options.adminApiKey;
    } else {
      this.adminApiKey = this.createApiKey(this.adminUsername);
    }
    // Deno's fetch silently resends a request whose pooled keep-alive connection closes without an
    // answer, taking it for a stale connection. Closing idle connections when a drop is armed makes
    // the dropped request arrive on a fresh connection, whose failure every client reports.
    onInject(this.faults, (rule) => {
      if (rule.drop !== undefined) server.closeIdleConnections();
    });
    this.#table = new RouteTable(line);
    for (const register of FAMILIES) register(this.#table);
    if (options.describe ?? true) this.#registerDescribe();
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { "Content-Type": TEXT_TYPE });
          res.end(String(error instanceof Error ? error.message : error));
        }
      });
    });
  }

  /**
   * Start a simulator and wait until it listens.
   *
   * @example
   * ```ts
   * import { MaasSimulator } from "@libmaas/client/testing";
   * const sim = await MaasSimulator.start({ port: 0 });
   * try {
   *   console.log(sim.url);
   * } finally {
   *   await sim.close();
   * }
   * ```
   */
  static async start(options: SimulatorOptions = {}): Promise<MaasSimulator> {
    const hostname = options.hostname ?? "127.0.0.1";
    const server: Server = options.tls
      ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }) as unknown as Server
      : createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, hostname, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    try {
      return new MaasSimulator(server, port, hostname, options);
    } catch (error) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw error;
    }
  }

  /**
   * Add a user and give them an API key.
   *
   * @example
   * ```ts
   * import { MaasSimulator } from "@libmaas/client/testing";
   * await using sim = await MaasSimulator.start();
   * const { apikey } = sim.createUser({ username: "alice", password: "pw" });
   * ```
   */
  createUser(options: NewUserOptions): CreatedUser {
    if (this.state.users.has(options.username)) {
      throw new Error(`user ${options.username} already exists`);
    }
    addUser(this.state, {
      username: options.username,
      email: options.email ?? `${options.username}@example.com`,
      password: options.password ?? options.username,
      isSuperuser: options.isSuperuser ?? false,
      isActive: options.isActive ?? true,
    });
    return { username: options.username, apikey: this.createApiKey(options.username) };
  }

  /**
   * Mint another API key for an existing user (`name` is the consumer's name).
   *
   * @example
   * ```ts
   * import { MaasSimulator } from "@libmaas/client/testing";
   * await using sim = await MaasSimulator.start();
   * const second = sim.createApiKey("admin", "ci");
   * ```
   */
  createApiKey(username: string, name: string = GENERIC_CONSUMER): string {
    const user = this.state.users.get(username);
    if (!user) throw new Error(`no user ${username}`);
    const token = this.state.users.createToken(user.id, name);
    return `${token.consumerKey}:${token.tokenKey}:${token.tokenSecret}`;
  }

  /**
   * Make the next `operation` of a machine fail: it ends in the matching failed state (power
   * operations: power state `error`) with `message` as its status message. Operations:
   * `commission`, `test`, `deploy`, `release`, `erase`, `rescueMode`, `exitRescueMode`,
   * `powerOn`, `powerOff`.
   *
   * @example
   * ```ts
   * import { MaasSimulator } from "@libmaas/client/testing";
   * await using sim = await MaasSimulator.start({ machines: 3 });
   * const [machine] = sim.state.machines.values();
   * sim.failNext(machine.data.system_id, "deploy", "Installation failed: no space left");
   * ```
   */
  failNext(systemId: string, operation: SimOperation, message?: string): void {
    failNext(this.state, systemId, operation, message);
  }

  /**
   * Stop listening, drop every connection (keep-alive, stalled or delayed) and cancel every timer.
   *
   * @example
   * ```ts
   * import { MaasSimulator } from "@libmaas/client/testing";
   * const sim = await MaasSimulator.start();
   * await sim.close();
   * ```
   */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.state.stop();
    for (const sleep of this.#sleeps) {
      clearTimeout(sleep.timer);
      sleep.resolve(false);
    }
    this.#sleeps.clear();
    for (const res of this.#stalled) res.destroy();
    this.#stalled.clear();
    this.#closing = new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    return this.#closing;
  }

  /** Same as {@linkcode MaasSimulator.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** The describe document of what the table serves, built when it is first needed. */
  #describe(): Description {
    this.#description ??= new Description(this.#table);
    return this.#description;
  }

  #registerDescribe(): void {
    this.#table.resource({
      path: "describe/",
      internal: true,
      anon: {
        name: "DescribeHandler",
        doc: "The description of every API resource, for clients that build themselves from it.",
        actions: {
          "GET read": {
            doc: "Describe the API.",
            run: ({ origin }) => ({
              status: 200,
              contentType: "application/json",
              body: stableJson(this.#describe().document(origin)),
            }),
          },
        },
      },
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const url = new URL(req.url ?? "/", "http://simulator");
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    const entry: RequestLogEntry = {
      method,
      path,
      op: null,
      params: {},
      nonce: null,
      timestamp: null,
      consumerKey: null,
      tokenKey: null,
      user: null,
      status: 0,
      fault: false,
      retried: false,
    };
    this.log.push(entry);

    const body = await readBody(req);
    if (body === null) return;
    const query = parseQuery(url.search);
    const { form, files } = method === "POST" || method === "PUT"
      ? parseForm(req.headers["content-type"], body)
      : { form: new FormFields(), files: [] };
    const op = query.get("op") || form.get("op") || null;
    const oauth = readOAuth(req.headers.authorization, query);
    entry.op = op;
    entry.params = logParams(query, form, files);
    entry.nonce = oauth.oauth_nonce ?? null;
    entry.timestamp = oauth.oauth_timestamp ?? null;
    entry.consumerKey = oauth.oauth_consumer_key ?? null;
    entry.tokenKey = oauth.oauth_token ?? null;

    const kind = `${method} ${path} ${op} ${stableJson(entry.params)}`;
    entry.retried = this.#lastOfKind.get(kind)?.fault === true;
    this.#lastOfKind.set(kind, entry);

    const fresh = !this.#servedSockets.has(req.socket);
    this.#servedSockets.add(req.socket);
    const rule = takeFault(this.faults, { method, path, op, fresh });
    if (rule && (rule.status !== undefined || rule.drop !== undefined || rule.stall)) {
      entry.fault = true;
    }
    // A rule's delay comes first, before any work. The latency option counts from the request's
    // arrival and the simulator's own work is part of it rather than added on top: a request at
    // 20 ms of latency is answered in about 20 ms (a fault waits first, as MAAS's come before any
    // work; an ordinary request is handled, then held back for what is left).
    const ruleDelay = rule?.delayMs ?? 0;
    if (ruleDelay > 0 && !(await this.#sleep(ruleDelay))) return;
    const waitOut = async (): Promise<boolean> => {
      // Timers fire about a millisecond late, so the wait aims that much early.
      const remaining = this.#latencyMs - (performance.now() - arrived) - TIMER_LATENESS_MS;
      if (this.#latencyMs > 0 && remaining >= 1 && !(await this.#sleep(remaining))) return false;
      return !this.#closing && !res.destroyed;
    };
    const api = path.startsWith(API_ROOT);
    if (entry.fault) {
      if (!(await waitOut())) return;
      this.#fault(req, res, entry, rule!, api);
      return;
    }
    if (this.#closing || res.destroyed) return;

    let reply: Reply;
    try {
      reply = await this.#dispatch({
        req,
        method,
        path,
        query,
        form,
        files,
        body,
        op,
        oauth,
        entry,
      });
    } catch (error) {
      // Anything but a ReplyError is a simulator bug; answer as MAAS's middleware answers its own.
      reply = error instanceof ReplyError
        ? error.reply
        : text(error instanceof Error ? error.message : String(error), 500);
    }
    if (!(await waitOut())) return;
    this.#send(res, entry, reply, api);
  }

  #fault(
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
    rule: FaultRule,
    api: boolean,
  ): void {
    if (rule.stall === "mid-body") {
      this.#stalled.add(res);
      res.once("close", () => this.#stalled.delete(res));
      this.#dropMidBody(res, rule, api, false);
    } else if (rule.stall) {
      this.#stalled.add(res);
      res.once("close", () => this.#stalled.delete(res));
    } else if (rule.drop === "before-headers") {
      req.socket.destroy();
    } else if (rule.drop === "mid-body") {
      this.#dropMidBody(res, rule, api);
    } else {
      this.#send(res, entry, faultReply(rule), api);
    }
  }

  async #dispatch(request: {
    req: IncomingMessage;
    method: string;
    path: string;
    query: FormFields;
    form: FormFields;
    files: UploadedFile[];
    body: Uint8Array;
    op: string | null;
    oauth: Record<string, string>;
    entry: RequestLogEntry;
  }): Promise<Reply> {
    const { req, method, path, query, form, files, body, op, oauth, entry } = request;
    // A session cookie makes Django check CSRF tokens on unsafe methods; API clients send none.
    if (!SAFE_METHODS.has(method) && /(?:^|;\s*)sessionid=/.test(req.headers.cookie ?? "")) {
      return text(
        "<h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p>" +
          "<p>Reason given for failure: CSRF cookie not set.</p>",
        403,
        HTML_TYPE,
      );
    }
    if (path === AUTHENTICATE_PATH) return this.#authenticate(method, form, entry);
    if (!path.startsWith(API_ROOT)) return text("Not Found", 404, HTML_TYPE);
    const match = this.#table.match(path);
    if (!match) return text(`Unknown API endpoint: ${path}.`, 404);
    const { route, params } = match;

    const base: ActionContext = {
      state: this.state,
      line: this.#table.line,
      settings: this.#settings,
      method,
      op,
      path,
      params,
      query,
      form,
      data: method === "POST" || method === "PUT" ? form : query,
      files,
      body,
      origin: `${new URL(this.url).protocol}//${req.headers.host ?? new URL(this.url).host}`,
      user: null,
    };

    if (!route.auth) return await run(route.anon!, base, method, op);
    if (!isSigned(oauth)) {
      if (route.anon?.allowed.includes(method)) return await run(route.anon, base, method, op);
      // Piston's rc.FORBIDDEN, which is a 401 despite its name.
      return text("Forbidden", 401, HTML_TYPE);
    }
    const verdict = verify(this.state, oauth, this.#now());
    if (!verdict.ok) return verdict.reply;
    if (!verdict.user.isActive) {
      return text("User is not allowed access to this API.", 403);
    }
    entry.user = verdict.user.username;
    const context: AuthContext = {
      ...base,
      user: verdict.user,
      token: verdict.token,
      requireAdmin(permission?: string) {
        if (verdict.user.isSuperuser) return;
        throw ReplyError.forbidden(
          permission
            ? "User does not have permission to perform this operation. " +
              `The user should have permission '${permission}'`
            : "This method is reserved for admin users.",
        );
      },
    };
    return await run(route.auth, context, method, op);
  }

  #authenticate(method: string, form: FormFields, entry: RequestLogEntry): Reply {
    if (method !== "POST") {
      return { status: 405, contentType: HTML_TYPE, body: "", headers: { Allow: "POST" } };
    }
    const username = form.get("username");
    const user = username === undefined ? undefined : this.state.users.get(username);
    if (!user || user.password !== form.get("password") || !user.isActive) {
      return { status: 403, contentType: HTML_TYPE, body: "" };
    }
    const consumer = form.get("consumer");
    const existing = this.state.users.tokensOf(user.username)
      .find((token) => consumer === undefined || token.name === consumer);
    const token = existing ??
      this.state.users.createToken(user.id, consumer ?? GENERIC_CONSUMER);
    entry.user = user.username;
    return { status: 200, contentType: "application/json", body: JSON.stringify(tokenJson(token)) };
  }

  /** The simulated server's clock, in milliseconds since the epoch. */
  #now(): number {
    return Date.now() + this.#clockOffsetMs;
  }

  #send(res: ServerResponse, entry: RequestLogEntry, reply: Reply, api: boolean): void {
    if (res.destroyed || res.headersSent || this.#closing) return;
    const body = typeof reply.body === "string" ? Buffer.from(reply.body) : reply.body;
    const headers: Record<string, string> = {
      Date: new Date(this.#now()).toUTCString(),
      ...reply.headers,
    };
    if (reply.contentType !== null) headers["Content-Type"] = reply.contentType;
    if (api) headers["X-MAAS-API-Hash"] = this.#describe().hash;
    const empty = reply.status === 204 || reply.status === 304;
    if (!empty) headers["Content-Length"] = String(body.byteLength);
    res.writeHead(reply.status, headers);
    res.end(empty ? undefined : body);
    entry.status = reply.status;
  }

  #dropMidBody(res: ServerResponse, rule: FaultRule, api: boolean, drop = true): void {
    const body = Buffer.from(rule.body ?? `{"padding": "${"x".repeat(65536)}"}`);
    const headers: Record<string, string> = {
      "Content-Type": rule.contentType ?? "application/json; charset=utf-8",
      "Content-Length": String(body.byteLength),
    };
    if (api) headers["X-MAAS-API-Hash"] = this.#describe().hash;
    res.writeHead(rule.status ?? 200, headers);
    res.write(body.subarray(0, Math.max(1, Math.floor(body.byteLength / 2))), () => {
      if (drop) res.destroy();
    });
  }

  #sleep(ms: number): Promise<boolean> {
    if (this.#closing) return Promise.resolve(false);
    return new Promise((resolve) => {
      const sleep: Sleep = {
        timer: setTimeout(() => {
          this.#sleeps.delete(sleep);
          resolve(true);
        }, ms),
        resolve,
      };
      this.#sleeps.add(sleep);
    });
  }
}

async function run<C extends ActionContext>(
  handler: CompiledHandler<C>,
  context: C,
  method: string,
  op: string | null,
): Promise<Reply> {
  if (!handler.allowed.includes(method)) {
    return {
      status: 405,
      contentType: HTML_TYPE,
      body: "",
      headers: { Allow: handler.allowed.join(", ") },
    };
  }
  const action = handler.signatures.get(signature(method, op));
  if (!action) {
    return text(`Unrecognised signature: method=${method} op=${op ?? "None"}`, 400);
  }
  return await action.spec.run(action.reads ? honoured(context, action.reads) : context);
}

/** The context with only the request parameters the action's op reads in this line. */
function honoured<C extends ActionContext>(context: C, reads: (name: string) => boolean): C {
  const query = context.query.filter(reads);
  const form = context.form.filter(reads);
  const files = context.files.filter((file) => reads(file.field));
  if (query === context.query && form === context.form && files.length === context.files.length) {
    return context;
  }
  return { ...context, query, form, data: context.data === context.form ? form : query, files };
}

/** The line the options ask for; `vmHostsRemoved` is the old way of asking for master. */
function lineOf(options: SimulatorOptions): string {
  if (options.vmHostsRemoved) {
    if (options.maasVersion !== undefined && options.maasVersion !== "master") {
      throw new TypeError(
        `vmHostsRemoved means maasVersion "master", not ${JSON.stringify(options.maasVersion)}: ` +
          "give maasVersion alone",
      );
    }
    return "master";
  }
  return options.maasVersion ?? DEFAULT_MAAS_LINE;
}

function faultReply(rule: FaultRule): Reply {
  const status = rule.status!;
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers["Retry-After"] = String(rule.retryAfter);
  return {
    status,
    contentType: rule.contentType ?? TEXT_TYPE,
    body: rule.body ?? REASONS[status] ?? "",
    headers,
  };
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function logParams(
  query: FormFields,
  form: FormFields,
  files: UploadedFile[],
): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  for (const [name, value] of [...query.entries(), ...form.entries()]) {
    if (name === "op" || name.startsWith("oauth_")) continue;
    (params[name] ??= []).push(value);
  }
  for (const file of files) {
    (params[file.field] ??= []).push(`<file ${file.filename} ${file.bytes.byteLength}>`);
  }
  return params;
}

function readBody(req: IncomingMessage): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        req.socket.destroy();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", () => resolve(null));
  });
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  }
  return value;
}
