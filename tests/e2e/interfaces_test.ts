import assert from "node:assert/strict";
import {
  BadRequestError,
  type Client,
  ConflictError,
  connect,
  ForbiddenError,
  Interface,
  InterfaceLink,
  NodeInterfaces,
  NotFoundError,
  Subnet,
  UnsupportedError,
  Vlan,
} from "../../mod.ts";
import type { MaasSimulator, SimInterface } from "../../lib/testing/mod.ts";
import { nodeAddresses } from "../../lib/testing/families/interfaces/render.ts";
import { NodeStatus, setStatus, type SimMachine } from "../../lib/testing/inventory.ts";
import { lastParams, rejectsLocally, withClient, withQuickLifecycle } from "./support.ts";

interface Setup {
  client: Client;
  sim: MaasSimulator;
  machine: SimMachine;
  interfaces: NodeInterfaces;
  untagged: Vlan;
  tagged: Vlan;
  management: Subnet;
}

/** A simulator with a few machines; the first one made Ready, its interfaces at hand. */
function withMachine(run: (setup: Setup) => Promise<void>): Promise<void> {
  return withClient(async (client, sim) => {
    const machine = [...sim.state.machines.values()][0];
    setStatus(machine, 4);
    machine.data.owner = null;
    const interfaces = new NodeInterfaces(client, machine.data.system_id);
    const untagged = await client.vlans.get(0, 0);
    const tagged = await client.vlans.get(0, 100);
    const management = await client.subnets.get("cidr:10.20.0.0/20");
    await run({ client, sim, machine, interfaces, untagged, tagged, management });
  }, { machines: 6 });
}

/** The machine's interface records in the simulator. */
function stored(sim: MaasSimulator, machine: SimMachine): SimInterface[] {
  return sim.state.interfaces.of(machine.data.system_id).list;
}

Deno.test("interfaces: list and read, with VLANs, fabrics and typed links", async () => {
  await withMachine(async ({ client, sim, machine, interfaces }) => {
    const list = await interfaces.list();
    assert.equal(list.length, stored(sim, machine).length);
    assert.ok(list.every((nic) => nic instanceof Interface));
    const first = list[0];
    assert.equal(first.systemId, machine.data.system_id);
    assert.equal(first.type, "physical");
    assert.match(first.macAddress ?? "", /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    assert.equal(
      String(first),
      `Interface ${first.id} ${first.name} physical ${first.macAddress}`,
    );
    const before = sim.log.length;
    assert.ok(first.vlan instanceof Vlan);
    assert.equal(first.vlan.fabric, "fabric-0");
    assert.equal(first.vlan.fabricId, 0);
    assert.equal(first.vlan.vid, 0);
    assert.equal(first.vlan, first.vlan, "the VLAN is wrapped once");
    const linked = list.find((nic) => nic.links.some((link) => link.subnet !== null))!;
    const link = linked.links.find((item) => item.subnet !== null)!;
    assert.ok(link instanceof InterfaceLink);
    assert.equal(typeof link.id, "number");
    assert.ok(["auto", "link_up", "static", "dhcp"].includes(link.mode));
    assert.ok(link.subnet instanceof Subnet);
    assert.ok(link.subnet.vlan instanceof Vlan);
    assert.equal(link.interface, linked);
    assert.equal(sim.log.length, before, "related objects need no request");

    const read = await interfaces.get(first.id);
    assert.equal(read.name, first.name);
    assert.equal(read.resourcePath, `nodes/${machine.data.system_id}/interfaces/${first.id}/`);
    await assert.rejects(() => interfaces.get(99999), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Interface matches the given query.");
      return true;
    });
    const nowhere = new NodeInterfaces(client, "nosuch");
    await assert.rejects(() => nowhere.list(), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Node matches the given query.");
      return true;
    });
  });
});

