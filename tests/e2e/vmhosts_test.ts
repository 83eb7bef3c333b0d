import assert from "node:assert/strict";
import {
  BadRequestError,
  connect,
  ForbiddenError,
  GoneError,
  NotFoundError,
  ParameterError,
  Pod,
  ResourcePool,
  ServiceUnavailableError,
  UnsupportedError,
  VMCluster,
  VMHost,
  Zone,
} from "../../mod.ts";
import { describedActions, lastEntry, lastParams, rejectsLocally, withClient } from "./support.ts";

Deno.test("VM hosts: create → list → get → save → update → tags → parameters → delete", async () => {
  await withClient(async (client, sim) => {
    const host = await client.vmHosts.create({
      type: "lxd",
      powerAddress: "10.0.0.5:8443",
      powerPass: "trust-me",
      name: "kvm-01",
      tags: ["fast"],
    });
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/vm-hosts/");
    assert.deepEqual(lastParams(sim), {
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

    const listed = await client.vmHosts.list();
    assert.deepEqual(listed.map((each) => each.name), ["lxd-1", "lxd-2", "kvm-01"]);
    assert.equal(listed[0].used.cores, 2, "the seeded host runs a virtual machine");
    const read = await client.vmHosts.get(host.id);
    assert.equal(read.name, "kvm-01");

    read.name = "kvm-one";
    read.cpuOverCommitRatio = 2;
    await read.save();
    assert.deepEqual(lastParams(sim), { name: ["kvm-one"], cpu_over_commit_ratio: ["2"] });
    assert.equal(read.name, "kvm-one");
    assert.equal(read.cpuOverCommitRatio, 2);
    const before = sim.log.length;
    await read.save();
    assert.equal(sim.log.length, before, "nothing changed, nothing sent");

    read.zone = "rack-a";
    read.tags = ["slow", "gpu"];
    await read.save();
    assert.deepEqual(lastParams(sim), { zone: ["rack-a"], tags: ["slow,gpu"] });
    assert.deepEqual(read.tags, ["slow", "gpu", "pod-console-logging"]);
    assert.equal(read.zone?.name, "rack-a");

    const production = (await client.resourcePools.list()).find((p) => p.name === "production")!;
    await read.update({
      pool: production,
      powerAddress: "10.0.0.6:8443",
      powerPass: "new-secret",
      defaultStoragePool: "default",
      defaultMacvlanMode: "bridge",
    });
    assert.equal(lastEntry(sim).method, "PUT");
    assert.deepEqual(lastParams(sim), {
      pool: ["production"],
      power_address: ["10.0.0.6:8443"],
      power_pass: ["new-secret"],
      default_storage_pool: ["default"],
      default_macvlan_mode: ["bridge"],
    });
    assert.equal(read.pool?.name, "production");
    assert.equal(read.defaultMacvlanMode, "bridge");
    await assert.rejects(
      read.update({ defaultStoragePool: "nvme" }),
      (error: unknown) =>
        error instanceof BadRequestError &&
        error.fields!.default_storage_pool[0] ===
          "Select a valid choice. nvme is not one of the available choices.",
    );

    await read.addTag("nvme");
    assert.equal(lastEntry(sim).op, "add_tag");
    assert.deepEqual(lastParams(sim), { tag: ["nvme"] });
    assert.ok(read.tags.includes("nvme"));
    await read.removeTag("slow");
    assert.equal(read.tags.includes("slow"), false);

    assert.deepEqual(await read.parameters(), {
      power_address: "10.0.0.6:8443",
      power_pass: "new-secret",
    });

    await read.refresh();
    assert.equal(lastEntry(sim).method, "POST");
    assert.equal(lastEntry(sim).op, "refresh");

    await read.delete();
    await assert.rejects(client.vmHosts.get(host.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Pod matches the given query.");
      return true;
    });
  });
});

Deno.test("VM hosts: compose makes a machine and a virtual machine; over-commit and form errors", async () => {
  await withClient(async (client, sim) => {
    const host = await client.vmHosts.create({
      type: "virsh",
      powerAddress: "qemu+ssh://h/system",
    });
    const composed = await host.compose({
      cores: 4,
      memory: 8192,
      storage: ["root:20(ssd)", "data:100"],
      interfaces: ["eth0:space=storage", "eth1:vlan=5002"],
      hostname: "web-01",
      skipCommissioning: true,
    });
    assert.deepEqual(lastParams(sim), {
      cores: ["4"],
      memory: ["8192"],
      storage: ["root:20(ssd),data:100"],
      interfaces: ["eth0:space=storage;eth1:vlan=5002"],
      hostname: ["web-01"],
      skip_commissioning: ["true"],
    });
    assert.match(composed.systemId, /^[a-z0-9]{6}$/);
    assert.equal(composed.resourceUri, `/MAAS/api/2.0/machines/${composed.systemId}/`);
    const machine = sim.state.machines.get(composed.systemId)!;
    assert.equal(machine.data.hostname, "web-01");
    assert.equal(machine.data.cpu_count, 4);
    assert.equal(machine.data.status_name, "Ready");
    const answer = await client.call<{ hostname: string; pod: { id: number } }>(
      "GET",
      `machines/${composed.systemId}/`,
    );
    assert.equal(answer.hostname, "web-01");
    assert.equal(answer.pod.id, host.id);

    await host.refresh();
    assert.equal(host.used.cores, 4);
    assert.equal(host.available.cores, 12);

    const pinned = await host.compose({ pinnedCores: [0, 1], hugepagesBacked: true });
    assert.deepEqual(lastParams(sim), { pinned_cores: ["0", "1"], hugepages_backed: ["true"] });
    assert.equal(sim.state.machines.get(pinned.systemId)!.data.cpu_count, 2);

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
    await host.compose({ cores: 10, skipCommissioning: true });
    await assert.rejects(host.compose({ cores: 2 }), (error: unknown) => {
      assert.ok(error instanceof ServiceUnavailableError);
      assert.match(
        error.text,
        /CPU overcommit ratio is 1\.0 and there are 0 available resources; 2 requested\./,
      );
      return true;
    });

    await rejectsLocally(sim, () => host.compose({ cores: 1.5 }), /whole number/);
    await rejectsLocally(sim, () => host.addTag("a,b"), /may not contain a ","/);
    await rejectsLocally(
      sim,
      () => host.compose({ memroy: 2048 } as never),
      /unknown option "memroy"; did you mean "memory"\?/,
    );
    await rejectsLocally(
      sim,
      // @ts-expect-error: missing type
      () => client.vmHosts.create({ powerAddress: "x" }),
      /Missing required parameter "type"/,
    );
    await rejectsLocally(
      sim,
      () => client.vmHosts.create({ type: "lxd", powerAddress: "" }),
      /powerAddress/,
    );
    await rejectsLocally(
      sim,
      // @ts-expect-error: not a type of VM host
      () => client.vmHosts.create({ type: "xen", powerAddress: "10.0.0.9" }),
      /must be one of lxd, virsh/,
    );
    await assert.rejects(
      client.call("POST", "vm-hosts/", { params: { type: "xen", power_address: "10.0.0.9" } }),
      (error: unknown) =>
        error instanceof BadRequestError &&
        error.fields!.type[0] === "Select a valid choice. xen is not one of the available choices.",
    );

    const vms = await client.call<{ machine_id: number | null; bmc_id: number }[]>(
      "GET",
      "virtual-machines/",
    );
    assert.equal(vms.filter((vm) => vm.bmc_id === host.id).length, 3);
    await host.delete({ decompose: true });
    assert.deepEqual(lastParams(sim), { decompose: ["true"] });
    assert.equal(sim.state.machines.has(composed.systemId), false, "decompose removes machines");
  });
});

Deno.test("VM hosts: client.pods is the same under pods/, its objects keep that path", async () => {
  await withClient(async (client, sim) => {
    const host = await client.vmHosts.create({ type: "lxd", powerAddress: "10.0.0.7" });
    const pods = await client.pods.list();
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/pods/");
    const pod = pods.find((each) => each.id === host.id)!;
    assert.ok(pod instanceof Pod && pod instanceof VMHost);
    assert.equal(String(pod), `Pod ${host.id} lxd ${host.name}`);
    assert.equal(pod.resourcePath, `pods/${host.id}/`);
    assert.match(pod.resourceUri!, /\/pods\/\d+\/$/);
    await pod.addTag("old-name");
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/pods/${host.id}/`);
    pod.name = "renamed";
    await pod.save();
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/pods/${host.id}/`);
    assert.equal((await client.pods.get(host.id)).name, "renamed");
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/pods/${host.id}/`);
    const created = await client.pods.create({
      type: "virsh",
      powerAddress: "qemu+ssh://p/system",
    });
    assert.ok(created instanceof Pod);
    await created.delete();
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/pods/${created.id}/`);
  });
});

