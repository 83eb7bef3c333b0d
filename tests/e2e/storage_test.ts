import assert from "node:assert/strict";
import process from "node:process";
import { spawn } from "node:child_process";
import {
  BadRequestError,
  BlockDevice,
  type Client,
  ConflictError,
  connect,
  ForbiddenError,
  NodeBcacheCacheSets,
  NodeBcaches,
  NodeBlockDevices,
  NodeRaids,
  NodeVmfsDatastores,
  NodeVolumeGroups,
  NotFoundError,
  ParameterError,
  Partition,
  RaidLevel,
} from "../../mod.ts";
import { MaasSimulator, NodeStatus, type SimMachine, STATUS_NAMES } from "../../lib/testing/mod.ts";
import { applyStorageLayout, clearStorage } from "../../lib/testing/mod.ts";
import { lastParams, rejectsLocally, withClient, withConnection } from "./support.ts";

const MIB = 1024 * 1024;
const ALIGN = 4 * MIB;
/** A partition table's cost on a UEFI amd64 machine: 4 MiB at the start, 1 MiB at the end. */
const TABLE = 5 * MIB;
const alignDown = (size: number) => Math.floor(size / ALIGN) * ALIGN;

interface Storage {
  sim: MaasSimulator;
  client: Client;
  machine: SimMachine;
  systemId: string;
  blockDevices: NodeBlockDevices;
  volumeGroups: NodeVolumeGroups;
  raids: NodeRaids;
  bcaches: NodeBcaches;
  cacheSets: NodeBcacheCacheSets;
  datastores: NodeVmfsDatastores;
  /** Adds a physical disk through the API. */
  disk(name: string, size?: number): Promise<BlockDevice>;
}

function setStatus(machine: SimMachine, status: number, owner: string | null = null): void {
  machine.data.status = status;
  machine.data.status_name = STATUS_NAMES[status];
  machine.data.owner = owner;
}

/** A Ready amd64 UEFI machine (so that a partition table costs exactly 5 MiB). */
function withStorage(fn: (s: Storage) => Promise<void>): Promise<void> {
  return withClient(async (client, sim) => {
    const machine = [...sim.state.machines.values()][0];
    setStatus(machine, NodeStatus.READY);
    machine.data.architecture = "amd64/generic";
    machine.data.bios_boot_method = "uefi";
    const systemId = machine.data.system_id;
    const blockDevices = new NodeBlockDevices(client, systemId);
    await fn({
      sim,
      client,
      machine,
      systemId,
      blockDevices,
      volumeGroups: new NodeVolumeGroups(client, systemId),
      raids: new NodeRaids(client, systemId),
      bcaches: new NodeBcaches(client, systemId),
      cacheSets: new NodeBcacheCacheSets(client, systemId),
      datastores: new NodeVmfsDatastores(client, systemId),
      disk: (name, size = 100_000_000_000) =>
        blockDevices.create({
          name,
          size,
          blockSize: 512,
          model: "QEMU HARDDISK",
          serial: `QM-${name}`,
        }),
    });
  }, { machines: 6, seed: 11 });
}

Deno.test("block devices: create → list → get → save (changed fields only) → tags → delete", async () => {
  await withStorage(async ({ sim, blockDevices, disk }) => {
    const size = 2_000_398_934_016; // about 2 TB: well past 2^32
    const created = await disk("sdx", size);
    assert.ok(created instanceof BlockDevice);
    assert.equal(created.name, "sdx");
    assert.equal(created.type, "physical");
    assert.equal(created.size, size);
    assert.equal(created.blockSize, 512);
    assert.equal(created.model, "QEMU HARDDISK");
    assert.equal(created.serial, "QM-sdx");
    assert.equal(created.path, "/dev/disk/by-dname/sdx");
    assert.equal(created.usedFor, "Unused");
    assert.equal(created.usedSize, 0);
    assert.equal(created.availableSize, alignDown(size - TABLE));
    assert.equal(created.filesystem, null);
    assert.equal(created.partitionTableType, null);
    assert.deepEqual(created.tags, []);
    assert.deepEqual([...created.partitions], []);
    assert.match(String(created), /^BlockDevice \d+ sdx physical 2\.0 TB$/);
    assert.equal(created.toJSON().resource_uri, created.resourceUri);

    const listed = await blockDevices.list();
    assert.ok(listed.some((device) => device.id === created.id));
    assert.ok(listed.every((device) => device instanceof BlockDevice));
    assert.equal((await blockDevices.get(created.id)).name, "sdx");
    assert.equal((await blockDevices.get("sdx")).id, created.id);

    const before = sim.log.length;
    await created.save();
    assert.equal(sim.log.length, before, "nothing changed: no request");
    created.model = "Samsung SSD 870";
    created.serial = "S6PNNS0T";
    await created.save();
    const put = sim.log.at(-1)!;
    assert.equal(put.method, "PUT");
    assert.equal(put.path, `/MAAS/api/2.0/nodes/${created.systemId}/blockdevices/${created.id}/`);
    assert.deepEqual(put.params, { model: ["Samsung SSD 870"], serial: ["S6PNNS0T"] });
    assert.equal(created.model, "Samsung SSD 870");
    assert.deepEqual(created.changes, {});

    await created.addTag("ssd");
    await created.addTag("fast");
    assert.deepEqual(created.tags, ["ssd", "fast"]);
    await created.removeTag("ssd");
    assert.deepEqual(created.tags, ["fast"]);
    assert.deepEqual((await created.refresh()).tags, ["fast"]);

    await created.delete();
    assert.equal(sim.log.at(-1)!.status, 204);
    await assert.rejects(blockDevices.get(created.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No BlockDevice matches the given query.");
      return true;
    });
  });
});

Deno.test("block devices: MAAS's 400 field errors on create and update", async () => {
  await withStorage(async ({ blockDevices, disk }) => {
    await assert.rejects(
      blockDevices.create({ name: "sdq", size: 10_000_000_000, blockSize: 512 }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          __all__: ["serial/model are required if id_path is not provided."],
        });
        return true;
      },
    );
    const byPath = await blockDevices.create({
      name: "sdq",
      size: "10G",
      blockSize: 4096,
      idPath: "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4",
    });
    assert.equal(byPath.size, 10_000_000_000);
    assert.equal(byPath.idPath, "/dev/disk/by-id/wwn-0x5000c500a1b2c3d4");
    await assert.rejects(disk("sdq"), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: ["Block device with this Node config and Name already exists."],
      });
      return true;
    });
    await assert.rejects(
      blockDevices.create({ name: "tiny", size: 1024, blockSize: 256, model: "m", serial: "s" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          size: ["Ensure this value is greater than or equal to 4194304."],
          block_size: ["Ensure this value is greater than or equal to 512."],
        });
        return true;
      },
    );
    byPath.partitionTableType = "GPT";
    await assert.rejects(byPath.save(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        partition_table_type: ["Block device has no partition table"],
      });
      return true;
    });
  });
});

