/**
 * Devices: non-deployable nodes MAAS tracks for their addresses and DNS (a switch, a VM, a
 * container), optionally attached to a parent node — `devices/` and `devices/{system_id}/`.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addSwitch(client: Client) {
 *   return await client.devices.create({ hostname: "switch-1", macAddresses: ["52:54:00:aa:bb:cc"] });
 * }
 * ```
 *
 * @module
 */

import type { CallOptions, WireData } from "./base.ts";
import { oneOf } from "./engine.ts";
import { NodeType } from "./enums.ts";
import {
  NAME,
  type NameOrObject,
  type OneOrMore,
  SIZE,
  SYSTEM_ID,
  type SystemIdOrNode,
} from "./node_params.ts";
import {
  type AnnotationChanges,
  collectionOps,
  defineNode,
  memberOps,
  Node,
  NODE_FIELDS,
  NodeCollection,
  type NodeCollectionOps,
} from "./nodes.ts";
import { type ExtraParams, family, op } from "./spec.ts";

/** What a new device takes. */
export interface CreateDeviceOptions extends ExtraParams {
  /** One or more MAC addresses of the device. */
  macAddresses: OneOrMore<string>;
  /** Host name (generated when left out). */
  hostname?: string;
  /** Free-form description. */
  description?: string;
  /** DNS domain (default domain when left out). */
  domain?: NameOrObject;
  /** Availability zone (the default zone when left out). */
  zone?: NameOrObject;
  /** The parent node. */
  parent?: SystemIdOrNode;
  /** Swap size: bytes or text such as `2G`. */
  swapSize?: string | number;
  /** Deprecated by MAAS; must stay false. */
  disableIpv4?: boolean;
  /** Power driver of the device, such as `manual`. */
  powerType?: string;
  /** Add the device as already deployed (MAAS 3.7 and later). */
  deployed?: boolean;
}

/** What a device's `save()` sends: the fields of {@linkcode Device} that may be changed. */
interface DeviceChanges {
  hostname?: string;
  description?: string;
  domain?: NameOrObject;
  zone?: NameOrObject;
  parent?: SystemIdOrNode;
}

/** What a device's `save()` takes besides the fields changed on the object. */
export interface DeviceSaveOptions extends ExtraParams {
  /** Swap size: bytes or text such as `2G`. */
  swapSize?: string | number;
  /** Deprecated by MAAS; must stay false. */
  disableIpv4?: boolean;
}

const DEVICE_FORM_PARAMS = {
  hostname: { wire: "hostname", kind: "string" },
  description: { wire: "description", kind: "string" },
  domain: { wire: "domain", kind: NAME },
  zone: { wire: "zone", kind: NAME },
  parent: { wire: "parent", kind: SYSTEM_ID },
  swapSize: { wire: "swap_size", kind: SIZE },
  disableIpv4: { wire: "disable_ipv4", kind: "boolean" },
} as const;

/**
 * The devices family: `devices/` and `devices/{system_id}/`.
 *
 * @example
 * ```ts
 * import { DEVICES } from "./devices.ts";
 * console.log(DEVICES.ops.create.path); // devices/
 * ```
 */
