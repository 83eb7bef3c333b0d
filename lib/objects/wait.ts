/**
 * Waiting for long machine operations without flooding the server: every machine a client waits
 * on joins one {@linkcode StatusPoller}, which reads all of them with one list query per round
 * (in batches) instead of one request per machine, keeps going through transient failures, and
 * stops polling as soon as nobody waits.
 *
 * The names of the waiting options are the same for every method that can wait, and they go in
 * the method's last argument, beside the request's own options: `wait` (wait for the end),
 * `interval` (between two reads), `waitTimeout` (the whole wait's limit; `timeout` stays the
 * limit of each request), `onProgress`, and `signal`, which cancels the requests and the wait:
 *
 * ```ts ignore
 * await machine.deploy({ distroSeries: "noble" }, { wait: true, waitTimeout: 30 * 60_000 });
 * ```
 *
 * @module
 */

import {
  CallError,
  ConnectError,
  ParameterError,
  TimeoutError,
  WaitTimeoutError,
} from "../errors.ts";
import type { CallOptions } from "../transport.ts";
import type { WireData } from "./base.ts";
import { notASignal } from "./engine.ts";
import { describe } from "./wire.ts";

/**
 * How a wait goes: `P` is what its progress callback is given.
 *
 * @example
 * ```ts
 * import type { Machine, WaitOptions } from "@libmaas/client";
 * async function ready(machine: Machine, options: WaitOptions<unknown>) {
 *   return await machine.waitFor("commission", options);
 * }
 * ```
 */
export interface WaitOptions<P> {
  /** Milliseconds between two reads (default: the client's poller interval, 5 s). */
  interval?: number;
  /**
   * The whole wait's limit in milliseconds (default one hour; `Infinity` waits for ever); past
   * it the wait fails with `WaitTimeoutError`.
   */
  waitTimeout?: number;
  /** Ends the requests and the wait at once; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with the progress when the wait starts and whenever it changes. */
  onProgress?: (progress: P) => void;
}

/**
 * The last argument of a method that can wait for what it started: the request's own options
 * (`signal`, `timeout` for each request, `retries`) and the waiting options.
 *
 * @example
 * ```ts
 * import type { Machine, MachineProgress, OperationOptions } from "@libmaas/client";
 * async function deploy(machine: Machine, options: OperationOptions<MachineProgress>) {
 *   return await machine.deploy({ distroSeries: "noble" }, { ...options, wait: true });
 * }
 * ```
 */
export interface OperationOptions<P> extends CallOptions, WaitOptions<P> {
  /**
   * Wait until the operation ends (default false: return as soon as MAAS accepted the request).
   */
  wait?: boolean;
}

const CALL_KEYS = ["signal", "timeout", "retries"];
const WAIT_KEYS = ["interval", "waitTimeout", "onProgress"];
const OPERATION_KEYS = [...CALL_KEYS, ...WAIT_KEYS, "wait"];

/** A method's waiting options, checked and split into the request's and the wait's. */
export interface SplitOptions<P> {
  /** Whether to wait. */
  readonly wait: boolean;
  /** The request options. */
  readonly call: CallOptions | undefined;
  /** The waiting options. */
  readonly waiting: WaitOptions<P>;
}

/** What {@linkcode splitOperationOptions} is told about the method. */
export interface SplitContext {
  /**
   * The method only waits: it sends no request of its own, so `timeout`, `retries` and `wait`
   * have nothing to apply to.
   */
  readonly waitOnly?: boolean;
  /** More keys the method takes itself (`concurrency`). */
  readonly extra?: readonly string[];
  /** The op's parameters, so that one given here is pointed to the parameters object. */
  readonly params?: object;
}

/**
 * Checks the last argument of a method that can wait (`method` names it in messages) and splits
 * it into the request's options and the wait's.
 *
 * @example
 * ```ts
 * import { splitOperationOptions } from "@libmaas/client/objects";
 * const { wait, call } = splitOperationOptions({ wait: true, timeout: 5000 }, "machine.deploy()");
 * console.log(wait, call?.timeout); // true 5000
 * ```
 */
