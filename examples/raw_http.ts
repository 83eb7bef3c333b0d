/**
 * Calling the MAAS API with plain `fetch`: only the Authorization header comes from the library.
 *
 * Run against the simulator:
 *   deno task simulator --port 5240 &
 *   MAAS_URL=http://127.0.0.1:5240/MAAS/ MAAS_APIKEY=… deno run -A examples/raw_http.ts
 */
import process from "node:process";
import { Credentials } from "../mod.ts";
import { authorizationHeader, parseMaasUrl } from "../lib/exports/transport.ts";

const { apiUrl } = parseMaasUrl(process.env.MAAS_URL ?? "http://127.0.0.1:5240/MAAS/");
const credentials = Credentials.parse(process.env.MAAS_APIKEY ?? "");

// A GET: who am I? Every request needs a header of its own (fresh nonce and timestamp).
const whoami = await fetch(`${apiUrl}users/?op=whoami`, {
  headers: { Authorization: authorizationHeader(credentials), Accept: "application/json" },
});
if (!whoami.ok) throw new Error(`whoami: ${whoami.status} ${await whoami.text()}`);
const me = await whoami.json();
console.log(`signed in as ${me.username}`);

// A POST: MAAS reads form bodies, never JSON.
const created = await fetch(`${apiUrl}account/?op=create_authorisation_token`, {
  method: "POST",
  headers: {
    Authorization: authorizationHeader(credentials),
    "Content-Type": "application/x-www-form-urlencoded",
  },
  body: new URLSearchParams({ name: "made-with-fetch" }),
});
if (!created.ok) throw new Error(`create token: ${created.status} ${await created.text()}`);
const token = await created.json();
console.log(`created API token ${token.name} (${token.consumer_key}:${token.token_key}:…)`);
