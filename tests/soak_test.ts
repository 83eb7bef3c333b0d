// A soak of mixed operations against a simulator that answers part of the requests with 409/503 +
// Retry-After, drops connections and adds random latency. Afterwards the simulator's own log and
// state must show: every operation ended (value or typed error), no POST with side effects ran
// twice, no nonce was sent twice, nothing outlived its time limit.
//
// SOAK_OPERATIONS sets the count (CI runs 300; `deno task soak` runs 1,000).
import assert from "node:assert/strict";
import process from "node:process";
import { type Client, connect, MaasError, type Machine } from "../mod.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

const OPERATIONS = Number(process.env.SOAK_OPERATIONS ?? 300);
const TIMEOUT = 2_000;
const RETRIES = 4;
const RETRY_WAIT = 5;

Deno.test(`soak: ${OPERATIONS} mixed operations under 30 % retry answers and 5 % drops`, async () => {
  const sim = await MaasSimulator.start({ machines: 120, seed: 11, lifecycleMs: 20 });
  const client = await connect(sim.url, {
    apikey: sim.adminApiKey,
    timeout: TIMEOUT,
    retries: RETRIES,
    maxRetryWait: RETRY_WAIT,
    connectionRetryDelay: 1,
  });
  try {
    const machines = await client.machines.list();
    const ids = machines.map((m) => m.systemId);
    sim.faults.chaos({ retryRate: 0.3, dropRate: 0.05, maxLatencyMs: 15, retryAfter: 1, seed: 5 });

    let dice = 42;
    const pick = (n: number) => {
      dice = (dice * 1103515245 + 12345) % 2147483648;
      return dice % n;
    };
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const posts: string[] = [];
    let longest = 0;
    const kinds = ["list", "get", "update", "allocate", "deploy", "release", "tag"] as const;

    const run = async (n: number): Promise<void> => {
      const kind = kinds[pick(kinds.length)];
      const id = ids[pick(ids.length)];
      const marker = `soak-${n}`;
      const started = performance.now();
      try {
        await operation(client, kind, id, marker, posts);
        count(`${kind}: ok`);
      } catch (error) {
        assert.ok(error instanceof MaasError, `${kind} raised ${error}`);
        count(`${kind}: ${error.name}`);
      } finally {
        longest = Math.max(longest, performance.now() - started);
      }
    };
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < OPERATIONS) await run(next++);
    }));
    sim.faults.clear();

    // Every operation ended, with a value or a typed error.
    const ended = [...outcomes.values()].reduce((a, b) => a + b, 0);
    assert.equal(ended, OPERATIONS);

    // No POST with side effects ran twice: each carries a marker, and the simulator ran (did not
    // answer with a fault) at most one request per marker.
    const executed = new Map<string, number>();
    for (const entry of sim.log) {
      if (entry.method !== "POST" || entry.fault || entry.status === 0) continue;
      const marker = entry.params.comment?.[0] ?? entry.params.name?.[0];
      if (marker?.startsWith("soak-")) executed.set(marker, (executed.get(marker) ?? 0) + 1);
    }
    const twice = [...executed].filter(([, times]) => times > 1);
    assert.deepEqual(twice, [], "a POST with side effects ran more than once");
    for (const marker of executed.keys()) assert.ok(posts.includes(marker));

    // No nonce was ever sent twice.
    const nonces = sim.log.map((e) => e.nonce).filter((n): n is string => n !== null);
    assert.equal(new Set(nonces).size, nonces.length, "a nonce was sent twice");

    // Nothing outlived its limits: every attempt is bounded by the timeout, every wait by the cap.
    const bound = (RETRIES + 1) * (TIMEOUT + RETRY_WAIT + 50) + 500;
    assert.ok(longest < bound, `an operation took ${longest} ms (bound ${bound} ms)`);

    const faults = sim.log.filter((e) => e.fault).length;
    const retried = sim.log.filter((e) => e.retried).length;
    console.log(
      `soak: ${OPERATIONS} operations, ${sim.log.length} requests (${faults} answered with faults, ` +
        `${retried} retries seen by the server), ${executed.size} side-effect POSTs run once each, ` +
        `${nonces.length} distinct nonces, longest operation ${Math.round(longest)} ms`,
    );
    console.log(
      "soak outcomes: " +
        [...outcomes].sort().map(([key, n]) => `${key} ×${n}`).join(", "),
    );
  } finally {
    client.close();
    await sim.close();
  }
});

async function operation(
  client: Client,
  kind: string,
  id: string,
  marker: string,
  posts: string[],
): Promise<void> {
  switch (kind) {
    case "list":
      await client.machines.list({ status: "ready" });
      return;
    case "get":
      await client.machines.get(id);
      return;
    case "update": {
      const machine: Machine = await client.machines.get(id);
      machine.description = marker;
      await machine.save();
      return;
    }
    case "allocate":
      posts.push(marker);
      await client.machines.allocate({ comment: marker, cpuCount: 1 });
      return;
    case "deploy": {
      const machine = await client.machines.get(id);
      posts.push(marker);
      await machine.deploy({ comment: marker });
      return;
    }
    case "release": {
      const machine = await client.machines.get(id);
      posts.push(marker);
      await machine.release({ comment: marker });
      return;
    }
    default: {
      posts.push(marker);
      const tag = await client.tags.create({ name: marker, comment: "soak" });
      await tag.updateNodes({ add: [id] });
    }
  }
}