Deno.test("partitions: size accounting, 400 when the space runs out, format, mount, tags, delete", async () => {
  await withStorage(async ({ sim, client, disk }) => {
    const size = 100_000_000_000;
    const device = await disk("sdb", size);
    const free = alignDown(size - TABLE);
    assert.equal(device.availableSize, free);

    const root = await device.partitions.create({ size: 20_000_000_000, bootable: true });
    assert.ok(root instanceof Partition);
    assert.equal(root.size, alignDown(20_000_000_000), "aligned down to 4 MiB");
    assert.equal(root.bootable, true);
    assert.equal(root.type, "partition");
    assert.equal(root.name, "sdb-part1");
    assert.equal(root.path, "/dev/disk/by-dname/sdb-part1");
    assert.equal(root.deviceId, device.id);
    assert.equal(root.usedFor, "Unused");
    assert.match(String(root), /^Partition \d+ sdb-part1 20\.0 GB$/);

    await device.refresh();
    assert.equal(device.partitionTableType, "GPT");
    assert.equal(device.usedFor, "GPT partitioned with 1 partition");
    assert.equal(device.availableSize, free - root.size);
    assert.equal(device.usedSize, root.size + TABLE);
    assert.deepEqual([...device.partitions].map((p) => p.id), [root.id]);

    const rest = await device.partitions.create();
    assert.equal(rest.name, "sdb-part2");
    assert.equal(rest.size, free - root.size, "all the free space");
    assert.equal((await device.refresh()).availableSize, 0);
    assert.equal(device.usedFor, "GPT partitioned with 2 partitions");

    await assert.rejects(device.partitions.create({ size: "1G" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        size: ["Partition cannot be saved; not enough free space on the block device."],
      });
      return true;
    });
    await assert.rejects(device.partitions.create({ size: size + 1 }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        size: [`Ensure this value is less than or equal to ${size}.`],
      });
      return true;
    });

    // The one-partition path has no trailing slash, as on MAAS.
    const read = await device.partitions.get(root.id);
    assert.equal(
      sim.log.at(-1)!.path,
      `/MAAS/api/2.0/nodes/${device.systemId}/blockdevices/${device.id}/partitions/${root.id}`,
    );
    assert.equal(read.size, root.size);
    assert.equal((await device.partitions.get("sdb-part2")).id, rest.id);
    assert.equal((await device.partitions.list()).length, 2);
    // MAAS also answers on the singular path its resource_uri fields use.
    const viaUri = await client.call<{ id: number }>(
      "GET",
      root.resourceUri.replace("/MAAS/api/2.0/", ""),
    );
    assert.match(root.resourceUri, /\/partition\/\d+$/);
    assert.equal(viaUri.id, root.id);

    await root.format("ext4", { label: "root" });
    assert.equal(root.filesystem?.fstype, "ext4");
    assert.equal(root.filesystem?.label, "root");
    assert.match(root.filesystem?.uuid ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(root.usedFor, "Unmounted ext4 formatted filesystem");
    await root.mount("/data", { mountOptions: "noatime" });
    assert.equal(root.filesystem?.mountPoint, "/data");
    assert.equal(root.filesystem?.mountOptions, "noatime");
    assert.equal(root.usedFor, "ext4 formatted filesystem mounted at /data");
    assert.deepEqual(sim.log.at(-1)!.params, {
      mount_point: ["/data"],
      mount_options: ["noatime"],
    });

    await rest.format("xfs");
    await assert.rejects(rest.mount("/data"), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: ["Another filesystem is already mounted at /data."],
      });
      return true;
    });
    await assert.rejects(rest.mount("relative/path"), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { mount_point: ["Enter a valid value."] });
      return true;
    });
    await assert.rejects(rest.format("ntfs"), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        fstype: ["Select a valid choice. ntfs is not one of the available choices."],
      });
      return true;
    });
    await assert.rejects(root.unformat(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(
        error.text,
        "Filesystem is mounted and cannot be unformatted. Unmount the filesystem before " +
          "unformatting the partition.",
      );
      return true;
    });
    await root.unmount();
    assert.equal(root.filesystem?.mountPoint, null);
    await assert.rejects(root.unmount(), /Filesystem is already unmounted\./);
    await root.unformat();
    assert.equal(root.filesystem, null);
    await assert.rejects(root.unformat(), /Partition is not formatted\./);
    await assert.rejects(root.mount("/data"), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: ["Cannot mount an unformatted partition or block device."],
      });
      return true;
    });

    await root.addTag("boot");
    assert.deepEqual(root.tags, ["boot"]);
    await root.removeTag("boot");
    assert.deepEqual(root.tags, []);

    await assert.rejects(device.format("ext4"), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: ["Cannot format block device with a partition table."],
      });
      return true;
    });

    await root.delete();
    const renumbered = await device.partitions.get(rest.id);
    assert.equal(renumbered.name, "sdb-part1", "later partitions are renumbered");
    await assert.rejects(device.partitions.get(root.id), NotFoundError);
    await assert.rejects(root.save(), ParameterError);
  });
});

Deno.test("partitions on a BIOS-booting amd64 machine leave room for bios_grub", async () => {
  await withStorage(async ({ machine, disk }) => {
    machine.data.bios_boot_method = "pxe";
    const device = await disk("sdc", 50_000_000_000);
    assert.equal(device.availableSize, alignDown(50_000_000_000 - TABLE - MIB));
    const partition = await device.partitions.create({ size: "10G" });
    assert.equal(partition.name, "sdc-part2", "partition 1 is kept for bios_grub");
  });
});