Deno.test("interfaces: create physical, update with save(), tags, delete", async () => {
  await withMachine(async ({ sim, machine, interfaces, untagged }) => {
    const nic = await interfaces.createPhysical({
      macAddress: "52:54:00:12:34:56",
      vlan: untagged,
      tags: ["fast", "spare"],
      mtu: 9000,
    });
    assert.deepEqual(lastParams(sim), {
      mac_address: ["52:54:00:12:34:56"],
      vlan: [String(untagged.id)],
      tags: ["fast,spare"],
      mtu: ["9000"],
    });
    assert.equal(sim.log[sim.log.length - 1].op, "create_physical");
    assert.equal(nic.name, "eth0");
    assert.equal(nic.type, "physical");
    assert.deepEqual(nic.tags, ["fast", "spare"]);
    assert.equal(nic.mtu, 9000);
    assert.equal(nic.params.mtu, 9000);
    assert.equal(nic.effectiveMtu, 9000);
    assert.equal(nic.vlan?.id, untagged.id);
    assert.deepEqual(nic.links.map((link) => link.mode), ["link_up"]);
    assert.ok(stored(sim, machine).some((item) => item.id === nic.id), "the machine holds it");

    nic.name = "data0";
    nic.mtu = 1500;
    await nic.save();
    assert.deepEqual(lastParams(sim), { name: ["data0"], mtu: ["1500"] });
    assert.equal(sim.log[sim.log.length - 1].method, "PUT");
    assert.equal(nic.name, "data0");
    assert.equal(nic.mtu, 1500);
    assert.equal(nic.effectiveMtu, 1500);

    nic.tags = ["one"];
    nic.linkConnected = false;
    await nic.save();
    assert.deepEqual(lastParams(sim), { tags: ["one"], link_connected: ["false"] });
    assert.equal(nic.linkConnected, false);

    await nic.addTag("two");
    assert.deepEqual(lastParams(sim), { tag: ["two"] });
    assert.deepEqual(nic.tags, ["one", "two"]);
    await nic.removeTag("one");
    assert.deepEqual(nic.tags, ["two"]);
    await rejectsLocally(sim, () => nic.addTag(""), "tag");

    await nic.delete();
    await assert.rejects(() => interfaces.get(nic.id), NotFoundError);
    assert.ok(!stored(sim, machine).some((item) => item.id === nic.id));
  });
});

Deno.test("interfaces: bonds, bridges and VLAN interfaces", async () => {
  await withMachine(async ({ sim, interfaces, untagged, tagged }) => {
    const eth0 = await interfaces.createPhysical({
      macAddress: "52:54:00:00:00:10",
      vlan: untagged,
    });
    const eth1 = await interfaces.createPhysical({
      macAddress: "52:54:00:00:00:11",
      vlan: untagged.id,
    });
    const bond = await interfaces.createBond({
      name: "bond1",
      parents: [eth0, eth1.id],
      bondMode: "802.3ad",
      bondMiimon: 200,
      bondLacpRate: "slow",
      bondXmitHashPolicy: "layer3+4",
      bondDowndelay: 10,
      bondUpdelay: 20,
    });
    assert.deepEqual(lastParams(sim), {
      name: ["bond1"],
      parents: [String(eth0.id), String(eth1.id)],
      bond_mode: ["802.3ad"],
      bond_miimon: ["200"],
      bond_lacp_rate: ["slow"],
      bond_xmit_hash_policy: ["layer3+4"],
      bond_downdelay: ["10"],
      bond_updelay: ["20"],
    });
    assert.equal(bond.type, "bond");
    assert.deepEqual(bond.parents, ["eth0", "eth1"]);
    assert.equal(bond.macAddress, eth0.macAddress);
    assert.equal(bond.vlan?.id, untagged.id);
    assert.equal(bond.bondMode, "802.3ad");
    assert.equal(bond.bondMiimon, 200);
    assert.equal(bond.bondLacpRate, "slow");
    assert.equal(bond.bondXmitHashPolicy, "layer3+4");
    assert.equal(bond.bondNumGratArp, 1);
    await eth0.refresh();
    assert.deepEqual(eth0.children, ["bond1"]);
    assert.deepEqual(eth0.links, [], "a bond member gives its links up");

    // Bond settings are read from params and written as form fields.
    bond.bondMode = "active-backup";
    await bond.save();
    assert.deepEqual(lastParams(sim), { bond_mode: ["active-backup"] });
    assert.equal(bond.bondMode, "active-backup");
    assert.equal(bond.params.bond_mode, "active-backup");

    const vlanNic = await interfaces.createVlan({ vlan: tagged, parent: bond });
    assert.deepEqual(lastParams(sim), { vlan: [String(tagged.id)], parent: [String(bond.id)] });
    assert.equal(vlanNic.type, "vlan");
    assert.equal(vlanNic.name, "bond1.100");
    assert.equal(vlanNic.vlan?.vid, 100);
    assert.deepEqual(vlanNic.parents, ["bond1"]);

    const eth2 = await interfaces.createPhysical({
      macAddress: "52:54:00:00:00:12",
      vlan: untagged,
    });
    const bridge = await interfaces.createBridge({ name: "br0", parent: eth2, bridgeStp: true });
    assert.deepEqual(lastParams(sim), {
      name: ["br0"],
      parent: [String(eth2.id)],
      bridge_stp: ["true"],
    });
    assert.equal(bridge.type, "bridge");
    assert.equal(bridge.bridgeType, "standard");
    assert.equal(bridge.bridgeStp, true);
    assert.equal(bridge.bridgeFd, 15);
    assert.deepEqual(bridge.parents, [eth2.name]);

    // Deleting the bond takes the VLAN interface on it along.
    await bond.delete();
    const names = (await interfaces.list()).map((nic) => nic.name);
    assert.ok(!names.includes("bond1") && !names.includes("bond1.100"));
    await eth0.refresh();
    assert.deepEqual(eth0.children, []);
  });
});

