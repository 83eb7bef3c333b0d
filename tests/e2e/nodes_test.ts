/**
 * Nodes of every kind from `connect()` to the result, against the simulator: `client.nodes`
 * (mixed kinds, each in its own class), devices (create → list → get → update → delete and
 * their ops), rack and region controllers, node details decoded from BSON, and the BSON decoder
 * on malformed input.
 */
import assert from "node:assert/strict";
import {
  BadRequestError,
  BsonError,
  ConflictError,
  Controller,
  Device,
  MaasError,
  Machine,
  Node,
  NodeDevice,
  NodeType,
  NotFoundError,
  ParameterError,
  RackController,
  RegionController,
  ScriptSet,
  UnsupportedError,
} from "../../mod.ts";
import { decodeBson } from "../../lib/session.ts";
import { registerController } from "../../lib/testing/families/nodes/routes.ts";
import {
  lastEntry,
  lastParams,
  rejectsLocally,
  rejectsWith,
  withQuickLifecycle,
} from "./support.ts";

const API = "/MAAS/api/2.0/";

Deno.test("client.nodes lists every kind of node, each in its own class", async () => {
  await withQuickLifecycle({ machines: 6, seed: 2 }, async (client, sim) => {
    const device = await client.devices.create({ macAddresses: ["52:54:00:aa:00:01"] });
    const nodes = await client.nodes.list();
    assert.ok(nodes.every((node) => node instanceof Node));
    const kinds = new Set(nodes.map((node) => node.constructor.name));
    // The one region also runs a rack, so it comes as a RackController (as MAAS lists it).
    assert.deepEqual([...kinds].sort(), ["Device", "Machine", "RackController"]);
    assert.equal(nodes.filter((node) => node instanceof Machine).length, 6);
    assert.ok(nodes.some((node) => node instanceof Device && node.systemId === device.systemId));
    assert.equal(nodes[0].systemId, device.systemId, "devices come first, as MAAS lists them");

    const regionAndRack = nodes.find((node) =>
      node.nodeType === NodeType.REGION_AND_RACK_CONTROLLER
    )!;
    assert.ok(regionAndRack instanceof RackController);
    assert.ok(regionAndRack instanceof Controller);

    const machine = nodes.find((node) => node instanceof Machine)!;
    const read = await client.nodes.get(machine.systemId);
    assert.ok(read instanceof Machine);
    assert.equal(sim.log.at(-1)!.path, `${API}nodes/${machine.systemId}/`);
    assert.equal(read.resourcePath, `machines/${machine.systemId}/`);
    assert.ok((await client.nodes.get(device.systemId)) instanceof Device);

    const named = await client.nodes.list({ hostname: [machine.hostname, device.hostname] });
    assert.deepEqual(
      named.map((node) => node.systemId).sort(),
      [machine.systemId, device.systemId].sort(),
    );

    const missing = await client.nodes.get("nope00").catch((e) => e);
    assert.ok(missing instanceof NotFoundError);
    assert.equal(missing.text, "No Node matches the given query.");

    assert.equal(await client.nodes.isRegistered("52:54:00:aa:00:01"), true);
    assert.equal(await client.nodes.isRegistered("52:54:00:aa:00:02"), false);

    await client.nodes.setZone([machine, device.systemId], { name: "rack-a" });
    assert.deepEqual(sim.log.at(-1)!.params, {
      zone: ["rack-a"],
      nodes: [machine.systemId, device.systemId],
    });
    assert.equal((await device.refresh()).zone.name, "rack-a");
    const badZone = await client.nodes.setZone([device], "atlantis").catch((e) => e);
    assert.ok(badZone instanceof BadRequestError);
  });
});

