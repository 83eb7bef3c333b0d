import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  ConnectError,
  Credentials,
  LoginError,
  LoginNotSupported,
  ParameterError,
  PasswordWithoutUsername,
  SessionError,
  UnauthorizedError,
  UsernameWithoutPassword,
} from "../mod.ts";
import { authorizationHeader } from "../lib/exports/transport.ts";
import { type Description, SessionAPI, shortName, validateDescription } from "../lib/session.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

async function withSim(
  fn: (sim: MaasSimulator) => Promise<void>,
  options?: Parameters<typeof MaasSimulator.start>[0],
): Promise<void> {
  const sim = await MaasSimulator.start(options);
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

Deno.test("shortName follows MAAS's conventions", () => {
  assert.equal(shortName("MachinesHandler"), "Machines");
  assert.equal(shortName("AnonMachinesHandler"), "Machines");
  assert.equal(shortName("MaasHandler"), "MAAS");
  assert.equal(shortName("SSHKeysHandler"), "SSHKeys");
});

Deno.test("whoami through a session made by connect", async () => {
  await withSim(async (sim) => {
    const { profile, session } = await SessionAPI.connect(sim.url, { apikey: sim.adminApiKey });
    assert.equal(session.isAnonymous, false);
    assert.equal(profile.url, sim.apiUrl);
    assert.equal(profile.credentials?.toString(), sim.adminApiKey);
    const me = await session.handlers.Users.whoami() as { username: string };
    assert.equal(me.username, "admin");
    assert.ok(session.handlers.Machine, "authenticated handlers are used");
    assert.ok(session.handlers.Version, "anonymous handlers fill in");
    session.transport.close();
  });
});

Deno.test("whoami through a session made by login, and a replayed nonce answered 401", async () => {
  await withSim(async (sim) => {
    const { session } = await SessionAPI.login(sim.url, {
      username: sim.adminUsername,
      password: sim.adminPassword,
    });
    const me = await session.handlers.Users.whoami() as { username: string };
    assert.equal(me.username, "admin");
    const authenticate = sim.log.find((e) => e.path === "/MAAS/accounts/authenticate/")!;
    assert.match(authenticate.params.consumer[0], /@libmaas\/client/);

    const credentials = session.credentials!;
    const header = authorizationHeader(credentials, { nonce: "replayed-nonce" });
    const first = await fetch(sim.apiUrl + "users/?op=whoami", {
      headers: { Authorization: header },
    });
    await first.body?.cancel();
    assert.equal(first.status, 200);
    const second = await fetch(sim.apiUrl + "users/?op=whoami", {
      headers: { Authorization: header },
    });
    assert.equal(second.status, 401);
    assert.match(await second.text(), /Nonce already used/);
    session.transport.close();
  });
});

Deno.test("login takes the username and password from the URL, not twice", async () => {
  await withSim(async (sim) => {
    const url = sim.url.replace("http://", `http://${sim.adminUsername}:${sim.adminPassword}@`);
    const { session } = await SessionAPI.login(url);
    assert.equal((await session.handlers.Users.whoami() as { username: string }).username, "admin");
    session.transport.close();
    await assert.rejects(
      SessionAPI.login(url, { username: "admin", password: "x" }),
      (error: unknown) => error instanceof LoginError && /once/.test(error.message),
    );
    await assert.rejects(SessionAPI.connect(url, { apikey: sim.adminApiKey }), (error: unknown) => {
      assert.ok(error instanceof ConnectError);
      assert.match(error.message, /login/);
      assert.ok(!error.message.includes(sim.adminPassword + "@"));
      return true;
    });
  });
});

Deno.test("login errors: wrong password, missing halves, no password login", async () => {
  await withSim(async (sim) => {
    await assert.rejects(
      SessionAPI.login(sim.url, { username: "admin", password: "wrong-password" }),
      (error: unknown) => {
        assert.ok(error instanceof LoginError);
        assert.match(error.message, /username or password is wrong/);
        assert.ok(!error.message.includes("wrong-password"));
        return true;
      },
    );
    const before = sim.log.length;
    await assert.rejects(SessionAPI.login(sim.url, { password: "x" }), PasswordWithoutUsername);
    await assert.rejects(SessionAPI.login(sim.url, { username: "x" }), UsernameWithoutPassword);
    assert.equal(sim.log.length, before, "no request before the arguments are checked");
  });
  await withSim(async (sim) => {
    await assert.rejects(
      SessionAPI.login(sim.url, { username: "admin", password: sim.adminPassword }),
      (error: unknown) => error instanceof LoginNotSupported && /API key/.test(error.message),
    );
  }, { capabilities: ["networks-management"] });
});

Deno.test("an anonymous session sees only anonymous handlers", async () => {
  await withSim(async (sim) => {
    const { session } = await SessionAPI.connect(sim.url);
    assert.equal(session.isAnonymous, true);
    assert.equal(session.credentials, null);
    assert.ok(session.handlers.Version);
    assert.ok(session.handlers.Machines);
    assert.equal(session.handlers.Users, undefined);
    assert.equal(session.handlers.Machine, undefined);
    const version = await session.handlers.Version.read() as { version: string };
    assert.equal(typeof version.version, "string");
    session.transport.close();
  });
});

Deno.test("actions expose their description and take URI parameters by name", async () => {
  await withSim(async (sim) => {
    const session = await SessionAPI.fromURL(sim.url, {
      credentials: Credentials.parse(sim.adminApiKey),
    });
    const machine = session.handlers.Machine;
    assert.deepEqual(machine.params, ["system_id"]);
    assert.match(machine.path, /machines\/\{system_id\}\/$/);
    const read = machine.actions.read;
    assert.equal(read.name, "read");
    assert.equal(read.method, "GET");
    assert.equal(read.op, null);
    assert.equal(read.restful, true);
    assert.equal(typeof read.doc, "string");
    await assert.rejects(
      machine.read({}),
      (error: unknown) => error instanceof ParameterError && /system_id/.test(error.message),
    );
    const created = await session.handlers.Machines.create({
      architecture: "amd64/generic",
      mac_addresses: ["52:54:00:00:00:01"],
      hostname: "via-session",
      power_type: "manual",
    }) as { system_id: string };
    const read1 = await machine.read({ system_id: created.system_id }) as { hostname: string };
    assert.equal(read1.hostname, "via-session");
    const whoami = session.handlers.Users.actions.whoami;
    assert.equal(whoami.op, "whoami");
    assert.equal(whoami.restful, false);
    session.transport.close();
  });
});

Deno.test("fromProfile builds a session with no network", async () => {
  await withSim(async (sim) => {
    const { profile, session } = await SessionAPI.connect(sim.url, { apikey: sim.adminApiKey });
    session.transport.close();
    const before = sim.log.length;
    const again = SessionAPI.fromProfile(profile);
    assert.equal(sim.log.length, before);
    assert.deepEqual(Object.keys(again.handlers).sort(), Object.keys(session.handlers).sort());
    assert.equal((await again.handlers.Users.whoami() as { username: string }).username, "admin");
    again.transport.close();
  });
});

Deno.test("a server that is not MAAS raises SessionError saying so", async () => {
  await withSim(async (sim) => {
    sim.faults.inject({
      path: "/MAAS/api/2.0/describe/",
      status: 200,
      body: "<html><body>Welcome</body></html>",
      contentType: "text/html",
    });
    await assert.rejects(SessionAPI.fromURL(sim.url), (error: unknown) => {
      assert.ok(error instanceof SessionError);
      assert.match(error.message, /not a MAAS API root/);
      assert.match(error.message, /text\/html/);
      assert.match(error.message, /200/);
      return true;
    });
    sim.faults.inject({ path: "/MAAS/api/2.0/describe/", status: 404, body: "Not Found" });
    await assert.rejects(SessionAPI.fromURL(sim.url), /404/);
  });
});

Deno.test("a wrong key raises UnauthorizedError carrying the server's text", async () => {
  await withSim(async (sim) => {
    const [ck, tk] = sim.adminApiKey.split(":");
    const { session } = await SessionAPI.connect(sim.url, {
      apikey: `${ck}:${tk}:wrongwrongwrongwrongwrongwrong12`,
    });
    await assert.rejects(session.handlers.Users.whoami(), (error: unknown) => {
      assert.ok(error instanceof UnauthorizedError);
      assert.ok(error.text.length > 0);
      assert.ok(error.message.includes(error.text));
      assert.ok(!error.message.includes("wrongwrongwrongwrongwrongwrong12"));
      return true;
    });
    session.transport.close();
  });
});

Deno.test("printing a session never shows the token secret", async () => {
  await withSim(async (sim) => {
    const secret = sim.adminApiKey.split(":")[2];
    const { profile, session } = await SessionAPI.connect(sim.url, { apikey: sim.adminApiKey });
    for (
      const text of [
        `${session}`,
        JSON.stringify(session),
        Deno.inspect(session, { depth: 10 }),
        inspect(session, { depth: 10 }),
        Deno.inspect(profile.credentials),
        JSON.stringify(profile.credentials),
        Deno.inspect({ ...profile, description: null }, { depth: 10 }),
      ]
    ) {
      assert.ok(!text.includes(secret), text);
    }
    session.transport.close();
  });
});

// Shaped like the describe documents of MAAS 2.0–2.2: URI parameters named after the object
// (`device_id`), some ops on GET, no `restful` on some actions and no `params` on some handlers.
const OLD_DOCUMENT = {
  doc: "MAAS API",
  hash: "0123456789abcdef",
  handlers: [],
  resources: [
    {
      name: "BlockDeviceHandler",
      anon: null,
      auth: {
        name: "BlockDeviceHandler",
        doc: "One block device.",
        params: ["system_id", "device_id"],
        path: "/MAAS/api/2.0/nodes/{system_id}/blockdevices/{device_id}/",
        uri: "http://elsewhere:5240/MAAS/api/2.0/nodes/{system_id}/blockdevices/{device_id}/",
        actions: [
          { name: "add_tag", method: "GET", op: "add_tag", restful: false, doc: "Tag it." },
          { name: "read", method: "GET", op: null, doc: "Read it." },
        ],
      },
    },
    {
      name: "VersionHandler",
      anon: {
        name: "VersionHandler",
        doc: "",
        path: "/MAAS/api/2.0/version/",
        actions: [{ name: "read", method: "GET", op: null, restful: true, doc: "" }],
      },
      auth: null,
    },
  ],
};

Deno.test("describe documents of older servers work: other parameter names, GET ops", async () => {
  await withSim(async (sim) => {
    const description: Description = validateDescription(structuredClone(OLD_DOCUMENT));
    const session = new SessionAPI(description, sim.url, {
      credentials: Credentials.parse(sim.adminApiKey),
    });
    const device = session.handlers.BlockDevice;
    assert.deepEqual(device.params, ["system_id", "device_id"]);
    assert.equal(device.actions.read.restful, true);
    assert.deepEqual(session.handlers.Version.params, []);
    await assert.rejects(device.add_tag({ system_id: "abc" }), /device_id/);
    await device.add_tag({ system_id: "abc", device_id: 7, tag: "ssd" }).catch(() => {});
    const sent = sim.log.at(-1)!;
    assert.equal(sent.method, "GET");
    assert.equal(sent.path, "/MAAS/api/2.0/nodes/abc/blockdevices/7/");
    assert.equal(sent.op, "add_tag");
    assert.deepEqual(sent.params.tag, ["ssd"]);
    session.transport.close();
  });
});

Deno.test("malformed describe documents raise SessionError, never a TypeError", () => {
  const cases: unknown[] = [
    null,
    [],
    "MAAS",
    {},
    { resources: {} },
    { resources: [null] },
    { resources: [{}] },
    { resources: [{ name: "X", auth: { name: "X" } }] },
    { resources: [{ name: "X", auth: { name: "X", path: "/x/", actions: [{}] } }] },
    { resources: [{ name: "X", auth: { name: "X", path: "/x/", actions: [{ name: "a" }] } }] },
    { resources: [{ name: "X", auth: { name: "X", path: "/x/", params: "id", actions: [] } }] },
    { resources: [{ name: "X", auth: { name: "X", path: 5, actions: [] } }] },
  ];
  for (const value of cases) {
    assert.throws(() => validateDescription(value), SessionError, JSON.stringify(value));
  }
});

Deno.test("connect with both an API key and a transport is refused before any request", async () => {
  await withSim(async (sim) => {
    const { Transport } = await import("../lib/exports/transport.ts");
    const transport = new Transport();
    await assert.rejects(
      SessionAPI.connect(sim.url, { apikey: sim.adminApiKey, transport }),
      (error: unknown) => error instanceof ParameterError && /not both/.test(error.message),
    );
    assert.equal(sim.log.length, 0);
    transport.close();
  });
});
