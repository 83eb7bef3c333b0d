/**
 * One measurement of scenario 2 in a fresh process: list every machine either with plain `fetch`
 * and `json()` or with `client.machines.list()`, and print the time, the peak memory above the
 * starting point and what was received, as JSON.
 *
 *   deno run -A bench/list_worker.ts raw|client MAAS_URL MAAS_APIKEY
 */
import { connect, Credentials } from "../mod.ts";
import { authorizationHeader, parseMaasUrl } from "../lib/exports/transport.ts";
import { memory } from "./util.ts";

const [mode, url, apikey] = Deno.args;
const credentials = Credentials.parse(apikey);
const before = memory();
let count = 0;
let bytes = 0;
const started = performance.now();
if (mode === "raw") {
  const response = await fetch(parseMaasUrl(url).apiUrl + "machines/", {
    headers: { Authorization: authorizationHeader(credentials) },
  });
  bytes = Number(response.headers.get("content-length") ?? 0);
  const machines = await response.json();
  count = machines.length;
} else {
  const client = await connect(url, { apikey });
  const machines = await client.machines.list();
  count = machines.length;
  // Touch what a script would read, so lazy wrapping is not measured as free.
  let cores = 0;
  for (const machine of machines) cores += machine.cpuCount;
  if (cores < 0) throw new Error("impossible");
  client.close();
}
const ms = performance.now() - started;
const after = memory();
console.log(JSON.stringify({ ms, peak: after.peak - before.rss, count, bytes }));
