import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import process from "node:process";
import {
  BadRequestError,
  connect,
  FanNetwork,
  ForbiddenError,
  GoneError,
  IPAddress,
  IPRange,
  Network,
  NotFoundError,
  ReservedIp,
  ServiceUnavailableError,
  StaticRoute,
  Subnet,
  UnsupportedError,
  Vlan,
} from "../../mod.ts";
import { MaasSimulator } from "../../lib/testing/mod.ts";
import { lastEntry, lastParams, rejectsLocally, withClient } from "./support.ts";

Deno.test("fabrics: the default fabric, create, list, get, update, delete", async () => {
  await withClient(async (client, sim) => {
    const fabrics = await client.fabrics.list();
    const fabric0 = fabrics.find((fabric) => fabric.id === 0)!;
    assert.equal(fabric0.name, "fabric-0");
    assert.equal(String(fabric0), "Fabric 0 fabric-0");
    const untagged = fabric0.defaultVlan!;
    assert.ok(untagged instanceof Vlan);
    assert.equal(untagged.vid, 0);
    assert.equal(untagged.name, "untagged");
    assert.equal(untagged.fabricId, 0);
    assert.equal(fabric0.vlans, fabric0.vlans, "nested objects are wrapped once");

    const created = await client.fabrics.create({ classType: "10g", description: "lab" });
    assert.match(created.name, /^fabric-\d+$/);
    assert.equal(created.classType, "10g");
    assert.equal(created.vlans.length, 1);
    assert.equal(created.vlans[0].vid, 0);
    assert.deepEqual(lastParams(sim), { class_type: ["10g"], description: ["lab"] });

    assert.ok((await client.fabrics.list()).some((fabric) => fabric.id === created.id));
    const read = await client.fabrics.get(created.id);
    assert.equal(read.name, created.name);

    read.name = "storage";
    await read.save();
    assert.equal(read.name, "storage");
    assert.deepEqual(lastParams(sim), { name: ["storage"] }, "save sends only what changed");
    assert.equal(sim.log[sim.log.length - 1].method, "PUT");
    const before = sim.log.length;
    await read.save();
    assert.equal(sim.log.length, before, "nothing changed, nothing sent");

    await read.delete();
    await assert.rejects(() => client.fabrics.get(created.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Fabric matches the given query.");
      return true;
    });
  });
});

Deno.test("fabrics: failures", async () => {
  await withClient(async (client, sim) => {
    const fabric0 = await client.fabrics.get(0);
    await assert.rejects(() => fabric0.delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.text, "This fabric is the default fabric, it cannot be deleted.");
      return true;
    });
    await assert.rejects(() => client.fabrics.create({ name: "fabric-99" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { name: ["Reserved fabric name."] });
      return true;
    });
    await client.fabrics.create({ name: "twice" });
    await assert.rejects(() => client.fabrics.create({ name: "twice" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { name: ["Fabric with this Name already exists."] });
      return true;
    });
    // A fabric with subnets cannot go.
    const fabric = await client.fabrics.create({});
    await client.subnets.create({ cidr: "172.30.0.0/24", fabric });
    await assert.rejects(() => fabric.delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.match(error.text, /following subnets are still present: 172\.30\.0\.0\/24/);
      return true;
    });
    await rejectsLocally(sim, () => client.fabrics.get(null as unknown as number), "id");
    await rejectsLocally(sim, () => client.vlans.list({} as unknown as number), "fabric");
    await assert.rejects(() => client.fabrics.get(4242), NotFoundError);
    // By name, as MAAS reads a fabric's path.
    assert.equal((await client.fabrics.get("twice")).name, "twice");
  });
});

Deno.test("VLANs: create, list, get, update, rename the vid, delete", async () => {
  await withClient(async (client, sim) => {
    const fabric = await client.fabrics.create({ name: "tenant" });
    const vlan = await client.vlans.create(fabric, {
      vid: 100,
      name: "tenant-100",
      mtu: 9000,
      description: "tenant network",
    });
    assert.equal(vlan.vid, 100);
    assert.equal(vlan.name, "tenant-100");
    assert.equal(vlan.mtu, 9000);
    assert.equal(vlan.fabric, "tenant");
    assert.equal(vlan.fabricId, fabric.id);
    assert.equal(vlan.space, "undefined");
    assert.equal(vlan.dhcpOn, false);
    assert.equal(vlan.primaryRack, null);
    assert.equal(vlan.relayVlan, null);
    assert.equal(String(vlan), `Vlan ${vlan.id} tenant.100 tenant-100`);
    assert.equal(vlan.resourcePath, `fabrics/${fabric.id}/vlans/100/`);

    const listed = await client.vlans.list(fabric.id);
    assert.deepEqual(listed.map((item) => item.vid), [0, 100]);
    const read = await client.vlans.get(fabric, 100);
    assert.equal(read.id, vlan.id);

    read.mtu = 1500;
    read.name = "renamed";
    await read.save();
    assert.deepEqual(lastParams(sim), { mtu: ["1500"], name: ["renamed"] });
    assert.equal(read.mtu, 1500);

    // Renaming the tag: the old vid addresses the update, the new one the VLAN afterwards.
    read.vid = 200;
    await read.save();
    assert.equal(sim.log[sim.log.length - 1].path, `/MAAS/api/2.0/fabrics/${fabric.id}/vlans/100/`);
    assert.equal(read.vid, 200);
    assert.equal(read.resourcePath, `fabrics/${fabric.id}/vlans/200/`);
    await assert.rejects(() => client.vlans.get(fabric, 100), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No VLAN matches the given query.");
      return true;
    });
    assert.equal((await client.vlans.get(fabric, 200)).id, vlan.id);

    // Into a space and out of it again.
    const space = await client.spaces.create({ name: "tenants" });
    read.space = space.name;
    await read.save();
    assert.equal(read.space, "tenants");
    read.space = null;
    await read.save();
    assert.deepEqual(lastParams(sim), { space: [""] });
    assert.equal(read.space, "undefined");

    await read.delete();
    assert.deepEqual((await client.vlans.list(fabric)).map((item) => item.vid), [0]);
    await assert.rejects(() => (fabric.defaultVlan as Vlan).delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(
        error.text,
        "This VLAN is the default VLAN in the fabric, it cannot be deleted.",
      );
      return true;
    });
  });
});