Deno.test("interfaces: bond, bridge and VLAN failures", async () => {
  await withMachine(async ({ sim, interfaces, untagged, tagged }) => {
    const eth0 = await interfaces.createPhysical({
      macAddress: "52:54:00:00:01:10",
      vlan: untagged,
    });
    const eth1 = await interfaces.createPhysical({ macAddress: "52:54:00:00:01:11", vlan: tagged });
    await assert.rejects(
      () => interfaces.createBond({ name: "bond1", parents: [eth0, eth1] }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, { parents: ["All parents must belong to the same VLAN."] });
        return true;
      },
    );
    await assert.rejects(
      () => interfaces.createVlan({ vlan: untagged, parent: eth0 }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          vlan: ["A VLAN interface can only belong to a tagged VLAN."],
        });
        return true;
      },
    );
    await assert.rejects(
      () => interfaces.createPhysical({ macAddress: "52:54:00:00:01:10" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.match(
          error.fields?.mac_address?.[0] ?? "",
          /^This MAC address is already in use by/,
        );
        return true;
      },
    );
    await assert.rejects(
      () => interfaces.createPhysical({ macAddress: "not-a-mac" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          mac_address: ["'not-a-mac' is not a valid MAC address."],
        });
        return true;
      },
    );
    await rejectsLocally(
      sim,
      () =>
        interfaces.createBond({ name: "bond2", parents: [eth0], bondMode: "fastest" as "802.3ad" }),
      /bondMode" must be one of balance-rr, /,
    );
    await assert.rejects(
      () => interfaces.createBond({ name: "bond3", parents: [424242] }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          parents: ["Select a valid choice. 424242 is not one of the available choices."],
        });
        return true;
      },
    );
    await rejectsLocally(sim, () => interfaces.createBond({ name: "b", parents: [] }), "parents");
    await rejectsLocally(
      sim,
      () => interfaces.createBond({ name: "b", parents: ["eth0" as unknown as number] }),
      "parents",
    );
    await rejectsLocally(sim, () => interfaces.createBond({ parents: [eth0] } as never), "name");
    await rejectsLocally(sim, () => interfaces.createPhysical({} as never), "macAddress");
    await rejectsLocally(sim, () => interfaces.createVlan({ parent: eth0 } as never), "vlan");
    await rejectsLocally(sim, () => interfaces.createBridge({ name: "br9" } as never), "parent");
  });
});

