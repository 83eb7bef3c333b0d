import assert from "node:assert/strict";
import {
  generateMachines,
  InterfacesSection,
  MaasSimulator,
  NodeStatus,
  type SimulatorOptions,
  StorageSection,
} from "../lib/testing/mod.ts";

// Raw HTTP on purpose: these tests pin down the simulator itself, not the client library.

async function withSim(
  fn: (sim: MaasSimulator) => Promise<void>,
  options?: SimulatorOptions,
): Promise<void> {
  const sim = await MaasSimulator.start(options);
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

let nonces = 0;

/** An `Authorization` header for `apikey`; `overrides` replace fields, `null` leaves one out. */
function sign(apikey: string, overrides: Record<string, string | null> = {}): string {
  const [consumerKey, tokenKey, tokenSecret] = apikey.split(":");
  const fields: Record<string, string | null> = {
    oauth_version: "1.0",
    oauth_signature_method: "PLAINTEXT",
    oauth_consumer_key: consumerKey,
    oauth_token: tokenKey,
    oauth_signature: `&${tokenSecret}`,
    oauth_nonce: `n${Date.now()}-${nonces++}`,
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    ...overrides,
  };
  const parts = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => `${name}="${encodeURIComponent(value)}"`);
  return `OAuth realm="", ${parts.join(", ")}`;
}

interface Answer {
  status: number;
  type: string | null;
  headers: Headers;
  text: string;
}

/** One request to `sim.url + path`, body always consumed. `key` signs it; null sends it unsigned. */
async function call(
  sim: MaasSimulator,
  method: string,
  path: string,
  options: { key?: string | null; body?: BodyInit; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? sim.adminApiKey : options.key;
  if (key !== null) headers.Authorization = sign(key);
  const response = await fetch(sim.url + path, { method, headers, body: options.body });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    headers: response.headers,
    text: await response.text(),
  };
}

function form(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  }
  return body;
}

interface Described {
  name: string;
  doc: string;
  params: string[];
  path: string;
  uri: string;
  actions: { name: string; method: string; op: string | null; restful: boolean; doc: string }[];
}

Deno.test("describe/ is the route table in MAAS's shape, and its hash is on every API answer", async () => {
  await withSim(async (sim) => {
    const answer = await call(sim, "GET", "api/2.0/describe/", { key: null });
    assert.equal(answer.status, 200);
    assert.equal(answer.type, "application/json");
    const document = JSON.parse(answer.text) as {
      doc: string;
      hash: string;
      resources: { name: string; anon: Described | null; auth: Described | null }[];
      handlers: Described[];
    };
    assert.equal(document.doc, "MAAS API");
    assert.match(document.hash, /^[0-9a-f]{40}$/);
    assert.equal(answer.headers.get("x-maas-api-hash"), document.hash);

    const names = document.resources.map((resource) => resource.name);
    assert.deepEqual(names, [...names].sort());
    assert.ok(!names.includes("DescribeHandler"), "hidden resources stay out of the document");
    const byName = new Map(document.resources.map((resource) => [resource.name, resource]));

    const machines = byName.get("MachinesHandler")!;
    assert.equal(machines.anon?.name, "AnonMachinesHandler");
    assert.equal(machines.auth?.name, "MachinesHandler");
    assert.equal(machines.auth?.path, "/MAAS/api/2.0/machines/");
    assert.equal(machines.auth?.uri, `${sim.apiUrl}machines/`);
    assert.deepEqual(machines.auth?.params, []);
    const create = machines.auth!.actions.find((action) => action.name === "create")!;
    assert.deepEqual(
      { method: create.method, op: create.op, restful: create.restful },
      { method: "POST", op: null, restful: true },
    );
    const actionNames = machines.auth!.actions.map((action) => action.name);
    assert.deepEqual(actionNames, [...actionNames].sort());

    const machine = byName.get("MachineHandler")!;
    assert.equal(machine.anon, null);
    assert.deepEqual(machine.auth?.params, ["system_id"]);
    assert.equal(machine.auth?.path, "/MAAS/api/2.0/machines/{system_id}/");
    assert.equal(machine.auth?.uri, `${sim.apiUrl}machines/{system_id}/`);

    const version = byName.get("VersionHandler")!;
    assert.equal(version.auth, null);
    assert.equal(version.anon?.name, "VersionHandler");

    const whoami = byName.get("UsersHandler")!.auth!.actions.find((a) => a.name === "whoami")!;
    assert.deepEqual(
      { method: whoami.method, op: whoami.op, restful: whoami.restful },
      { method: "GET", op: "whoami", restful: false },
    );
    assert.equal(typeof whoami.doc, "string");

    const anonCount = document.resources.filter((resource) => resource.anon).length;
    assert.equal(
      document.handlers.length,
      anonCount + document.resources.filter((r) => r.auth).length,
    );
    assert.equal(document.handlers[0].name, document.resources.find((r) => r.anon)!.anon!.name);

    for (const path of ["api/2.0/version/", "api/2.0/nowhere/", "api/2.0/users/"]) {
      const other = await call(sim, "GET", path, { key: null });
      assert.equal(other.headers.get("x-maas-api-hash"), document.hash, path);
    }
    const login = await call(sim, "POST", "accounts/authenticate/", { key: null, body: form({}) });
    assert.equal(login.headers.get("x-maas-api-hash"), null, "only API answers carry the hash");
  });
});

Deno.test("the describe hash is stable, and describe: false makes describe/ a 404", async () => {
  let first = "";
  await withSim(async (sim) => {
    first = (await call(sim, "GET", "api/2.0/version/", { key: null })).headers.get(
      "x-maas-api-hash",
    )!;
  });
  await withSim(async (sim) => {
    const again = await call(sim, "GET", "api/2.0/version/", { key: null });
    assert.equal(again.headers.get("x-maas-api-hash"), first);
    const describe = await call(sim, "GET", "api/2.0/describe/", { key: null });
    assert.equal(describe.status, 404);
    assert.equal(describe.text, "Unknown API endpoint: /MAAS/api/2.0/describe/.");
  }, { describe: false });
});

