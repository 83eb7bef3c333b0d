/**
 * Fault injection: the next N matching requests get a chosen answer (a status with `Retry-After`,
 * a dropped connection, a delay, a stall) before any authentication or handler runs, just as
 * MAAS's own retry answers come before any work is done.
 *
 * @module
 */

/**
 * What to do to the next `count` requests that match `method`, `path` and `op`.
 *
 * `path` is compared with the URL's pathname: a string matches exactly, or as a prefix when it ends
 * in `*` (`"/MAAS/api/2.0/machines/*"`); a RegExp is tested against it. Omitted criteria match
 * anything; `op` matches the `op` parameter (query string first, then form body).
 *
 * The answer: `status` (+ `body`, `contentType`, `retryAfter`) answers at once; `drop` destroys the
 * connection before the headers, or after the headers and part of the body; `stall` never answers
 * (the client gives up, or the simulator closes). `delayMs` waits first and may be combined with
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
  stall?: boolean;
}

/** The request facts a rule is matched against: upper-case method, pathname, op or null. */
type FaultTarget = { method: string; path: string; op: string | null };

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

  /** Disarm every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** How many requests the armed rules will still apply to, all rules together. */
  pending(): number {
    return this.#rules.reduce((sum, armed) => sum + armed.left, 0);
  }

  #take(target: FaultTarget): FaultRule | null {
    const index = this.#rules.findIndex(({ rule }) => matches(rule, target));
    if (index === -1) return null;
    const armed = this.#rules[index];
    armed.left--;
    if (armed.left === 0) this.#rules.splice(index, 1);
    return armed.rule;
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
  target: { method: string; path: string; op: string | null },
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