Deno.test("devices: create, list, get, save only what changed, ops, delete", async () => {
  await withQuickLifecycle({ machines: 3, seed: 5 }, async (client, sim) => {
    const [parent] = await client.machines.list();
    const device = await client.devices.create({
      hostname: "switch-1",
      macAddresses: ["52:54:00:bb:00:01", "52:54:00:bb:00:02"],
      description: "top of rack",
      domain: "maas",
      parent,
    });
    assert.equal(String(device), `Device ${device.systemId} switch-1`);
    assert.equal(device.parent, parent.systemId);
    assert.equal(device.description, "top of rack");
    assert.equal(device.domain?.name, "maas");
    assert.equal(device.fqdn, "switch-1.maas");
    assert.equal(device.nodeType, NodeType.DEVICE);
    assert.equal(device.status, undefined);
    assert.equal(device.interfaceSet.length, 2);
    assert.deepEqual(sim.log.at(-1)!.params.parent, [parent.systemId]);

    const listed = await client.devices.list();
    assert.deepEqual(listed.map((d) => d.systemId), [device.systemId]);
    const got = await client.devices.get(device.systemId);
    assert.deepEqual(got.toJSON(), device.toJSON());
    assert.equal((await client.devices.list({ macAddress: "52:54:00:bb:00:02" })).length, 1);

    device.hostname = "switch-01";
    device.zone = "rack-b";
    await device.save();
    assert.deepEqual(sim.log.at(-1)!.params, { hostname: ["switch-01"], zone: ["rack-b"] });
    assert.equal(device.hostname, "switch-01");
    assert.equal(device.zone.name, "rack-b");

    const [other] = (await client.machines.list()).filter((m) => m.systemId !== parent.systemId);
    device.parent = other;
    await device.save();
    assert.deepEqual(sim.log.at(-1)!.params, { parent: [other.systemId] });
    assert.equal(device.parent, other.systemId);

    await device.setWorkloadAnnotations({ rack: "7" });
    assert.deepEqual(device.workloadAnnotations, { rack: "7" });
    await device.restoreNetworkingConfiguration();
    await device.restoreDefaultConfiguration();
    const details = await device.getDetails();
    assert.deepEqual(details, { lshw: null, lldp: null });

    const before = sim.log.length;
    await assert.rejects(
      client.devices.create({ hostname: "x" } as never),
      (e: unknown) => e instanceof ParameterError && /macAddresses/.test(e.message),
    );
    assert.equal(sim.log.length, before);
    const duplicate = await client.devices.create({ macAddresses: ["52:54:00:bb:00:01"] })
      .catch((e) => e);
    assert.ok(duplicate instanceof BadRequestError);
    assert.ok(duplicate.fields?.mac_addresses);

    await device.delete();
    await assert.rejects(client.devices.get(device.systemId), NotFoundError);
    assert.deepEqual(await client.devices.list(), []);
  });
});

Deno.test("rack controllers: services, power, boot images, power types", async () => {
  await withQuickLifecycle({}, async (client, sim) => {
    const racks = await client.rackControllers.list();
    assert.equal(racks.length, 2);
    const [region, rack] = racks;
    assert.equal(region.nodeType, NodeType.REGION_AND_RACK_CONTROLLER);
    assert.equal(rack.nodeType, NodeType.RACK_CONTROLLER);
    assert.equal(String(rack), `RackController ${rack.systemId} ${rack.hostname}`);
    assert.equal(typeof rack.version, "string");
    assert.ok(rack.services.some((service) => service.name === "rackd"));
    assert.ok(rack.services.every((service) => typeof service.statusInfo === "string"));

    const again = await client.rackControllers.get(rack.systemId);
    assert.equal(again.hostname, rack.hostname);
    assert.equal(await rack.queryPowerState(), "on");
    await rack.powerOff();
    await rack.powerOn({ comment: "back" });
    assert.equal(sim.log.at(-1)!.op, "power_on");

    const images = await rack.listBootImages();
    assert.equal(images.connected, true);
    assert.equal(images.status, "synced");
    assert.ok(images.images.some((image) => image.name === "ubuntu/jammy"));
    await rack.importBootImages();
    await client.rackControllers.importBootImages();
    assert.equal(sim.log.at(-1)!.status, 202);

    const types = await client.rackControllers.describePowerTypes();
    const ipmi = types.find((type) => type.name === "ipmi")!;
    assert.equal(ipmi.description, "IPMI");
    assert.ok(ipmi.fields.some((field) => field.name === "power_address"));

    const power = await client.rackControllers.powerParameters([rack]);
    assert.deepEqual(Object.keys(power), [rack.systemId]);
    assert.ok("power_address" in await rack.getPowerParameters());

    const override = await rack.overrideFailedTesting().catch((e) => e);
    assert.ok(override instanceof ConflictError);
    await rack.test({ testingScripts: ["smartctl-validate"] });
    assert.deepEqual(sim.log.at(-1)!.params.testing_scripts, ["smartctl-validate"]);

    rack.description = "second rack";
    rack.zone = "rack-c";
    await rack.save();
    assert.deepEqual(sim.log.at(-1)!.params, { description: ["second rack"], zone: ["rack-c"] });
    assert.equal(rack.zone.name, "rack-c");
    await rack.setPower("ipmi", { power_address: "10.9.9.9" });
    assert.equal(rack.powerType, "ipmi");

    const details = await rack.getDetails();
    assert.ok(details.lshw instanceof Uint8Array);

    await rack.delete({ force: true });
    assert.deepEqual(sim.log.at(-1)!.params, { force: ["true"] });
    assert.equal((await client.rackControllers.list()).length, 1);
  });
});

