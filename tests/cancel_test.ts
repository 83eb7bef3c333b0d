/**
 * Cancelling: a client's own signal ends its waits as well as its requests (with the signal's
 * reason, a `CancelledError` here), and the REPL's re-armable signal knows what it would cancel.
 */

import assert from "node:assert/strict";
import { CancelledError, type Client, connect, MaasError, type Machine } from "../mod.ts";
import { CancelSignal, ctrlC } from "../lib/repl/cancel.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

/** Fails the test instead of hanging when `promise` does not settle within `ms`. */
async function settlesWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not end`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function readyMachine(client: Client): Promise<Machine> {
  const ready = (await client.machines.list()).find((machine) => machine.statusName === "Ready");
  assert.ok(ready, "the inventory has a Ready machine");
  return ready;
}

Deno.test("cancel: a client's signal ends a wait between two polls, with its reason", async () => {
  await using sim = await MaasSimulator.start({ machines: 12, seed: 3 });
  const controller = new AbortController();
  const client = await connect(sim.url, { apikey: sim.adminApiKey, signal: controller.signal });
  try {
    const machine = await readyMachine(client);
    // A poll only every ten minutes: the wait can only end early by being cancelled.
    const waiting = machine.deploy({}, { wait: true, interval: 600_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(client.machines.poller.watching, 1);
    const polls = client.machines.poller.requests;
    const reason = new CancelledError("Stopped by the test");
    controller.abort(reason);
    await assert.rejects(settlesWithin(waiting, 5_000, "the wait"), (error) => {
      assert.equal(error, reason);
      assert.ok(error instanceof MaasError);
      return true;
    });
    assert.equal(client.machines.poller.watching, 0);
    assert.equal(client.machines.poller.requests, polls, "no poll was sent after the cancel");
    await assert.rejects(machine.deploy({}, { wait: true }), (error) => error === reason);
  } finally {
    client.close();
  }
});

Deno.test("cancel: a client's signal ends a wait whose poll is in flight", async () => {
  await using sim = await MaasSimulator.start({ machines: 12, seed: 3 });
  const cancel = new CancelSignal();
  const client = await connect(sim.url, { apikey: sim.adminApiKey, signal: cancel.signal });
  try {
    const machine = await readyMachine(client);
    sim.faults.inject({ method: "GET", path: "/MAAS/api/2.0/machines/", stall: true, count: 10 });
    const waiting = machine.deploy({}, { wait: true, interval: 100 });
    const outcome = waiting.then(() => null, (error) => error);
    const poller = client.machines.poller;
    while (poller.requests === 0 || client.transport.inFlight === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(cancel.listening >= 2, "the wait and the poll request both listen");
    cancel.abort();
    await assert.rejects(settlesWithin(waiting, 5_000, "the wait"), (error) => {
      assert.equal(error, cancel.reason);
      assert.ok(error instanceof CancelledError);
      assert.equal(error.message, "Cancelled with Ctrl-C");
      assert.equal(error.stack, "CancelledError: Cancelled with Ctrl-C");
      return true;
    });
    assert.equal(await outcome, cancel.reason);
    assert.equal(client.transport.inFlight, 0);
    assert.equal(cancel.listening, 0, "nothing is left listening once it wound down");
    cancel.reset();
    sim.faults.clear();
    assert.equal((await client.users.whoami()).username, "admin", "the signal works again");
  } finally {
    client.close();
  }
});

Deno.test("cancel: the REPL's signal counts what listens, and can be aborted again after reset", () => {
  const cancel = new CancelSignal();
  const seen: unknown[] = [];
  const once = (event: Event) => seen.push(["once", event.type]);
  const kept = () => seen.push("kept");
  cancel.addEventListener("abort", once, { once: true });
  cancel.addEventListener("abort", once, { once: true });
  cancel.addEventListener("abort", kept);
  cancel.addEventListener("other", kept);
  assert.equal(cancel.listening, 2, "the same listener counts once; other events not at all");
  assert.equal(cancel.aborted, false);
  cancel.throwIfAborted();
  cancel.abort();
  assert.deepEqual(seen, [["once", "abort"], "kept"]);
  assert.equal(cancel.aborted, true);
  assert.ok(cancel.reason instanceof CancelledError);
  assert.throws(() => cancel.throwIfAborted(), CancelledError);
  assert.equal(cancel.listening, 1, "a once listener is gone after it ran");
  cancel.abort();
  assert.equal(seen.length, 2, "aborting twice does not fire twice");
  cancel.removeEventListener("abort", kept);
  assert.equal(cancel.listening, 0);
  cancel.reset();
  assert.equal(cancel.aborted, false);
  assert.equal(cancel.reason, undefined);
  const again = new CancelledError("again");
  cancel.abort(again);
  assert.equal(cancel.reason, again);
  assert.equal(ctrlC().name, "CancelledError");
});
