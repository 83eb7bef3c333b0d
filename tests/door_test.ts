// Errors at the door, each with the exact message a user reads: a refused API key, a clock MAAS
// finds too far behind, and a URL that is not a MAAS API root. Real exchanges with the simulator,
// or with a small node:http server where the server must be something other than MAAS.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import {
  connect,
  Credentials,
  login,
  NotFoundError,
  NotMaasError,
  UnauthorizedError,
} from "../mod.ts";
import { SessionAPI } from "../lib/session.ts";
import { Transport } from "../lib/exports/transport.ts";
import { MaasSimulator, type SimulatorOptions } from "../lib/testing/mod.ts";

const KEY_HINT = "MAAS refused the API key. Get a valid key with `maas apikey --username NAME` " +
  "on the region controller, or the MAAS web UI (your user preferences, API keys); it has " +
  "three parts, consumer_key:token_key:token_secret.";

async function withSim(
  options: SimulatorOptions,
  fn: (sim: MaasSimulator) => Promise<void>,
): Promise<void> {
  const sim = await MaasSimulator.start(options);
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

/** Runs `fn` with a node:http server on a free port that answers with `handler`. */
async function withServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  fn: (origin: string) => Promise<void>,
  options: { sendDate?: boolean } = {},
): Promise<void> {
  const server = createServer((request, response) => {
    response.sendDate = options.sendDate ?? true;
    request.resume();
    request.on("end", () => handler(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await fn(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The error `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, String(error));
    return error;
  }
  throw new assert.AssertionError({ message: "expected a failure" });
}

Deno.test("a refused key keeps MAAS's words and says where to get a key, never the secret", async () => {
  await withSim({}, async (sim) => {
    const [consumer, token, secret] = sim.adminApiKey.split(":");
    const whoami = `GET ${sim.apiUrl}users/?op=whoami -> 401 Unauthorized: `;
    const cases = [
      {
        key: "UnknownConsumer000:UnknownToken000000:UnknownSecret0000000000000000000",
        text: "Authorization Error: Invalid API key.",
        message: "Authorization Error: Invalid API key. ",
      },
      {
        key: `${consumer}:UnknownToken000000:${secret}`,
        text: "Authorization Error: 'Invalid access token: UnknownToken000000'",
        message: "Authorization Error: 'Invalid access token: UnknownToken000000'. ",
      },
      {
        key: `${consumer}:${token}:WrongSecret00000000000000000000`,
        text: "Authorization Error: 'Invalid signature.'",
        message: "Authorization Error: 'Invalid signature.'. ",
      },
    ];
    for (const { key, text, message } of cases) {
      const client = await connect(sim.url, { apikey: key });
      const error = await failure(client.users.whoami());
      assert.ok(error instanceof UnauthorizedError);
      assert.equal(error.message, whoami + message + KEY_HINT);
      assert.equal(error.text, text);
      assert.equal(error.hint, KEY_HINT);
      assert.ok(!error.message.includes(key.split(":")[2]));
      assert.ok(!error.message.includes(secret));
      client.close();
    }
  });
});

Deno.test("an unsigned call MAAS refuses says that it needs an API key and where to get one", async () => {
  await withSim({}, async (sim) => {
    const client = await connect(sim.url);
    const error = await failure(client.users.whoami());
    assert.ok(error instanceof UnauthorizedError);
    assert.equal(
      error.message,
      `GET ${sim.apiUrl}users/?op=whoami -> 401 Unauthorized: Forbidden. This call needs an API ` +
        "key: connect with one, from `maas apikey --username NAME` on the region controller, or " +
        "the MAAS web UI (your user preferences, API keys).",
    );
    client.close();
  });
});

Deno.test("the secret MAAS quotes as the expected signature base string is never kept", async () => {
  const secret = "TheRealSecretTheRealSecret000042";
  await withServer((_request, response) => {
    response.writeHead(401, {
      "Content-Type": "text/html; charset=utf-8",
      "WWW-Authenticate": 'OAuth realm="OAuth"',
      "X-MAAS-API-Hash": "0123",
    });
    response.end(
      `Authorization Error: 'Invalid signature. Expected signature base string: &${secret}'`,
    );
  }, async (origin) => {
    const client = await connect(`${origin}/MAAS/`, {
      apikey: "ck:tk:TypedWrongSecret",
      retries: 0,
    });
    const error = await failure(client.users.whoami());
    assert.ok(error instanceof UnauthorizedError);
    assert.equal(
      error.message,
      `GET ${origin}/MAAS/api/2.0/users/?op=whoami -> 401 Unauthorized: Authorization Error: ` +
        "'Invalid signature. Expected signature base string: <redacted>'. " + KEY_HINT,
    );
    assert.ok(!error.text.includes(secret));
    assert.ok(!new TextDecoder().decode(error.content).includes(secret));
    assert.ok(!Deno.inspect(error, { depth: 5 }).includes(secret));
    client.close();
  });
});

const CLOCK_WARNING = new RegExp(
  "^Warning: this computer's clock is 36(?:00|01) s \\(1\\.0 h\\) behind the clock of the MAAS " +
    "server at 127\\.0\\.0\\.1:\\d+, which refuses requests signed more than 300 s in its " +
    "past\\. This client now signs its requests with the server's time\\. Set this computer's " +
    "clock right \\(NTP\\) to be rid of this warning\\.$",
);

Deno.test("a server clock an hour ahead: corrected from its Date header, retried once, warned once", async () => {
  await withSim({ clockOffsetSeconds: 3600 }, async (sim) => {
    const warnings: string[] = [];
    const client = await connect(sim.url, {
      apikey: sim.adminApiKey,
      warn: (m) => warnings.push(m),
    });
    assert.equal((await client.users.whoami()).username, "admin");
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], CLOCK_WARNING);
    const [refused, accepted] = sim.log;
    assert.equal(refused.status, 401);
    assert.equal(accepted.status, 200);
    assert.notEqual(refused.nonce, accepted.nonce, "the retry has a fresh nonce");
    const serverNow = Date.now() / 1000 + 3600;
    assert.ok(Math.abs(Number(accepted.timestamp) - serverNow) < 5, "stamped with server time");

    // Later calls are stamped right the first time, POSTs too, and nothing more is said.
    const before = sim.log.length;
    await client.users.whoami();
    const token = await client.transport.request<{ name: string }>(
      "POST",
      sim.apiUrl + "account/",
      { op: "create_authorisation_token", params: { name: "after-the-skew" } },
    );
    assert.equal(token.name, "after-the-skew");
    assert.deepEqual(sim.log.slice(before).map((entry) => entry.status), [200, 200]);
    assert.equal(warnings.length, 1);
    client.close();
  });
});

Deno.test("a refused timestamp on a POST is retried once: MAAS refused it before doing anything", async () => {
  await withSim({ clockOffsetSeconds: 3600 }, async (sim) => {
    const warnings: string[] = [];
    const transport = new Transport({
      credentials: Credentials.parse(sim.adminApiKey),
      warn: (m) => warnings.push(m),
      retries: 0,
    });
    const token = await transport.request<{ name: string }>("POST", sim.apiUrl + "account/", {
      op: "create_authorisation_token",
      params: { name: "first-call-is-a-post" },
    });
    assert.equal(token.name, "first-call-is-a-post");
    assert.deepEqual(sim.log.map((entry) => entry.status), [401, 200]);
    assert.equal(
      sim.state.users.tokensOf("admin").filter((t) => t.name === "first-call-is-a-post").length,
      1,
    );
    assert.equal(warnings.length, 1);
    transport.close();
  });
});

Deno.test("a server clock behind this one needs nothing: MAAS accepts newer timestamps", async () => {
  await withSim({ clockOffsetSeconds: -3600 }, async (sim) => {
    const warnings: string[] = [];
    const client = await connect(sim.url, {
      apikey: sim.adminApiKey,
      warn: (m) => warnings.push(m),
    });
    assert.equal((await client.users.whoami()).username, "admin");
    assert.deepEqual(sim.log.map((entry) => entry.status), [200]);
    assert.deepEqual(warnings, []);
    client.close();
  });
});

Deno.test("a timestamp still refused after the correction says so", async () => {
  await withSim({ clockOffsetSeconds: 3600 }, async (sim) => {
    const expired = "Authorization Error: 'Expired timestamp: given 1 and now 2 has a greater " +
      "difference than threshold 300'";
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", status: 401, body: expired, count: 2 });
    const warnings: string[] = [];
    const client = await connect(sim.url, {
      apikey: sim.adminApiKey,
      warn: (m) => warnings.push(m),
    });
    const error = await failure(client.users.whoami());
    assert.ok(error instanceof UnauthorizedError);
    assert.match(
      error.message,
      new RegExp(
        `^GET ${sim.apiUrl.replaceAll(".", "\\.")}users/\\?op=whoami -> 401 Unauthorized: ` +
          "Authorization Error: 'Expired timestamp: given 1 and now 2 has a greater difference " +
          "than threshold 300'\\. MAAS refused the request although it was signed with the " +
          "server's time \\(36(?:00|01) s from this computer's clock, by its Date header\\): " +
          "check the clocks of this computer and of the MAAS server \\(NTP on both\\)\\.$",
      ),
    );
    assert.equal(sim.log.length, 2, "one retry, no more");
    assert.equal(warnings.length, 1);
    client.close();
  });
});

Deno.test("without a Date header, the server time MAAS quotes in its refusal is used", async () => {
  const seen: string[] = [];
  await withServer((request, response) => {
    const timestamp = /oauth_timestamp="(\d+)"/.exec(request.headers.authorization ?? "")![1];
    seen.push(timestamp);
    const serverNow = Math.floor(Date.now() / 1000) + 7200;
    if (Number(timestamp) < serverNow - 300) {
      response.writeHead(401, { "Content-Type": "text/html; charset=utf-8" });
      response.end(
        `Authorization Error: 'Expired timestamp: given ${timestamp} and now ${serverNow} has a ` +
          "greater difference than threshold 300'",
      );
      return;
    }
    response.writeHead(200, { "Content-Type": "application/json", "X-MAAS-API-Hash": "1" });
    response.end('{"username": "admin"}');
  }, async (origin) => {
    const warnings: string[] = [];
    const transport = new Transport({
      credentials: Credentials.parse("ck:tk:ts"),
      warn: (m) => warnings.push(m),
    });
    const me = await transport.request<{ username: string }>(
      "GET",
      `${origin}/MAAS/api/2.0/users/`,
      { op: "whoami" },
    );
    assert.equal(me.username, "admin");
    assert.equal(seen.length, 2);
    assert.ok(Number(seen[1]) - Number(seen[0]) >= 7199);
    assert.match(warnings[0], /clock is 7200 s \(2\.0 h\) behind/);
    transport.close();
  }, { sendDate: false });
});

