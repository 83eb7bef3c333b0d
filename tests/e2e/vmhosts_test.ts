import assert from "node:assert/strict";
import {
  BadRequestError,
  connect,
  ForbiddenError,
  GoneError,
  NotFoundError,
  ParameterError,
  ResourcePool,
  ServiceUnavailableError,
  VMHost,
  Zone,
} from "../../mod.ts";
import { withClient } from "./support.ts";

Deno.test("VM hosts: create → list → get → save → tags → delete", async () => {
  await withClient(async (client, sim) => {
    const host = await client.vmHosts.create({
      type: "lxd",
      powerAddress: "10.0.0.5:8443",
      powerPass: "trust-me",
      name: "kvm-01",
      tags: ["fast"],
    });
    const create = sim.log.at(-1)!;
    assert.equal(create.path, "/MAAS/api/2.0/vm-hosts/");
    assert.deepEqual(create.params, {
      type: ["lxd"],
      power_address: ["10.0.0.5:8443"],
      power_pass: ["trust-me"],
      name: ["kvm-01"],
      tags: ["fast"],
    });
    assert.ok(host instanceof VMHost);
    assert.equal(String(host), `VMHost ${host.id} lxd kvm-01`);
    assert.deepEqual(host.tags, ["fast", "pod-console-logging"]);
    assert.ok(host.capabilities.includes("composable"));
    assert.deepEqual(host.architectures, ["amd64/generic"]);
    assert.equal(host.total.cores, 16);
    assert.equal(host.available.memory, host.total.memory);
    assert.equal(host.used.localStorage, 0);
    assert.equal(host.storagePools[0].default, true);
    assert.ok(host.zone instanceof Zone && host.zone.name === "default");
    assert.ok(host.pool instanceof ResourcePool);
    assert.equal(host.hostSystemId, null);
    assert.equal(host.resourcePath, `vm-hosts/${host.id}/`);

    assert.deepEqual((await client.vmHosts.list()).map((h) => h.id), [host.id]);
    const read = await client.vmHosts.get(host.id);
    assert.equal(read.name, "kvm-01");

    read.name = "kvm-one";
    read.cpuOverCommitRatio = 2;
    await read.save();
    assert.deepEqual(sim.log.at(-1)!.params, { name: ["kvm-one"], cpu_over_commit_ratio: ["2"] });
    assert.equal(read.name, "kvm-one");
    assert.equal(read.cpuOverCommitRatio, 2);
    const before = sim.log.length;
    await read.save();
    assert.equal(sim.log.length, before, "nothing changed, nothing sent");

    read.zone = "default";
    read.tags = ["slow", "gpu"];
    await read.save();
    assert.deepEqual(sim.log.at(-1)!.params, { zone: ["default"], tags: ["slow,gpu"] });
    assert.deepEqual(read.tags, ["slow", "gpu", "pod-console-logging"]);

    await read.addTag("nvme");
    assert.equal(sim.log.at(-1)!.op, "add_tag");
    assert.ok(read.tags.includes("nvme"));
    await read.removeTag("slow");
    assert.equal(read.tags.includes("slow"), false);

    assert.deepEqual(await read.parameters(), {
      power_address: "10.0.0.5:8443",
      power_pass: "trust-me",
    });

    await read.refresh();
    assert.equal(sim.log.at(-1)!.method, "POST");
    assert.equal(sim.log.at(-1)!.op, "refresh");

    await read.delete();
    await assert.rejects(client.vmHosts.get(host.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Pod matches the given query.");
      return true;
    });
  });
});

Deno.test("VM hosts: compose makes a machine; over-commit and form errors", async () => {
  await withClient(async (client, sim) => {
    const host = await client.vmHosts.create({
      type: "virsh",
      powerAddress: "qemu+ssh://h/system",
    });
    const composed = await host.compose({
      cores: 4,
      memory: 8192,
      storage: ["root:20(ssd)", "data:100"],
      hostname: "web-01",
      skipCommissioning: true,
    });
    assert.deepEqual(sim.log.at(-1)!.params, {
      cores: ["4"],
      memory: ["8192"],
      storage: ["root:20(ssd),data:100"],
      hostname: ["web-01"],
      skip_commissioning: ["true"],
    });
    assert.match(composed.systemId, /^[a-z0-9]{6}$/);
    assert.equal(composed.resourceUri, `/MAAS/api/2.0/machines/${composed.systemId}/`);
    const machine = sim.state.machines.get(composed.systemId)!;
    assert.equal(machine.data.hostname, "web-01");
    assert.equal(machine.data.cpu_count, 4);
    assert.equal(machine.data.status_name, "Ready");
    const answer = await client.call<{ hostname: string }>(
      "GET",
      `machines/${composed.systemId}/`,
    );
    assert.equal(answer.hostname, "web-01");

    await host.refresh();
    assert.equal(host.used.cores, 4);
    assert.equal(host.available.cores, 12);

    const defaults = await host.compose();
    assert.equal(sim.state.machines.get(defaults.systemId)!.data.cpu_count, 1);

    await assert.rejects(host.compose({ cores: 64 }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { cores: ["Ensure this value is less than or equal to 16."] });
      return true;
    });
    await assert.rejects(
      host.compose({ hostname: "web-01" }),
      (error: unknown) =>
        error instanceof BadRequestError &&
        error.fields!.hostname[0] === 'Node with hostname "web-01" already exists',
    );
    await host.compose({ cores: 11, skipCommissioning: true });
    await assert.rejects(host.compose({ cores: 2 }), (error: unknown) => {
      assert.ok(error instanceof ServiceUnavailableError);
      assert.match(
        error.text,
        /CPU overcommit ratio is 1\.0 and there are 0 available resources; 2 requested\./,
      );
      return true;
    });

    const before = sim.log.length;
    await assert.rejects(host.compose({ cores: 1.5 }), /whole number/);
    await assert.rejects(host.addTag("a,b"), /may not contain/);
    // @ts-expect-error: missing type
    await assert.rejects(client.vmHosts.create({ powerAddress: "x" }), /type/);
    await assert.rejects(client.vmHosts.create({ type: "lxd", powerAddress: "" }), ParameterError);
    assert.equal(sim.log.length, before, "no request before the arguments are checked");

    await assert.rejects(
      client.vmHosts.create({ type: "xen", powerAddress: "10.0.0.9" }),
      (error: unknown) =>
        error instanceof BadRequestError &&
        error.fields!.type[0] === "Select a valid choice. xen is not one of the available choices.",
    );

    await host.delete({ decompose: true });
    assert.deepEqual(sim.log.at(-1)!.params, { decompose: ["true"] });
    assert.equal(sim.state.machines.has(composed.systemId), false, "decompose removes machines");
  });
});