Deno.test("whole-disk filesystems, the boot disk and set_boot_disk", async () => {
  await withStorage(async ({ sim, disk }) => {
    const data = await disk("sdd", 4_000_000_000_000);
    await data.format("xfs", { uuid: "0ad6cfc1-36ed-4fbb-94e0-5a6fd4f43d5b", label: "data" });
    assert.deepEqual(data.filesystem, {
      fstype: "xfs",
      label: "data",
      uuid: "0ad6cfc1-36ed-4fbb-94e0-5a6fd4f43d5b",
      mountPoint: null,
      mountOptions: null,
    });
    assert.equal(data.availableSize, 0);
    assert.equal(data.usedSize, data.size);
    await data.mount("/srv");
    assert.equal(data.usedFor, "xfs formatted filesystem mounted at /srv");
    await data.unmount();
    await data.unformat();
    assert.equal(data.usedFor, "Unused");
    await assert.rejects(data.unformat(), /Block device is not formatted\./);

    const swap = await disk("sde", 8_000_000_000);
    await swap.format("swap");
    assert.equal(swap.filesystem?.label, "", "a label left out of format is empty, not null");
    assert.equal(swap.filesystem?.mountPoint, null, "not mounted until mount");
    await swap.mount();
    assert.equal(swap.filesystem?.mountPoint, "none", "swap mounts without a path");

    const boot = await disk("sdf", 240_000_000_000);
    await boot.setBootDisk();
    assert.equal(sim.log.at(-1)!.status, 200);
    assert.equal(sim.state.storage.of(boot.systemId).bootDisk()?.id, boot.id);
    await assert.rejects(boot.format("ext4"), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: [
          "Cannot place filesystem directly on the boot disk. Create a partition on the boot " +
          "disk first and then format the partition.",
        ],
      });
      return true;
    });
  });
});

Deno.test("volume groups and logical volumes", async () => {
  await withStorage(async ({ sim, volumeGroups, blockDevices, disk }) => {
    const a = await disk("sdg", 500_000_000_000);
    const b = await disk("sdh", 500_000_000_000);
    const c = await disk("sdi", 250_000_000_000);
    const group = await volumeGroups.create({ name: "vg0", blockDevices: [a, "sdh"] });
    const size = (Math.floor((a.size + b.size) / ALIGN) - 2) * ALIGN;
    assert.equal(group.name, "vg0");
    assert.equal(group.size, size, "one 4 MiB extent per physical volume goes to LVM");
    assert.equal(group.availableSize, size);
    assert.equal(group.usedSize, 0);
    assert.equal(group.humanSize, "1000.0 GB");
    assert.deepEqual(group.devices.map((d) => d.id).sort(), [a.id, b.id].sort());
    assert.ok(group.devices.every((d) => d instanceof BlockDevice));
    assert.equal(group.logicalVolumes.length, 0);
    assert.deepEqual(sim.log.at(-1)!.params, {
      name: ["vg0"],
      block_devices: [String(a.id), "sdh"],
    });
    assert.equal((await a.refresh()).usedFor, "LVM volume for vg0");
    assert.equal(a.filesystem?.fstype, "lvm-pv");
    assert.equal((await volumeGroups.list()).length, 1);
    assert.equal((await volumeGroups.get("vg0")).id, group.id);
    assert.match(String(group), /^VolumeGroup \d+ vg0 1000\.0 GB$/);

    const root = await group.createLogicalVolume({ name: "lvroot", size: "100G" });
    assert.equal(root.name, "vg0-lvroot");
    assert.equal(root.type, "virtual");
    assert.equal(root.size, alignDown(100_000_000_000));
    assert.equal(root.blockSize, 4096);
    assert.equal(root.path, "/dev/disk/by-dname/vg0-lvroot");
    await assert.rejects(
      group.createLogicalVolume({ name: "huge", size: "2T" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(Object.keys(error.fields ?? {}), ["size"]);
        assert.match(error.fields!.size[0], /^Ensure this value is less than or equal to \d+\.$/);
        return true;
      },
    );
    await group.refresh();
    assert.equal(group.usedSize, root.size);
    assert.equal(group.availableSize, size - root.size);
    assert.deepEqual(group.logicalVolumes.map((lv) => lv.name), ["vg0-lvroot"]);

    await root.format("ext4");
    await root.mount("/var/lib");
    assert.equal(
      (await blockDevices.get(root.id)).usedFor,
      "ext4 formatted filesystem mounted at /var/lib",
    );

    group.name = "vgdata";
    await group.save();
    assert.deepEqual(sim.log.at(-1)!.params, { name: ["vgdata"] });
    assert.equal((await root.refresh()).name, "vgdata-lvroot");

    await group.update({ addBlockDevices: [c] });
    assert.equal(group.devices.length, 3);
    await group.update({ removeBlockDevices: ["sdi"] });
    assert.equal(group.devices.length, 2);
    assert.equal((await c.refresh()).usedFor, "Unused");

    await assert.rejects(group.delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.text, "This volume group has logical volumes; it cannot be deleted.");
      return true;
    });
    await assert.rejects(
      a.delete(),
      /Cannot delete block device because its part of a volume group\./,
    );

    const rest = await group.createLogicalVolume({ name: "lvrest" });
    assert.equal(rest.size, size - root.size, "all the free space");
    await assert.rejects(group.createLogicalVolume({ name: "more" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: [
          "Volume group (vgdata) cannot hold any more logical volumes, because it doesn't have " +
          "enough free space.",
        ],
      });
      return true;
    });
    await group.deleteLogicalVolume(rest);
    await group.deleteLogicalVolume(root.id);
    await group.deleteLogicalVolume(987654);
    assert.equal(sim.log.at(-1)!.status, 204, "a missing volume is not an error");
    assert.equal((await group.refresh()).logicalVolumes.length, 0);

    await assert.rejects(volumeGroups.create({ name: "empty" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: ["At least one valid block device or partition is required."],
      });
      return true;
    });
    await assert.rejects(
      volumeGroups.create({ name: "vg1", blockDevices: [a] }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          block_devices: [`Select a valid choice. ${a.id} is not one of the available choices.`],
        });
        return true;
      },
    );

    await group.delete();
    assert.equal((await a.refresh()).usedFor, "Unused");
    await assert.rejects(volumeGroups.get(group.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No VolumeGroup matches the given query.");
      return true;
    });
  });
});

Deno.test("a volume group on partitions, and on the boot disk (which gets a partition)", async () => {
  await withStorage(async ({ volumeGroups, disk }) => {
    const device = await disk("sdj", 200_000_000_000);
    const first = await device.partitions.create({ size: "50G" });
    const group = await volumeGroups.create({ name: "vgp", partitions: [first, "sdj-part1"] });
    assert.deepEqual(group.devices.map((d) => d instanceof Partition ? d.id : -1), [first.id]);
    assert.equal((await device.partitions.get(first.id)).usedFor, "LVM volume for vgp");

    const boot = await disk("sdk", 120_000_000_000);
    await boot.setBootDisk();
    const onBoot = await volumeGroups.create({ name: "vgboot", blockDevices: [boot] });
    const [member] = onBoot.devices;
    assert.ok(member instanceof Partition, "the boot disk is partitioned first");
    assert.equal(member.deviceId, boot.id);
    assert.equal((await boot.refresh()).usedFor, "GPT partitioned with 1 partition");
  });
});

