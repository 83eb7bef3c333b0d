/**
 * Machines from `connect()` to the result, against the simulator: listing with server-side
 * filters, reading, saving only what changed, allocation (and its failure), every operation, the
 * whole life cycle with waits (including failures, cancellation, time-outs and transient server
 * errors), bulk runs, and the two machine examples run as real subprocesses.
 */
import assert from "node:assert/strict";
import process from "node:process";
import {
  BadRequestError,
  bulk,
  type Client,
  ConflictError,
  connect,
  Credentials,
  FailedCommissioning,
  FailedDeployment,
  FailedDiskErasing,
  FailedReleasing,
  FailedTesting,
  ForbiddenError,
  Machine,
  MachineError,
  MachineNotFound,
  NodeStatus,
  NotFoundError,
  ParameterError,
  PowerError,
  RescueModeFailure,
  TimeoutError,
  UnsupportedError,
  WaitTimeoutError,
} from "../../mod.ts";
import { MaasSimulator } from "../../lib/testing/mod.ts";
import { lastEntry, lastParams, rejectsLocally, withQuickLifecycle } from "./support.ts";

const API = "/MAAS/api/2.0/";
const FAST = { interval: 10 };

let macCounter = 0;
function mac(): string {
  macCounter++;
  return `52:54:00:10:${(macCounter >> 8).toString(16).padStart(2, "0")}:${
    (macCounter & 0xff).toString(16).padStart(2, "0")
  }`;
}

/** A new machine, commissioned (without tests) until Ready. */
async function readyMachine(client: Client, hostname?: string): Promise<Machine> {
  const machine = await client.machines.create({
    architecture: "amd64/generic",
    macAddresses: [mac()],
    hostname,
    powerType: "virsh",
    powerParameters: { power_address: "qemu+ssh://virsh@10.0.0.1/system", power_id: "vm1" },
    testingScripts: ["none"],
  });
  return await machine.waitFor("commission", FAST);
}

Deno.test("machines.list filters on the server and wraps every machine", async () => {
  await withQuickLifecycle({ machines: 40, seed: 11 }, async (client, sim) => {
    const all = await client.machines.list();
    assert.equal(all.length, 40);
    assert.ok(all.every((machine) => machine instanceof Machine));
    const sample = all[0];
    assert.match(String(sample), new RegExp(`^Machine ${sample.systemId} ${sample.hostname} `));
    assert.equal(typeof sample.zone.name, "string");
    assert.equal(typeof sample.domain?.name, "string");
    assert.ok(sample.interfaceSet.length > 0);

    const ready = await client.machines.list({ status: "ready" });
    assert.ok(ready.length > 0);
    assert.ok(ready.every((machine) => machine.status === NodeStatus.READY));
    const byNumber = await client.machines.list({ status: NodeStatus.READY });
    assert.deepEqual(byNumber.map((m) => m.systemId), ready.map((m) => m.systemId));
    assert.deepEqual(sim.log.at(-1)!.params.status, ["ready"]);

    const ids = all.slice(0, 3).map((machine) => machine.systemId);
    const some = await client.machines.list({ id: ids });
    assert.deepEqual(some.map((machine) => machine.systemId), ids);
    assert.deepEqual(sim.log.at(-1)!.params.id, ids);

    const zone = sample.zone.name;
    const inZone = await client.machines.list({ zone, notInPool: ["staging"] });
    assert.ok(inZone.every((m) => m.zone.name === zone && m.pool?.name !== "staging"));

    const tagged = all.find((machine) => machine.tagNames.length > 0)!;
    const withTag = await client.machines.list({ tags: tagged.tagNames[0] });
    assert.ok(withTag.some((machine) => machine.systemId === tagged.systemId));
    assert.ok(withTag.every((machine) => machine.tagNames.includes(tagged.tagNames[0])));

    const owned = await client.machines.list({ owner: "admin", simpleStatus: "deployed" });
    assert.ok(owned.every((m) => m.owner === "admin" && m.status === NodeStatus.DEPLOYED));

    const big = await client.machines.list({ cpuCount: 64, mem: 131072 });
    assert.ok(big.every((m) => m.cpuCount >= 64 && m.memory >= 131072));

    // A typo in a filter name never widens the query: refused before any request.
    const before = sim.log.length;
    await assert.rejects(
      client.machines.list({ zoen: "x" } as never),
      (error: unknown) => error instanceof ParameterError && /zoen/.test(error.message),
    );
    await assert.rejects(
      client.machines.list({ status: 99 as NodeStatus }),
      ParameterError,
    );
    assert.equal(sim.log.length, before);

    // The server's own validation comes back as field errors.
    const error = await client.machines.list({ zone: "nowhere" }).catch((e) => e);
    assert.ok(error instanceof BadRequestError);
    assert.deepEqual(error.fields, { zone: ["No such zone(s): nowhere."] });
  });
});

Deno.test("machines.get, getByHostname with one filtered request, and 404", async () => {
  await withQuickLifecycle({ machines: 30, seed: 3 }, async (client, sim) => {
    const [first] = await client.machines.list({ status: "deployed" });
    const again = await client.machines.get(first.systemId);
    assert.equal(again.hostname, first.hostname);
    assert.deepEqual(again.toJSON(), first.toJSON());

    const before = sim.log.length;
    const found = await client.machines.getByHostname(first.hostname);
    assert.equal(found?.systemId, first.systemId);
    assert.equal(sim.log.length, before + 1);
    assert.deepEqual(sim.log.at(-1)!.params, { hostname: [first.hostname] });

    const byFqdn = await client.machines.getByHostname(first.fqdn);
    assert.equal(byFqdn?.systemId, first.systemId);
    assert.deepEqual(sim.log.at(-1)!.params.domain, [first.domain!.name]);

    assert.equal(await client.machines.getByHostname("no-such-host"), null);
    const missing = await client.machines.get("nope00").catch((e) => e);
    assert.ok(missing instanceof NotFoundError);
    assert.match(missing.text, /No Machine matches the given query\./);
    await assert.rejects(client.machines.get(""), ParameterError);
  });
});

