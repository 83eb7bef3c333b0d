/**
 * Running one operation over many items with bounded concurrency, collecting a result per item
 * instead of stopping at the first failure.
 *
 * @module
 */

import { ParameterError } from "../errors.ts";

/** Options of a bulk run. */
export interface BulkOptions {
  /** At most this many operations at once (default: the client's concurrency, 8 unless set). */
  concurrency?: number;
  /** Stops starting new operations; items not started are reported as rejected with its reason. */
  signal?: AbortSignal;
}

/** The outcome of one item of {@linkcode bulk}. */
export type Settled<T, R> =
  | { readonly item: T; readonly status: "fulfilled"; readonly value: R }
  | { readonly item: T; readonly status: "rejected"; readonly error: unknown };

/** How a runner turns an item's outcome into its result record. */
export interface Outcomes<T, S> {
  /** The record of an item whose operation succeeded. */
  fulfilled(item: T, value: unknown): S;
  /** The record of an item whose operation failed (or never started). */
  rejected(item: T, error: unknown): S;
}

/**
 * Runs `task` on every item, at most `concurrency` at a time, and returns one record per item in
 * the items' order. A pool of workers pulls the next index, so nothing is allocated per item but
 * the task's own promise and its record.
 *
 * @example
 * ```ts
 * import { runBounded } from "@libmaas/client/objects";
 * const results = await runBounded(
 *   [1, 2, 3],
 *   (n) => Promise.resolve(n * 2),
 *   { fulfilled: (_item, value) => value, rejected: () => null },
 *   2,
 * );
 * console.log(results); // [2, 4, 6]
 * ```
 */
export async function runBounded<T, S>(
  items: readonly T[],
  task: (item: T, index: number) => Promise<unknown>,
  outcomes: Outcomes<T, S>,
  concurrency: number,
  signal?: AbortSignal,
): Promise<S[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ParameterError("Option concurrency must be a whole number, one or more");
  }
  const count = items.length;
  const results = new Array<S>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const item = items[index];
      if (signal?.aborted) {
        results[index] = outcomes.rejected(item, signal.reason);
        continue;
      }
      try {
        results[index] = outcomes.fulfilled(item, await task(item, index));
      } catch (error) {
        results[index] = outcomes.rejected(item, error);
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = Math.min(concurrency, count); i > 0; i--) workers.push(worker());
  await Promise.all(workers);
  return results;
}

const ITEM_OUTCOMES: Outcomes<unknown, Settled<unknown, unknown>> = {
  fulfilled: (item, value) => ({ item, status: "fulfilled", value }),
  rejected: (item, error) => ({ item, status: "rejected", error }),
};

/**
 * Runs `fn` on every item with at most `concurrency` (default 8) running at once, and reports
 * each item's outcome instead of failing at the first error. Results come in the items' order.
 *
 * @example
 * ```ts
 * import { bulk, type Client } from "@libmaas/client";
 * async function lockAll(client: Client) {
 *   const machines = await client.machines.list({ status: "deployed" });
 *   const results = await bulk(machines, (machine) => machine.lock({ comment: "freeze" }));
 *   for (const result of results) {
 *     if (result.status === "rejected") console.error(`${result.item}: ${result.error}`);
 *   }
 * }
 * ```
 */
export function bulk<T, R>(
  items: Iterable<T>,
  fn: (item: T, index: number) => Promise<R>,
  options: BulkOptions = {},
): Promise<Settled<T, R>[]> {
  if (items === null || typeof (items as Partial<Iterable<T>>)?.[Symbol.iterator] !== "function") {
    return Promise.reject(new ParameterError("bulk() takes a list (or any iterable) of items"));
  }
  if (typeof fn !== "function") {
    return Promise.reject(new ParameterError("bulk() takes a function to run on each item"));
  }
  const list = Array.isArray(items) ? items as readonly T[] : Array.from(items);
  return runBounded(
    list,
    fn,
    ITEM_OUTCOMES as Outcomes<T, Settled<T, R>>,
    options.concurrency ?? 8,
    options.signal,
  );
}
