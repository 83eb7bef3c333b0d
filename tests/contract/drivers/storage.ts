// The contract test's drivers of the storage families (block devices, partitions, volume groups,
// RAIDs, bcache cache sets, bcaches, VMFS datastores): one per typed method their descriptions
// name. Each object is made on a Ready machine of its own, outside the measured requests.
import {
  type Bcache,
  type BcacheCacheSet,
  type BlockDevice,
  type Client,
  type MaasObject,
  NodeBcacheCacheSets,
  NodeBcaches,
  NodeBlockDevices,
  NodeRaids,
  NodeVmfsDatastores,
  NodeVolumeGroups,
  type Partition,
  type Raid,
  type VmfsDatastore,
  type VolumeGroup,
} from "../../../mod.ts";
import {
  applyStorageLayout,
  type MaasSimulator,
  NodeStatus,
  setStatus,
} from "../../../lib/testing/mod.ts";
import { type Driver, saving, unique, without } from "../support.ts";

let macs = 0;

/** A new machine, made Ready (its storage may be changed), with no disk yet. */
async function machine(client: Client, sim: MaasSimulator): Promise<string> {
  const mac = `52:54:01:00:${Math.floor(++macs / 256).toString(16).padStart(2, "0")}:${
    (macs % 256).toString(16).padStart(2, "0")
  }`;
  const created = await client.call<{ system_id: string }>("POST", "machines/", {
    params: {
      architecture: "amd64/generic",
      mac_addresses: mac,
      power_type: "manual",
      commission: "false",
    },
  });
  setStatus(sim.state.machines.get(created.system_id)!, NodeStatus.READY);
  return created.system_id;
}

function disk(client: Client, systemId: string): Promise<BlockDevice> {
  return new NodeBlockDevices(client, systemId).create({
    name: unique("sd"),
    size: 100_000_000_000,
    blockSize: 512,
    model: "QEMU HARDDISK",
    serial: unique("QM"),
  });
}

/** A disk of its own machine (the machine's second one: the first is its boot disk). */
async function spareDisk(client: Client, sim: MaasSimulator): Promise<BlockDevice> {
  const systemId = await machine(client, sim);
  await disk(client, systemId);
  return await disk(client, systemId);
}

async function partition(client: Client, sim: MaasSimulator): Promise<Partition> {
  return await (await spareDisk(client, sim)).partitions.create({ size: "10G" });
}

async function volumeGroup(client: Client, sim: MaasSimulator): Promise<VolumeGroup> {
  const device = await spareDisk(client, sim);
  return await new NodeVolumeGroups(client, device.systemId).create({
    name: unique("vg"),
    blockDevices: device,
  });
}

async function raid(client: Client, sim: MaasSimulator): Promise<Raid> {
  const first = await spareDisk(client, sim);
  const second = await disk(client, first.systemId);
  return await new NodeRaids(client, first.systemId).create({
    level: "raid-1",
    blockDevices: [first, second],
  });
}

async function cacheSet(client: Client, sim: MaasSimulator): Promise<BcacheCacheSet> {
  const device = await spareDisk(client, sim);
  return await new NodeBcacheCacheSets(client, device.systemId).create({ cacheDevice: device });
}

async function bcache(client: Client, sim: MaasSimulator): Promise<Bcache> {
  const set = await cacheSet(client, sim);
  return await new NodeBcaches(client, set.systemId).create({
    cacheSet: set,
    cacheMode: "writeback",
    backingDevice: await disk(client, set.systemId),
  });
}

async function datastore(client: Client, sim: MaasSimulator): Promise<VmfsDatastore> {
  const systemId = await machine(client, sim);
  await disk(client, systemId);
  applyStorageLayout(sim.state, sim.state.machines.get(systemId)!, "vmfs7");
  return (await new NodeVmfsDatastores(client, systemId).list())[0];
}

/** A namespace of a new machine. */
function namespace<T>(make: (client: Client, systemId: string) => T) {
  return async (client: Client, sim: MaasSimulator) => make(client, await machine(client, sim));
}

type Op = (o: Record<string, unknown>) => Promise<unknown>;
type Methods = Record<string, Op>;

/** Calls `method` of the object `setup` made, with the options. */
function calling(setup: Driver["setup"], method: string): Driver {
  return { setup, run: (_, t, o) => (t as Methods)[method](o) };
}