export function splitOperationOptions<P>(
  options: unknown,
  method: string,
  context: SplitContext = {},
): SplitOptions<P> {
  if (options === undefined || options === null) {
    return { wait: false, call: undefined, waiting: {} };
  }
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new ParameterError(`${method}: options must be an object, got ${describe(options)}`);
  }
  const known = [...(context.waitOnly ? ["signal", ...WAIT_KEYS] : OPERATION_KEYS)];
  known.push(...context.extra ?? []);
  for (const key in options) {
    if (known.includes(key)) continue;
    const hint = context.waitOnly && (key === "timeout" || key === "retries")
      ? "a wait sends no request of its own; the wait's limit is waitTimeout"
      : context.params !== undefined && Object.hasOwn(context.params, key)
      ? `${key} is a parameter of the op: give it in the parameters object`
      : `it takes ${known.join(", ")}`;
    throw new ParameterError(`${method}: unknown option ${JSON.stringify(key)}; ${hint}`);
  }
  const { wait, signal, timeout, retries, interval, waitTimeout, onProgress } = options as
    & OperationOptions<P>
    & Record<string, unknown>;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw notASignal(signal, method);
  if (wait !== undefined && typeof wait !== "boolean") {
    throw new ParameterError(`${method}: option wait must be a boolean, got ${describe(wait)}`);
  }
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new ParameterError(
      `${method}: option onProgress must be a function, got ${describe(onProgress)}`,
    );
  }
  for (const [name, value] of [["interval", interval], ["waitTimeout", waitTimeout]] as const) {
    if (value !== undefined && (typeof value !== "number" || !(value > 0))) {
      throw new ParameterError(
        `${method}: option ${name} must be a positive number of milliseconds`,
      );
    }
  }
  const call = signal === undefined && timeout === undefined && retries === undefined
    ? undefined
    : { signal, timeout, retries };
  return { wait: wait === true, call, waiting: { interval, waitTimeout, signal, onProgress } };
}

/** Where a poller reads node states from. */
export interface PollSource {
  /** Reads the nodes with these system ids in one request (missing ones are left out). */
  many(ids: readonly string[], signal: AbortSignal): Promise<WireData[]>;
  /** Reads one node (used when a node is missing from a list, to get the server's own 404). */
  one(id: string, signal: AbortSignal): Promise<WireData>;
  /**
   * The signal of the client the nodes are read through (its transport's `signal`). When it
   * aborts, every wait in progress ends at once with its reason, between two reads as well as
   * during one: cancelling a client cancels its waits, not only its requests.
   */
  signal?: AbortSignal;
}

/** Options of one {@linkcode StatusPoller.watch}. */
export interface WatchOptions {
  /** Milliseconds between two reads of this node (default: the poller's interval). */
  interval?: number;
  /** Overall limit in milliseconds; past it the watch fails with {@linkcode WaitTimeoutError}. */
  timeout?: number;
  /** Cancels the watch; it then fails with the signal's reason. */
  signal?: AbortSignal;
  /** The URL the node lives at, for the timeout error. */
  url?: string;
  /** Says what was being waited for, for the timeout error. */
  describe?: () => string;
}

/** Connection failures that waiting cannot mend: the address, scheme or server is wrong. */
const PERMANENT_CONNECT_FAILURES: ReadonlySet<string> = new Set([
  "tls",
  "url",
  "redirect",
  "scheme",
  "not-maas",
]);

/**
 * Whether a failure while polling is worth trying again at the next round: connection failures
 * (except a wrong address, scheme or server, TLS and redirects), request time-outs, 409 and 5xx
 * answers. Anything else (401, 403, 404…) ends the wait.
 *
 * @example
 * ```ts
 * import { ServiceUnavailableError } from "@libmaas/client";
 * import { isTransientError } from "@libmaas/client/objects";
 * const busy = ServiceUnavailableError.from({
 *   method: "GET",
 *   url: "http://maas/MAAS/api/2.0/machines/",
 *   status: 503,
 *   content: new Uint8Array(),
 * });
 * console.log(isTransientError(busy)); // true
 * ```
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof WaitTimeoutError) return false;
  if (error instanceof TimeoutError) return true;
  if (error instanceof ConnectError) {
    return !PERMANENT_CONNECT_FAILURES.has(error.kind);
  }
  if (error instanceof CallError) return error.status === 409 || error.status >= 500;
  return false;
}

interface Watcher {
  id: string;
  interval: number;
  due: number;
  check: (data: WireData) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  settled: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  signals: AbortSignal[];
  onAbort: (() => void) | undefined;
}

const DEFAULT_INTERVAL = 5_000;
const DEFAULT_BATCH = 100;

/**
 * Polls node states for everyone waiting on a client's nodes. A round reads every watched node
 * that is due (nodes due within half an interval join the same round) with one list request per
 * `batchSize` nodes; each watcher's check decides whether its wait is over. Transient failures
 * ({@linkcode isTransientError}) only delay the next round (by the server's `Retry-After` when it
 * gives one). Nothing runs while nobody waits.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * function pollGently(client: Client) {
 *   client.machines.poller.interval = 15_000; // one list query per 15 s, however many machines wait
 * }
 * ```
 */