Deno.test("version/ answers anyone, with the configured version and capabilities", async () => {
  await withSim(async (sim) => {
    const answer = await call(sim, "GET", "api/2.0/version/", { key: null });
    assert.equal(answer.status, 200);
    assert.equal(answer.type, "application/json; charset=utf-8");
    const body = JSON.parse(answer.text);
    assert.equal(body.version, "3.8.0");
    assert.equal(body.subversion, "");
    assert.ok(body.capabilities.includes("authenticate-api"));
    const badlySigned = await call(sim, "GET", "api/2.0/version/", {
      key: "aaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbb:cccccccccccccccccccccccccccccccc",
    });
    assert.equal(badlySigned.status, 200, "version/ is served without authentication at all");
  });
  await withSim(async (sim) => {
    const body = JSON.parse((await call(sim, "GET", "api/2.0/version/", { key: null })).text);
    assert.deepEqual(body, {
      capabilities: ["networks-management"],
      version: "2.9.2",
      subversion: "",
    });
  }, { version: "2.9.2", capabilities: ["networks-management"] });
});

Deno.test("OAuth: each refusal has MAAS's status, words and challenge", async () => {
  await withSim(async (sim) => {
    const [ck, tk, secret] = sim.adminApiKey.split(":");
    const whoami = (authorization: string) =>
      call(sim, "GET", "api/2.0/users/?op=whoami", {
        key: null,
        headers: { Authorization: authorization },
      });
    const cases: [string, Record<string, string | null>, number, string][] = [
      [
        "bad consumer",
        { oauth_consumer_key: "x".repeat(18) },
        401,
        "Authorization Error: Invalid API key.",
      ],
      [
        "unknown token",
        { oauth_token: "y".repeat(18) },
        401,
        `Authorization Error: 'Invalid access token: ${"y".repeat(18)}'`,
      ],
      [
        "wrong secret",
        { oauth_signature: "&wrong" },
        401,
        "Authorization Error: 'Invalid signature.'",
      ],
      [
        "HMAC",
        { oauth_signature_method: "HMAC-SHA1" },
        401,
        "Authorization Error: 'Signature method HMAC-SHA1 not supported try one of the following: PLAINTEXT'",
      ],
      [
        "version",
        { oauth_version: "2.0" },
        401,
        "Authorization Error: 'OAuth version 2.0 not supported.'",
      ],
    ];
    for (const [label, overrides, status, body] of cases) {
      const answer = await whoami(sign(sim.adminApiKey, overrides));
      assert.equal(answer.status, status, label);
      assert.equal(answer.text, body, label);
      assert.equal(answer.headers.get("www-authenticate"), 'OAuth realm="OAuth"', label);
    }

    const old = String(Math.floor(Date.now() / 1000) - 301);
    const expired = await whoami(sign(sim.adminApiKey, { oauth_timestamp: old }));
    assert.equal(expired.status, 401);
    assert.match(
      expired.text,
      new RegExp(`^Authorization Error: 'Expired timestamp: given ${old} and now \\d+`),
    );
    assert.equal(expired.headers.get("www-authenticate"), 'OAuth realm="OAuth"');

    const future = await whoami(
      sign(sim.adminApiKey, { oauth_timestamp: String(Math.floor(Date.now() / 1000) + 3600) }),
    );
    assert.equal(future.status, 200, "a timestamp from the future passes");
    const recent = await whoami(
      sign(sim.adminApiKey, { oauth_timestamp: String(Math.floor(Date.now() / 1000) - 250) }),
    );
    assert.equal(recent.status, 200);

    const notInteger = await whoami(sign(sim.adminApiKey, { oauth_timestamp: "12.5" }));
    assert.equal(notInteger.status, 400);

    const header = sign(sim.adminApiKey, { oauth_nonce: "once-only" });
    assert.equal((await whoami(header)).status, 200);
    const replay = await whoami(header);
    assert.equal(replay.status, 401);
    assert.match(replay.text, /Nonce already used: once-only/);
    const replays = sim.log.filter((entry) => entry.nonce === "once-only");
    assert.deepEqual(replays.map((entry) => entry.status), [200, 401], "replays show in the log");
    assert.ok(replays.every((entry) => entry.consumerKey === ck && entry.tokenKey === tk));

    const encoded = await whoami(
      `OAuth oauth_consumer_key="${ck}", oauth_token="${tk}", oauth_signature_method="PLAINTEXT", ` +
        `oauth_signature="%26${secret}", oauth_nonce="x%20y", oauth_timestamp="${
          Math.floor(Date.now() / 1000)
        }"`,
    );
    assert.equal(encoded.status, 200, "oauth_version may be left out");
    assert.equal(sim.log.at(-1)!.nonce, "x y", "values are percent-decoded");
    assert.equal(sim.log.at(-1)!.user, "admin");
  });
});

Deno.test("OAuth: partial or missing signatures are anonymous; inactive users get 403", async () => {
  await withSim(async (sim) => {
    const unsigned = await call(sim, "GET", "api/2.0/users/", { key: null });
    assert.equal(unsigned.status, 401);
    assert.equal(unsigned.text, "Forbidden");
    const partial = await call(sim, "GET", "api/2.0/users/", {
      key: null,
      headers: { Authorization: sign(sim.adminApiKey, { oauth_nonce: null }) },
    });
    assert.equal(partial.status, 401);
    assert.equal(partial.text, "Forbidden");
    assert.equal(sim.log.at(-1)!.user, null);

    const anonymousMachines = await call(sim, "GET", "api/2.0/machines/", { key: null });
    assert.equal(anonymousMachines.status, 400);
    assert.equal(anonymousMachines.text, "Unrecognised signature: method=GET op=None");
    const anonymousPut = await call(sim, "PUT", "api/2.0/machines/", { key: null });
    assert.equal(anonymousPut.status, 401, "the anonymous handler has no PUT, so: challenge");

    const bob = sim.createUser({ username: "bob", isActive: false });
    const inactive = await call(sim, "GET", "api/2.0/users/?op=whoami", { key: bob.apikey });
    assert.equal(inactive.status, 403);
    assert.equal(inactive.text, "User is not allowed access to this API.");
  });
});

