/**
 * The benchmarks: `deno task bench`. Every number is a ratio measured within one run on one
 * machine against the simulator (in its own process), printed as one table and written to
 * `bench/results.json`.
 */

import os from "node:os";
import { writeFileSync } from "node:fs";
import { type Client, connect, Credentials, type Machine } from "../mod.ts";
import { authorizationHeader } from "../lib/exports/transport.ts";
import { importCost } from "./import_cost.ts";
import { median, printTable, type Row, startSimulator, time } from "./util.ts";

const rows: Row[] = [];
const ROOT = new URL("../", import.meta.url);
const quick = Deno.args.includes("--quick");

function row(r: Omit<Row, "ratio" | "pass"> & { max?: number; min?: number }): void {
  const ratio = r.baseline === null || r.baseline === 0 ? null : r.client / r.baseline;
  let pass: boolean | null = null;
  if (ratio !== null && r.max !== undefined) pass = ratio <= r.max;
  if (ratio !== null && r.min !== undefined) pass = ratio >= r.min;
  const { max: _max, min: _min, ...rest } = r;
  rows.push({ ...rest, ratio, pass });
  console.error(
    `  ${r.scenario}: ${r.client.toFixed(3)} ${r.unit}` +
      (r.baseline === null ? "" : ` vs ${r.baseline.toFixed(3)} ${r.unit}`),
  );
}

/** 1. Per-request overhead: sequential machines.get vs fetch with precomputed headers. */
async function perRequest(): Promise<void> {
  const sim = await startSimulator(["--machines", "10"]);
  try {
    const client = await connect(sim.url, { apikey: sim.apikey });
    const credentials = Credentials.parse(sim.apikey);
    const systemId = (await client.machines.list())[0].systemId;
    const url = `${client.apiUrl}machines/${systemId}/`;
    const total = quick ? 1000 : 5000;
    const headers = Array.from({ length: total + 500 }, () => authorizationHeader(credentials));
    const raw = async (i: number) => {
      const response = await fetch(url, { headers: { Authorization: headers[i] } });
      await response.json();
    };
    const typed = () => client.machines.get(systemId);
    for (let i = 0; i < 500; i++) {
      await raw(total + i);
      await typed();
    }
    // One of each, in turn: drift in the machine's load falls on both alike.
    let rawTotal = 0;
    let typedTotal = 0;
    for (let i = 0; i < total; i++) {
      let started = performance.now();
      await raw(i);
      rawTotal += performance.now() - started;
      started = performance.now();
      await typed();
      typedTotal += performance.now() - started;
    }
    row({
      scenario: `1. ${total} sequential machines.get`,
      client: typedTotal / total * 1000,
      baseline: rawTotal / total * 1000,
      unit: "µs/req",
      target: "≤ 1.10",
      max: 1.10,
    });
    const signs = 200_000;
    const started = performance.now();
    for (let i = 0; i < signs; i++) authorizationHeader(credentials);
    const signing = performance.now() - started;
    row({
      scenario: "1. signing one request",
      client: signing / signs * 1e6,
      baseline: null,
      unit: "ns",
      target: "report",
    });
    client.close();
  } finally {
    await sim.stop();
  }
}

/** 2. Large inventories: machines.list() vs fetch + json of the same bytes, in fresh processes. */
async function inventories(): Promise<void> {
  const sizes = quick ? [1000, 5000] : [1000, 5000, 10000];
  const perThousand: number[] = [];
  for (const size of sizes) {
    const sim = await startSimulator(["--machines", String(size)]);
    try {
      const measure = async (mode: string) => {
        const child = await new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "bench/list_worker.ts", mode, sim.url, sim.apikey],
          cwd: ROOT,
          stdout: "piped",
          stderr: "inherit",
        }).output();
        if (child.code !== 0) throw new Error(`list worker ${mode} failed`);
        return JSON.parse(new TextDecoder().decode(child.stdout)) as {
          ms: number;
          peak: number;
          count: number;
          bytes: number;
        };
      };
      await measure("raw");
      const results: Record<string, { ms: number[]; peak: number[]; bytes: number }> = {
        raw: { ms: [], peak: [], bytes: 0 },
        client: { ms: [], peak: [], bytes: 0 },
      };
      for (let i = 0; i < 3; i++) {
        for (const mode of ["raw", "client"]) {
          const result = await measure(mode);
          if (result.count !== size) throw new Error(`${mode} saw ${result.count} machines`);
          results[mode].ms.push(result.ms);
          results[mode].peak.push(result.peak);
          results[mode].bytes = result.bytes;
        }
      }
      const kb = results.raw.bytes / size / 1024;
      const clientMs = median(results.client.ms);
      row({
        scenario: `2. machines.list() of ${size} (${kb.toFixed(1)} KB each): time`,
        client: clientMs,
        baseline: median(results.raw.ms),
        unit: "ms",
        target: "≤ 1.15",
        max: 1.15,
      });
      row({
        scenario: `2. machines.list() of ${size}: peak memory`,
        client: median(results.client.peak) / 2 ** 20,
        baseline: median(results.raw.peak) / 2 ** 20,
        unit: "MiB",
        target: "≤ 1.30",
        max: 1.30,
      });
      perThousand.push(clientMs / (size / 1000));
    } finally {
      await sim.stop();
    }
  }
  row({
    scenario: `2. scaling: ms per 1k machines at ${sizes.at(-1)} vs at ${sizes[0]}`,
    client: perThousand.at(-1)!,
    baseline: perThousand[0],
    unit: "ms/1k",
    target: "≤ 1.50 (linear)",
    max: 1.5,
  });
}

