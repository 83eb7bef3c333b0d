/**
 * One measurement of scenario 4: a fresh process lists machines one of three ways and prints
 * them, then how many requests and bytes that took, as JSON on its last line.
 *
 *   deno run -A bench/startup_worker.ts typed|describe|profile MAAS_URL MAAS_APIKEY PROFILE_JSON
 */
import { readFileSync } from "node:fs";
import { connect, Credentials } from "../mod.ts";
import { SessionAPI, validateDescription } from "../lib/session.ts";

const [mode, url, apikey, profileFile] = Deno.args;
let requests = 0;
let bytes = 0;
const counting: typeof fetch = async (input, init) => {
  requests++;
  const response = await fetch(input, init);
  bytes += Number(response.headers.get("content-length") ?? 0);
  return response;
};
let hostnames: string[];
if (mode === "typed") {
  const client = await connect(url, { apikey, fetch: counting });
  hostnames = (await client.machines.list()).map((machine) => machine.hostname);
  client.close();
} else {
  const credentials = Credentials.parse(apikey);
  const session = mode === "describe"
    ? await SessionAPI.fromURL(url, { credentials, fetch: counting })
    : SessionAPI.fromProfile(
      {
        name: "bench",
        url,
        credentials,
        description: validateDescription(JSON.parse(readFileSync(profileFile, "utf8")).description),
      },
      { fetch: counting },
    );
  const machines = await session.handlers.Machines.read() as { hostname: string }[];
  hostnames = machines.map((machine) => machine.hostname);
  session.transport.close();
}
console.log(hostnames.join(" "));
console.log(JSON.stringify({ requests, bytes }));
