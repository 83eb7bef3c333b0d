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
  collectionOps,
  Controller,
  CONTROLLER_FIELDS,
  controllerOps,
  defineNode,
  memberOps,
  NodeCollection,
  type NodeCollectionOps,
} from "./nodes.ts";
import { family } from "./spec.ts";

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
    ...collectionOps("RegionControllersHandler", "regionControllers"),
    ...memberOps("RegionControllerHandler", "regionControllers", "region"),
    ...controllerOps("RegionControllerHandler", "region"),
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