Deno.test("routing: unknown path 404, missing slash 404, 405 with Allow, unknown op 400", async () => {
  await withSim(async (sim) => {
    const unknown = await call(sim, "GET", "api/2.0/flying-saucers/");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.text, "Unknown API endpoint: /MAAS/api/2.0/flying-saucers/.");
    const noSlash = await call(sim, "GET", "api/2.0/users");
    assert.equal(noSlash.status, 404, "never a redirect");
    assert.equal(noSlash.text, "Unknown API endpoint: /MAAS/api/2.0/users.");
    const notAllowed = await call(sim, "PUT", "api/2.0/users/", { body: form({}) });
    assert.equal(notAllowed.status, 405);
    assert.equal(notAllowed.headers.get("allow"), "GET, POST");
    const badOp = await call(sim, "GET", "api/2.0/users/?op=fly");
    assert.equal(badOp.status, 400);
    assert.equal(badOp.text, "Unrecognised signature: method=GET op=fly");
    assert.equal(badOp.type, "text/plain; charset=utf-8");
    const postOp = await call(sim, "POST", "api/2.0/users/", { body: form({ op: "whoami" }) });
    assert.equal(
      postOp.text,
      "Unrecognised signature: method=POST op=whoami",
      "op is read from the body too",
    );
    const outside = await call(sim, "GET", "elsewhere/", { key: null });
    assert.equal(outside.status, 404);
  });
});