Deno.test("interfaces: links to subnets, default gateway, unlink, disconnect", async () => {
  await withMachine(async ({ sim, machine, interfaces, untagged, tagged, management }) => {
    const nic = await interfaces.createPhysical({
      macAddress: "52:54:00:00:02:10",
      vlan: untagged,
    });
    await nic.linkSubnet({
      mode: "static",
      subnet: management,
      ipAddress: "10.20.5.10",
      defaultGateway: true,
    });
    assert.deepEqual(lastParams(sim), {
      mode: ["static"],
      subnet: [String(management.id)],
      ip_address: ["10.20.5.10"],
      default_gateway: ["true"],
    });
    assert.equal(sim.log[sim.log.length - 1].op, "link_subnet");
    assert.deepEqual(nic.links.map((link) => link.mode), ["static"], "link_up made way");
    const staticLink = nic.links[0];
    assert.equal(staticLink.ipAddress, "10.20.5.10");
    assert.equal(staticLink.subnet?.cidr, "10.20.0.0/20");
    assert.equal(
      String(staticLink),
      `InterfaceLink ${staticLink.id} static 10.20.5.10 10.20.0.0/20`,
    );
    const records = sim.state.interfaces.of(machine.data.system_id);
    assert.equal(records.gateways.ipv4, staticLink.id);
    assert.ok(nodeAddresses(records).includes("10.20.5.10"));

    // A static link without an address gets a free one; DHCP once only.
    await nic.linkSubnet({ mode: "static", subnet: management.id });
    assert.equal(nic.links.length, 2);
    assert.ok(nic.links[1].ipAddress);
    await nic.linkSubnet({ mode: "dhcp", subnet: management });
    await assert.rejects(() => nic.linkSubnet({ mode: "dhcp" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        mode: ["Interface is already set to DHCP from '10.20.0.0/20:10.20.0.0/20(vid=0)'."],
      });
      return true;
    });

    // Several links with the same gateway: set_default_gateway needs no link id.
    await nic.setDefaultGateway();
    assert.deepEqual(lastParams(sim), {});
    await nic.links[1].setAsDefaultGateway();
    assert.deepEqual(lastParams(sim), { link_id: [String(nic.links[1].id)] });
    assert.equal(records.gateways.ipv4, nic.links[1].id);

    await nic.unlinkSubnet(staticLink);
    assert.deepEqual(lastParams(sim), { id: [String(staticLink.id)] });
    assert.ok(!nic.links.some((link) => link.id === staticLink.id));
    await nic.links[0].unlink();
    await assert.rejects(() => nic.unlinkSubnet(424242), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.match(error.fields?.id?.[0] ?? "", /^'424242' is not a valid id\./);
      return true;
    });

    await nic.disconnect();
    assert.equal(nic.vlan, null);
    assert.deepEqual(nic.links, []);
    await assert.rejects(() => nic.setDefaultGateway(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { __all__: ["This interface has no usable gateways."] });
      return true;
    });

    // A disconnected interface takes any subnet, and its VLAN with it.
    const relinked: Interface = await nic.linkSubnet({ mode: "auto", subnet: "10.100.0.0/22" });
    assert.equal(relinked.vlan?.id, tagged.id);
    assert.deepEqual(relinked.links.map((link) => link.mode), ["auto"]);
  });
});

Deno.test("interfaces: link failures", async () => {
  await withMachine(async ({ sim, interfaces, untagged, management }) => {
    const nic = await interfaces.createPhysical({
      macAddress: "52:54:00:00:03:10",
      vlan: untagged,
    });
    await assert.rejects(() => nic.linkSubnet({ mode: "static", subnet: 2 }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        subnet: ["Select a valid choice. That choice is not one of the available choices."],
      });
      return true;
    });
    await assert.rejects(
      () => nic.linkSubnet({ mode: "static", subnet: management, ipAddress: "10.20.8.20" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.match(error.fields?.ip_address?.[0] ?? "", /^IP address is inside a dynamic range/);
        return true;
      },
    );
    await nic.linkSubnet({ mode: "static", subnet: management, ipAddress: "10.20.5.20" });
    const other = await interfaces.createPhysical({
      macAddress: "52:54:00:00:03:11",
      vlan: untagged,
    });
    await assert.rejects(
      () => other.linkSubnet({ mode: "static", subnet: management, ipAddress: "10.20.5.20" }),
      (error: unknown) => {
        assert.ok(error instanceof NotFoundError);
        assert.equal(error.text, "IP address is already in use.");
        return true;
      },
    );
    await assert.rejects(() => nic.linkSubnet({ mode: "link_up" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.match(error.fields?.mode?.[0] ?? "", /^Cannot configure interface to link up/);
      return true;
    });
    await nic.linkSubnet({ mode: "link_up", force: true });
    assert.deepEqual(nic.links.map((link) => link.mode), ["link_up"]);
    await assert.rejects(
      () => nic.linkSubnet({ mode: "dhcp", subnet: management, defaultGateway: true }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, { default_gateway: ["Cannot use in mode 'dhcp'."] });
        return true;
      },
    );
    await rejectsLocally(sim, () => nic.linkSubnet({ mode: "bogus" as "auto" }), /"mode" must be/);
    await rejectsLocally(sim, () => nic.linkSubnet({ mode: "static" }), "subnet");
    await rejectsLocally(sim, () => nic.linkSubnet({} as never), "mode");
    await rejectsLocally(sim, () => nic.unlinkSubnet("7" as unknown as number), "id");
  });
});