/** `count` Ready machines of the simulator the client talks to. */
async function readyMachines(client: Client, count: number): Promise<Machine[]> {
  const ready = await client.machines.list({ status: "ready" });
  if (ready.length < count) throw new Error(`only ${ready.length} ready machines`);
  return ready.slice(0, count);
}

/** 3. Bulk deploys at 20 ms of server latency. */
async function bulk(): Promise<void> {
  const latency = 20;
  const runs: Array<[number, number]> = quick
    ? [[8, 200], [32, 200]]
    : [[8, 1000], [1, 100], [4, 200], [16, 400], [32, 400]];
  for (const [concurrency, count] of runs) {
    const sim = await startSimulator([
      "--machines",
      String(Math.ceil(count * 3.6)),
      "--latency",
      String(latency),
      "--lifecycle",
      "60000",
    ]);
    try {
      const client = await connect(sim.url, { apikey: sim.apikey, concurrency });
      const fresh = await readyMachines(client, count);
      let outcomes: Awaited<ReturnType<typeof client.machines.deployAll>> = [];
      const ms = await time(async () => {
        outcomes = await client.machines.deployAll(fresh, {}, { concurrency });
      });
      const failed = outcomes.filter((o) => o.status === "rejected").length;
      if (outcomes.length !== count) throw new Error(`${outcomes.length} outcomes for ${count}`);
      const ideal = count * latency / concurrency;
      const isDefault = concurrency === 8 && count === 1000;
      row({
        scenario:
          `3. deploy ${count} at concurrency ${concurrency}${isDefault ? " (default)" : ""}` +
          (failed ? ` (${failed} failed)` : ""),
        client: count / (ms / 1000),
        baseline: count / (ideal / 1000),
        unit: "req/s",
        target: isDefault ? "≥ 0.90 of ideal" : "report",
        min: isDefault ? 0.9 : undefined,
      });
      client.close();
    } finally {
      await sim.stop();
    }
  }
}

/** 4. Start-up: process start to the first list printed, three ways. */
async function startup(): Promise<void> {
  const sim = await startSimulator(["--machines", "50"]);
  try {
    const describe = await (await fetch(new URL("api/2.0/describe/", sim.url))).json();
    const profile = await Deno.makeTempFile({ suffix: ".json" });
    await Deno.writeTextFile(profile, JSON.stringify({ url: sim.url, description: describe }));
    const results: Record<string, { ms: number[]; requests: number; bytes: number }> = {};
    for (const mode of ["typed", "describe", "profile"]) {
      results[mode] = { ms: [], requests: 0, bytes: 0 };
      for (let i = 0; i < (quick ? 2 : 5); i++) {
        const started = performance.now();
        const child = await new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "bench/startup_worker.ts", mode, sim.url, sim.apikey, profile],
          cwd: ROOT,
          stdout: "piped",
          stderr: "inherit",
        }).output();
        results[mode].ms.push(performance.now() - started);
        const out = new TextDecoder().decode(child.stdout);
        const stats = JSON.parse(out.trim().split("\n").at(-1)!);
        results[mode].requests = stats.requests;
        results[mode].bytes = stats.bytes;
      }
    }
    await Deno.remove(profile);
    for (const mode of ["typed", "describe", "profile"]) {
      const r = results[mode];
      const label = {
        typed: "connect() typed client",
        describe: "SessionAPI.fromURL (downloads describe)",
        profile: "SessionAPI.fromProfile (cached description)",
      }[mode];
      row({
        scenario: `4. start-up, ${label}: ${r.requests} request(s), ${
          (r.bytes / 1024).toFixed(0)
        } KiB`,
        client: median(r.ms),
        baseline: mode === "typed" ? null : median(results.typed.ms),
        unit: "ms",
        target: mode === "typed" ? "exactly 1 request" : "report",
      });
      if (mode === "typed") rows.at(-1)!.pass = r.requests === 1;
    }
  } finally {
    await sim.stop();
  }
}

