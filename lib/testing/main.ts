/**
 * Run the MAAS simulator from the command line:
 *
 * ```sh
 * deno task simulator --port 5240 --machines 100 --seed 7 --latency 20
 * ```
 *
 * It prints `MAAS_URL=<url>` and `MAAS_APIKEY=<admin key>` on two lines, then serves until SIGINT
 * or SIGTERM. Flags: `--port` (default 0: any free port), `--hostname` (default 127.0.0.1),
 * `--machines` (default 0), `--seed` (default 1), `--latency` in ms (default 0), `--lifecycle` in
 * ms (length of each simulated life-cycle step, default 100), `--vm-hosts-removed` (answer VM host
 * calls with 410 Gone, as MAAS 3.8 does).
 *
 * @module
 */

import process from "node:process";
import { parseArgs } from "node:util";
import { MaasSimulator } from "./simulator.ts";

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got ${value}\n`);
    process.exit(2);
  }
  return parsed;
}

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    port: { type: "string" },
    hostname: { type: "string" },
    machines: { type: "string" },
    seed: { type: "string" },
    latency: { type: "string" },
    lifecycle: { type: "string" },
    "vm-hosts-removed": { type: "boolean" },
  },
  strict: true,
});

const sim = await MaasSimulator.start({
  port: number(values.port, "port", 0),
  hostname: values.hostname ?? "127.0.0.1",
  machines: number(values.machines, "machines", 0),
  seed: number(values.seed, "seed", 1),
  latencyMs: number(values.latency, "latency", 0),
  lifecycleMs: number(values.lifecycle, "lifecycle", 100),
  vmHostsRemoved: values["vm-hosts-removed"] ?? false,
});
process.stdout.write(`MAAS_URL=${sim.url}\nMAAS_APIKEY=${sim.adminApiKey}\n`);

const stop = () => {
  sim.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