Deno.test("bodies are read as Django reads them: multipart with base64 parts, urlencoded, nothing else", async () => {
  await withSim(async (sim) => {
    const boundary = "----simulator-boundary";
    const multipart = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="architecture"',
      "",
      "amd64/generic",
      `--${boundary}`,
      'Content-Disposition: form-data; name="hostname"',
      "Content-Transfer-Encoding: base64",
      "",
      btoa("from-base64"),
      `--${boundary}`,
      'Content-Disposition: form-data; name="mac_addresses"',
      "",
      "52:54:00:00:00:01",
      `--${boundary}`,
      'Content-Disposition: form-data; name="mac_addresses"',
      "",
      "52:54:00:00:00:02",
      `--${boundary}`,
      'Content-Disposition: form-data; name="blob"; filename="a.bin"',
      "Content-Type: application/octet-stream",
      "",
      "\u0001\u0002\u0003",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const created = await call(sim, "POST", "api/2.0/machines/", {
      body: multipart,
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    });
    assert.equal(created.status, 200, created.text);
    const machine = JSON.parse(created.text);
    assert.equal(machine.hostname, "from-base64");
    assert.deepEqual(
      machine.interface_set.map((nic: { mac_address: string }) => nic.mac_address),
      ["52:54:00:00:00:01", "52:54:00:00:00:02"],
    );
    const logged = sim.log.at(-1)!;
    assert.deepEqual(logged.params.mac_addresses, ["52:54:00:00:00:01", "52:54:00:00:00:02"]);
    assert.deepEqual(logged.params.blob, ["<file a.bin 3>"]);

    const fromFormData = new FormData();
    fromFormData.append("name", "from FormData");
    fromFormData.append("attachment", new Blob([new Uint8Array([9, 9])]), "x.dat");
    await call(sim, "POST", "api/2.0/account/?op=create_authorisation_token", {
      body: fromFormData,
    });
    assert.deepEqual(sim.log.at(-1)!.params, {
      name: ["from FormData"],
      attachment: ["<file x.dat 2>"],
    });
    assert.equal(sim.log.at(-1)!.op, "create_authorisation_token");

    await call(sim, "POST", "api/2.0/account/", {
      body: "op=create_authorisation_token&name=a+b&tag=1&tag=2&tag=%26",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const urlencoded = sim.log.at(-1)!;
    assert.equal(urlencoded.op, "create_authorisation_token");
    assert.deepEqual(urlencoded.params, { name: ["a b"], tag: ["1", "2", "&"] });

    const json = await call(sim, "POST", "api/2.0/machines/", {
      body: JSON.stringify({ architecture: "amd64/generic", mac_addresses: ["52:54:00:00:00:09"] }),
      headers: { "Content-Type": "application/json" },
    });
    assert.equal(json.status, 400, "a JSON body leaves the handler without data");
    assert.deepEqual(JSON.parse(json.text), {
      architecture: ["This field is required."],
      mac_addresses: ["This field is required."],
    });
    assert.deepEqual(sim.log.at(-1)!.params, {});

    await call(sim, "GET", "api/2.0/machines/?hostname=a&hostname=b&op=");
    assert.deepEqual(sim.log.at(-1)!.params, { hostname: ["a", "b"] });
    assert.equal(sim.log.at(-1)!.op, null, "an empty op is no op");
  });
});

Deno.test("accounts/authenticate/ trades a password for a key, reusing tokens by consumer name", async () => {
  await withSim(async (sim) => {
    const login = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      call(sim, "POST", "accounts/authenticate/", { key: null, body: form(fields), headers });
    const first = await login({ username: "admin", password: "s3cret", consumer: "laptop" });
    assert.equal(first.status, 200);
    assert.equal(first.type, "application/json");
    const credentials = JSON.parse(first.text);
    assert.deepEqual(Object.keys(credentials).sort(), [
      "consumer_key",
      "name",
      "token_key",
      "token_secret",
    ]);
    assert.equal(credentials.name, "laptop");
    const again = JSON.parse(
      (await login({ username: "admin", password: "s3cret", consumer: "laptop" })).text,
    );
    assert.deepEqual(again, credentials, "the token named after the consumer is reused");
    const other = JSON.parse(
      (await login({ username: "admin", password: "s3cret", consumer: "ci" })).text,
    );
    assert.notEqual(other.token_key, credentials.token_key);
    const unnamed = JSON.parse((await login({ username: "admin", password: "s3cret" })).text);
    assert.equal(
      unnamed.token_key,
      sim.adminApiKey.split(":")[1],
      "without consumer: the oldest token",
    );

    const key = `${credentials.consumer_key}:${credentials.token_key}:${credentials.token_secret}`;
    assert.equal((await call(sim, "GET", "api/2.0/users/?op=whoami", { key })).status, 200);

    const refusals: Record<string, string>[] = [
      { username: "admin", password: "wrong" },
      { username: "nobody", password: "s3cret" },
      {},
    ];
    for (const fields of refusals) {
      const refused = await login(fields);
      assert.equal(refused.status, 403);
      assert.equal(refused.text, "");
    }
    sim.createUser({ username: "gone", password: "pw", isActive: false });
    assert.equal((await login({ username: "gone", password: "pw" })).status, 403);

    const csrf = await login({ username: "admin", password: "s3cret" }, {
      Cookie: "sessionid=abc",
    });
    assert.equal(csrf.status, 403);
    assert.match(csrf.text, /CSRF verification failed/);
    const get = await call(sim, "GET", "accounts/authenticate/", { key: null });
    assert.equal(get.status, 405);
  }, { adminPassword: "s3cret" });
});

Deno.test("users: list, whoami, create, read, delete, with MAAS's errors", async () => {
  await withSim(async (sim) => {
    const created = await call(sim, "POST", "api/2.0/users/", {
      body: form({
        username: "carol",
        email: "carol@example.com",
        password: "pw",
        is_superuser: "0",
      }),
    });
    assert.equal(created.status, 200);
    assert.deepEqual(JSON.parse(created.text), {
      is_superuser: false,
      username: "carol",
      email: "carol@example.com",
      is_local: true,
      resource_uri: "/MAAS/api/2.0/users/carol/",
    });
    const list = JSON.parse((await call(sim, "GET", "api/2.0/users/")).text);
    assert.deepEqual(list.map((user: { username: string }) => user.username), ["admin", "carol"]);
    const whoami = JSON.parse((await call(sim, "GET", "api/2.0/users/?op=whoami")).text);
    assert.equal(whoami.username, "admin");
    assert.equal(whoami.is_superuser, true);
    const read = await call(sim, "GET", "api/2.0/users/carol/");
    assert.equal(JSON.parse(read.text).email, "carol@example.com");

    const missing = await call(sim, "POST", "api/2.0/users/", { body: form({ username: "dave" }) });
    assert.equal(missing.status, 400);
    assert.equal(missing.text, "No provided email!");
    const duplicate = await call(sim, "POST", "api/2.0/users/", {
      body: form({ username: "carol", email: "c@x", password: "pw", is_superuser: "0" }),
    });
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.type!, /^application\/json/);
    assert.deepEqual(JSON.parse(duplicate.text), {
      username: ["A user with that username already exists."],
    });

    const notZeroOrOne = await call(sim, "POST", "api/2.0/users/", {
      body: form({ username: "ivy", email: "i@x", password: "pw", is_superuser: "true" }),
    });
    assert.equal(notZeroOrOne.status, 500, "MAAS's extract_bool takes only 0 and 1");
    assert.equal(notZeroOrOne.text, "Not a valid Boolean value (0 or 1): 'true'");
    assert.equal(sim.state.users.has("ivy"), false);

    const carolKey = sim.createApiKey("carol");
    const forbidden = await call(sim, "POST", "api/2.0/users/", {
      key: carolKey,
      body: form({ username: "eve", email: "e@x", password: "pw", is_superuser: "1" }),
    });
    assert.equal(forbidden.status, 403);
    assert.match(forbidden.text, /can_edit_identities/);
    assert.equal(
      (await call(sim, "DELETE", "api/2.0/users/admin/", { key: carolKey })).status,
      403,
    );
    const self = await call(sim, "DELETE", "api/2.0/users/admin/");
    assert.equal(self.status, 400);
    assert.equal(self.text, "An administrator cannot self-delete.");

    const removed = await call(sim, "DELETE", "api/2.0/users/carol/");
    assert.equal(removed.status, 204);
    assert.equal(removed.text, "");
    const gone = await call(sim, "GET", "api/2.0/users/carol/");
    assert.equal(gone.status, 404);
    assert.equal(gone.text, "No User matches the given query.");
    const keyOfGone = await call(sim, "GET", "api/2.0/users/?op=whoami", { key: carolKey });
    assert.equal(keyOfGone.status, 401, "deleting a user deletes their keys");
  });
});

Deno.test("account/: API keys are listed, created, renamed and deleted", async () => {
  await withSim(async (sim) => {
    const made = await call(sim, "POST", "api/2.0/account/?op=create_authorisation_token", {
      body: form({ name: "robot" }),
    });
    assert.equal(made.status, 200);
    const token = JSON.parse(made.text);
    assert.deepEqual(Object.keys(token).sort(), [
      "consumer_key",
      "name",
      "token_key",
      "token_secret",
    ]);
    assert.match(token.consumer_key, /^[A-Za-z0-9]{18}$/);
    assert.match(token.token_key, /^[A-Za-z0-9]{18}$/);
    assert.match(token.token_secret, /^[A-Za-z0-9]{32}$/);
    const whole = `${token.consumer_key}:${token.token_key}:${token.token_secret}`;

    const listed = JSON.parse(
      (await call(sim, "GET", "api/2.0/account/?op=list_authorisation_tokens")).text,
    );
    assert.deepEqual(listed, [
      { name: "MAAS consumer", token: sim.adminApiKey },
      { name: "robot", token: whole },
    ]);

    const renamed = await call(sim, "POST", "api/2.0/account/?op=update_token_name", {
      body: form({ token: whole, name: "renamed" }),
    });
    assert.equal(renamed.text, "Accepted");
    assert.equal(sim.state.users.findToken(token.token_key)?.name, "renamed");
    await call(sim, "POST", "api/2.0/account/?op=update_token_name", {
      body: form({ token: token.token_key, name: "by-key" }),
    });
    assert.equal(sim.state.users.findToken(token.token_key)?.name, "by-key");

    const deleted = await call(sim, "POST", "api/2.0/account/?op=delete_authorisation_token", {
      body: form({ token_key: token.token_key }),
    });
    assert.equal(deleted.status, 204);
    assert.equal((await call(sim, "GET", "api/2.0/users/?op=whoami", { key: whole })).status, 401);
    const again = await call(sim, "POST", "api/2.0/account/?op=delete_authorisation_token", {
      body: form({ token_key: token.token_key }),
    });
    assert.equal(again.status, 404);
    assert.equal(again.text, "No Token matches the given query.");
    const missing = await call(sim, "POST", "api/2.0/account/?op=delete_authorisation_token", {
      body: form({}),
    });
    assert.equal(missing.text, "No provided token_key!");
    const adminKeyStillWorks = await call(sim, "GET", "api/2.0/users/?op=whoami");
    assert.equal(adminKeyStillWorks.status, 200);
  });
});

Deno.test("account/prefs/sshkeys/: add, list, read, delete; bad and duplicate keys refused", async () => {
  await withSim(async (sim) => {
    const line =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsomekeydata0123456789abcdefABCDEFGHIJ me@host";
    const added = await call(sim, "POST", "api/2.0/account/prefs/sshkeys/", {
      body: form({ key: line }),
    });
    assert.equal(added.status, 201);
    const key = JSON.parse(added.text);
    assert.deepEqual(key, {
      id: key.id,
      key: line,
      keysource: "",
      resource_uri: `/MAAS/api/2.0/account/prefs/sshkeys/${key.id}/`,
    });
    const duplicate = await call(sim, "POST", "api/2.0/account/prefs/sshkeys/", {
      body: form({ key: line }),
    });
    assert.equal(duplicate.status, 400);
    assert.deepEqual(JSON.parse(duplicate.text), {
      __all__: ["This key has already been added for this user."],
    });
    for (const bad of ["not a key", "ssh-foo AAAAB3NzaC1yc2E= x", "ssh-rsa !!!! x", ""]) {
      const refused = await call(sim, "POST", "api/2.0/account/prefs/sshkeys/", {
        body: form({ key: bad }),
      });
      assert.equal(refused.status, 400, bad);
      assert.ok(Array.isArray(JSON.parse(refused.text).key), bad);
    }
    const rsa = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 other@host";
    assert.equal(
      (await call(sim, "POST", "api/2.0/account/prefs/sshkeys/", { body: form({ key: rsa }) }))
        .status,
      201,
    );

    const list = JSON.parse((await call(sim, "GET", "api/2.0/account/prefs/sshkeys/")).text);
    assert.deepEqual(list.map((k: { key: string }) => k.key), [line, rsa]);
    const read = await call(sim, "GET", `api/2.0/account/prefs/sshkeys/${key.id}/`);
    assert.equal(JSON.parse(read.text).key, line);

    const frank = sim.createUser({ username: "frank" });
    const notYours = await call(sim, "DELETE", `api/2.0/account/prefs/sshkeys/${key.id}/`, {
      key: frank.apikey,
    });
    assert.equal(notYours.status, 403);
    assert.equal(notYours.text, "Can't delete a key you don't own.");
    const frankList = await call(sim, "GET", "api/2.0/account/prefs/sshkeys/", {
      key: frank.apikey,
    });
    assert.deepEqual(JSON.parse(frankList.text), [], "each user sees their own keys");

    assert.equal(
      (await call(sim, "DELETE", `api/2.0/account/prefs/sshkeys/${key.id}/`)).status,
      204,
    );
    const gone = await call(sim, "GET", `api/2.0/account/prefs/sshkeys/${key.id}/`);
    assert.equal(gone.status, 404);
    assert.equal(gone.text, "No SSHKey matches the given query.");
  });
});

Deno.test("machines/: server-side filters, repeated keys, 400 for unknown names", async () => {
  await withSim(async (sim) => {
    const all = JSON.parse((await call(sim, "GET", "api/2.0/machines/")).text) as {
      system_id: string;
      hostname: string;
      status: number;
      zone: { name: string };
      pool: { name: string };
      domain: { name: string };
      owner: string | null;
      tag_names: string[];
      interface_set: { mac_address: string }[];
    }[];
    const list = async (query: string, key?: string) => {
      const answer = await call(sim, "GET", `api/2.0/machines/${query}`, { key });
      assert.equal(answer.status, 200, `${query}: ${answer.text}`);
      return (JSON.parse(answer.text) as { system_id: string }[]).map((machine) =>
        machine.system_id
      );
    };
    const ids = (pick: (machine: (typeof all)[number]) => boolean) =>
      all.filter(pick).map((machine) => machine.system_id);

    assert.deepEqual(await list(""), all.map((machine) => machine.system_id));
    const [a, b] = all;
    assert.deepEqual(await list(`?hostname=${a.hostname}&hostname=${b.hostname}`), [
      a.system_id,
      b.system_id,
    ]);
    assert.deepEqual(await list(`?id=${b.system_id}`), [b.system_id]);
    assert.deepEqual(await list("?status=ready"), ids((m) => m.status === NodeStatus.READY));
    assert.deepEqual(
      await list("?status=deployed&status=allocated"),
      ids((m) => m.status === NodeStatus.DEPLOYED || m.status === NodeStatus.ALLOCATED),
    );
    assert.deepEqual(
      await list("?zone=rack-a"),
      ids((m) => (m.zone as { name: string }).name === "rack-a"),
    );
    assert.deepEqual(
      await list("?pool=production"),
      ids((m) => (m.pool as { name: string }).name === "production"),
    );
    assert.deepEqual(
      await list("?domain=maas"),
      ids((m) => (m.domain as { name: string }).name === "maas"),
    );
    assert.deepEqual(await list("?owner=admin"), ids((m) => m.owner === "admin"));
    const tagged = ids((m) => m.tag_names.includes("gpu") && m.tag_names.includes("ssd"));
    assert.deepEqual(await list("?tags=gpu,ssd"), tagged);
    assert.deepEqual(await list("?tags=gpu&tags=ssd"), tagged);
    const nic = a.interface_set[0].mac_address;
    assert.deepEqual(await list(`?mac_address=${nic.toUpperCase()}`), [a.system_id]);
    const agent = [...sim.state.machines.values()].find((machine) => machine.agentName !== "")!;
    assert.ok(
      (await list(`?agent_name=${agent.agentName}`)).includes(agent.data.system_id),
    );
    assert.deepEqual(
      await list("?zone=rack-a&status=ready"),
      ids((m) => (m.zone as { name: string }).name === "rack-a" && m.status === NodeStatus.READY),
    );

    const refused = await call(
      sim,
      "GET",
      "api/2.0/machines/?zone=atlantis&status=flying&tags=nope",
    );
    assert.equal(refused.status, 400);
    assert.deepEqual(JSON.parse(refused.text), {
      zone: ["No such zone(s): atlantis."],
      status: ["Select a valid choice. flying is not one of the available choices."],
      tags: ["No such tag(s): 'nope'."],
    });

    const grace = sim.createUser({ username: "grace" });
    const seen = await list("", grace.apikey);
    assert.deepEqual(seen, ids((m) => m.owner === null), "users see free machines and their own");
  }, { machines: 60, seed: 3 });
});

Deno.test("machines/: create and read; validation; anonymous enlistment; commissioning", async () => {
  await withSim(async (sim) => {
    const made = await call(sim, "POST", "api/2.0/machines/", {
      body: form({
        architecture: "amd64",
        mac_addresses: ["52:54:00:12:34:56"],
        hostname: "web-1",
        power_type: "ipmi",
        power_parameters_power_address: "10.0.0.9",
        commission: "false",
      }),
    });
    assert.equal(made.status, 200, made.text);
    const machine = JSON.parse(made.text);
    assert.match(machine.system_id, /^[a-z0-9]{6}$/);
    assert.equal(machine.hostname, "web-1");
    assert.equal(machine.fqdn, "web-1.maas");
    assert.equal(machine.architecture, "amd64/generic");
    assert.equal(machine.status, NodeStatus.NEW);
    assert.equal(machine.status_name, "New");
    assert.equal(machine.power_type, "ipmi");
    assert.equal(machine.resource_uri, `/MAAS/api/2.0/machines/${machine.system_id}/`);
    assert.deepEqual(sim.state.machines.get(machine.system_id)?.powerParameters, {
      power_address: "10.0.0.9",
    });
    const read = await call(sim, "GET", `api/2.0/machines/${machine.system_id}/`);
    assert.deepEqual(JSON.parse(read.text), machine);
    const unknown = await call(sim, "GET", "api/2.0/machines/zzzzzz/");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.text, "No Machine matches the given query.");

    const invalid = await call(sim, "POST", "api/2.0/machines/", {
      body: form({
        architecture: "vax",
        mac_addresses: ["52:54:00:12:34:56", "nope"],
        hostname: "web-1",
      }),
    });
    assert.equal(invalid.status, 400);
    const errors = JSON.parse(invalid.text);
    assert.match(errors.architecture[0], /^'vax\/generic' is not a valid architecture\./);
    assert.match(errors.mac_addresses[0], /^One or more MAC addresses is invalid\./);
    assert.match(errors.mac_addresses[0], /already in use on web-1/);
    assert.match(errors.mac_addresses[0], /'nope' is not a valid MAC address/);
    assert.deepEqual(errors.hostname, ["Node with this Hostname already exists."]);

    const enlisted = await call(sim, "POST", "api/2.0/machines/", {
      key: null,
      body: form({ architecture: "arm64/generic", mac_addresses: ["52:54:00:aa:aa:aa"] }),
    });
    assert.equal(enlisted.status, 200);
    const anonymous = JSON.parse(enlisted.text);
    assert.equal(anonymous.status_name, "New");
    assert.equal(anonymous.owner, undefined, "anonymous callers get the short view");
    assert.equal(sim.log.at(-1)!.user, null);
    const registered = await call(
      sim,
      "GET",
      "api/2.0/machines/?op=is_registered&mac_address=52:54:00:aa:aa:aa",
      {
        key: null,
      },
    );
    assert.equal(registered.text, "false", "anonymous is_registered ignores New machines");
    const registeredSigned = await call(
      sim,
      "GET",
      "api/2.0/machines/?op=is_registered&mac_address=52-54-00-AA-AA-AA",
    );
    assert.equal(registeredSigned.text, "true");
    const noMac = await call(sim, "GET", "api/2.0/machines/?op=is_registered");
    assert.equal(noMac.text, "No provided mac_address!");

    const commissioned = await call(sim, "POST", "api/2.0/machines/", {
      body: form({ architecture: "amd64/generic", mac_addresses: ["52:54:00:bb:bb:bb"] }),
    });
    const started = JSON.parse(commissioned.text);
    assert.equal(
      started.status_name,
      "Commissioning",
      "an administrator's machine commissions at once",
    );
    let status = "";
    for (let i = 0; i < 200 && status !== "Ready"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = sim.state.machines.get(started.system_id)!.data.status_name;
    }
    assert.equal(status, "Ready");
    const ready = JSON.parse(
      (await call(sim, "GET", `api/2.0/machines/${started.system_id}/`)).text,
    );
    assert.ok(ready.cpu_count > 0 && ready.memory > 0 && ready.blockdevice_set.length > 0);
    assert.equal(ready.testing_status_name, "Passed");

    assert.equal((await call(sim, "DELETE", `api/2.0/machines/${machine.system_id}/`)).status, 204);
    assert.equal(sim.state.machines.has(machine.system_id), false);
  }, { lifecycleMs: 5 });
});

