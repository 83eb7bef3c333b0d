/**
 * What a simulator serves depends on its MAAS line: handlers, ops and the parameters an op reads.
 *
 * Raw HTTP on purpose: this pins down the simulator itself, not the client library.
 */
import assert from "node:assert/strict";
import { Credentials } from "../mod.ts";
import { authorizationHeader } from "../lib/exports/transport.ts";
import { MaasSimulator, type SimulatorOptions } from "../lib/testing/mod.ts";

async function withSim(options: SimulatorOptions, fn: (sim: MaasSimulator) => Promise<void>) {
  await using sim = await MaasSimulator.start(options);
  await fn(sim);
}

function call(sim: MaasSimulator) {
  const credentials = Credentials.parse(sim.adminApiKey);
  return async (method: string, path: string, body?: BodyInit) => {
    const response = await fetch(sim.apiUrl + path, {
      method,
      headers: { Authorization: authorizationHeader(credentials) },
      body,
    });
    return { status: response.status, text: await response.text() };
  };
}

Deno.test("lines: maasVersion picks the line; the old vmHostsRemoved is master; mistakes throw", async () => {
  for (const [options, version] of [[{}, "3.8.0"], [{ maasVersion: "3.0" }, "3.0.2"]] as const) {
    await withSim(options, async (sim) => {
      const answer = await fetch(sim.apiUrl + "version/");
      assert.equal((await answer.json()).version, version);
    });
  }
  await withSim({ vmHostsRemoved: true }, async (sim) => {
    assert.equal(sim.maasVersion, "master");
    assert.equal((await (await fetch(sim.apiUrl + "version/")).json()).version, "3.9.0");
  });
  await assert.rejects(
    MaasSimulator.start({ vmHostsRemoved: true, maasVersion: "3.7" }),
    (error: unknown) => {
      assert.ok(error instanceof TypeError);
      assert.equal(
        error.message,
        'vmHostsRemoved means maasVersion "master", not "3.7": give maasVersion alone',
      );
      return true;
    },
  );
  await assert.rejects(
    MaasSimulator.start({ maasVersion: "3.6" as "3.7" }),
    /unknown MAAS line "3\.6": use one of 2\.9, 3\.0, 3\.7, 3\.8, master/,
  );
  await withSim({ version: "3.8.1", capabilities: ["authenticate-api"] }, async (sim) => {
    const answer = await (await fetch(sim.apiUrl + "version/")).json();
    assert.deepEqual(answer, {
      capabilities: ["authenticate-api"],
      version: "3.8.1",
      subversion: "",
    });
  });
});

Deno.test("lines: a handler the line lacks is an unknown endpoint, an op it lacks is unrecognised", async () => {
  const node = "4y3h7n";
  await withSim({ maasVersion: "2.9" }, async (sim) => {
    const answer = await call(sim)("GET", `nodes/${node}/devices/`);
    assert.equal(answer.status, 404);
    assert.equal(answer.text, `Unknown API endpoint: /MAAS/api/2.0/nodes/${node}/devices/.`);
  });
  await withSim({ maasVersion: "3.0" }, async (sim) => {
    assert.equal((await call(sim)("GET", `nodes/${node}/devices/`)).status, 200);
    const [machine] = sim.state.machines.keys();
    const token = await call(sim)("GET", `machines/${machine}/?op=get_token`);
    assert.equal(token.status, 400, "get_token came with MAAS 3.7");
    assert.equal(token.text, "Unrecognised signature: method=GET op=get_token");
  });
  await withSim({ maasVersion: "3.7", machines: 1 }, async (sim) => {
    const [machine] = sim.state.machines.keys();
    assert.equal((await call(sim)("GET", `machines/${machine}/?op=get_token`)).status, 200);
  });
});

Deno.test("lines: VM hosts, pods and VM clusters are gone on master, served and described up to 3.8", async () => {
  await withSim({ maasVersion: "master" }, async (sim) => {
    for (const path of ["vm-hosts/", "pods/", "vm-hosts/1/"]) {
      const answer = await call(sim)("GET", path);
      assert.equal(answer.status, 410, path);
      assert.equal(answer.text, "VM host (KVM) support has been removed from MAAS.");
    }
    const described = await (await fetch(sim.apiUrl + "describe/")).json() as {
      resources: { name: string }[];
    };
    assert.ok(!described.resources.some((r) => /VmHost|Pod/.test(r.name)), "hidden on master");
  });
  await withSim({ maasVersion: "3.8" }, async (sim) => {
    assert.equal((await call(sim)("GET", "vm-hosts/")).status, 200);
    const described = await (await fetch(sim.apiUrl + "describe/")).json() as {
      resources: { name: string }[];
    };
    assert.ok(described.resources.some((r) => r.name === "VmHostsHandler"));
  });
});

Deno.test("lines: a parameter the line's op does not read is not honoured (but is logged)", async () => {
  const create = (sim: MaasSimulator) =>
    call(sim)(
      "POST",
      "boot-sources/",
      new URLSearchParams({
        url: "http://mirror.example.com/",
        keyring_filename: "/k.gpg",
        priority: "7",
      }),
    );
  await withSim({ maasVersion: "3.8" }, async (sim) => {
    assert.equal((await create(sim)).status, 201);
    assert.equal(sim.state.boot.sources.at(-1)!.priority, 7);
  });
  await withSim({ maasVersion: "3.7" }, async (sim) => {
    const answer = await create(sim);
    assert.equal(answer.status, 201);
    assert.equal(sim.state.boot.sources.at(-1)!.priority, 0, "3.7's form has no priority");
    assert.ok(!("priority" in JSON.parse(answer.text)), "nor do 3.7's boot sources");
    assert.deepEqual(sim.log.at(-1)!.params.priority, ["7"], "the log shows what was sent");
  });
});