Deno.test("VM hosts: pods/ is served too, and used when vm-hosts/ is unknown", async () => {
  await withClient(async (client, sim) => {
    await client.vmHosts.create({ type: "lxd", powerAddress: "10.0.0.7" });
    const pods = await client.call<{ resource_uri: string }[]>("GET", "pods/");
    assert.equal(pods.length, 1);
    assert.match(pods[0].resource_uri, /\/pods\/\d+\/$/);

    sim.faults.inject({
      path: "/MAAS/api/2.0/vm-hosts/",
      status: 404,
      body: "Unknown API endpoint: /MAAS/api/2.0/vm-hosts/.",
    });
    const older = await connect(sim.url, { apikey: sim.adminApiKey });
    try {
      const [host] = await older.vmHosts.list();
      assert.deepEqual(sim.log.slice(-2).map((e) => e.path), [
        "/MAAS/api/2.0/vm-hosts/",
        "/MAAS/api/2.0/pods/",
      ]);
      assert.equal(
        host.resourcePath,
        `pods/${host.id}/`,
        "objects keep the address they came from",
      );
      await host.addTag("old-name");
      assert.equal(sim.log.at(-1)!.path, `/MAAS/api/2.0/pods/${host.id}/`);
      await older.vmHosts.get(host.id);
      assert.equal(sim.log.at(-1)!.path, `/MAAS/api/2.0/pods/${host.id}/`);
    } finally {
      older.close();
    }
  });
});

Deno.test("VM hosts: only administrators change them", async () => {
  await withClient(async (client, sim) => {
    const host = await client.vmHosts.create({ type: "lxd", powerAddress: "10.0.0.8" });
    const alice = sim.createUser({ username: "alice" });
    const user = await connect(sim.url, { apikey: alice.apikey });
    try {
      const [seen] = await user.vmHosts.list();
      assert.equal(seen.id, host.id);
      const refused = (error: unknown) =>
        error instanceof ForbiddenError &&
        error.text === "This method is reserved for admin users.";
      await assert.rejects(seen.compose(), refused);
      await assert.rejects(seen.parameters(), refused);
      await assert.rejects(user.vmHosts.create({ type: "lxd", powerAddress: "10.0.0.9" }), refused);
    } finally {
      user.close();
    }
  });
});

Deno.test("VM hosts: MAAS after 3.8 answers 410, raised as GoneError that explains why", async () => {
  await withClient(async (client) => {
    const explained = (error: unknown) => {
      assert.ok(error instanceof GoneError, String(error));
      assert.equal(error.status, 410);
      assert.match(
        error.message,
        /^VM hosts \(pods\) were removed from this MAAS version \(MAAS 3\.9\.0 /,
      );
      assert.match(error.message, /VM host \(KVM\) support has been removed from MAAS\./);
      assert.equal(error.text, "VM host (KVM) support has been removed from MAAS.");
      return true;
    };
    await assert.rejects(client.vmHosts.list(), explained);
    await assert.rejects(client.vmHosts.get(1), explained);
    await assert.rejects(
      client.vmHosts.create({ type: "lxd", powerAddress: "10.0.0.5" }),
      explained,
    );
    const pods = await client.call("GET", "pods/").catch((e) => e);
    assert.ok(pods instanceof GoneError);

    const stale = new VMHost(client, { id: 3, name: "old", type: "lxd" });
    await assert.rejects(stale.compose({ cores: 2 }), explained);
    await assert.rejects(stale.refresh(), explained);
    await assert.rejects(stale.delete(), explained);
    stale.name = "renamed";
    await assert.rejects(stale.save(), explained);
  }, { maasVersion: "master" });
});
