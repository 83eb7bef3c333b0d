// The contract test's drivers of the node families: nodes, machines, devices, rack and region
// controllers, node results, script results and node devices. Machines and devices are made for
// each call; controllers are registered in the simulator's state, since MAAS has no API for that.
import {
  type Client,
  type Device,
  type MaasObject,
  Machine,
  Node,
  type NodeDevice,
  type RackController,
  type ScriptSet,
} from "../../../mod.ts";
import type { MaasSimulator } from "../../../lib/testing/mod.ts";
import { registerController } from "../../../lib/testing/families/nodes/routes.ts";
import { type Driver, unique, without } from "../support.ts";

let macs = 0;
function mac(): string {
  macs++;
  return `52:54:00:c0:${(macs >> 8).toString(16).padStart(2, "0")}:${
    (macs & 0xff).toString(16).padStart(2, "0")
  }`;
}

const machine = (client: Client) =>
  client.machines.create({
    architecture: "amd64/generic",
    macAddresses: [mac()],
    commission: false,
  });

// A deployed machine has commissioning results and PCI devices.
const deployed = (client: Client) =>
  client.machines.create({
    architecture: "amd64/generic",
    macAddresses: [mac()],
    deployed: true,
  });

const node = async (client: Client) => {
  const made = await machine(client);
  return new Node(client, made.toJSON());
};
const device = (client: Client) => client.devices.create({ macAddresses: [mac()] });
const rack = (client: Client, sim: MaasSimulator) =>
  client.rackControllers.get(registerController(sim.state, unique("rack"), "rack"));
const region = (client: Client, sim: MaasSimulator) =>
  client.regionControllers.get(registerController(sim.state, unique("region"), "region"));
const scriptSet = async (client: Client) =>
  await (await deployed(client)).results.get("current-commissioning");
const nodeDevice = async (client: Client) => {
  const [first] = await (await deployed(client)).nodeDevices.list();
  return first;
};

type Call = (o: Record<string, unknown>) => Promise<unknown>;
const call = (target: unknown, method: string): Call =>
  (target as Record<string, Call>)[method].bind(target);

/** Drivers of the methods every node of a kind has: refresh, delete, details, power parameters. */
function objectDrivers(
  name: string,
  make: (client: Client, sim: MaasSimulator) => Promise<unknown>,
): Record<string, Driver> {
  return {
    [`${name}.refresh()`]: { setup: make, run: (_, t, o) => (t as MaasObject).refresh(o) },
    [`${name}.delete()`]: { setup: make, run: (_, t, o) => (t as MaasObject).delete(o) },
    [`${name}.getDetails()`]: { setup: make, run: (_, t, o) => call(t, "getDetails")(o) },
    [`${name}.getPowerParameters()`]: {
      setup: make,
      run: (_, t, o) => call(t, "getPowerParameters")(o),
    },
  };
}

/** Drivers of what every node namespace has: list, get, isRegistered, setZone. */
function collectionDrivers(
  name: "nodes" | "machines" | "devices" | "rackControllers" | "regionControllers",
  make: (client: Client, sim: MaasSimulator) => Promise<{ systemId: string }>,
): Record<string, Driver> {
  return {
    [`client.${name}.list()`]: { run: (c, _, o) => c[name].list(o) },
    [`client.${name}.get()`]: {
      setup: make,
      run: (c, t, o) => c[name].get((t as { systemId: string }).systemId, o),
    },
    [`client.${name}.isRegistered()`]: {
      run: (c, _, o) => c[name].isRegistered(o.macAddress as string, without(o, "macAddress")),
    },
    [`client.${name}.setZone()`]: {
      run: (c, _, o) =>
        c[name].setZone(o.nodes as string, o.zone as string, without(o, "nodes", "zone")),
    },
  };
}

/**
 * `save()` with each option: a field of the object is assigned and saved, anything else of the
 * update op is given to `save()` itself.
 */
function saving(
  make: (client: Client, sim: MaasSimulator) => Promise<MaasObject>,
  fields: readonly string[],
): Driver {
  return {
    setup: make,
    run: (_, target, options) => {
      const object = target as MaasObject & Record<string, unknown>;
      const params: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(options)) {
        if (fields.includes(name)) object[name] = value;
        else params[name] = value;
      }
      return (object.save as (p: unknown) => Promise<unknown>)(params);
    },
    quietWithoutOptions: true,
  };
}

/** `setPower()` with each option: the driver and its parameters are its own arguments. */
function settingPower(
  make: (client: Client, sim: MaasSimulator) => Promise<unknown>,
): Driver {
  return {
    setup: make,
    run: (_, t, o) =>
      (t as Machine).setPower("manual", {}, without(o, "powerType", "powerParameters")),
    skip: {
      powerType: "setPower() takes the driver as its first argument",
      powerParameters: "setPower() takes the parameters as its second argument",
    },
  };
}

