/**
 * Node devices: the PCI and USB devices commissioning found in a node (NICs, disks'
 * controllers, GPUs…) — `nodes/{system_id}/devices/` and `nodes/{system_id}/devices/{id}/`
 * (MAAS 3.0 and later).
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function gpus(machine: Machine): Promise<string[]> {
 *   return (await machine.nodeDevices.list({ hardwareType: "gpu" })).map((d) => d.productName);
 * }
 * ```
 *
 * @module
 */

import { defineObject, MaasObject, type WireData } from "./base.ts";
import { NodeScoped, type NodeScopedOps } from "./node_scoped.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";

/** What {@linkcode NodeDevices.list} filters on (every filter optional). */
export interface NodeDeviceFilters extends ExtraParams {
  /** `PCIE` or `USB`. */
  bus?: "PCIE" | "USB";
  /** `node`, `cpu`, `memory`, `storage`, `network` or `gpu`. */
  hardwareType?: "node" | "cpu" | "memory" | "storage" | "network" | "gpu";
  /** The vendor id, such as `8086`. */
  vendorId?: string;
  /** The product id, such as `1572`. */
  productId?: string;
  /** The vendor's name. */
  vendorName?: string;
  /** The product's name. */
  productName?: string;
  /** The kernel driver commissioning saw the device use, such as `i40e`. */
  commissioningDriver?: string;
}

const SINCE_30 = ["3.0", "3.7", "3.8", "master"] as const;

/**
 * The node devices family: `nodes/{system_id}/devices/` and `nodes/{system_id}/devices/{id}/`.
 *
 * @example
 * ```ts
 * import { NODE_DEVICES } from "./node_devices.ts";
 * console.log(NODE_DEVICES.ops.list.lines); // ["3.0", "3.7", "3.8", "master"]
 * ```
 */
export const NODE_DEVICES = family({
  name: "nodeDevices",
  handlers: {
    NodeDevicesHandler: "nodes/{system_id}/devices/",
    NodeDeviceHandler: "nodes/{system_id}/devices/{id}/",
  },
  pathParams: { system_id: "string", id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    systemId: { wire: "system_id", kind: "string" },
    bus: { wire: "bus", kind: "integer" },
    busName: { wire: "bus_name", kind: "string" },
    hardwareType: { wire: "hardware_type", kind: "integer" },
    hardwareTypeName: { wire: "hardware_type_name", kind: "string" },
    numaNode: { wire: "numa_node", kind: "integer" },
    physicalBlockdevice: { wire: "physical_blockdevice", kind: "object" },
    physicalInterface: { wire: "physical_interface", kind: "object" },
    vendorId: { wire: "vendor_id", kind: "string" },
    productId: { wire: "product_id", kind: "string" },
    vendorName: { wire: "vendor_name", kind: "string" },
    productName: { wire: "product_name", kind: "string" },
    commissioningDriver: { wire: "commissioning_driver", kind: "string" },
    busNumber: { wire: "bus_number", kind: "integer" },
    deviceNumber: { wire: "device_number", kind: "integer" },
    pciAddress: { wire: "pci_address", kind: "string" },
  },
  ops: {
    list: op<NodeDeviceFilters>({
      handler: "NodeDevicesHandler",
      method: "GET",
      typed: ["node.nodeDevices.list()"],
      lines: SINCE_30,
      params: {
        bus: { wire: "bus", kind: "string", values: ["PCIE", "USB"] },
        hardwareType: {
          wire: "hardware_type",
          kind: "string",
          values: ["node", "cpu", "memory", "storage", "network", "gpu"],
        },
        vendorId: { wire: "vendor_id", kind: "string" },
        productId: { wire: "product_id", kind: "string" },
        vendorName: { wire: "vendor_name", kind: "string" },
        productName: { wire: "product_name", kind: "string" },
        commissioningDriver: { wire: "commissioning_driver", kind: "string" },
      },
    }),
    read: op({
      handler: "NodeDeviceHandler",
      method: "GET",
      typed: ["node.nodeDevices.get()", "nodeDevice.refresh()"],
      lines: SINCE_30,
    }),
    delete: op({
      handler: "NodeDeviceHandler",
      method: "DELETE",
      typed: ["nodeDevice.delete()"],
      lines: SINCE_30,
    }),
  },
});

/**
 * One PCI or USB device of a node. Deleting it makes MAAS forget it until the next
 * commissioning finds it again.
 *
 * @example
 * ```ts
 * import type { NodeDevice } from "@libmaas/client";
 * function label(device: NodeDevice): string {
 *   return `${device.pciAddress ?? device.busName} ${device.vendorName} ${device.productName}`;
 * }
 * ```
 */
export class NodeDevice extends MaasObject {
  /** The device's id. */
  declare readonly id: number;
  /** The node's system id. */
  declare readonly systemId: string;
  /** Bus number: 1 PCIe, 2 USB. */
  declare readonly bus: number;
  /** `PCIE` or `USB`. */
  declare readonly busName: string;
  /** Hardware type number (0 node, 1 cpu, 2 memory, 3 storage, 4 network, 5 gpu). */
  declare readonly hardwareType: number;
  /** Hardware type name, such as `Network`. */
  declare readonly hardwareTypeName: string;
  /** The NUMA node it is attached to, as MAAS sent it. */
  declare readonly numaNode: number | WireData | null;
  /** The disk it is, as MAAS sent it, or `null`. */
  declare readonly physicalBlockdevice: WireData | null;
  /** The interface it is, as MAAS sent it, or `null`. */
  declare readonly physicalInterface: WireData | null;
  /** The vendor id, such as `8086`. */
  declare readonly vendorId: string;
  /** The product id. */
  declare readonly productId: string;
  /** The vendor's name. */
  declare readonly vendorName: string;
  /** The product's name. */
  declare readonly productName: string;
  /** The kernel driver it used during commissioning. */
  declare readonly commissioningDriver: string;
  /** Its bus number. */
  declare readonly busNumber: number;
  /** Its device number. */
  declare readonly deviceNumber: number;
  /** Its PCI address (`0000:3b:00.0`), or `null` for a USB device. */
  declare readonly pciAddress: string | null;

  /** `nodes/{system_id}/devices/{id}/`. */
  get resourcePath(): string {
    return pathOf(NODE_DEVICES.ops.read.path, this.data);
  }

  /** `NodeDevice 7 PCIE Intel Corporation Ethernet Controller X710`. */
  toString(): string {
    return `NodeDevice ${this.id} ${this.busName} ${this.vendorName} ${this.productName}`;
  }
}
defineObject(NodeDevice, NODE_DEVICES.fields, {
  read: NODE_DEVICES.ops.read,
  delete: NODE_DEVICES.ops.delete,
});

/**
 * The PCI and USB devices of one node: `node.nodeDevices`.
 *
 * @example
 * ```ts
 * import type { Machine } from "@libmaas/client";
 * async function nics(machine: Machine) {
 *   return await machine.nodeDevices.list({ hardwareType: "network" });
 * }
 * ```
 */
export class NodeDevices extends NodeScoped<NodeDevice, NodeDeviceFilters, ExtraParams, number> {
  /** The node devices family's ops. */
  protected readonly ops: NodeScopedOps<NodeDevice> = {
    list: NODE_DEVICES.ops.list,
    read: NODE_DEVICES.ops.read,
    wraps: NodeDevice,
    what: "node devices",
  };
}
