/**
 * Portable tests: the transport's encoding, decoding, errors, retries and time limits, against a
 * simulator served by the same runtime. Each runtime brings its own `fetch`, `FormData`
 * serialisation and socket errors, which is what these tests are for.
 *
 * @module
 */

import assert from "node:assert/strict";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import {
  BadRequestError,
  ConflictError,
  ConnectError,
  Credentials,
  NotFoundError,
  ServiceUnavailableError,
  TimeoutError,
  UnauthorizedError,
} from "../../mod.ts";
import { Transport, type TransportOptions } from "../../lib/exports/transport.ts";
import type { MaasSimulator } from "../../lib/testing/mod.ts";
import { test } from "./harness.ts";
import { withSimulator } from "./support.ts";

const ECHO_PATH = "/MAAS/api/2.0/portable-echo/";

/** A transport signed as the admin, with retry waits cut short, that records what it sends. */
function transportFor(sim: MaasSimulator, options: TransportOptions = {}) {
  const sent: { method: string; url: string; contentType: string | null }[] = [];
  const transport = new Transport({
    credentials: Credentials.parse(sim.adminApiKey),
    maxRetryWait: 5,
    connectionRetryDelay: 5,
    ...options,
    fetch: (input, init) => {
      // A Request of the same init shows the content type fetch itself adds (multipart boundary).
      const request = new Request(input, init);
      sent.push({
        method: request.method,
        url: request.url,
        contentType: request.headers.get("content-type"),
      });
      return fetch(input, init);
    },
  });
  return { transport, sent };
}

/** Makes the simulator answer the next request to the echo path with `status` and `body`. */
function answerNext(sim: MaasSimulator, status: number, body: string, contentType: string): void {
  sim.faults.inject({ path: ECHO_PATH, status, body, contentType });
}

test("transport: GET parameters go in the query string, lists as repeated keys", async () => {
  await withSimulator({ machines: 3 }, async (sim) => {
    const { transport, sent } = transportFor(sim);
    const machines = await transport.request<unknown[]>("GET", `${sim.apiUrl}machines/`, {
      params: { hostname: ["no-such-a", "no-such-b"], zone: "default", owner: null },
    });
    assert.deepEqual(machines, []);
    const url = new URL(sent[0].url);
    assert.deepEqual(url.searchParams.getAll("hostname"), ["no-such-a", "no-such-b"]);
    assert.equal(url.searchParams.has("owner"), false, "null is left out");
    assert.deepEqual(sim.log.at(-1)!.params, {
      hostname: ["no-such-a", "no-such-b"],
      zone: ["default"],
    });
    const me = await transport.request<{ username: string }>("GET", `${sim.apiUrl}users/`, {
      op: "whoami",
    });
    assert.equal(me.username, "admin");
    assert.match(sent[1].url, /\/users\/\?op=whoami$/);
    assert.equal(sent[1].contentType, null, "a GET has no body");
  });
});

test("transport: POST sends a form body: booleans, numbers, nested objects, lists", async () => {
  await withSimulator({}, async (sim) => {
    const { transport, sent } = transportFor(sim);
    answerNext(sim, 200, '{"ok": true}', "application/json");
    const answer = await transport.request("POST", `${sim.apiUrl}portable-echo/`, {
      op: "do_it",
      params: {
        name: "node 7",
        enabled: true,
        disabled: false,
        count: 3,
        ratio: 0.25,
        huge: 1e21,
        big: 12345678901234567890n,
        tags: ["a", "b c"],
        power_parameters: { power_address: "10.0.0.9", power_port: 623 },
        absent: null,
        unset: undefined,
      },
    });
    assert.deepEqual(answer, { ok: true });
    assert.match(sent[0].url, /\/portable-echo\/\?op=do_it$/);
    assert.equal(sent[0].contentType, "application/x-www-form-urlencoded");
    const entry = sim.log.at(-1)!;
    assert.equal(entry.op, "do_it");
    assert.deepEqual(entry.params, {
      big: ["12345678901234567890"],
      count: ["3"],
      disabled: ["false"],
      enabled: ["true"],
      huge: ["1000000000000000000000"],
      name: ["node 7"],
      power_parameters_power_address: ["10.0.0.9"],
      power_parameters_power_port: ["623"],
      ratio: ["0.25"],
      tags: ["a", "b c"],
    });
    answerNext(sim, 200, "{}", "application/json");
    await transport.request("PUT", `${sim.apiUrl}portable-echo/`);
    assert.equal(sent[1].contentType, "application/x-www-form-urlencoded", "even with no params");
  });
});

