/**
 * A test harness small enough to behave the same on Deno, Bun and Node: `test()` registers a case,
 * `runAll()` runs the cases one after another and prints one line each and a closing
 * `RUNTIME: N passed, N failed`. `node:test` would do on Node and Deno, but Bun runs it only
 * under `bun test`, whose module loading differs from `bun file.ts`, the way users run scripts.
 *
 * On Deno the same cases are also registered with `Deno.test` (see `portable_test.ts`), so the
 * full suite checks them with Deno's resource and op sanitizers.
 *
 * @module
 */

import process from "node:process";
import { inspect } from "node:util";

/** One test's body. */
export type TestFn = () => void | Promise<void>;

/** A registered test. */
export interface TestCase {
  /** What the test shows, as a sentence. */
  readonly name: string;
  /** The test itself; it fails by throwing. */
  readonly fn: TestFn;
  /** Milliseconds after which the runner counts the test as failed. */
  readonly timeout: number;
}

/** What {@linkcode runAll} counted. */
export interface Totals {
  /** Tests that finished without throwing. */
  passed: number;
  /** Tests that threw or ran out of time. */
  failed: number;
}

const registry: TestCase[] = [];

/** Registers a test. Names must be unique, so that a filter picks exactly what it names. */
export function test(name: string, fn: TestFn, options: { timeout?: number } = {}): void {
  if (registry.some((existing) => existing.name === name)) {
    throw new Error(`Two portable tests are called ${JSON.stringify(name)}`);
  }
  registry.push({ name, fn, timeout: options.timeout ?? 60_000 });
}

/** Every registered test, in registration order. */
export function registered(): readonly TestCase[] {
  return registry;
}

function withTimeout(testCase: TestCase): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${testCase.timeout} ms`)),
      testCase.timeout,
    );
  });
  return Promise.race([Promise.resolve().then(testCase.fn), expired]).finally(() =>
    clearTimeout(timer)
  );
}

function describeFailure(error: unknown): string {
  const text = error instanceof Error && error.stack ? error.stack : inspect(error);
  return text.split("\n").map((line) => `    ${line}`).join("\n");
}

/**
 * Runs the registered tests whose names contain `filter` (all without one), sequentially, and
 * prints `ok`/`FAILED` per test and the closing count line labelled with `label`.
 */
export async function runAll(label: string, filter?: string): Promise<Totals> {
  const totals: Totals = { passed: 0, failed: 0 };
  const chosen = registry.filter((testCase) => !filter || testCase.name.includes(filter));
  const print = (line: string) => process.stdout.write(line + "\n");
  print(`running ${chosen.length} portable tests on ${label}`);
  for (const testCase of chosen) {
    const started = performance.now();
    try {
      await withTimeout(testCase);
      totals.passed++;
      print(`ok     ${testCase.name} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      totals.failed++;
      print(`FAILED ${testCase.name} (${Math.round(performance.now() - started)} ms)`);
      print(describeFailure(error));
    }
  }
  print(`${label.split(" ")[0]}: ${totals.passed} passed, ${totals.failed} failed`);
  return totals;
}