const NODE_FIELDS = ["description", "zone", "domain"];
const MACHINE_FIELDS = [
  ...NODE_FIELDS,
  "hostname",
  "pool",
  "architecture",
  "minHweKernel",
  "hweKernel",
  "osystem",
  "distroSeries",
  "cpuCount",
  "memory",
  "swapSize",
  "disableIpv4",
  "powerType",
  "ephemeralDeploy",
  "enableHwSync",
  "enableKernelCrashDump",
  "isDpu",
];

const MACHINE_OPS = [
  "deploy",
  "commission",
  "release",
  "test",
  "powerOn",
  "powerOff",
  "abort",
  "overrideFailedTesting",
  "markBroken",
  "markFixed",
  "lock",
  "unlock",
  "rescueMode",
  "exitRescueMode",
  "queryPowerState",
  "getCurtinConfig",
  "getToken",
  "clearDefaultGateways",
  "restoreDefaultConfiguration",
  "restoreNetworkingConfiguration",
  "restoreStorageConfiguration",
];

const BULK = ["deploy", "commission", "release", "test", "powerOn", "powerOff"];

export const DRIVERS: Readonly<Record<string, Driver>> = {
  // nodes/
  ...collectionDrivers("nodes", machine),
  "node.refresh()": { setup: node, run: (_, t, o) => (t as Node).refresh(o) },
  "node.delete()": { setup: node, run: (_, t, o) => (t as Node).delete(o) },
  "node.getDetails()": { setup: node, run: (_, t, o) => (t as Node).getDetails(o) },
  "node.getPowerParameters()": {
    setup: node,
    run: (_, t, o) => (t as Node).getPowerParameters(o),
  },

  // machines/
  ...collectionDrivers("machines", machine),
  ...objectDrivers("machine", machine),
  "client.machines.getByHostname()": {
    run: (c, _, o) => c.machines.getByHostname("contract-host", o),
    skip: {
      hostname: "getByHostname() takes the hostname as its argument",
      domain: "getByHostname() takes the domain from the FQDN it is given",
    },
  },
  "client.machines.create()": { run: (c, _, o) => c.machines.create(o as never) },
  "client.machines.allocate()": { run: (c, _, o) => c.machines.allocate(o) },
  "client.machines.release()": {
    setup: machine,
    run: (c, t, o) => c.machines.release(o.machines as string ?? t, without(o, "machines")),
    skip: { machines: "release() takes the machines as its first argument" },
  },
  "client.machines.accept()": {
    setup: machine,
    run: (c, t, o) => c.machines.accept(t as Machine, o),
    skip: { machines: "accept() takes the machines as its first argument" },
  },
  "client.machines.acceptAll()": { run: (c, _, o) => c.machines.acceptAll(o) },
  "client.machines.listAllocated()": { run: (c, _, o) => c.machines.listAllocated(o) },
  "client.machines.powerParameters()": {
    setup: machine,
    run: (c, t, o) => c.machines.powerParameters(t as Machine, o),
    skip: { id: "powerParameters() takes the machines as its first argument" },
  },
  "client.machines.clone()": {
    // Without interfaces or storage the method refuses to send anything: every case copies one.
    run: (c, _, o) =>
      c.machines.clone(o.source as string, o.destinations as string, {
        interfaces: true,
        ...without(o, "source", "destinations"),
      }),
  },
  "client.machines.addChassis()": { run: (c, _, o) => c.machines.addChassis(o as never) },
  "machine.save()": saving(machine, MACHINE_FIELDS),
  "machine.setPower()": settingPower(machine),
  ...Object.fromEntries(
    MACHINE_OPS.map((method) => [
      `machine.${method}()`,
      { setup: machine, run: (_, t: unknown, o: Record<string, unknown>) => call(t, method)(o) },
    ]),
  ),
  ...Object.fromEntries(
    BULK.map((method) => [
      `client.machines.${method}All()`,
      {
        setup: machine,
        run: (c: Client, t: unknown, o: Record<string, unknown>) =>
          (c.machines as unknown as Record<string, (m: unknown, o: unknown) => Promise<unknown>>)[
            `${method}All`
          ]([t], o),
      },
    ]),
  ),
  "machine.setStorageLayout()": {
    setup: machine,
    run: (_, t, o) =>
      (t as Machine).setStorageLayout(o.storageLayout as never, without(o, "storageLayout")),
  },
  "machine.mountSpecial()": {
    setup: machine,
    run: (_, t, o) => (t as Machine).mountSpecial(o as never),
  },
  "machine.unmountSpecial()": {
    setup: machine,
    run: (_, t, o) =>
      (t as Machine).unmountSpecial(o.mountPoint as string, without(o, "mountPoint")),
  },
  "machine.setWorkloadAnnotations()": {
    setup: machine,
    run: (_, t, o) => (t as Machine).setWorkloadAnnotations({}, o),
  },
  "machine.setOwnerData()": {
    setup: machine,
    run: (_, t, o) => (t as Machine).setOwnerData({}, o),
  },

  // devices/
  ...collectionDrivers("devices", device),
  ...objectDrivers("device", device),
  "client.devices.create()": {
    run: (c, _, o) => c.devices.create({ macAddresses: [mac()], ...o } as never),
  },
  "device.save()": saving(device, [...NODE_FIELDS, "hostname", "parent"]),
  "device.restoreDefaultConfiguration()": {
    setup: device,
    run: (_, t, o) => (t as Device).restoreDefaultConfiguration(o),
  },
  "device.restoreNetworkingConfiguration()": {
    setup: device,
    run: (_, t, o) => (t as Device).restoreNetworkingConfiguration(o),
  },
  "device.setWorkloadAnnotations()": {
    setup: device,
    run: (_, t, o) => (t as Device).setWorkloadAnnotations({}, o),
  },
  "device.setOwnerData()": { setup: device, run: (_, t, o) => (t as Device).setOwnerData({}, o) },

  // rackcontrollers/
  ...collectionDrivers("rackControllers", rack),
  ...objectDrivers("rack", rack),
  "rack.save()": saving(rack, [...NODE_FIELDS, "powerType"]),
  "rack.setPower()": settingPower(rack),
  ...Object.fromEntries(
    [
      "queryPowerState",
      "powerOn",
      "powerOff",
      "test",
      "abort",
      "overrideFailedTesting",
      "importBootImages",
      "listBootImages",
    ].map((method) => [
      `rack.${method}()`,
      { setup: rack, run: (_, t: unknown, o: Record<string, unknown>) => call(t, method)(o) },
    ]),
  ),
  "client.rackControllers.describePowerTypes()": {
    run: (c, _, o) => c.rackControllers.describePowerTypes(o),
  },
  "client.rackControllers.importBootImages()": {
    run: (c, _, o) => c.rackControllers.importBootImages(o),
  },
  "client.rackControllers.powerParameters()": {
    setup: rack,
    run: (c, t, o) => c.rackControllers.powerParameters(t as RackController, o),
    skip: { id: "powerParameters() takes the controllers as its first argument" },
  },

  // regioncontrollers/
  ...collectionDrivers("regionControllers", region),
  ...objectDrivers("region", region),
  "region.save()": saving(region, [...NODE_FIELDS, "powerType"]),
  "region.setPower()": settingPower(region),

  // installation-results/, nodes/{system_id}/results/, nodes/{system_id}/devices/
  "client.nodeResults.list()": { run: (c, _, o) => c.nodeResults.list(o) },
  "node.results.list()": { setup: deployed, run: (_, t, o) => (t as Machine).results.list(o) },
  "node.results.get()": {
    setup: deployed,
    run: (_, t, o) => (t as Machine).results.get("current-commissioning", o),
  },
  "scriptSet.refresh()": { setup: scriptSet, run: (_, t, o) => (t as ScriptSet).refresh(o) },
  "scriptSet.update()": { setup: scriptSet, run: (_, t, o) => (t as ScriptSet).update(o) },
  "scriptSet.delete()": { setup: scriptSet, run: (_, t, o) => (t as ScriptSet).delete(o) },
  "scriptSet.download()": { setup: scriptSet, run: (_, t, o) => (t as ScriptSet).download(o) },
  "scriptSet.downloadText()": {
    setup: scriptSet,
    run: (_, t, o) => (t as ScriptSet).downloadText(o),
    skip: { filetype: "downloadText() is the text download" },
  },
  "node.nodeDevices.list()": {
    setup: deployed,
    run: (_, t, o) => (t as Machine).nodeDevices.list(o),
  },
  "node.nodeDevices.get()": {
    setup: nodeDevice,
    run: (c, t, o) =>
      new Machine(c, { system_id: (t as NodeDevice).systemId }).nodeDevices.get(
        (t as NodeDevice).id,
        o,
      ),
  },
  "nodeDevice.refresh()": { setup: nodeDevice, run: (_, t, o) => (t as NodeDevice).refresh(o) },
  "nodeDevice.delete()": { setup: nodeDevice, run: (_, t, o) => (t as NodeDevice).delete(o) },
};