export const DEVICES = family({
  name: "devices",
  handlers: { DevicesHandler: "devices/", DeviceHandler: "devices/{system_id}/" },
  pathParams: { system_id: "string" },
  fields: {
    ...NODE_FIELDS,
    hostname: { wire: "hostname", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
    parent: { wire: "parent", kind: "string", writable: true },
    ownerData: { wire: "owner_data", kind: "object" },
  },
  ops: {
    ...collectionOps("DevicesHandler", "devices"),
    ...memberOps("DeviceHandler", "devices", "device"),
    create: op<CreateDeviceOptions>({
      handler: "DevicesHandler",
      method: "POST",
      typed: ["client.devices.create()"],
      params: {
        ...DEVICE_FORM_PARAMS,
        macAddresses: { wire: "mac_addresses", kind: "strings", required: true },
        powerType: { wire: "power_type", kind: "string" },
        deployed: { wire: "deployed", kind: "boolean", lines: ["3.7", "3.8", "master"] },
      },
    }),
    update: op<DeviceChanges & DeviceSaveOptions>({
      handler: "DeviceHandler",
      method: "PUT",
      typed: ["device.save()"],
      params: DEVICE_FORM_PARAMS,
    }),
    delete: op({ handler: "DeviceHandler", method: "DELETE", typed: ["device.delete()"] }),
    restoreDefaultConfiguration: op({
      handler: "DeviceHandler",
      method: "POST",
      op: "restore_default_configuration",
      typed: ["device.restoreDefaultConfiguration()"],
    }),
    restoreNetworkingConfiguration: op({
      handler: "DeviceHandler",
      method: "POST",
      op: "restore_networking_configuration",
      typed: ["device.restoreNetworkingConfiguration()"],
    }),
    setWorkloadAnnotations: op({
      handler: "DeviceHandler",
      method: "POST",
      op: "set_workload_annotations",
      typed: ["device.setWorkloadAnnotations()"],
      lines: ["3.0", "3.7", "3.8", "master"],
    }),
    setOwnerData: op({
      handler: "DeviceHandler",
      method: "POST",
      op: "set_owner_data",
      typed: ["device.setOwnerData()"],
    }),
  },
});

/**
 * A device: a non-deployable node MAAS tracks for its addresses and DNS (a switch, a VM, a
 * container), optionally attached to a parent node. MAAS's device update reads neither a power
 * driver nor a resource pool, so devices have neither to set.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addSwitch(client: Client) {
 *   const device = await client.devices.create({
 *     hostname: "switch-1",
 *     macAddresses: ["52:54:00:aa:bb:cc"],
 *   });
 *   device.description = "top of rack";
 *   await device.save();
 * }
 * ```
 */
export class Device extends Node {
  /** Host name, without the domain; assign and `save()` to rename the device. */
  declare hostname: string;
  /** Free-form description; assign and `save()` to change it. */
  declare description: string;
  /** Devices have no life-cycle status. */
  declare readonly status: undefined;
  /** Deprecated name of the workload annotations, still sent by MAAS. */
  declare readonly ownerData: Readonly<Record<string, string>> | undefined;

  static {
    this.registerNodeType(NodeType.DEVICE, Device);
  }

  /** The parent node's system id, or `null`; assign a system id (or a node) and `save()`. */
  get parent(): string | null {
    return (this.get("parent") as string | null | undefined) ?? null;
  }
  /** Records a new parent for `save()`. */
  set parent(value: SystemIdOrNode) {
    this.set("parent", SYSTEM_ID.encode(value, "parent"));
  }

  /** Sends the changed fields, with `params` for what is not a field (`swapSize`). */
  override async save(params?: DeviceSaveOptions, options?: CallOptions): Promise<this> {
    return await super.save(params, options);
  }

  /** Sets workload annotations (`""` or `null` removes a key; MAAS 3.0 and later). */
  async setWorkloadAnnotations(
    annotations: AnnotationChanges,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<this> {
    return await this.annotate(DEVICES.ops.setWorkloadAnnotations, annotations, params, options);
  }

  /** Sets workload annotations through their older name, `set_owner_data` (every line). */
  async setOwnerData(
    annotations: AnnotationChanges,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<this> {
    return await this.annotate(DEVICES.ops.setOwnerData, annotations, params, options);
  }

  /** Restores the device's networking to what MAAS discovered. */
  async restoreNetworkingConfiguration(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.run(DEVICES.ops.restoreNetworkingConfiguration, params, options);
  }

  /** Restores the device's default configuration. */
  async restoreDefaultConfiguration(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.run(DEVICES.ops.restoreDefaultConfiguration, params, options);
  }
}
// The parent's accessors are the class's own: they take a node as well as a system id.
const { parent: _parent, ...DEVICE_FIELDS } = DEVICES.fields;
defineNode(Device, DEVICE_FIELDS, DEVICES.ops);

/**
 * `client.devices`: list, read and create devices.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function childrenOf(client: Client, parent: string) {
 *   return (await client.devices.list()).filter((device) => device.parent === parent);
 * }
 * ```
 */
export class Devices extends NodeCollection<Device> {
  /** The devices family's ops. */
  protected readonly ops: NodeCollectionOps = DEVICES.ops;

  /** Wraps a device. */
  protected wrap(data: WireData): Device {
    return new Device(this.context, data);
  }

  /** Creates a device, owned by the caller. */
  async create(params: CreateDeviceOptions, options?: CallOptions): Promise<Device> {
    return await oneOf(this.context, DEVICES.ops.create, Device, "a device", {
      params,
      call: options,
    });
  }
}