Deno.test("region controllers: list, get, update", async () => {
  await withQuickLifecycle({}, async (client, sim) => {
    const regions = await client.regionControllers.list();
    assert.equal(regions.length, 1);
    const [region] = regions;
    assert.ok(region instanceof RegionController);
    assert.equal(region.nodeType, NodeType.REGION_AND_RACK_CONTROLLER);
    // A controller runs the MAAS the simulator is.
    assert.equal(region.version, (await client.readVersion()).version);
    const read = await client.regionControllers.get(region.systemId);
    assert.equal(read.fqdn, region.fqdn);
    read.description = "the only region";
    await read.save();
    assert.deepEqual(sim.log.at(-1)!.params, { description: ["the only region"] });
    assert.equal(
      (await client.regionControllers.get(region.systemId)).description,
      "the only region",
    );
    const missing = await client.regionControllers.get("nope00").catch((e) => e);
    assert.ok(missing instanceof NotFoundError);
    assert.equal(missing.text, "No RegionController matches the given query.");
    assert.equal(await client.regionControllers.isRegistered("00:00:5e:00:53:09"), false);
  });
});

/** A little BSON writer for building test documents by hand. */
function bson(elements: Array<[number, string, Uint8Array]>): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const [type, key, value] of elements) {
    parts.push(new Uint8Array([type]), encoder.encode(key), new Uint8Array([0]), value);
  }
  const size = 4 + parts.reduce((sum, part) => sum + part.length, 0) + 1;
  const out = new Uint8Array(size);
  new DataView(out.buffer).setInt32(0, size, true);
  let at = 4;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function int32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, value, true);
  return out;
}

function int64(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, value, true);
  return out;
}

function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function string(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  return cat(int32(bytes.length + 1), bytes, new Uint8Array([0]));
}

Deno.test("decodeBson reads every type MAAS sends", () => {
  const double = new Uint8Array(8);
  new DataView(double.buffer).setFloat64(0, 2.5, true);
  const xml = new TextEncoder().encode("<?xml version='1.0'?><list/>");
  const doc = bson([
    [0x05, "lshw", cat(int32(xml.length), new Uint8Array([0]), xml)],
    [0x05, "old", cat(int32(7), new Uint8Array([2]), int32(3), new Uint8Array([1, 2, 3]))],
    [0x0a, "lldp", new Uint8Array()],
    [0x02, "name", string("nœud")],
    [0x01, "ratio", double],
    [0x10, "small", int32(-7)],
    [0x12, "safe", int64(9007199254740991n)],
    [0x12, "big", int64(9007199254740993n)],
    [0x08, "yes", new Uint8Array([1])],
    [0x09, "when", int64(86_400_000n)],
    [0x11, "stamp", int64(42n)],
    [0x03, "inner", bson([[0x10, "x", int32(1)]])],
    [0x04, "list", bson([[0x02, "0", string("a")], [0x10, "1", int32(2)]])],
    [0x02, "__proto__", string("kept as data")],
  ]);
  const decoded = decodeBson(doc);
  assert.deepEqual(
    new TextDecoder().decode(decoded.lshw as Uint8Array),
    "<?xml version='1.0'?><list/>",
  );
  assert.deepEqual([...decoded.old as Uint8Array], [1, 2, 3]);
  assert.equal(decoded.lldp, null);
  assert.equal(decoded.name, "nœud");
  assert.equal(decoded.ratio, 2.5);
  assert.equal(decoded.small, -7);
  assert.equal(decoded.safe, Number.MAX_SAFE_INTEGER);
  assert.equal(decoded.big, 9007199254740993n);
  assert.equal(decoded.yes, true);
  assert.deepEqual(decoded.when, new Date(86_400_000));
  assert.equal(decoded.stamp, 42n);
  assert.deepEqual(decoded.inner, { x: 1 });
  assert.deepEqual(decoded.list, ["a", 2]);
  assert.equal(Object.getPrototypeOf(decoded), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(decoded, "__proto__")?.value, "kept as data");
  assert.deepEqual(decodeBson(bson([])), {});
});