Deno.test("VLANs: DHCP with primary and secondary racks, and relays", async () => {
  await withClient(async (client, sim) => {
    const fabric = await client.fabrics.create({});
    const vlan = await client.vlans.create(fabric, { vid: 30 });
    const subnet = await client.subnets.create({ cidr: "10.30.0.0/24", vlan });

    vlan.dhcpOn = true;
    await assert.rejects(() => vlan.save(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        dhcp_on: ["dhcp can only be turned on when a dynamic IP range is defined."],
      });
      return true;
    });
    await client.ipRanges.create({
      type: "dynamic",
      subnet,
      startIp: "10.30.0.100",
      endIp: "10.30.0.200",
    });
    await assert.rejects(() => vlan.save(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: ["dhcp can only be turned on when a primary rack controller is set."],
      });
      return true;
    });
    vlan.primaryRack = "4y3h7n";
    vlan.secondaryRack = "rk9x2m";
    await vlan.save();
    assert.deepEqual(lastParams(sim), {
      dhcp_on: ["true"],
      primary_rack: ["4y3h7n"],
      secondary_rack: ["rk9x2m"],
    });
    assert.equal(vlan.dhcpOn, true);
    assert.equal(vlan.primaryRack, "4y3h7n");
    assert.equal(vlan.secondaryRack, "rk9x2m");

    // Removing the primary promotes the secondary, as MAAS does.
    vlan.primaryRack = null;
    await vlan.save();
    assert.deepEqual(lastParams(sim), { primary_rack: [""] });
    assert.equal(vlan.primaryRack, "rk9x2m");
    assert.equal(vlan.secondaryRack, null);

    vlan.secondaryRack = "nosuch";
    await assert.rejects(() => vlan.save(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        secondary_rack: ["Select a valid choice. That choice is not one of the available choices."],
      });
      return true;
    });
    await vlan.refresh();

    // A relay VLAN forwards its DHCP to the served one.
    const relay = await client.vlans.create(fabric, { vid: 31 });
    relay.relayVlan = vlan;
    await relay.save();
    assert.deepEqual(lastParams(sim), { relay_vlan: [String(vlan.id)] });
    assert.equal(relay.relayVlan?.id, vlan.id);
    assert.equal(relay.relayVlan?.vid, 30);
    relay.relayVlan = null;
    await relay.save();
    assert.deepEqual(lastParams(sim), { relay_vlan: [""] });
    assert.equal(relay.relayVlan, null);

    vlan.dhcpOn = false;
    await vlan.save();
    assert.equal(vlan.dhcpOn, false);
  });
});

Deno.test("VLANs: failures", async () => {
  await withClient(async (client, sim) => {
    await client.vlans.create(0, { vid: 42 });
    await assert.rejects(() => client.vlans.create(0, { vid: 42 }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: ["A VLAN with the specified VID already exists in the destination fabric."],
      });
      return true;
    });
    await assert.rejects(() => client.vlans.create(0, { vid: 5000 }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { vid: ["VID must be between 0 and 4094."] });
      return true;
    });
    await assert.rejects(() => client.vlans.create(0, { vid: 43, mtu: 100 }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        mtu: ["Ensure this value is greater than or equal to 552."],
      });
      return true;
    });
    await assert.rejects(
      () => client.vlans.create(0, { vid: 44, space: "nowhere" }),
      (e: unknown) => {
        assert.ok(e instanceof BadRequestError);
        assert.deepEqual(e.fields, {
          space: ["Select a valid choice. That choice is not one of the available choices."],
        });
        return true;
      },
    );
    await assert.rejects(() => client.vlans.list(77), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Fabric matches the given query.");
      return true;
    });
    await rejectsLocally(
      sim,
      () => client.vlans.create(0, {} as unknown as { vid: number }),
      "vid",
    );
    await rejectsLocally(sim, () => client.vlans.get(0, "1" as unknown as number), "vid");

    // A non-administrator may look but not change.
    const { apikey } = sim.createUser({ username: "alice" });
    const alice = await connect(sim.url, { apikey });
    try {
      assert.ok((await alice.vlans.list(0)).length > 0);
      await assert.rejects(() => alice.vlans.create(0, { vid: 45 }), ForbiddenError);
    } finally {
      alice.close();
    }
  });
});

Deno.test("subnets: create, list, get, update, related objects, delete", async () => {
  await withClient(async (client, sim) => {
    const fabric = await client.fabrics.create({ name: "lab" });
    const vlan = await client.vlans.create(fabric, { vid: 10, space: "storage" });
    const subnet = await client.subnets.create({
      cidr: "10.50.0.0/24",
      vlan,
      name: "lab-10",
      description: "lab",
      gatewayIp: "10.50.0.1",
      dnsServers: ["10.50.0.2", "10.50.0.3"],
      allowProxy: false,
      disabledBootArchitectures: ["pxe", "uefi_ebc_tftp"],
    });
    // MAAS reads both lists as one text: sent once, comma-separated.
    assert.deepEqual(sim.log[sim.log.length - 1].params.dns_servers, ["10.50.0.2,10.50.0.3"]);
    assert.deepEqual(sim.log[sim.log.length - 1].params.disabled_boot_architectures, [
      "pxe,uefi_ebc_tftp",
    ]);
    assert.equal(subnet.name, "lab-10");
    assert.equal(subnet.cidr, "10.50.0.0/24");
    assert.equal(subnet.gatewayIp, "10.50.0.1");
    assert.deepEqual(subnet.dnsServers, ["10.50.0.2", "10.50.0.3"]);
    assert.equal(subnet.allowProxy, false);
    assert.equal(subnet.allowDns, true);
    assert.equal(subnet.managed, true);
    assert.equal(subnet.rdnsMode, 2);
    assert.deepEqual([...subnet.disabledBootArchitectures].sort(), ["pxe", "uefi_ebc_tftp"]);
    assert.equal(String(subnet), `Subnet ${subnet.id} 10.50.0.0/24 lab-10`);
    // The VLAN and its fabric, and the space, without another request.
    const before = sim.log.length;
    assert.ok(subnet.vlan instanceof Vlan);
    assert.equal(subnet.vlan.id, vlan.id);
    assert.equal(subnet.vlan.fabric, "lab");
    assert.equal(subnet.vlan.fabricId, fabric.id);
    assert.equal(subnet.space, "storage");
    assert.equal(sim.log.length, before);

    // Defaults: the default VLAN of the default fabric, named after the CIDR.
    const plain = await client.subnets.create({ cidr: "10.51.0.0/24" });
    assert.equal(plain.name, "10.51.0.0/24");
    assert.equal(plain.vlan?.fabricId, 0);
    assert.equal(plain.vlan?.vid, 0);

    assert.ok((await client.subnets.list()).some((item) => item.id === subnet.id));
    assert.equal((await client.subnets.get(subnet.id)).cidr, "10.50.0.0/24");
    assert.equal((await client.subnets.get("cidr:10.50.0.0/24")).id, subnet.id);

    subnet.description = "renamed lab";
    subnet.gatewayIp = null;
    subnet.dnsServers = [];
    await subnet.save();
    assert.deepEqual(lastParams(sim), {
      description: ["renamed lab"],
      gateway_ip: [""],
      dns_servers: [""],
    });
    assert.equal(subnet.gatewayIp, null);
    assert.deepEqual(subnet.dnsServers, []);

    // Moving the subnet to another VLAN sends the VLAN by id.
    subnet.vlan = fabric.defaultVlan ?? (await client.fabrics.get(fabric.id)).defaultVlan!;
    await subnet.save();
    assert.deepEqual(lastParams(sim), { vlan: [String(subnet.vlan!.id)] });
    assert.equal(subnet.vlan?.vid, 0);
    assert.equal(subnet.space, "undefined");

    await plain.delete();
    await assert.rejects(() => client.subnets.get(plain.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Subnet matches the given query.");
      return true;
    });
  });
});