export class StatusPoller {
  #source: PollSource;
  #interval: number;
  #batchSize: number;
  #watchers = new Set<Watcher>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #round: Promise<void> | undefined;
  #inflight: AbortController | undefined;
  #requests = 0;

  /** Makes a poller that reads from `source`. */
  constructor(source: PollSource, options: { interval?: number; batchSize?: number } = {}) {
    this.#source = source;
    this.#interval = DEFAULT_INTERVAL;
    this.#batchSize = DEFAULT_BATCH;
    if (options.interval !== undefined) this.interval = options.interval;
    if (options.batchSize !== undefined) this.batchSize = options.batchSize;
  }

  /** Default milliseconds between two reads of a watched node (5 000 unless changed). */
  get interval(): number {
    return this.#interval;
  }
  /** Changes the default interval for the waits that start from now on. */
  set interval(value: number) {
    this.#interval = checkInterval(value, "interval");
  }

  /** At most this many nodes are read by one list request (default 100). */
  get batchSize(): number {
    return this.#batchSize;
  }
  /** Changes the batch size. */
  set batchSize(value: number) {
    if (!Number.isInteger(value) || value < 1) {
      throw new ParameterError("Option batchSize must be a whole number, one or more");
    }
    this.#batchSize = value;
  }

  /** How many waits are in progress. */
  get watching(): number {
    return this.#watchers.size;
  }

  /** How many poll requests this poller has sent (to measure the load waits put on MAAS). */
  get requests(): number {
    return this.#requests;
  }

  /**
   * Watches the node `systemId` until `check` returns something other than `undefined` (the
   * result) or throws (the failure). `check` sees the node's wire data at every round.
   */
  watch<T>(
    systemId: string,
    check: (data: WireData) => T | undefined,
    options: WatchOptions = {},
  ): Promise<T> {
    const interval = options.interval === undefined
      ? this.#interval
      : checkInterval(options.interval, "interval");
    const timeout = options.timeout;
    if (timeout !== undefined && !(timeout > 0)) {
      throw new ParameterError("Option timeout must be a positive number of milliseconds");
    }
    const signals = [options.signal, this.#source.signal].filter((s) => s !== undefined);
    const aborted = signals.find((signal) => signal.aborted);
    if (aborted) return Promise.reject(aborted.reason);
    return new Promise<T>((resolve, reject) => {
      const watcher: Watcher = {
        id: systemId,
        interval,
        due: Date.now() + interval,
        check,
        resolve: resolve as (value: unknown) => void,
        reject,
        settled: false,
        timer: undefined,
        signals,
        onAbort: undefined,
      };
      if (timeout !== undefined && Number.isFinite(timeout)) {
        watcher.timer = setTimeout(() => {
          const detail = options.describe?.() ?? "still in progress";
          this.#stop(
            watcher,
            new WaitTimeoutError(systemId, options.url ?? systemId, timeout, detail),
          );
        }, timeout);
      }
      if (signals.length > 0) {
        watcher.onAbort = () => {
          this.#stop(watcher, signals.find((signal) => signal.aborted)?.reason);
        };
        for (const signal of signals) {
          signal.addEventListener("abort", watcher.onAbort, { once: true });
        }
      }
      this.#watchers.add(watcher);
      this.#schedule();
    });
  }