Deno.test("RAIDs: levels, members, spares, the virtual device", async () => {
  await withStorage(async ({ sim, raids, disk }) => {
    const a = await disk("sdl", 1_000_000_000_000);
    const b = await disk("sdm", 1_000_000_000_000);
    const c = await disk("sdn", 1_000_000_000_000);
    const d = await disk("sdo", 800_000_000_000);
    await assert.rejects(
      raids.create({ level: RaidLevel.RAID_5, blockDevices: [a, b] }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          __all__: ["RAID level 5 must have at least 3 raid devices and any number of spares."],
        });
        return true;
      },
    );
    await rejectsLocally(
      sim,
      () => raids.create({ level: "raid-7" as RaidLevel, blockDevices: [a, b] }),
      /^Parameter "level" must be one of raid-0, raid-1, raid-5, raid-6, raid-10, got "raid-7"$/,
    );
    const sent = sim.log.length;
    await assert.rejects(
      raids.create({ level: "raid-10", blockDevices: [a, b] }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          __all__: ["RAID level 10 must have at least 3 raid devices and any number of spares."],
        });
        return true;
      },
    );
    assert.equal(sim.log.length, sent + 1);

    const raid = await raids.create({
      level: RaidLevel.RAID_1,
      blockDevices: [a, b],
      spareDevices: [c],
    });
    assert.equal(raid.name, "md0");
    assert.equal(raid.level, "raid-1");
    assert.equal(raid.size, 1_000_000_000_000 - 128 * 1024);
    assert.deepEqual(raid.devices.map((x) => x.id).sort(), [a.id, b.id].sort());
    assert.deepEqual(raid.spareDevices.map((x) => x.id), [c.id]);
    assert.equal((await a.refresh()).usedFor, "Active raid-1 device for md0");
    assert.equal((await c.refresh()).usedFor, "Spare raid-1 device for md0");
    const device = raid.virtualDevice!;
    assert.equal(device.name, "md0");
    assert.equal(device.type, "virtual");
    assert.equal(device.size, raid.size);
    assert.match(String(raid), /^Raid \d+ md0 raid-1 1000\.0 GB$/);
    assert.equal((await raids.get("md0")).id, raid.id);
    assert.equal((await raids.list()).length, 1);

    await device.format("ext4");
    await device.mount("/srv");
    assert.equal((await device.refresh()).usedFor, "ext4 formatted filesystem mounted at /srv");

    await raid.update({ removeSpareDevices: [c], addBlockDevices: [d] });
    assert.deepEqual(sim.log.at(-1)!.params, {
      add_block_devices: [String(d.id)],
      remove_spare_devices: [String(c.id)],
    });
    assert.equal(raid.devices.length, 3);
    assert.deepEqual(raid.spareDevices, []);
    assert.equal(raid.size, 800_000_000_000 - 128 * 1024, "the smallest member decides");
    await assert.rejects(raid.update({ removeBlockDevices: [a, b] }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: ["RAID level 1 must have at least 2 raid devices and any number of spares."],
      });
      return true;
    });

    raid.name = "mdroot";
    await raid.save();
    assert.equal(raid.name, "mdroot");
    assert.equal(raid.virtualDevice?.name, "mdroot");

    await raid.delete();
    assert.equal((await a.refresh()).usedFor, "Unused");
    await assert.rejects(raids.get(raid.id), /No RAID matches the given query\./);
  });
});

Deno.test("bcaches and their cache sets", async () => {
  await withStorage(async ({ sim, cacheSets, bcaches, disk }) => {
    const ssd = await disk("nvme9n1", 400_000_000_000);
    const hdd = await disk("sdp", 4_000_000_000_000);
    const hdd2 = await disk("sdq", 2_000_000_000_000);
    const cacheSet = await cacheSets.create({ cacheDevice: ssd });
    assert.equal(cacheSet.name, "cache0");
    assert.equal(cacheSet.cacheDevice?.id, ssd.id);
    assert.equal((await ssd.refresh()).usedFor, "Cache device for cache0");
    assert.equal((await cacheSets.get("cache0")).id, cacheSet.id);
    assert.match(String(cacheSet), /^BcacheCacheSet \d+ cache0$/);

    const bcache = await bcaches.create({
      cacheSet,
      cacheMode: "writethrough",
      backingDevice: hdd,
    });
    assert.deepEqual(sim.log.at(-1)!.params, {
      cache_set: [String(cacheSet.id)],
      cache_mode: ["writethrough"],
      backing_device: [String(hdd.id)],
    });
    assert.equal(bcache.name, "bcache0");
    assert.equal(bcache.cacheMode, "writethrough");
    assert.equal(bcache.size, hdd.size);
    assert.equal(bcache.cacheSet?.name, "cache0");
    assert.equal(bcache.backingDevice?.id, hdd.id);
    assert.equal(bcache.virtualDevice?.name, "bcache0");
    assert.equal(bcache.virtualDevice?.size, hdd.size);
    assert.equal((await hdd.refresh()).usedFor, "Backing device for bcache0");

    bcache.cacheMode = "writeback";
    await bcache.save();
    assert.deepEqual(sim.log.at(-1)!.params, { cache_mode: ["writeback"] });
    assert.equal(bcache.cacheMode, "writeback");
    await bcache.update({ backingDevice: "sdq" });
    assert.equal(bcache.backingDevice?.id, hdd2.id);
    assert.equal(bcache.size, hdd2.size);
    assert.equal((await hdd.refresh()).usedFor, "Unused");
    assert.equal((await bcaches.list()).length, 1);

    await assert.rejects(cacheSet.delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.text, "Cannot delete cache set; it's currently in use.");
      return true;
    });
    await assert.rejects(
      bcaches.create({ cacheSet: 99999, cacheMode: "writeback", backingDevice: hdd }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          cache_set: ["Select a valid choice. 99999 is not one of the available choices."],
          __all__: ["Bcache requires a cache_set."],
        });
        return true;
      },
    );
    const ssd2 = await disk("nvme8n1", 400_000_000_000);
    await cacheSet.update({ cacheDevice: ssd2 });
    assert.deepEqual(sim.log.at(-1)!.params, { cache_device: [String(ssd2.id)] });
    assert.equal(cacheSet.cacheDevice?.id, ssd2.id);
    assert.equal((await ssd.refresh()).usedFor, "Unused");
    assert.equal((await ssd2.refresh()).usedFor, "Cache device for cache0");
    const second = await cacheSets.create({ cacheDevice: "nvme9n1" });
    assert.equal(second.name, "cache1");
    await bcache.update({ cacheSet: second });
    assert.equal(bcache.cacheSet?.id, second.id);

    await bcache.delete();
    await second.delete();
    await cacheSet.delete();
    assert.equal((await ssd.refresh()).usedFor, "Unused");
    await assert.rejects(cacheSets.get(cacheSet.id), NotFoundError);
    await assert.rejects(bcaches.get(bcache.id), /No Bcache matches the given query\./);
  });
});

