/**
 * The one place where HTTP happens: parameters are encoded the way MAAS reads them, requests are
 * signed, limited in number, timed out and retried as MAAS allows, and answers are decoded by
 * their content type. Nothing here knows about machines.
 *
 * @module
 */

import { authorizationHeader, type Credentials } from "./auth.ts";
import {
  certificateRefused,
  clockHint,
  clockWarning,
  expectsTls,
  handshakeGotPlaintext,
  isApiRequest,
  isExpiredTimestamp,
  keyHint,
  notMaasAnswer,
  serverSeconds,
  speaksPlainHttp,
  withoutExpectedSignature,
} from "./diagnosis.ts";
import {
  CallError,
  type CallErrorInit,
  ConnectError,
  type ConnectFailure,
  MaasError,
  ParameterError,
  ProtocolError,
  ResponseTooLargeError,
  TimeoutError,
} from "./errors.ts";
import { type FetchSeam, fetchSeam, type TlsOptions, withSeam } from "./runtime.ts";
import { redactUrl } from "./url.ts";

/** One parameter value: scalars, files, lists (sent as repeated keys) and nested objects. */
export type ParamValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | Date
  | Blob
  | Uint8Array
  | readonly ParamValue[]
  | { readonly [name: string]: ParamValue };

/** Parameters of one call, by their wire names. */
export type Params = { readonly [name: string]: ParamValue };

/** Options of a {@linkcode Transport}; every one has a conservative default. */
export interface TransportOptions {
  /** Credentials to sign requests with; none means anonymous requests. */
  credentials?: Credentials | null;
  /** Time limit of each attempt in milliseconds, from sending to the last byte (default 30 000). */
  timeout?: number;
  /** How many times a 409/503 with `Retry-After`, or a connection failure of a GET/PUT/DELETE, is retried (default 4). */
  retries?: number;
  /** The longest wait between two attempts, in milliseconds, whatever `Retry-After` says (default 60 000). */
  maxRetryWait?: number;
  /** First wait before retrying after a connection failure, doubled each time (default 250 ms). */
  connectionRetryDelay?: number;
  /** At most this many requests in flight at once (default 8). */
  concurrency?: number;
  /** Answers larger than this many bytes raise {@linkcode ResponseTooLargeError} (default 512 MiB). */
  maxResponseBytes?: number;
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
  /** Aborts every request of this transport. */
  signal?: AbortSignal;
  /** TLS settings: a CA to trust, or no verification. */
  tls?: TlsOptions;
  /** Value of the `User-Agent` header (default: the runtime's own). */
  userAgent?: string;
  /** Called with a line for each attempt and its outcome; never given secrets. */
  debug?: (line: string) => void;
  /**
   * Called once per transport with a warning worth a person's attention (credentials about to
   * cross the network in clear text, a local clock MAAS finds too far behind its own);
   * `console.warn` by default.
   */
  warn?: (message: string) => void;
}

/** Options every network call of the library accepts. */
export interface CallOptions {
  /** Aborts the call. */
  signal?: AbortSignal;
  /** Time limit of each attempt, in milliseconds. */
  timeout?: number;
  /** How many retries this call may make. */
  retries?: number;
}

/** Options of one call; they override the transport's. */
export interface RequestOptions {
  /** The `op` of the call (put in the query string). */
  op?: string | null;
  /** Parameters: in the query for GET and DELETE, as a form body for POST and PUT. */
  params?: Params;
  /** A raw body for PUT uploads (sent as `application/octet-stream`); excludes `params` in the body. */
  body?: Uint8Array | Blob;
  /** Aborts this call. */
  signal?: AbortSignal;
  /** Time limit of each attempt, in milliseconds. */
  timeout?: number;
  /** Retries for this call. */
  retries?: number;
  /** Send this call unsigned even when the transport has credentials. */
  anonymous?: boolean;
  /**
   * `"bytes"` hands the body over as a `Uint8Array` whatever its content type says (MAAS labels
   * downloaded file content `text/html`); `"auto"` (the default) decodes by content type.
   */
  responseType?: "auto" | "bytes";
}

