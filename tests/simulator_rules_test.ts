/**
 * MAAS's rules the simulator keeps (MAAS-API.md §8, checked against MAAS's source): a locked
 * machine refuses changes, aborting puts a machine where MAAS puts it, `mark_fixed` forgets the
 * installed system, and an optional text a form leaves out is stored as `""`.
 *
 * Raw HTTP on purpose: this pins down the simulator itself, not the client library.
 */
import assert from "node:assert/strict";
import { Credentials } from "../mod.ts";
import { authorizationHeader } from "../lib/exports/transport.ts";
import { MaasSimulator, NodeStatus, type SimMachine } from "../lib/testing/mod.ts";

interface Answer {
  status: number;
  text: string;
  json: Record<string, unknown>;
}

function client(sim: MaasSimulator, apikey = sim.adminApiKey) {
  const credentials = Credentials.parse(apikey);
  return async (method: string, path: string, fields?: Record<string, string>) => {
    const response = await fetch(sim.apiUrl + path, {
      method,
      headers: { Authorization: authorizationHeader(credentials) },
      body: fields ? new URLSearchParams(fields) : undefined,
    });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON: the test reads `text`.
    }
    return { status: response.status, text, json } as Answer;
  };
}

function machineIn(sim: MaasSimulator, status: number, owner?: string): SimMachine {
  const machine = [...sim.state.machines.values()].find((candidate) =>
    candidate.data.status === status && (owner === undefined || candidate.data.owner === owner)
  );
  assert.ok(machine, `a seeded machine in status ${status}`);
  return machine;
}

Deno.test("rules: a locked machine refuses every change with 403 until unlocked, owner and admin alike", async () => {
  await using sim = await MaasSimulator.start({ machines: 40, seed: 4, lifecycleMs: 60_000 });
  const alice = sim.createUser({ username: "alice" });
  const machine = machineIn(sim, NodeStatus.DEPLOYED);
  machine.data.owner = "alice";
  machine.data.locked = false;
  const id = machine.data.system_id;
  const asAlice = client(sim, alice.apikey);
  const asAdmin = client(sim);
  assert.equal((await asAlice("POST", `machines/${id}/?op=lock`, {})).status, 200);
  assert.equal(machine.data.locked, true);

  const changes: [string, string, Record<string, string> | undefined][] = [
    ["PUT", `machines/${id}/`, { description: "changed" }],
    ["POST", `machines/${id}/?op=power_on`, {}],
    ["POST", `machines/${id}/?op=power_off`, {}],
    ["POST", `machines/${id}/?op=release`, {}],
    ["POST", `machines/${id}/?op=deploy`, {}],
    ["POST", `machines/${id}/?op=commission`, {}],
    ["POST", `machines/${id}/?op=mark_broken`, {}],
    ["POST", `machines/${id}/?op=rescue_mode`, {}],
    ["POST", `machines/${id}/?op=abort`, {}],
    ["POST", `machines/${id}/?op=set_workload_annotations`, { team: "web" }],
    ["DELETE", `machines/${id}/`, undefined],
    ["POST", "machines/?op=release", { machines: id }],
  ];
  for (const call of [asAlice, asAdmin]) {
    for (const [method, path, fields] of changes) {
      const answer = await call(method, path, fields);
      assert.equal(answer.status, 403, `${method} ${path}: ${answer.text}`);
    }
  }
  assert.equal(machine.data.status, NodeStatus.DEPLOYED, "nothing changed");
  assert.equal(machine.data.locked, true, "release did not clear the lock");
  assert.equal(machine.data.description === "changed", false);
  assert.ok(sim.state.machines.has(id));

  // Reading still works, and so does locking again (409) and unlocking.
  assert.equal((await asAlice("GET", `machines/${id}/`)).status, 200);
  assert.equal((await asAlice("GET", `machines/${id}/?op=query_power_state`)).status, 200);
  assert.equal((await asAlice("POST", `machines/${id}/?op=lock`, {})).status, 409);
  assert.equal((await asAlice("POST", `machines/${id}/?op=unlock`, {})).status, 200);
  const released = await asAlice("POST", `machines/${id}/?op=release`, {});
  assert.equal(released.status, 200, released.text);
  assert.equal(released.json.status_name, "Releasing");
  assert.equal(released.json.locked, false);
});