Deno.test("VMFS datastores need the VMFS layout; then create, update, delete", async () => {
  await withStorage(async ({ sim, machine, datastores, disk }) => {
    const boot = await disk("sdr", 480_000_000_000);
    const extra = await disk("sds", 960_000_000_000);
    await assert.rejects(
      datastores.create({ name: "ds", blockDevices: [extra] }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          VMFS: [
            "VMFS Datastores may only be created after the VMFS6 or VMFS7 storage layout has been " +
            "applied.",
          ],
        });
        return true;
      },
    );
    await boot.setBootDisk();
    assert.equal(applyStorageLayout(sim.state, machine, "vmfs7", { rootSize: 100e9 }), "vmfs7");
    await boot.refresh();
    const base = [...boot.partitions];
    assert.deepEqual(
      base.map((p) => p.name),
      ["sdr-part1", "sdr-part5", "sdr-part6", "sdr-part7", "sdr-part8"],
      "the ESXi image's partitions, as MAAS numbers them",
    );
    const [first] = await datastores.list();
    assert.equal(first.name, "datastore1", "the layout makes VMware's first datastore");
    assert.equal(first.size, 100e9);
    assert.equal(first.devices[0].id, base[4].id);

    const datastore = await datastores.create({ name: "datastore2", blockDevices: [extra] });
    assert.equal(datastore.name, "datastore2");
    assert.equal(datastore.filesystem?.fstype, "vmfs6");
    assert.equal(datastore.filesystem?.mountPoint, "/vmfs/volumes/datastore2");
    const [extent] = datastore.devices;
    assert.ok(extent instanceof Partition, "VMware partitions each block device whole");
    assert.equal(datastore.size, extent.size);
    assert.equal((await extra.refresh()).usedFor, "GPT partitioned with 1 partition");
    assert.match(String(datastore), /^VmfsDatastore \d+ datastore2 /);

    const added = await boot.partitions.create({ size: "50G" });
    assert.equal(added.name, "sdr-part9");
    await datastore.update({ addPartitions: [added] });
    assert.equal(datastore.devices.length, 2);
    assert.equal(datastore.size, extent.size + added.size);
    assert.equal(
      (await boot.partitions.get(added.id)).usedFor,
      "VMFS extent for datastore2",
    );
    await datastore.update({ removePartitions: [added], name: "ds2" });
    assert.equal(datastore.name, "ds2");
    assert.equal(datastore.devices.length, 1);
    assert.equal((await datastores.get("ds2")).id, datastore.id);
    assert.equal((await datastores.list()).length, 2);
    await added.delete();

    await assert.rejects(base[1].delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(
        error.text,
        "VMware ESXi partitions may not be removed. To remove select a different storage layout.",
      );
      return true;
    });
    await assert.rejects(base[1].format("ext4"), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { VMFS: ["Base VMFS partitions may not be formatted."] });
      return true;
    });

    await datastore.delete();
    await assert.rejects(datastores.get(datastore.id), /No VMFS matches the given query\./);
  });
});

Deno.test("storage layouts the simulator applies are seen through the storage API", async () => {
  await withStorage(
    async ({ sim, machine, blockDevices, volumeGroups, bcaches, cacheSets, disk }) => {
      const boot = await disk("sdr", 500_000_000_000);
      await boot.setBootDisk();
      const ssd = await disk("nvme7n1", 200_000_000_000);
      await ssd.addTag("ssd");

      assert.equal(applyStorageLayout(sim.state, machine, "flat"), "flat");
      await boot.refresh();
      assert.deepEqual([...boot.partitions].map((p) => [p.name, p.usedFor]), [
        ["sdr-part1", "fat32 formatted filesystem mounted at /boot/efi"],
        ["sdr-part2", "ext4 formatted filesystem mounted at /"],
      ]);
      assert.equal(boot.availableSize, 0);

      applyStorageLayout(sim.state, machine, "lvm", { vgName: "vg0", lvSize: 100e9 });
      const [group] = await volumeGroups.list();
      assert.equal(group.name, "vg0");
      assert.deepEqual(group.logicalVolumes.map((lv) => [lv.name, lv.usedFor]), [
        ["vg0-lvroot", "ext4 formatted filesystem mounted at /"],
      ]);
      assert.equal(group.usedSize, alignDown(100e9));

      applyStorageLayout(sim.state, machine, "bcache");
      assert.equal((await volumeGroups.list()).length, 0, "the previous layout is gone");
      const [bcache] = await bcaches.list();
      assert.equal(bcache.cacheMode, "writethrough");
      assert.equal(bcache.virtualDevice?.usedFor, "ext4 formatted filesystem mounted at /");
      assert.equal((await cacheSets.list())[0].cacheDevice?.name, "nvme7n1-part1");
      await boot.refresh();
      assert.deepEqual([...boot.partitions].map((p) => p.filesystem?.mountPoint ?? null), [
        "/boot/efi",
        "/boot",
        null,
      ]);

      applyStorageLayout(sim.state, machine, "blank");
      assert.ok(
        (await blockDevices.list()).every((d) => d.type === "physical" && d.usedFor === "Unused"),
      );
      assert.equal((await bcaches.list()).length, 0);
      clearStorage(sim.state, machine);
      const storage = sim.state.storage.of(machine.data.system_id);
      assert.deepEqual([...storage.devices.values()].filter((d) => d.type === "virtual"), []);
    },
  );
});