Deno.test("the seeded inventory is deterministic, varied and about 5 KB of records a machine", () => {
  const first = generateMachines(200, 11);
  const second = generateMachines(200, 11);
  assert.deepEqual(first, second);
  assert.notDeepEqual(generateMachines(20, 12), generateMachines(20, 11));

  let lastId = 0;
  const storage = new StorageSection(() => ++lastId);
  const interfaces = new InterfacesSection();
  const many = generateMachines(10_000, 5, { storage, interfaces });
  const systemIds = new Set(many.map((machine) => machine.data.system_id));
  const hostnames = new Set(many.map((machine) => machine.data.hostname));
  const nicsOf = (systemId: string) => interfaces.of(systemId).list;
  const macs = many.flatMap((machine) =>
    nicsOf(machine.data.system_id).filter((nic) => nic.type === "physical")
      .map((nic) => nic.macAddress)
  );
  assert.equal(systemIds.size, 10_000);
  assert.equal(hostnames.size, 10_000);
  assert.equal(new Set(macs).size, macs.length);
  assert.ok([...systemIds].every((id) => /^[a-z0-9]{6}$/.test(id)));

  // A machine's records: its own fields, and the interfaces and storage families' records.
  const records = many.map((machine) => {
    const disks = storage.get(machine.data.system_id);
    return {
      data: machine.data,
      interfaces: interfaces.of(machine.data.system_id),
      storage: disks &&
        [...disks.devices.values(), ...disks.partitions.values(), ...disks.filesystems.values()],
    };
  });
  const average = JSON.stringify(records).length / many.length;
  assert.ok(average > 3_000 && average < 8_000, `average ${average} bytes`);
  const statuses = new Set(many.map((machine) => machine.data.status_name));
  assert.ok(
    statuses.has("Ready") && statuses.has("Deployed") && statuses.has("New") && statuses.size >= 8,
  );
  const zones = new Set(many.map((machine) => machine.zoneId));
  assert.ok(zones.size >= 3);

  const deployed = many.find((machine) => machine.data.status_name === "Deployed")!.data;
  assert.equal(deployed.owner, "admin");
  assert.equal(deployed.osystem, "ubuntu");
  for (
    const field of [
      "workload_annotations",
      "testing_status",
      "numanode_set",
      "hardware_info",
    ]
  ) assert.ok(field in deployed, field);
  const domains = new Set(many.map((machine) => machine.domainId));
  assert.deepEqual([...domains].sort(), [0, 1], "machines refer to the site's domains by id");
  const disks = storage.of(deployed.system_id);
  const mounted = disks.partitionsOf(disks.bootDisk()!.id)
    .map((p) => disks.filesystemOn({ kind: "partition", id: p.id })?.mountPoint);
  assert.deepEqual(mounted, ["/boot/efi", "/"]);
  const nic = nicsOf(deployed.system_id).find((one) => one.links.length > 0)!;
  assert.ok(nic.links[0].subnetId !== null && nic.links[0].ipAddress, "deployed: addressed");
  assert.equal(interfaces.of(deployed.system_id).bootId, nicsOf(deployed.system_id)[0].id);
});

