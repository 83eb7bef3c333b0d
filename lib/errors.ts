/**
 * The error classes. Every failure the library raises is a {@linkcode MaasError}; answers from the
 * server that are not 2xx are {@linkcode CallError}s classified by status so that callers can use
 * `instanceof`.
 *
 * None of these ever carries a token secret or a password: URLs are stripped of user information
 * and request headers are never kept.
 *
 * @module
 */

import type { Machine } from "./objects/machines.ts";
import type { NodeStatus } from "./objects/enums.ts";

const decoder = new TextDecoder();

/**
 * The base class of every error this library raises.
 *
 * @example
 * ```ts
 * import { connect, MaasError } from "@libmaas/client";
 * try {
 *   await connect("http://127.0.0.1:1/MAAS/", { apikey: "a:b:c" });
 * } catch (error) {
 *   if (error instanceof MaasError) console.error(error.message);
 * }
 * ```
 */
export class MaasError extends Error {
  /** Creates the error; `options.cause` keeps the underlying failure. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A problem with what the caller passed: a malformed API key, a missing parameter, a value of the
 * wrong type. Raised before any request is sent.
 *
 * @example
 * ```ts
 * import { Credentials, ParameterError } from "@libmaas/client";
 * try {
 *   Credentials.parse("not-a-key");
 * } catch (error) {
 *   console.assert(error instanceof ParameterError);
 * }
 * ```
 */
export class ParameterError extends MaasError {}

/**
 * The server could not be used as a MAAS API: the describe document was missing or malformed, or
 * the URL does not point at a MAAS API root.
 *
 * @example
 * ```ts
 * import { SessionError } from "@libmaas/client";
 * import { SessionAPI } from "@libmaas/client/session";
 * try {
 *   await SessionAPI.fromURL("http://127.0.0.1:1/");
 * } catch (error) {
 *   if (error instanceof SessionError) console.error(error.message);
 * }
 * ```
 */
export class SessionError extends MaasError {}

/**
 * Any answer from the server that is not a success, as python-libmaas names it: the HTTP status
 * and the raw content of the answer.
 *
 * @example
 * ```ts
 * import { RemoteError } from "@libmaas/client";
 * const error = new RemoteError("failed", 500, new Uint8Array());
 * console.log(error.status);
 * ```
 */
export class RemoteError extends MaasError {
  /** The HTTP status the server answered with. */
  readonly status: number;
  /** The body of the answer, as bytes. */
  readonly content: Uint8Array;
  /** Creates the error from a status and the raw body. */
  constructor(message: string, status: number, content: Uint8Array, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
    this.content = content;
  }
}

/** What a {@linkcode CallError} knows about the request that failed. */
export interface CallErrorInit {
  /** HTTP method of the request. */
  method: string;
  /** URL of the request, without user information. */
  url: string;
  /** HTTP status of the answer. */
  status: number;
  /** The status text of the answer, if any. */
  statusText?: string;
  /** The body of the answer. */
  content: Uint8Array;
  /** The answer's Content-Type header. */
  contentType?: string | null;
  /** The answer's Retry-After header, in seconds, when it was an integer. */
  retryAfter?: number | null;
  /** What to do about it, added to the message after the server's text. */
  hint?: string | null;
}

/**
 * A request reached the server and the server answered with a status that is not 2xx. The
 * message holds the method, URL, status and the server's whole text.
 *
 * @example
 * ```ts
 * import { CallError, NotFoundError } from "@libmaas/client";
 * const error = CallError.from({
 *   method: "GET",
 *   url: "http://maas/MAAS/api/2.0/machines/nope/",
 *   status: 404,
 *   content: new TextEncoder().encode("No Machine matches the given query."),
 * });
 * console.assert(error instanceof NotFoundError);
 * ```
 */
export class CallError extends RemoteError {
  /** HTTP method of the failed request. */
  readonly method: string;
  /** URL of the failed request (never with user information). */
  readonly url: string;
  /** The answer's Content-Type, if it had one. */
  readonly contentType: string | null;
  /** Seconds the server asked to wait before trying again, when it said so with an integer. */
  readonly retryAfter: number | null;
  /** What to do about it (also at the end of the message), when the library knows. */
  readonly hint: string | null;
  #text: string | undefined;
  #fields: Record<string, string[]> | null | undefined;