Deno.test("typed fields, related objects, unknown fields and printing", async () => {
  await withQuickLifecycle({ machines: 30, seed: 9 }, async (client) => {
    const [machine] = await client.machines.list({ status: "deployed" });
    assert.equal(machine.nodeType, 0);
    assert.equal(machine.nodeTypeName, "Machine");
    assert.equal(typeof machine.fqdn, "string");
    assert.ok(machine.zone.id >= 0 && typeof machine.zone.description === "string");
    assert.equal(typeof machine.pool?.name, "string");
    assert.equal(typeof machine.domain?.isDefault, "boolean");
    assert.ok(Array.isArray(machine.ipAddresses));
    assert.equal(typeof machine.hardwareInfo?.system_vendor, "string");
    assert.ok(machine.blockdeviceSet.length > 0);
    assert.ok(machine.numanodeSet[0].index === 0);
    const gateway = machine.defaultGateways.ipv4;
    assert.ok(gateway.linkId === null || typeof gateway.linkId === "number");
    assert.equal(machine.defaultGateways.ipv6.gatewayIp, null);
    assert.ok(Array.isArray(machine.volumeGroupIds));
    assert.equal(machine.get("resource_uri"), `${API}machines/${machine.systemId}/`);
    assert.equal(machine.data.system_id, machine.systemId);
    assert.equal(`${machine}`, `Machine ${machine.systemId} ${machine.hostname} Deployed`);
    assert.equal(Deno.inspect(machine), String(machine));
    assert.throws(() => {
      (machine as unknown as { systemId: string }).systemId = "x";
    }, ParameterError);
    assert.equal(machine.interfaces.systemId, machine.systemId);
    assert.equal(machine.blockDevices.systemId, machine.systemId);
    assert.equal(machine.volumeGroups.systemId, machine.systemId);
    assert.equal(machine.raids.systemId, machine.systemId);
    assert.equal(machine.bcaches.systemId, machine.systemId);
    assert.equal(machine.bcacheCacheSets.systemId, machine.systemId);
    assert.equal(machine.vmfsDatastores.systemId, machine.systemId);
  });
});

Deno.test("save() sends only the changed fields, names for zone/pool/domain", async () => {
  await withQuickLifecycle({ machines: 30, seed: 5 }, async (client, sim) => {
    const [machine] = await client.machines.list({ status: "ready" });
    const before = sim.log.length;
    await machine.save();
    assert.equal(sim.log.length, before, "nothing changed: no request");

    const zone = machine.zone.name === "rack-b" ? "rack-c" : "rack-b";
    const pool = machine.pool?.name === "staging" ? "production" : "staging";
    machine.description = "rack 7, slot 3";
    machine.zone = zone;
    machine.pool = { name: pool };
    assert.notEqual(machine.zone.name, zone, "the zone read stays the server's until saved");
    assert.deepEqual(machine.changes, { description: "rack 7, slot 3", zone, pool });
    await machine.save();
    const entry = sim.log.at(-1)!;
    assert.equal(entry.method, "PUT");
    assert.deepEqual(entry.params, {
      description: ["rack 7, slot 3"],
      zone: [zone],
      pool: [pool],
    });
    assert.equal(machine.description, "rack 7, slot 3");
    assert.equal(machine.zone.name, zone);
    assert.equal(machine.pool?.name, pool);
    assert.deepEqual(machine.changes, {});

    machine.cpuCount = 12;
    machine.memory = 16384;
    await machine.save();
    assert.deepEqual(sim.log.at(-1)!.params, { cpu_count: ["12"], memory: ["16384"] });
    assert.equal((await machine.refresh()).cpuCount, 12);

    machine.zone = "atlantis";
    const error = await machine.save().catch((e) => e);
    assert.ok(error instanceof BadRequestError);
    assert.ok(error.fields?.zone);

    const size = sim.log.length;
    assert.throws(() => {
      machine.zone = 7 as unknown as string;
    }, ParameterError);
    assert.equal(sim.log.length, size);
  });
});

Deno.test("allocate matches constraints and says why when nothing matches", async () => {
  await withQuickLifecycle({ machines: 30, seed: 21 }, async (client, sim) => {
    const ready = await client.machines.list({ status: "ready" });
    const target = ready.find((machine) => machine.tagNames.length > 0)!;
    const allocated = await client.machines.allocate({
      systemId: target.systemId,
      tags: [target.tagNames[0]],
      zone: target.zone.name,
      pool: target.pool!.name,
      agentName: "e2e-agent",
      comment: "from the tests",
    });
    assert.equal(allocated.systemId, target.systemId);
    assert.equal(allocated.status, NodeStatus.ALLOCATED);
    assert.equal(allocated.owner, "admin");
    const params = sim.log.at(-1)!.params;
    assert.deepEqual(params.system_id, [target.systemId]);
    assert.deepEqual(params.agent_name, ["e2e-agent"]);
    assert.deepEqual(params.tags, [target.tagNames[0]]);

    const mine = await client.machines.list({ agentName: "e2e-agent" });
    assert.deepEqual(mine.map((m) => m.systemId), [target.systemId]);
    const listed = await client.machines.listAllocated();
    assert.ok(listed.some((m) => m.systemId === target.systemId));

    const dry = await client.machines.allocate({ cpuCount: 1, dryRun: true });
    assert.equal(dry.status, NodeStatus.READY);

    const cheapest = await client.machines.allocate({
      cpuCount: 1,
      mem: 1024,
      notInPool: ["staging"],
      notTags: ["gpu"],
      storage: [{ label: "root", size: 100 }],
      interfaces: { eth: { fabric: "fabric-0" } },
    });
    assert.equal(cheapest.status, NodeStatus.ALLOCATED);
    assert.notEqual(cheapest.pool?.name, "staging");
    assert.deepEqual(sim.log.at(-1)!.params.storage, ["root:100"]);
    assert.deepEqual(sim.log.at(-1)!.params.interfaces, ["eth:fabric=fabric-0"]);

    const error = await client.machines.allocate({ cpuCount: 4096, zone: "rack-a" }).catch((e) =>
      e
    );
    assert.ok(error instanceof MachineNotFound);
    assert.ok(error instanceof ConflictError);
    assert.equal(error.status, 409);
    assert.match(error.reason, /^No available machine matches constraints: /);
    assert.match(error.reason, /cpu_count/);
    assert.match(error.message, /cpu_count/);

    const byId = await client.machines.allocate({ systemId: target.systemId }).catch((e) => e);
    assert.ok(byId instanceof MachineNotFound);
    assert.equal(byId.reason, `No machine with system ID ${target.systemId} available.`);

    const badZone = await client.machines.allocate({ zone: "nowhere" }).catch((e) => e);
    assert.ok(badZone instanceof BadRequestError);

    const before = sim.log.length;
    await assert.rejects(
      client.machines.allocate({ cpus: 4 } as never),
      (e: unknown) => e instanceof ParameterError && /cpus/.test(e.message),
    );
    assert.equal(sim.log.length, before);
  });
});