Deno.test("a refused timestamp with no time to correct by says to set the clock", async () => {
  await withServer((_request, response) => {
    response.writeHead(401, { "Content-Type": "text/plain" });
    response.end("Authorization Error: 'Expired timestamp'");
  }, async (origin) => {
    const warnings: string[] = [];
    const transport = new Transport({
      credentials: Credentials.parse("ck:tk:ts"),
      warn: (m) => warnings.push(m),
    });
    const error = await failure(transport.request("GET", `${origin}/MAAS/api/2.0/users/`));
    assert.ok(error instanceof UnauthorizedError);
    assert.equal(
      error.message,
      `GET ${origin}/MAAS/api/2.0/users/ -> 401 Unauthorized: Authorization Error: 'Expired ` +
        "timestamp'. MAAS refuses requests signed more than 300 s behind its own clock, and its " +
        "answer gave no time to correct by: set this computer's clock right (NTP).",
    );
    assert.deepEqual(warnings, []);
    transport.close();
  }, { sendDate: false });
});

Deno.test("a URL without /MAAS/: the first call of a connect() client says so", async () => {
  await withSim({}, async (sim) => {
    const origin = `http://127.0.0.1:${sim.port}`;
    const client = await connect(`${origin}/`, { apikey: sim.adminApiKey });
    const error = await failure(client.users.whoami());
    assert.ok(error instanceof NotMaasError);
    assert.equal(error.kind, "not-maas");
    assert.equal(error.status, 404);
    assert.equal(error.url, `${origin}/api/2.0/users/?op=whoami`);
    assert.equal(
      error.message,
      `GET ${origin}/api/2.0/users/?op=whoami -> 404 Not Found: this is probably not a MAAS API ` +
        "root; the server answered with a web page (text/html), where MAAS answers its API with " +
        `JSON or plain text. URL tried: ${origin}/api/2.0/. A MAAS URL ends in /MAAS/: try ` +
        `${origin}/MAAS/ (such as http://maas.example.com:5240/MAAS/).`,
    );
    client.close();
  });
});