/** A decoded answer, with what the server said about it. */
export interface Answer<T = unknown> {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** Decoded body: JSON value, text, bytes, or `undefined` for 204. */
  data: T;
}

const DEFAULTS = {
  timeout: 30_000,
  retries: 4,
  maxRetryWait: 60_000,
  connectionRetryDelay: 250,
  concurrency: 8,
  maxResponseBytes: 512 * 1024 * 1024,
};
const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
const decoder = new TextDecoder();

/**
 * Sends requests to MAAS. One per client: it holds the credentials, the limits and the
 * connection pool (the runtime's `fetch` keeps connections alive between calls).
 *
 * It also says what is wrong at the door: the first answer to an API request that cannot come
 * from MAAS raises {@linkcode NotMaasError}; a connection that fails before any answer because
 * `http://` and `https://` are swapped says which one to use; a 401 for a timestamp MAAS finds
 * too old is retried once, with this and later requests stamped with the server's time (from its
 * `Date` header) and a one-time warning that says how far off the local clock is.
 *
 * @example
 * ```ts
 * import { Credentials, Transport } from "@libmaas/client";
 * const transport = new Transport({ credentials: Credentials.parse("ck:tk:ts"), retries: 2 });
 * // const user = await transport.request("GET", "http://maas:5240/MAAS/api/2.0/users/", { op: "whoami" });
 * transport.close();
 * ```
 */
export class Transport {
  #credentials: Credentials | null;
  #fetch: typeof fetch;
  #seam: FetchSeam;
  #options: Required<
    Pick<
      TransportOptions,
      | "timeout"
      | "retries"
      | "maxRetryWait"
      | "connectionRetryDelay"
      | "concurrency"
      | "maxResponseBytes"
    >
  >;
  #signal: AbortSignal | undefined;
  #userAgent: string | undefined;
  #debug: ((line: string) => void) | undefined;
  #warn: (message: string) => void;
  #warnedCleartext = false;
  #warnedClock = false;
  #clockOffset = 0;
  #answered = false;
  #judging = true;
  #checkedOrigins = new Map<string, boolean>();
  #lastOrigin = "";
  #lastRemote = false;
  #active = 0;
  #waiting: Waiter[] = [];
  #waitingHead = 0;
  #apiHash: string | null = null;
  #init: TransportOptions;

  /** Creates a transport; see {@linkcode TransportOptions} for the defaults. */
  constructor(options: TransportOptions = {}) {
    this.#init = { ...options };
    this.#credentials = options.credentials ?? null;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#options = {
      timeout: positive(options.timeout, "timeout", DEFAULTS.timeout),
      retries: nonNegativeInteger(options.retries, "retries", DEFAULTS.retries),
      maxRetryWait: nonNegative(options.maxRetryWait, "maxRetryWait", DEFAULTS.maxRetryWait),
      connectionRetryDelay: nonNegative(
        options.connectionRetryDelay,
        "connectionRetryDelay",
        DEFAULTS.connectionRetryDelay,
      ),
      concurrency: positiveInteger(options.concurrency, "concurrency", DEFAULTS.concurrency),
      maxResponseBytes: positive(
        options.maxResponseBytes,
        "maxResponseBytes",
        DEFAULTS.maxResponseBytes,
      ),
    };
    this.#signal = options.signal;
    // The runtime's own User-Agent costs nothing; a header of ours costs measurably per request.
    this.#userAgent = options.userAgent;
    this.#debug = options.debug;
    this.#warn = options.warn ?? ((message) => console.warn(message));
    this.#seam = fetchSeam(options.tls);
    // Turning verification off is said once, where a person will see it.
    if (options.tls?.insecure) this.#warn(this.#seam.notes.join(" "));
    else for (const note of this.#seam.notes) this.#debug?.(note);
  }