Deno.test("subnets: address reports", async () => {
  await withClient(async (client) => {
    const subnet = await client.subnets.create({ cidr: "10.60.0.0/24", gatewayIp: "10.60.0.1" });
    await client.ipRanges.create({
      type: "dynamic",
      subnet,
      startIp: "10.60.0.100",
      endIp: "10.60.0.199",
    });
    await client.ipRanges.create({
      type: "reserved",
      subnet,
      startIp: "10.60.0.10",
      endIp: "10.60.0.19",
    });
    await client.ipAddresses.reserve({ ip: "10.60.0.50", hostname: "vip" });

    const reserved = await subnet.reservedIpRanges();
    assert.deepEqual(reserved, [
      { start: "10.60.0.1", end: "10.60.0.1", num_addresses: 1, purpose: ["gateway-ip"] },
      { start: "10.60.0.10", end: "10.60.0.19", num_addresses: 10, purpose: ["reserved"] },
      { start: "10.60.0.50", end: "10.60.0.50", num_addresses: 1, purpose: ["assigned-ip"] },
      { start: "10.60.0.100", end: "10.60.0.199", num_addresses: 100, purpose: ["dynamic"] },
    ]);
    const free = await subnet.unreservedIpRanges();
    assert.deepEqual(free, [
      { start: "10.60.0.2", end: "10.60.0.9", num_addresses: 8 },
      { start: "10.60.0.20", end: "10.60.0.49", num_addresses: 30 },
      { start: "10.60.0.51", end: "10.60.0.99", num_addresses: 49 },
      { start: "10.60.0.200", end: "10.60.0.254", num_addresses: 55 },
    ]);
    const stats = await subnet.statistics();
    assert.equal(stats.total_addresses, 254);
    assert.equal(stats.num_unavailable, 112);
    assert.equal(stats.num_available, 142);
    assert.equal(stats.largest_available, 55);
    assert.equal(stats.first_address, "10.60.0.1");
    assert.equal(stats.last_address, "10.60.0.254");
    assert.equal(stats.ip_version, 4);
    assert.equal(stats.usage_string, "44%");
    assert.equal(stats.ranges, undefined);
    const detailed = await subnet.statistics({ includeRanges: true, includeSuggestions: true });
    assert.equal(detailed.ranges?.length, 8);
    assert.equal(detailed.suggested_gateway, null);

    const addresses = await subnet.ipAddresses();
    assert.equal(addresses.length, 1);
    assert.equal(addresses[0].ip, "10.60.0.50");
    assert.equal(addresses[0].alloc_type, 4);
    assert.equal(addresses[0].user, "admin");
    const anonymous = await subnet.ipAddresses({ withUsername: false, withSummary: false });
    assert.equal(anonymous[0].user, undefined);
  });
});

Deno.test("subnets: addresses of machines show in reports and guard deletion", async () => {
  await withClient(async (client, sim) => {
    const linksOf = (systemId: string) =>
      sim.state.interfaces.of(systemId).list.flatMap((nic) => nic.links);
    const machine = [...sim.state.machines.values()].find((item) =>
      linksOf(item.data.system_id).some((link) => link.ipAddress)
    );
    assert.ok(machine, "a seeded machine has an address");
    const subnet = await client.subnets.get(1);
    const addresses = await subnet.ipAddresses();
    const mine = addresses.find((address) =>
      address.node_summary?.system_id === machine.data.system_id
    );
    assert.ok(mine);
    assert.equal(mine.node_summary?.hostname, machine.data.hostname);
    // DHCP is on for the seeded VLAN, with a dynamic range: the subnet cannot go.
    await assert.rejects(() => subnet.delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.match(error.text, /actively servicing a dynamic IP range/);
      return true;
    });
    const vlan = subnet.vlan!;
    vlan.dhcpOn = false;
    await vlan.save();
    await assert.rejects(() => subnet.delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(
        error.text,
        "Cannot delete a subnet that has IP addresses in use by nodes. (Use the 'force' " +
          "parameter to override.)",
      );
      return true;
    });
    await subnet.delete({ force: true });
    assert.deepEqual(lastParams(sim), { force: ["true"] });
    await assert.rejects(() => client.subnets.get(1), NotFoundError);
    assert.ok(linksOf(machine.data.system_id).every((link) => link.subnetId !== 1));
  }, { machines: 20 });
});

