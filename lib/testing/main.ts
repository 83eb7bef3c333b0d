/**
 * The MAAS simulator's command line. It prints `MAAS_URL=…`, `MAAS_APIKEY=…`, `MAAS_USERNAME=…`
 * and `MAAS_PASSWORD=…` (the administrator's), one a line, then serves until SIGINT or SIGTERM.
 * `--help` lists the flags. A flag it does not know, a bad value or a port in use is one line on
 * stderr and exit status 2.
 *
 * @example
 * ```sh
 * deno run -A jsr:@libmaas/client/simulator --port 5240 --machines 20
 * deno run -A jsr:@libmaas/client/simulator --maas-version 3.7 --machines 100 --seed 7
 * ```
 *
 * @module
 */

import process from "node:process";
import { parseArgs } from "node:util";
import { DEFAULT_MAAS_LINE, isMaasLineName, MAAS_LINES, type MaasLineName } from "./maas/lines.ts";
import { MaasSimulator } from "./simulator.ts";

const USAGE = `Usage: simulator [flags]

A MAAS region API on a local port, for tests and demos. It prints MAAS_URL, MAAS_APIKEY,
MAAS_USERNAME and MAAS_PASSWORD, then serves until interrupted.

Flags:
  --maas-version LINE   the MAAS line to be: ${MAAS_LINES.join(", ")} (default ${DEFAULT_MAAS_LINE})
  --port N              TCP port (default 0: any free port)
  --hostname HOST       address to listen on (default 127.0.0.1)
  --machines N          machines to generate at start (default 0)
  --seed N              seed of the generator: the same seed, the same machines (default 1)
  --latency MS          latency added to every request (default 0)
  --lifecycle MS        length of each simulated life-cycle step (default 100)
  --admin-password PW   the administrator's password (default admin)
  --vm-hosts-removed    the same as --maas-version master
  -h, --help            show this text
`;

/** A mistake on the command line: one line on stderr, exit status 2. */
class UsageError extends Error {}

function integer(value: string | undefined, name: string, fallback: number, max?: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (
    !/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || (max !== undefined && parsed > max)
  ) {
    throw new UsageError(
      `--${name} must be a whole number${max === undefined ? "" : ` from 0 to ${max}`}, got ${
        JSON.stringify(value)
      }`,
    );
  }
  return parsed;
}

function line(value: string | undefined, vmHostsRemoved: boolean): MaasLineName {
  if (value === undefined) return vmHostsRemoved ? "master" : DEFAULT_MAAS_LINE;
  if (!isMaasLineName(value)) {
    throw new UsageError(
      `--maas-version must be one of ${MAAS_LINES.join(", ")}, got ${JSON.stringify(value)}`,
    );
  }
  if (vmHostsRemoved && value !== "master") {
    throw new UsageError(`--vm-hosts-removed means --maas-version master, not ${value}`);
  }
  return value;
}

/** What node's argument parser says, in one line that names the flag. */
function parseError(error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'([^']+)'/.exec(message)?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(`unknown flag ${flag} (see --help)`);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new UsageError(`${flag.split(" ")[0]} needs a value (see --help)`);
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return new UsageError(`unexpected argument ${flag} (see --help)`);
    default:
      return new UsageError(`${message.split("\n")[0]} (see --help)`);
  }
}

async function main(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        "maas-version": { type: "string" },
        port: { type: "string" },
        hostname: { type: "string" },
        machines: { type: "string" },
        seed: { type: "string" },
        latency: { type: "string" },
        lifecycle: { type: "string" },
        "admin-password": { type: "string" },
        "vm-hosts-removed": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw parseError(error);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const options = {
    maasVersion: line(values["maas-version"], values["vm-hosts-removed"] ?? false),
    port: integer(values.port, "port", 0, 65535),
    hostname: values.hostname ?? "127.0.0.1",
    machines: integer(values.machines, "machines", 0),
    seed: integer(values.seed, "seed", 1),
    latencyMs: integer(values.latency, "latency", 0),
    lifecycleMs: integer(values.lifecycle, "lifecycle", 100),
    adminPassword: values["admin-password"] ?? "admin",
  };
  let sim: MaasSimulator;
  try {
    sim = await MaasSimulator.start(options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const where = `${options.hostname}:${options.port}`;
    if (code === "EADDRINUSE") {
      throw new UsageError(`cannot listen on ${where}: the port is in use`);
    }
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EACCES") {
      throw new UsageError(`cannot listen on ${where}: ${code}`);
    }
    throw error;
  }
  process.stdout.write(
    `MAAS_URL=${sim.url}\nMAAS_APIKEY=${sim.adminApiKey}\n` +
      `MAAS_USERNAME=${sim.adminUsername}\nMAAS_PASSWORD=${sim.adminPassword}\n`,
  );
  const stop = () => {
    sim.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`simulator: ${error.message}\n`);
  process.exit(2);
}