Deno.test("login() to a URL that is not a MAAS API root says so at its first request", async () => {
  await withSim({}, async (sim) => {
    const origin = `http://127.0.0.1:${sim.port}`;
    const error = await failure(login(`${origin}/`, { username: "admin", password: "admin" }));
    assert.ok(error instanceof NotMaasError);
    assert.match(error.message, /^GET http:\/\/127\.0\.0\.1:\d+\/api\/2\.0\/version\/ -> 404/);
    assert.match(error.message, /try http:\/\/127\.0\.0\.1:\d+\/MAAS\//);
  });
});

Deno.test("web servers that are not MAAS: HTML 404, HTML 200, JSON 200, JSON 404", async () => {
  const answers = [
    { status: 404, type: "text/html", body: "<!DOCTYPE html><h1>Not Found</h1>" },
    { status: 200, type: "text/html; charset=utf-8", body: "<html><body>Welcome</body></html>" },
    { status: 200, type: "application/json", body: '{"status": "ok"}' },
    { status: 404, type: "application/json", body: '{"detail": "Not Found"}' },
  ];
  let next = answers[0];
  await withServer((_request, response) => {
    response.writeHead(next.status, { "Content-Type": next.type });
    response.end(next.body);
  }, async (origin) => {
    const seen = [
      "with a web page (text/html)",
      "with a web page (text/html)",
      "with JSON that is not MAAS's (no X-MAAS-API-Hash header)",
      "with content type application/json",
    ];
    for (const [index, answer] of answers.entries()) {
      next = answer;
      const client = await connect(`${origin}/MAAS/`, { apikey: "ck:tk:ts" });
      const error = await failure(client.users.whoami());
      assert.ok(error instanceof NotMaasError, `${answer.status} ${answer.type}: ${error}`);
      const statusText = answer.status === 200 ? "OK" : "Not Found";
      assert.equal(
        error.message,
        `GET ${origin}/MAAS/api/2.0/users/?op=whoami -> ${answer.status} ${statusText}: this is ` +
          `probably not a MAAS API root; the server answered ${seen[index]}, where MAAS answers ` +
          `its API with JSON or plain text. URL tried: ${origin}/MAAS/api/2.0/. Check the host ` +
          "and port: MAAS serves its API on port 5240 (http://HOST:5240/MAAS/), or 5443 with " +
          "TLS (https://HOST:5443/MAAS/).",
      );
      client.close();
    }
  });
});

Deno.test("MAAS's own answers are never taken for another server's, even as a first call", async () => {
  await withSim({ machines: 2 }, async (sim) => {
    const missing = await connect(sim.url, { apikey: sim.adminApiKey });
    const error = await failure(missing.machines.get("nosuch"));
    assert.ok(error instanceof NotFoundError, String(error));
    assert.match(error.message, /No Machine matches the given query\./);
    missing.close();

    const unknown = await connect(sim.url, { apikey: sim.adminApiKey });
    const endpoint = await failure(unknown.call("GET", "no-such-endpoint/"));
    assert.ok(endpoint instanceof NotFoundError, String(endpoint));
    assert.match(endpoint.message, /Unknown API endpoint: \/MAAS\/api\/2\.0\/no-such-endpoint\/\./);
    unknown.close();

    const { session } = await SessionAPI.connect(sim.url, { apikey: sim.adminApiKey });
    assert.equal((await session.handlers.Users.whoami() as { username: string }).username, "admin");
    session.transport.close();
  });
  // Answers of MAAS that carry no X-MAAS-API-Hash: the describe document (a plain view) and the
  // 404s its middleware renders (`Unknown API endpoint`, MAASAPINotFound), always plain text.
  await withServer((request, response) => {
    if (request.url === "/MAAS/api/2.0/describe/") {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end('{"doc": "MAAS API", "hash": "h", "resources": []}');
      return;
    }
    response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
    response.end(`Unknown API endpoint: ${request.url}.`);
  }, async (origin) => {
    const transport = new Transport();
    const described = await transport.request<{ doc: string }>(
      "GET",
      `${origin}/MAAS/api/2.0/describe/`,
    );
    assert.equal(described.doc, "MAAS API");
    const other = new Transport();
    const error = await failure(other.request("GET", `${origin}/MAAS/api/2.0/nothing/`));
    assert.ok(error instanceof NotFoundError, String(error));
    transport.close();
    other.close();
  });
});

Deno.test("only the first answer is judged: later answers cost nothing more", async () => {
  await withSim({}, async (sim) => {
    const client = await connect(sim.url, { apikey: sim.adminApiKey });
    await client.users.whoami();
    sim.faults.inject({
      path: "/MAAS/api/2.0/users/",
      status: 404,
      body: "<html>gone</html>",
      contentType: "text/html",
    });
    const error = await failure(client.users.whoami());
    assert.ok(error instanceof NotFoundError && !(error instanceof NotMaasError), String(error));
    client.close();
  });
});

Deno.test("nginx's answer to plain HTTP on its HTTPS port says to use https://", async () => {
  await withServer((_request, response) => {
    response.writeHead(400, { "Content-Type": "text/html" });
    response.end(
      "<html><head><title>400 The plain HTTP request was sent to HTTPS port</title></head>" +
        "<body><center><h1>400 Bad Request</h1></center><center>The plain HTTP request was sent " +
        "to HTTPS port</center><hr><center>nginx</center></body></html>",
    );
  }, async (origin) => {
    const client = await connect(`${origin}/MAAS/`, { apikey: "ck:tk:ts" });
    const error = await failure(client.users.whoami());
    assert.ok(error instanceof Error && "kind" in error, String(error));
    assert.equal(error.kind, "scheme");
    const host = origin.slice("http://".length);
    assert.equal(
      error.message,
      `GET ${origin}/MAAS/api/2.0/users/?op=whoami: the server at ${host} expects TLS, not ` +
        `plain HTTP: use https://${host}/MAAS/`,
    );
    client.close();
  });
});

Deno.test("a dropped connection is not taken for a swapped scheme, before or after a first answer", async () => {
  await withSim({}, async (sim) => {
    const lines: string[] = [];
    const client = await connect(sim.url, {
      apikey: sim.adminApiKey,
      connectionRetryDelay: 1,
      debug: (line) => lines.push(line),
    });
    const asked = () => lines.filter((line) => line.includes("whether the scheme is swapped"));
    // Before any answer: the other scheme is tried once, fails, and the call is retried as usual.
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", drop: "before-headers", count: 1 });
    assert.equal((await client.users.whoami()).username, "admin");
    assert.deepEqual(asked(), [
      `GET ${sim.apiUrl}users/?op=whoami: no answer yet; asking https://127.0.0.1:${sim.port}/ ` +
      "whether the scheme is swapped",
    ]);
    // After one: no such request at all.
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", drop: "before-headers", count: 1 });
    assert.equal((await client.users.whoami()).username, "admin");
    assert.equal(asked().length, 1);
    assert.deepEqual(
      sim.log.map((entry) => `${entry.path} ${entry.status}`),
      [
        "/MAAS/api/2.0/users/ 0",
        "/MAAS/api/2.0/users/ 200",
        "/MAAS/api/2.0/users/ 0",
        "/MAAS/api/2.0/users/ 200",
      ],
    );
    client.close();
  });
});