Deno.test("interfaces: MAAS's state rules (409), controllers and permissions", async () => {
  await withMachine(async ({ client, sim, machine, interfaces, untagged, management }) => {
    const nic = await interfaces.createPhysical({
      macAddress: "52:54:00:00:04:10",
      vlan: untagged,
    });
    setStatus(machine, 6);
    await assert.rejects(
      () => interfaces.createPhysical({ macAddress: "52:54:00:00:04:11" }),
      (error: unknown) => {
        assert.ok(error instanceof ConflictError);
        assert.equal(
          error.text,
          "Cannot create interface because the machine is not New, Ready, Allocated, or Broken.",
        );
        assert.equal(error.retryAfter, null);
        return true;
      },
    );
    await assert.rejects(
      () => nic.linkSubnet({ mode: "auto", subnet: management }),
      (e: unknown) => {
        assert.ok(e instanceof ConflictError);
        assert.match(e.text, /^Cannot link subnet interface because/);
        return true;
      },
    );
    await assert.rejects(() => nic.delete(), ConflictError);
    await assert.rejects(() => nic.disconnect(), ConflictError);
    // A deployed machine's interface can still be renamed, and tagged.
    nic.name = "renamed0";
    await nic.save();
    assert.equal(nic.name, "renamed0");
    await nic.addTag("deployed");
    assert.deepEqual(nic.tags, ["deployed"]);

    setStatus(machine, 10);
    await nic.linkSubnet({ mode: "auto", subnet: management });
    setStatus(machine, 8);
    await nic.disconnect();

    // Controllers' interfaces are read-only here; a device's are its owner's.
    const rack = new NodeInterfaces(client, "4y3h7n");
    assert.ok(Array.isArray(await rack.list()));
    await assert.rejects(
      () => rack.createPhysical({ macAddress: "52:54:00:00:04:12" }),
      (error: unknown) => {
        assert.ok(error instanceof ForbiddenError);
        assert.equal(error.text, "Cannot create interface on a controller.");
        return true;
      },
    );
    await assert.rejects(
      () => rack.createBond({ name: "bond0", parents: [1] }),
      (error: unknown) => {
        assert.ok(error instanceof NotFoundError);
        assert.equal(error.text, "No Machine matches the given query.");
        return true;
      },
    );
    const { apikey } = sim.createUser({ username: "dave" });
    const dave = await connect(sim.url, { apikey });
    try {
      setStatus(machine, 4);
      const theirs = new NodeInterfaces(dave, machine.data.system_id);
      assert.ok((await theirs.list()).length > 0);
      await assert.rejects(
        () => theirs.createPhysical({ macAddress: "52:54:00:00:04:13" }),
        ForbiddenError,
      );
    } finally {
      dave.close();
    }
  });
});

Deno.test("interfaces: networking changes show in the interfaces that embed them", async () => {
  await withMachine(async ({ interfaces, untagged }) => {
    const nic = await interfaces.createPhysical({
      macAddress: "52:54:00:00:05:10",
      vlan: untagged,
    });
    untagged.mtu = 9000;
    await untagged.save();
    await nic.refresh();
    assert.equal(nic.vlan?.mtu, 9000);
    assert.equal(nic.effectiveMtu, 9000);
  });
});

