/**
 * Portable tests: `SessionAPI` (connect, login, handlers built from the describe document) and
 * the typed client's machine life cycle, against a simulator served by the same runtime.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  connect,
  Credentials,
  FailedDeployment,
  login,
  LoginError,
  NotFoundError,
  ParameterError,
  PasswordWithoutUsername,
  SessionError,
} from "../../mod.ts";
import { SessionAPI } from "../../lib/session.ts";
import { test } from "./harness.ts";
import { withSimulator } from "./support.ts";

test("session: connect with an API key, whoami through the described handler", async () => {
  await withSimulator({}, async (sim) => {
    const { profile, session } = await SessionAPI.connect(sim.url, { apikey: sim.adminApiKey });
    try {
      assert.equal(profile.url, sim.apiUrl);
      assert.equal(profile.credentials?.toString(), sim.adminApiKey);
      assert.ok(profile.description.hash);
      assert.equal(session.isAnonymous, false);
      const me = await session.handlers.Users.whoami() as { username: string };
      assert.equal(me.username, "admin");
      assert.ok(session.handlers.Machine, "authenticated handlers");
      assert.ok(session.handlers.Version, "anonymous handlers fill in");
      assert.equal(session.handlers.Users.actions.whoami.op, "whoami");
    } finally {
      session.transport.close();
    }
  });
});

test("session: login with a username and password obtains a key named after the library", async () => {
  await withSimulator({}, async (sim) => {
    const { profile, session } = await SessionAPI.login(sim.url, {
      username: sim.adminUsername,
      password: sim.adminPassword,
    });
    try {
      const me = await session.handlers.Users.whoami() as { username: string };
      assert.equal(me.username, "admin");
      assert.ok(profile.credentials instanceof Credentials);
      const authenticate = sim.log.find((entry) => entry.path === "/MAAS/accounts/authenticate/");
      assert.match(authenticate?.params.consumer?.[0] ?? "", /@libmaas\/client/);
    } finally {
      session.transport.close();
    }
    await assert.rejects(
      SessionAPI.login(sim.url, { username: "admin", password: "Not-The-Password-77" }),
      (error: unknown) =>
        error instanceof LoginError && !error.message.includes("Not-The-Password-77"),
    );
    const before = sim.log.length;
    await assert.rejects(SessionAPI.login(sim.url, { password: "x" }), PasswordWithoutUsername);
    assert.equal(sim.log.length, before, "refused before any request");
  });
});

test("session: actions take URI parameters by name; a missing one is named", async () => {
  await withSimulator({ machines: 2 }, async (sim) => {
    const session = await SessionAPI.fromURL(sim.url, {
      credentials: Credentials.parse(sim.adminApiKey),
    });
    try {
      const machine = session.handlers.Machine;
      assert.deepEqual(machine.params, ["system_id"]);
      await assert.rejects(
        machine.read({}),
        (error: unknown) => error instanceof ParameterError && /system_id/.test(error.message),
      );
      const [first] = sim.state.machines.values();
      const read = await machine.read({ system_id: first.data.system_id }) as {
        hostname: string;
      };
      assert.equal(read.hostname, first.data.hostname);
      await assert.rejects(machine.read({ system_id: "nope00" }), NotFoundError);
    } finally {
      session.transport.close();
    }
  });
});

test("session: anonymous sessions see anonymous handlers; a non-MAAS server is refused", async () => {
  await withSimulator({}, async (sim) => {
    const { session } = await SessionAPI.connect(sim.url);
    assert.equal(session.isAnonymous, true);
    assert.equal(session.handlers.Users, undefined);
    const version = await session.handlers.Version.read() as { version: string };
    assert.equal(version.version, "3.8.0");
    session.transport.close();
    sim.faults.inject({
      path: "/MAAS/api/2.0/describe/",
      status: 200,
      body: "<html>Welcome</html>",
      contentType: "text/html",
    });
    await assert.rejects(SessionAPI.fromURL(sim.url), (error: unknown) => {
      assert.ok(error instanceof SessionError);
      assert.match(error.message, /not a MAAS API root/);
      return true;
    });
  });
});

test("session: fromProfile rebuilds a session with no request", async () => {
  await withSimulator({}, async (sim) => {
    const { profile, session } = await SessionAPI.connect(sim.url, { apikey: sim.adminApiKey });
    session.transport.close();
    const before = sim.log.length;
    const again = SessionAPI.fromProfile(profile);
    assert.equal(sim.log.length, before);
    const me = await again.handlers.Users.whoami() as { username: string };
    assert.equal(me.username, "admin");
    again.transport.close();
  });
});

test("client: allocate, deploy with wait, release with wait", async () => {
  await withSimulator({ machines: 6, seed: 3, lifecycleMs: 20 }, async (sim) => {
    const client = await connect(sim.url, { apikey: sim.adminApiKey });
    try {
      const ready = await client.machines.list({ status: "ready" });
      assert.ok(ready.length > 0, "the inventory has a Ready machine");
      const machine = await client.machines.allocate({ systemId: ready[0].systemId });
      assert.equal(machine.statusName, "Allocated");
      assert.equal(machine.owner, "admin");
      const progress: string[] = [];
      await machine.deploy({ distroSeries: "noble" }, {
        wait: true,
        interval: 20,
        onProgress: (step) => progress.push(step.machine.statusName),
      });
      assert.equal(machine.statusName, "Deployed");
      assert.ok(progress.includes("Deploying"), progress.join(","));
      assert.match(String(machine), new RegExp(`^Machine ${machine.systemId} \\S+ Deployed`));
      const deploys = sim.log.filter((e) => e.op === "deploy");
      assert.equal(deploys.length, 1, "deployed once");
      assert.deepEqual(deploys[0].params.distro_series, ["noble"]);
      await machine.release({}, { wait: true, interval: 20 });
      assert.equal(machine.statusName, "Ready");
      assert.equal((await client.machines.get(machine.systemId)).owner, null);
    } finally {
      client.close();
    }
  });
});

test("client: a failing deployment raises FailedDeployment; login gives a typed client", async () => {
  await withSimulator({ machines: 4, seed: 3, lifecycleMs: 20 }, async (sim) => {
    const client = await login(sim.url, {
      username: sim.adminUsername,
      password: sim.adminPassword,
    });
    try {
      assert.equal((await client.users.whoami()).username, "admin");
      const machine = await client.machines.allocate();
      sim.failNext(machine.systemId, "deploy", "Installation failed: no space left");
      const error = await machine.deploy({}, { wait: true, interval: 20 }).catch((e) => e);
      assert.ok(error instanceof FailedDeployment, String(error));
      assert.match(error.message, /no space left/);
      assert.equal(machine.statusName, "Failed deployment");
    } finally {
      client.close();
    }
  });
});