test("transport: bytes and Blobs make the body multipart, which the simulator parses", async () => {
  await withSimulator({}, async (sim) => {
    const { transport, sent } = transportFor(sim);
    answerNext(sim, 200, "{}", "application/json");
    await transport.request("POST", `${sim.apiUrl}portable-echo/`, {
      op: "upload",
      params: {
        filename: "hello.txt",
        content: new TextEncoder().encode("hello, world"),
        other: new Blob(["12345"]),
        flag: true,
      },
    });
    assert.match(sent[0].contentType ?? "", /^multipart\/form-data; boundary=/);
    const params = sim.log.at(-1)!.params;
    assert.deepEqual(params.filename, ["hello.txt"]);
    assert.deepEqual(params.flag, ["true"]);
    assert.match(params.content[0], /^<file .* 12>$/);
    assert.match(params.other[0], /^<file .* 5>$/);
  });
});

test("transport: answers are decoded by content type; 204 gives undefined", async () => {
  await withSimulator({}, async (sim) => {
    const { transport } = transportFor(sim);
    const url = `${sim.apiUrl}portable-echo/`;
    answerNext(sim, 200, '{"a": [1, 2]}', "application/json");
    assert.deepEqual(await transport.request("GET", url), { a: [1, 2] });
    answerNext(sim, 200, "plain words", "text/plain; charset=utf-8");
    assert.equal(await transport.request("GET", url), "plain words");
    answerNext(sim, 200, "\u0001\u0002binary", "application/octet-stream");
    const bytes = await transport.request("GET", url);
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(bytes), "\u0001\u0002binary");
    answerNext(sim, 200, "<html>as text</html>", "text/html");
    const raw = await transport.request("GET", url, { responseType: "bytes" });
    assert.ok(raw instanceof Uint8Array);
    answerNext(sim, 204, "", "text/plain");
    assert.equal(await transport.request("DELETE", url), undefined);
    const answer = await transport.send("GET", `${sim.apiUrl}version/`);
    assert.equal(answer.status, 200);
    assert.ok(answer.headers.get("x-maas-api-hash"));
    assert.equal(transport.apiHash, answer.headers.get("x-maas-api-hash"));
  });
});

test("transport: error statuses become typed errors carrying the server's text", async () => {
  await withSimulator({}, async (sim) => {
    const { transport } = transportFor(sim);
    const missing = await transport.request("GET", `${sim.apiUrl}users/nobody/`).catch((e) => e);
    assert.ok(missing instanceof NotFoundError, String(missing));
    assert.equal(missing.status, 404);
    assert.match(missing.message, /No User matches the given query\./);
    assert.equal(missing.text, "No User matches the given query.");

    const bad = await transport.request("POST", `${sim.apiUrl}users/`, {
      params: { username: "not valid!", email: "x@example.com", password: "pw", is_superuser: 0 },
    }).catch((e) => e);
    assert.ok(bad instanceof BadRequestError, String(bad));
    assert.match(bad.fields?.username?.[0] ?? "", /^Enter a valid username\./);

    const wrong = new Transport({ credentials: Credentials.parse("aaa:bbb:ccc"), retries: 0 });
    const denied = await wrong.request("GET", `${sim.apiUrl}users/`, { op: "whoami" })
      .catch((e) => e);
    assert.ok(denied instanceof UnauthorizedError, String(denied));
    assert.match(denied.message, /Invalid API key/);
    assert.ok(!denied.message.includes("ccc"));
  });
});

test("transport: 503 + Retry-After is retried with a fresh nonce each time", async () => {
  await withSimulator({}, async (sim) => {
    const { transport } = transportFor(sim);
    sim.faults.inject({
      method: "POST",
      path: "/MAAS/api/2.0/account/",
      status: 503,
      retryAfter: 1,
      count: 2,
    });
    const before = sim.log.length;
    const token = await transport.request<{ name: string }>("POST", `${sim.apiUrl}account/`, {
      op: "create_authorisation_token",
      params: { name: "portable" },
    });
    assert.equal(token.name, "portable");
    const attempts = sim.log.slice(before);
    assert.deepEqual(attempts.map((e) => e.status), [503, 503, 200]);
    assert.deepEqual(attempts.map((e) => e.retried), [false, true, true]);
    assert.equal(new Set(attempts.map((e) => e.nonce)).size, 3, "three distinct nonces");
  });
});

test("transport: retries are counted; the last 409 or 503 is raised with retryAfter", async () => {
  await withSimulator({}, async (sim) => {
    const { transport } = transportFor(sim, { retries: 1 });
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", status: 409, retryAfter: 2, count: 5 });
    const error = await transport.request("GET", `${sim.apiUrl}users/`).catch((e) => e);
    assert.ok(error instanceof ConflictError, String(error));
    assert.equal(error.retryAfter, 2);
    assert.equal(sim.log.length, 2, "one try and one retry");
    sim.faults.clear();
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", status: 503, count: 1 });
    const unavailable = await transport.request("GET", `${sim.apiUrl}users/`).catch((e) => e);
    assert.ok(unavailable instanceof ServiceUnavailableError, "no Retry-After: no retry");
    assert.equal(sim.log.length, 3);
  });
});