/** 5. Waiting on 200 deploys at once: requests per machine per minute. */
async function waiting(): Promise<void> {
  const count = quick ? 50 : 200;
  const interval = 1000;
  const sim = await startSimulator(["--machines", String(count * 4), "--lifecycle", "1500"]);
  try {
    let polls = 0;
    let counting = false;
    const countingFetch: typeof fetch = (input, init) => {
      if (counting && (init?.method ?? "GET") === "GET") polls++;
      return fetch(input, init);
    };
    const client = await connect(sim.url, { apikey: sim.apikey, fetch: countingFetch });
    const fresh = await readyMachines(client, count);
    counting = true;
    let outcomes: Awaited<ReturnType<typeof client.machines.deployAll>> = [];
    const ms = await time(async () => {
      outcomes = await client.machines.deployAll(fresh, {}, { wait: true, interval });
    });
    const deployed = outcomes.filter((o) => o.status === "fulfilled").length;
    const minutes = ms / 60_000;
    const perMachineMinute = polls / count / minutes;
    const naive = 60_000 / interval;
    row({
      scenario: `5. deploy({ wait }) on ${count} at once (${deployed} deployed, ${polls} polls, ` +
        `interval ${interval} ms)`,
      client: perMachineMinute,
      baseline: naive,
      unit: "req/machine/min",
      target: "≤ 0.10 of per-machine polling",
      max: 0.1,
    });
    client.close();
  } finally {
    await sim.stop();
  }
}

/** 6. The simulator's own throughput for a small GET. */
async function simulatorThroughput(): Promise<void> {
  const sim = await startSimulator();
  try {
    const url = new URL("api/2.0/version/", sim.url).href;
    const n = quick ? 1000 : 5000;
    const sequential = await time(async () => {
      for (let i = 0; i < n; i++) await (await fetch(url)).json();
    });
    row({
      scenario: `6. simulator: ${n} sequential GET version/`,
      client: n / (sequential / 1000),
      baseline: null,
      unit: "req/s",
      target: "report",
    });
    const parallel = await time(async () => {
      let next = 0;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next++ < n) await (await fetch(url)).json();
      }));
    });
    row({
      scenario: `6. simulator: ${n} GET version/, 8 at a time`,
      client: n / (parallel / 1000),
      baseline: null,
      unit: "req/s",
      target: "report",
    });
  } finally {
    await sim.stop();
  }
}

/** 7. What importing mod.ts costs a fresh process: time and memory. */
async function importing(): Promise<void> {
  const cost = await importCost(quick ? 5 : 15);
  row({
    scenario: "7. import mod.ts: time of the import",
    client: cost.importMs,
    baseline: null,
    unit: "ms",
    target: "report",
  });
  row({
    scenario: "7. import mod.ts: resident memory added",
    client: cost.rssMiB,
    baseline: null,
    unit: "MiB",
    target: "report",
  });
  row({
    scenario: "7. import mod.ts: heap added",
    client: cost.heapMiB,
    baseline: null,
    unit: "MiB",
    target: "report",
  });
  row({
    scenario: "7. process importing mod.ts vs an empty one",
    client: cost.wallMs,
    baseline: cost.baselineWallMs,
    unit: "ms",
    target: "report",
  });
}

const started = performance.now();
for (
  const [name, scenario] of [
    ["simulator throughput", simulatorThroughput],
    ["per-request overhead", perRequest],
    ["large inventories", inventories],
    ["bulk operations", bulk],
    ["start-up", startup],
    ["waiting", waiting],
    ["import cost", importing],
  ] as const
) {
  console.error(`${name}…`);
  await scenario();
}
const seconds = (performance.now() - started) / 1000;
printTable(rows);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${
  (os.totalmem() / 2 ** 30).toFixed(0)
} GiB, ${os.platform()} ${os.release()}, Deno ${Deno.version.deno}`;
console.log(`\n${machine}; ${seconds.toFixed(0)} s`);
writeFileSync(
  new URL("bench/results.json", ROOT),
  JSON.stringify({ date: new Date().toISOString(), machine, seconds, quick, rows }, null, 2) + "\n",
);
if (rows.some((r) => r.pass === false)) Deno.exitCode = 1;
