/**
 * What the end-to-end tests share: a simulator with clients connected to it (all closed when the
 * test is done), the last request the simulator saw, the describe document's handlers, and
 * assertions on calls that must fail before any request. Not a test file itself.
 */
import assert from "node:assert/strict";
import { type CallError, type Client, connect, ParameterError } from "../../mod.ts";
import { MaasSimulator, type SimulatorOptions } from "../../lib/testing/mod.ts";

/**
 * The MAAS line the suite runs against: `SIM_MAAS_VERSION` (`3.7`, `master`…), else the
 * simulator's default. A test that names its own line keeps it.
 */
const LINE = Deno.env.get("SIM_MAAS_VERSION") as SimulatorOptions["maasVersion"];

/** Starts a simulator with `options`, runs `fn` with it, then closes it (also when `fn` throws). */
export async function withSimulator(
  fn: (sim: MaasSimulator) => Promise<void>,
  options?: SimulatorOptions,
): Promise<void> {
  const sim = await MaasSimulator.start({ maasVersion: LINE, ...options });
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

/** Connects to `sim` with `apikey` (the administrator's by default), runs `fn`, closes the client. */
export async function withConnection(
  sim: MaasSimulator,
  fn: (client: Client) => Promise<void>,
  apikey: string = sim.adminApiKey,
): Promise<void> {
  const client = await connect(sim.url, { apikey });
  try {
    await fn(client);
  } finally {
    client.close();
  }
}

/** A simulator started with `options` and an administrator's client of it, both closed after `fn`. */
export function withClient(
  fn: (client: Client, sim: MaasSimulator) => Promise<void>,
  options?: SimulatorOptions,
): Promise<void> {
  return withSimulator((sim) => withConnection(sim, (client) => fn(client, sim)), options);
}

/** The last request the simulator saw. */
export function lastEntry(sim: MaasSimulator): MaasSimulator["log"][number] {
  const entry = sim.log.at(-1);
  assert.ok(entry, "the simulator saw a request");
  return entry;
}

/** The params of the last request the simulator saw. */
export function lastParams(sim: MaasSimulator): Record<string, string[]> {
  return lastEntry(sim).params;
}

/** A handler's actions from the describe document, written as maas-handlers.json writes them. */
export async function describedActions(
  client: Client,
): Promise<Map<string, { path: string; actions: string[] }>> {
  const document = await client.call<{
    resources: {
      auth: {
        name: string;
        path: string;
        actions: { name: string; method: string; op: string | null }[];
      } | null;
    }[];
  }>("GET", "describe/");
  const handlers = new Map<string, { path: string; actions: string[] }>();
  for (const { auth } of document.resources) {
    if (!auth) continue;
    handlers.set(auth.name, {
      path: auth.path,
      actions: auth.actions.map((action) =>
        `${action.method} ${action.name}${action.op === null ? "" : " (op)"}`
      ).sort(),
    });
  }
  return handlers;
}

/**
 * Runs `fn`, expecting a ParameterError whose message matches `text` (a pattern, or a string
 * read as one) and no request at all.
 */
export async function rejectsLocally(
  sim: MaasSimulator,
  fn: () => Promise<unknown>,
  text: RegExp | string,
): Promise<void> {
  const pattern = typeof text === "string" ? new RegExp(text) : text;
  const before = sim.log.length;
  await assert.rejects(fn, (error: unknown) => {
    assert.ok(error instanceof ParameterError, `a ParameterError, got ${error}`);
    assert.match(error.message, pattern);
    return true;
  });
  assert.equal(sim.log.length, before, "no request was sent");
}

/** Runs `fn`, expecting it to fail with a `kind` error that passes `check`. */
export async function rejectsWith<T extends CallError>(
  fn: () => Promise<unknown>,
  kind: new (...args: never[]) => T,
  check: (error: T) => void,
): Promise<void> {
  await assert.rejects(fn, (error: unknown) => {
    assert.ok(error instanceof kind, `a ${kind.name}, got ${error}`);
    check(error as T);
    return true;
  });
}

/** {@link withClient} with `options` first, and life cycle steps of 15 ms unless they say. */
export function withQuickLifecycle(
  options: SimulatorOptions,
  fn: (client: Client, sim: MaasSimulator) => Promise<void>,
): Promise<void> {
  return withClient(fn, { lifecycleMs: 15, ...options });
}

/** A simulator, an administrator's client of it and a client of `alice`, who is not one. */
export interface AdminAndUser {
  /** The simulator. */
  sim: MaasSimulator;
  /** The administrator's client. */
  admin: Client;
  /** A client of `alice`, a user who is not an administrator. */
  user: Client;
}

/** {@link withClient} with `alice` (not an administrator) and her client too, all closed after `fn`. */
export function withAdminAndUser(
  fn: (world: AdminAndUser) => Promise<void>,
  options?: SimulatorOptions,
): Promise<void> {
  return withClient((admin, sim) => {
    const { apikey } = sim.createUser({ username: "alice" });
    return withConnection(sim, (user) => fn({ sim, admin, user }), apikey);
  }, options);
}
