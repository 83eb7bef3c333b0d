// Drives the library's error paths with a known token secret and password, and scans everything
// they produce — messages, cause chains, inspected objects, JSON, warnings and debug lines — for
// either of them.
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { connect, Credentials, login, MaasError } from "../mod.ts";
import { Transport } from "../lib/exports/transport.ts";
import { SessionAPI } from "../lib/session.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

const SECRET = "TopSecretTokenTopSecretToken0042";
const PASSWORD = "Pa55word-never-shown";

function everyView(value: unknown): string[] {
  const views = [String(value), inspect(value, { depth: 8 }), Deno.inspect(value, { depth: 8 })];
  try {
    views.push(JSON.stringify(value) ?? "");
  } catch {
    // A value JSON cannot represent has no JSON view to leak through.
  }
  let cause = (value as { cause?: unknown })?.cause;
  for (let depth = 0; cause && depth < 5; depth++) {
    views.push(String(cause), inspect(cause, { depth: 8 }));
    cause = (cause as { cause?: unknown }).cause;
  }
  if (value instanceof Error) views.push(value.message, value.stack ?? "");
  return views;
}

Deno.test("no error path shows the token secret or the password", async () => {
  const key = `ConsumerKey0000001:TokenKey0000000001:${SECRET}`;
  const sim = await MaasSimulator.start({ adminApiKey: key, adminPassword: PASSWORD });
  const seen: string[] = [];
  const record = (line: string) => seen.push(line);
  const options = { debug: record, warn: record, retries: 1, maxRetryWait: 1, timeout: 200 };
  const expectFailure = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      assert.fail(`${what} should have failed`);
    } catch (error) {
      assert.ok(error instanceof MaasError, `${what}: ${error}`);
      seen.push(...everyView(error));
    }
  };
  try {
    const client = await connect(sim.url, { apikey: key, ...options });
    const wrong = await connect(sim.url, { apikey: key.replace(/2$/, "3"), ...options });
    seen.push(...everyView(client), ...everyView(client.credentials), ...everyView(wrong));

    await expectFailure("wrong secret", () => wrong.users.whoami());
    await expectFailure("missing user", () => client.users.get("nobody"));
    await expectFailure(
      "bad create",
      () => client.users.create({ username: "", email: "x", password: PASSWORD }),
    );
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", status: 503, retryAfter: 1, count: 5 });
    await expectFailure("503 until retries run out", () => client.users.whoami());
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", stall: true });
    await expectFailure("time-out", () => client.users.whoami());
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", drop: "before-headers", count: 2 });
    await expectFailure("dropped connection", () => client.users.whoami());
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", drop: "mid-body" });
    await expectFailure("broken body", () => client.users.list());
    await expectFailure(
      "bad password",
      () => login(sim.url, { username: "admin", password: "nope" }),
    );
    await expectFailure(
      "password in the URL given to connect",
      () => connect(sim.url.replace("http://", `http://admin:${PASSWORD}@`), { apikey: key }),
    );
    await expectFailure(
      "password twice",
      () =>
        login(sim.url.replace("http://", `http://admin:${PASSWORD}@`), {
          username: "admin",
          password: PASSWORD,
        }),
    );
    await expectFailure("malformed key", () => connect(sim.url, { apikey: `${SECRET}:x` }));
    await expectFailure("key with spaces", () => connect(sim.url, { apikey: `a b:c:${SECRET}` }));
    const { session, profile } = await SessionAPI.login(sim.url, {
      username: "admin",
      password: PASSWORD,
      ...options,
    });
    seen.push(...everyView(session), ...everyView(profile.credentials));
    const newSecret = session.credentials!.tokenSecret;
    await expectFailure("missing URI parameter", () => session.handlers.Machine.read({}));
    const closed = new Transport({ credentials: Credentials.parse(key), ...options });
    await sim.close();
    await expectFailure("closed port", () => closed.request("GET", sim.apiUrl + "users/"));
    session.transport.close();
    client.close();
    wrong.close();
    closed.close();

    const all = seen.join("\n");
    assert.ok(seen.length > 50);
    for (const secret of [SECRET, PASSWORD, newSecret]) {
      assert.ok(!all.includes(secret), `a secret was shown:\n${all.slice(0, 2000)}`);
    }
  } finally {
    await sim.close();
  }
});

Deno.test("the door's messages and warnings never show the token secret", async () => {
  const key = `ConsumerKey0000001:TokenKey0000000001:${SECRET}`;
  const sim = await MaasSimulator.start({ adminApiKey: key, clockOffsetSeconds: 3600 });
  const seen: string[] = [];
  const record = (line: string) => seen.push(line);
  const options = { debug: record, warn: record, retries: 0 };
  const failed = async (fn: () => Promise<unknown>) => {
    const error = await fn().then(() => null, (e) => e);
    assert.ok(error instanceof MaasError, String(error));
    seen.push(...everyView(error));
  };
  try {
    const skewed = await connect(sim.url, { apikey: key, ...options });
    await skewed.users.whoami();
    sim.faults.inject({
      path: "/MAAS/api/2.0/users/",
      status: 401,
      body: "Authorization Error: 'Expired timestamp: given 1 and now 2'",
      count: 2,
    });
    const again = await connect(sim.url, { apikey: key, ...options });
    await failed(() => again.users.whoami());
    const wrong = await connect(sim.url, { apikey: key.replace(/2$/, "3"), ...options });
    await failed(() => wrong.users.whoami());
    const root = await connect(new URL(sim.url).origin, { apikey: key, ...options });
    await failed(() => root.users.whoami());
    const tls = await connect(sim.url.replace("http:", "https:"), { apikey: key, ...options });
    await failed(() => tls.users.whoami());
    for (const client of [skewed, again, wrong, root, tls]) client.close();
    assert.ok(seen.some((line) => line.includes("clock")));
    assert.ok(seen.some((line) => line.includes("not a MAAS API root")));
    assert.ok(seen.some((line) => line.includes("speaks plain HTTP")));
    assert.ok(!seen.join("\n").includes(SECRET));
  } finally {
    await sim.close();
  }
});