Deno.test("decodeBson raises BsonError, and only BsonError, on malformed input", () => {
  const good = bson([
    [0x02, "a", string("text")],
    [
      0x03,
      "b",
      bson([[0x10, "c", int32(5)], [0x05, "d", cat(int32(2), new Uint8Array([0, 7, 8]))]]),
    ],
    [0x08, "e", new Uint8Array([0])],
  ]);
  const cases: Array<[string, Uint8Array]> = [
    ["empty", new Uint8Array()],
    ["short", new Uint8Array([5, 0, 0])],
    ["length mismatch", cat(good, new Uint8Array([0]))],
    ["truncated", good.subarray(0, good.length - 3)],
    [
      "no terminator",
      (() => {
        const copy = good.slice();
        copy[copy.length - 1] = 1;
        return copy;
      })(),
    ],
    ["unknown type", bson([[0x7f, "x", new Uint8Array()]])],
    ["bad boolean", bson([[0x08, "x", new Uint8Array([2])]])],
    ["bad string length", bson([[0x02, "x", cat(int32(100), new Uint8Array([0x61, 0]))]])],
    ["string without NUL", bson([[0x02, "x", cat(int32(2), new Uint8Array([0x61, 0x62]))]])],
    ["invalid UTF-8", bson([[0x02, "x", cat(int32(2), new Uint8Array([0xff, 0]))]])],
    ["negative binary", bson([[0x05, "x", cat(int32(-1), new Uint8Array([0]))]])],
    [
      "bad old binary",
      bson([[0x05, "x", cat(int32(5), new Uint8Array([2]), int32(9), new Uint8Array([1]))]]),
    ],
    ["short int64", bson([[0x12, "x", new Uint8Array([1, 2, 3])]])],
    ["inner overruns", bson([[0x03, "x", cat(int32(200), new Uint8Array([0]))]])],
  ];
  let deep = bson([]);
  for (let i = 0; i < 100; i++) deep = bson([[0x03, "x", deep]]);
  cases.push(["too deep", deep]);
  for (const [name, bytes] of cases) {
    assert.throws(() => decodeBson(bytes), BsonError, name);
  }
  assert.throws(() => decodeBson("nope" as never), ParameterError);

  // Random damage to a valid document: a decoded value or a BsonError, nothing else, never a hang.
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < 5000; i++) {
    const bytes = good.slice();
    const flips = 1 + Math.floor(random() * 4);
    for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = random() * 256;
    const cut = random() < 0.2 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
    try {
      decodeBson(cut);
    } catch (error) {
      assert.ok(error instanceof BsonError, `case ${i}: ${error}`);
      assert.ok(error instanceof MaasError);
    }
  }
});

Deno.test("node devices and script results answer through client.session", async () => {
  await withQuickLifecycle({ machines: 20, seed: 4 }, async (client) => {
    const [machine] = await client.machines.list({ status: "deployed" });
    const session = await client.session;
    const devices = await session.handlers.NodeDevices.read({
      system_id: machine.systemId,
    }) as Array<Record<string, unknown>>;
    assert.ok(
      devices.length >= machine.interfaceSet.filter((nic) => nic.type === "physical").length,
    );
    assert.ok(devices.every((device) => device.system_id === machine.systemId));
    const network = await session.handlers.NodeDevices.read({
      system_id: machine.systemId,
      hardware_type: "network",
    }) as Array<Record<string, unknown>>;
    assert.ok(network.every((device) => device.hardware_type_name === "Network"));
    const one = await session.handlers.NodeDevice.read({
      system_id: machine.systemId,
      id: devices[0].id as number,
    }) as Record<string, unknown>;
    assert.equal(one.pci_address, devices[0].pci_address);

    const results = await session.handlers.NodeScriptResults.read({
      system_id: machine.systemId,
      type: "commissioning",
    }) as Array<Record<string, unknown>>;
    assert.equal(results.length, 1);
    assert.equal(results[0].type_name, "commissioning");
    const current = await session.handlers.NodeScriptResult.read({
      system_id: machine.systemId,
      id: "current-commissioning",
      include_output: true,
    }) as { results: Array<{ output: string }> };
    assert.ok(current.results.length > 0);
    assert.match(atob(current.results[0].output), /: ok/);
    const text = await session.handlers.NodeScriptResult.download({
      system_id: machine.systemId,
      id: "current-commissioning",
    });
    assert.ok(text instanceof Uint8Array);
    assert.match(new TextDecoder().decode(text as Uint8Array), /50-maas-01-commissioning/);
  });
});