Deno.test("faults: a status with Retry-After for N requests, then normal answers", async () => {
  await withSim(async (sim) => {
    sim.faults.inject({
      method: "GET",
      path: "/MAAS/api/2.0/users/",
      status: 503,
      retryAfter: 7,
      count: 2,
      body: "no rack",
    });
    assert.equal(sim.faults.pending(), 2);
    for (let i = 0; i < 2; i++) {
      const busy = await call(sim, "GET", "api/2.0/users/?op=whoami");
      assert.equal(busy.status, 503);
      assert.equal(busy.headers.get("retry-after"), "7");
      assert.equal(busy.text, "no rack");
    }
    assert.equal(sim.faults.pending(), 0);
    assert.equal((await call(sim, "GET", "api/2.0/users/?op=whoami")).status, 200);
    assert.deepEqual(sim.log.map((entry) => [entry.status, entry.fault, entry.retried]), [
      [503, true, false],
      [503, true, true],
      [200, false, true],
    ]);

    sim.faults.inject({
      path: "/MAAS/api/2.0/machines/*",
      op: "deploy",
      status: 409,
      body: "locked",
    });
    assert.equal(
      (await call(sim, "GET", "api/2.0/users/?op=whoami")).status,
      200,
      "other paths pass",
    );
    assert.equal(
      (await call(sim, "GET", "api/2.0/machines/abc/?op=frobnicate")).status,
      400,
      "other ops pass",
    );
    const conflict = await call(sim, "POST", "api/2.0/machines/abc/?op=deploy", { key: "x:y:z" });
    assert.equal(conflict.status, 409, "faults come before OAuth and routing");
    assert.equal(conflict.text, "locked");

    sim.faults.inject({ path: /\/version\/$/, status: 500, count: 5 });
    sim.faults.clear();
    assert.equal(sim.faults.pending(), 0);
    assert.equal((await call(sim, "GET", "api/2.0/version/")).status, 200);
    assert.throws(() => sim.faults.inject({ count: 0 }), RangeError);
  });
});

