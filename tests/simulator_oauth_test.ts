/**
 * OAuth PLAINTEXT as MAAS checks it (MAAS-API.md §2): the expected `oauth_signature` is `&` + the
 * RFC 5849 percent-encoding of the token secret, and the header carries that value percent-encoded
 * again. MAAS's own secrets are alphanumeric, so the difference shows only with keys minted
 * elsewhere; these tests use a secret with reserved characters.
 */
import assert from "node:assert/strict";
import { connect, Credentials } from "../mod.ts";
import { Transport } from "../lib/exports/transport.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

const SECRET = "a+b/c";

/** A simulator whose admin also has the key `ck-reserved:tk-reserved:a+b/c`. */
async function withReservedKey(fn: (sim: MaasSimulator, apikey: string) => Promise<void>) {
  await using sim = await MaasSimulator.start();
  const admin = sim.state.users.get("admin")!;
  sim.state.users.addToken({
    consumerKey: "ck-reserved",
    tokenKey: "tk-reserved",
    tokenSecret: SECRET,
    name: "reserved",
    userId: admin.id,
  });
  await fn(sim, `ck-reserved:tk-reserved:${SECRET}`);
}

let nonce = 0;

function header(signature: string): string {
  return `OAuth oauth_version="1.0", oauth_signature_method="PLAINTEXT", ` +
    `oauth_consumer_key="ck-reserved", oauth_token="tk-reserved", ` +
    `oauth_signature="${signature}", oauth_nonce="n${Date.now()}-${nonce++}", ` +
    `oauth_timestamp="${Math.floor(Date.now() / 1000)}"`;
}

Deno.test("OAuth: the signature of a secret with reserved characters is encoded twice", async () => {
  await withReservedKey(async (sim) => {
    const whoami = `${sim.apiUrl}users/?op=whoami`;
    const right = await fetch(whoami, { headers: { Authorization: header("%26a%252Bb%252Fc") } });
    assert.equal(right.status, 200);
    assert.equal((await right.json()).username, "admin");

    // The secret joined as it is, encoded once by the header: what MAAS refuses.
    for (const wrong of ["%26a%2Bb%2Fc", "&a+b/c", "%26a%252bb%252fc"]) {
      const answer = await fetch(whoami, { headers: { Authorization: header(wrong) } });
      assert.equal(answer.status, 401, wrong);
      assert.equal(await answer.text(), "Authorization Error: 'Invalid signature.'");
      assert.equal(answer.headers.get("www-authenticate"), 'OAuth realm="OAuth"');
    }
  });
});

Deno.test("OAuth: a plain secret still signs as `&` + the secret", async () => {
  await using sim = await MaasSimulator.start();
  const [, , secret] = sim.adminApiKey.split(":");
  const [consumer, token] = sim.adminApiKey.split(":");
  const answer = await fetch(`${sim.apiUrl}users/?op=whoami`, {
    headers: {
      Authorization:
        `OAuth oauth_signature_method="PLAINTEXT", oauth_consumer_key="${consumer}", ` +
        `oauth_token="${token}", oauth_signature="%26${secret}", oauth_nonce="plain", ` +
        `oauth_timestamp="${Math.floor(Date.now() / 1000)}"`,
    },
  });
  assert.equal(answer.status, 200);
  await answer.body?.cancel();
});

Deno.test("OAuth end to end: the library's Transport and connect() with a reserved-character secret", async () => {
  await withReservedKey(async (sim, apikey) => {
    const transport = new Transport({ credentials: Credentials.parse(apikey) });
    try {
      const me = await transport.request<{ username: string }>(
        "GET",
        `${sim.apiUrl}users/?op=whoami`,
      );
      assert.equal(me.username, "admin");
    } finally {
      transport.close();
    }
    const client = await connect(sim.url, { apikey });
    try {
      assert.equal((await client.users.whoami()).username, "admin");
    } finally {
      client.close();
    }
  });
});