Deno.test("subnets: failures", async () => {
  await withClient(async (client, sim) => {
    await assert.rejects(() => client.subnets.create({ cidr: "10.0.0.0/33" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { cidr: ["Required format: <network>/<prefixlen>."] });
      return true;
    });
    await assert.rejects(
      () => client.subnets.create({ cidr: "10.20.1.0/24" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          __all__: ["Subnet 10.20.1.0/24 would overlap with existing subnets."],
        });
        return true;
      },
    );
    await assert.rejects(
      () => client.subnets.create({ cidr: "10.70.0.0/24", gatewayIp: "10.71.0.1" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, { gateway_ip: ["Gateway IP must be within CIDR range."] });
        return true;
      },
    );
    await assert.rejects(
      () => client.subnets.create({ cidr: "10.70.0.0/24", vid: 999 }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, { vid: ["No VLAN with vid 999 in default fabric."] });
        return true;
      },
    );
    const subnet = await client.subnets.create({ cidr: "10.70.0.0/24" });
    subnet.set("space", "storage");
    await assert.rejects(() => subnet.save(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        space: ["Spaces may no longer be set on subnets. Set the space on the underlying VLAN."],
      });
      return true;
    });
    await assert.rejects(() => client.subnets.get(999), NotFoundError);
    await rejectsLocally(sim, () => client.subnets.create({} as { cidr: string }), "cidr");
    await rejectsLocally(
      sim,
      () => client.subnets.create({ cidr: "10.80.0.0/24", vlan: "x" as unknown as number }),
      "vlan",
    );
    await rejectsLocally(
      sim,
      () => client.subnets.create({ cidr: "10.80.0.0/24", dnsServers: [1 as unknown as string] }),
      "dnsServers",
    );
  });
});

Deno.test("spaces: the undefined space, create, get, update, delete", async () => {
  await withClient(async (client, sim) => {
    const spaces = await client.spaces.list();
    assert.deepEqual(spaces.map((space) => space.name), ["management", "storage", "undefined"]);
    const undefinedSpace = spaces[2];
    assert.equal(undefinedSpace.id, -1);
    assert.ok(undefinedSpace.vlans.some((vlan) => vlan.fabric === "fabric-1"));
    assert.ok(undefinedSpace.subnets.some((subnet) => subnet.cidr === "192.168.50.0/24"));
    const management = spaces[0];
    assert.ok(management.subnets[0] instanceof Subnet);
    assert.equal(management.subnets[0].cidr, "10.20.0.0/20");

    const space = await client.spaces.create({ name: "dmz", description: "edge" });
    assert.equal(String(space), `Space ${space.id} dmz`);
    assert.deepEqual(space.vlans, []);
    assert.equal((await client.spaces.get(space.id)).description, "edge");
    const vlan = await client.vlans.create(0, { vid: 7, space: "dmz" });
    space.name = "perimeter";
    await space.save();
    assert.deepEqual(lastParams(sim), { name: ["perimeter"] });
    await vlan.refresh();
    assert.equal(vlan.space, "perimeter", "the VLAN follows its space's new name");
    await space.delete();
    await vlan.refresh();
    assert.equal(vlan.space, "undefined");
    await assert.rejects(() => client.spaces.get(space.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Space matches the given query.");
      return true;
    });

    await assert.rejects(() => undefinedSpace.delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.text, "Space cannot be deleted: undefined");
      return true;
    });
    await assert.rejects(() => client.spaces.create({ name: "undefined" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { name: ["Reserved space name."] });
      return true;
    });
    await assert.rejects(() => client.spaces.create({ name: "storage" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { name: ["Space with this Name already exists."] });
      return true;
    });
    // Without a name MAAS names the space after its id.
    const unnamed = await client.spaces.create();
    assert.equal(unnamed.name, `space-${unnamed.id}`);
    await rejectsLocally(sim, () => client.spaces.get(undefined as unknown as number), "id");
  });
});

Deno.test("IP ranges: create, list, get, update, delete, and conflicts", async () => {
  await withClient(async (client, sim) => {
    const subnet = await client.subnets.create({ cidr: "10.90.0.0/24", gatewayIp: "10.90.0.1" });
    const dynamic = await client.ipRanges.create({
      type: "dynamic",
      startIp: "10.90.0.100",
      endIp: "10.90.0.150",
      comment: "pool",
    });
    assert.deepEqual(lastParams(sim), {
      type: ["dynamic"],
      start_ip: ["10.90.0.100"],
      end_ip: ["10.90.0.150"],
      comment: ["pool"],
    });
    assert.ok(dynamic instanceof IPRange);
    assert.equal(dynamic.subnet?.id, subnet.id, "MAAS finds the subnet from start_ip");
    assert.equal(dynamic.user?.username, "admin");
    assert.equal(String(dynamic), `IPRange ${dynamic.id} dynamic 10.90.0.100-10.90.0.150`);

    assert.ok((await client.ipRanges.list()).some((range) => range.id === dynamic.id));
    const read = await client.ipRanges.get(dynamic.id);
    read.endIp = "10.90.0.160";
    await read.save();
    assert.deepEqual(lastParams(sim), { end_ip: ["10.90.0.160"] });
    assert.equal(read.endIp, "10.90.0.160");

    await assert.rejects(
      () =>
        client.ipRanges.create({
          type: "reserved",
          subnet: subnet.id,
          startIp: "10.90.0.150",
          endIp: "10.90.0.170",
        }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        const message = "Requested reserved range conflicts with an existing range.";
        assert.deepEqual(error.fields, { start_ip: [message], end_ip: [message] });
        return true;
      },
    );
    await assert.rejects(
      () =>
        client.ipRanges.create({
          type: "dynamic",
          subnet,
          startIp: "10.90.0.1",
          endIp: "10.90.0.20",
        }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.match(error.fields?.start_ip?.[0] ?? "", /conflicts with an existing IP address/);
        return true;
      },
    );
    await assert.rejects(
      () =>
        client.ipRanges.create({
          type: "reserved",
          subnet,
          startIp: "10.90.0.5",
          endIp: "10.91.0.5",
        }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          end_ip: ["End IP address must be within subnet: 10.90.0.0/24."],
        });
        return true;
      },
    );
    await assert.rejects(
      () =>
        client.ipRanges.create({
          type: "reserved",
          subnet,
          startIp: "10.90.0.9",
          endIp: "10.90.0.5",
        }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          end_ip: ["End IP address must not be less than Start IP address."],
        });
        return true;
      },
    );
    await rejectsLocally(sim, () =>
      client.ipRanges.create({
        type: "static" as "dynamic",
        startIp: "10.90.0.1",
        endIp: "10.90.0.2",
      }), "type");
    await rejectsLocally(
      sim,
      () => client.ipRanges.create({ type: "reserved", startIp: "10.90.0.1" } as never),
      "endIp",
    );

    // Users may make reserved ranges, not dynamic ones, and change only their own.
    const { apikey } = sim.createUser({ username: "bob" });
    const bob = await connect(sim.url, { apikey });
    try {
      await assert.rejects(
        () =>
          bob.ipRanges.create({
            type: "dynamic",
            subnet,
            startIp: "10.90.0.200",
            endIp: "10.90.0.210",
          }),
        (error: unknown) => {
          assert.ok(error instanceof ForbiddenError);
          assert.equal(
            error.text,
            "Unable to create dynamic IP range. You don't have sufficient privileges.",
          );
          return true;
        },
      );
      const own = await bob.ipRanges.create({
        type: "reserved",
        subnet,
        startIp: "10.90.0.200",
        endIp: "10.90.0.210",
      });
      assert.equal(own.user?.username, "bob");
      const theirs = await bob.ipRanges.get(dynamic.id);
      await assert.rejects(() => theirs.delete(), (error: unknown) => {
        assert.ok(error instanceof ForbiddenError);
        assert.equal(error.text, "Unable to modify IP range. You don't own the IP range.");
        return true;
      });
      await own.delete();
    } finally {
      bob.close();
    }

    await read.delete();
    await assert.rejects(() => client.ipRanges.get(dynamic.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No IPRange matches the given query.");
      return true;
    });
  });
});

