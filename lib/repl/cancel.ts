/**
 * Ctrl-C at the REPL cancels the requests in flight instead of ending the session.
 *
 * A transport takes one `AbortSignal` for its whole life, and a real signal can never be reset
 * once aborted. The REPL's client therefore gets a {@linkcode CancelSignal}: it behaves as an
 * aborted signal while the requests in flight at the moment of the Ctrl-C wind down (so the
 * transport neither retries them nor reports a connection failure), then becomes a fresh,
 * unaborted signal for the next expression.
 *
 * @module
 */

/**
 * Raised in the evaluation whose requests were cancelled.
 *
 * @example
 * ```ts
 * import { CancelledError } from "./cancel.ts";
 * console.log(new CancelledError().message); // Cancelled with Ctrl-C
 * ```
 */
export class CancelledError extends Error {
  /** Creates the error. */
  constructor(message = "Cancelled with Ctrl-C") {
    super(message);
    this.name = "CancelledError";
    // Where the signal fired says nothing useful at the prompt.
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * An `AbortSignal` stand-in that can be aborted many times, once per Ctrl-C.
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
  /** Listener property that `AbortSignal` has; unused by the transport. */
  onabort: ((event: Event) => void) | null = null;

  /** Whether a cancellation is winding down. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** The error requests being cancelled raise. */
  get reason(): unknown {
    return this.#reason;
  }

  /** Throws the reason while a cancellation is winding down. */
  throwIfAborted(): void {
    if (this.#aborted) throw this.#reason;
  }

  /** Cancels everything listening now. */
  abort(reason: unknown = new CancelledError()): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const event = new Event("abort");
    this.onabort?.(event);
    this.dispatchEvent(event);
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

/**
 * Listens for SIGINT (Ctrl-C while an expression runs: at the prompt itself the line editor takes
 * Ctrl-C as a key). With requests in flight, cancels them; with none, says so, and a second
 * Ctrl-C within two seconds leaves. Returns a function that stops listening.
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
    const count = target.inFlight();
    if (count === 0) {
      const now = Date.now();
      if (now - lastIdle < 2000) target.exit(130);
      lastIdle = now;
      target.write(" (no request in flight; press Ctrl-C again to leave the REPL)");
    } else {
      target.write(` cancelling ${count} request${count === 1 ? "" : "s"} in flight`);
    }
    // Requests waiting for a retry or a free slot are not "in flight" but are cancelled too.
    target.signal.abort();
    const started = Date.now();
    const settle = () => {
      // Cancelled requests read the signal until they leave the transport; once none is in
      // flight, nothing started before the Ctrl-C reads it any more and it can be fresh again.
      if (target.inFlight() > 0 && Date.now() - started < 5000) {
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