test("transport: a GET survives a dropped connection; a POST is never sent again", async () => {
  await withSimulator({}, async (sim) => {
    const { transport } = transportFor(sim);
    sim.faults.inject({ method: "GET", path: "/MAAS/api/2.0/users/", drop: "before-headers" });
    const me = await transport.request<{ username: string }>("GET", `${sim.apiUrl}users/`, {
      op: "whoami",
    });
    assert.equal(me.username, "admin");
    assert.deepEqual(sim.log.map((e) => e.status), [0, 200]);

    sim.faults.inject({ method: "POST", path: "/MAAS/api/2.0/account/", drop: "before-headers" });
    const before = sim.log.length;
    const error = await transport.request("POST", `${sim.apiUrl}account/`, {
      op: "create_authorisation_token",
      params: { name: "once" },
    }).catch((e) => e);
    assert.ok(error instanceof ConnectError, String(error));
    assert.match(error.message, /^POST http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/account\//);
    assert.equal(sim.log.length - before, 1, "the POST was sent once");
    assert.equal(sim.state.users.tokensOf("admin").filter((t) => t.name === "once").length, 0);
  });
});

test("transport: a connection dropped in the middle of the body is a ConnectError", async () => {
  await withSimulator({}, async (sim) => {
    const { transport } = transportFor(sim, { retries: 0 });
    sim.faults.inject({ method: "GET", path: ECHO_PATH, drop: "mid-body" });
    const error = await transport.request("GET", `${sim.apiUrl}portable-echo/`).catch((e) => e);
    assert.ok(error instanceof ConnectError, String(error));
  });
});

test("transport: an attempt past its time limit raises TimeoutError naming method and URL", async () => {
  await withSimulator({}, async (sim) => {
    const { transport } = transportFor(sim, { timeout: 200, retries: 0 });
    sim.faults.inject({ path: ECHO_PATH, stall: true });
    const started = performance.now();
    const error = await transport.request("GET", `${sim.apiUrl}portable-echo/?x=1`)
      .catch((e) => e);
    const took = performance.now() - started;
    assert.ok(error instanceof TimeoutError, String(error));
    assert.match(error.message, /GET http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/portable-echo\//);
    assert.ok(took >= 190 && took < 5_000, `gave up after ${took} ms`);
  });
});

test("transport: a caller's AbortSignal stops a call at once with its reason", async () => {
  await withSimulator({}, async (sim) => {
    const { transport } = transportFor(sim);
    sim.faults.inject({ path: ECHO_PATH, stall: true });
    const controller = new AbortController();
    const reason = new Error("stopped by the test");
    setTimeout(() => controller.abort(reason), 50);
    const error = await transport.request("GET", `${sim.apiUrl}portable-echo/`, {
      signal: controller.signal,
    }).catch((e) => e);
    assert.equal(error, reason);
    const already = await transport.request("GET", `${sim.apiUrl}version/`, {
      signal: AbortSignal.abort(reason),
    }).catch((e) => e);
    assert.equal(already, reason);
  });
});

test("transport: a closed port is a ConnectError of kind refused, at once", async () => {
  const port = await new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const transport = new Transport({ retries: 0 });
  const started = performance.now();
  const error = await transport.request("GET", `http://127.0.0.1:${port}/MAAS/api/2.0/version/`)
    .catch((e) => e);
  assert.ok(error instanceof ConnectError, String(error));
  assert.equal(error.kind, "refused", error.message);
  assert.ok(performance.now() - started < 5_000);
});

test("transport: a POST whose kept-alive connection closes is not sent again by the runtime", async () => {
  // Deno's fetch re-sends a request when a reused keep-alive connection closes before the answer;
  // Bun's and Node's do not. A POST (deploy, allocate) must reach the server once on all three.
  let posts = 0;
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.method === "POST") {
        posts++;
        req.socket.destroy();
        return;
      }
      res.writeHead(200, {
        "Content-Type": "application/json",
        "Content-Length": "2",
        "X-MAAS-API-Hash": "0",
      });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/MAAS/api/2.0/x/`;
  const transport = new Transport({ credentials: Credentials.parse("a:b:c"), retries: 3 });
  try {
    await transport.request("GET", url);
    await transport.request("GET", url);
    const error = await transport.request("POST", url, { op: "deploy" }).catch((e) => e);
    assert.ok(error instanceof ConnectError, String(error));
    assert.equal(posts, 1, "the POST reached the server once");
  } finally {
    transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