Deno.test("set_storage_layout passes every parameter: sizes with units or percentages, the bcache ones", async () => {
  await withStorage(async ({ sim, client, systemId, volumeGroups, bcaches, cacheSets, disk }) => {
    const boot = await disk("sdr", 500_000_000_000);
    await boot.setBootDisk();
    const ssd = await disk("nvme7n1", 200_000_000_000);
    await ssd.addTag("ssd");
    const other = await disk("nvme8n1", 100_000_000_000);
    await other.addTag("ssd");
    const machine = await client.machines.get(systemId);

    await machine.setStorageLayout("bcache", {
      bootSize: "2G",
      cacheDevice: ssd,
      cacheMode: "writeback",
      cacheSize: "50%",
    });
    const [bcache] = await bcaches.list();
    assert.equal(bcache.cacheMode, "writeback");
    const [cacheSet] = await cacheSets.list();
    assert.equal(
      cacheSet.cacheDevice?.name,
      "nvme7n1-part1",
      "the disk asked for, not the smaller",
    );
    await ssd.refresh();
    assert.equal([...ssd.partitions][0].size, alignDown(alignDown(200_000_000_000 - TABLE) / 2));
    await boot.refresh();
    assert.deepEqual(
      [...boot.partitions].slice(0, 2).map((p) => [p.filesystem?.mountPoint, p.size]),
      [
        ["/boot/efi", 512 * MIB],
        ["/boot", alignDown(2e9)],
      ],
    );

    await machine.setStorageLayout("bcache", { cacheDevice: other.id, cacheNoPart: true });
    assert.equal((await cacheSets.list())[0].cacheDevice?.name, "nvme8n1", "the whole disk");

    await machine.setStorageLayout("lvm", { rootSize: "100G", lvName: "root", lvSize: "25%" });
    await boot.refresh();
    assert.equal([...boot.partitions].at(-1)!.size, alignDown(100e9), "the root partition");
    const [group] = await volumeGroups.list();
    assert.deepEqual(group.logicalVolumes.map((lv) => [lv.name, lv.size]), [
      ["vgroot-root", alignDown(group.size / 4)],
    ]);

    const refused = await client.call("POST", `machines/${systemId}/`, {
      op: "set_storage_layout",
      params: {
        storage_layout: "bcache",
        root_size: "1.5G",
        cache_device: "99999",
        cache_mode: "sometimes",
      },
    }).catch((error) => error);
    assert.ok(refused instanceof BadRequestError);
    assert.deepEqual(refused.fields, {
      root_size: ["'1.5G' is not a valid size."],
      cache_device: ["Select a valid choice. 99999 is not one of the available choices."],
      cache_mode: ["Select a valid choice. sometimes is not one of the available choices."],
    });
    assert.equal((await volumeGroups.list()).length, 1, "a refused layout changes nothing");
    assert.equal(sim.state.storage.of(systemId).groups.size, 1);

    // The root disk is a block device of the machine, sent by id as MAAS's choice field wants.
    await machine.setStorageLayout("flat", { rootDevice: other });
    assert.deepEqual(lastParams(sim).root_device, [String(other.id)]);
    await other.refresh();
    assert.equal(
      [...other.partitions].at(-1)?.filesystem?.mountPoint,
      "/",
      "root on the disk asked for",
    );
  });
});

Deno.test("409 when the machine is not Ready (or not Allocated, for format and mount)", async () => {
  await withStorage(async ({ machine, blockDevices, volumeGroups, raids, disk }) => {
    const device = await disk("sdt", 100_000_000_000);
    const partition = await device.partitions.create({ size: "10G" });
    const spare = await disk("sdu", 100_000_000_000);

    setStatus(machine, NodeStatus.DEPLOYED, "admin");
    await assert.rejects(device.partitions.create(), (error: unknown) => {
      assert.ok(error instanceof ConflictError);
      assert.equal(error.text, "Cannot create partition because the node is not Ready.");
      return true;
    });
    await assert.rejects(partition.format("ext4"), (error: unknown) => {
      assert.ok(error instanceof ConflictError);
      assert.equal(
        error.text,
        "Cannot format partition because the node is not Ready or Allocated.",
      );
      return true;
    });
    await assert.rejects(
      spare.format("ext4"),
      /Cannot format block device because the machine is not Ready or Allocated\./,
    );
    await assert.rejects(
      spare.delete(),
      /Cannot delete block device because the machine is not Ready\./,
    );
    await assert.rejects(spare.addTag("x"), ConflictError);
    await assert.rejects(
      spare.setBootDisk(),
      /Cannot set as boot disk because the machine is not Ready\./,
    );
    await assert.rejects(
      volumeGroups.create({ name: "vg", blockDevices: [spare] }),
      /Cannot create volume group because the machine is not Ready\./,
    );
    await assert.rejects(
      raids.create({ level: "raid-0", blockDevices: [spare, device] }),
      ConflictError,
    );
    // A disk of a deployed machine may be renamed or described (to replace a broken one).
    spare.name = "sdu-new";
    spare.serial = "REPLACED";
    await spare.save();
    assert.equal((await blockDevices.get(spare.id)).serial, "REPLACED");

    setStatus(machine, NodeStatus.ALLOCATED, "admin");
    await partition.format("ext4");
    await partition.mount("/data");
    assert.equal(partition.usedFor, "ext4 formatted filesystem mounted at /data");
    await assert.rejects(
      partition.delete(),
      /Cannot delete block device because the node is not Ready\./,
    );

    setStatus(machine, NodeStatus.NEW);
    spare.name = "again";
    await assert.rejects(
      spare.save(),
      /Cannot update block device because the machine is not Ready\./,
    );
  });
});