Deno.test("interfaces: every setting of the creates and of update()", async () => {
  await withMachine(async ({ sim, interfaces, untagged, management }) => {
    const eth = await interfaces.createPhysical({
      macAddress: "52:54:00:00:06:10",
      name: "data9",
      vlan: untagged,
      linkSpeed: 1000,
      interfaceSpeed: 10000,
      linkConnected: true,
      numaNode: 1,
      enabled: false,
      acceptRa: true,
      ipAssignment: "static",
      ipAddress: "10.20.6.10",
    });
    assert.deepEqual(lastParams(sim), {
      mac_address: ["52:54:00:00:06:10"],
      name: ["data9"],
      vlan: [String(untagged.id)],
      link_speed: ["1000"],
      interface_speed: ["10000"],
      link_connected: ["true"],
      numa_node: ["1"],
      enabled: ["false"],
      accept_ra: ["true"],
      ip_assignment: ["static"],
      ip_address: ["10.20.6.10"],
    });
    assert.equal(eth.linkSpeed, 1000);
    assert.equal(eth.interfaceSpeed, 10000);
    assert.equal(eth.numaNode, 1);
    assert.equal(eth.enabled, false);
    assert.equal(eth.acceptRa, true);
    assert.deepEqual(eth.links.map((link) => [link.mode, link.ipAddress]), [[
      "static",
      "10.20.6.10",
    ]]);
    assert.equal(eth.links[0].subnet?.id, management.id);
    await eth.update({ ipAssignment: "dynamic", linkConnected: false });
    assert.deepEqual(eth.links.map((link) => link.mode), ["dhcp"]);
    assert.equal(eth.linkConnected, false);
    assert.equal(eth.linkSpeed, 0, "a disconnected cable has no speed");

    const [a, b, c] = await Promise.all(
      ["11", "12", "13"].map((last) =>
        interfaces.createPhysical({ macAddress: `52:54:00:00:06:${last}`, vlan: untagged })
      ),
    );
    const bond = await interfaces.createBond({
      name: "bond6",
      parents: [a, b],
      linkSpeed: 2000,
      bondNumGratArp: 3,
      tags: "lacp",
    });
    assert.equal(bond.linkSpeed, 2000);
    assert.equal(bond.bondNumGratArp, 3);
    assert.deepEqual(bond.tags, ["lacp"]);
    await bond.update({ parents: [b, c] });
    assert.deepEqual(lastParams(sim), { parents: [String(b.id), String(c.id)] });
    assert.deepEqual(bond.parents, [b.name, c.name].sort());
    await a.refresh();
    assert.deepEqual(a.children, [], "the member left behind is free again");
    await rejectsLocally(sim, () => bond.update({ parents: [] }), "at least one");

    const bridge = await interfaces.createBridge({
      name: "br6",
      parent: a,
      bridgeType: "ovs",
      bridgeFd: 2,
      mtu: 9000,
    });
    assert.equal(bridge.bridgeType, "ovs");
    assert.equal(bridge.bridgeFd, 2);
    assert.equal(bridge.mtu, 9000);
  });
});

Deno.test("interfaces: options a line lacks are refused before sending (autoconf, a VLAN's name)", async () => {
  await withMachine(async ({ sim, interfaces, untagged, tagged }) => {
    const parent = await interfaces.createPhysical({
      macAddress: "52:54:00:00:07:10",
      vlan: untagged,
    });
    const before = sim.log.length;
    await assert.rejects(
      () => interfaces.createPhysical({ macAddress: "52:54:00:00:07:11", autoconf: true }),
      (error: unknown) => {
        assert.ok(error instanceof UnsupportedError);
        assert.match(
          error.message,
          /^node\.interfaces\.createPhysical\(\): autoconf is not in MAAS 3\.[78]\.\d; of the known lines, 2\.9 and 3\.0 have it$/,
        );
        return true;
      },
    );
    await assert.rejects(() => parent.update({ autoconf: false }), UnsupportedError);
    assert.deepEqual(sim.log.slice(before).map((entry) => entry.path), ["/MAAS/api/2.0/version/"]);
    const named = await interfaces.createVlan({ vlan: tagged, parent, name: "storage0" });
    assert.equal(named.name, "storage0");
  });
});

