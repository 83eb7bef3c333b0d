/**
 * `SessionAPI`: the low level. Handlers and actions are built from the server's describe
 * document, so every action of any MAAS version can be called, whether the typed client knows it
 * or not. Also here: the describe document itself, and the decoder for the BSON that `details`
 * answers with.
 *
 * @example
 * ```ts
 * import { SessionAPI } from "@libmaas/client/session";
 * const { session } = await SessionAPI.connect("http://maas.example.com:5240/MAAS/", {
 *   apikey: "consumer_key:token_key:token_secret",
 * });
 * console.log(await session.handlers.Users.whoami());
 * ```
 *
 * @module
 */

import type { Credentials } from "./auth.ts";
import { type DescribedHandler, type Description, fetchDescription } from "./description.ts";
import { ParameterError } from "./errors.ts";
import { type Profile, ProfileStore } from "./profiles.ts";
import { type CallOptions, type Params, Transport, type TransportOptions } from "./transport.ts";
import { fillPath, parseMaasUrl } from "./url.ts";

/** What an action is, as the describe document says. */
export interface ActionInfo {
  /** Action name (the op, or `read|create|update|delete`). */
  readonly name: string;
  /** HTTP method. */
  readonly method: string;
  /** The `op`, or `null` for RESTful actions. */
  readonly op: string | null;
  /** Whether the action is RESTful. */
  readonly restful: boolean;
  /** The server's documentation. */
  readonly doc: string;
  /** Short name of the handler the action belongs to. */
  readonly handler: string;
}

/**
 * A callable action: pass one object of parameters; URI parameters (`system_id`, `id`…) are taken
 * from it by name and the rest are sent as the action's parameters.
 */
export type Action = ActionInfo & ((params?: Params, options?: CallOptions) => Promise<unknown>);

/** The actions of a handler, by name. */
export type HandlerActions = { readonly [action: string]: Action };

/**
 * One API handler: its path, URI parameters and documentation, and its actions, reachable both
 * as properties (`handler.deploy(…)`) and through {@linkcode Handler.actions}.
 *
 * @example
 * ```ts
 * import { SessionAPI } from "@libmaas/client/session";
 * async function deploy(session: SessionAPI, systemId: string) {
 *   return await session.handlers.Machine.deploy({ system_id: systemId, distro_series: "noble" });
 * }
 * ```
 */
export class Handler {
  /** Conventional short name (`Machine`, `Machines`, `MAAS`). */
  readonly name: string;
  /** The handler's class name on the server (`MachineHandler`). */
  readonly handlerName: string;
  /** Absolute path template on the server. */
  readonly path: string;
  /** URI parameter names. */
  readonly params: readonly string[];
  /** The server's documentation. */
  readonly doc: string;
  /** The actions, by name. */
  readonly actions: HandlerActions;

  /** Builds a handler whose actions send requests through `transport` to `apiUrl`. */
  constructor(described: DescribedHandler, apiUrl: string, transport: Transport) {
    this.name = shortName(described.name);
    this.handlerName = described.name;
    this.path = described.path;
    this.params = described.params;
    this.doc = described.doc;
    const relative = relativePath(described.path);
    const actions: Record<string, Action> = {};
    for (const info of described.actions) {
      const call = (params: Params = {}, options: CallOptions = {}): Promise<unknown> => {
        if (params === null || typeof params !== "object" || Array.isArray(params)) {
          throw new ParameterError(
            `${this.name}.${info.name} takes one object of parameters, ` +
              `such as { ${this.params.map((p) => `${p}: …`).join(", ") || "name: value"} }`,
          );
        }
        const rest: Record<string, unknown> = { ...params };
        const path = fillPath(relative, rest);
        return transport.request(info.method, apiUrl + path, {
          op: info.op,
          params: rest as Params,
          signal: options.signal,
          timeout: options.timeout,
          retries: options.retries,
        });
      };
      const action = Object.assign(
        (params?: Params, options?: CallOptions) =>
          Promise.resolve().then(() => call(params, options)),
        {
          method: info.method,
          op: info.op,
          restful: info.restful,
          doc: info.doc,
          handler: this.name,
        },
      );
      Object.defineProperty(action, "name", { value: info.name });
      actions[info.name] = action as Action;
      if (!(info.name in this)) {
        Object.defineProperty(this, info.name, { value: action, enumerable: false });
      }
    }
    this.actions = Object.freeze(actions);
  }

