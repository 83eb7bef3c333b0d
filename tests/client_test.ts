import assert from "node:assert/strict";
import { inspect } from "node:util";
import process from "node:process";
import {
  connect,
  ConnectError,
  Credentials,
  login,
  LoginError,
  NotFoundError,
  ParameterError,
  UnauthorizedError,
} from "../mod.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

async function withSim(fn: (sim: MaasSimulator) => Promise<void>): Promise<void> {
  const sim = await MaasSimulator.start();
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

Deno.test("connect() makes no request; the first call is the only one", async () => {
  await withSim(async (sim) => {
    const client = await connect(sim.url, { apikey: sim.adminApiKey });
    assert.equal(sim.log.length, 0);
    const me = await client.users.whoami();
    assert.equal(me.username, "admin");
    assert.equal(sim.log.length, 1);
    assert.equal(sim.log[0].path, "/MAAS/api/2.0/users/");
    client.close();
  });
});

Deno.test("client.session downloads the describe document once, lazily", async () => {
  await withSim(async (sim) => {
    const client = await connect(sim.url, { apikey: sim.adminApiKey });
    const [a, b] = await Promise.all([client.session, client.session]);
    assert.equal(a, b);
    assert.equal(sim.log.filter((e) => e.path.endsWith("/describe/")).length, 1);
    const me = await a.handlers.Users.whoami() as { username: string };
    assert.equal(me.username, "admin");
    client.close();
  });
});

Deno.test("login() gives a client signed with a new key", async () => {
  await withSim(async (sim) => {
    const client = await login(sim.url, { username: "admin", password: sim.adminPassword });
    assert.ok(client.credentials instanceof Credentials);
    assert.notEqual(client.credentials!.toString(), sim.adminApiKey);
    assert.equal((await client.users.whoami()).username, "admin");
    client.close();
    await assert.rejects(login(sim.url, { username: "admin", password: "nope" }), LoginError);
  });
});

Deno.test("connect() refuses credentials in the URL and malformed keys before any request", async () => {
  await withSim(async (sim) => {
    await assert.rejects(
      connect(sim.url.replace("http://", "http://admin:pw@"), { apikey: sim.adminApiKey }),
      ConnectError,
    );
    await assert.rejects(connect(sim.url, { apikey: "a:b" }), ParameterError);
    await assert.rejects(connect("ftp://maas/", {}), ConnectError);
    await assert.rejects(connect("not a url", {}), ConnectError);
    assert.equal(sim.log.length, 0);
  });
});

Deno.test("typed errors come back from typed calls", async () => {
  await withSim(async (sim) => {
    const client = await connect(sim.url, { apikey: sim.adminApiKey });
    await assert.rejects(client.users.get("nobody"), NotFoundError);
    await assert.rejects(client.users.get(""), ParameterError);
    const anonymous = await connect(sim.url);
    await assert.rejects(anonymous.users.whoami(), UnauthorizedError);
    client.close();
    anonymous.close();
  });
});

Deno.test("printing a client or its errors never shows the token secret", async () => {
  await withSim(async (sim) => {
    const secret = sim.adminApiKey.split(":")[2];
    const client = await connect(sim.url, { apikey: sim.adminApiKey });
    const me = await client.users.whoami();
    const texts = [
      `${client}`,
      JSON.stringify(client),
      Deno.inspect(client, { depth: 10 }),
      inspect(client, { depth: 10 }),
      Deno.inspect(me, { depth: 10 }),
      JSON.stringify(me),
      Deno.inspect(client.users),
    ];
    const bad = await connect(sim.url, { apikey: sim.adminApiKey.replace(/.$/, "x") });
    try {
      await bad.users.whoami();
    } catch (error) {
      texts.push(String(error), Deno.inspect(error), inspect(error), JSON.stringify(error));
    }
    for (const text of texts) assert.ok(!text.includes(secret), text);
    client.close();
    bad.close();
  });
});

Deno.test("examples/raw_http.ts runs with plain fetch against the simulator", async () => {
  await withSim(async (sim) => {
    const command = new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net=127.0.0.1", "--allow-env", "examples/raw_http.ts"],
      env: { ...process.env, MAAS_URL: sim.url, MAAS_APIKEY: sim.adminApiKey, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    });
    const { code, stdout, stderr } = await command.output();
    const out = new TextDecoder().decode(stdout);
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    assert.match(out, /signed in as admin/);
    assert.match(out, /created API token made-with-fetch/);
    assert.ok(!out.includes(sim.adminApiKey.split(":")[2]));
  });
});

Deno.test("waits try a refused connection again, never a wrong address, scheme or server", async () => {
  const { isTransientError } = await import("../lib/objects/wait.ts");
  const { ConnectError, NotMaasError } = await import("../mod.ts");
  assert.equal(isTransientError(new ConnectError("refused", { kind: "refused" })), true);
  for (const kind of ["tls", "url", "redirect", "scheme"] as const) {
    assert.equal(isTransientError(new ConnectError(kind, { kind })), false, kind);
  }
  assert.equal(
    isTransientError(new NotMaasError("a web page", { url: "http://h/", status: 404 })),
    false,
  );
});
