import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import process from "node:process";
import {
  BadRequestError,
  connect,
  ForbiddenError,
  IPAddress,
  IPRange,
  NotFoundError,
  ServiceUnavailableError,
  StaticRoute,
  Subnet,
  Vlan,
} from "../../mod.ts";
import { MaasSimulator } from "../../lib/testing/mod.ts";
import { lastParams, rejectsLocally, withClient } from "./support.ts";

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
    const machine = [...sim.state.machines.values()].find((item) =>
      (item.data.interface_set as { links: { ip_address?: string }[] }[]).some((nic) =>
        nic.links.some((link) => link.ip_address)
      )
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
    const nics = machine.data.interface_set as { links: { subnet?: { id: number } }[] }[];
    assert.ok(nics.every((nic) => nic.links.every((link) => link.subnet?.id !== 1)));
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