Deno.test("a 409 with Retry-After during allocate is retried, not a MachineNotFound", async () => {
  await withQuickLifecycle({ machines: 30, seed: 4 }, async (client, sim) => {
    sim.faults.inject({
      method: "POST",
      path: `${API}machines/`,
      op: "allocate",
      status: 409,
      retryAfter: 0,
      count: 1,
    });
    const machine = await client.machines.allocate({ cpuCount: 1 });
    assert.equal(machine.status, NodeStatus.ALLOCATED);
    assert.equal(sim.log.filter((e) => e.op === "allocate").length, 2);
  });
});

Deno.test("the whole life cycle: commission, allocate, deploy, curtin, release", async () => {
  await withQuickLifecycle({ lifecycleMs: 60 }, async (client, sim) => {
    const created = await client.machines.create({
      architecture: "amd64",
      macAddresses: [mac(), mac()],
      hostname: "life-1",
      domain: "maas",
      powerType: "ipmi",
      powerParameters: { power_address: "10.0.0.9", power_user: "root", power_pass: "calvin" },
    });
    assert.equal(created.hostname, "life-1");
    assert.equal(created.architecture, "amd64/generic");
    assert.equal(created.status, NodeStatus.COMMISSIONING);
    const create = sim.log.at(-1)!.params;
    assert.deepEqual(create.mac_addresses!.length, 2);
    assert.deepEqual(JSON.parse(create.power_parameters![0]).power_address, "10.0.0.9");

    const seen: string[] = [];
    await created.waitFor("commission", {
      ...FAST,
      onProgress: ({ statusName }) => seen.push(statusName),
    });
    assert.equal(created.status, NodeStatus.READY);
    assert.deepEqual(seen, ["Commissioning", "Testing", "Ready"]);

    const machine = await client.machines.allocate({ name: "life-1" });
    assert.equal(machine.systemId, created.systemId);

    const progress: string[] = [];
    const result = await machine.deploy({
      distroSeries: "jammy",
      userData: "#cloud-config\npackages: [htop]\n",
    }, {
      wait: true,
      ...FAST,
      onProgress: (p) => progress.push(`${p.statusName}/${p.powerState}`),
    });
    assert.equal(result, machine);
    assert.equal(machine.status, NodeStatus.DEPLOYED);
    assert.equal(machine.distroSeries, "jammy");
    assert.equal(machine.osystem, "ubuntu");
    assert.equal(progress[0], "Deploying/on");
    assert.equal(progress.at(-1), "Deployed/on");
    const deploy = sim.log.find((e) => e.op === "deploy")!;
    assert.deepEqual(deploy.params.user_data, [btoa("#cloud-config\npackages: [htop]\n")]);

    const curtin = await machine.getCurtinConfig();
    assert.equal(typeof curtin, "string");
    assert.match(curtin, /^[a-z_]+:/m);
    assert.match(curtin, /jammy/);

    await machine.release({ erase: true, quickErase: true }, { wait: true, ...FAST });
    assert.equal(machine.status, NodeStatus.READY);
    assert.equal(machine.owner, null);
    const curtinError = await machine.getCurtinConfig().catch((e) => e);
    assert.ok(curtinError instanceof BadRequestError);
    assert.match(curtinError.text, /is not in a deployment state/);
  });
});

Deno.test("state rules are enforced with the server's 409s and 400s", async () => {
  await withQuickLifecycle({}, async (client) => {
    const fresh = await client.machines.create({
      architecture: "amd64/generic",
      macAddresses: [mac()],
      commission: false,
    });
    assert.equal(fresh.status, NodeStatus.NEW);
    const deploy = await fresh.deploy().catch((e) => e);
    assert.ok(deploy instanceof ConflictError);
    assert.equal(deploy.text, "Can't deploy a machine that is in the 'New' state");

    const release = await fresh.release().catch((e) => e);
    assert.ok(release instanceof ConflictError);
    assert.match(release.text, /cannot be released in its current state \('New'\)/);

    const abort = await fresh.abort().catch((e) => e);
    assert.ok(abort instanceof ConflictError);
    assert.match(abort.text, /^Cannot abort in current state: node \w+ is in state New\.$/);

    const power = await fresh.powerOn().catch((e) => e);
    assert.ok(power instanceof ConflictError);
    assert.equal(power.text, "Can't start node: it hasn't been allocated.");

    const layout = await fresh.setStorageLayout("lvm").catch((e) => e);
    assert.ok(layout instanceof ConflictError);

    const lock = await fresh.lock().catch((e) => e);
    assert.ok(lock instanceof ConflictError);
    assert.equal(lock.text, "Can't lock, node is not deployed or deploying");

    const unlock = await fresh.unlock().catch((e) => e);
    assert.ok(unlock instanceof ConflictError);
    assert.equal(unlock.text, "Machine is not locked");

    const fixed = await fresh.markFixed().catch((e) => e);
    assert.ok(fixed instanceof ConflictError);

    const override = await fresh.overrideFailedTesting().catch((e) => e);
    assert.ok(override instanceof ConflictError);

    const annotations = await fresh.setWorkloadAnnotations({ a: "b" }).catch((e) => e);
    assert.ok(annotations instanceof ConflictError);

    const ready = await readyMachine(client);
    const commission = await ready.deploy({}, { wait: false });
    assert.equal(commission.status, NodeStatus.DEPLOYING);
    const recommission = await ready.commission().catch((e) => e);
    assert.ok(recommission instanceof BadRequestError);
    assert.deepEqual(recommission.fields, {
      __all__: ["Commission is not available because of the current state of the node."],
    });
    await ready.waitFor("deploy", FAST);
  });
});

