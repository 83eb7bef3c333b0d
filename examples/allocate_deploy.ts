/**
 * Allocate a machine that matches constraints, deploy it and follow the deployment until it ends,
 * printing each change of status. Constraints come from the arguments as `name=value` in MAAS's
 * words (`pool=production`, `tags=gpu`, `cpu_count=16`, `mem=65536`, `zone=rack-a`); the release
 * to deploy from `DISTRO_SERIES` (default: MAAS's default). `--release` releases the machine again
 * at the end.
 *
 * Run against the simulator:
 *   deno task simulator --port 5240 --machines 25 &
 *   MAAS_URL=http://127.0.0.1:5240/MAAS/ MAAS_APIKEY=… deno run -A examples/allocate_deploy.ts pool=production
 */
import process from "node:process";
import {
  type AllocateOptions,
  connect,
  FailedDeployment,
  MachineNotFound,
  WaitTimeoutError,
} from "../mod.ts";

const url = process.env.MAAS_URL;
const apikey = process.env.MAAS_APIKEY;
if (!url || !apikey) {
  console.error("Set MAAS_URL and MAAS_APIKEY (see `deno task simulator`).");
  process.exit(2);
}

const args = process.argv.slice(2);
const releaseAtEnd = args.includes("--release");
const constraints: Record<string, string | number | string[]> = {};
for (const arg of args.filter((a) => a !== "--release")) {
  const at = arg.indexOf("=");
  if (at <= 0) {
    console.error(
      `Constraints are name=value, such as pool=production; got ${JSON.stringify(arg)}`,
    );
    process.exit(2);
  }
  const name = arg.slice(0, at).replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const value = arg.slice(at + 1);
  if (name === "cpuCount" || name === "mem") constraints[name] = Number(value);
  else if (name === "tags" || name === "notTags") {
    constraints[name] = [...(constraints[name] as string[] ?? []), value];
  } else constraints[name] = value;
}

const client = await connect(url, { apikey });
let exitCode = 0;
try {
  const machine = await client.machines.allocate({
    ...constraints as AllocateOptions,
    comment: "allocate_deploy example",
  });
  console.log(`allocated ${machine} (${machine.cpuCount} CPUs, ${machine.memory} MiB)`);

  const started = Date.now();
  await machine.deploy({ distroSeries: process.env.DISTRO_SERIES }, {
    wait: true,
    interval: Number(process.env.POLL_INTERVAL_MS ?? 2000),
    waitTimeout: 45 * 60_000,
    onProgress: ({ statusName, statusMessage, powerState }) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
      console.log(
        `${seconds}s  ${statusName.padEnd(18)} power ${powerState.padEnd(7)} ${
          statusMessage ?? ""
        }`,
      );
    },
  });
  console.log(
    `deployed ${machine}: ${machine.osystem}/${machine.distroSeries}, ` +
      `addresses ${machine.ipAddresses.join(", ") || "none"}`,
  );

  if (releaseAtEnd) {
    await machine.release({}, {
      wait: true,
      interval: Number(process.env.POLL_INTERVAL_MS ?? 2000),
    });
    console.log(`released ${machine}`);
  }
} catch (error) {
  exitCode = 1;
  if (error instanceof MachineNotFound) console.error(`no machine available: ${error.reason}`);
  else if (error instanceof FailedDeployment) console.error(error.message);
  else if (error instanceof WaitTimeoutError) console.error(error.message);
  else throw error;
} finally {
  client.close();
}
process.exit(exitCode);