Deno.test("script results: runs of a node, their output, suppression, downloads, delete", async () => {
  await withQuickLifecycle({ machines: 20, seed: 4 }, async (client, sim) => {
    const [machine] = await client.machines.list({ status: "deployed" });
    const runs = await machine.results.list();
    assert.deepEqual(runs.map((run) => run.typeName).sort(), ["commissioning", "testing"]);
    assert.ok(runs.every((run) => run instanceof ScriptSet && run.systemId === machine.systemId));
    const testing = await machine.results.list({ type: "testing" });
    assert.deepEqual(testing.map((run) => run.typeName), ["testing"]);
    assert.deepEqual(lastParams(sim), { type: ["testing"] });

    const current = await machine.results.get("current-commissioning", { includeOutput: true });
    assert.equal(String(current), `ScriptSet ${current.id} commissioning Passed`);
    assert.equal(current.resourcePath, `nodes/${machine.systemId}/results/${current.id}/`);
    const lshw = current.results.find((result) => result.name === "00-maas-01-lshw")!;
    assert.match(new TextDecoder().decode(lshw.stdout!), /^<\?xml/);
    assert.equal(lshw.statusName, "Passed");
    const plain = await current.refresh({ filters: ["00-maas-01-lshw"] });
    assert.deepEqual(plain.results.map((result) => result.name), ["00-maas-01-lshw"]);
    assert.equal(plain.results[0].output, null, "no output unless asked for");
    assert.deepEqual(lastParams(sim), { filters: ["00-maas-01-lshw"] });
    const network = await machine.results.get(current.id, { hardwareType: "network" });
    assert.deepEqual(network.results.map((result) => result.name), ["20-maas-01-install-lldpd"]);

    const text = await current.downloadText({ output: "stdout", filters: "00-maas-01-lshw" });
    assert.match(text, /^<\?xml/);
    const all = await current.download();
    assert.ok(all instanceof Uint8Array);
    assert.match(new TextDecoder().decode(all), /-+ 50-maas-01-commissioning -+\n/);
    const archive = await current.download({ filetype: "tar.xz" }).catch((e) => e);
    assert.ok(archive instanceof BadRequestError);

    const suppressed = await current.update({ suppressed: true });
    assert.equal(suppressed.suppressed, true);
    assert.deepEqual(lastParams(sim), { suppressed: ["true"] });
    assert.ok((await machine.results.get(current.id)).results.every((r) => r.suppressed));

    await current.delete();
    assert.deepEqual((await machine.results.list()).map((run) => run.typeName), ["testing"]);
    const gone = await machine.results.get("current-commissioning").catch((e) => e);
    assert.ok(gone instanceof BadRequestError);
    await rejectsLocally(
      sim,
      () => machine.results.list({ type: "commisioning" as never }),
      /type" must be one of commissioning, testing/,
    );
  });
});

Deno.test("node results: installation-results/ lists script results across nodes", async () => {
  await withQuickLifecycle({ machines: 10, seed: 4 }, async (client, sim) => {
    const [machine] = await client.machines.list({ status: "deployed" });
    const results = await client.nodeResults.list({
      systemId: machine,
      name: "00-maas-01-lshw",
      resultType: "commissioning",
    });
    assert.deepEqual(lastParams(sim), {
      system_id: [machine.systemId],
      name: ["00-maas-01-lshw"],
      result_type: ["0"],
    });
    assert.equal(results.length, 1);
    assert.equal(results[0].systemId, machine.systemId);
    assert.equal(results[0].resultType, "commissioning");
    assert.equal(results[0].scriptResult, 0);
    assert.match(new TextDecoder().decode(results[0].data), /^<\?xml/);
    const testing = await client.nodeResults.list({ resultType: "testing" });
    assert.ok(testing.length > 0 && testing.every((result) => result.resultType === "testing"));
    await rejectsLocally(
      sim,
      () => client.nodeResults.list({ resultType: "deploying" as never }),
      /commissioning, installation or testing/,
    );
  });
});