Deno.test("operations on a machine and their answers", async () => {
  await withQuickLifecycle({}, async (client, sim) => {
    const machine = await readyMachine(client, "ops-1");

    assert.equal(await machine.queryPowerState(), "off");
    const details = await machine.getDetails();
    assert.ok(details.lshw instanceof Uint8Array);
    assert.match(new TextDecoder().decode(details.lshw!), /^<\?xml/);
    assert.ok("lldp" in details);

    const power = await machine.getPowerParameters();
    assert.equal(power.power_id, "vm1");
    await machine.setPower("ipmi", { power_address: "10.1.1.1", power_user: "maas" }, {
      powerParametersSkipCheck: true,
    });
    assert.equal(machine.powerType, "ipmi");
    const put = sim.log.at(-1)!;
    assert.equal(put.method, "PUT");
    assert.deepEqual(JSON.parse(put.params.power_parameters![0]), {
      power_address: "10.1.1.1",
      power_user: "maas",
    });
    assert.deepEqual(put.params.power_parameters_skip_check, ["true"]);
    assert.equal((await machine.getPowerParameters()).power_user, "maas");

    await machine.setStorageLayout("lvm", { vgName: "vg0", rootSize: "20G" });
    assert.deepEqual(sim.log.at(-1)!.params, {
      storage_layout: ["lvm"],
      vg_name: ["vg0"],
      root_size: ["20G"],
    });
    await rejectsLocally(
      sim,
      () => machine.setStorageLayout("zfs-ish" as never),
      /storageLayout" must be one of flat, lvm/,
    );
    const badLayout = await machine.setStorageLayout("flat", { bootSize: "lots" }).catch((e) => e);
    assert.ok(badLayout instanceof BadRequestError, String(badLayout));

    await machine.mountSpecial({
      fstype: "tmpfs",
      mountPoint: "/srv/scratch",
      mountOptions: "size=1G",
    });
    assert.deepEqual(machine.specialFilesystems.map((fs) => fs.mountPoint), ["/srv/scratch"]);
    assert.equal(machine.specialFilesystems[0].mountOptions, "size=1G");
    const unmount = await machine.unmountSpecial("/nope").catch((e) => e);
    assert.ok(unmount instanceof BadRequestError);
    assert.deepEqual(unmount.fields, {
      mount_point: ["No special filesystem is mounted at this path."],
    });
    await machine.unmountSpecial("/srv/scratch");
    assert.deepEqual(machine.specialFilesystems, []);
    await assert.rejects(
      machine.mountSpecial({ fstype: "tmpfs" } as never),
      (e: unknown) => e instanceof ParameterError && /mountPoint/.test(e.message),
    );

    await machine.clearDefaultGateways();
    await machine.restoreNetworkingConfiguration();
    await machine.restoreStorageConfiguration();
    await machine.restoreDefaultConfiguration();

    await machine.test({ testingScripts: ["smartctl-validate"] }, { wait: true, ...FAST });
    assert.equal(machine.status, NodeStatus.READY);

    await client.machines.allocate({ systemId: machine.systemId });
    await machine.refresh();
    await machine.setWorkloadAnnotations({ team: "storage", ticket: "OPS-1" });
    assert.deepEqual(machine.workloadAnnotations, { team: "storage", ticket: "OPS-1" });
    await machine.setWorkloadAnnotations({ ticket: null });
    assert.deepEqual(machine.workloadAnnotations, { team: "storage" });
    assert.deepEqual(sim.log.at(-1)!.params, { ticket: [""] });

    await machine.powerOn({}, { wait: true, ...FAST });
    assert.equal(machine.powerState, "on");
    await machine.powerOff({ stopMode: "soft" }, { wait: true, ...FAST });
    assert.equal(machine.powerState, "off");
    assert.deepEqual(sim.log.find((e) => e.op === "power_off")!.params.stop_mode, ["soft"]);

    await machine.deploy({}, { wait: true, ...FAST });
    const token = await machine.getToken();
    assert.ok(token instanceof Credentials);
    assert.ok(!String(token).includes(token!.tokenSecret));
    await machine.lock({ comment: "production" });
    assert.equal(machine.locked, true);
    const again = await machine.lock().catch((e) => e);
    assert.ok(again instanceof ConflictError);
    assert.equal(again.text, "Machine is already locked");
    await machine.unlock();
    assert.equal(machine.locked, false);

    await machine.rescueMode({}, { wait: true, ...FAST });
    assert.equal(machine.status, NodeStatus.RESCUE_MODE);
    await machine.exitRescueMode({}, { wait: true, ...FAST });
    assert.equal(machine.status, NodeStatus.DEPLOYED);

    await machine.markBroken({ comment: "bad DIMM" });
    assert.equal(machine.status, NodeStatus.BROKEN);
    assert.equal(machine.errorDescription, "bad DIMM");
    await machine.markFixed();
    assert.equal(machine.status, NodeStatus.DEPLOYED);

    await machine.release({}, { wait: true, ...FAST });
    await machine.commission({ skipStorage: true, testingScripts: ["none"] }, {
      wait: true,
      ...FAST,
    });
    assert.deepEqual(sim.log.find((e) => e.op === "commission")!.params.skip_storage, ["true"]);
    assert.equal(machine.status, NodeStatus.READY);

    const deploying = await machine.deploy();
    assert.equal(deploying.status, NodeStatus.DEPLOYING);
    await machine.abort({ comment: "wrong image" });
    assert.equal(machine.status, NodeStatus.ALLOCATED);

    await machine.delete();
    await assert.rejects(client.machines.get(machine.systemId), NotFoundError);
  });
});

