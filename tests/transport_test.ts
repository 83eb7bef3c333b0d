import assert from "node:assert/strict";
import {
  ConflictError,
  ConnectError,
  Credentials,
  ParameterError,
  ResponseTooLargeError,
  ServiceUnavailableError,
  TimeoutError,
  UnauthorizedError,
} from "../mod.ts";
import { appendParams, fillPath, Transport } from "../lib/exports/transport.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

async function withSim(fn: (sim: MaasSimulator) => Promise<void>): Promise<void> {
  const sim = await MaasSimulator.start();
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

function transportFor(
  sim: MaasSimulator,
  options: ConstructorParameters<typeof Transport>[0] = {},
) {
  return new Transport({
    credentials: Credentials.parse(sim.adminApiKey),
    maxRetryWait: 5,
    connectionRetryDelay: 1,
    ...options,
  });
}

Deno.test("appendParams flattens lists, objects, booleans and numbers the MAAS way", () => {
  const pairs: string[] = [];
  appendParams({
    hostname: "node-1",
    tags: ["a", "b"],
    deploy: true,
    erase: false,
    cpu: 4,
    mem: 1.5,
    size: 12345678901234567890n,
    huge: 1e21,
    tiny: 1e-7,
    missing: null,
    nothing: undefined,
    power_parameters: { power_address: "10.0.0.1", skip_check: true },
  }, (name, value) => pairs.push(`${name}=${value}`));
  assert.deepEqual(pairs, [
    "hostname=node-1",
    "tags=a",
    "tags=b",
    "deploy=true",
    "erase=false",
    "cpu=4",
    "mem=1.5",
    "size=12345678901234567890",
    "huge=1000000000000000000000",
    "tiny=0.0000001",
    "power_parameters_power_address=10.0.0.1",
    "power_parameters_skip_check=true",
  ]);
  assert.throws(() => appendParams({ bad: NaN }, () => {}), ParameterError);
  assert.throws(() => appendParams({ bad: [[1]] }, () => {}), ParameterError);
  assert.throws(() => appendParams({ bad: new Map() as never }, () => {}), ParameterError);
  assert.throws(() => appendParams({ bad: (() => 1) as never }, () => {}), ParameterError);
});

Deno.test("fillPath percent-encodes and names what is missing", () => {
  const params: Record<string, unknown> = { name: "a/b c?", other: 1 };
  assert.equal(fillPath("tags/{name}/", params), "tags/a%2Fb%20c%3F/");
  assert.deepEqual(params, { other: 1 });
  assert.throws(
    () => fillPath("machines/{system_id}/", {}),
    (error: Error) => error instanceof ParameterError && /system_id/.test(error.message),
  );
});

Deno.test("requests are encoded as MAAS reads them", async () => {
  await withSim(async (sim) => {
    const transport = transportFor(sim);
    await transport.request("GET", sim.apiUrl + "machines/", {
      params: { hostname: ["a", "b"], zone: "default" },
    });
    const get = sim.log.at(-1)!;
    assert.equal(get.method, "GET");
    assert.deepEqual(get.params.hostname, ["a", "b"]);
    assert.deepEqual(get.params.zone, ["default"]);

    await transport.request("POST", sim.apiUrl + "account/", {
      op: "create_authorisation_token",
      params: { name: "tok", flag: false, count: 2, skip: null },
    }).catch(() => {});
    const post = sim.log.at(-1)!;
    assert.equal(post.op, "create_authorisation_token");
    assert.deepEqual(post.params.name, ["tok"]);
    assert.deepEqual(post.params.flag, ["false"]);
    assert.deepEqual(post.params.count, ["2"]);
    assert.equal(post.params.skip, undefined);

    await transport.request("POST", sim.apiUrl + "account/prefs/sshkeys/", {
      params: { key: "not a key", attachment: new Uint8Array([1, 2, 3]) },
    }).catch(() => {});
    const multipart = sim.log.at(-1)!;
    assert.deepEqual(multipart.params.key, ["not a key"]);
    assert.match(multipart.params.attachment[0], /file/);
    transport.close();
  });
});

Deno.test("answers are decoded by content type", async () => {
  await withSim(async (sim) => {
    const transport = transportFor(sim);
    const url = sim.apiUrl + "users/";
    const me = await transport.request<{ username: string }>("GET", url, { op: "whoami" });
    assert.equal(me.username, "admin");

    sim.faults.inject({
      path: "/MAAS/api/2.0/version/",
      status: 200,
      body: "OK",
      contentType: "text/plain",
    });
    assert.equal(await transport.request("GET", sim.apiUrl + "version/"), "OK");

    sim.faults.inject({
      path: "/MAAS/api/2.0/version/",
      status: 200,
      body: "\u0001\u0002",
      contentType: "application/bson",
    });
    const bytes = await transport.request("GET", sim.apiUrl + "version/");
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual([...bytes], [1, 2]);

    const key = await transport.request<{ id: number }>(
      "POST",
      sim.apiUrl + "account/prefs/sshkeys/",
      { params: { key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbc test@host" } },
    );
    const deleted = await transport.send("DELETE", sim.apiUrl + `account/prefs/sshkeys/${key.id}/`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.data, undefined);
    transport.close();
  });
});

Deno.test("a POST that meets 503 + Retry-After twice succeeds on the 3rd attempt, re-signed", async () => {
  await withSim(async (sim) => {
    const transport = transportFor(sim);
    sim.faults.inject({
      method: "POST",
      path: "/MAAS/api/2.0/account/",
      status: 503,
      retryAfter: 1,
      count: 2,
    });
    const token = await transport.request<{ name: string }>("POST", sim.apiUrl + "account/", {
      op: "create_authorisation_token",
      params: { name: "retried" },
    });
    assert.equal(token.name, "retried");
    const attempts = sim.log.filter((e) => e.op === "create_authorisation_token");
    assert.equal(attempts.length, 3);
    assert.deepEqual(attempts.map((e) => e.status), [503, 503, 200]);
    assert.equal(new Set(attempts.map((e) => e.nonce)).size, 3);
    assert.ok(attempts.every((e) => e.nonce));
    assert.deepEqual(attempts.map((e) => e.retried), [false, true, true]);
    transport.close();
  });
});

Deno.test("retries stop at the cap and surface the server's error", async () => {
  await withSim(async (sim) => {
    const transport = transportFor(sim, { retries: 2 });
    sim.faults.inject({
      path: "/MAAS/api/2.0/users/",
      status: 409,
      retryAfter: 5,
      count: 10,
      body: "busy",
    });
    await assert.rejects(
      transport.request("GET", sim.apiUrl + "users/", { op: "whoami" }),
      (error: unknown) => {
        assert.ok(error instanceof ConflictError);
        assert.equal(error.retryAfter, 5);
        assert.match(error.message, /busy/);
        return true;
      },
    );
    assert.equal(sim.log.length, 3);
    sim.faults.clear();

    sim.faults.inject({ path: "/MAAS/api/2.0/users/", status: 503, body: "no rack" });
    await assert.rejects(
      transport.request("GET", sim.apiUrl + "users/", { op: "whoami" }),
      ServiceUnavailableError,
    );
    assert.equal(sim.log.length, 4, "a 503 without Retry-After is not retried");

    sim.faults.inject({ path: "/MAAS/api/2.0/users/", status: 409, body: "wrong state" });
    await assert.rejects(
      transport.request("GET", sim.apiUrl + "users/", { op: "whoami" }),
      ConflictError,
    );
    assert.equal(sim.log.length, 5, "a 409 without Retry-After is a real conflict");
    transport.close();
  });
});

Deno.test("a GET survives a dropped connection; a POST is not re-sent", async () => {
  await withSim(async (sim) => {
    const transport = transportFor(sim);
    sim.faults.inject({ method: "GET", path: "/MAAS/api/2.0/users/", drop: "before-headers" });
    const me = await transport.request<{ username: string }>("GET", sim.apiUrl + "users/", {
      op: "whoami",
    });
    assert.equal(me.username, "admin");
    assert.equal(sim.log.filter((e) => e.op === "whoami").length, 2);

    sim.faults.inject({ method: "POST", path: "/MAAS/api/2.0/account/", drop: "before-headers" });
    await assert.rejects(
      transport.request("POST", sim.apiUrl + "account/", {
        op: "create_authorisation_token",
        params: { name: "once" },
      }),
      (error: unknown) => {
        assert.ok(error instanceof ConnectError);
        assert.match(error.message, /POST .*account/);
        return true;
      },
    );
    assert.equal(sim.log.filter((e) => e.op === "create_authorisation_token").length, 1);
    transport.close();
  });
});

Deno.test("a stalled answer raises TimeoutError naming the method and URL", async () => {
  await withSim(async (sim) => {
    const transport = transportFor(sim, { timeout: 100, retries: 0 });
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", stall: true });
    await assert.rejects(
      transport.request("GET", sim.apiUrl + "users/", { op: "whoami" }),
      (error: unknown) => {
        assert.ok(error instanceof TimeoutError);
        assert.match(
          error.message,
          /GET http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/users\/\?op=whoami/,
        );
        assert.match(error.message, /100 ms/);
        return true;
      },
    );
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", stall: true });
    const started = performance.now();
    await assert.rejects(
      transport.request("GET", sim.apiUrl + "users/", { op: "whoami", timeout: 30 }),
      TimeoutError,
    );
    assert.ok(performance.now() - started < 5_000);
    transport.close();
  });
});

Deno.test("an AbortSignal cancels a call in flight", async () => {
  await withSim(async (sim) => {
    const transport = transportFor(sim);
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", stall: true });
    const controller = new AbortController();
    const pending = transport.request("GET", sim.apiUrl + "users/", {
      op: "whoami",
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await assert.rejects(pending, /stop/);
    transport.close();
  });
});

Deno.test("no more than `concurrency` requests are in flight", async () => {
  await withSim(async (sim) => {
    let now = 0;
    let peak = 0;
    const counting: typeof fetch = async (input, init) => {
      now++;
      peak = Math.max(peak, now);
      try {
        return await fetch(input, init);
      } finally {
        now--;
      }
    };
    const transport = transportFor(sim, { concurrency: 3, fetch: counting });
    sim.faults.inject({
      path: "/MAAS/api/2.0/users/",
      delayMs: 20,
      count: 1000,
      status: 200,
      body: "{}",
      contentType: "application/json",
    });
    await Promise.all(
      Array.from({ length: 12 }, () => transport.request("GET", sim.apiUrl + "users/")),
    );
    assert.equal(peak, 3);
    assert.equal(transport.inFlight, 0);
    transport.close();
  });
});

Deno.test("an answer over maxResponseBytes raises ResponseTooLargeError", async () => {
  await withSim(async (sim) => {
    const transport = transportFor(sim, { maxResponseBytes: 1000 });
    sim.faults.inject({
      path: "/MAAS/api/2.0/version/",
      status: 200,
      body: JSON.stringify({ big: "x".repeat(5000) }),
      contentType: "application/json",
    });
    await assert.rejects(transport.request("GET", sim.apiUrl + "version/"), ResponseTooLargeError);
    transport.close();
  });
});

Deno.test("a wrong key raises UnauthorizedError with the server's text", async () => {
  await withSim(async (sim) => {
    const transport = new Transport({
      credentials: Credentials.parse(
        "aaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbb:cccccccccccccccccccccccccccccccc",
      ),
    });
    await assert.rejects(
      transport.request("GET", sim.apiUrl + "users/", { op: "whoami" }),
      (error: unknown) => {
        assert.ok(error instanceof UnauthorizedError);
        assert.equal(error.status, 401);
        assert.match(error.text, /Invalid API key/);
        assert.match(error.message, /Invalid API key/);
        assert.ok(!error.message.includes("cccccccccccccccccccccccccccccccc"));
        return true;
      },
    );
    transport.close();
  });
});

Deno.test("a closed port raises ConnectError at once", async () => {
  const sim = await MaasSimulator.start();
  const url = sim.apiUrl;
  await sim.close();
  const transport = new Transport({ retries: 0 });
  const started = performance.now();
  await assert.rejects(transport.request("GET", url + "version/"), (error: unknown) => {
    assert.ok(error instanceof ConnectError);
    assert.equal(error.kind, "refused");
    assert.match(error.message, /refused/);
    return true;
  });
  assert.ok(performance.now() - started < 2_000);
  transport.close();
});

Deno.test("bad transport options are refused with a clear message", () => {
  assert.throws(() => new Transport({ timeout: -1 }), /timeout/);
  assert.throws(() => new Transport({ retries: 1.5 }), /retries/);
  assert.throws(() => new Transport({ concurrency: 0 }), /concurrency/);
});

Deno.test("an http→https redirect raises ConnectError naming the https URL; no POST becomes a GET", async () => {
  const { createServer } = await import("node:http");
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    const port = (server.address() as { port: number }).port;
    response.writeHead(301, { Location: `https://127.0.0.1:${port + 1}${request.url}` });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as { port: number }).port;
    const transport = new Transport({ credentials: Credentials.parse("a:b:c") });
    for (const method of ["GET", "POST"]) {
      await assert.rejects(
        transport.request(method, `http://127.0.0.1:${port}/MAAS/api/2.0/machines/`, {
          op: method === "POST" ? "allocate" : null,
        }),
        (error: unknown) => {
          assert.ok(error instanceof ConnectError);
          assert.equal(error.kind, "redirect");
          assert.match(error.message, new RegExp(`https://127\\.0\\.0\\.1:${port + 1}/MAAS/`));
          assert.match(error.message, /TLS/);
          return true;
        },
      );
    }
    assert.deepEqual(seen, [
      "GET /MAAS/api/2.0/machines/",
      "POST /MAAS/api/2.0/machines/?op=allocate",
    ]);
    transport.close();
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

Deno.test("credentials over plain HTTP to another host: warned once per client", async () => {
  await withSim(async (sim) => {
    const warnings: string[] = [];
    // The host name is routed to the simulator so the exchange stays on this machine.
    const toSimulator: typeof fetch = (input, init) =>
      fetch(String(input).replace("maas.example.com:5240", `127.0.0.1:${sim.port}`), init);
    const transport = transportFor(sim, { fetch: toSimulator, warn: (m) => warnings.push(m) });
    for (let i = 0; i < 3; i++) {
      await transport.request("GET", "http://maas.example.com:5240/MAAS/api/2.0/users/", {
        op: "whoami",
      });
    }
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /clear text/);
    assert.match(warnings[0], /https:\/\/HOST:5443\/MAAS\//);
    assert.ok(!warnings[0].includes(sim.adminApiKey.split(":")[2]));

    const local: string[] = [];
    const loopback = transportFor(sim, { warn: (m) => local.push(m) });
    await loopback.request("GET", sim.apiUrl + "users/", { op: "whoami" });
    assert.equal(local.length, 0, "loopback is not warned about");
    transport.close();
    loopback.close();
  });
});
