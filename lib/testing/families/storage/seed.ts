/**
 * The disks commissioning finds on a seeded machine: one to three drives of real models (SATA
 * and NVMe SSDs, spinning disks), the first one laid out flat (an EFI partition and a root
 * partition filling the rest).
 *
 * @module
 */

import type { SeededRandom } from "../../random.ts";
import type { NodeStorage, StorageHost } from "./model.ts";

const MIB = 1024 * 1024;
const EFI_SIZE = 512 * MIB;

const DISKS = [
  { model: "SAMSUNG MZ7L3960HCJR-00A07", size: 960197124096, ssd: true, nvme: false },
  { model: "INTEL SSDPF2KX038TZ", size: 3840755982336, ssd: true, nvme: true },
  { model: "SAMSUNG MZQL21T9HCJR-00A07", size: 1920383410176, ssd: true, nvme: true },
  { model: "ST4000NM0035-1V4107", size: 4000787030016, ssd: false, nvme: false },
  { model: "HGST HUS728T8TALE6L4", size: 8001563222016, ssd: false, nvme: false },
  { model: "MTFDDAK480TDS", size: 480103981056, ssd: true, nvme: false },
] as const;

const HEX_UPPER = "0123456789ABCDEF";
const SERIAL = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

/**
 * Gives a node the disks commissioning would find, the boot disk laid out flat: a 512 MiB EFI
 * partition (FAT32 at `/boot/efi`) and an ext4 root partition at `/` with the rest.
 *
 * @example
 * ```ts
 * import { SeededRandom, StorageSection } from "@libmaas/client/testing";
 * import { seedDisks } from "./seed.ts";
 * let id = 0;
 * const storage = new StorageSection(() => ++id).of("abc123");
 * seedDisks(storage, { architecture: "amd64/generic", biosBootMethod: "uefi" }, new SeededRandom(1));
 * console.log(storage.devices.size > 0, storage.partitions.size); // true 2
 * ```
 */
export function seedDisks(storage: NodeStorage, host: StorageHost, random: SeededRandom): void {
  const count = random.weighted([[1, 3], [2, 5], [3, 2]]);
  for (let index = 0; index < count; index++) {
    const model = random.pick(DISKS);
    const name = model.nvme ? `nvme${index}n1` : `sd${String.fromCharCode(97 + index)}`;
    const idPath = model.nvme
      ? `/dev/disk/by-id/nvme-${model.model.replace(/ /g, "_")}_${random.string(HEX_UPPER, 12)}`
      : `/dev/disk/by-id/wwn-0x5${random.string("0123456789abcdef", 15)}`;
    const disk = storage.addDevice({
      type: "physical",
      name,
      idPath,
      model: model.model,
      size: model.size,
      blockSize: model.nvme ? 4096 : 512,
      tags: model.nvme ? ["ssd", "nvme"] : model.ssd ? ["ssd"] : ["rotary", "7200rpm"],
      serial: random.string(SERIAL, 14),
      numaNode: 0,
      firmwareVersion: random.string(SERIAL, 8),
    });
    if (index > 0) continue;
    disk.partitionTableType = "GPT";
    const rest = model.size - EFI_SIZE - storage.tableOverhead(host);
    const layout: [number, string, string, string][] = [
      [EFI_SIZE, "fat32", "efi", "/boot/efi"],
      [Math.floor(rest / (4 * MIB)) * 4 * MIB, "ext4", "root", "/"],
    ];
    for (const [number, [size, fstype, label, mountPoint]] of layout.entries()) {
      const partition = storage.addPartition(disk, host, {
        size,
        uuid: random.uuid(),
        bootable: number === 0,
        index: number + 1,
      });
      storage.addFilesystem({ kind: "partition", id: partition.id }, {
        fstype,
        label,
        uuid: random.uuid(),
        mountPoint,
      });
    }
  }
}