Deno.test("the machine's record follows its storage; the describe document lists it", async () => {
  await withStorage(async ({ client, systemId, disk }) => {
    const machine = await client.machines.get(systemId);
    const extra = await machine.blockDevices.create({
      name: "sdy",
      size: "500G",
      blockSize: 4096,
      model: "m",
      serial: "s",
    });
    const group = await machine.volumeGroups.create({ name: "vgm", blockDevices: [extra] });
    const volume = await group.createLogicalVolume({ name: "lv" });
    const raidDisks = [await disk("sdz1"), await disk("sdz2")];
    const raid = await machine.raids.create({ level: "raid-0", blockDevices: raidDisks });
    const cacheSet = await machine.bcacheCacheSets.create({ cacheDevice: await disk("sdz3") });
    const bcache = await machine.bcaches.create({
      cacheSet,
      cacheMode: "writearound",
      backingDevice: await disk("sdz4"),
    });
    await machine.refresh();
    assert.deepEqual(machine.volumeGroupIds, [group.id]);
    assert.deepEqual(machine.raidIds, [raid.id]);
    assert.deepEqual(machine.bcacheIds, [bcache.id]);
    assert.deepEqual(machine.cacheSetIds, [cacheSet.id]);
    const names = machine.blockdeviceSet.map((d) => d.name);
    assert.ok(names.includes("vgm-lv") && names.includes(raid.name) && names.includes("bcache0"));
    assert.ok(machine.virtualblockdeviceSet.some((d) => d.id === volume.id));
    assert.ok(machine.physicalblockdeviceSet.every((d) => d.type === "physical"));
    assert.equal((await machine.vmfsDatastores.list()).length, 0);

    const { handlers } = await client.session;
    assert.equal(
      handlers.Partition.path,
      "/MAAS/api/2.0/nodes/{system_id}/blockdevices/{device_id}/partitions/{id}",
    );
    for (
      const name of [
        "BlockDevices",
        "BlockDevice",
        "Partitions",
        "VolumeGroups",
        "VolumeGroup",
        "Raids",
        "Raid",
        "Bcaches",
        "Bcache",
        "BcacheCacheSets",
        "BcacheCacheSet",
        "VmfsDatastores",
        "VmfsDatastore",
      ]
    ) assert.ok(handlers[name], name);
    assert.deepEqual(
      Object.values(handlers).filter((h) => h.path.includes("/partition/")),
      [],
      "the singular paths are served but not described",
    );
  });
});

Deno.test("404s as MAAS words them", async () => {
  await withStorage(async ({ client, blockDevices, volumeGroups, raids, disk }) => {
    const nowhere = new NodeVolumeGroups(client, "nosuch");
    await assert.rejects(nowhere.list(), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Machine matches the given query.");
      return true;
    });
    await assert.rejects(
      new NodeBlockDevices(client, "nosuch").get(1),
      /No BlockDevice matches the given query\./,
    );
    await assert.rejects(blockDevices.get("sdzz"), NotFoundError);
    await assert.rejects(volumeGroups.get(424242), /No VolumeGroup matches the given query\./);
    await assert.rejects(raids.get("md9"), /No RAID matches the given query\./);
    const device = await disk("sdv");
    await assert.rejects(device.partitions.get(424242), NotFoundError);
    await assert.rejects(new NodeBcacheCacheSets(client, "nosuch").list(), /No Machine matches/);
  });
});

Deno.test("only administrators change storage (403)", async () => {
  await withStorage(async ({ sim, systemId }) => {
    const user = sim.createUser({ username: "alice" });
    const alice = await connect(sim.url, { apikey: user.apikey });
    try {
      const devices = new NodeBlockDevices(alice, systemId);
      assert.ok((await devices.list()).length > 0, "anyone may look");
      await assert.rejects(
        devices.create({ name: "sdw", size: "10G", blockSize: 512, model: "m", serial: "s" }),
        ForbiddenError,
      );
      const [first] = await devices.list();
      await assert.rejects(first.format("ext4"), ForbiddenError);
    } finally {
      alice.close();
    }
  });
});

Deno.test("bad parameters raise ParameterError before any request", async () => {
  await withStorage(
    async (
      { sim, client, blockDevices, volumeGroups, raids, bcaches, cacheSets, datastores, disk },
    ) => {
      const device = await disk("sdx");
      const partition = await device.partitions.create({ size: "10G" });
      const group = await volumeGroups.create({ name: "vg0", partitions: [partition] });
      const cases: [() => Promise<unknown>, string | RegExp][] = [
        [() => blockDevices.create({ size: 1, blockSize: 512 } as never), "name"],
        [() => blockDevices.create({ name: "x", blockSize: 512 } as never), "size"],
        [() => blockDevices.create({ name: "x", size: "ten", blockSize: 512 }), "size"],
        [() => blockDevices.create({ name: "x", size: -1, blockSize: 512 }), "size"],
        [() => blockDevices.create({ name: "x", size: Infinity, blockSize: 512 }), "size"],
        [() => blockDevices.create({ name: "x", size: 1, blockSize: null as never }), "blockSize"],
        [() => blockDevices.get(""), "id"],
        [() => blockDevices.get({} as never), "id"],
        [() => device.format(undefined as never), "fstype"],
        [() => device.addTag(""), "tag"],
        [() => device.mount(42 as never), "mountPoint"],
        [() => device.partitions.create({ size: "1.5G" }), "size"],
        [() => device.partitions.create({ bootable: "yes" as never }), "bootable"],
        [() => volumeGroups.create({ blockDevices: [device] } as never), "name"],
        [
          () => volumeGroups.create({ name: "v", blockDevices: [partition as never] }),
          "blockDevices",
        ],
        [() => volumeGroups.create({ name: "v", partitions: [{} as never] }), "partitions"],
        [
          () => blockDevices.create({ name: "x", size: 1, blockSize: 512, modle: "m" } as never),
          /unknown option "modle"; did you mean "model"\?/,
        ],
        [() => group.createLogicalVolume({ size: "1G" } as never), "name"],
        [() => group.deleteLogicalVolume("lv" as never), "volume"],
        [() => raids.create({ blockDevices: [device] } as never), "level"],
        [
          () => bcaches.create({ cacheMode: "writeback", backingDevice: device } as never),
          "cacheSet",
        ],
        [() => bcaches.create({ cacheSet: 1, cacheMode: "writeback" }), "backingDevice"],
        [
          () =>
            bcaches.create({
              cacheSet: 1,
              cacheMode: "writeback",
              backingDevice: 1,
              backingPartition: 2,
            }),
          "backingPartition",
        ],
        [() => cacheSets.create({}), "cacheDevice"],
        [() => datastores.create({} as never), "name"],
      ];
      for (const [fn, name] of cases) await rejectsLocally(sim, fn, name);
      assert.throws(() => new NodeRaids(client, ""), ParameterError);
    },
  );
});

