// A server that stops answering in the middle of a body, answers slower than the time limit, or
// closes the connection before the headers: every kind of call ends with a TimeoutError or a
// ConnectError within the configured time, long waits included.
import assert from "node:assert/strict";
import { type Client, connect, ConnectError, type Machine, TimeoutError } from "../mod.ts";
import { type FaultRule, MaasSimulator } from "../lib/testing/mod.ts";

const TIMEOUT = 150;
const RETRIES = 2;
// Every attempt may use the whole limit; retries of GET/PUT/DELETE wait a little between.
const BOUND = (RETRIES + 1) * TIMEOUT + 1_000;

type Call = { name: string; method: string; run: (client: Client, machine: Machine) => unknown };

const CALLS: Call[] = [
  { name: "list", method: "GET", run: (c) => c.machines.list() },
  { name: "get", method: "GET", run: (c, m) => c.machines.get(m.systemId) },
  {
    name: "save",
    method: "PUT",
    run: (_, m) => {
      m.description = "changed";
      return m.save();
    },
  },
  { name: "delete", method: "DELETE", run: (c) => c.sshKeys.get(1).then((k) => k.delete()) },
  { name: "POST op", method: "POST", run: (_, m) => m.lock() },
  { name: "login", method: "POST", run: () => Promise.reject(new Error("replaced below")) },
];

const FAULTS: Array<[string, FaultRule]> = [
  ["no answer", { stall: true }],
  ["stops in the middle of the body", { stall: "mid-body" }],
  ["slower than the time limit", { delayMs: TIMEOUT * 4 }],
  ["closes before the headers", { drop: "before-headers" }],
];

Deno.test("hung servers: every call type ends with a typed error within its time", async () => {
  const sim = await MaasSimulator.start({ machines: 5 });
  try {
    const setup = await connect(sim.url, { apikey: sim.adminApiKey });
    await setup.sshKeys.create("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHung test@host");
    const [machine] = await setup.machines.list({ status: "ready" });
    setup.close();
    for (const [what, fault] of FAULTS) {
      for (const call of CALLS) {
        const client = await connect(sim.url, {
          apikey: sim.adminApiKey,
          timeout: TIMEOUT,
          retries: RETRIES,
          maxRetryWait: 10,
          connectionRetryDelay: 5,
        });
        const target = await client.machines.get(machine.systemId);
        sim.faults.inject({ ...fault, method: call.method, count: 10 });
        const started = performance.now();
        try {
          await (call.name === "login"
            ? (await import("../mod.ts")).login(sim.url, {
              username: "admin",
              password: sim.adminPassword,
              timeout: TIMEOUT,
              retries: RETRIES,
            })
            : call.run(client, target));
          assert.fail(`${call.name} with a server that ${what} should fail`);
        } catch (error) {
          const elapsed = performance.now() - started;
          assert.ok(
            error instanceof TimeoutError || error instanceof ConnectError,
            `${call.name}, server ${what}: ${error}`,
          );
          assert.ok(elapsed < BOUND, `${call.name}, server ${what}: ${elapsed} ms`);
        } finally {
          sim.faults.clear();
          client.close();
        }
      }
    }
  } finally {
    await sim.close();
  }
});

Deno.test("hung servers: a long wait ends at its own time limit even when every poll hangs", async () => {
  const sim = await MaasSimulator.start({ machines: 5, lifecycleMs: 60_000 });
  const client = await connect(sim.url, { apikey: sim.adminApiKey, timeout: TIMEOUT, retries: 0 });
  try {
    const [machine] = await client.machines.list({ status: "ready" });
    await machine.deploy();
    for (const [what, fault] of FAULTS) {
      sim.faults.inject({ ...fault, method: "GET", count: 1000 });
      const started = performance.now();
      await assert.rejects(
        machine.waitFor("deploy", { waitTimeout: 600, interval: 50 }),
        (error: unknown) => {
          assert.ok(error instanceof TimeoutError, `${what}: ${error}`);
          return true;
        },
      );
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 600 + TIMEOUT + 500, `${what}: the wait took ${elapsed} ms`);
      sim.faults.clear();
    }
  } finally {
    client.close();
    await sim.close();
  }
});
