/**
 * Fault injection: the next N matching requests get a chosen answer (a status with `Retry-After`,
 * a dropped connection, a delay, a stall) before any authentication or handler runs, just as
 * MAAS's own retry answers come before any work is done.
 *
 * @module
 */

import { SeededRandom } from "./random.ts";

/**
 * What to do to the next `count` requests that match `method`, `path` and `op`.
 *
 * `path` is compared with the URL's pathname: a string matches exactly, or as a prefix when it ends
 * in `*` (`"/MAAS/api/2.0/machines/*"`); a RegExp is tested against it. Omitted criteria match
 * anything; `op` matches the `op` parameter (query string first, then form body).
 *
 * The answer: `status` (+ `body`, `contentType`, `retryAfter`) answers at once; `drop` destroys the
 * connection before the headers, or after the headers and part of the body; `stall` never answers
 * (the client gives up, or the simulator closes), and `stall: "mid-body"` sends the headers and
 * half the body, then nothing more. `delayMs` waits first and may be combined with
 * the others; a rule with only `delayMs` slows the request down and then lets it through.
 *
 * @example
 * ```ts
 * import type { FaultRule } from "@libmaas/client/testing";
 * const busy: FaultRule = {
 *   method: "POST",
 *   path: "/MAAS/api/2.0/machines/*",
 *   op: "deploy",
 *   status: 409,
 *   retryAfter: 5,
 *   body: "Database is busy",
 *   count: 2,
 * };
 * ```
 */
export interface FaultRule {
  /** HTTP method to match, any case. */
  method?: string;
  /** Pathname to match: exact string, prefix ending in `*`, or RegExp. */
  path?: string | RegExp;
  /** `op` to match. */
  op?: string;
  /** How many matching requests the rule applies to (default 1). */
  count?: number;
  /** Answer with this status. */
  status?: number;
  /** `Retry-After` header to send with `status`. */
  retryAfter?: number | string;
  /** Body to send with `status` (text, sent as UTF-8; default: the status's reason phrase). */
  body?: string;
  /** `Content-Type` to send with `status` (default `text/plain; charset=utf-8`). */
  contentType?: string;
  /** Destroy the connection before any response, or after the headers and part of the body. */
  drop?: "before-headers" | "mid-body";
  /** Wait this long before acting (does not hold up other requests). */
  delayMs?: number;
  /** Never answer. */
  stall?: boolean | "mid-body";
}

/** Random faults for every request; see {@linkcode FaultInjector.chaos}. */
export interface ChaosOptions {
  /** Share of requests answered 409 or 503 with `Retry-After` (0 to 1). */
  retryRate?: number;
  /** The `Retry-After` value sent, in seconds (default 1). */
  retryAfter?: number;
  /**
   * Share of requests whose connection is dropped before any answer (0 to 1). Only the first
   * request of a connection is dropped: Deno's `fetch` silently sends again a request whose
   * reused keep-alive connection closes unanswered, so a drop there would never reach the client
   * (and would repeat the request's nonce).
   */
  dropRate?: number;
  /** Each request is delayed by a random 0 to this many milliseconds (default 0). */
  maxLatencyMs?: number;
  /** Seed of the dice (default 1). */
  seed?: number;
}

/** The request facts a rule is matched against: upper-case method, pathname, op or null. */
type FaultTarget = { method: string; path: string; op: string | null; fresh?: boolean };

interface ArmedRule {
  rule: FaultRule;
  left: number;
}

let takeFrom: (injector: FaultInjector, target: FaultTarget) => FaultRule | null;
let hookInto: (injector: FaultInjector, hook: (rule: FaultRule) => void) => void;

/**
 * The simulator's fault rules, consumed in the order they were injected.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * sim.faults.inject({ path: "/MAAS/api/2.0/version/", status: 503, retryAfter: 1, count: 2 });
 * console.log(sim.faults.pending()); // 2
 * ```
 */
export class FaultInjector {
  #rules: ArmedRule[] = [];
  #chaos: { options: ChaosOptions; random: SeededRandom } | null = null;
  #onInject: (rule: FaultRule) => void = () => {};

  static {
    takeFrom = (injector, target) => injector.#take(target);
    hookInto = (injector, hook) => {
      injector.#onInject = hook;
    };
  }