Deno.test("failed operations raise typed errors carrying the machine and its message", async () => {
  await withQuickLifecycle({}, async (client, sim) => {
    const machine = await readyMachine(client);
    sim.failNext(machine.systemId, "deploy", "Installation failed: curtin exited 3");
    const error = await machine.deploy({}, { wait: true, ...FAST }).catch((e) => e);
    assert.ok(error instanceof FailedDeployment);
    assert.ok(error instanceof MachineError);
    assert.equal(error.machine, machine);
    assert.equal(error.status, NodeStatus.FAILED_DEPLOYMENT);
    assert.equal(error.statusMessage, "Installation failed: curtin exited 3");
    assert.match(error.message, /Installation failed: curtin exited 3/);
    assert.match(error.message, new RegExp(machine.systemId));

    sim.failNext(machine.systemId, "release");
    assert.ok(
      await machine.release({}, { wait: true, ...FAST }).catch((e) => e) instanceof FailedReleasing,
    );
    sim.failNext(machine.systemId, "erase");
    assert.ok(
      await machine.release({ erase: true }, { wait: true, ...FAST }).catch((e) => e) instanceof
        FailedDiskErasing,
    );
    await machine.release({}, { wait: true, ...FAST });
    assert.equal(machine.status, NodeStatus.READY);

    sim.failNext(machine.systemId, "commission");
    assert.ok(
      await machine.commission({}, { wait: true, ...FAST }).catch((e) => e) instanceof
        FailedCommissioning,
    );
    sim.failNext(machine.systemId, "test");
    const testing = await machine.commission({}, { wait: true, ...FAST }).catch((e) => e);
    assert.ok(testing instanceof FailedTesting);
    assert.equal(testing.status, NodeStatus.FAILED_TESTING);
    await machine.overrideFailedTesting({ comment: "known flaky disk test" });
    assert.equal(machine.status, NodeStatus.READY);

    await client.machines.allocate({ systemId: machine.systemId });
    sim.failNext(machine.systemId, "powerOn");
    const power = await machine.powerOn({}, { wait: true, ...FAST }).catch((e) => e);
    assert.ok(power instanceof PowerError);
    assert.equal(machine.powerState, "error");

    await machine.deploy({}, { wait: true, ...FAST });
    sim.failNext(machine.systemId, "rescueMode");
    assert.ok(
      await machine.rescueMode({}, { wait: true, ...FAST }).catch((e) => e) instanceof
        RescueModeFailure,
    );
  });
});

Deno.test("a machine named fail-<operation>-… always fails that operation", async () => {
  await withQuickLifecycle({}, async (client) => {
    const machine = await readyMachine(client, "fail-deploy-7");
    const error = await machine.deploy({}, { wait: true, ...FAST }).catch((e) => e);
    assert.ok(error instanceof FailedDeployment);
    assert.match(error.statusMessage!, /Installation failed/);
  });
});

Deno.test("a wait ends with its signal, leaving nothing behind", async () => {
  await withQuickLifecycle({ lifecycleMs: 60_000 }, async (client) => {
    const machine = await client.machines.create({
      architecture: "amd64/generic",
      macAddresses: [mac()],
      deployed: true,
    });
    await machine.release();
    const controller = new AbortController();
    const reason = new Error("operator pressed Ctrl-C");
    setTimeout(() => controller.abort(reason), 60);
    const started = Date.now();
    const error = await machine.waitFor("release", { interval: 20, signal: controller.signal })
      .catch((e) => e);
    assert.equal(error, reason);
    assert.ok(Date.now() - started < 2_000);
    assert.equal(client.machines.poller.watching, 0);

    const already = new AbortController();
    already.abort(reason);
    await assert.rejects(
      machine.deploy({}, { wait: true, signal: already.signal }),
      (e) => e === reason,
    );
  });
});

Deno.test("a wait past its time limit raises a TimeoutError that says where it stood", async () => {
  await withQuickLifecycle({ lifecycleMs: 60_000 }, async (client) => {
    const machine = await client.machines.create({
      architecture: "amd64/generic",
      macAddresses: [mac()],
      hostname: "slow-1",
      testingScripts: ["none"],
    });
    const error = await machine.waitFor("commission", { interval: 20, waitTimeout: 150 }).catch((
      e,
    ) => e);
    assert.ok(error instanceof WaitTimeoutError);
    assert.ok(error instanceof TimeoutError);
    assert.equal(error.systemId, machine.systemId);
    assert.match(error.message, /still commissioning: Machine \w+ slow-1 Commissioning/);
    assert.equal(client.machines.poller.watching, 0);
  });
});

Deno.test("transient errors while polling do not end a wait", async () => {
  await withQuickLifecycle({ lifecycleMs: 250 }, async (client, sim) => {
    const machine = await readyMachine(client);
    sim.faults.inject({ method: "GET", path: `${API}machines/`, status: 503, count: 2 });
    sim.faults.inject({ method: "GET", path: `${API}machines/`, drop: "before-headers" });
    sim.faults.inject({
      method: "GET",
      path: `${API}machines/`,
      status: 502,
      body: "Bad Gateway",
    });
    await machine.deploy({}, { wait: true, interval: 10 });
    assert.equal(machine.status, NodeStatus.DEPLOYED);
    const polls = sim.log.filter((e) => e.method === "GET" && e.path === `${API}machines/`);
    assert.ok(polls.filter((e) => e.fault).length >= 3);
    assert.equal(sim.faults.pending(), 0);

    // A permanent error (the key was revoked) ends it.
    await machine.release({}, { wait: true, ...FAST });
    sim.faults.inject({ method: "GET", path: `${API}machines/`, status: 403, body: "Forbidden" });
    await machine.deploy();
    const error = await machine.waitFor("deploy", FAST).catch((e) => e);
    assert.ok(error instanceof ForbiddenError);
  });
});