Deno.test("node devices: PCI devices of a node, filtered, read and forgotten", async () => {
  await withQuickLifecycle({ machines: 20, seed: 4 }, async (client, sim) => {
    const [machine] = await client.machines.list({ status: "deployed" });
    const devices = await machine.nodeDevices.list();
    const nics = machine.interfaceSet.filter((nic) => nic.type === "physical");
    assert.ok(devices.length >= nics.length);
    assert.ok(devices.every((device) => device instanceof NodeDevice));
    const network = await machine.nodeDevices.list({ hardwareType: "network", bus: "PCIE" });
    assert.deepEqual(lastParams(sim), { hardware_type: ["network"], bus: ["PCIE"] });
    assert.equal(network.length, nics.length);
    assert.ok(network.every((device) => device.hardwareTypeName === "Network"));
    assert.ok(network.every((device) => device.physicalInterface?.id !== undefined));
    const one = await machine.nodeDevices.get(network[0].id);
    assert.equal(one.pciAddress, network[0].pciAddress);
    assert.equal(String(one), `NodeDevice ${one.id} PCIE ${one.vendorName} ${one.productName}`);
    const intel = await machine.nodeDevices.list({
      vendorId: one.vendorId,
      commissioningDriver: "i40e",
    });
    assert.ok(intel.some((device) => device.id === one.id));
    await one.delete();
    await assert.rejects(machine.nodeDevices.get(one.id), NotFoundError);
    await rejectsLocally(sim, () => machine.nodeDevices.list({ bus: "PCI" as never }), /PCIE, USB/);
  });
});

Deno.test("node devices are MAAS 3.0 and later: 2.9 refuses them before sending", async () => {
  await withQuickLifecycle({ machines: 5, seed: 4, maasVersion: "2.9" }, async (client, sim) => {
    const [machine] = await client.machines.list();
    const before = sim.log.length;
    const error = await machine.nodeDevices.list().catch((e) => e);
    assert.ok(error instanceof UnsupportedError);
    assert.equal(
      error.message,
      "node.nodeDevices.list() is not in MAAS 2.9.2; of the known lines, 3.0, 3.7, 3.8 and " +
        "master have it",
    );
    assert.deepEqual(sim.log.slice(before).map((entry) => entry.path), [`${API}version/`]);
    // What 2.9 has still works: the results of the node's runs.
    assert.ok((await machine.results.list()).length > 0);
  });
});

Deno.test("devices and plain nodes send only what MAAS reads", async () => {
  await withQuickLifecycle({ machines: 2, seed: 5 }, async (client, sim) => {
    const device = await client.devices.create({
      macAddresses: "52:54:00:cc:00:01",
      zone: "rack-a",
      powerType: "manual",
      swapSize: "1G",
    });
    assert.deepEqual(lastParams(sim), {
      mac_addresses: ["52:54:00:cc:00:01"],
      zone: ["rack-a"],
      power_type: ["manual"],
      swap_size: ["1G"],
    });
    assert.equal(device.zone.name, "rack-a");
    // MAAS's device update reads no power driver and no pool: devices have neither to set.
    assert.equal("setPower" in device, false);
    assert.equal(Object.getOwnPropertyDescriptor(Device.prototype, "pool"), undefined);
    assert.equal("pool" in device, false);
    // Nor does its delete read `force`.
    await rejectsLocally(
      sim,
      () => device.delete({ force: true } as never),
      /unknown option "force"/,
    );
    await device.save({ swapSize: 2_000_000_000 });
    assert.deepEqual(lastParams(sim), { swap_size: ["2000000000"] });
    const record = sim.state.nodes.devices.get(device.systemId)!;
    assert.equal(record.data.swap_size, 2_000_000_000);
    // Devices and machines read swap_size by one rule: empty is none, text must be a size.
    await device.save({ extra: { swap_size: "" } });
    assert.equal(record.data.swap_size, null);
    await rejectsWith(
      () =>
        client.machines.get(sim.state.machines.keys().next().value!).then((one) =>
          one.save({ extra: { swap_size: "lots" } })
        ),
      BadRequestError,
      (error) => assert.deepEqual(error.fields, { swap_size: ["Invalid size for swap: lots"] }),
    );

    // A node of no known kind: nodes/{system_id}/ has no update, and its delete reads nothing.
    const [machine] = await client.machines.list();
    const node = new Node(client, machine.toJSON());
    assert.equal(node.resourcePath, `nodes/${machine.systemId}/`);
    assert.equal("setPower" in node, false);
    await rejectsLocally(sim, () => node.save({ extra: { description: "x" } }), /no update/);
    await rejectsLocally(sim, () => node.delete({ force: true } as never), /unknown option/);
    await node.refresh();
    assert.equal(lastEntry(sim).path, `${API}nodes/${machine.systemId}/`);
    assert.ok((await node.getPowerParameters()) !== null);
    await node.delete();
    assert.equal(lastEntry(sim).method, "DELETE");
    assert.equal(lastEntry(sim).path, `${API}nodes/${machine.systemId}/`);
    await assert.rejects(client.machines.get(machine.systemId), NotFoundError);
  });
});

