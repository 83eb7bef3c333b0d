/**
 * Rack controllers: they serve DHCP, TFTP and power control for the machines they reach —
 * `rackcontrollers/` and `rackcontrollers/{system_id}/`. A region-and-rack controller is one too.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function drivers(client: Client): Promise<string[]> {
 *   return (await client.rackControllers.describePowerTypes()).map((type) => type.name);
 * }
 * ```
 *
 * @module
 */

import type { CallOptions, WireData } from "./base.ts";
import { invoke } from "./engine.ts";
import { NodeType, type PowerState } from "./enums.ts";
import type { OneOrMore, SystemIdOrNode } from "./node_params.ts";
import {
  collectionOps,
  COMMENT_PARAMS,
  type CommentOptions,
  Controller,
  CONTROLLER_FIELDS,
  controllerOps,
  defineNode,
  memberOps,
  NodeCollection,
  type NodeCollectionOps,
  POWER_OFF_PARAMS,
  POWER_ON_PARAMS,
  POWER_PARAMETERS_PARAMS,
  type PowerOffOptions,
  type PowerOnOptions,
  TEST_PARAMS,
  type TestOptions,
  withScriptParameters,
} from "./nodes.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import { expectList, expectObject } from "./wire.ts";

/**
 * The rack controllers family: `rackcontrollers/` and `rackcontrollers/{system_id}/`.
 *
 * @example
 * ```ts
 * import { RACK_CONTROLLERS } from "./rack_controllers.ts";
 * console.log(RACK_CONTROLLERS.ops.listBootImages.op); // list_boot_images
 * ```
 */
export const RACK_CONTROLLERS = family({
  name: "rackControllers",
  handlers: {
    RackControllersHandler: "rackcontrollers/",
    RackControllerHandler: "rackcontrollers/{system_id}/",
  },
  pathParams: { system_id: "string" },
  fields: { ...CONTROLLER_FIELDS, serviceSet: { wire: "service_set", kind: "objects" } },
  ops: {
    ...collectionOps("RackControllersHandler", "rackControllers"),
    ...memberOps("RackControllerHandler", "rackControllers", "rack"),
    ...controllerOps("RackControllerHandler", "rack"),
    describePowerTypes: op({
      handler: "RackControllersHandler",
      method: "GET",
      op: "describe_power_types",
      typed: ["client.rackControllers.describePowerTypes()"],
    }),
    importAllBootImages: op({
      handler: "RackControllersHandler",
      method: "POST",
      op: "import_boot_images",
      typed: ["client.rackControllers.importBootImages()"],
    }),
    powerParametersOf: op<{ id?: OneOrMore<SystemIdOrNode> }>({
      handler: "RackControllersHandler",
      method: "GET",
      op: "power_parameters",
      typed: ["client.rackControllers.powerParameters()"],
      params: POWER_PARAMETERS_PARAMS,
    }),
    queryPowerState: op({
      handler: "RackControllerHandler",
      method: "GET",
      op: "query_power_state",
      typed: ["rack.queryPowerState()"],
    }),
    powerOn: op<PowerOnOptions>({
      handler: "RackControllerHandler",
      method: "POST",
      op: "power_on",
      typed: ["rack.powerOn()"],
      params: POWER_ON_PARAMS,
    }),
    powerOff: op<PowerOffOptions>({
      handler: "RackControllerHandler",
      method: "POST",
      op: "power_off",
      typed: ["rack.powerOff()"],
      params: POWER_OFF_PARAMS,
    }),
    test: op<Omit<TestOptions, "parameters">>({
      handler: "RackControllerHandler",
      method: "POST",
      op: "test",
      typed: ["rack.test()"],
      params: TEST_PARAMS,
    }),
    abort: op<CommentOptions>({
      handler: "RackControllerHandler",
      method: "POST",
      op: "abort",
      typed: ["rack.abort()"],
      params: COMMENT_PARAMS,
    }),
    overrideFailedTesting: op<CommentOptions>({
      handler: "RackControllerHandler",
      method: "POST",
      op: "override_failed_testing",
      typed: ["rack.overrideFailedTesting()"],
      params: COMMENT_PARAMS,
    }),
    importBootImages: op({
      handler: "RackControllerHandler",
      method: "POST",
      op: "import_boot_images",
      typed: ["rack.importBootImages()"],
    }),
    listBootImages: op({
      handler: "RackControllerHandler",
      method: "GET",
      op: "list_boot_images",
      typed: ["rack.listBootImages()"],
    }),
  },
});

/** A service running on a controller, as MAAS reports it. */
export interface ControllerService {
  /** Service name, such as `rackd`, `dhcpd`, `tftp`. */
  readonly name: string;
  /** `running`, `degraded`, `dead`, `off` or `unknown`. */
  readonly status: string;
  /** Details when the status is not `running`. */
  readonly statusInfo: string;
}

/** What `list_boot_images` answers for a rack controller. */
export interface RackBootImages {
  /** The images: name (`ubuntu/jammy`), architecture and subarchitectures. */
  readonly images: ReadonlyArray<
    { readonly name: string; readonly architecture: string; readonly subarches: string[] }
  >;
  /** Whether the rack is connected to the region. */
  readonly connected: boolean;
  /** `synced`, `syncing` or `out-of-sync`. */
  readonly status: string;
}

