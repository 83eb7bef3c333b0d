/**
 * The simulator's own speed, apart from the client's: `deno task bench:simulator`.
 *
 * - start-up: `MaasSimulator.start({ machines })` until it listens, in a fresh process each time
 *   (median of three), for 10,000 machines;
 * - throughput: requests per second for an unsigned `GET version/` and a signed
 *   `GET machines/{system_id}/`, one at a time and eight in flight, against the command line
 *   simulator in a process of its own.
 *
 * `--quick` makes fewer requests. The numbers are printed as a table and written to
 * `bench/simulator.json`.
 *
 * @module
 */

import { writeFileSync } from "node:fs";
import os from "node:os";
import { Credentials } from "../mod.ts";
import { authorizationHeader } from "../lib/exports/transport.ts";
import { median, printTable, type Row, startSimulator, time } from "./util.ts";

const ROOT = new URL("../", import.meta.url);
const quick = Deno.args.includes("--quick");
const rows: Row[] = [];

function report(scenario: string, value: number, unit: string, target = "report"): void {
  rows.push({ scenario, client: value, baseline: null, unit, ratio: null, target, pass: null });
  console.error(`  ${scenario}: ${value.toFixed(1)} ${unit}`);
}

/** Start-up with a seeded inventory, each run in a fresh process. */
async function startup(machines: number): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const child = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "bench/simulator_startup_worker.ts", String(machines)],
      cwd: ROOT,
      stdout: "piped",
      stderr: "inherit",
    }).output();
    if (child.code !== 0) throw new Error("the start-up worker failed");
    runs.push(JSON.parse(new TextDecoder().decode(child.stdout)).ms);
  }
  const ms = median(runs);
  rows.push({
    scenario: `start({ machines: ${machines} }) until listening`,
    client: ms,
    baseline: null,
    unit: "ms",
    ratio: null,
    target: "< 1000 ms",
    pass: ms < 1000,
  });
  console.error(`  start-up with ${machines} machines: ${ms.toFixed(0)} ms`);
}

/** Requests per second for `request`, sequential and eight at a time. */
async function throughput(
  label: string,
  request: (i: number) => Promise<void>,
  n: number,
): Promise<void> {
  for (let i = 0; i < 200; i++) await request(i);
  const sequential = await time(async () => {
    for (let i = 0; i < n; i++) await request(i);
  });
  report(`${n} sequential ${label}`, n / (sequential / 1000), "req/s");
  let next = 0;
  const parallel = await time(async () => {
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < n) await request(next++);
    }));
  });
  report(`${n} ${label}, 8 at a time`, n / (parallel / 1000), "req/s");
}

await startup(10_000);
const sim = await startSimulator(["--machines", "10"]);
try {
  const n = quick ? 1000 : 5000;
  const version = new URL("api/2.0/version/", sim.url).href;
  await throughput("GET version/", async () => {
    await (await fetch(version)).json();
  }, n);
  const credentials = Credentials.parse(sim.apikey);
  const headers = (): HeadersInit => ({ Authorization: authorizationHeader(credentials) });
  const list = await (await fetch(new URL("api/2.0/machines/", sim.url), { headers: headers() }))
    .json() as { system_id: string }[];
  const machine = new URL(`api/2.0/machines/${list[0].system_id}/`, sim.url).href;
  await throughput("signed GET machines/{system_id}/", async () => {
    await (await fetch(machine, { headers: headers() })).json();
  }, n);
} finally {
  await sim.stop();
}

printTable(rows);
const machine = `${os.cpus().length} × ${
  os.cpus()[0]?.model ?? "cpu"
}, ${os.platform()} ${os.release()}, Deno ${Deno.version.deno}`;
console.log(`\n${machine}`);
writeFileSync(
  new URL("bench/simulator.json", ROOT),
  JSON.stringify({ date: new Date().toISOString(), machine, quick, rows }, null, 2) + "\n",
);
if (rows.some((r) => r.pass === false)) Deno.exitCode = 1;
