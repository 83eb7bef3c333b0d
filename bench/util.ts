/**
 * Shared pieces of the benchmarks: a simulator in its own process (so the server's CPU and memory
 * are not counted as the client's), timing helpers and memory readings.
 */

import process from "node:process";
import { readFileSync } from "node:fs";

/** A simulator running in a child process. */
export interface SimulatorProcess {
  url: string;
  apikey: string;
  stop(): Promise<void>;
}

const ROOT = new URL("../", import.meta.url);

/** Starts `lib/testing/main.ts` with the given flags and waits for its URL and key. */
export async function startSimulator(flags: string[] = []): Promise<SimulatorProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", "--allow-env", "lib/testing/main.ts", ...flags],
    cwd: ROOT,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!/MAAS_APIKEY=\S+\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the simulator exited before printing its URL: ${text}`);
    text += value;
  }
  // Keep draining so the child never blocks on a full pipe.
  (async () => {
    while (!(await reader.read()).done) { /* nothing to keep */ }
  })().catch(() => {});
  return {
    url: /MAAS_URL=(\S+)/.exec(text)![1],
    apikey: /MAAS_APIKEY=(\S+)/.exec(text)![1],
    async stop() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

/** Milliseconds taken by `fn`. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Resident memory now and its peak so far, in bytes (Linux `/proc`; `rss` elsewhere). */
export function memory(): { rss: number; peak: number } {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1]) * 1024;
    return { rss: kib("VmRSS"), peak: kib("VmHWM") };
  } catch {
    const rss = process.memoryUsage().rss;
    return { rss, peak: rss };
  }
}

/** One row of the results table. */
export interface Row {
  scenario: string;
  client: number;
  baseline: number | null;
  unit: string;
  ratio: number | null;
  target: string;
  pass: boolean | null;
  note?: string;
}

/** Prints rows as an aligned table. */
export function printTable(rows: Row[]): void {
  const cells = rows.map((row) => [
    row.scenario,
    format(row.client) + " " + row.unit,
    row.baseline === null ? "—" : format(row.baseline) + " " + row.unit,
    row.ratio === null ? "—" : row.ratio.toFixed(3),
    row.target,
    row.pass === null ? "info" : row.pass ? "pass" : "FAIL",
  ]);
  const header = ["scenario", "client", "baseline", "ratio", "target", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => "| " + c.map((x, i) => x.padEnd(widths[i])).join(" | ") + " |";
  console.log(line(header));
  console.log("| " + widths.map((w) => "-".repeat(w)).join(" | ") + " |");
  for (const c of cells) console.log(line(c));
}

function format(value: number): string {
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
