/**
 * Portable tests: API keys and the OAuth PLAINTEXT header, with no network.
 *
 * @module
 */

import assert from "node:assert/strict";
import { inspect } from "node:util";
import { connect, Credentials, ParameterError } from "../../mod.ts";
import { authorizationHeader, oauthEncode } from "../../lib/exports/transport.ts";
import { SessionAPI } from "../../lib/session.ts";
import { test } from "./harness.ts";

const SECRET = "Zq9sEcReTt0kEnSeCrEt42abcdefgh";
const KEY = `aB3cD4eF5gH6iJ7kL8:mN9oP0qR1sT2uV3wX4:${SECRET}`;

/** The header's `name="value"` pairs, values percent-decoded. */
function fields(header: string): Map<string, string> {
  assert.ok(header.startsWith("OAuth "), header);
  const found = new Map<string, string>();
  for (const part of header.slice("OAuth ".length).split(", ")) {
    const match = /^([a-z_]+)="([^"]*)"$/.exec(part);
    assert.ok(match, `not a name="value" pair: ${part}`);
    found.set(match[1], decodeURIComponent(match[2]));
  }
  return found;
}

test("signing: Credentials.parse takes exactly three parts and gives the key back", () => {
  const credentials = Credentials.parse(`  ${KEY}\n`);
  assert.equal(credentials.consumerKey, "aB3cD4eF5gH6iJ7kL8");
  assert.equal(credentials.tokenKey, "mN9oP0qR1sT2uV3wX4");
  assert.equal(credentials.tokenSecret, SECRET);
  assert.equal(credentials.toString(), KEY);
  for (const bad of ["", "a:b", `a:b:${SECRET}:d`, `a::${SECRET}`, `a b:c:${SECRET}`]) {
    assert.throws(() => Credentials.parse(bad), (error: unknown) => {
      assert.ok(error instanceof ParameterError);
      assert.match(error.message, /consumer_key:token_key:token_secret/);
      assert.ok(!error.message.includes(SECRET), "the secret is never repeated");
      return true;
    });
  }
  assert.throws(() => Credentials.parse(42 as unknown as string), ParameterError);
});

test("signing: printing credentials never shows the token secret", () => {
  const credentials = Credentials.parse(KEY);
  const shown = [
    `${credentials}`,
    String(credentials),
    JSON.stringify(credentials),
    JSON.stringify({ nested: [credentials] }),
    inspect(credentials),
    inspect({ deep: { credentials } }, { depth: 5 }),
  ];
  for (const text of shown) {
    assert.ok(!text.includes(SECRET), `secret shown in ${text}`);
    assert.match(text, /mN9oP0qR1sT2uV3wX4/);
  }
  assert.match(`${credentials}`, /:<redacted>$/);
});

test("signing: the Authorization header is OAuth 1.0 PLAINTEXT with the secret as signature", () => {
  const credentials = Credentials.parse(KEY);
  const before = Math.floor(Date.now() / 1000);
  const header = authorizationHeader(credentials);
  const after = Math.floor(Date.now() / 1000);
  const parts = fields(header);
  assert.deepEqual([...parts.keys()].sort(), [
    "oauth_consumer_key",
    "oauth_nonce",
    "oauth_signature",
    "oauth_signature_method",
    "oauth_timestamp",
    "oauth_token",
    "oauth_version",
  ]);
  assert.equal(parts.get("oauth_version"), "1.0");
  assert.equal(parts.get("oauth_signature_method"), "PLAINTEXT");
  assert.equal(parts.get("oauth_consumer_key"), credentials.consumerKey);
  assert.equal(parts.get("oauth_token"), credentials.tokenKey);
  assert.equal(parts.get("oauth_signature"), `&${SECRET}`);
  assert.match(header, /oauth_signature="%26Zq9s/, "the & is percent-encoded");
  const timestamp = Number(parts.get("oauth_timestamp"));
  assert.ok(Number.isInteger(timestamp) && timestamp >= before && timestamp <= after);
});

test("signing: a secret with reserved characters is encoded in the signature and again in the header", () => {
  const header = authorizationHeader(new Credentials("ck", "tk", "a+b/c"), {
    nonce: "n",
    timestamp: 1700000000,
  });
  assert.match(header, /, oauth_signature="%26a%252Bb%252Fc", /);
  assert.equal(fields(header).get("oauth_signature"), "&a%2Bb%2Fc");
});

test("signing: every header has a fresh nonce; given values are used and encoded", () => {
  const credentials = Credentials.parse(KEY);
  const nonces = new Set<string>();
  for (let i = 0; i < 200; i++) {
    nonces.add(fields(authorizationHeader(credentials)).get("oauth_nonce")!);
  }
  assert.equal(nonces.size, 200);
  const fixed = authorizationHeader(credentials, { nonce: "a b&c", timestamp: 1700000000.9 });
  assert.match(fixed, /oauth_nonce="a%20b%26c", oauth_timestamp="1700000000"$/);
  assert.equal(oauthEncode("it's (a) *test*!"), "it%27s%20%28a%29%20%2Atest%2A%21");
  assert.equal(oauthEncode("~-._"), "~-._");
});

test("signing: clients, sessions and their errors print without the token secret", async () => {
  const client = await connect("http://127.0.0.1:9/MAAS/", { apikey: KEY, retries: 0 });
  const session = new SessionAPI(
    { doc: "MAAS API", hash: "h", resources: [] },
    "http://127.0.0.1:9/MAAS/api/2.0/",
    { credentials: Credentials.parse(KEY), retries: 0 },
  );
  const error = await client.users.whoami().catch((e) => e);
  assert.ok(error instanceof Error);
  const shown = [
    inspect(client, { depth: 10 }),
    inspect(client.transport, { depth: 10 }),
    inspect(session, { depth: 10 }),
    inspect(error, { depth: 10 }),
    JSON.stringify(client),
    JSON.stringify(client.export()),
    `${client} ${session} ${error}`,
    String(error.stack),
  ];
  client.close();
  session.transport.close();
  for (const text of shown) assert.ok(!text.includes(SECRET), `secret shown in ${text}`);
});
