/**
 * Ctrl-C at the REPL cancels what the running line is doing (requests in flight, retries, waits
 * such as `deploy({}, { wait: true })`) instead of ending the session: the line ends with a
 * {@linkcode CancelledError} and the next one runs as usual.
 *
 * A transport takes one `AbortSignal` for its whole life, and a real signal can never be reset
 * once aborted. The REPL's client therefore gets a {@linkcode CancelSignal}: it behaves as an
 * aborted signal while what listened to it at the moment of the Ctrl-C winds down (so the
 * transport neither retries nor reports a connection failure), then becomes a fresh, unaborted
 * signal for the next line.
 *
 * @module
 */

import { CancelledError } from "../errors.ts";

/**
 * The error a line cancelled with Ctrl-C ends with. Where the signal fired says nothing useful
 * at the prompt, so its stack is the one line.
 *
 * @example
 * ```ts
 * import { ctrlC } from "./cancel.ts";
 * console.log(ctrlC().stack); // CancelledError: Cancelled with Ctrl-C
 * ```
 */
export function ctrlC(): CancelledError {
  const error = new CancelledError("Cancelled with Ctrl-C");
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

type Listener = EventListenerOrEventListenerObject;

/**
 * An `AbortSignal` stand-in that can be aborted many times, once per Ctrl-C, and knows whether
 * anything is listening (a request, a retry's pause, a wait): that is what a Ctrl-C can cancel.
 *
 * @example
 * ```ts
 * import { CancelSignal } from "./cancel.ts";
 * const cancel = new CancelSignal();
 * cancel.abort();
 * console.log(cancel.aborted); // true
 * cancel.reset();
 * ```
 */
export class CancelSignal extends EventTarget {
  #aborted = false;
  #reason: unknown = undefined;
  /** The abort listeners attached now, and whether each goes away once it has run. */
  #listeners = new Map<Listener, boolean>();
  /** Listener property that `AbortSignal` has; unused by the transport. */
  onabort: ((event: Event) => void) | null = null;

  /** Whether a cancellation is winding down. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** The error what is being cancelled raises. */
  get reason(): unknown {
    return this.#reason;
  }

  /** How many requests, pauses and waits would be cancelled by {@linkcode CancelSignal.abort}. */
  get listening(): number {
    return this.#listeners.size;
  }

  /** Throws the reason while a cancellation is winding down. */
  throwIfAborted(): void {
    if (this.#aborted) throw this.#reason;
  }

  /** Adds a listener, counting `abort` listeners. */
  override addEventListener(
    type: string,
    listener: Listener | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
    if (type === "abort" && listener && !this.#listeners.has(listener)) {
      this.#listeners.set(listener, typeof options === "object" && options.once === true);
    }
  }

  /** Removes a listener. */
  override removeEventListener(
    type: string,
    listener: Listener | null,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener, options);
    if (type === "abort" && listener) this.#listeners.delete(listener);
  }

  /** Cancels everything listening now. */
  abort(reason: unknown = ctrlC()): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const event = new Event("abort");
    this.onabort?.(event);
    this.dispatchEvent(event);
    for (const [listener, once] of this.#listeners) if (once) this.#listeners.delete(listener);
  }

  /** Makes the signal fresh again. */
  reset(): void {
    this.#aborted = false;
    this.#reason = undefined;
  }

  /** This object, typed as the `AbortSignal` the transport expects. */
  get signal(): AbortSignal {
    return this as unknown as AbortSignal;
  }
}

/** What {@linkcode installCtrlC} needs to know about the client. */
export interface CancelTarget {
  /** Requests in flight right now. */
  inFlight(): number;
  /** The signal the client's transport was made with. */
  signal: CancelSignal;
  /** Where to write what happened (standard error). */
  write(line: string): void;
  /** Leaves the REPL (a second Ctrl-C with nothing to cancel). */
  exit(code: number): void;
}

/** How long a second Ctrl-C with nothing to cancel counts as "again", in milliseconds. */
const AGAIN_WITHIN = 2000;
/** The longest a cancellation may take to wind down before the signal is fresh again anyway. */
const WIND_DOWN_LIMIT = 5000;

/**
 * Listens for SIGINT, which arrives while a line runs (at the prompt itself the line editor takes
 * Ctrl-C as a key: twice on an empty line leaves, as Ctrl-D does). With anything of the client's
 * to cancel, cancels it and the line ends with a {@linkcode CancelledError}; with nothing (a line
 * stuck in code of its own), says so, and a second Ctrl-C within two seconds leaves. Returns a
 * function that stops listening.
 *
 * @example
 * ```ts
 * import { CancelSignal, installCtrlC } from "./cancel.ts";
 * const stop = await installCtrlC({
 *   inFlight: () => 0,
 *   signal: new CancelSignal(),
 *   write: console.error,
 *   exit: (code) => console.log("exit", code),
 * });
 * stop();
 * ```
 */
export async function installCtrlC(target: CancelTarget): Promise<() => void> {
  const process = (await import("node:process")).default;
  let lastIdle = 0;
  const onSigint = () => {
    const requests = target.inFlight();
    if (requests === 0 && target.signal.listening === 0) {
      const now = Date.now();
      if (now - lastIdle < AGAIN_WITHIN) target.exit(130);
      lastIdle = now;
      target.write(
        " (nothing of the client's is running to cancel; press Ctrl-C again to leave the REPL)",
      );
      return;
    }
    target.write(
      requests > 0
        ? ` cancelling ${requests} request${requests === 1 ? "" : "s"} in flight`
        : " cancelling the wait",
    );
    target.signal.abort();
    const started = Date.now();
    const settle = () => {
      // What was cancelled reads the signal until it has wound down; once nothing listens and
      // no request is left, nothing started before the Ctrl-C reads it any more.
      const busy = target.inFlight() > 0 || target.signal.listening > 0;
      if (busy && Date.now() - started < WIND_DOWN_LIMIT) {
        setTimeout(settle, 0);
      } else {
        target.signal.reset();
      }
    };
    setTimeout(settle, 0);
  };
  process.on("SIGINT", onSigint);
  return () => process.off("SIGINT", onSigint);
}