Deno.test("VM hosts: only administrators change them", async () => {
  await withClient(async (client, sim) => {
    const host = await client.vmHosts.create({ type: "lxd", powerAddress: "10.0.0.8" });
    const alice = sim.createUser({ username: "alice" });
    const user = await connect(sim.url, { apikey: alice.apikey });
    try {
      const seen = (await user.vmHosts.list()).find((each) => each.id === host.id)!;
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

Deno.test("VM clusters: the seeded LXD cluster, save, update of its hosts, delete", async () => {
  await withClient(async (client, sim) => {
    const [cluster] = await client.vmClusters.list();
    assert.ok(cluster instanceof VMCluster);
    assert.equal(String(cluster), `VMCluster ${cluster.id} lxd-cluster (2 hosts)`);
    assert.equal(cluster.project, "maas");
    assert.equal(cluster.vmhostCount, 2);
    assert.equal(cluster.vmCount, 1);
    assert.equal(cluster.total.cores, 32);
    assert.equal(cluster.used.cores, 2);
    assert.equal(cluster.available.cores, 30);
    assert.equal(cluster.storagePools.default.total, 2_000_000_000_000);
    assert.equal(cluster.resourcePath, `vm-clusters/${cluster.id}`);
    assert.equal((await client.vmClusters.get(cluster.id)).name, "lxd-cluster");
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/vm-clusters/${cluster.id}`);

    cluster.name = "edge";
    await cluster.save();
    assert.deepEqual(lastParams(sim), { name: ["edge"] });
    assert.equal(cluster.name, "edge");
    await cluster.update({ zone: "rack-b", pool: "staging" });
    assert.deepEqual(lastParams(sim), { zone: ["rack-b"], pool: ["staging"] });
    const hosts = await client.vmHosts.list();
    assert.deepEqual(
      hosts.filter((host) => host.name.startsWith("lxd-")).map((host) => host.zone?.name),
      ["rack-b", "rack-b"],
    );
    await assert.rejects(
      cluster.update({ zone: "nowhere" }),
      (error: unknown) => error instanceof BadRequestError && "zone" in error.fields!,
    );

    await cluster.delete({ decompose: true });
    assert.deepEqual(lastParams(sim), { decompose: ["true"] });
    assert.deepEqual(await client.vmClusters.list(), []);
    assert.deepEqual(await client.vmHosts.list(), [], "its hosts went with it");
    await assert.rejects(client.vmClusters.get(cluster.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No VMCluster matches the given query.");
      return true;
    });
  });
});

Deno.test("VM clusters: MAAS 3.0 has none; the error says which lines do, before sending", async () => {
  await withClient(async (client, sim) => {
    await assert.rejects(client.vmClusters.list(), (error: unknown) => {
      assert.ok(error instanceof UnsupportedError);
      assert.equal(
        error.message,
        "client.vmClusters.list() is not in MAAS 3.0.2; of the known lines, 3.7 and 3.8 have it",
      );
      return true;
    });
    assert.ok(!sim.log.some((entry) => entry.path.includes("/vm-clusters/")));
    assert.equal((await client.vmHosts.list()).length, 2, "the cluster's hosts are hosts");
  }, { maasVersion: "3.0" });
});

Deno.test("VM hosts after 3.8: every call is refused before sending, saying they were removed", async () => {
  await withClient(async (client, sim) => {
    const removed = (method: string) => (error: unknown) => {
      assert.ok(error instanceof UnsupportedError, String(error));
      assert.equal(
        error.message,
        `${method} is not in MAAS 3.9.0: VM hosts were removed from MAAS; of the known lines, ` +
          `2.9, 3.0, 3.7 and 3.8 have it`,
      );
      return true;
    };
    await assert.rejects(client.vmHosts.list(), removed("client.vmHosts.list()"));
    await assert.rejects(client.vmHosts.get(1), removed("client.vmHosts.get()"));
    await assert.rejects(
      client.vmHosts.create({ type: "lxd", powerAddress: "10.0.0.5" }),
      removed("client.vmHosts.create()"),
    );
    await assert.rejects(client.pods.list(), removed("client.pods.list()"));
    await assert.rejects(client.vmClusters.list(), (error: unknown) => {
      assert.ok(error instanceof UnsupportedError);
      assert.match(
        error.message,
        /^client\.vmClusters\.list\(\) is not in MAAS 3\.9\.0: VM hosts were removed from MAAS; of the known lines, 3\.7 and 3\.8 have it$/,
      );
      return true;
    });

    const stale = new VMHost(client, { id: 3, name: "old", type: "lxd" });
    await assert.rejects(stale.compose({ cores: 2 }), removed("vmHost.compose()"));
    await assert.rejects(stale.refresh(), removed("vmHost.refresh()"));
    await assert.rejects(stale.delete(), removed("vmHost.delete()"));
    stale.name = "renamed";
    await assert.rejects(stale.save(), removed("vmHost.save()"));
    assert.deepEqual(
      [...new Set(sim.log.map((entry) => entry.path))],
      ["/MAAS/api/2.0/version/"],
      "only the version was read",
    );
    const pods = await client.call("GET", "pods/").catch((error) => error);
    assert.ok(pods instanceof GoneError, "the server answers 410 to what is sent anyway");
  }, { maasVersion: "master" });
});

Deno.test("VM hosts: a 410 from a server whose version says no number is explained", async () => {
  await withClient(async (client) => {
    const explained = (error: unknown) => {
      assert.ok(error instanceof GoneError, String(error));
      assert.equal(error.status, 410);
      assert.match(
        error.message,
        /^VM hosts \(pods\) were removed from MAAS after 3\.8 \(MAAS devel answers 410 Gone to every vm-hosts\/ and pods\/ call; they exist up to MAAS 3\.8\)\. /,
      );
      assert.equal(error.text, "VM host (KVM) support has been removed from MAAS.");
      return true;
    };
    await assert.rejects(client.vmHosts.list(), explained);
    await assert.rejects(client.pods.get(1), explained);
    const stale = new VMHost(client, { id: 3, name: "old", type: "lxd" });
    await assert.rejects(stale.compose(), explained);
    await assert.rejects(stale.delete(), explained);
    stale.name = "renamed";
    await assert.rejects(stale.save(), explained);
  }, { maasVersion: "master", version: "devel" });
});

Deno.test("virtual machines: MAAS 2.9 describes them; later lines serve them hidden", async () => {
  await withClient(async (client, sim) => {
    const described = await describedActions(client);
    assert.deepEqual(described.get("VirtualMachinesHandler"), {
      path: "/MAAS/api/2.0/virtual-machines/",
      actions: ["GET read", "POST create"],
    });
    assert.deepEqual(described.get("VirtualMachineHandler")?.actions, ["GET read"]);
    const [vm] = await client.call<Record<string, unknown>[]>("GET", "virtual-machines/");
    assert.deepEqual(Object.keys(vm).sort(), [
      "bmc_id",
      "hugepages_backed",
      "id",
      "identifier",
      "machine_id",
      "memory",
      "pinned_cores",
      "resource_uri",
      "unpinned_cores",
    ]);
    assert.equal(vm.identifier, "juju-controller");
    assert.equal(vm.machine_id, null, "a virtual machine MAAS did not compose");
    const read = await client.call<{ id: number }>("GET", `virtual-machines/${vm.id}`);
    assert.equal(read.id, vm.id);
    await assert.rejects(
      client.call("GET", "virtual-machines/99"),
      (error: unknown) =>
        error instanceof NotFoundError &&
        error.text === "No VirtualMachine matches the given query.",
    );
    await assert.rejects(client.call("POST", "virtual-machines/"), (error: unknown) => {
      assert.ok(!(error instanceof ParameterError));
      assert.equal((error as { status: number }).status, 500);
      return true;
    });
    assert.equal(lastEntry(sim).status, 500);
  }, { maasVersion: "2.9", machines: 0 });
  await withClient(async (client) => {
    assert.ok(!(await describedActions(client)).has("VirtualMachinesHandler"), "hidden on 3.8");
    const [vm] = await client.call<Record<string, unknown>[]>("GET", "virtual-machines/");
    assert.equal(vm.project, "default", "3.8's virtual machines have a project");
  }, { maasVersion: "3.8" });
});
