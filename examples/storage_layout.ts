/**
 * Builds a custom storage layout on a Ready machine and prints it: an EFI partition and a root
 * partition on the boot disk, the rest of the boot disk (and any unused disk) in an LVM volume
 * group, and a logical volume for /srv.
 *
 *     MAAS_URL=http://maas:5240/MAAS/ MAAS_APIKEY=… deno run -A examples/storage_layout.ts
 *
 * Set MAAS_SYSTEM_ID to pick the machine; otherwise the first Ready one is used. Whatever the boot
 * disk held before is removed.
 *
 * @module
 */

import process from "node:process";
import { type BlockDevice, connect, type Machine } from "../mod.ts";

const client = await connect(process.env.MAAS_URL, { apikey: process.env.MAAS_APIKEY });
try {
  const systemId = process.env.MAAS_SYSTEM_ID;
  const [machine] = systemId
    ? [await client.machines.get(systemId)]
    : await client.machines.list({ status: "ready" });
  if (!machine) throw new Error("No Ready machine to lay out");

  const bootId = machine.bootDisk?.id;
  if (typeof bootId !== "number") throw new Error(`${machine} has no boot disk`);
  const boot = await machine.blockDevices.get(bootId);
  for (const partition of boot.partitions) await partition.delete();

  const efi = await boot.partitions.create({ size: 512 * 1024 * 1024, bootable: true });
  await efi.format("fat32", { label: "efi" });
  await efi.mount("/boot/efi");
  const root = await boot.partitions.create({ size: "30G" });
  await root.format("ext4", { label: "root" });
  await root.mount("/", { mountOptions: "errors=remount-ro" });
  const rest = await boot.partitions.create();

  const unused = (await machine.blockDevices.list()).filter((disk) =>
    disk.id !== boot.id && disk.type === "physical" && disk.usedFor === "Unused"
  );
  const group = await machine.volumeGroups.create({
    name: "vgdata",
    partitions: [rest],
    blockDevices: unused,
  });
  const srv = await group.createLogicalVolume({ name: "srv" });
  await srv.format("xfs");
  await srv.mount("/srv");

  await printLayout(machine);
} finally {
  client.close();
}

async function printLayout(machine: Machine): Promise<void> {
  console.log(`${machine.hostname} (${machine.systemId}):`);
  const show = (device: BlockDevice) => {
    console.log(`  ${device}  ${device.usedFor}`);
    for (const partition of device.partitions) {
      console.log(`    ${partition}  ${partition.usedFor}`);
    }
  };
  for (const device of await machine.blockDevices.list()) show(device);
  for (const group of await machine.volumeGroups.list()) {
    console.log(`  ${group}  free ${group.humanAvailableSize}`);
    for (const volume of group.logicalVolumes) console.log(`    ${volume.name}  ${volume.usedFor}`);
  }
}