  /** A short readable form: `Handler Machine /MAAS/api/2.0/machines/{system_id}/ (31 actions)`. */
  toString(): string {
    return `Handler ${this.name} ${this.path} (${Object.keys(this.actions).length} actions)`;
  }
}

/**
 * The conventional short name of a handler: a leading `Anon` and a trailing `Handler` dropped, and
 * `Maas` written `MAAS`.
 *
 * @example
 * ```ts
 * import { shortName } from "@libmaas/client/session";
 * console.log(shortName("AnonMachinesHandler")); // Machines
 * console.log(shortName("MaasHandler")); // MAAS
 * ```
 */
export function shortName(handlerName: string): string {
  return handlerName.replace(/^Anon/, "").replace(/Handler$/, "").replace(/Maas/g, "MAAS");
}

/** The part of a server path after the API root (`/MAAS/api/2.0/machines/` → `machines/`). */
function relativePath(path: string): string {
  const match = /\/api\/\d+\.\d+\/(.*)$/.exec(path);
  return match ? match[1] : path.replace(/^\//, "");
}

/** Options of {@linkcode SessionAPI.fromURL} and of the constructor. */
export interface SessionOptions extends TransportOptions {
  /** Use this transport instead of making one (its credentials win). */
  transport?: Transport;
}

/** A profile together with the session made from it. */
export interface ProfileSession {
  /** The connection details, not saved anywhere yet. */
  profile: Profile;
  /** The session. */
  session: SessionAPI;
}

/** The handlers of a session, by short name, each with its actions as properties. */
export type Handlers = { readonly [name: string]: Handler & HandlerActions };

/**
 * A session on the MAAS API built from its describe document. An anonymous session sees only the
 * anonymous handlers; an authenticated one prefers the authenticated handler of each resource and
 * falls back to the anonymous one.
 *
 * @example
 * ```ts
 * import { SessionAPI } from "@libmaas/client/session";
 * async function whoami(url: string, apikey: string) {
 *   const { session } = await SessionAPI.connect(url, { apikey });
 *   return await session.handlers.Users.whoami();
 * }
 * ```
 */
export class SessionAPI {
  #description: Description;
  #transport: Transport;
  #apiUrl: string;
  #handlers: Handlers | undefined;

  /** Builds a session from a description; no request is made. */
  constructor(description: Description, apiUrl: string, options: SessionOptions = {}) {
    this.#description = description;
    this.#apiUrl = parseMaasUrl(apiUrl).apiUrl;
    this.#transport = options.transport ?? new Transport(options);
  }

  /**
   * Downloads the describe document of the MAAS at `url` and builds a session on it, signed with
   * `options.credentials` when given.
   *
   * @example
   * ```ts
   * import { Credentials } from "@libmaas/client";
   * import { SessionAPI } from "@libmaas/client/session";
   * async function open(url: string) {
   *   return await SessionAPI.fromURL(url, { credentials: Credentials.parse("ck:tk:ts") });
   * }
   * ```
   */
  static async fromURL(url: string | URL, options: SessionOptions = {}): Promise<SessionAPI> {
    const { apiUrl } = parseMaasUrl(url);
    const transport = options.transport ?? new Transport(options);
    const description = await fetchDescription(apiUrl, transport, { signal: options.signal });
    return new SessionAPI(description, apiUrl, { transport });
  }

  /**
   * Builds a session from a profile's cached description, with no network.
   *
   * @example
   * ```ts
   * import type { Profile } from "@libmaas/client/profiles";
   * import { SessionAPI } from "@libmaas/client/session";
   * function open(profile: Profile): SessionAPI {
   *   return SessionAPI.fromProfile(profile);
   * }
   * ```
   */
  static fromProfile(profile: Profile, options: TransportOptions = {}): SessionAPI {
    return new SessionAPI(profile.description, profile.url, {
      tls: profile.tls,
      ...options,
      credentials: profile.credentials,
    });
  }

  /**
   * Builds a session from the saved profile called `name` (this library's, the maas CLI's or
   * python-libmaas's) and its cached description, with no network. An unknown name raises
   * `ProfileNotFound` listing the known ones.
   *
   * @example
   * ```ts
   * import { SessionAPI } from "@libmaas/client/session";
   * const session = await SessionAPI.fromProfileName("prod");
   * console.log(Object.keys(session.handlers).length);
   * ```
   */
  static async fromProfileName(
    name: string,
    options: TransportOptions & { store?: ProfileStore } = {},
  ): Promise<SessionAPI> {
    const { store, ...rest } = options;
    return SessionAPI.fromProfile(await (store ?? new ProfileStore()).load(name), rest);
  }

  /**
   * Connects with an API key (none: an anonymous session) and returns the profile and session.
   * A URL with a username and password in it is refused: use {@linkcode SessionAPI.login}.
   *
   * @example
   * ```ts
   * import { SessionAPI } from "@libmaas/client/session";
   * async function open(url: string, apikey: string) {
   *   const { profile, session } = await SessionAPI.connect(url, { apikey });
   *   console.log(profile.name, session.isAnonymous);
   * }
   * ```
   */
  static async connect(
    url: string | URL,
    options: SessionOptions & { apikey?: string | Credentials | null; name?: string } = {},
  ): Promise<ProfileSession> {
    return await (await connecting()).connectProfile(url, options);
  }

  /**
   * Logs in with a username and password (from the options or the URL), obtains an API key and
   * returns the profile and session.
   *
   * @example
   * ```ts
   * import { SessionAPI } from "@libmaas/client/session";
   * async function open(url: string) {
   *   const { session } = await SessionAPI.login(url, { username: "admin", password: "secret" });
   *   return session;
   * }
   * ```
   */
  static async login(
    url: string | URL,
    options: SessionOptions & { username?: string; password?: string; name?: string } = {},
  ): Promise<ProfileSession> {
    return await (await connecting()).loginProfile(url, options);
  }

  /** Whether requests are unsigned. */
  get isAnonymous(): boolean {
    return this.#transport.credentials === null;
  }

  /** The credentials requests are signed with, or `null`. */
  get credentials(): Credentials | null {
    return this.#transport.credentials;
  }

  /** The describe document the session was built from. */
  get description(): Description {
    return this.#description;
  }

  /** The API root, e.g. `http://maas:5240/MAAS/api/2.0/`. */
  get url(): string {
    return this.#apiUrl;
  }

  /** The transport requests go through. */
  get transport(): Transport {
    return this.#transport;
  }

  /** Handlers by short name (`Machines`, `Machine`, `Users`, `MAAS`…). */
  get handlers(): Handlers {
    if (this.#handlers) return this.#handlers;
    const handlers: Record<string, Handler & HandlerActions> = {};
    const anonymous = this.isAnonymous;
    for (const resource of this.#description.resources) {
      const described = anonymous ? resource.anon : (resource.auth ?? resource.anon);
      if (!described) continue;
      const handler = new Handler(described, this.#apiUrl, this.#transport);
      handlers[handler.name] = handler as Handler & HandlerActions;
    }
    return this.#handlers = Object.freeze(handlers);
  }

  /** A short readable form that never shows the token secret. */
  toString(): string {
    const who = this.credentials ? `key ${this.credentials.toRedactedString()}` : "anonymous";
    return `SessionAPI ${this.#apiUrl} (${who}, ${Object.keys(this.handlers).length} handlers)`;
  }

  /** `JSON.stringify` gets the URL and the description hash, never credentials. */
  toJSON(): { url: string; anonymous: boolean; hash: string } {
    return { url: this.#apiUrl, anonymous: this.isAnonymous, hash: this.#description.hash };
  }

  /** Deno's inspector shows the short form. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /** Node's and Bun's inspectors show the short form. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

// connect.ts builds sessions, so it imports this module; loading it only when a session connects
// or logs in keeps the two from importing each other.
function connecting(): Promise<typeof import("./connect.ts")> {
  return import("./connect.ts");
}

export {
  type DescribedAction,
  type DescribedHandler,
  type DescribedResource,
  type Description,
  fetchDescription,
  validateDescription,
} from "./description.ts";
export { type BsonDocument, type BsonValue, decodeBson } from "./bson.ts";