Deno.test("rules: aborting commissioning leaves the machine New; aborting the tests it started, Ready", async () => {
  await using sim = await MaasSimulator.start({ machines: 60, seed: 5, lifecycleMs: 60_000 });
  const call = client(sim);

  // A seeded Commissioning machine, which has no timers of its own.
  const seeded = machineIn(sim, NodeStatus.COMMISSIONING).data.system_id;
  const aborted = await call("POST", `machines/${seeded}/?op=abort`, {});
  assert.equal(aborted.status, 200, aborted.text);
  assert.equal(aborted.json.status_name, "New");

  // A Ready machine sent back to commissioning, aborted while it commissions.
  const ready = machineIn(sim, NodeStatus.READY);
  assert.equal(
    (await call("POST", `machines/${ready.data.system_id}/?op=commission`, {})).status,
    200,
  );
  assert.equal(ready.data.status, NodeStatus.COMMISSIONING);
  const again = await call("POST", `machines/${ready.data.system_id}/?op=abort`, {});
  assert.equal(again.json.status_name, "New");
  assert.equal(again.json.owner, null);
  assert.equal(again.json.power_state, "off");

  // Testing that commissioning started: MAAS lets it be aborted into Ready.
  const testing = machineIn(sim, NodeStatus.TESTING).data.system_id;
  const stopped = await call("POST", `machines/${testing}/?op=abort`, {});
  assert.equal(stopped.json.status_name, "Ready");

  // Testing started by `test` goes back to where the machine was.
  const deployed = machineIn(sim, NodeStatus.DEPLOYED, "admin");
  deployed.data.locked = false;
  const id = deployed.data.system_id;
  assert.equal((await call("POST", `machines/${id}/?op=test`, {})).status, 200);
  assert.equal(deployed.data.status, NodeStatus.TESTING);
  assert.equal((await call("POST", `machines/${id}/?op=abort`, {})).json.status_name, "Deployed");
});

Deno.test("rules: mark_fixed forgets the installed system: osystem, distro_series, hwe_kernel", async () => {
  await using sim = await MaasSimulator.start({ machines: 40, seed: 6 });
  const call = client(sim);
  const machine = machineIn(sim, NodeStatus.DEPLOYED, "admin");
  machine.data.locked = false;
  const id = machine.data.system_id;
  assert.equal(machine.data.osystem, "ubuntu");
  assert.notEqual(machine.data.hwe_kernel, null);
  const broken = await call("POST", `machines/${id}/?op=mark_broken`, { comment: "PSU" });
  assert.equal(broken.json.status_name, "Broken");
  const fixed = await call("POST", `machines/${id}/?op=mark_fixed`, {});
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.json.status_name, "Deployed", "it was deployed before it broke");
  assert.equal(fixed.json.osystem, "");
  assert.equal(fixed.json.distro_series, "");
  assert.equal(fixed.json.hwe_kernel, null);
  assert.equal(fixed.json.error_description, "");
});

Deno.test('rules: an optional text a form leaves out is ""; a field no form sets stays null', async () => {
  await using sim = await MaasSimulator.start({ machines: 40, seed: 7 });
  const call = client(sim);
  const machine = machineIn(sim, NodeStatus.READY);
  const id = machine.data.system_id;
  const storage = sim.state.storage.of(id);
  const disk = storage.bootDisk()!;
  const partition = storage.partitionsOf(disk.id)[1].id;
  const path = `nodes/${id}/blockdevices/${disk.id}/partition/${partition}`;
  assert.equal((await call("POST", `${path}?op=unmount`, {})).status, 200);
  assert.equal((await call("POST", `${path}?op=unformat`, {})).status, 200);

  const unlabelled = await call("POST", `${path}?op=format`, { fstype: "ext4" });
  assert.equal(unlabelled.status, 200, unlabelled.text);
  const filesystem = unlabelled.json.filesystem as Record<string, unknown>;
  assert.equal(filesystem.label, "");
  assert.equal(filesystem.mount_point, null, "no form of format sets it");
  assert.equal(filesystem.mount_options, null);

  assert.equal((await call("POST", `${path}?op=unformat`, {})).status, 200);
  const labelled = await call("POST", `${path}?op=format`, { fstype: "xfs", label: "data" });
  assert.equal((labelled.json.filesystem as Record<string, unknown>).label, "data");
});
