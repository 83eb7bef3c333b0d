import assert from "node:assert/strict";
import { inspect } from "node:util";
import { Credentials, ParameterError } from "../mod.ts";
import { authorizationHeader, oauthEncode } from "../lib/exports/transport.ts";

const SECRET = "S3cr3tT0kenS3cr3tT0kenS3cr3tT0ke";
const KEY = `ConsumerKey1234567:TokenKey1234567890:${SECRET}`;

Deno.test("Credentials.parse accepts exactly three parts, trimmed", () => {
  const credentials = Credentials.parse(`  ${KEY}\n`);
  assert.equal(credentials.consumerKey, "ConsumerKey1234567");
  assert.equal(credentials.tokenKey, "TokenKey1234567890");
  assert.equal(credentials.tokenSecret, SECRET);
  assert.equal(credentials.toString(), KEY);
});

Deno.test("Credentials.parse rejects anything else without echoing the text", () => {
  const bad = [
    "",
    "   ",
    "onlyone",
    "two:parts",
    `four:parts:are:${SECRET}`,
    `:tk:${SECRET}`,
    `ck::${SECRET}`,
    "ck:tk:",
    `ck:t k:${SECRET}`,
    `ck:tk:${SECRET}:`,
  ];
  for (const text of bad) {
    assert.throws(() => Credentials.parse(text), (error: unknown) => {
      assert.ok(error instanceof ParameterError, `${text}: ${error}`);
      assert.match(error.message, /consumer_key:token_key:token_secret/);
      assert.ok(!error.message.includes(SECRET), "the message must not repeat the secret");
      return true;
    });
  }
  for (const value of [null, undefined, 42, {}, ["a", "b", "c"]]) {
    assert.throws(() => Credentials.parse(value as unknown as string), ParameterError);
  }
});

Deno.test("printing credentials never shows the secret", () => {
  const credentials = Credentials.parse(KEY);
  const shown = [
    `${credentials}`,
    String(credentials),
    JSON.stringify(credentials),
    JSON.stringify({ nested: { credentials } }),
    Deno.inspect(credentials),
    Deno.inspect({ credentials }, { depth: 10 }),
    inspect(credentials),
    inspect({ credentials }, { depth: 10 }),
  ];
  for (const text of shown) {
    assert.ok(!text.includes(SECRET), text);
    assert.match(text, /ConsumerKey1234567/);
  }
});

Deno.test("authorizationHeader has MAAS's PLAINTEXT fields and a fresh nonce each time", () => {
  const credentials = new Credentials("c+k", "tk", "a&b=c");
  const header = authorizationHeader(credentials, { nonce: "n1", timestamp: 1700000000.7 });
  assert.equal(
    header,
    'OAuth oauth_version="1.0", oauth_signature_method="PLAINTEXT", ' +
      'oauth_consumer_key="c%2Bk", oauth_token="tk", oauth_signature="%26a%2526b%253Dc", ' +
      'oauth_nonce="n1", oauth_timestamp="1700000000"',
  );
  const nonces = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const value = authorizationHeader(credentials);
    nonces.add(/oauth_nonce="([^"]+)"/.exec(value)![1]);
    assert.match(value, /oauth_timestamp="\d+"/);
  }
  assert.equal(nonces.size, 1000);
});

Deno.test("oauthEncode follows RFC 5849", () => {
  assert.equal(oauthEncode("abcXYZ019-._~"), "abcXYZ019-._~");
  assert.equal(oauthEncode("!*'() &/=+"), "%21%2A%27%28%29%20%26%2F%3D%2B");
  assert.equal(oauthEncode("é"), "%C3%A9");
});

Deno.test("the PLAINTEXT signature encodes the secret, and the header encodes it again", () => {
  // RFC 5849 §3.4.4: signature = encode(consumer secret, empty in MAAS) & encode(token secret);
  // §3.5.1: the header value is that signature percent-encoded once more.
  const header = authorizationHeader(new Credentials("ck", "tk", "a+b/c"), {
    nonce: "n",
    timestamp: 1,
  });
  assert.equal(
    header,
    'OAuth oauth_version="1.0", oauth_signature_method="PLAINTEXT", oauth_consumer_key="ck", ' +
      'oauth_token="tk", oauth_signature="%26a%252Bb%252Fc", oauth_nonce="n", ' +
      'oauth_timestamp="1"',
  );
  const signature = decodeURIComponent(/oauth_signature="([^"]*)"/.exec(header)![1]);
  assert.equal(signature, "&a%2Bb%2Fc", "what a server reads from the header");
  // Unreserved characters are the same encoded or not: MAAS's own alphanumeric keys look the same.
  assert.match(
    authorizationHeader(new Credentials("ck", "tk", "Az09-._~"), { nonce: "n" }),
    /oauth_signature="%26Az09-._~"/,
  );
});