/** Calls a method whose first argument is the option `first` (the rest are its options). */
function firstArgument(setup: Driver["setup"], method: string, first: string): Driver {
  return {
    setup,
    run: (_, t, o) =>
      (t as Record<string, (a: unknown, o: unknown) => Promise<unknown>>)[method](
        o[first],
        without(o, first),
      ),
  };
}

const refresh = (setup: Driver["setup"]): Driver => ({
  setup,
  run: (_, t, o) => (t as MaasObject).refresh(o),
});
const remove = (setup: Driver["setup"]): Driver => ({
  setup,
  run: (_, t, o) => (t as MaasObject).delete(o),
});

/** The drivers of the filesystem and tag ops a block device and a partition share. */
function deviceDrivers(object: string, setup: Driver["setup"]): Record<string, Driver> {
  return {
    [`${object}.format()`]: firstArgument(setup, "format", "fstype"),
    [`${object}.unformat()`]: calling(setup, "unformat"),
    [`${object}.mount()`]: firstArgument(setup, "mount", "mountPoint"),
    [`${object}.unmount()`]: calling(setup, "unmount"),
    [`${object}.addTag()`]: firstArgument(setup, "addTag", "tag"),
    [`${object}.removeTag()`]: firstArgument(setup, "removeTag", "tag"),
  };
}

/** A `get` of the namespace an object came from, by the object's id. */
function getter(
  setup: (client: Client, sim: MaasSimulator) => Promise<{ id: number; systemId: string }>,
  space: (client: Client, systemId: string) => {
    get(id: number, o: unknown): Promise<unknown>;
  },
): Driver {
  return {
    setup: async (client, sim) => {
      const object = await setup(client, sim);
      return { object, space: space(client, object.systemId) };
    },
    run: (_, t, o) => {
      const { object, space } = t as {
        object: { id: number };
        space: { get(id: number, o: unknown): Promise<unknown> };
      };
      return space.get(object.id, o);
    },
  };
}