Deno.test("interfaces: on MAAS 2.9, autoconf is read and a VLAN interface's name is not", async () => {
  await withClient(async (client, sim) => {
    const machine = [...sim.state.machines.values()][0];
    setStatus(machine, 4);
    const interfaces = new NodeInterfaces(client, machine.data.system_id);
    const untagged = await client.vlans.get(0, 0);
    const tagged = await client.vlans.get(0, 100);
    const nic = await interfaces.createPhysical({
      macAddress: "52:54:00:00:08:10",
      vlan: untagged,
      autoconf: true,
    });
    assert.deepEqual(lastParams(sim).autoconf, ["true"]);
    assert.equal(nic.autoconf, true);
    const before = sim.log.length;
    await assert.rejects(
      () => interfaces.createVlan({ vlan: tagged, parent: nic, name: "storage0" }),
      (error: unknown) => {
        assert.ok(error instanceof UnsupportedError);
        assert.match(error.message, /name is not in MAAS 2\.9\.2; of the known lines, 3\.7, 3\.8/);
        return true;
      },
    );
    assert.equal(sim.log.length, before);
    assert.equal((await interfaces.createVlan({ vlan: tagged, parent: nic })).name, "eth0.100");
  }, { machines: 2, maasVersion: "2.9" });
});

Deno.test("interfaces: commissioning and deployment change the records the API changed too", async () => {
  await withQuickLifecycle({ machines: 30, seed: 5 }, async (client, sim) => {
    const FAST = { interval: 10 };
    const records = (systemId: string) => sim.state.interfaces.of(systemId);
    // A New machine (nothing discovered yet) whose first NIC was tagged through the API.
    const fresh = [...sim.state.machines.values()].find((node) =>
      node.data.status === NodeStatus.NEW
    )!;
    const freshNics = new NodeInterfaces(client, fresh.data.system_id);
    const [eth] = await freshNics.list();
    await eth.addTag("uplink");
    const commissioned = await client.machines.get(fresh.data.system_id);
    await commissioned.commission({ testingScripts: ["none"] }, { wait: true, ...FAST });
    const found = await freshNics.get(eth.id);
    assert.deepEqual(found.tags, ["uplink"], "the API's change kept");
    assert.equal(found.vlan?.id, 5001, "commissioning found the NIC's VLAN");
    assert.deepEqual(found.links.map((link) => [link.mode, link.subnet?.cidr]), [
      ["auto", "10.20.0.0/20"],
    ]);
    assert.equal(records(fresh.data.system_id).list[0].vlanId, 5001);

    // A Ready machine given a new auto link through the API, then deployed and released.
    const machine = await client.machines.get(fresh.data.system_id);
    const nics = new NodeInterfaces(client, machine.systemId);
    const spare = (await nics.list()).find((nic) => nic.type === "physical" && nic.id !== eth.id)!;
    await spare.disconnect();
    await spare.linkSubnet({ mode: "auto", subnet: 1 });
    await machine.deploy({}, { wait: true, ...FAST });
    const deployed = await nics.list();
    const addressed = deployed.flatMap((nic) => nic.links).filter((link) => link.mode === "auto");
    assert.equal(addressed.length, 2, "both auto links");
    assert.ok(addressed.every((link) => /^10\.20\.\d+\.\d+$/.test(link.ipAddress ?? "")));
    await machine.refresh();
    assert.deepEqual(
      [...machine.ipAddresses].sort(),
      addressed.map((link) => link.ipAddress).sort(),
      "the machine shows the addresses its links hold",
    );
    assert.deepEqual(
      nodeAddresses(records(machine.systemId)).sort(),
      [...machine.ipAddresses].sort(),
      "held by the records",
    );
    await machine.release({}, { wait: true, ...FAST });
    assert.deepEqual((await machine.refresh()).ipAddresses, []);
    assert.ok((await nics.list()).every((nic) => nic.links.every((link) => !link.ipAddress)));
  });
});