Deno.test("waiting on many machines makes one list request per round, not one per machine", async () => {
  await withQuickLifecycle({ lifecycleMs: 150 }, async (client, sim) => {
    const machines = await Promise.all(
      Array.from({ length: 12 }, () =>
        client.machines.create({
          architecture: "amd64/generic",
          macAddresses: [mac()],
          testingScripts: ["none"],
        })),
    );
    const start = sim.log.length;
    await Promise.all(machines.map((machine) => machine.waitFor("commission", { interval: 25 })));
    const polls = sim.log.slice(start);
    assert.ok(polls.length > 0);
    assert.ok(
      polls.every((e) => e.method === "GET" && e.path === `${API}machines/`),
      "no per-machine reads",
    );
    assert.ok(polls.every((e) => e.params.id!.length >= 1));
    assert.ok(
      polls.length <= 20,
      `${polls.length} list requests for 12 machines over ~300 ms at 25 ms intervals`,
    );
    assert.ok(polls.some((e) => e.params.id!.length === 12));
    assert.equal(client.machines.poller.requests, polls.length);
  });
});

Deno.test("bulk runs report each machine's outcome and keep to their concurrency", async () => {
  await withQuickLifecycle({}, async (client, sim) => {
    const good = await Promise.all([readyMachine(client), readyMachine(client)]);
    const failing = await readyMachine(client);
    const fresh = await client.machines.create({
      architecture: "amd64/generic",
      macAddresses: [mac()],
      commission: false,
    });
    sim.failNext(failing.systemId, "deploy");
    const list = [good[0], fresh, failing, good[1]];
    const results = await client.machines.deployAll(list, {}, {
      wait: true,
      concurrency: 2,
      ...FAST,
    });
    assert.deepEqual(results.map((r) => r.machine), list);
    assert.deepEqual(results.map((r) => r.status), [
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    const [, conflict, failed] = results;
    assert.ok(conflict.status === "rejected" && conflict.error instanceof ConflictError);
    assert.ok(failed.status === "rejected" && failed.error instanceof FailedDeployment);
    assert.equal(good[0].status, NodeStatus.DEPLOYED);

    const released = await client.machines.releaseAll(good, {}, { wait: true, ...FAST });
    assert.ok(released.every((r) => r.status === "fulfilled"));

    let active = 0;
    let peak = 0;
    const items = Array.from({ length: 20 }, (_, i) => i);
    const outcomes = await bulk(items, async (i) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 2));
      active--;
      if (i % 5 === 0) throw new Error(`item ${i}`);
      return i * 2;
    }, { concurrency: 3 });
    assert.equal(peak, 3);
    assert.equal(outcomes.length, 20);
    assert.deepEqual(outcomes[1], { item: 1, status: "fulfilled", value: 2 });
    assert.equal(outcomes.filter((o) => o.status === "rejected").length, 4);

    const stop = new AbortController();
    stop.abort(new Error("stop"));
    const skipped = await bulk(items, (i) => Promise.resolve(i), { signal: stop.signal });
    assert.ok(skipped.every((o) => o.status === "rejected"));
    await assert.rejects(
      bulk(items, (i) => Promise.resolve(i), { concurrency: 0 }),
      ParameterError,
    );
    await assert.rejects(bulk(42 as never, (i) => Promise.resolve(i)), ParameterError);
  });
});

Deno.test("collection operations: release, accept, zones, power parameters, clone, chassis", async () => {
  await withQuickLifecycle({ machines: 20, seed: 8 }, async (client, sim) => {
    const deployed = await client.machines.list({ status: "deployed", owner: "admin" });
    const ids = await client.machines.release(deployed.slice(0, 2), { comment: "done" });
    assert.deepEqual(ids.sort(), deployed.slice(0, 2).map((m) => m.systemId).sort());
    const unknown = await client.machines.release(["zzzzzz"]).catch((e) => e);
    assert.ok(unknown instanceof BadRequestError);
    assert.equal(unknown.text, "Unknown machine(s): zzzzzz.");

    const enlisted = await Promise.all([0, 1].map(() =>
      client.machines.create({
        architecture: "amd64/generic",
        macAddresses: [mac()],
        commission: false,
      })
    ));
    const accepted = await client.machines.accept([enlisted[0]]);
    assert.deepEqual(accepted.map((m) => m.systemId), [enlisted[0].systemId]);
    assert.equal(accepted[0].status, NodeStatus.COMMISSIONING);
    const all = await client.machines.acceptAll();
    assert.ok(all.some((m) => m.systemId === enlisted[1].systemId));

    const some = (await client.machines.list({ status: "ready" })).slice(0, 3);
    await client.machines.setZone(some, "rack-c");
    assert.deepEqual(sim.log.at(-1)!.params, {
      zone: ["rack-c"],
      nodes: some.map((m) => m.systemId),
    });
    const moved = await client.machines.list({ id: some.map((m) => m.systemId) });
    assert.ok(moved.every((m) => m.zone.name === "rack-c"));

    const power = await client.machines.powerParameters(some);
    assert.deepEqual(Object.keys(power).sort(), some.map((m) => m.systemId).sort());

    assert.equal(
      await client.machines.isRegistered(some[0].interfaceSet[0].mac_address as string),
      true,
    );
    assert.equal(await client.machines.isRegistered("00:00:5e:00:53:01"), false);

    await client.machines.clone(some[0], [some[1], some[2]], { storage: true });
    assert.deepEqual(sim.log.at(-1)!.params.destinations, [
      `${some[1].systemId},${some[2].systemId}`,
    ]);
    await assert.rejects(client.machines.clone(some[0], [some[1]], {}), ParameterError);

    const chassis = await client.machines.addChassis({
      chassisType: "virsh",
      hostname: "qemu+ssh://virsh@10.0.0.2/system",
      prefixFilter: "ci-",
    });
    assert.match(
      chassis,
      /^Asking .+ to add machines from chassis qemu\+ssh:\/\/virsh@10\.0\.0\.2\/system$/,
    );
    const badChassis = await client.machines.addChassis({ chassisType: "lego", hostname: "x" })
      .catch(
        (e) => e,
      );
    assert.ok(badChassis instanceof BadRequestError);
  });
});

