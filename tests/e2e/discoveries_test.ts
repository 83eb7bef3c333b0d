import assert from "node:assert/strict";
import { BadRequestError, Discovery, ForbiddenError, NotFoundError } from "../../mod.ts";
import { lastEntry, rejectsLocally, rejectsWith, withClient, withConnection } from "./support.ts";

Deno.test("discoveries: list, filters, get by id and specifier, scan", async () => {
  await withClient(async (admin, sim) => {
    const all = await admin.discoveries.list();
    assert.equal(all.length, 5);
    assert.ok(all.every((d) => d instanceof Discovery));
    const seen = all.map((d) => Date.parse(d.lastSeen + "Z"));
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a), "most recently seen first");
    const printer = all.find((d) => d.hostname === "printer-2f")!;
    assert.equal(printer.ip, "10.20.0.57");
    assert.equal(printer.macAddress, "52:54:00:3c:19:a8");
    assert.equal(printer.fabricName, "fabric-0");
    assert.equal(printer.vid, 0);
    assert.equal(printer.macOrganization, "QEMU virtual NIC");
    assert.deepEqual(printer.observer, {
      systemId: "4y3h7n",
      hostname: "region-1",
      interfaceId: 1,
      interfaceName: "eth0",
    });
    assert.equal(String(printer), "Discovery 10.20.0.57 52:54:00:3c:19:a8 printer-2f");

    // Two seeded discoveries use a machine's MAC address and another machine's IP address.
    const macs = new Set(
      [...sim.state.machines.keys()].flatMap((id) =>
        sim.state.interfaces.of(id).list.map((nic) => nic.macAddress)
      ),
    );
    const unknownMac = await admin.discoveries.byUnknownMac();
    assert.equal(lastEntry(sim).op, "by_unknown_mac");
    assert.equal(unknownMac.length, 4);
    assert.ok(unknownMac.every((d) => !macs.has(d.macAddress)));
    assert.equal((await admin.discoveries.byUnknownIp()).length, 4);
    assert.equal((await admin.discoveries.byUnknownIpAndMac()).length, 3);

    const byId = await admin.discoveries.get(printer.discoveryId);
    assert.equal(
      lastEntry(sim).path,
      `/MAAS/api/2.0/discovery/${encodeURIComponent(printer.discoveryId)}/`,
    );
    assert.equal(byId.ip, printer.ip);
    await byId.refresh();
    assert.equal((await admin.discoveries.get("ip:192.168.50.17")).hostname, "bmc-spare");
    await rejectsWith(() => admin.discoveries.get("ip:10.9.9.9"), NotFoundError, (error) => {
      assert.equal(error.text, "No Discovery matches the given query.");
    });

    const scan = await admin.discoveries.scan({ cidr: ["10.20.0.0/20"], threads: 4, slow: true });
    assert.equal(lastEntry(sim).op, "scan");
    assert.deepEqual(lastEntry(sim).params, {
      cidr: ["10.20.0.0/20"],
      slow: ["true"],
      threads: ["4"],
    });
    assert.equal(scan.result, "Scanning is in-progress on all rack controllers.");
    assert.deepEqual(scan.scanStartedOn, [{ systemId: "4y3h7n", hostname: "region-1" }]);
    assert.deepEqual(scan.failedToConnectTo, []);
    assert.deepEqual(scan.failures, []);
    const elsewhere = await admin.discoveries.scan({ cidr: "172.31.0.0/16" });
    assert.match(elsewhere.result, /^Unable to initiate network scanning/);
    assert.deepEqual(elsewhere.scanStartedOn, []);
    const everything = await admin.discoveries.scan({ force: true, alwaysUsePing: true });
    assert.deepEqual(lastEntry(sim).params, { force: ["true"], always_use_ping: ["true"] });
    assert.equal(everything.scanAttemptedOn.length, 1);
    await rejectsLocally(sim, () => admin.discoveries.scan(), /needs "force: true"/);
    await rejectsWith(() => admin.discoveries.scan({ cidr: "10.20.0.0/99" }), BadRequestError, (
      error,
    ) => assert.match(error.text, /^Invalid cidr/));
  }, { machines: 2 });
});

Deno.test("discoveries: clearing", async () => {
  await withClient(async (admin, sim) => {
    const [newest, second] = await admin.discoveries.list();
    assert.equal(await admin.discoveries.clearByMacAndIp(newest.ip, newest.macAddress), true);
    assert.equal(lastEntry(sim).op, "clear_by_mac_and_ip");
    assert.deepEqual(lastEntry(sim).params, { ip: [newest.ip], mac: [newest.macAddress] });
    assert.equal(await admin.discoveries.clearByMacAndIp(newest.ip, newest.macAddress), false);
    assert.equal(lastEntry(sim).status, 410);
    await second.delete();
    assert.equal((await admin.discoveries.list()).length, 1);
    await second.delete(); // already gone: not an error

    const { apikey } = sim.createUser({ username: "alice" });
    await withConnection(sim, async (user) => {
      await rejectsWith(() => user.discoveries.clear({ all: true }), ForbiddenError, (error) => {
        assert.equal(error.text, "Must be an administrator to clear discovery entries.");
      });
      await rejectsWith(
        () => user.discoveries.clearByMacAndIp("10.20.0.1", "00:00:00:00:00:01"),
        ForbiddenError,
        () => {},
      );
    }, apikey);
    await rejectsLocally(sim, () => admin.discoveries.clear({}), /Say what to clear/);
    await rejectsLocally(sim, () => admin.discoveries.clear({ mdns: false }), /Say what to clear/);
    await rejectsLocally(sim, () => admin.discoveries.clearByMacAndIp("10.0.0.1", ""), /"mac"/);

    await admin.discoveries.clear({ mdns: true });
    assert.deepEqual(lastEntry(sim).params, { mdns: ["true"] });
    assert.ok((await admin.discoveries.list()).every((d) => d.hostname === null));
    await admin.discoveries.clear({ all: true });
    assert.deepEqual(await admin.discoveries.list(), []);
  });
});

Deno.test("discoveries: the parameters object takes extra; unknown options are refused", async () => {
  await withClient(async (client, sim) => {
    const [seen] = await client.discoveries.list({ extra: { future: "1" } });
    assert.deepEqual(lastEntry(sim).params, { future: ["1"] });
    await rejectsLocally(
      sim,
      () => client.discoveries.scan({ cidr: "10.20.0.0/20", thread: 2 } as never),
      /unknown option "thread"; did you mean "threads"\?/,
    );
    await rejectsLocally(
      sim,
      () => client.discoveries.get(seen.discoveryId, { ip: "x" } as never),
      /unknown option "ip"/,
    );
    await rejectsLocally(
      sim,
      () => seen.delete({ mac: "x" } as never),
      /mac is given as an argument/,
    );
  });
});