/** A power driver as `describe_power_types` answers: its name, description and fields. */
export interface PowerTypeDescription {
  /** Driver name, such as `ipmi`. */
  readonly name: string;
  /** Display name. */
  readonly description: string;
  /** The parameters the driver takes, as MAAS describes them. */
  readonly fields: readonly WireData[];
  /** Whether the driver can probe a chassis for machines (`add_chassis`). */
  readonly can_probe?: boolean;
  /** Unknown fields, kept as sent. */
  readonly [field: string]: unknown;
}

/**
 * A rack controller: it serves DHCP, TFTP and power control for the machines it reaches.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function unhealthy(client: Client) {
 *   for (const rack of await client.rackControllers.list()) {
 *     const down = rack.services.filter((s) => s.status !== "running" && s.status !== "off");
 *     if (down.length) console.log(rack.hostname, down.map((s) => s.name));
 *   }
 * }
 * ```
 */
export class RackController extends Controller {
  static {
    this.registerNodeType(NodeType.RACK_CONTROLLER, RackController);
    this.registerNodeType(NodeType.REGION_AND_RACK_CONTROLLER, RackController);
  }

  /** The services of the controller and their state. */
  get services(): ControllerService[] {
    const list = (this.get("service_set") ?? []) as WireData[];
    return list.map((s) => ({
      name: s.name as string,
      status: s.status as string,
      statusInfo: (s.status_info as string) ?? "",
    }));
  }

  /** Asks the controller's BMC for its power state. */
  async queryPowerState(params?: ExtraParams, options?: CallOptions): Promise<PowerState> {
    return await this.readPowerState(RACK_CONTROLLERS.ops.queryPowerState, params, options);
  }

  /** Powers the controller on. */
  async powerOn(params?: PowerOnOptions, options?: CallOptions): Promise<this> {
    return await this.run(RACK_CONTROLLERS.ops.powerOn, params, options);
  }

  /** Powers the controller off. */
  async powerOff(params?: PowerOffOptions, options?: CallOptions): Promise<this> {
    return await this.run(RACK_CONTROLLERS.ops.powerOff, params, options);
  }

  /** Runs hardware tests on the controller. */
  async test(params?: TestOptions, options?: CallOptions): Promise<this> {
    return await this.run(RACK_CONTROLLERS.ops.test, withScriptParameters(params), options);
  }

  /** Aborts the controller's current operation. */
  async abort(params?: CommentOptions, options?: CallOptions): Promise<this> {
    return await this.run(RACK_CONTROLLERS.ops.abort, params, options);
  }

  /** Ignores failed tests and puts the controller back into use. */
  async overrideFailedTesting(params?: CommentOptions, options?: CallOptions): Promise<this> {
    return await this.run(RACK_CONTROLLERS.ops.overrideFailedTesting, params, options);
  }

  /** Asks the controller to import boot images (deprecated by MAAS; the region syncs them). */
  async importBootImages(params?: ExtraParams, options?: CallOptions): Promise<void> {
    await invoke(this.client, RACK_CONTROLLERS.ops.importBootImages, {
      path: this.resourcePath,
      params,
      call: options,
    });
  }

  /** The boot images the controller has and whether they are in sync with the region. */
  async listBootImages(params?: ExtraParams, options?: CallOptions): Promise<RackBootImages> {
    const answer = await invoke(this.client, RACK_CONTROLLERS.ops.listBootImages, {
      path: this.resourcePath,
      params,
      call: options,
    });
    return expectObject(answer, "a boot image list") as unknown as RackBootImages;
  }
}
defineNode(RackController, RACK_CONTROLLERS.fields, RACK_CONTROLLERS.ops);

/**
 * `client.rackControllers`: list and read rack controllers, import boot images, describe the
 * power drivers.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function drivers(client: Client): Promise<string[]> {
 *   return (await client.rackControllers.describePowerTypes()).map((type) => type.name);
 * }
 * ```
 */
export class RackControllers extends NodeCollection<RackController> {
  /** The rack controllers family's ops. */
  protected readonly ops: NodeCollectionOps = RACK_CONTROLLERS.ops;

  /** Wraps a rack controller. */
  protected wrap(data: WireData): RackController {
    return new RackController(this.context, data);
  }

  /** Asks every rack controller to import boot images. */
  async importBootImages(params?: ExtraParams, options?: CallOptions): Promise<void> {
    await invoke(this.context, RACK_CONTROLLERS.ops.importAllBootImages, {
      params,
      call: options,
    });
  }

  /** The power drivers MAAS knows and the parameters each takes. */
  async describePowerTypes(
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<PowerTypeDescription[]> {
    const answer = await invoke(this.context, RACK_CONTROLLERS.ops.describePowerTypes, {
      params,
      call: options,
    });
    return expectList(answer, "power types") as unknown as PowerTypeDescription[];
  }

  /** Power parameters of several rack controllers, by system id (all when none are given). */
  async powerParameters(
    controllers: OneOrMore<SystemIdOrNode> = [],
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<Record<string, Record<string, unknown>>> {
    const answer = await invoke(this.context, RACK_CONTROLLERS.ops.powerParametersOf, {
      params,
      set: { id: controllers },
      call: options,
    });
    return expectObject(answer, "power parameters") as Record<string, Record<string, unknown>>;
  }
}
