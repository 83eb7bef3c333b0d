/**
 * List machines as a table: hostname, system id, status, power, CPU, memory, zone, pool, owner
 * and tags, filtered on the server. Arguments are filters as `name=value` (repeat a name for
 * "any of"), e.g. `status=ready zone=rack-a tags=gpu`.
 *
 * Run against the simulator:
 *   deno task simulator --port 5240 --machines 25 &
 *   MAAS_URL=http://127.0.0.1:5240/MAAS/ MAAS_APIKEY=… deno run -A examples/list_machines.ts status=ready
 */
import process from "node:process";
import { connect, type Machine, type MachineFilters } from "../mod.ts";

const url = process.env.MAAS_URL;
const apikey = process.env.MAAS_APIKEY;
if (!url || !apikey) {
  console.error("Set MAAS_URL and MAAS_APIKEY (see `deno task simulator`).");
  process.exit(2);
}

/** `status=ready tags=gpu tags=nvme` → `{ status: ["ready"], tags: ["gpu", "nvme"] }`. */
function filtersFrom(args: string[]): MachineFilters {
  const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const filters: Record<string, string[]> = {};
  for (const arg of args) {
    const at = arg.indexOf("=");
    if (at <= 0) {
      console.error(`Filters are name=value, such as status=ready; got ${JSON.stringify(arg)}`);
      process.exit(2);
    }
    (filters[camel(arg.slice(0, at))] ??= []).push(arg.slice(at + 1));
  }
  return filters as MachineFilters;
}

function table(machines: Machine[]): string {
  const columns: [string, (m: Machine) => string][] = [
    ["HOSTNAME", (m) => m.hostname],
    ["SYSTEM ID", (m) => m.systemId],
    ["STATUS", (m) => m.statusName],
    ["POWER", (m) => m.powerState],
    ["CPU", (m) => String(m.cpuCount)],
    ["MEMORY", (m) => `${(m.memory / 1024).toFixed(0)} GiB`],
    ["ZONE", (m) => m.zone.name],
    ["POOL", (m) => m.pool?.name ?? "-"],
    ["OWNER", (m) => m.owner ?? "-"],
    ["TAGS", (m) => m.tagNames.join(",") || "-"],
  ];
  const rows = machines.map((machine) => columns.map(([, cell]) => cell(machine)));
  const widths = columns.map(([title], i) =>
    Math.max(title.length, ...rows.map((row) => row[i].length))
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
  return [line(columns.map(([title]) => title)), ...rows.map(line)].join("\n");
}

const client = await connect(url, { apikey });
try {
  const machines = await client.machines.list(filtersFrom(process.argv.slice(2)));
  if (machines.length === 0) {
    console.log("No machines match.");
  } else {
    console.log(table(machines));
    const byStatus = new Map<string, number>();
    for (const machine of machines) {
      byStatus.set(machine.statusName, (byStatus.get(machine.statusName) ?? 0) + 1);
    }
    const summary = [...byStatus].map(([status, count]) => `${count} ${status}`).join(", ");
    console.log(`\n${machines.length} machines: ${summary}`);
  }
} finally {
  client.close();
}
