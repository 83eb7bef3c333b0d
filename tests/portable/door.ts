/**
 * Portable tests: errors at the door read the same on every runtime. A URL without `/MAAS/`, a
 * refused API key and a server clock an hour ahead, each against a simulator served by the same
 * runtime (whose `fetch` brings its own status texts, headers and timing).
 *
 * @module
 */

import assert from "node:assert/strict";
import { connect, NotMaasError, UnauthorizedError } from "../../mod.ts";
import { test } from "./harness.ts";
import { RUNTIME, withSimulator } from "./support.ts";

test(`door: on ${RUNTIME}, a URL without /MAAS/ is probably not a MAAS API root`, async () => {
  await withSimulator({}, async (sim) => {
    const origin = new URL(sim.url).origin;
    const client = await connect(origin, { apikey: sim.adminApiKey });
    const error = await client.users.whoami().then(() => "no error", (e) => e);
    client.close();
    assert.ok(error instanceof NotMaasError, String(error));
    assert.equal(error.kind, "not-maas");
    assert.equal(
      error.message,
      `GET ${origin}/api/2.0/users/?op=whoami -> 404 Not Found: this is probably not a MAAS API ` +
        "root; the server answered with a web page (text/html), where MAAS answers its API with " +
        `JSON or plain text. URL tried: ${origin}/api/2.0/. A MAAS URL ends in /MAAS/: try ` +
        `${origin}/MAAS/ (such as http://maas.example.com:5240/MAAS/).`,
    );
  });
});

test(`door: on ${RUNTIME}, a refused key says where to get one`, async () => {
  await withSimulator({}, async (sim) => {
    const client = await connect(sim.url, {
      apikey: "UnknownConsumer000:UnknownToken000000:UnknownSecret0000000000000000000",
    });
    const error = await client.users.whoami().then(() => "no error", (e) => e);
    client.close();
    assert.ok(error instanceof UnauthorizedError, String(error));
    assert.equal(
      error.message,
      `GET ${sim.apiUrl}users/?op=whoami -> 401 Unauthorized: Authorization Error: Invalid API ` +
        "key. MAAS refused the API key. Get a valid key with `maas apikey --username NAME` on the " +
        "region controller, or the MAAS web UI (your user preferences, API keys); it has three " +
        "parts, consumer_key:token_key:token_secret.",
    );
    assert.ok(!error.message.includes("UnknownSecret"));
  });
});

test(`door: on ${RUNTIME}, a server clock an hour ahead is corrected and warned about once`, async () => {
  await withSimulator({ clockOffsetSeconds: 3600 }, async (sim) => {
    const warnings: string[] = [];
    const client = await connect(sim.url, {
      apikey: sim.adminApiKey,
      warn: (message) => warnings.push(message),
    });
    assert.equal((await client.users.whoami()).username, "admin");
    assert.equal((await client.users.whoami()).username, "admin");
    client.close();
    assert.deepEqual(sim.log.map((entry) => entry.status), [401, 200, 200]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^Warning: this computer's clock is 36(?:00|01) s \(1\.0 h\) behind/);
  });
});