Deno.test("non-administrators get MAAS's 403s", async () => {
  await withQuickLifecycle({ machines: 30, seed: 2 }, async (_client, sim) => {
    const { apikey } = sim.createUser({ username: "dev" });
    const client = await connect(sim.url, { apikey });
    try {
      const [machine] = await client.machines.list({ status: "ready" });
      const error = await machine.getPowerParameters().catch((e) => e);
      assert.ok(error instanceof ForbiddenError);
      const create = await client.machines.create({
        architecture: "amd64/generic",
        macAddresses: [mac()],
      });
      assert.equal(create.status, NodeStatus.NEW, "non-admin machines stay New");
    } finally {
      client.close();
    }
  });
});

Deno.test("create refuses bad input before sending, and the server's field errors after", async () => {
  await withQuickLifecycle({}, async (client, sim) => {
    const before = sim.log.length;
    await assert.rejects(
      client.machines.create({ architecture: "amd64" } as never),
      (e: unknown) => e instanceof ParameterError && /macAddresses/.test(e.message),
    );
    await assert.rejects(
      client.machines.create({ macAddresses: [mac()] } as never),
      (e: unknown) => e instanceof ParameterError && /architecture/.test(e.message),
    );
    assert.equal(sim.log.length, before);
    const error = await client.machines.create({
      architecture: "vax/generic",
      macAddresses: ["not-a-mac"],
    }).catch((e) => e);
    assert.ok(error instanceof BadRequestError);
    assert.ok(error.fields?.architecture);
    assert.ok(error.fields?.mac_addresses);
  });
});

async function runExample(
  sim: MaasSimulator,
  file: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", "--allow-env", file, ...args],
    env: {
      MAAS_URL: sim.url,
      MAAS_APIKEY: sim.adminApiKey,
      POLL_INTERVAL_MS: "20",
      NO_COLOR: "1",
      PATH: process.env.PATH ?? "",
    },
    stdout: "piped",
    stderr: "piped",
  });
  const output = await command.output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

Deno.test("examples/list_machines.ts prints the machines as a table", async () => {
  const sim = await MaasSimulator.start({ machines: 15, seed: 6 });
  try {
    const all = await runExample(sim, "examples/list_machines.ts", []);
    assert.equal(all.code, 0, all.stderr);
    const lines = all.stdout.trim().split("\n");
    assert.match(lines[0], /^HOSTNAME\s+SYSTEM ID\s+STATUS\s+POWER/);
    assert.match(all.stdout, /15 machines: /);
    for (const machine of sim.state.machines.values()) {
      assert.ok(all.stdout.includes(machine.data.hostname));
    }
    const ready = await runExample(sim, "examples/list_machines.ts", ["status=ready"]);
    assert.equal(ready.code, 0, ready.stderr);
    const rows = ready.stdout.trim().split("\n\n")[0].split("\n").slice(1);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((line) => / Ready /.test(line)));
    assert.deepEqual(sim.log.at(-1)!.params, { status: ["ready"] });
  } finally {
    await sim.close();
  }
});