  /** A transport with the same options that signs with other credentials (or none). */
  withCredentials(credentials: Credentials | null): Transport {
    return new Transport({ ...this.#init, credentials });
  }

  /** The options this transport was made with (credentials left out). */
  get options(): Omit<TransportOptions, "credentials"> {
    const { credentials: _, ...rest } = this.#init;
    return rest;
  }

  /** The credentials requests are signed with, or `null` for an anonymous transport. */
  get credentials(): Credentials | null {
    return this.#credentials;
  }

  /** Notes about how the TLS settings were applied on this runtime. */
  get tlsNotes(): readonly string[] {
    return this.#seam.notes;
  }

  /** The `X-MAAS-API-Hash` of the last answer, to notice an upgraded server. */
  get apiHash(): string | null {
    return this.#apiHash;
  }

  /** Requests in flight right now. */
  get inFlight(): number {
    return this.#active;
  }

  /** Sends a request and returns its decoded body. Errors are {@linkcode MaasError}s. */
  async request<T = unknown>(
    method: string,
    url: string | URL,
    options: RequestOptions = {},
  ): Promise<T> {
    return (await this.send<T>(method, url, options)).data;
  }

  /** Sends a request and returns the decoded body with the status and headers. */
  async send<T = unknown>(
    method: string,
    url: string | URL,
    options: RequestOptions = {},
  ): Promise<Answer<T>> {
    if (typeof method !== "string") {
      throw new ParameterError(`The HTTP method must be text, got ${typeof method}`);
    }
    if (options === null) options = {};
    if (typeof options !== "object") {
      throw new ParameterError(`Request options must be an object, got ${typeof options}`);
    }
    method = method.toUpperCase();
    const target = buildUrl(url, method, options);
    const shown = target;
    const retries = options.retries === undefined
      ? this.#options.retries
      : nonNegativeInteger(options.retries, "retries", 0);
    const timeout = options.timeout === undefined
      ? this.#options.timeout
      : positive(options.timeout, "timeout", 0);
    const body = buildBody(method, options);
    const asBytes = options.responseType === "bytes";
    const signals = this.#signal
      ? (options.signal ? [this.#signal, options.signal] : [this.#signal])
      : (options.signal ? [options.signal] : NO_SIGNALS);
    const credentials = options.anonymous ? null : this.#credentials;
    if (credentials && !this.#warnedCleartext && this.#cleartextRemote(target)) {
      this.#warnedCleartext = true;
      this.#warn(
        `Warning: the API key is sent in clear text over plain HTTP to ${
          new URL(target).host
        }. Anyone on the network path can read it. Enable TLS on MAAS and use ` +
          "https://HOST:5443/MAAS/.",
      );
    }

    let clockCorrected = false;
    for (let attempt = 0;;) {
      throwIfAborted(signals);
      // A free slot is taken at once; only a full transport makes the caller wait.
      if (this.#active < this.#options.concurrency) this.#active++;
      else await this.#acquire(signals);
      let outcome: Outcome<T>;
      try {
        outcome = await this.#attempt<T>(
          method,
          target,
          shown,
          body,
          credentials,
          timeout,
          signals,
          asBytes,
          attempt === 0,
        );
      } finally {
        this.#release();
      }
      if (outcome.kind === "answer") return outcome.answer;
      if (outcome.kind === "clock") {
        // MAAS checks the timestamp before anything else, so sending again is safe, POST too.
        // A correction within the Date header's one-second grain would change nothing.
        const offset = outcome.offset;
        if (!clockCorrected && offset !== null && Math.abs(offset - this.#clockOffset) >= 2) {
          clockCorrected = true;
          this.#correctClock(offset, shown);
          continue;
        }
        throw CallError.from({ ...outcome.init, hint: clockHint(offset) });
      }
      const canRetry = attempt < retries;
      if (outcome.kind === "retry-after" && canRetry) {
        const wait = Math.min(outcome.seconds * 1000, this.#options.maxRetryWait);
        this.#debug?.(
          `${method} ${shown}: ${outcome.error.status}, retrying in ${wait} ms (attempt ${
            attempt + 2
          } of ${retries + 1})`,
        );
        await sleep(wait, signals);
        attempt++;
        continue;
      }
      if (outcome.kind === "connection" && canRetry && method !== "POST") {
        const wait = Math.min(
          this.#options.connectionRetryDelay * 2 ** attempt,
          this.#options.maxRetryWait,
        );
        this.#debug?.(`${method} ${shown}: ${outcome.error.message}; retrying in ${wait} ms`);
        await sleep(wait, signals);
        attempt++;
        continue;
      }
      throw outcome.error;
    }
  }

  /** From now on, stamps requests with the server's time; says so once. */
  #correctClock(offset: number, url: string): void {
    this.#clockOffset = offset;
    this.#debug?.(`the server's clock is ${offset} s ahead of this computer's; correcting`);
    if (!this.#warnedClock) {
      this.#warnedClock = true;
      this.#warn(clockWarning(offset, url));
    }
  }

  #cleartextRemote(url: string): boolean {
    if (!url.startsWith("http:")) return false;
    // Most calls go to the origin checked last: a prefix test answers without a regex.
    if (this.#lastOrigin !== "" && url.startsWith(this.#lastOrigin)) return this.#lastRemote;
    const origin = /^http:\/\/[^/?#]*/.exec(url)![0] + "/";
    let remote = this.#checkedOrigins.get(origin);
    if (remote === undefined) {
      remote = isCleartextRemote(url);
      this.#checkedOrigins.set(origin, remote);
    }
    this.#lastOrigin = origin;
    this.#lastRemote = remote;
    return remote;
  }

  async #attempt<T>(
    method: string,
    url: string,
    shown: string,
    body: EncodedBody,
    credentials: Credentials | null,
    timeout: number,
    signals: AbortSignal[],
    asBytes: boolean,
    firstAttempt: boolean,
  ): Promise<Outcome<T>> {
    const headers: Record<string, string> = {};
    if (this.#userAgent) headers["User-Agent"] = this.#userAgent;
    if (credentials) {
      headers.Authorization = this.#clockOffset === 0
        ? authorizationHeader(credentials)
        : authorizationHeader(credentials, { timestamp: Date.now() / 1000 + this.#clockOffset });
    }
    if (body.contentType) headers["Content-Type"] = body.contentType;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const onAbort = () => controller.abort();
    for (const signal of signals) signal.addEventListener("abort", onAbort, { once: true });
    // A timeout or a caller's abort explains any failure that follows it.
    const throwIfStopped = (): void => {
      if (timedOut) throw new TimeoutError(method, shown, timeout);
      for (const signal of signals) if (signal.aborted) throw signal.reason;
    };
    const post = method === "POST" ? this.#seam.post() : undefined;
    try {
      let response: Response;
      try {
        response = await this.#fetch(
          url,
          withSeam(
            {
              method,
              headers,
              body: body.data,
              redirect: "manual",
              signal: controller.signal,
            },
            post ? post.init : this.#seam.init,
          ),
        );
      } catch (error) {
        throwIfStopped();
        const failure = connectError(error, method, shown);
        // Before any answer, a failure may mean that http:// and https:// are swapped.
        const wrongScheme = this.#answered || !firstAttempt
          ? null
          : await this.#wrongScheme(method, shown, error, failure.kind, timeout, signals);
        if (wrongScheme) throw wrongScheme;
        return { kind: "connection", error: failure };
      }
      this.#answered = true;
      this.#debug?.(`${method} ${shown} -> ${response.status}`);
      const hash = response.headers.get("x-maas-api-hash");
      if (hash) this.#apiHash = hash;
      const status = response.status;
      if (status >= 300 && status < 400) {
        await response.body?.cancel();
        throw redirectError(method, shown, status, response.headers.get("location"));
      }
      let content: Uint8Array | undefined;
      const ok = status >= 200 && status < 300;
      // Only the first answer to an API request is judged: the common path costs one test.
      const judge = this.#judging && isApiRequest(url);
      if (ok && judge) {
        const notMaas = notMaasAnswer({
          method,
          url: shown,
          status,
          statusText: response.statusText,
          headers: response.headers,
          content: null,
        });
        if (notMaas) {
          await response.body?.cancel();
          throw notMaas;
        }
        this.#judging = false;
      }
      try {
        if (ok) {
          const limit = this.#options.maxResponseBytes;
          const data = asBytes
            ? await readBytes(response, limit, method, shown) as T
            : await decode<T>(response, limit, method, shown);
          return { kind: "answer", answer: { status, headers: response.headers, data } };
        }
        content = await readBytes(response, this.#options.maxResponseBytes, method, shown);
      } catch (error) {
        if (error instanceof MaasError) throw error;
        throwIfStopped();
        throw new ConnectError(
          `${method} ${shown}: the connection broke while the answer was being read (${
            causeText(error)
          })`,
          { cause: error, kind: "reset", url: shown },
        );
      }
      if (judge) {
        const notMaas = notMaasAnswer({
          method,
          url: shown,
          status,
          statusText: response.statusText,
          headers: response.headers,
          content,
        });
        if (notMaas) throw notMaas;
        this.#judging = false;
      }
      let hint: string | null = null;
      if (status === 401) {
        content = withoutExpectedSignature(content);
        const text = decoder.decode(content);
        if (credentials && isExpiredTimestamp(text)) {
          const server = serverSeconds(response.headers, text);
          return {
            kind: "clock",
            init: {
              method,
              url: shown,
              status,
              statusText: response.statusText,
              content,
              contentType: response.headers.get("content-type"),
            },
            // Rounded up: a timestamp a little ahead of the server's clock is always accepted.
            offset: server === null ? null : Math.ceil(server - Date.now() / 1000),
          };
        }
        hint = keyHint(text, credentials !== null);
      }
      const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
      const error = CallError.from({
        method,
        url: shown,
        status,
        statusText: response.statusText,
        content,
        contentType: response.headers.get("content-type"),
        retryAfter,
        hint,
      });
      if ((status === 409 || status === 503) && retryAfter !== null) {
        return { kind: "retry-after", seconds: retryAfter, error };
      }
      throw error;
    } finally {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener("abort", onAbort);
      post?.release();
    }
  }

  /**
   * The error to raise when a request failed because its scheme does not match the server's:
   * the runtime's words suggest it, and one request with the other scheme to the same host and
   * port (unsigned, to `/`) confirms it. `null` when that is not what happened.
   */
  async #wrongScheme(
    method: string,
    url: string,
    error: unknown,
    kind: ConnectFailure,
    timeout: number,
    signals: AbortSignal[],
  ): Promise<ConnectError | null> {
    const failure = causeText(error);
    const https = url.startsWith("https:");
    if (https) {
      if (!handshakeGotPlaintext(failure) || certificateRefused(failure)) return null;
    } else if (kind !== "reset" && kind !== "other") {
      return null;
    }
    const origin = /^https?:\/\/[^/?#]*/.exec(url)![0];
    const other = (https ? "http" : "https") + origin.slice(origin.indexOf(":")) + "/";
    this.#debug?.(`${method} ${url}: no answer yet; asking ${other} whether the scheme is swapped`);
    if (!(await this.#probe(other, Math.min(timeout, PROBE_TIMEOUT), signals))) return null;
    return https ? speaksPlainHttp(method, url, error) : expectsTls(method, url, error);
  }

  /**
   * Whether `url` gets an HTTP answer, or (for https) fails on the server's certificate, which
   * shows that the server speaks TLS.
   */
  async #probe(url: string, timeout: number, signals: AbortSignal[]): Promise<boolean> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    const onAbort = () => controller.abort();
    for (const signal of signals) signal.addEventListener("abort", onAbort, { once: true });
    try {
      const response = await this.#fetch(
        url,
        withSeam(
          { method: "GET", redirect: "manual", signal: controller.signal },
          url.startsWith("https:") ? this.#seam.init : {},
        ),
      );
      await response.body?.cancel();
      return true;
    } catch (error) {
      return url.startsWith("https:") && !controller.signal.aborted &&
        certificateRefused(causeText(error));
    } finally {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener("abort", onAbort);
    }
  }

  async #acquire(signals: AbortSignal[]): Promise<void> {
    if (this.#active < this.#options.concurrency) {
      this.#active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        wake: () => {
          for (const signal of signals) signal.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        waiter.wake = null;
        for (const signal of signals) signal.removeEventListener("abort", onAbort);
        reject(signals.find((s) => s.aborted)?.reason);
      };
      this.#waiting.push(waiter);
      for (const signal of signals) signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  #release(): void {
    while (this.#waitingHead < this.#waiting.length) {
      const next = this.#waiting[this.#waitingHead++].wake;
      if (next) {
        // The slot passes straight to the next caller, so #active stays the same.
        this.#compact();
        next();
        return;
      }
    }
    this.#compact();
    this.#active--;
  }

  #compact(): void {
    if (this.#waitingHead === this.#waiting.length) {
      this.#waiting.length = 0;
      this.#waitingHead = 0;
    } else if (this.#waitingHead > 1024 && this.#waitingHead * 2 > this.#waiting.length) {
      this.#waiting = this.#waiting.slice(this.#waitingHead);
      this.#waitingHead = 0;
    }
  }

  /** Releases runtime resources held for TLS settings. Requests already sent finish as usual. */
  close(): void {
    this.#seam.close();
  }
}

const NO_SIGNALS: AbortSignal[] = [];

interface Waiter {
  wake: (() => void) | null;
}

type Outcome<T> =
  | { kind: "answer"; answer: Answer<T> }
  | { kind: "retry-after"; seconds: number; error: CallError }
  | { kind: "connection"; error: ConnectError }
  | { kind: "clock"; init: CallErrorInit; offset: number | null };

/** The longest wait for the one request that tells a swapped scheme, in milliseconds. */
const PROBE_TIMEOUT = 5_000;

interface EncodedBody {
  data: BodyInit | undefined;
  contentType: string | undefined;
}

/** The request URL with the query built, never with user information (so it can be shown). */
function buildUrl(url: string | URL, method: string, options: RequestOptions): string {
  const hasQuery = !!options.op ||
    ((method === "GET" || method === "DELETE" || method === "HEAD") && hasValues(options.params));
  // The typed client's URLs are already clean: most requests need no parsing at all.
  if (!hasQuery && typeof url === "string" && /^https?:\/\/[^@/?#]+\//.test(url)) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new ParameterError(`Not a valid request URL: ${redactUrl(String(url))}`, { cause });
  }
  parsed.username = "";
  parsed.password = "";
  if (!hasQuery) return parsed.href;
  const query = parsed.searchParams;
  if (options.op) query.set("op", options.op);
  if ((method === "GET" || method === "DELETE" || method === "HEAD") && options.params) {
    appendParams(options.params, (name, value) => {
      if (typeof value !== "string") {
        throw new ParameterError(`Parameter ${JSON.stringify(name)}: files can only be POSTed`);
      }
      query.append(name, value);
    });
  }
  return parsed.href;
}

/** Whether parameters hold anything to send: the typed client passes `{}` for none. */
function hasValues(params: Params | undefined): boolean {
  if (params === undefined || params === null) return false;
  for (const name in params) {
    if (params[name] !== undefined && params[name] !== null) return true;
  }
  return false;
}

function buildBody(method: string, options: RequestOptions): EncodedBody {
  if (method !== "POST" && method !== "PUT") return { data: undefined, contentType: undefined };
  if (options.body !== undefined) {
    return { data: options.body as BodyInit, contentType: "application/octet-stream" };
  }
  const fields: Array<[string, string | Blob]> = [];
  let multipart = false;
  if (options.params) {
    appendParams(options.params, (name, value) => {
      if (typeof value !== "string") multipart = true;
      fields.push([name, value]);
    });
  }
  if (multipart) {
    const form = new FormData();
    // Django drops a file part whose file name is empty, which is what Bun sends for a Blob
    // given no name (the standard says "blob"): every file gets a name here.
    for (const [name, value] of fields) {
      if (typeof value === "string") form.append(name, value);
      else form.append(name, value, value instanceof File && value.name ? value.name : "blob");
    }
    // fetch writes the multipart boundary into the content type itself.
    return { data: form, contentType: undefined };
  }
  const form = new URLSearchParams();
  for (const [name, value] of fields) form.append(name, value as string);
  return { data: form.toString(), contentType: FORM_CONTENT_TYPE };
}

/**
 * Walks parameters in MAAS's wire form: lists as repeated keys, nested plain objects flattened
 * to `outer_inner`, booleans as `true`/`false`, numbers as decimal text, `null`/`undefined` left
 * out, files (Blob, Uint8Array) kept as files.
 *
 * @example
 * ```ts
 * import { appendParams } from "@libmaas/client";
 * const pairs: string[] = [];
 * appendParams({ tags: ["a", "b"], power_parameters: { power_address: "10.0.0.1" } }, (k, v) => {
 *   pairs.push(`${k}=${v}`);
 * });
 * console.log(pairs); // ["tags=a", "tags=b", "power_parameters_power_address=10.0.0.1"]
 * ```
 */
export function appendParams(
  params: Params,
  append: (name: string, value: string | Blob) => void,
): void {
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw new ParameterError("Parameters must be given as an object of name → value");
  }
  for (const name in params) addParam(name, params[name], append, false);
}

function addParam(
  name: string,
  value: ParamValue,
  append: (name: string, value: string | Blob) => void,
  inList: boolean,
): void {
  if (value === null || value === undefined) return;
  switch (typeof value) {
    case "string":
      append(name, value);
      return;
    case "boolean":
      append(name, value ? "true" : "false");
      return;
    case "number":
      append(name, formatNumber(name, value));
      return;
    case "bigint":
      append(name, value.toString());
      return;
    case "object":
      break;
    default:
      throw new ParameterError(
        `Parameter ${JSON.stringify(name)} cannot be sent: a ${typeof value} is not a value`,
      );
  }
  if (value instanceof Date) {
    append(name, value.toISOString());
  } else if (value instanceof Blob) {
    append(name, value);
  } else if (value instanceof Uint8Array) {
    append(name, new Blob([value as Uint8Array<ArrayBuffer>]));
  } else if (Array.isArray(value)) {
    if (inList) {
      throw new ParameterError(`Parameter ${JSON.stringify(name)}: lists cannot be nested`);
    }
    for (const item of value) addParam(name, item, append, true);
  } else {
    if (inList) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(name)}: a list cannot hold objects; give plain values`,
      );
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(name)} cannot be sent: give a string, number, boolean, ` +
          "list, plain object or file",
      );
    }
    for (const key in value as Params) {
      addParam(`${name}_${key}`, (value as Params)[key], append, false);
    }
  }
}

function formatNumber(name: string, value: number): string {
  if (!Number.isFinite(value)) {
    throw new ParameterError(`Parameter ${JSON.stringify(name)} must be a finite number`);
  }
  const text = String(value);
  if (!text.includes("e")) return text;
  if (Number.isInteger(value)) return BigInt(value).toString();
  return value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}

async function decode<T>(
  response: Response,
  limit: number,
  method: string,
  shown: string,
): Promise<T> {
  if (response.status === 204) {
    await response.body?.cancel();
    return undefined as T;
  }
  const type = (response.headers.get("content-type") ?? "").toLowerCase();
  const length = Number(response.headers.get("content-length") ?? NaN);
  if (type.includes("json")) {
    if (length <= limit) {
      const text = await response.text();
      return parseJson<T>(text, method, shown);
    }
    return parseJson<T>(
      decoder.decode(await readBytes(response, limit, method, shown)),
      method,
      shown,
    );
  }
  if (type.startsWith("text/")) {
    if (length <= limit) return await response.text() as T;
    return decoder.decode(await readBytes(response, limit, method, shown)) as T;
  }
  return await readBytes(response, limit, method, shown) as T;
}

function parseJson<T>(text: string, method: string, shown: string): T {
  if (text === "") return undefined as T;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ProtocolError(
      `${method} ${shown}: the server said it sent JSON but the answer is not valid JSON ` +
        `(${text.length} characters starting ${JSON.stringify(text.slice(0, 80))})`,
      { cause },
    );
  }
}