  /** Ends a watch from outside a round (timeout, abort), after any request in flight is done. */
  #stop(watcher: Watcher, error: unknown): void {
    if (watcher.settled) return;
    this.#detach(watcher);
    const round = this.#round;
    if (this.#watchers.size === 0 && round) {
      this.#inflight?.abort();
      round.then(() => watcher.reject(error));
    } else {
      watcher.reject(error);
    }
  }

  #detach(watcher: Watcher): void {
    watcher.settled = true;
    this.#watchers.delete(watcher);
    if (watcher.timer !== undefined) clearTimeout(watcher.timer);
    if (watcher.onAbort) {
      for (const signal of watcher.signals) signal.removeEventListener("abort", watcher.onAbort);
    }
    if (this.#watchers.size === 0 && this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #settle(watcher: Watcher, ok: boolean, value: unknown): void {
    if (watcher.settled) return;
    this.#detach(watcher);
    if (ok) watcher.resolve(value);
    else watcher.reject(value);
  }

  #schedule(): void {
    if (this.#round) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#watchers.size === 0) return;
    let next = Infinity;
    for (const watcher of this.#watchers) if (watcher.due < next) next = watcher.due;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#round = this.#poll().finally(() => {
        this.#round = undefined;
        this.#schedule();
      });
    }, Math.max(0, next - Date.now()));
  }

  async #poll(): Promise<void> {
    const now = Date.now();
    const byId = new Map<string, Watcher[]>();
    for (const watcher of this.#watchers) {
      if (watcher.due > now + watcher.interval / 2) continue;
      const list = byId.get(watcher.id);
      if (list) list.push(watcher);
      else byId.set(watcher.id, [watcher]);
    }
    if (byId.size === 0) return;
    const controller = new AbortController();
    this.#inflight = controller;
    const ids = [...byId.keys()];
    const batches: Promise<void>[] = [];
    for (let i = 0; i < ids.length; i += this.#batchSize) {
      batches.push(this.#pollBatch(ids.slice(i, i + this.#batchSize), byId, controller.signal));
    }
    await Promise.all(batches);
    if (this.#inflight === controller) this.#inflight = undefined;
  }

  async #pollBatch(
    ids: string[],
    byId: Map<string, Watcher[]>,
    signal: AbortSignal,
  ): Promise<void> {
    let answer: WireData[];
    try {
      this.#requests++;
      answer = await this.#source.many(ids, signal);
    } catch (error) {
      this.#failed(ids, byId, error, signal);
      return;
    }
    const seen = new Map<string, WireData>();
    for (const data of answer) {
      if (data && typeof data === "object") seen.set(data.system_id as string, data);
    }
    const missing: string[] = [];
    for (const id of ids) {
      const data = seen.get(id);
      if (data) this.#deliver(byId.get(id)!, data);
      else missing.push(id);
    }
    await Promise.all(missing.map(async (id) => {
      try {
        this.#requests++;
        this.#deliver(byId.get(id)!, await this.#source.one(id, signal));
      } catch (error) {
        this.#failed([id], byId, error, signal);
      }
    }));
  }

  #deliver(watchers: Watcher[], data: WireData): void {
    const now = Date.now();
    for (const watcher of watchers) {
      if (watcher.settled) continue;
      watcher.due = now + watcher.interval;
      let result: unknown;
      try {
        result = watcher.check(data);
      } catch (error) {
        this.#settle(watcher, false, error);
        continue;
      }
      if (result !== undefined) this.#settle(watcher, true, result);
    }
  }

  #failed(ids: string[], byId: Map<string, Watcher[]>, error: unknown, signal: AbortSignal): void {
    if (signal.aborted) return;
    const transient = isTransientError(error);
    const wait = error instanceof CallError && error.retryAfter !== null
      ? error.retryAfter * 1000
      : 0;
    const now = Date.now();
    for (const id of ids) {
      for (const watcher of byId.get(id)!) {
        if (watcher.settled) continue;
        if (transient) watcher.due = now + Math.max(watcher.interval, wait);
        else this.#settle(watcher, false, error);
      }
    }
  }
}

function checkInterval(value: number, name: string): number {
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new ParameterError(`Option ${name} must be a positive number of milliseconds`);
  }
  return value;
}