Deno.test("examples/allocate_deploy.ts allocates, deploys with progress, and releases", async () => {
  const sim = await MaasSimulator.start({ machines: 15, seed: 6, lifecycleMs: 20 });
  try {
    const result = await runExample(sim, "examples/allocate_deploy.ts", [
      "pool=default",
      "--release",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^allocated Machine \w+ /m);
    assert.match(result.stdout, /Deploying/);
    assert.match(result.stdout, /^deployed Machine \w+ .* Deployed: ubuntu\//m);
    assert.match(result.stdout, /^released Machine \w+ .* Ready$/m);

    const none = await runExample(sim, "examples/allocate_deploy.ts", ["cpu_count=100000"]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no machine available: No available machine matches constraints/);
  } finally {
    await sim.close();
  }
});

Deno.test("bad options of long operations are refused before any request", async () => {
  await withQuickLifecycle({ machines: 10, seed: 12 }, async (client, sim) => {
    const [machine] = await client.machines.list({ status: "ready" });
    const before = sim.log.length;
    await assert.rejects(machine.deploy({}, { wait: true, waitTimeout: -1 }), ParameterError);
    await assert.rejects(machine.deploy({}, { wait: true, interval: 0 }), ParameterError);
    await assert.rejects(
      machine.release({}, { wait: true, onProgress: "print" as never }),
      ParameterError,
    );
    await assert.rejects(machine.waitFor("explode" as never), ParameterError);
    await assert.rejects(machine.setWorkloadAnnotations({ a: 1 as never }), ParameterError);
    await assert.rejects(machine.setStorageLayout(undefined as never), ParameterError);
    await assert.rejects(client.machines.allocate({ storage: [null as never] }), ParameterError);
    await assert.rejects(client.machines.release(42 as never), ParameterError);
    assert.equal(sim.log.length, before);
    assert.equal(
      await machine.waitFor("deploy", null as never).catch((e) => e.constructor.name),
      "FailedDeployment",
    );
  });
});

Deno.test("create and allocate take every parameter MAAS reads", async () => {
  await withQuickLifecycle({ machines: 30, seed: 21 }, async (client, sim) => {
    const created = await client.machines.create({
      architecture: "amd64/generic",
      macAddresses: mac(),
      commission: false,
      cpuCount: 4,
      memory: 8192,
      zone: "rack-b",
      pool: { name: "staging" },
      osystem: "ubuntu",
      distroSeries: "jammy",
      hweKernel: "hwe-22.04",
      swapSize: "2G",
      ephemeralDeploy: true,
      powerType: "manual",
    });
    assert.deepEqual(lastParams(sim).cpu_count, ["4"]);
    assert.deepEqual(lastParams(sim).pool, ["staging"]);
    assert.equal(created.cpuCount, 4);
    assert.equal(created.memory, 8192);
    assert.equal(created.zone.name, "rack-b");
    assert.equal(created.pool?.name, "staging");
    assert.equal(created.distroSeries, "jammy");
    assert.equal(created.hweKernel, "hwe-22.04");
    assert.equal(created.swapSize, 2_000_000_000);
    assert.equal(created.ephemeralDeploy, true);
    const bad = await client.machines.create({
      architecture: "amd64/generic",
      macAddresses: mac(),
      zone: "atlantis",
      distroSeries: "warty",
    }).catch((e) => e);
    assert.ok(bad instanceof BadRequestError);
    assert.deepEqual(Object.keys(bad.fields!).sort(), ["distro_series", "zone"]);

    // An administrator may take a machine by its owner, power state and deployment target.
    const allocated = await client.machines.allocate({
      powerState: ["off", "unknown"],
      notPowerState: "error",
      deploymentTarget: "disk",
      notDeploymentTarget: "memory",
      notOwner: "nobody",
    });
    assert.deepEqual(lastParams(sim).power_state, ["off", "unknown"]);
    assert.deepEqual(lastParams(sim).not_deployment_target, ["memory"]);
    assert.equal(allocated.status, NodeStatus.ALLOCATED);
    const owned = await client.machines.allocate({ owner: "nobody" }).catch((e) => e);
    assert.ok(owned instanceof BadRequestError);
    assert.deepEqual(owned.fields, { owner: ["No such owner: 'nobody'."] });
    const withOptions = await client.machines.allocate({
      cpuCount: 1,
      installKvm: false,
      ephemeralDeploy: false,
      bridgeAll: true,
      bridgeType: "ovs",
    });
    assert.equal(withOptions.status, NodeStatus.ALLOCATED);
  });
});

Deno.test("deploy with a VM host: up to 3.8 the machine becomes one; master refuses with 400", async () => {
  await withQuickLifecycle({}, async (client) => {
    const machine = await readyMachine(client, "kvm-host-1");
    const before = (await client.vmHosts.list()).map((host) => host.name);
    await machine.deploy({ registerVmhost: true }, { wait: true, ...FAST });
    const hosts = await client.vmHosts.list();
    const added = hosts.filter((host) => !before.includes(host.name));
    assert.deepEqual(added.map((host) => host.name), ["kvm-host-1"]);
    assert.equal(added[0].type, "lxd");
  });
  await withQuickLifecycle({ maasVersion: "master" }, async (client, sim) => {
    const machine = await readyMachine(client);
    const refused = await machine.deploy({ installKvm: true }).catch((e) => e);
    assert.ok(refused instanceof BadRequestError);
    assert.equal(refused.text, "Support for install_kvm allocation parameter has been removed.");
    assert.deepEqual(lastParams(sim).install_kvm, ["true"]);
    assert.equal((await machine.refresh()).status, NodeStatus.READY);
    const powered = await machine.powerOn({ registerVmhost: true }).catch((e) => e);
    assert.ok(powered instanceof UnsupportedError);
    assert.match(
      powered.message,
      /^machine\.powerOn\(\): registerVmhost is not in MAAS .*; of the known lines, 3\.0, 3\.7 and 3\.8 have it$/,
    );
  });
});

Deno.test("options a line lacks are refused before sending, naming the lines that have them", async () => {
  await withQuickLifecycle({ maasVersion: "2.9" }, async (client, sim) => {
    const machine = await readyMachine(client);
    const before = sim.log.length;
    const error = await machine.deploy({ enableHwSync: true }).catch((e) => e);
    assert.ok(error instanceof UnsupportedError);
    assert.equal(
      error.message,
      "machine.deploy(): enableHwSync is not in MAAS 2.9.2; of the known lines, 3.7, 3.8 and " +
        "master have it",
    );
    assert.deepEqual(error.lines, ["3.7", "3.8", "master"]);
    const ephemeral = await machine.deploy({ ephemeralDeploy: false, distroSeries: "noble" }, {
      wait: true,
      ...FAST,
    });
    assert.equal(ephemeral.status, NodeStatus.DEPLOYED);
    const token = await machine.getToken().catch((e) => e);
    assert.ok(token instanceof UnsupportedError);
    assert.match(token.message, /^machine\.getToken\(\) is not in MAAS 2\.9\.2/);
    const annotations = await machine.setWorkloadAnnotations({ a: "b" }).catch((e) => e);
    assert.ok(annotations instanceof UnsupportedError);
    await machine.setOwnerData({ team: "infra" });
    assert.equal(lastEntry(sim).op, "set_owner_data");
    assert.deepEqual(machine.ownerData, { team: "infra" });
    machine.isDpu = true;
    await assert.rejects(machine.save(), UnsupportedError);
    const sent = sim.log.slice(before).filter((entry) => entry.path === `${API}version/`);
    assert.equal(sent.length, 1, "version/ is read once");
  });
});

Deno.test("waiting options go in the last argument, named for every method that waits", async () => {
  await withQuickLifecycle({ machines: 10, seed: 12 }, async (client, sim) => {
    const [machine] = await client.machines.list({ status: "ready" });
    await rejectsLocally(
      sim,
      () => machine.deploy({ wait: true } as never),
      /machine\.deploy\(\): wait is a waiting option: give it in the options, the last argument/,
    );
    await rejectsLocally(
      sim,
      () => client.machines.deployAll([machine], { interval: 5 } as never),
      /interval is a waiting option/,
    );
    await rejectsLocally(
      sim,
      () => machine.deploy({}, { distroSeries: "noble" } as never),
      /distroSeries is a parameter of the op: give it in the parameters object/,
    );
    await rejectsLocally(
      sim,
      () => machine.waitFor("deploy", { timeout: 5 } as never),
      /a wait sends no request of its own; the wait's limit is waitTimeout/,
    );
    await rejectsLocally(
      sim,
      () => machine.deploy({}, { wait: "yes" } as never),
      /option wait must be a boolean/,
    );
    // `timeout` is each request's limit, also while waiting.
    await machine.deploy({}, { wait: true, timeout: 5_000, waitTimeout: 60_000, ...FAST });
    assert.equal(machine.status, NodeStatus.DEPLOYED);
  });
});