Deno.test("examples/storage_layout.ts builds and prints a custom layout on a Ready machine", async () => {
  const sim = await MaasSimulator.start({ machines: 8, seed: 5 });
  try {
    // Exactly one Ready machine, so that the one the example picks is known.
    const [chosen, ...others] = sim.state.machines.values();
    setStatus(chosen, NodeStatus.READY);
    for (const machine of others) {
      if (machine.data.status === NodeStatus.READY) {
        setStatus(machine, NodeStatus.DEPLOYED, "admin");
      }
    }
    const child = spawn(
      process.execPath,
      ["run", "-A", new URL("../../examples/storage_layout.ts", import.meta.url).pathname],
      {
        env: { ...process.env, MAAS_URL: sim.url, MAAS_APIKEY: sim.adminApiKey, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout += chunk);
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr += chunk);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 0, stderr);
    assert.match(stdout, new RegExp(`^${chosen.data.hostname} \\(${chosen.data.system_id}\\):`));
    assert.match(
      stdout,
      /Partition \d+ \S+-part\d+ 30\.0 GB {2}ext4 formatted filesystem mounted at \/\n/,
    );
    assert.match(stdout, /fat32 formatted filesystem mounted at \/boot\/efi/);
    assert.match(stdout, /VolumeGroup \d+ vgdata /);
    assert.match(stdout, /vgdata-srv {2}xfs formatted filesystem mounted at \/srv/);
    assert.equal(sim.state.storage.of(chosen.data.system_id).groups.size, 1);
  } finally {
    await sim.close();
  }
});

Deno.test("the typed storage methods take extra wire names and request options, apart", async () => {
  await withStorage(async ({ sim, blockDevices, disk }) => {
    const device = await disk("sdx");
    await device.format("ext4", { extra: { label: "from-extra" } });
    assert.deepEqual(sim.log.at(-1)!.params, { fstype: ["ext4"], label: ["from-extra"] });
    assert.equal(device.filesystem?.label, "from-extra");
    await rejectsLocally(
      sim,
      () => device.format("ext4", { label: "a", extra: { label: "b" } }),
      /extra\.label repeats a typed option's wire name/,
    );
    await rejectsLocally(
      sim,
      () => device.unformat({ extra: { op: "delete" } }),
      /cannot set "op"/,
    );
    await rejectsLocally(
      sim,
      () => blockDevices.list({ timeout: 5 } as never),
      /"timeout" is a request option/,
    );
    await rejectsLocally(
      sim,
      () => device.format("ext4", undefined, { fstype: "xfs" } as never),
      /unknown request option "fstype"/,
    );
    const controller = new AbortController();
    assert.ok((await blockDevices.list(undefined, { signal: controller.signal })).length > 0);
    await rejectsLocally(sim, () => device.format("ext4", { fstype: "xfs" } as never), "fstype");
  });
});

Deno.test("no storage op or option differs between MAAS lines: 2.9 and master serve them all, and the client reads no version/ for them", async () => {
  for (const maasVersion of ["2.9", "master"] as const) {
    const sim = await MaasSimulator.start({ maasVersion, machines: 6, seed: 11 });
    try {
      await withConnection(sim, async (client) => {
        const machine = [...sim.state.machines.values()][0];
        setStatus(machine, NodeStatus.READY);
        const systemId = machine.data.system_id;
        const devices = new NodeBlockDevices(client, systemId);
        const disk = await devices.create({
          name: "sdy",
          size: "100G",
          blockSize: 512,
          model: "m",
          serial: "s",
        });
        const group = await new NodeVolumeGroups(client, systemId).create({
          name: "vg0",
          blockDevices: disk,
        });
        const volume = await group.createLogicalVolume({ name: "lv0", size: "10G" });
        await volume.format("ext4", { label: "data" });
        await volume.mount("/srv", { mountOptions: "noatime" });
        assert.equal(volume.usedFor, "ext4 formatted filesystem mounted at /srv");
        assert.ok(sim.log.every((entry) => !entry.path.endsWith("/version/")), maasVersion);
        const json = await client.call<Record<string, unknown>>("GET", `machines/${systemId}/`);
        assert.equal("iscsiblockdevice_set" in json, maasVersion === "2.9", "a 2.9 field only");
        assert.deepEqual(json.volume_groups, [
          { system_id: systemId, id: group.id, __incomplete__: true },
        ]);
      });
    } finally {
      await sim.close();
    }
  }
});

Deno.test("the simulator keeps storage in its own section, by node, rendered on every read", async () => {
  await withStorage(async ({ sim, client, machine, systemId, disk }) => {
    const storage = sim.state.storage.of(systemId);
    const read = () => client.call<Record<string, unknown>>("GET", `machines/${systemId}/`);
    const total = [...storage.devices.values()]
      .filter((device) => device.type === "physical")
      .reduce((sum, device) => sum + device.size, 0);
    assert.equal((await read()).storage, total / 1e6, "storage is the disks' total in MB");
    const added = await disk("sdz", 250_000_000_000);
    assert.equal((await read()).storage, (total + added.size) / 1e6);

    // A record changed once shows everywhere: the machine's boot disk follows set_boot_disk.
    await added.setBootDisk();
    assert.equal(((await read()).boot_disk as { id: number }).id, added.id);
    assert.equal(storage.bootDisk()?.id, added.id);

    // Special filesystems are storage records too, mounted through the machine's ops.
    const mounted = await client.call<Record<string, unknown>>(
      "POST",
      `machines/${systemId}/`,
      { op: "mount_special", params: { fstype: "tmpfs", mount_point: "/run/cache" } },
    );
    assert.deepEqual(
      (mounted.special_filesystems as Record<string, unknown>[]).map((fs) => fs.mount_point),
      ["/run/cache"],
    );
    assert.equal(storage.specialFilesystems().length, 1);
    const data = await added.partitions.create({ size: "10G" });
    await data.format("ext4");
    await assert.rejects(data.mount("/run/cache"), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, {
        __all__: ["Another filesystem is already mounted at /run/cache."],
      });
      return true;
    });
    await client.call("POST", `machines/${systemId}/`, {
      op: "unmount_special",
      params: { mount_point: "/run/cache" },
    });
    assert.deepEqual((await read()).special_filesystems, []);

    // set_storage_layout lays out the records; the machine shows the group it made.
    await client.call("POST", `machines/${systemId}/`, {
      op: "set_storage_layout",
      params: { storage_layout: "lvm", vg_name: "vgroot" },
    });
    const laidOut = await read();
    const [group] = storage.groups.values();
    assert.equal(group.name, "vgroot");
    assert.deepEqual(laidOut.volume_groups, [
      { system_id: systemId, id: group.id, __incomplete__: true },
    ]);
    assert.ok(
      (laidOut.virtualblockdevice_set as { name: string }[]).some((d) =>
        d.name === "vgroot-lvroot"
      ),
    );

    // Deleting the machine forgets its storage.
    await client.call("DELETE", `machines/${machine.data.system_id}/`);
    assert.equal(sim.state.storage.get(systemId), undefined);
  });
});