  /** Creates the error; prefer {@linkcode CallError.from}, which picks the subclass for the status. */
  constructor(init: CallErrorInit) {
    const text = decoder.decode(init.content);
    const reason = text.trim() === "" ? (init.statusText || "no content") : text;
    const hint = init.hint ? (/[.!?]$/.test(reason.trimEnd()) ? " " : ". ") + init.hint : "";
    super(
      `${init.method} ${init.url} -> ${init.status}${
        init.statusText ? " " + init.statusText : ""
      }: ${hint ? reason.trimEnd() : reason}${hint}`,
      init.status,
      init.content,
    );
    this.method = init.method;
    this.url = init.url;
    this.contentType = init.contentType ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.hint = init.hint ?? null;
    this.#text = text;
  }

  /** The body of the answer as text. */
  get text(): string {
    return this.#text ??= decoder.decode(this.content);
  }

  /**
   * The field errors of a 400 answer (`{"hostname": ["This field is required."]}`), or `null` when
   * the server did not send any.
   */
  get fields(): Record<string, string[]> | null {
    if (this.#fields !== undefined) return this.#fields;
    this.#fields = null;
    if (this.contentType?.includes("json")) {
      try {
        const value = JSON.parse(this.text);
        if (value && typeof value === "object" && !Array.isArray(value)) {
          const fields: Record<string, string[]> = {};
          for (const [key, messages] of Object.entries(value)) {
            fields[key] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
          }
          this.#fields = fields;
        }
      } catch {
        // A JSON content type with a body that is not JSON: there are no fields to report.
      }
    }
    return this.#fields;
  }

  /** Builds the subclass that matches the status (404 → {@linkcode NotFoundError}, …). */
  static from(init: CallErrorInit): CallError {
    const Class = STATUS_CLASSES[init.status] ?? CallError;
    return new Class(init);
  }
}

/**
 * 400: the server rejected the parameters. {@linkcode CallError.fields} holds the field errors.
 *
 * @example
 * ```ts
 * import { BadRequestError } from "@libmaas/client";
 * function show(error: unknown) {
 *   if (error instanceof BadRequestError) console.error(error.fields);
 * }
 * ```
 */
export class BadRequestError extends CallError {}

/**
 * 401: the credentials were refused, or the resource needs them.
 *
 * @example
 * ```ts
 * import { UnauthorizedError } from "@libmaas/client";
 * function isBadKey(error: unknown): boolean {
 *   return error instanceof UnauthorizedError;
 * }
 * ```
 */
export class UnauthorizedError extends CallError {}

/**
 * 403: the user may not do this (not an administrator, or an inactive account).
 *
 * @example
 * ```ts
 * import { ForbiddenError } from "@libmaas/client";
 * function isForbidden(error: unknown): boolean {
 *   return error instanceof ForbiddenError;
 * }
 * ```
 */
export class ForbiddenError extends CallError {}

/**
 * 404: no such object or endpoint.
 *
 * @example
 * ```ts
 * import { NotFoundError } from "@libmaas/client";
 * function isMissing(error: unknown): boolean {
 *   return error instanceof NotFoundError;
 * }
 * ```
 */
export class NotFoundError extends CallError {}

/**
 * 409: a real conflict, such as a machine in the wrong state (transient 409s with `Retry-After`
 * are retried by the transport and only surface when the retries run out).
 *
 * @example
 * ```ts
 * import { ConflictError } from "@libmaas/client";
 * function isConflict(error: unknown): boolean {
 *   return error instanceof ConflictError;
 * }
 * ```
 */
export class ConflictError extends CallError {}

/**
 * 410: the API was removed from this MAAS version.
 *
 * @example
 * ```ts
 * import { GoneError } from "@libmaas/client";
 * function isGone(error: unknown): boolean {
 *   return error instanceof GoneError;
 * }
 * ```
 */
export class GoneError extends CallError {}

/**
 * 503: the server could not do it now (no rack controller, power or cluster problems).
 *
 * @example
 * ```ts
 * import { ServiceUnavailableError } from "@libmaas/client";
 * function isUnavailable(error: unknown): boolean {
 *   return error instanceof ServiceUnavailableError;
 * }
 * ```
 */
export class ServiceUnavailableError extends CallError {}

const STATUS_CLASSES: Record<number, typeof CallError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  410: GoneError,
  503: ServiceUnavailableError,
};

/**
 * What kind of connection failure a {@linkcode ConnectError} reports. `tls`: the certificate was
 * not trusted; `scheme`: `https://` to a server that speaks plain HTTP, or `http://` to one that
 * expects TLS; `not-maas`: a server answered, but not as MAAS (see {@linkcode NotMaasError}).
 */
export type ConnectFailure =
  | "refused"
  | "dns"
  | "tls"
  | "scheme"
  | "reset"
  | "redirect"
  | "url"
  | "not-maas"
  | "other";

/**
 * The server could not be reached or spoken to: connection refused, host unknown, TLS failure,
 * connection closed before an answer. `cause` holds the runtime's own error.
 *
 * @example
 * ```ts
 * import { connect, ConnectError } from "@libmaas/client";
 * try {
 *   await (await connect("http://127.0.0.1:1/MAAS/", { apikey: "a:b:c" })).users.whoami();
 * } catch (error) {
 *   if (error instanceof ConnectError) console.error(error.kind, error.message);
 * }
 * ```
 */
export class ConnectError extends MaasError {
  /** The kind of failure, when it could be told. */
  readonly kind: ConnectFailure;
  /** The URL that was being reached (without user information), when there was one. */
  readonly url: string | null;
  /** Creates the error. */
  constructor(
    message: string,
    options?: ErrorOptions & { kind?: ConnectFailure; url?: string | null },
  ) {
    super(message, options);
    this.kind = options?.kind ?? "other";
    this.url = options?.url ?? null;
  }
}

/**
 * A server answered the first call of a client, but not as MAAS answers its API: a web server's
 * HTML page, JSON without MAAS's `X-MAAS-API-Hash` header, or a URL without `/MAAS/`. The message
 * names the URL tried and the likely fix; `kind` is `"not-maas"`.
 *
 * @example
 * ```ts
 * import { connect, NotMaasError } from "@libmaas/client";
 * try {
 *   const client = await connect("http://127.0.0.1:1/", { apikey: "a:b:c", retries: 0 });
 *   await client.users.whoami();
 * } catch (error) {
 *   if (error instanceof NotMaasError) console.error(error.message);
 * }
 * ```
 */
export class NotMaasError extends ConnectError {
  /** The HTTP status of the answer that gave it away. */
  readonly status: number;
  /** Creates the error. */
  constructor(
    message: string,
    options: ErrorOptions & { url?: string | null; status: number },
  ) {
    super(message, { ...options, kind: "not-maas" });
    this.status = options.status;
  }
}

/**
 * Logging in with a username and password failed.
 *
 * @example
 * ```ts
 * import { login, LoginError } from "@libmaas/client";
 * try {
 *   await login("http://127.0.0.1:1/MAAS/", { username: "admin", password: "wrong" });
 * } catch (error) {
 *   if (error instanceof LoginError) console.error(error.message);
 * }
 * ```
 */
export class LoginError extends MaasError {}

/**
 * The server does not accept password logins (MAAS older than 2.2, or external authentication).
 *
 * @example
 * ```ts
 * import { LoginNotSupported } from "@libmaas/client";
 * function needsApiKey(error: unknown): boolean {
 *   return error instanceof LoginNotSupported;
 * }
 * ```
 */
export class LoginNotSupported extends LoginError {}

/**
 * A password was given without a username.
 *
 * @example
 * ```ts
 * import { login, PasswordWithoutUsername } from "@libmaas/client";
 * try {
 *   await login("http://127.0.0.1:1/MAAS/", { password: "secret" });
 * } catch (error) {
 *   console.assert(error instanceof PasswordWithoutUsername);
 * }
 * ```
 */
export class PasswordWithoutUsername extends LoginError {}

/**
 * A username was given without a password.
 *
 * @example
 * ```ts
 * import { login, UsernameWithoutPassword } from "@libmaas/client";
 * try {
 *   await login("http://127.0.0.1:1/MAAS/", { username: "admin" });
 * } catch (error) {
 *   console.assert(error instanceof UsernameWithoutPassword);
 * }
 * ```
 */
export class UsernameWithoutPassword extends LoginError {}

/**
 * A profile file or database could not be used: it is corrupt, or other users can write it (then
 * its contents cannot be trusted: anyone who can change it can send your API key elsewhere).
 *
 * @example
 * ```ts
 * import { ProfileError } from "@libmaas/client";
 * function explain(error: unknown) {
 *   if (error instanceof ProfileError) console.error(error.message, error.path);
 * }
 * ```
 */
export class ProfileError extends MaasError {
  /** The file concerned, or `null` when the problem is with no one file. */
  readonly path: string | null;
  /** Creates the error for the file at `path`. */
  constructor(message: string, path: string | null, options?: ErrorOptions) {
    super(message, options);
    this.path = path;
  }
}

/**
 * No saved profile has the name asked for.
 *
 * @example
 * ```ts
 * import { ProfileNotFound } from "@libmaas/client";
 * const error = new ProfileNotFound("prod", ["lab", "staging"]);
 * console.log(error.message);
 * ```
 */
export class ProfileNotFound extends ProfileError {
  /** The name that was asked for. */
  readonly profile: string;
  /** The names that do exist. */
  readonly known: readonly string[];
  /** Creates the error for `name`, listing the `known` profiles. */
  constructor(name: string, known: readonly string[], options?: ErrorOptions) {
    super(
      `No profile named ${JSON.stringify(name)}. ` +
        (known.length
          ? `Known profiles: ${known.join(", ")}.`
          : "No profiles are saved yet: create one with `repl.ts login`."),
      null,
      options,
    );
    this.profile = name;
    this.known = known;
  }
}

/**
 * No MAAS URL was given anywhere the library looked.
 *
 * @example
 * ```ts
 * import { NoServerError } from "@libmaas/client";
 * const error = new NoServerError(["--url flag", "MAAS_URL environment variable"]);
 * console.log(error.message);
 * ```
 */
export class NoServerError extends MaasError {
  /** Every place that was looked in. */
  readonly searched: readonly string[];
  /** Creates the error, listing the places searched. */
  constructor(searched: readonly string[], options?: ErrorOptions) {
    super(
      "No MAAS server was given. Looked in: " + searched.join("; ") +
        ". Pass a URL (for example http://maas.example.com:5240/MAAS/) with an API key, " +
        "set MAAS_URL and MAAS_APIKEY, or save a profile with `repl.ts login`.",
      options,
    );
    this.searched = searched;
  }
}

/**
 * A request got no complete answer within its time limit.
 *
 * @example
 * ```ts
 * import { TimeoutError } from "@libmaas/client";
 * function timedOut(error: unknown): boolean {
 *   return error instanceof TimeoutError;
 * }
 * ```
 */
export class TimeoutError extends MaasError {
  /** HTTP method of the request. */
  readonly method: string;
  /** URL of the request (without user information). */
  readonly url: string;
  /** The limit that was exceeded, in milliseconds. */
  readonly timeout: number;
  /** Creates the error. */
  constructor(method: string, url: string, timeout: number, options?: ErrorOptions) {
    super(`${method} ${url} timed out after ${timeout} ms`, options);
    this.method = method;
    this.url = url;
    this.timeout = timeout;
  }
}

/**
 * A wait ran past its overall time limit. It is a {@linkcode TimeoutError}, so code that
 * catches timeouts catches it too.
 *
 * @example
 * ```ts
 * import { type Machine, WaitTimeoutError } from "@libmaas/client";
 * async function deployOrReport(machine: Machine) {
 *   try {
 *     await machine.deploy({}, { wait: true, waitTimeout: 30 * 60_000 });
 *   } catch (error) {
 *     if (error instanceof WaitTimeoutError) console.error(error.message);
 *     else throw error;
 *   }
 * }
 * ```
 */
export class WaitTimeoutError extends TimeoutError {
  /** The system id of the node that was being waited on. */
  readonly systemId: string;
  /** Creates the error; `detail` says what was awaited and where the node was. */
  constructor(systemId: string, url: string, timeout: number, detail: string) {
    super("GET", url, timeout);
    this.message = `Gave up after ${timeout} ms waiting for ${systemId}: ${detail}`;
    this.systemId = systemId;
  }
}

/**
 * The server's MAAS line lacks an op or a parameter a call needs: raised before the call is sent,
 * saying which of the known lines have it. The typed client knows from its descriptions which
 * lines (2.9, 3.0, 3.7, 3.8, master) have each op and parameter, and reads the server's version
 * once per client when a call needs one that not every line has.
 *
 * @example
 * ```ts
 * import { UnsupportedError } from "@libmaas/client";
 * function tooOld(error: unknown): boolean {
 *   return error instanceof UnsupportedError;
 * }
 * ```
 */
export class UnsupportedError extends MaasError {
  /** The op or option the server lacks, as the typed method names it. */
  readonly feature: string;
  /** The server's version, as `version/` gives it. */
  readonly version: string;
  /** The known MAAS lines that have it. */
  readonly lines: readonly string[];
  /** Creates the error; `message` says it all, the rest is for code that handles it. */
  constructor(
    message: string,
    detail: { feature: string; version: string; lines: readonly string[] },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.feature = detail.feature;
    this.version = detail.version;
    this.lines = detail.lines;
  }
}

/**
 * The server sent more than the transport's `maxResponseBytes` allows.
 *
 * @example
 * ```ts
 * import { ResponseTooLargeError } from "@libmaas/client";
 * function tooBig(error: unknown): boolean {
 *   return error instanceof ResponseTooLargeError;
 * }
 * ```
 */
export class ResponseTooLargeError extends MaasError {
  /** The limit, in bytes. */
  readonly limit: number;
  /** Creates the error. */
  constructor(method: string, url: string, limit: number, options?: ErrorOptions) {
    super(
      `${method} ${url}: the answer is larger than the ${limit}-byte limit ` +
        "(raise maxResponseBytes if this is expected)",
      options,
    );
    this.limit = limit;
  }
}

/**
 * The server's answer could not be understood: JSON that does not parse, or a shape that is not
 * what MAAS sends.
 *
 * @example
 * ```ts
 * import { ProtocolError } from "@libmaas/client";
 * function garbled(error: unknown): boolean {
 *   return error instanceof ProtocolError;
 * }
 * ```
 */
export class ProtocolError extends MaasError {}

/**
 * The work was cancelled on purpose: abort a signal with one to say so. A request or a wait
 * (`deploy(params, { wait: true })`) whose signal is aborted ends with the signal's reason, so
 * code can tell a cancellation it asked for from a failure. The REPL's Ctrl-C ends the running line with
 * one.
 *
 * @example
 * ```ts
 * import { CancelledError, type Machine } from "@libmaas/client";
 * async function deployUnlessStopped(machine: Machine, stop: AbortController) {
 *   try {
 *     await machine.deploy({}, { wait: true, signal: stop.signal });
 *   } catch (error) {
 *     if (error instanceof CancelledError) console.log("stopped:", error.message);
 *     else throw error;
 *   }
 * }
 * // Elsewhere, to stop waiting:
 * // stop.abort(new CancelledError("Stopped by the operator"));
 * ```
 */
export class CancelledError extends MaasError {
  /** Creates the error; the message says who or what cancelled (default: `Cancelled`). */
  constructor(message = "Cancelled", options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * BSON that could not be decoded: truncated, lengths that do not add up, an element type this
 * decoder does not know, or text that is not UTF-8.
 *
 * @example
 * ```ts
 * import { BsonError } from "@libmaas/client";
 * import { decodeBson } from "@libmaas/client/session";
 * try {
 *   decodeBson(new Uint8Array([1, 2, 3]));
 * } catch (error) {
 *   console.assert(error instanceof BsonError);
 * }
 * ```
 */
export class BsonError extends ProtocolError {
  /** Where in the input the problem was found. */
  readonly offset: number;
  /** Creates the error for a problem at `offset`. */
  constructor(message: string, offset: number) {
    super(`Malformed BSON at byte ${offset}: ${message}`);
    this.offset = offset;
  }
}

/**
 * A machine operation ended in a failure state. Carries the machine (as last read) and its last
 * status message. Catch this class to handle every kind of failed wait at once.
 *
 * @example
 * ```ts
 * import { type Machine, MachineError } from "@libmaas/client";
 * async function tryDeploy(machine: Machine) {
 *   try {
 *     await machine.deploy({}, { wait: true });
 *   } catch (error) {
 *     if (error instanceof MachineError) console.error(error.machine.hostname, error.statusMessage);
 *   }
 * }
 * ```
 */
export class MachineError extends MaasError {
  /** The machine, as last read from the server. */
  readonly machine: Machine;
  /** The status the machine ended in. */
  readonly status: NodeStatus;
  /** The machine's last status message, such as `Installation failed`. */
  readonly statusMessage: string | null;
  /** Creates the error; `what` says what failed, `detail` adds to the machine's own message. */
  constructor(machine: Machine, what: string, detail?: string) {
    const message = machine.statusMessage || machine.errorDescription || null;
    super(
      `${what}: ${machine}` + (message ? ` (${message})` : "") + (detail ? `; ${detail}` : ""),
    );
    this.machine = machine;
    this.status = machine.status;
    this.statusMessage = message;
  }
}

/**
 * Deployment ended in `Failed deployment` (or somewhere else than `Deployed`).
 *
 * @example
 * ```ts
 * import { FailedDeployment, type Machine } from "@libmaas/client";
 * async function deploy(machine: Machine) {
 *   try {
 *     await machine.deploy({}, { wait: true });
 *   } catch (error) {
 *     if (error instanceof FailedDeployment) await machine.release();
 *     throw error;
 *   }
 * }
 * ```
 */
export class FailedDeployment extends MachineError {}

/**
 * Commissioning ended in `Failed commissioning`.
 *
 * @example
 * ```ts
 * import { FailedCommissioning } from "@libmaas/client";
 * function isCommissioningFailure(error: unknown): boolean {
 *   return error instanceof FailedCommissioning;
 * }
 * ```
 */
export class FailedCommissioning extends MachineError {}

/**
 * Hardware tests ended in `Failed testing`.
 *
 * @example
 * ```ts
 * import { FailedTesting, type Machine } from "@libmaas/client";
 * async function testOrOverride(machine: Machine) {
 *   try {
 *     await machine.test({}, { wait: true });
 *   } catch (error) {
 *     if (error instanceof FailedTesting) await machine.overrideFailedTesting();
 *     else throw error;
 *   }
 * }
 * ```
 */
export class FailedTesting extends MachineError {}

/**
 * Releasing ended in `Failed releasing`.
 *
 * @example
 * ```ts
 * import { FailedReleasing } from "@libmaas/client";
 * function isReleaseFailure(error: unknown): boolean {
 *   return error instanceof FailedReleasing;
 * }
 * ```
 */
export class FailedReleasing extends MachineError {}

/**
 * Erasing the disks during a release ended in `Failed disk erasing`.
 *
 * @example
 * ```ts
 * import { FailedDiskErasing } from "@libmaas/client";
 * function isEraseFailure(error: unknown): boolean {
 *   return error instanceof FailedDiskErasing;
 * }
 * ```
 */
export class FailedDiskErasing extends MachineError {}

/**
 * Entering or leaving rescue mode failed.
 *
 * @example
 * ```ts
 * import { RescueModeFailure } from "@libmaas/client";
 * function isRescueFailure(error: unknown): boolean {
 *   return error instanceof RescueModeFailure;
 * }
 * ```
 */
export class RescueModeFailure extends MachineError {}

/**
 * The machine's power state went to `error` while waiting for it to power on or off.
 *
 * @example
 * ```ts
 * import { PowerError } from "@libmaas/client";
 * function isPowerFailure(error: unknown): boolean {
 *   return error instanceof PowerError;
 * }
 * ```
 */
export class PowerError extends MachineError {}

/**
 * No machine matched the allocation constraints: MAAS answered 409 without `Retry-After`.
 * `reason` holds the server's text (which lists the constraints it resolved).
 *
 * @example
 * ```ts
 * import { type Client, MachineNotFound } from "@libmaas/client";
 * async function tryAllocate(client: Client) {
 *   try {
 *     return await client.machines.allocate({ cpuCount: 64, pool: "gpu" });
 *   } catch (error) {
 *     if (error instanceof MachineNotFound) console.error(error.reason);
 *     return null;
 *   }
 * }
 * ```
 */
export class MachineNotFound extends ConflictError {
  /** The server's explanation, such as `No available machine matches constraints: …`. */
  get reason(): string {
    return this.text;
  }
}