Deno.test("controllers: no pool; registered ones deleted with force; a region lists no services", async () => {
  await withQuickLifecycle({}, async (client, sim) => {
    const rackId = registerController(sim.state, "rack-9", "rack");
    const regionId = registerController(sim.state, "region-9", "region");
    const rack = await client.rackControllers.get(rackId);
    const region = await client.regionControllers.get(regionId);
    for (const controller of [rack, region]) {
      assert.equal("pool" in controller, false, "MAAS's controller update reads no pool");
      assert.equal(controller.get("pool"), undefined);
    }
    assert.ok(rack.services.length > 0);
    assert.equal(region.get("service_set"), undefined, "MAAS renders no services for a region");

    await region.setPower("ipmi", { power_address: "10.9.9.8" }, {
      powerParametersSkipCheck: true,
    });
    assert.deepEqual(JSON.parse(lastParams(sim).power_parameters[0]), {
      power_address: "10.9.9.8",
    });
    assert.deepEqual(lastParams(sim).power_parameters_skip_check, ["true"]);
    assert.equal((await region.getPowerParameters()).power_address, "10.9.9.8");
    await region.delete({ force: true });
    assert.deepEqual(lastParams(sim), { force: ["true"] });
    await assert.rejects(client.regionControllers.get(regionId), NotFoundError);
    await rack.delete();
    await assert.rejects(client.rackControllers.get(rackId), NotFoundError);
  });
});

Deno.test("node families refuse what a line lacks before sending: 2.9 and master", async () => {
  await withQuickLifecycle({ maasVersion: "2.9" }, async (client, sim) => {
    const device = await client.devices.create({ macAddresses: ["52:54:00:cc:00:02"] });
    const before = sim.log.length;
    const annotations = await device.setWorkloadAnnotations({ rack: "7" }).catch((e) => e);
    assert.ok(annotations instanceof UnsupportedError);
    assert.match(
      annotations.message,
      /^device\.setWorkloadAnnotations\(\) is not in MAAS 2\.9\.2; of the known lines, 3\.0, 3\.7, 3\.8 and master have it$/,
    );
    const owner = await client.devices.list({ owner: "admin" }).catch((e) => e);
    assert.ok(owner instanceof UnsupportedError);
    assert.match(owner.message, /client\.devices\.list\(\): owner is not in MAAS 2\.9\.2/);
    assert.equal(sim.log.length, before + 1, "only version/, once");
    // The older name of the same op is on every line.
    await device.setOwnerData({ rack: "7" });
    assert.deepEqual(lastParams(sim), { rack: ["7"] });
    assert.equal(lastEntry(sim).op, "set_owner_data");
    assert.equal((await client.devices.list({ connectedTo: "sw1:ge-0/0/1" })).length, 0);
  });
  await withQuickLifecycle({ maasVersion: "master" }, async (client, sim) => {
    const before = sim.log.length;
    const pod = await client.nodes.list({ pod: "kvm-1" }).catch((e) => e);
    assert.ok(pod instanceof UnsupportedError);
    assert.match(pod.message, /of the known lines, 2\.9, 3\.0, 3\.7 and 3\.8 have it$/);
    const [rack] = await client.rackControllers.list();
    const kvm = await rack.powerOn({ installKvm: true }).catch((e) => e);
    assert.ok(kvm instanceof UnsupportedError);
    assert.match(kvm.message, /^rack\.powerOn\(\): installKvm is not in MAAS/);
    const connected = await client.nodes.list({ connectedTo: "sw1" }).catch((e) => e);
    assert.ok(connected instanceof UnsupportedError);
    assert.equal(sim.log.filter((e) => e.path !== `${API}version/`).length - before, 1);
  });
});
