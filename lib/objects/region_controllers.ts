/**
 * Region controllers: they run the API, the database connection and DNS —
 * `regioncontrollers/` and `regioncontrollers/{system_id}/`. MAAS renders no services for them.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function regions(client: Client): Promise<string[]> {
 *   return (await client.regionControllers.list()).map((region) => region.fqdn);
 * }
 * ```
 *
 * @module
 */

import type { WireData } from "./base.ts";
import { NodeType } from "./enums.ts";
import {
  NODE_FILTER_PARAMS,
  type NodeFilters,
  type OneOrMore,
  type SystemIdOrNode,
} from "./node_params.ts";
import {
  Controller,
  CONTROLLER_FIELDS,
  CONTROLLER_UPDATE_PARAMS,
  type ControllerChanges,
  type ControllerSaveOptions,
  defineNode,
  type ForceDeleteOptions,
  IS_REGISTERED_PARAMS,
  NodeCollection,
  type NodeCollectionOps,
  SET_ZONE_PARAMS,
} from "./nodes.ts";
import { family, op } from "./spec.ts";

/**
 * The region controllers family: `regioncontrollers/` and `regioncontrollers/{system_id}/`.
 *
 * @example
 * ```ts
 * import { REGION_CONTROLLERS } from "./region_controllers.ts";
 * console.log(REGION_CONTROLLERS.ops.read.path); // regioncontrollers/{system_id}/
 * ```
 */
export const REGION_CONTROLLERS = family({
  name: "regionControllers",
  handlers: {
    RegionControllersHandler: "regioncontrollers/",
    RegionControllerHandler: "regioncontrollers/{system_id}/",
  },
  pathParams: { system_id: "string" },
  fields: CONTROLLER_FIELDS,
  ops: {
    list: op<NodeFilters>({
      handler: "RegionControllersHandler",
      method: "GET",
      typed: ["client.regionControllers.list()"],
      params: NODE_FILTER_PARAMS,
    }),
    isRegistered: op<{ macAddress: string }>({
      handler: "RegionControllersHandler",
      method: "GET",
      op: "is_registered",
      typed: ["client.regionControllers.isRegistered()"],
      params: IS_REGISTERED_PARAMS,
    }),
    setZone: op<{ nodes: OneOrMore<SystemIdOrNode>; zone: string | { name: string } }>({
      handler: "RegionControllersHandler",
      method: "POST",
      op: "set_zone",
      typed: ["client.regionControllers.setZone()"],
      params: SET_ZONE_PARAMS,
    }),
    read: op({
      handler: "RegionControllerHandler",
      method: "GET",
      typed: ["client.regionControllers.get()", "region.refresh()"],
    }),
    update: op<ControllerChanges & ControllerSaveOptions>({
      handler: "RegionControllerHandler",
      method: "PUT",
      typed: ["region.save()", "region.setPower()"],
      params: CONTROLLER_UPDATE_PARAMS,
    }),
    delete: op<ForceDeleteOptions>({
      handler: "RegionControllerHandler",
      method: "DELETE",
      typed: ["region.delete()"],
      params: { force: { wire: "force", kind: "boolean" } },
    }),
    details: op({
      handler: "RegionControllerHandler",
      method: "GET",
      op: "details",
      typed: ["region.getDetails()"],
    }),
    powerParameters: op({
      handler: "RegionControllerHandler",
      method: "GET",
      op: "power_parameters",
      typed: ["region.getPowerParameters()"],
    }),
  },
});

/**
 * A region controller: it runs the API, the database connection and DNS.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function regions(client: Client): Promise<string[]> {
 *   return (await client.regionControllers.list()).map((region) => region.fqdn);
 * }
 * ```
 */
export class RegionController extends Controller {
  static {
    this.registerNodeType(NodeType.REGION_CONTROLLER, RegionController);
  }
}
defineNode(RegionController, REGION_CONTROLLERS.fields, REGION_CONTROLLERS.ops);

/**
 * `client.regionControllers`: list and read region controllers.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function first(client: Client) {
 *   const [region] = await client.regionControllers.list();
 *   return region?.version;
 * }
 * ```
 */
export class RegionControllers extends NodeCollection<RegionController> {
  /** The region controllers family's ops. */
  protected readonly ops: NodeCollectionOps = REGION_CONTROLLERS.ops;

  /** Wraps a region controller. */
  protected wrap(data: WireData): RegionController {
    return new RegionController(this.context, data);
  }
}