const MEMBERS_ARE_NOT_FIELDS = "update() sends the members; save() sends changed fields";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  // Block devices.
  "machine.blockDevices.list()": calling(
    namespace((c, id) => new NodeBlockDevices(c, id)),
    "list",
  ),
  "machine.blockDevices.create()": calling(
    namespace((c, id) => new NodeBlockDevices(c, id)),
    "create",
  ),
  "machine.blockDevices.get()": getter(spareDisk, (c, id) => new NodeBlockDevices(c, id)),
  "blockDevice.refresh()": refresh(spareDisk),
  "blockDevice.save()": saving(spareDisk),
  "blockDevice.delete()": remove(spareDisk),
  "blockDevice.setBootDisk()": calling(spareDisk, "setBootDisk"),
  ...deviceDrivers("blockDevice", spareDisk),

  // Partitions.
  "blockDevice.partitions.list()": {
    setup: spareDisk,
    run: (_, t, o) => (t as BlockDevice).partitions.list(o),
  },
  "blockDevice.partitions.create()": {
    setup: spareDisk,
    run: (_, t, o) => (t as BlockDevice).partitions.create(o),
  },
  "blockDevice.partitions.get()": {
    setup: async (client, sim) => {
      const made = await partition(client, sim);
      return { made, device: await new NodeBlockDevices(client, made.systemId).get(made.deviceId) };
    },
    run: (_, t, o) => {
      const { made, device } = t as { made: Partition; device: BlockDevice };
      return device.partitions.get(made.id, o);
    },
  },
  "partition.refresh()": refresh(partition),
  "partition.delete()": remove(partition),
  ...deviceDrivers("partition", partition),

  // Volume groups and their logical volumes.
  "machine.volumeGroups.list()": calling(
    namespace((c, id) => new NodeVolumeGroups(c, id)),
    "list",
  ),
  "machine.volumeGroups.create()": calling(
    namespace((c, id) => new NodeVolumeGroups(c, id)),
    "create",
  ),
  "machine.volumeGroups.get()": getter(volumeGroup, (c, id) => new NodeVolumeGroups(c, id)),
  "volumeGroup.refresh()": refresh(volumeGroup),
  "volumeGroup.update()": calling(volumeGroup, "update"),
  "volumeGroup.save()": {
    ...saving(volumeGroup),
    skip: {
      addBlockDevices: MEMBERS_ARE_NOT_FIELDS,
      removeBlockDevices: MEMBERS_ARE_NOT_FIELDS,
      addPartitions: MEMBERS_ARE_NOT_FIELDS,
      removePartitions: MEMBERS_ARE_NOT_FIELDS,
    },
  },
  "volumeGroup.delete()": remove(volumeGroup),
  "volumeGroup.createLogicalVolume()": calling(volumeGroup, "createLogicalVolume"),
  "volumeGroup.deleteLogicalVolume()": firstArgument(volumeGroup, "deleteLogicalVolume", "volume"),

  // RAIDs.
  "machine.raids.list()": calling(namespace((c, id) => new NodeRaids(c, id)), "list"),
  "machine.raids.create()": calling(namespace((c, id) => new NodeRaids(c, id)), "create"),
  "machine.raids.get()": getter(raid, (c, id) => new NodeRaids(c, id)),
  "raid.refresh()": refresh(raid),
  "raid.update()": calling(raid, "update"),
  "raid.save()": {
    ...saving(raid),
    skip: Object.fromEntries(
      [
        "addBlockDevices",
        "removeBlockDevices",
        "addPartitions",
        "removePartitions",
        "addSpareDevices",
        "removeSpareDevices",
        "addSparePartitions",
        "removeSparePartitions",
      ].map((name) => [name, MEMBERS_ARE_NOT_FIELDS]),
    ),
  },
  "raid.delete()": remove(raid),

  // Bcache cache sets.
  "machine.bcacheCacheSets.list()": calling(
    namespace((c, id) => new NodeBcacheCacheSets(c, id)),
    "list",
  ),
  "machine.bcacheCacheSets.create()": {
    setup: namespace((c, id) => new NodeBcacheCacheSets(c, id)),
    // MAAS needs a device or a partition: every case without a partition names a device.
    run: (_, t, o) =>
      (t as NodeBcacheCacheSets).create({
        ...("cachePartition" in o ? {} : { cacheDevice: "contract" }),
        ...o,
      }),
  },
  "machine.bcacheCacheSets.get()": getter(cacheSet, (c, id) => new NodeBcacheCacheSets(c, id)),
  "cacheSet.refresh()": refresh(cacheSet),
  "cacheSet.update()": calling(cacheSet, "update"),
  "cacheSet.delete()": remove(cacheSet),

  // Bcaches.
  "machine.bcaches.list()": calling(namespace((c, id) => new NodeBcaches(c, id)), "list"),
  "machine.bcaches.create()": {
    setup: namespace((c, id) => new NodeBcaches(c, id)),
    // MAAS needs a backing device or partition: every case without a partition names a device.
    run: (_, t, o) =>
      (t as NodeBcaches).create({
        ...("backingPartition" in o ? {} : { backingDevice: "contract" }),
        ...o,
      } as never),
  },
  "machine.bcaches.get()": getter(bcache, (c, id) => new NodeBcaches(c, id)),
  "bcache.refresh()": refresh(bcache),
  "bcache.update()": calling(bcache, "update"),
  "bcache.save()": {
    ...saving(bcache),
    skip: {
      cacheSet: "the cache set is an object of its own: update() sends it",
      backingDevice: MEMBERS_ARE_NOT_FIELDS,
      backingPartition: MEMBERS_ARE_NOT_FIELDS,
    },
  },
  "bcache.delete()": remove(bcache),

  // VMFS datastores.
  "machine.vmfsDatastores.list()": calling(
    namespace((c, id) => new NodeVmfsDatastores(c, id)),
    "list",
  ),
  "machine.vmfsDatastores.create()": calling(
    namespace((c, id) => new NodeVmfsDatastores(c, id)),
    "create",
  ),
  "machine.vmfsDatastores.get()": getter(datastore, (c, id) => new NodeVmfsDatastores(c, id)),
  "datastore.refresh()": refresh(datastore),
  "datastore.update()": calling(datastore, "update"),
  "datastore.save()": {
    ...saving(datastore),
    skip: {
      addBlockDevices: MEMBERS_ARE_NOT_FIELDS,
      removeBlockDevices: MEMBERS_ARE_NOT_FIELDS,
      addPartitions: MEMBERS_ARE_NOT_FIELDS,
      removePartitions: MEMBERS_ARE_NOT_FIELDS,
    },
  },
  "datastore.delete()": remove(datastore),
};