Deno.test("faults: dropped connections before the headers and in the middle of the body", async () => {
  await withSim(async (sim) => {
    await call(sim, "GET", "api/2.0/version/");
    sim.faults.inject({ path: "/MAAS/api/2.0/version/", drop: "before-headers" });
    await assert.rejects(fetch(sim.apiUrl + "version/"), TypeError);
    assert.deepEqual([sim.log.at(-1)!.status, sim.log.at(-1)!.fault], [0, true]);

    sim.faults.inject({ method: "POST", path: "/MAAS/api/2.0/account/", drop: "before-headers" });
    await assert.rejects(
      fetch(sim.apiUrl + "account/?op=create_authorisation_token", {
        method: "POST",
        headers: { Authorization: sign(sim.adminApiKey) },
        body: form({ name: "dropped" }),
      }),
      TypeError,
    );
    assert.equal(sim.log.filter((entry) => entry.op === "create_authorisation_token").length, 1);
    assert.equal(sim.state.users.tokensOf("admin").length, 1, "a dropped request does no work");

    sim.faults.inject({ path: "/MAAS/api/2.0/version/", drop: "mid-body" });
    const response = await fetch(sim.apiUrl + "version/");
    assert.equal(response.status, 200);
    await assert.rejects(response.text());
    assert.equal(sim.log.at(-1)!.status, 0);

    assert.equal(
      (await call(sim, "GET", "api/2.0/version/")).status,
      200,
      "later requests are fine",
    );
  });
});