  /** Arm a rule for its next `count` (default 1) matching requests. */
  inject(rule: FaultRule): void {
    const count = rule.count ?? 1;
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`FaultRule.count must be a positive integer, got ${rule.count}`);
    }
    if (rule.drop !== undefined && rule.drop !== "before-headers" && rule.drop !== "mid-body") {
      throw new RangeError(
        `FaultRule.drop must be "before-headers" or "mid-body", got ${rule.drop}`,
      );
    }
    this.#rules.push({ rule: { ...rule }, left: count });
    this.#onInject(rule);
  }

  /**
   * Answer a random share of every request with a fault until {@linkcode FaultInjector.clear}:
   * a 409 or 503 with `Retry-After` (done before any work, as MAAS does), a dropped connection, or
   * extra latency. Armed rules still come first. The same seed gives the same sequence.
   *
   * @example
   * ```ts
   * import { MaasSimulator } from "@libmaas/client/testing";
   * await using sim = await MaasSimulator.start();
   * sim.faults.chaos({ retryRate: 0.3, dropRate: 0.05, maxLatencyMs: 20, seed: 7 });
   * ```
   */
  chaos(options: ChaosOptions): void {
    for (const name of ["retryRate", "dropRate"] as const) {
      const value = options[name] ?? 0;
      if (!(value >= 0 && value <= 1)) {
        throw new RangeError(`ChaosOptions.${name} must be between 0 and 1, got ${value}`);
      }
    }
    this.#chaos = { options: { ...options }, random: new SeededRandom(options.seed ?? 1) };
    if ((options.dropRate ?? 0) > 0) this.#onInject({ drop: "before-headers" });
  }

  /** Disarm every rule and stop random faults. */
  clear(): void {
    this.#rules = [];
    this.#chaos = null;
  }

  /** How many requests the armed rules will still apply to, all rules together. */
  pending(): number {
    return this.#rules.reduce((sum, armed) => sum + armed.left, 0);
  }

  #take(target: FaultTarget): FaultRule | null {
    const index = this.#rules.findIndex(({ rule }) => matches(rule, target));
    if (index === -1) return this.#roll(target.fresh ?? true);
    const armed = this.#rules[index];
    armed.left--;
    if (armed.left === 0) this.#rules.splice(index, 1);
    return armed.rule;
  }

  #roll(fresh: boolean): FaultRule | null {
    return this.#chaos ? chaosRule(this.#chaos.options, this.#chaos.random, fresh) : null;
  }
}

/**
 * Consume one application of the first armed rule matching the request, if any (for the
 * simulator's request pipeline; tests use `inject`).
 *
 * @example
 * ```ts
 * import { FaultInjector, takeFault } from "./faults.ts";
 * const faults = new FaultInjector();
 * faults.inject({ method: "GET", status: 503 });
 * console.log(takeFault(faults, { method: "GET", path: "/MAAS/", op: null })?.status); // 503
 * ```
 */
export function takeFault(
  injector: FaultInjector,
  target: { method: string; path: string; op: string | null; fresh?: boolean },
): FaultRule | null {
  return takeFrom(injector, target);
}

/**
 * Be told of every rule injected from now on (the simulator closes idle connections when a drop is
 * armed; see `MaasSimulator`).
 *
 * @example
 * ```ts
 * import { FaultInjector, onInject } from "./faults.ts";
 * const faults = new FaultInjector();
 * onInject(faults, (rule) => console.log("armed", rule));
 * ```
 */
export function onInject(injector: FaultInjector, hook: (rule: FaultRule) => void): void {
  hookInto(injector, hook);
}

function chaosRule(
  options: ChaosOptions,
  random: SeededRandom,
  fresh: boolean,
): FaultRule | null {
  const delayMs = options.maxLatencyMs ? random.next() * options.maxLatencyMs : 0;
  const roll = random.next();
  const retryRate = options.retryRate ?? 0;
  if (roll < retryRate) {
    return {
      status: random.next() < 0.5 ? 409 : 503,
      retryAfter: options.retryAfter ?? 1,
      body: "The server is busy; try again.",
      delayMs,
    };
  }
  if (fresh && roll < retryRate + (options.dropRate ?? 0)) {
    return { drop: "before-headers", delayMs };
  }
  return delayMs > 0 ? { delayMs } : null;
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== target.method) return false;
  if (rule.op !== undefined && rule.op !== target.op) return false;
  const path = rule.path;
  if (path === undefined) return true;
  if (path instanceof RegExp) {
    path.lastIndex = 0;
    return path.test(target.path);
  }
  return path.endsWith("*") ? target.path.startsWith(path.slice(0, -1)) : path === target.path;
}