Deno.test("static routes: create, list, get, update, delete, and failures", async () => {
  await withClient(async (client, sim) => {
    const source = await client.subnets.create({ cidr: "10.110.0.0/24" });
    const destination = await client.subnets.create({ cidr: "10.111.0.0/24" });
    const other = await client.subnets.create({ cidr: "10.112.0.0/24" });
    const route = await client.staticRoutes.create({
      source,
      destination: "10.111.0.0/24",
      gatewayIp: "10.110.0.1",
      metric: 10,
    });
    assert.deepEqual(lastParams(sim), {
      source: [String(source.id)],
      destination: ["10.111.0.0/24"],
      gateway_ip: ["10.110.0.1"],
      metric: ["10"],
    });
    assert.ok(route instanceof StaticRoute);
    assert.equal(route.source?.cidr, "10.110.0.0/24");
    assert.equal(route.destination?.id, destination.id);
    assert.equal(route.metric, 10);
    assert.equal(
      String(route),
      `StaticRoute ${route.id} 10.110.0.0/24 -> 10.111.0.0/24 via 10.110.0.1`,
    );
    assert.equal((await client.staticRoutes.list()).length, 1);

    const read = await client.staticRoutes.get(route.id);
    read.destination = other;
    read.metric = 5;
    await read.save();
    assert.deepEqual(lastParams(sim), { destination: [String(other.id)], metric: ["5"] });
    assert.equal(read.destination?.cidr, "10.112.0.0/24");

    await assert.rejects(
      () => client.staticRoutes.create({ source, destination: source, gatewayIp: "10.110.0.1" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          __all__: ["source and destination cannot be the same subnet."],
        });
        return true;
      },
    );
    await assert.rejects(
      () => client.staticRoutes.create({ source, destination, gatewayIp: "10.9.9.9" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, { gateway_ip: ["Enter an IP address in 10.110.0.0/24."] });
        return true;
      },
    );
    await rejectsLocally(
      sim,
      () => client.staticRoutes.create({ source, destination } as never),
      "gatewayIp",
    );
    await rejectsLocally(
      sim,
      () => client.staticRoutes.create({ source, gatewayIp: "10.110.0.1" } as never),
      "destination",
    );

    await read.delete();
    await assert.rejects(() => client.staticRoutes.get(route.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No StaticRoute matches the given query.");
      return true;
    });
  });
});