Deno.test("faults: a stall lasts until the client gives up; delays hold up no other request", async () => {
  await withSim(async (sim) => {
    sim.faults.inject({ path: "/MAAS/api/2.0/users/", stall: true });
    const controller = new AbortController();
    const stalled = fetch(sim.apiUrl + "users/?op=whoami", {
      headers: { Authorization: sign(sim.adminApiKey) },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 30);
    await assert.rejects(stalled, (error: Error) => error.name === "AbortError");
    assert.deepEqual([sim.log.at(-1)!.status, sim.log.at(-1)!.fault], [0, true]);

    sim.faults.inject({ path: "/MAAS/api/2.0/users/", delayMs: 300 });
    const order: string[] = [];
    const slow = call(sim, "GET", "api/2.0/users/?op=whoami").then((answer) => {
      order.push("slow");
      return answer;
    });
    const fast = call(sim, "GET", "api/2.0/version/").then(() => order.push("fast"));
    await Promise.all([slow, fast]);
    assert.deepEqual(order, ["fast", "slow"]);
    assert.equal((await slow).status, 200, "a delay-only rule lets the request through");
    assert.equal(
      sim.log.find((entry) => entry.op === "whoami" && entry.status === 200)?.fault,
      false,
    );

    sim.faults.inject({
      path: "/MAAS/api/2.0/version/",
      delayMs: 20,
      status: 200,
      body: "{}",
      contentType: "application/json",
    });
    const shaped = await call(sim, "GET", "api/2.0/version/");
    assert.deepEqual([shaped.status, shaped.type, shaped.text], [200, "application/json", "{}"]);
  });
});

Deno.test("latencyMs slows every request without serialising them", async () => {
  await withSim(async (sim) => {
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => call(sim, "GET", "api/2.0/version/")));
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 40, `latency applies (${elapsed} ms)`);
    assert.equal(sim.log.length, 5);
  }, { latencyMs: 50 });
});

Deno.test("close() ends stalled and delayed requests, timers and keep-alive connections", async () => {
  const sim = await MaasSimulator.start({ lifecycleMs: 60_000, latencyMs: 0 });
  await call(sim, "GET", "api/2.0/version/");
  await call(sim, "POST", "api/2.0/machines/", {
    body: form({ architecture: "amd64/generic", mac_addresses: ["52:54:00:cc:cc:cc"] }),
  });
  sim.faults.inject({ path: "/MAAS/api/2.0/version/", stall: true });
  sim.faults.inject({ path: "/MAAS/api/2.0/users/", delayMs: 60_000 });
  const stalled = fetch(sim.apiUrl + "version/").then(() => "answered", () => "failed");
  const delayed = fetch(sim.apiUrl + "users/?op=whoami", {
    headers: { Authorization: sign(sim.adminApiKey) },
  })
    .then(() => "answered", () => "failed");
  while (sim.log.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
  await sim.close();
  await sim.close();
  assert.deepEqual(await Promise.all([stalled, delayed]), ["failed", "failed"]);
  await assert.rejects(fetch(sim.apiUrl + "version/"), TypeError);
});

Deno.test("options: adminApiKey, adminPassword, createUser and createApiKey", async () => {
  const adminApiKey = "ABCDEFGHIJKLMNOPQR:abcdefghijklmnopqr:0123456789abcdefghijklmnopqrstuv";
  await withSim(async (sim) => {
    assert.equal(sim.adminApiKey, adminApiKey);
    assert.equal(sim.adminUsername, "admin");
    assert.equal(sim.url, `http://127.0.0.1:${sim.port}/MAAS/`);
    assert.equal(sim.apiUrl, `${sim.url}api/2.0/`);
    assert.equal((await call(sim, "GET", "api/2.0/users/?op=whoami")).status, 200);
    const login = await call(sim, "POST", "accounts/authenticate/", {
      key: null,
      body: form({ username: "admin", password: "pw" }),
    });
    assert.equal(login.status, 200);
    const helen = sim.createUser({ username: "helen", email: "h@example.com", isSuperuser: true });
    const second = sim.createApiKey("helen", "second");
    for (const key of [helen.apikey, second]) {
      const me = JSON.parse((await call(sim, "GET", "api/2.0/users/?op=whoami", { key })).text);
      assert.deepEqual([me.username, me.email, me.is_superuser], ["helen", "h@example.com", true]);
    }
    assert.throws(() => sim.createUser({ username: "helen" }), /exists/);
    assert.throws(() => sim.createApiKey("nobody"), /no user/);
  }, { adminApiKey, adminPassword: "pw" });
  await assert.rejects(MaasSimulator.start({ adminApiKey: "two:parts" }), TypeError);
});

Deno.test("simulator: a clock offset moves the OAuth window and the Date header", async () => {
  await withSim(async (sim) => {
    const ahead = await call(sim, "GET", "api/2.0/users/?op=whoami");
    assert.equal(ahead.status, 401);
    assert.match(
      ahead.text,
      /^Authorization Error: 'Expired timestamp: given \d+ and now \d+ has a greater difference than threshold 300'$/,
    );
    const serverTime = Date.parse(ahead.headers.get("date") ?? "");
    assert.ok(Math.abs(serverTime - Date.now() - 3_600_000) < 5_000, ahead.headers.get("date")!);
    const fixed = await call(sim, "GET", "api/2.0/users/?op=whoami", {
      headers: {
        Authorization: sign(sim.adminApiKey, {
          oauth_timestamp: String(Math.floor(serverTime / 1000)),
        }),
      },
      key: null,
    });
    assert.equal(fixed.status, 200, fixed.text);
  }, { clockOffsetSeconds: 3600 });
  await withSim(async (sim) => {
    // A server clock behind the client's: newer timestamps pass, as on MAAS.
    const behind = await call(sim, "GET", "api/2.0/users/?op=whoami");
    assert.equal(behind.status, 200, behind.text);
  }, { clockOffsetSeconds: -3600 });
});