async function readBytes(
  response: Response,
  limit: number,
  method: string,
  shown: string,
): Promise<Uint8Array> {
  const length = Number(response.headers.get("content-length") ?? NaN);
  if (length > limit) {
    await response.body?.cancel();
    throw new ResponseTooLargeError(method, shown, limit);
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new ResponseTooLargeError(method, shown, limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

function redirectError(
  method: string,
  shown: string,
  status: number,
  location: string | null,
): ConnectError {
  let target = location ? redactUrl(new URL(location, shown)) : null;
  let advice = "Use the address the server redirects to.";
  if (target && new URL(target).protocol === "https:" && new URL(shown).protocol === "http:") {
    const root = target.replace(/api\/\d+\.\d+\/.*$/, "");
    target = root;
    advice = `MAAS has TLS enabled: use ${root} as the MAAS URL (https, usually port 5443).`;
  }
  return new ConnectError(
    `${method} ${shown} was answered with a ${status} redirect${
      target ? " to " + target : ""
    }; requests are not followed across redirects because a POST would turn into a GET. ${advice}`,
    { kind: "redirect", url: shown },
  );
}

function connectError(error: unknown, method: string, shown: string): ConnectError {
  const kind = classify(error);
  const what: Record<ReturnType<typeof classify>, string> = {
    refused: "the connection was refused. Is MAAS running there, and is the port right?",
    dns: "the host name could not be resolved. Check the URL.",
    tls: "TLS certificate verification failed. If the server uses a private CA, pass its " +
      "certificate with the `caCert` option (or --ca-cert FILE); `insecure: true` skips " +
      "verification altogether.",
    reset: "the connection was closed before an answer came.",
    redirect: "the server redirected the request.",
    url: "the URL is not valid.",
    other: "the request could not be sent.",
  };
  const text = causeText(error);
  const reason = kind === "tls" && !certificateRefused(text)
    ? "the TLS handshake failed. Check that the server speaks TLS on this port (MAAS: " +
      "http://HOST:5240/MAAS/, or https://HOST:5443/MAAS/ with TLS on)."
    : what[kind];
  return new ConnectError(`${method} ${shown}: ${reason} (${text})`, {
    cause: error,
    kind,
    url: shown,
  });
}

function causeText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error || (typeof current === "object" && "message" in current)) {
      const e = current as { message?: unknown; code?: unknown; cause?: unknown };
      const text = [e.code, e.message].filter((x) => x !== undefined && x !== "").join(": ");
      if (text && !parts.includes(text)) parts.push(text);
      current = e.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join("; ") || "unknown error";
}

function classify(error: unknown): Exclude<ConnectFailure, "scheme" | "not-maas"> {
  const text = causeText(error).toLowerCase();
  if (
    /cert|tls|ssl|self.signed|unknownissuer|handshake/.test(text) || handshakeGotPlaintext(text)
  ) {
    return "tls";
  }
  if (/refused/.test(text)) return "refused";
  if (/enotfound|eai_again|dns|lookup|name or service|resolve/.test(text)) return "dns";
  if (/reset|closed|socket|econnreset|hang up|broken pipe|incomplete|eof/.test(text)) {
    return "reset";
  }
  return "other";
}

/** Plain HTTP to a host that is not this machine. */
function isCleartextRemote(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol !== "http:") return false;
  const host = hostname.replace(/^\[|\]$/g, "");
  return !(host === "localhost" || host.endsWith(".localhost") || host === "::1" ||
    /^127\.\d+\.\d+\.\d+$/.test(host));
}

function throwIfAborted(signals: AbortSignal[]): void {
  for (const signal of signals) if (signal.aborted) throw signal.reason;
}

/**
 * Waits `ms` milliseconds, or rejects with the reason of the first signal that aborts.
 *
 * @example
 * ```ts
 * import { sleep } from "@libmaas/client";
 * await sleep(100, [AbortSignal.timeout(5_000)]);
 * ```
 */
export function sleep(ms: number, signals: readonly AbortSignal[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    for (const signal of signals) {
      if (signal.aborted) return reject(signal.reason);
    }
    const onAbort = () => {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener("abort", onAbort);
      reject(signals.find((s) => s.aborted)?.reason);
    };
    const timer = setTimeout(() => {
      for (const signal of signals) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    for (const signal of signals) signal.addEventListener("abort", onAbort, { once: true });
  });
}

function positive(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new ParameterError(`Option ${name} must be a positive number of milliseconds or bytes`);
  }
  return value;
}

function nonNegative(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) {
    throw new ParameterError(`Option ${name} must be zero or a positive number`);
  }
  return value;
}

function nonNegativeInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new ParameterError(`Option ${name} must be a whole number, zero or more`);
  }
  return value;
}

function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new ParameterError(`Option ${name} must be a whole number, one or more`);
  }
  return value;
}