Deno.test("IP addresses: reserve, list, release, and failures", async () => {
  await withClient(async (client, sim) => {
    const subnet = await client.subnets.create({ cidr: "10.120.0.0/24", gatewayIp: "10.120.0.1" });
    await client.ipRanges.create({
      type: "dynamic",
      subnet,
      startIp: "10.120.0.100",
      endIp: "10.120.0.200",
    });

    // MAAS takes a free address from the smallest free run: .201-.254 here, not .2-.99.
    const any = await client.ipAddresses.reserve({ subnet: "10.120.0.0/24" });
    assert.ok(any instanceof IPAddress);
    assert.equal(any.ip, "10.120.0.201");
    assert.equal(any.allocType, 4);
    assert.equal(any.allocTypeName, "User reserved");
    assert.equal(any.owner?.username, "admin");
    assert.equal(any.subnet?.id, subnet.id);
    assert.equal(String(any), "IPAddress 10.120.0.201 User reserved");

    const exact = await client.ipAddresses.reserve({
      ip: "10.120.0.50",
      hostname: "vip",
      mac: "52:54:00:00:00:50",
    });
    assert.deepEqual(lastParams(sim), {
      ip: ["10.120.0.50"],
      hostname: ["vip"],
      mac: ["52:54:00:00:00:50"],
    });
    assert.equal(exact.interfaceSet[0].macAddress, "52:54:00:00:00:50");
    const bySubnetObject = await client.ipAddresses.reserve({ subnet, ipAddress: "10.120.0.51" });
    assert.equal(bySubnetObject.ip, "10.120.0.51");

    const mine = await client.ipAddresses.list();
    assert.deepEqual(mine.map((address) => address.ip), [
      "10.120.0.201",
      "10.120.0.50",
      "10.120.0.51",
    ]);
    assert.deepEqual((await client.ipAddresses.list({ ip: "10.120.0.50" })).map((a) => a.ip), [
      "10.120.0.50",
    ]);
    await exact.refresh();
    assert.equal(exact.ip, "10.120.0.50");

    await assert.rejects(
      () => client.ipAddresses.reserve({ ip: "10.120.0.50" }),
      (error: unknown) => {
        assert.ok(error instanceof NotFoundError);
        assert.equal(error.text, "The IP address 10.120.0.50 is already in use.");
        return true;
      },
    );
    await assert.rejects(
      () => client.ipAddresses.reserve({ ip: "10.120.0.150" }),
      (error: unknown) => {
        assert.ok(error instanceof ForbiddenError);
        assert.match(error.text, /belongs to an existing dynamic range/);
        return true;
      },
    );
    await assert.rejects(
      () => client.ipAddresses.reserve({ ip: "192.0.2.1" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.text, "No known subnet for IP address: 192.0.2.1.");
        return true;
      },
    );
    await assert.rejects(
      () => client.ipAddresses.reserve({ subnet: "10.250.0.0/24" }),
      (e: unknown) => {
        assert.ok(e instanceof BadRequestError);
        assert.equal(e.text, "Unable to identify subnet: 10.250.0.0/24.");
        return true;
      },
    );
    await rejectsLocally(sim, () => client.ipAddresses.reserve({}), "subnet");
    await rejectsLocally(sim, () => client.ipAddresses.release({} as { ip: string }), "ip");

    // A full subnet answers 503 (a ServiceUnavailableError without Retry-After: no retry).
    const tiny = await client.subnets.create({ cidr: "10.121.0.0/30" });
    await client.ipAddresses.reserve({ subnet: tiny });
    await client.ipAddresses.reserve({ subnet: tiny });
    await assert.rejects(() => client.ipAddresses.reserve({ subnet: tiny }), (error: unknown) => {
      assert.ok(error instanceof ServiceUnavailableError);
      assert.equal(error.text, "No more IPs available in subnet: 10.121.0.0/30.");
      return true;
    });

    await any.release();
    assert.equal(sim.log[sim.log.length - 1].op, "release");
    await client.ipAddresses.release({ ip: "10.120.0.50" });
    await bySubnetObject.delete();
    assert.deepEqual(
      (await client.ipAddresses.list()).map((a) => a.ip).filter((ip) => ip.startsWith("10.120.")),
      [],
    );
    await assert.rejects(
      () => client.ipAddresses.release({ ip: "10.120.0.50" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.match(error.text, /^IP address 10\.120\.0\.50 does not exist/);
        return true;
      },
    );
    await rejectsLocally(sim, () => {
      exact.set("ip", "10.0.0.1");
      return exact.save();
    }, "cannot be updated");

    // Other users: their own reservations only; "all" is for administrators.
    const { apikey } = sim.createUser({ username: "carol" });
    const carol = await connect(sim.url, { apikey });
    try {
      const hers = await carol.ipAddresses.reserve({ subnet });
      assert.equal(hers.owner?.username, "carol");
      assert.deepEqual((await carol.ipAddresses.list()).map((a) => a.ip), [hers.ip]);
      await assert.rejects(() => carol.ipAddresses.list({ all: true }), ForbiddenError);
      await assert.rejects(
        () => carol.ipAddresses.release({ ip: hers.ip, force: true }),
        ForbiddenError,
      );
      assert.ok((await client.ipAddresses.list({ owner: "carol" })).some((a) => a.ip === hers.ip));
      await client.ipAddresses.release({ ip: hers.ip, force: true });
    } finally {
      carol.close();
    }
  });
});

Deno.test("IP addresses: administrators list every address, nodes' included", async () => {
  await withClient(async (client) => {
    const all = await client.ipAddresses.list({ all: true });
    const automatic = all.filter((address) => address.allocType === 0);
    assert.ok(automatic.length > 0);
    assert.ok(automatic[0].interfaceSet.length === 1);
    assert.equal(automatic[0].allocTypeName, "Automatic");
    await assert.rejects(() => client.ipAddresses.list({ ip: "not-an-ip" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.text, "Parameter 'ip' must contain an IP address.");
      return true;
    });
  }, { machines: 10 });
});

Deno.test("networking: the describe document lists every networking resource", async () => {
  await withClient(async (client) => {
    const session = await client.session;
    for (
      const name of [
        "Fabrics",
        "Fabric",
        "Vlans",
        "Vlan",
        "Subnets",
        "Subnet",
        "Spaces",
        "Space",
        "IPRanges",
        "IPRange",
        "StaticRoutes",
        "StaticRoute",
        "IPAddresses",
        "Interfaces",
        "Interface",
      ]
    ) {
      assert.ok(session.handlers[name], `${name} is described`);
    }
    assert.equal(session.handlers.Vlan.path, "/MAAS/api/2.0/fabrics/{fabric_id}/vlans/{vid}/");
  });
});

Deno.test("examples/build_network.ts builds a network against the simulator", async () => {
  const sim = await MaasSimulator.start();
  try {
    const child = spawn(Deno.execPath(), ["run", "-A", "examples/build_network.ts"], {
      env: { ...process.env, MAAS_URL: sim.url, MAAS_APIKEY: sim.adminApiKey, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => stdout += chunk);
    child.stderr.on("data", (chunk) => stderr += chunk);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Fabric \d+ fabric-\d+$/m);
    assert.match(stdout, /Vlan \d+ fabric-\d+\.100 tenant-100 mtu 9000/);
    assert.match(stdout, /Subnet \d+ 10\.0\.0\.0\/24 tenant-100-10-0-0 gateway 10\.0\.0\.1/);
    assert.match(stdout, /IPRange \d+ dynamic 10\.0\.0\.100-10\.0\.0\.199 \(DHCP pool\)/);
    assert.match(stdout, /IPRange \d+ reserved 10\.0\.0\.2-10\.0\.0\.9 \(infrastructure\)/);
    assert.match(stdout, /145 of 254 addresses free/);
    const fabrics = [...sim.state.site.vlans].filter((vlan) =>
      vlan.vid === 100 && vlan.name === "tenant-100"
    );
    assert.equal(fabrics.length, 1, "the example made its VLAN on the simulator");
  } finally {
    await sim.close();
  }
});

Deno.test("VLANs and subnets: update() sends what no field holds (a fabric to move to, a vid)", async () => {
  await withClient(async (client, sim) => {
    const from = await client.fabrics.create({ name: "from" });
    const to = await client.fabrics.create({ name: "to" });
    const vlan = await client.vlans.create(from, { vid: 50, dhcpOn: false, mtu: 1400 });
    assert.deepEqual(lastParams(sim), { vid: ["50"], dhcp_on: ["false"], mtu: ["1400"] });
    await vlan.update({ fabric: to, description: "moved" });
    assert.deepEqual(lastParams(sim), { fabric: [String(to.id)], description: ["moved"] });
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/fabrics/${from.id}/vlans/50/`);
    assert.equal(vlan.fabricId, to.id);
    assert.equal(vlan.fabric, "to");
    assert.equal(vlan.resourcePath, `fabrics/${to.id}/vlans/50/`);
    await vlan.update({ fabric: "from" });
    assert.equal(vlan.fabricId, from.id, "a fabric by name");

    const subnet = await client.subnets.create({ cidr: "10.130.0.0/24", fabric: from, vid: 50 });
    assert.equal(subnet.vlan?.id, vlan.id);
    await subnet.update({ fabric: to, vid: 0, rdnsMode: 0 });
    assert.deepEqual(lastParams(sim), { fabric: [String(to.id)], vid: ["0"], rdns_mode: ["0"] });
    assert.equal(subnet.vlan?.fabricId, to.id);
    assert.equal(subnet.rdnsMode, 0);
    await rejectsLocally(
      sim,
      () => subnet.update({ rdnsMode: 7 as 0 }),
      /"rdnsMode" must be one of/,
    );
    await rejectsLocally(
      sim,
      () => vlan.update({ primaryRack: 7 as unknown as string }),
      "system id",
    );
  });
});

Deno.test("subnets: options a line lacks are refused before sending (force on 2.9 and 3.0)", async () => {
  await withClient(async (client, sim) => {
    const subnet = await client.subnets.create({ cidr: "10.131.0.0/24" });
    const before = sim.log.length;
    await assert.rejects(() => subnet.delete({ force: true }), (error: unknown) => {
      assert.ok(error instanceof UnsupportedError);
      assert.equal(
        error.message,
        "subnet.delete(): force is not in MAAS 2.9.2; of the known lines, 3.7, 3.8 and master " +
          "have it",
      );
      return true;
    });
    await assert.rejects(
      () => client.subnets.create({ cidr: "10.132.0.0/24", disabledBootArchitectures: ["pxe"] }),
      UnsupportedError,
    );
    assert.deepEqual(sim.log.slice(before).map((entry) => entry.path), ["/MAAS/api/2.0/version/"]);
    await subnet.delete();
    await assert.rejects(() => client.subnets.get(subnet.id), NotFoundError);
  }, { maasVersion: "2.9" });
});

Deno.test("IP ranges: an administrator makes a range for another user and gives it back", async () => {
  await withClient(async (client, sim) => {
    sim.createUser({ username: "dora" });
    const subnet = await client.subnets.create({ cidr: "10.133.0.0/24" });
    const range = await client.ipRanges.create({
      type: "reserved",
      startIp: "10.133.0.10",
      endIp: "10.133.0.20",
      subnet: "cidr:10.133.0.0/24",
      user: "dora",
    });
    assert.deepEqual(lastParams(sim), {
      type: ["reserved"],
      start_ip: ["10.133.0.10"],
      end_ip: ["10.133.0.20"],
      subnet: ["cidr:10.133.0.0/24"],
      user: ["dora"],
    });
    assert.equal(range.subnet?.id, subnet.id);
    assert.equal(range.user?.username, "dora");
    range.user = await client.users.whoami();
    range.type = "dynamic";
    await range.save();
    assert.deepEqual(lastParams(sim), { user: ["admin"], type: ["dynamic"] });
    assert.equal(range.user?.username, "admin");
    assert.equal(range.type, "dynamic");
    await assert.rejects(
      () =>
        client.ipRanges.create({
          type: "reserved",
          startIp: "10.133.0.30",
          endIp: "10.133.0.40",
          user: "nobody",
        }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          user: ["Select a valid choice. That choice is not one of the available choices."],
        });
        return true;
      },
    );
  });
});

Deno.test("networks (deprecated): list, filter by node, read, connected MACs; 410 for the rest", async () => {
  await withClient(async (client, sim) => {
    const networks = await client.networks.list();
    assert.ok(networks.every((network) => network instanceof Network));
    const first = networks[0];
    assert.equal(first.name, "subnet-1");
    assert.equal(first.ip, "10.20.0.0");
    assert.equal(first.netmask, "255.255.240.0");
    assert.equal(first.vlanTag, 0);
    assert.equal(first.description, "10.20.0.0/20");
    assert.equal(first.defaultGateway, "10.20.0.1");
    assert.deepEqual(first.dnsServers, ["10.20.0.2"]);
    assert.equal(first.resourcePath, "networks/1/");
    assert.equal(String(first), "Network subnet-1 10.20.0.0/255.255.240.0");

    // The controllers are on the first subnet only.
    const racks = await client.networks.list({ node: ["4y3h7n", "rk9x2m"] });
    assert.deepEqual(lastParams(sim), { node: ["4y3h7n", "rk9x2m"] });
    assert.deepEqual(racks.map((network) => network.name), ["subnet-1"]);
    await assert.rejects(() => client.networks.list({ node: "nosuch" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { node: ["Unknown node(s): nosuch."] });
      return true;
    });

    const read = await client.networks.get("cidr:10.20.0.0/20");
    assert.equal(read.name, "subnet-1");
    await read.refresh();
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/networks/1/");
    const macs = await read.listConnectedMacs();
    // By hostname: rack-2's before region-1's.
    assert.ok(macs.indexOf("0c:c4:7a:00:00:02") >= 0);
    assert.ok(macs.indexOf("0c:c4:7a:00:00:02") < macs.indexOf("0c:c4:7a:00:00:01"));
    assert.equal(new Set(macs).size, macs.length);
    await assert.rejects(() => client.networks.get(999), NotFoundError);

    // What the old API did is gone: 410 to administrators, 403 to others first.
    await assert.rejects(() => client.call("POST", "networks/"), GoneError);
    await assert.rejects(
      () => client.call("POST", "networks/subnet-1/", { op: "connect_macs" }),
      GoneError,
    );
    const { apikey } = sim.createUser({ username: "erin" });
    const erin = await connect(sim.url, { apikey });
    try {
      await assert.rejects(() => erin.call("DELETE", "networks/1/"), ForbiddenError);
      assert.equal((await erin.networks.list()).length, networks.length);
    } finally {
      erin.close();
    }
  }, { machines: 3 });
});

Deno.test("reserved IPs: create, read, change the comment, delete, and MAAS's checks", async () => {
  await withClient(async (client, sim) => {
    const seeded = await client.reservedIps.list();
    assert.deepEqual(seeded.map((reserved) => reserved.ip), ["10.20.0.57"]);
    const subnet = await client.subnets.create({ cidr: "10.134.0.0/24" });
    await client.ipRanges.create({
      type: "dynamic",
      subnet,
      startIp: "10.134.0.100",
      endIp: "10.134.0.199",
    });
    const reserved = await client.reservedIps.create({
      ip: "10.134.0.30",
      macAddress: "52:54:00:34:00:30",
      comment: "printer",
    });
    assert.deepEqual(lastParams(sim), {
      ip: ["10.134.0.30"],
      mac_address: ["52:54:00:34:00:30"],
      comment: ["printer"],
    });
    assert.ok(reserved instanceof ReservedIp);
    assert.equal(reserved.subnet?.id, subnet.id, "MAAS finds the subnet from the address");
    assert.equal(reserved.macAddress, "52:54:00:34:00:30");
    assert.equal(String(reserved), `ReservedIp ${reserved.id} 10.134.0.30 52:54:00:34:00:30`);
    assert.equal((await client.reservedIps.get(reserved.id)).comment, "printer");

    reserved.comment = "label printer";
    await reserved.save();
    assert.deepEqual(lastParams(sim), { comment: ["label printer"] });
    assert.equal(reserved.comment, "label printer");
    reserved.set("ip", "10.134.0.31");
    await assert.rejects(() => reserved.save(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.match(error.fields?.__all__?.[0] ?? "", /^The ip, mac_address and the subnet of a/);
      return true;
    });
    await reserved.refresh();

    const refused = async (options: { ip: string; macAddress: string }, field: string) => {
      await assert.rejects(() => client.reservedIps.create(options), (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.ok(error.fields?.[field], JSON.stringify(error.fields));
        return true;
      });
    };
    await refused({ ip: "10.134.0.150", macAddress: "52:54:00:34:00:31" }, "ip");
    await refused({ ip: "10.134.0.30", macAddress: "52:54:00:34:00:32" }, "ip");
    await refused({ ip: "10.134.0.255", macAddress: "52:54:00:34:00:33" }, "ip");
    await refused({ ip: "192.0.2.9", macAddress: "52:54:00:34:00:34" }, "subnet");
    await refused({ ip: "10.134.0.40", macAddress: "not a mac" }, "mac_address");
    await rejectsLocally(
      sim,
      () => client.reservedIps.create({ ip: "10.134.0.41" } as never),
      "macAddress",
    );

    const { apikey } = sim.createUser({ username: "fred" });
    const fred = await connect(sim.url, { apikey });
    try {
      assert.equal((await fred.reservedIps.list()).length, 2);
      await assert.rejects(
        () => fred.reservedIps.create({ ip: "10.134.0.42", macAddress: "52:54:00:34:00:42" }),
        ForbiddenError,
      );
    } finally {
      fred.close();
    }
    await reserved.delete();
    await assert.rejects(() => client.reservedIps.get(reserved.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No ReservedIP matches the given query.");
      return true;
    });
  });
});

Deno.test("reserved IPs: MAAS 2.9 and 3.0 have none, refused before sending", async () => {
  await withClient(async (client, sim) => {
    await assert.rejects(() => client.reservedIps.list(), (error: unknown) => {
      assert.ok(error instanceof UnsupportedError);
      assert.equal(
        error.message,
        "client.reservedIps.list() is not in MAAS 3.0.2; of the known lines, 3.7, 3.8 and " +
          "master have it",
      );
      return true;
    });
    assert.deepEqual(sim.log.map((entry) => entry.path), ["/MAAS/api/2.0/version/"]);
  }, { maasVersion: "3.0" });
});

Deno.test("fan networks (MAAS 3.0): create, read, update, delete, and MAAS's checks", async () => {
  await withClient(async (client, sim) => {
    assert.deepEqual((await client.fanNetworks.list()).map((fan) => fan.name), ["fan-250"]);
    const fan = await client.fanNetworks.create({
      name: "fan-240",
      overlay: "240.0.0.0/8",
      underlay: "10.40.0.0/16",
      hostReserve: 3,
      bridge: "fanbr0",
      dhcp: true,
    });
    assert.deepEqual(lastParams(sim), {
      name: ["fan-240"],
      overlay: ["240.0.0.0/8"],
      underlay: ["10.40.0.0/16"],
      host_reserve: ["3"],
      bridge: ["fanbr0"],
      dhcp: ["true"],
    });
    assert.ok(fan instanceof FanNetwork);
    assert.equal(fan.hostReserve, 3);
    assert.equal(fan.off, false);
    assert.equal(String(fan), `FanNetwork ${fan.id} fan-240 240.0.0.0/8 over 10.40.0.0/16`);
    assert.equal((await client.fanNetworks.get(fan.id)).bridge, "fanbr0");

    fan.off = true;
    fan.name = "fan-240-off";
    await fan.save();
    assert.deepEqual(lastParams(sim), { off: ["true"], name: ["fan-240-off"] });
    assert.equal(fan.off, true);
    assert.equal(fan.overlay, "240.0.0.0/8", "what is left out stays");

    const refused = async (options: Record<string, unknown>, fields: Record<string, string[]>) => {
      await assert.rejects(
        () => client.fanNetworks.create({ name: "x", ...options } as never),
        (error: unknown) => {
          assert.ok(error instanceof BadRequestError);
          assert.deepEqual(error.fields, fields);
          return true;
        },
      );
    };
    await refused({ overlay: "241.0.0.0/15", underlay: "10.41.0.0/16" }, {
      overlay: ["Overlay network is too small for underlay."],
    });
    await refused({ overlay: "10.0.0.0/8", underlay: "10.42.0.0/16" }, {
      overlay: ["Overlay network contains underlay network."],
    });
    await refused({ overlay: "242.0.0.0/8", underlay: "10.43.0.0/16", hostReserve: 251 }, {
      host_reserve: ["Value is too large for the overlay network."],
    });
    await refused({ overlay: "240.0.0.0/8", underlay: "fd00::/64" }, {
      overlay: ["Fan Network with this Overlay already exists."],
      underlay: ["fd00::/64: Only IPv4 networks supported."],
    });
    await rejectsLocally(sim, () => client.fanNetworks.create({ name: "y" } as never), "overlay");

    await fan.delete();
    await assert.rejects(() => client.fanNetworks.get(fan.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No FanNetwork matches the given query.");
      return true;
    });
  }, { maasVersion: "3.0" });
});

Deno.test("fan networks: lines after 3.0 dropped them, refused before sending", async () => {
  await withClient(async (client, sim) => {
    await assert.rejects(() => client.fanNetworks.list(), (error: unknown) => {
      assert.ok(error instanceof UnsupportedError);
      assert.equal(
        error.message,
        "client.fanNetworks.list() is not in MAAS 3.9.0: MAAS dropped fan networks after 3.0; " +
          "of the known lines, 2.9 and 3.0 have it",
      );
      return true;
    });
    assert.deepEqual(sim.log.map((entry) => entry.path), ["/MAAS/api/2.0/version/"]);
  }, { maasVersion: "master" });
});
