/**
 * Nodes: what machines, devices, rack and region controllers share — the {@linkcode Node} base,
 * the {@linkcode Controller} base of both kinds of controller, the {@linkcode NodeCollection}
 * behind each of their namespaces — and the nodes family itself (`nodes/` and
 * `nodes/{system_id}/`), which lists nodes of every kind, each in the class of its type.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function inZone(client: Client, zone: string) {
 *   for (const node of await client.nodes.list({ zone })) console.log(String(node));
 * }
 * ```
 *
 * @module
 */

import { decodeBson } from "../bson.ts";
import { ParameterError, ProtocolError } from "../errors.ts";
import {
  type CallOptions,
  type ClientContext,
  defineObject,
  MaasObject,
  Namespace,
  type ObjectOps,
  type WireData,
} from "./base.ts";
import { invoke } from "./engine.ts";
import type { NodeStatus, NodeType, PowerState, PowerStopMode } from "./enums.ts";
import { NodeInterfaces } from "./interfaces.ts";
import { NodeDevices } from "./node_devices.ts";
import { NodeScriptResults } from "./script_results.ts";
import {
  NAME,
  type NameOrObject,
  NODE_FILTER_PARAMS,
  type NodeFilters,
  type OneOrMore,
  POWER_PARAMETERS,
  type PowerParameters,
  SCRIPT_NAMES,
  type SystemIdOrNode,
  USER_DATA,
} from "./node_params.ts";
import { SYSTEM_IDS } from "./codecs.ts";
import {
  type ExtraParams,
  family,
  type FieldSpec,
  type Op,
  op,
  type OpSpec,
  type ParamSpecs,
  pathOf,
} from "./spec.ts";
import { describe, expectList, expectObject } from "./wire.ts";

export type {
  DeploymentTarget,
  InterfaceConstraints,
  NameOrObject,
  NodeFilters,
  NodeStatusLabel,
  OneOrMore,
  PowerParameters,
  SimpleNodeStatus,
  StorageConstraint,
  SystemIdOrNode,
} from "./node_params.ts";

/** An availability zone as a node carries it. */
export interface NodeZone {
  /** Zone id. */
  readonly id: number;
  /** Zone name (the key MAAS uses to name a zone). */
  readonly name: string;
  /** Free-form description. */
  readonly description: string;
}

/** A resource pool as a machine carries it. */
export interface NodePool {
  /** Pool id. */
  readonly id: number;
  /** Pool name. */
  readonly name: string;
  /** Free-form description. */
  readonly description: string;
}

/** A DNS domain as a node carries it. */
export interface NodeDomain {
  /** Domain id. */
  readonly id: number;
  /** Domain name, such as `maas`. */
  readonly name: string;
  /** Default TTL of the domain's records, or `null` for the global default. */
  readonly ttl: number | null;
  /** Whether MAAS is authoritative for the domain. */
  readonly authoritative: boolean;
  /** How many resource records the domain holds. */
  readonly resourceRecordCount: number;
  /** Whether this is the default domain. */
  readonly isDefault: boolean;
}

/**
 * Hardware facts MAAS gathered during commissioning (`system_vendor`, `system_product`,
 * `system_serial`, `cpu_model`, `mainboard_vendor`, `chassis_type`…), `Unknown` when not known.
 */
export type HardwareInfo = Readonly<Record<string, string>>;

/** Workload annotations: free key → value pairs the owner attaches to a node. */
export type WorkloadAnnotations = Readonly<Record<string, string>>;

/** What `setWorkloadAnnotations` takes: an empty string or `null` removes a key. */
export type AnnotationChanges = Readonly<Record<string, string | null>>;

/**
 * What `details` answers: detail name (`lshw`, `lldp`…) → the raw bytes, or `null` when the
 * node has none of that kind.
 */
export type NodeDetails = Readonly<Record<string, Uint8Array | null>>;

/** Options of an op that takes an event-log comment. */
export interface CommentOptions extends ExtraParams {
  /** A comment for the event log. */
  comment?: string;
}

/** Options of a power-off. */
export interface PowerOffOptions extends ExtraParams {
  /** `soft` asks the OS to shut down first; `hard` (the default) cuts power. */
  stopMode?: PowerStopMode;
  /** A comment for the event log. */
  comment?: string;
}

/** Options of a power-on. */
export interface PowerOnOptions extends ExtraParams {
  /** User data for cloud-init (text or bytes; base64-encoded for you). */
  userData?: string | Uint8Array;
  /** A comment for the event log. */
  comment?: string;
  /** The type of the bridges made on deployment: `standard` or `ovs` (MAAS up to 3.8). */
  bridgeType?: "standard" | "ovs";
  /** Spanning tree on those bridges (MAAS up to 3.8). */
  bridgeStp?: boolean;
  /** Forward delay of those bridges, in seconds (MAAS up to 3.8). */
  bridgeFd?: number;
  /** Install KVM and make the node a VM host (MAAS up to 3.8). */
  installKvm?: boolean;
  /** Register the node as an LXD VM host (MAAS 3.0 to 3.8). */
  registerVmhost?: boolean;
}

/** Script parameters by name, sent as given: MAAS reads them under names built from the scripts. */
export type ScriptParameters = Readonly<Record<string, string | number | boolean>>;

/** Options of a test run. */
export interface TestOptions extends ExtraParams {
  /** Allow SSH into the testing environment with the user's keys. */
  enableSsh?: boolean;
  /** Names or tags of the testing scripts to run (default: those tagged `commissioning`). */
  testingScripts?: OneOrMore<string>;
  /**
   * Parameters of the selected scripts, by parameter name (`storage`) or `script_parameter`
   * (`smartctl-validate_storage`); sent as given.
   */
  parameters?: ScriptParameters;
}

/** What a node's `delete()` takes where MAAS reads `force` (machines and controllers). */
export interface ForceDeleteOptions extends ExtraParams {
  /** Delete even what MAAS would refuse to (a controller still in use, a VM host's machine). */
  force?: boolean;
}

const UP_TO_38 = ["2.9", "3.0", "3.7", "3.8"] as const;

/**
 * The parameters of `power_on` (machines and rack controllers read the same ones).
 *
 * @example
 * ```ts
 * import { POWER_ON_PARAMS } from "./nodes.ts";
 * console.log(POWER_ON_PARAMS.userData.wire); // user_data
 * ```
 */
export const POWER_ON_PARAMS: ParamSpecs<PowerOnOptions> = {
  userData: { wire: "user_data", kind: USER_DATA },
  comment: { wire: "comment", kind: "string" },
  bridgeType: {
    wire: "bridge_type",
    kind: "string",
    values: ["standard", "ovs"],
    lines: UP_TO_38,
  },
  bridgeStp: { wire: "bridge_stp", kind: "boolean", lines: UP_TO_38 },
  bridgeFd: { wire: "bridge_fd", kind: "integer", lines: UP_TO_38 },
  installKvm: { wire: "install_kvm", kind: "boolean", lines: UP_TO_38 },
  registerVmhost: { wire: "register_vmhost", kind: "boolean", lines: ["3.0", "3.7", "3.8"] },
};

/**
 * The parameters of `power_off`.
 *
 * @example
 * ```ts
 * import { POWER_OFF_PARAMS } from "./nodes.ts";
 * console.log(POWER_OFF_PARAMS.stopMode.wire); // stop_mode
 * ```
 */
export const POWER_OFF_PARAMS: ParamSpecs<PowerOffOptions> = {
  stopMode: { wire: "stop_mode", kind: "string", values: ["soft", "hard"] },
  comment: { wire: "comment", kind: "string" },
};

/**
 * The parameters of `test` (script parameters go in `extra`, by the names MAAS builds).
 *
 * @example
 * ```ts
 * import { TEST_PARAMS } from "./nodes.ts";
 * console.log(TEST_PARAMS.testingScripts.wire); // testing_scripts
 * ```
 */
export const TEST_PARAMS: ParamSpecs<Omit<TestOptions, "parameters">> = {
  enableSsh: { wire: "enable_ssh", kind: "boolean" },
  testingScripts: { wire: "testing_scripts", kind: SCRIPT_NAMES },
};

/**
 * The parameters of the ops that take only a comment (`abort`, `lock`, `mark_fixed`…).
 *
 * @example
 * ```ts
 * import { COMMENT_PARAMS } from "./nodes.ts";
 * console.log(COMMENT_PARAMS.comment.wire); // comment
 * ```
 */
export const COMMENT_PARAMS: ParamSpecs<CommentOptions> = {
  comment: { wire: "comment", kind: "string" },
};

/** What `set_zone` takes: nodes and a zone (the methods take both positionally). */
export interface SetZoneParams {
  /** The nodes to move. */
  nodes: OneOrMore<SystemIdOrNode>;
  /** The zone to move them to. */
  zone: NameOrObject;
}

/**
 * The parameters of the collections' `set_zone`.
 *
 * @example
 * ```ts
 * import { SET_ZONE_PARAMS } from "./nodes.ts";
 * console.log(SET_ZONE_PARAMS.nodes.wire); // nodes
 * ```
 */
export const SET_ZONE_PARAMS: ParamSpecs<SetZoneParams> = {
  nodes: { wire: "nodes", kind: SYSTEM_IDS, required: true },
  zone: { wire: "zone", kind: NAME, required: true },
};

/** What `is_registered` takes: the MAC address (the methods take it positionally). */
export interface IsRegisteredParams {
  /** The MAC address. */
  macAddress: string;
}

/**
 * The parameters of the collections' `is_registered`.
 *
 * @example
 * ```ts
 * import { IS_REGISTERED_PARAMS } from "./nodes.ts";
 * console.log(IS_REGISTERED_PARAMS.macAddress.wire); // mac_address
 * ```
 */
export const IS_REGISTERED_PARAMS: ParamSpecs<IsRegisteredParams> = {
  macAddress: { wire: "mac_address", kind: "string", required: true },
};

/** What the collections' `power_parameters` takes: the nodes (the methods take them positionally). */
export interface PowerParametersParams {
  /** The nodes whose parameters to read (every node's when none). */
  id?: OneOrMore<SystemIdOrNode>;
}

/**
 * The parameters of the collections' `power_parameters`.
 *
 * @example
 * ```ts
 * import { POWER_PARAMETERS_PARAMS } from "./nodes.ts";
 * console.log(POWER_PARAMETERS_PARAMS.id.wire); // id
 * ```
 */
export const POWER_PARAMETERS_PARAMS: ParamSpecs<PowerParametersParams> = {
  id: { wire: "id", kind: SYSTEM_IDS },
};

/**
 * The fields every kind of node has (read-only here; each kind makes writable the ones its
 * update op reads).
 *
 * @example
 * ```ts
 * import { NODE_FIELDS } from "./nodes.ts";
 * console.log(NODE_FIELDS.systemId.wire); // system_id
 * ```
 */
export const NODE_FIELDS = {
  systemId: { wire: "system_id", kind: "string" },
  hostname: { wire: "hostname", kind: "string" },
  description: { wire: "description", kind: "string" },
  fqdn: { wire: "fqdn", kind: "string" },
  nodeType: { wire: "node_type", kind: "integer" },
  nodeTypeName: { wire: "node_type_name", kind: "string" },
  owner: { wire: "owner", kind: "string" },
  status: { wire: "status", kind: "integer" },
  statusName: { wire: "status_name", kind: "string" },
  statusMessage: { wire: "status_message", kind: "string" },
  statusAction: { wire: "status_action", kind: "string" },
  powerState: { wire: "power_state", kind: "string" },
  powerType: { wire: "power_type", kind: "string" },
  architecture: { wire: "architecture", kind: "string" },
  cpuCount: { wire: "cpu_count", kind: "integer" },
  cpuSpeed: { wire: "cpu_speed", kind: "integer" },
  memory: { wire: "memory", kind: "integer" },
  swapSize: { wire: "swap_size", kind: "integer" },
  storage: { wire: "storage", kind: "number" },
  osystem: { wire: "osystem", kind: "string" },
  distroSeries: { wire: "distro_series", kind: "string" },
  hardwareUuid: { wire: "hardware_uuid", kind: "string" },
  tagNames: { wire: "tag_names", kind: "strings" },
  ipAddresses: { wire: "ip_addresses", kind: "strings" },
  interfaceSet: { wire: "interface_set", kind: "objects" },
  addressTtl: { wire: "address_ttl", kind: "integer" },
  locked: { wire: "locked", kind: "boolean" },
  workloadAnnotations: { wire: "workload_annotations", kind: "object" },
  hardwareInfo: { wire: "hardware_info", kind: "object" },
  currentCommissioningResultId: { wire: "current_commissioning_result_id", kind: "integer" },
  currentTestingResultId: { wire: "current_testing_result_id", kind: "integer" },
  currentInstallationResultId: { wire: "current_installation_result_id", kind: "integer" },
  commissioningStatus: { wire: "commissioning_status", kind: "integer" },
  commissioningStatusName: { wire: "commissioning_status_name", kind: "string" },
  testingStatus: { wire: "testing_status", kind: "integer" },
  testingStatusName: { wire: "testing_status_name", kind: "string" },
  cpuTestStatus: { wire: "cpu_test_status", kind: "integer" },
  cpuTestStatusName: { wire: "cpu_test_status_name", kind: "string" },
  memoryTestStatus: { wire: "memory_test_status", kind: "integer" },
  memoryTestStatusName: { wire: "memory_test_status_name", kind: "string" },
  networkTestStatus: { wire: "network_test_status", kind: "integer" },
  networkTestStatusName: { wire: "network_test_status_name", kind: "string" },
  storageTestStatus: { wire: "storage_test_status", kind: "integer" },
  storageTestStatusName: { wire: "storage_test_status_name", kind: "string" },
  otherTestStatus: { wire: "other_test_status", kind: "integer" },
  otherTestStatusName: { wire: "other_test_status_name", kind: "string" },
  interfaceTestStatus: { wire: "interface_test_status", kind: "integer" },
  interfaceTestStatusName: { wire: "interface_test_status_name", kind: "string" },
  resourceUri: { wire: "resource_uri", kind: "string" },
} as const satisfies Readonly<Record<string, FieldSpec>>;

/** The ops every node collection has, as {@linkcode collectionOps} describes them. */
export interface CollectionOpSpecs {
  /** `GET` the collection, filtered. */
  readonly list: OpSpec<NodeFilters>;
  /** `GET ?op=is_registered`. */
  readonly isRegistered: OpSpec<IsRegisteredParams>;
  /** `POST ?op=set_zone`. */
  readonly setZone: OpSpec<SetZoneParams>;
}

/**
 * The ops every node collection (`machines/`, `devices/`…) has on `handler`: its filtered list,
 * `is_registered` and `set_zone`, sent by `client.{namespace}.…` (and `alsoListing`).
 *
 * @example
 * ```ts
 * import { collectionOps } from "./nodes.ts";
 * console.log(collectionOps("DevicesHandler", "devices").setZone.typed); // ["client.devices.setZone()"]
 * ```
 */
export function collectionOps(
  handler: string,
  namespace: string,
  alsoListing: readonly string[] = [],
): CollectionOpSpecs {
  return {
    list: op<NodeFilters>({
      handler,
      method: "GET",
      typed: [`client.${namespace}.list()`, ...alsoListing],
      params: NODE_FILTER_PARAMS,
    }),
    isRegistered: op<IsRegisteredParams>({
      handler,
      method: "GET",
      op: "is_registered",
      typed: [`client.${namespace}.isRegistered()`],
      params: IS_REGISTERED_PARAMS,
    }),
    setZone: op<SetZoneParams>({
      handler,
      method: "POST",
      op: "set_zone",
      typed: [`client.${namespace}.setZone()`],
      params: SET_ZONE_PARAMS,
    }),
  };
}

/** The ops every node has on its own path, as {@linkcode memberOps} describes them. */
export interface MemberOpSpecs {
  /** `GET` the node. */
  readonly read: OpSpec;
  /** `GET ?op=details`. */
  readonly details: OpSpec;
  /** `GET ?op=power_parameters`. */
  readonly powerParameters: OpSpec;
}

/**
 * The ops every kind of node has on its own path (`handler`): read, `details` and
 * `power_parameters`, sent by `client.{namespace}.get()` and `{object}.…`.
 *
 * @example
 * ```ts
 * import { memberOps } from "./nodes.ts";
 * console.log(memberOps("DeviceHandler", "devices", "device").details.typed); // ["device.getDetails()"]
 * ```
 */
export function memberOps(handler: string, namespace: string, object: string): MemberOpSpecs {
  return {
    read: op({
      handler,
      method: "GET",
      typed: [`client.${namespace}.get()`, `${object}.refresh()`],
    }),
    details: op({ handler, method: "GET", op: "details", typed: [`${object}.getDetails()`] }),
    powerParameters: op({
      handler,
      method: "GET",
      op: "power_parameters",
      typed: [`${object}.getPowerParameters()`],
    }),
  };
}

/** The nodes family: `nodes/` (nodes of every kind) and `nodes/{system_id}/`. */
export const NODES = family({
  name: "nodes",
  handlers: { NodesHandler: "nodes/", NodeHandler: "nodes/{system_id}/" },
  pathParams: { system_id: "string" },
  fields: NODE_FIELDS,
  ops: {
    ...collectionOps("NodesHandler", "nodes"),
    ...memberOps("NodeHandler", "nodes", "node"),
    delete: op({ handler: "NodeHandler", method: "DELETE", typed: ["node.delete()"] }),
  },
});

/** The ops of one kind of node that the {@linkcode Node} base sends for it. */
export interface NodeOps extends ObjectOps {
  /** `GET …/{system_id}/?op=details`. */
  readonly details: Op<unknown>;
  /** `GET …/{system_id}/?op=power_parameters`. */
  readonly powerParameters: Op<unknown>;
}

/** A typed-class constructor for node wire data. */
type NodeClass = new (context: ClientContext, data: WireData) => Node;

const nodeClasses = new Map<number, NodeClass>();
const nodeOps = new WeakMap<object, NodeOps>();

/**
 * Wires a kind of node to its family's description: typed accessors for its fields, and the
 * ops its `refresh()`, `save()`, `delete()`, `getDetails()` and `getPowerParameters()` send.
 *
 * @example
 * ```ts
 * import { defineNode, Node, NODE_FIELDS, NODES } from "./nodes.ts";
 * class Plain extends Node {}
 * defineNode(Plain, NODE_FIELDS, NODES.ops);
 * ```
 */
export function defineNode(
  // deno-lint-ignore no-explicit-any
  target: abstract new (...args: any[]) => Node,
  fields: Readonly<Record<string, FieldSpec>>,
  ops: NodeOps,
): void {
  defineObject(target, fields, { read: ops.read, update: ops.update, delete: ops.delete });
  nodeOps.set(target.prototype, ops);
}

function opsOf(node: Node): NodeOps {
  for (
    let proto = Object.getPrototypeOf(node);
    proto !== null;
    proto = Object.getPrototypeOf(proto)
  ) {
    const ops = nodeOps.get(proto);
    if (ops !== undefined) return ops;
  }
  throw new Error(`${node.constructor.name} is not wired to a node family`);
}

/**
 * Wraps the `{id, name, description}` MAAS sends for a zone or pool.
 *
 * @example
 * ```ts
 * import { placeRef } from "./nodes.ts";
 * console.log(placeRef({ id: 1, name: "default", description: "" })?.name); // default
 * ```
 */
export function placeRef(value: unknown): NodeZone | null {
  if (!value || typeof value !== "object") return null;
  const data = value as WireData;
  return {
    id: data.id as number,
    name: data.name as string,
    description: (data.description as string) ?? "",
  };
}

function domainRef(value: unknown): NodeDomain | null {
  if (!value || typeof value !== "object") return null;
  const data = value as WireData;
  return {
    id: data.id as number,
    name: data.name as string,
    ttl: (data.ttl as number | null) ?? null,
    authoritative: data.authoritative as boolean,
    resourceRecordCount: data.resource_record_count as number,
    isDefault: data.is_default as boolean,
  };
}

/**
 * The name of a zone, pool or domain given by name or as an object, for a setter.
 *
 * @example
 * ```ts
 * import { refName } from "./nodes.ts";
 * console.log(refName({ name: "rack-a" }, "zone")); // rack-a
 * ```
 */
export function refName(value: NameOrObject, what: string): string {
  if (typeof value === "string" && value !== "") return value;
  if (value && typeof value === "object" && typeof value.name === "string") return value.name;
  throw new ParameterError(
    `${what} must be a name or an object with a name, got ${describe(value)}`,
  );
}

/**
 * The parameters object of a test or commissioning run with its script parameters moved into
 * `extra`, where MAAS reads them under the names it builds from the selected scripts.
 */
export function withScriptParameters<P extends { parameters?: ScriptParameters } & ExtraParams>(
  params: P | undefined,
): Omit<P, "parameters"> | undefined {
  if (params === undefined || params === null || typeof params !== "object") return params;
  const { parameters, ...rest } = params;
  if (parameters === undefined || parameters === null) return rest;
  if (typeof parameters !== "object" || Array.isArray(parameters)) {
    throw new ParameterError(
      `Option "parameters" takes script parameters by name, got ${describe(parameters)}`,
    );
  }
  return { ...rest, extra: { ...parameters, ...rest.extra } } as Omit<P, "parameters">;
}

/**
 * The base of every kind of node: machines, devices, rack and region controllers. It carries
 * what MAAS sends for any node; fields that only some kinds have are `undefined` on the others.
 * A node read from `nodes/` whose type the client does not know stays a plain `Node`: MAAS has
 * no update for `nodes/{system_id}/`, so it cannot be saved; read it as its own kind to change it.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function nodesInZone(client: Client, zone: string) {
 *   for (const node of await client.nodes.list({ zone })) {
 *     console.log(String(node), node.zone.name, node.tagNames.join(","));
 *   }
 * }
 * ```
 */
export class Node extends MaasObject {
  /** The node's unique id in MAAS (`abc123`). */
  declare readonly systemId: string;
  /** Host name, without the domain. */
  declare readonly hostname: string;
  /** Free-form description. */
  declare readonly description: string;
  /** Fully qualified domain name. */
  declare readonly fqdn: string;
  /** What kind of node this is. */
  declare readonly nodeType: NodeType;
  /** The display name of the node type (`Machine`, `Device`, `Rack controller`…). */
  declare readonly nodeTypeName: string;
  /** The owner's username, or `null` when nobody owns the node. */
  declare readonly owner: string | null | undefined;
  /** Status number (machines; controllers and devices send none). */
  declare readonly status: NodeStatus | undefined;
  /** Status display name, such as `Ready`. */
  declare readonly statusName: string | undefined;
  /** The latest progress message, such as `Deploying: Curtin installing`. */
  declare readonly statusMessage: string | null | undefined;
  /** The action in progress, if any. */
  declare readonly statusAction: string | null | undefined;
  /** Power state as MAAS last saw it. */
  declare readonly powerState: PowerState | undefined;
  /** Power driver, such as `ipmi`, `virsh`, `manual`. */
  declare readonly powerType: string | undefined;
  /** Architecture, such as `amd64/generic`. */
  declare readonly architecture: string | undefined;
  /** CPU cores. */
  declare readonly cpuCount: number | undefined;
  /** CPU speed in MHz. */
  declare readonly cpuSpeed: number | undefined;
  /** Memory in MiB. */
  declare readonly memory: number | undefined;
  /** Swap file size in bytes, or `null` for the default. */
  declare readonly swapSize: number | null | undefined;
  /** Total storage in MB. */
  declare readonly storage: number | undefined;
  /** Deployed operating system (`ubuntu`). */
  declare readonly osystem: string | undefined;
  /** Deployed release (`jammy`). */
  declare readonly distroSeries: string | undefined;
  /** The hardware UUID reported by the firmware. */
  declare readonly hardwareUuid: string | null | undefined;
  /** Tags of the node. */
  declare readonly tagNames: readonly string[];
  /** IP addresses assigned to the node's interfaces. */
  declare readonly ipAddresses: readonly string[];
  /** The node's interfaces as MAAS sent them (see {@linkcode Node.interfaces} to manage them). */
  declare readonly interfaceSet: readonly WireData[];
  /** DNS TTL of the node's address records, or `null` for the domain's. */
  declare readonly addressTtl: number | null | undefined;
  /** Whether the node is locked against changes. */
  declare readonly locked: boolean | undefined;
  /** Workload annotations of the current owner. */
  declare readonly workloadAnnotations: WorkloadAnnotations | undefined;
  /** Hardware facts from commissioning. */
  declare readonly hardwareInfo: HardwareInfo | undefined;
  /** Id of the latest commissioning script set. */
  declare readonly currentCommissioningResultId: number | null | undefined;
  /** Id of the latest testing script set. */
  declare readonly currentTestingResultId: number | null | undefined;
  /** Id of the latest installation script set. */
  declare readonly currentInstallationResultId: number | null | undefined;
  /** Overall commissioning script status (a script status number). */
  declare readonly commissioningStatus: number | undefined;
  /** Display name of the commissioning status (`Passed`, `Failed`…). */
  declare readonly commissioningStatusName: string | undefined;
  /** Overall testing script status. */
  declare readonly testingStatus: number | undefined;
  /** Display name of the testing status. */
  declare readonly testingStatusName: string | undefined;
  /** CPU tests status. */
  declare readonly cpuTestStatus: number | undefined;
  /** Display name of the CPU tests status. */
  declare readonly cpuTestStatusName: string | undefined;
  /** Memory tests status. */
  declare readonly memoryTestStatus: number | undefined;
  /** Display name of the memory tests status. */
  declare readonly memoryTestStatusName: string | undefined;
  /** Network tests status. */
  declare readonly networkTestStatus: number | undefined;
  /** Display name of the network tests status. */
  declare readonly networkTestStatusName: string | undefined;
  /** Storage tests status. */
  declare readonly storageTestStatus: number | undefined;
  /** Display name of the storage tests status. */
  declare readonly storageTestStatusName: string | undefined;
  /** Other tests status. */
  declare readonly otherTestStatus: number | undefined;
  /** Display name of the other tests status. */
  declare readonly otherTestStatusName: string | undefined;
  /** Interface tests status. */
  declare readonly interfaceTestStatus: number | undefined;
  /** Display name of the interface tests status. */
  declare readonly interfaceTestStatusName: string | undefined;
  /** The node's API path as the server gave it. */
  declare readonly resourceUri: string;

  /**
   * Registers the class that wraps nodes of a type, so that `client.nodes` hands out machines
   * as {@linkcode Machine}s; families call it from a static block.
   */
  protected static registerNodeType(nodeType: NodeType, nodeClass: NodeClass): void {
    nodeClasses.set(nodeType, nodeClass);
  }

  /** Wraps node wire data in the class of its `node_type` (plain {@linkcode Node} if unknown). */
  static wrap(context: ClientContext, data: WireData): Node {
    expectObject(data, "a node");
    const NodeClass = nodeClasses.get(data.node_type as number) ?? Node;
    return new NodeClass(context, data);
  }

  /** The zone the node is in; assign a zone name (or a zone) and `save()` to move it. */
  get zone(): NodeZone {
    return placeRef(this.data.zone) as NodeZone;
  }
  /** Records a move to another zone for `save()`. */
  set zone(value: NameOrObject) {
    this.set("zone", refName(value, "zone"));
  }

  /** The node's DNS domain; assign a domain name (or a domain) and `save()` to change it. */
  get domain(): NodeDomain | null {
    return domainRef(this.data.domain);
  }
  /** Records a change of domain for `save()`. */
  set domain(value: NameOrObject) {
    this.set("domain", refName(value, "domain"));
  }

  /** The path of the node's kind, from its family's read op (`nodes/{system_id}/` here). */
  get resourcePath(): string {
    return pathOf(opsOf(this).read!.path, this.data);
  }

  /** The node's network interfaces. */
  get interfaces(): NodeInterfaces {
    return new NodeInterfaces(this.client, this.systemId);
  }

  /** The node's script runs (commissioning, testing…) and their results. */
  get results(): NodeScriptResults {
    return new NodeScriptResults(this.client, this.systemId);
  }

  /** The node's PCI and USB devices, as commissioning found them (MAAS 3.0 and later). */
  get nodeDevices(): NodeDevices {
    return new NodeDevices(this.client, this.systemId);
  }

  /** `Node abc123 host-1`. */
  toString(): string {
    return `${this.constructor.name} ${this.systemId} ${this.hostname}`;
  }

  /**
   * Sends the changed fields. A node of no known kind cannot be saved: MAAS has no update for
   * `nodes/{system_id}/` (read it through its own kind's namespace to change it).
   */
  override async save(params?: ExtraParams, options?: CallOptions): Promise<this> {
    if (opsOf(this).update === undefined) {
      throw new ParameterError(
        `${this} cannot be saved: MAAS has no update for nodes/{system_id}/; read it through ` +
          "its own kind (client.machines, client.devices, client.rackControllers, " +
          "client.regionControllers) to change it",
      );
    }
    return await super.save(params, options);
  }

  /**
   * The details MAAS probed during commissioning (`lshw`, `lldp` XML and more), decoded from the
   * BSON the server sends: each value is the raw bytes (decode XML with `TextDecoder`) or `null`.
   */
  async getDetails(params?: ExtraParams, options?: CallOptions): Promise<NodeDetails> {
    const answer = await invoke(this.client, opsOf(this).details, {
      path: this.resourcePath,
      params,
      call: options,
      responseType: "bytes",
    });
    if (!(answer instanceof Uint8Array)) {
      throw new ProtocolError(
        `Expected BSON bytes from ${this.resourcePath}?op=details, got ${describe(answer)}`,
      );
    }
    return decodeBson(answer) as NodeDetails;
  }

  /**
   * The node's power parameters (administrators only; may include BMC passwords, so handle the
   * result with care).
   */
  async getPowerParameters(
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<Record<string, unknown>> {
    const answer = await invoke(this.client, opsOf(this).powerParameters, {
      path: this.resourcePath,
      params,
      call: options,
    });
    return expectObject(answer, "power parameters");
  }

  /**
   * Sends `op` on this node and takes the answer as its new state; an answer that is not the
   * node (some servers send nothing) makes it read itself again.
   */
  protected async run(
    op: Op<unknown>,
    params: unknown,
    options: CallOptions | undefined,
    set?: Readonly<Record<string, unknown>>,
  ): Promise<this> {
    const answer = await invoke(this.client, op, {
      path: this.resourcePath,
      params,
      set,
      call: options,
    });
    if (answer && typeof answer === "object" && !Array.isArray(answer)) {
      if (!(answer instanceof Uint8Array)) return this.replace(answer);
    }
    return await this.refresh(undefined, options);
  }

  /** Takes new wire data for this node (used by waits, which poll in batches). */
  protected take(data: WireData): this {
    return this.replace(data);
  }

  /**
   * Sends workload annotations through `op` (`set_workload_annotations` or its older name
   * `set_owner_data`): each key is sent as its own parameter, `""` or `null` removes it.
   */
  protected async annotate(
    op: Op<unknown>,
    annotations: AnnotationChanges,
    params: ExtraParams | undefined,
    options: CallOptions | undefined,
  ): Promise<this> {
    if (annotations === null || typeof annotations !== "object" || Array.isArray(annotations)) {
      throw new ParameterError(
        `Annotations must be an object of keys and values, got ${describe(annotations)}`,
      );
    }
    const wire: Record<string, string> = {};
    for (const [key, value] of Object.entries(annotations)) {
      if (value !== null && typeof value !== "string") {
        throw new ParameterError(
          `Annotation ${JSON.stringify(key)} must be a string (or null to remove it), got ${
            describe(value)
          }`,
        );
      }
      wire[key] = value ?? "";
    }
    const extra = params?.extra;
    return await this.run(op, { ...params, extra: { ...wire, ...extra } }, options);
  }

  /** Asks MAAS to query the node's BMC for its power state, through `op`. */
  protected async readPowerState(
    op: Op<unknown>,
    params: ExtraParams | undefined,
    options: CallOptions | undefined,
  ): Promise<PowerState> {
    const answer = expectObject(
      await invoke(this.client, op, { path: this.resourcePath, params, call: options }),
      "a power state",
    );
    return answer.state as PowerState;
  }
}
defineNode(Node, NODE_FIELDS, NODES.ops);

/** What a controller's `save()` takes besides its changed fields. */
export interface ControllerSaveOptions extends ExtraParams {
  /** The power driver's parameters (an object, or its JSON text). */
  powerParameters?: PowerParameters | string;
  /** Store power parameters MAAS would not validate for the driver. */
  powerParametersSkipCheck?: boolean;
}

/** What a controller's `save()` sends: the fields of {@linkcode Controller} that may change. */
export interface ControllerChanges {
  /** Free-form description. */
  description?: string;
  /** DNS domain. */
  domain?: NameOrObject;
  /** Availability zone. */
  zone?: NameOrObject;
  /** Power driver. */
  powerType?: string;
}

/**
 * The parameters of a controller's update (rack and region controllers read the same ones).
 *
 * @example
 * ```ts
 * import { CONTROLLER_UPDATE_PARAMS } from "./nodes.ts";
 * console.log(CONTROLLER_UPDATE_PARAMS.powerType.wire); // power_type
 * ```
 */
export const CONTROLLER_UPDATE_PARAMS: ParamSpecs<ControllerChanges & ControllerSaveOptions> = {
  description: { wire: "description", kind: "string" },
  domain: { wire: "domain", kind: NAME },
  zone: { wire: "zone", kind: NAME },
  powerType: { wire: "power_type", kind: "string" },
  powerParameters: { wire: "power_parameters", kind: POWER_PARAMETERS },
  powerParametersSkipCheck: { wire: "power_parameters_skip_check", kind: "boolean" },
};

/** The update and delete ops of a controller, as {@linkcode controllerOps} describes them. */
export interface ControllerOpSpecs {
  /** `PUT` the controller. */
  readonly update: OpSpec<ControllerChanges & ControllerSaveOptions>;
  /** `DELETE` the controller. */
  readonly delete: OpSpec<ForceDeleteOptions>;
}

/**
 * The update and delete ops of a kind of controller (`handler`), sent by `{object}.save()`,
 * `{object}.setPower()` and `{object}.delete()`.
 *
 * @example
 * ```ts
 * import { controllerOps } from "./nodes.ts";
 * console.log(controllerOps("RackControllerHandler", "rack").update.typed[0]); // rack.save()
 * ```
 */
export function controllerOps(handler: string, object: string): ControllerOpSpecs {
  return {
    update: op<ControllerChanges & ControllerSaveOptions>({
      handler,
      method: "PUT",
      typed: [`${object}.save()`, `${object}.setPower()`],
      params: CONTROLLER_UPDATE_PARAMS,
    }),
    delete: op<ForceDeleteOptions>({
      handler,
      method: "DELETE",
      typed: [`${object}.delete()`],
      params: FORCE_PARAMS,
    }),
  };
}

/**
 * The parameters of the deletes that read `force` (machines and controllers).
 *
 * @example
 * ```ts
 * import { FORCE_PARAMS } from "./nodes.ts";
 * console.log(FORCE_PARAMS.force.wire); // force
 * ```
 */
export const FORCE_PARAMS: ParamSpecs<ForceDeleteOptions> = {
  force: { wire: "force", kind: "boolean" },
};

/**
 * A node whose update reads a power driver and its parameters (machines and controllers): its
 * `save()` takes them beside the changed fields (`S` says what else), `setPower()` sets them
 * at once, and its delete reads `force`.
 *
 * @example
 * ```ts
 * import type { PoweredNode } from "@libmaas/client";
 * async function manual(node: PoweredNode<Record<never, never>>) {
 *   return await node.setPower("manual");
 * }
 * ```
 */
export abstract class PoweredNode<S extends ExtraParams> extends Node {
  /** Sends the changed fields, with `params` for what is not a field, and takes the answer. */
  override async save(params?: S, options?: CallOptions): Promise<this> {
    return await super.save(params, options);
  }

  /**
   * Sets the power driver and its parameters, saved at once (with any other pending changes);
   * `powerParametersSkipCheck` in `params` stores parameters MAAS would not validate.
   */
  async setPower(
    powerType: string,
    powerParameters: PowerParameters = {},
    params?: Omit<S, "powerParameters">,
    options?: CallOptions,
  ): Promise<this> {
    this.set("power_type", powerType);
    return await super.save({ ...params, powerParameters } as ExtraParams, options);
  }

  /** Deletes the node; `force` deletes it even where MAAS would refuse otherwise. */
  override async delete(params?: ForceDeleteOptions, options?: CallOptions): Promise<void> {
    await super.delete(params, options);
  }
}

/**
 * The fields of both kinds of controller.
 *
 * @example
 * ```ts
 * import { CONTROLLER_FIELDS } from "./nodes.ts";
 * console.log(CONTROLLER_FIELDS.version.wire); // version
 * ```
 */
export const CONTROLLER_FIELDS = {
  ...NODE_FIELDS,
  description: { wire: "description", kind: "string", writable: true },
  powerType: { wire: "power_type", kind: "string", writable: true },
  version: { wire: "version", kind: "string" },
} as const satisfies Readonly<Record<string, FieldSpec>>;

/**
 * A controller of either kind; rack and region controllers extend it. MAAS's controller update
 * reads the description, domain, zone and power settings — there is no resource pool to set.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function versions(client: Client) {
 *   for (const rack of await client.rackControllers.list()) console.log(rack.hostname, rack.version);
 * }
 * ```
 */
export abstract class Controller extends PoweredNode<ControllerSaveOptions> {
  /** Free-form description; assign and `save()` to change it. */
  declare description: string;
  /** Power driver, such as `ipmi`; assign and `save()`, or use `setPower`. */
  declare powerType: string;
  /** The MAAS version the controller runs. */
  declare readonly version: string | undefined;
  /** Controllers have no life-cycle status. */
  declare readonly status: undefined;
}

/** The ops a node collection sends, from its family's description. */
export interface NodeCollectionOps {
  /** `GET` the collection, filtered. */
  readonly list: Op<unknown>;
  /** `GET` one member. */
  readonly read: Op<unknown>;
  /** `GET ?op=is_registered`. */
  readonly isRegistered: Op<unknown>;
  /** `POST ?op=set_zone`. */
  readonly setZone: Op<unknown>;
}

/**
 * What every node namespace shares: server-side filtered listing, reading one node, checking
 * whether a MAC address is registered, and moving nodes to a zone.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function count(client: Client): Promise<number> {
 *   return (await client.machines.list({ status: "ready", pool: "default" })).length;
 * }
 * ```
 */
export abstract class NodeCollection<T extends Node> extends Namespace {
  /** The ops of the collection's family. */
  protected abstract readonly ops: NodeCollectionOps;

  /** Wraps one member's wire data. */
  protected abstract wrap(data: WireData): T;

  /**
   * Lists the members that match the filters, filtered on the server and sorted by id. With no
   * filters, everything is listed: prefer a filter on a large MAAS.
   */
  async list(params?: NodeFilters, options?: CallOptions): Promise<T[]> {
    const answer = await invoke(this.context, this.ops.list, { params, call: options });
    const items = expectList(answer, "nodes");
    const result = new Array<T>(items.length);
    for (let i = 0; i < items.length; i++) result[i] = this.wrap(expectObject(items[i], "a node"));
    return result;
  }

  /** One member by system id; a missing one raises `NotFoundError`. */
  async get(systemId: string, params?: ExtraParams, options?: CallOptions): Promise<T> {
    const answer = await invoke(this.context, this.ops.read, {
      path: { system_id: systemId },
      params,
      call: options,
    });
    return this.wrap(expectObject(answer, "a node"));
  }

  /** Whether a MAC address belongs to a node MAAS knows (retired nodes excluded). */
  async isRegistered(
    macAddress: string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<boolean> {
    const answer = await invoke(this.context, this.ops.isRegistered, {
      params,
      set: { macAddress },
      call: options,
    });
    return answer === true;
  }

  /** Moves nodes to a zone (administrators only). */
  async setZone(
    nodes: OneOrMore<SystemIdOrNode>,
    zone: NameOrObject,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    await invoke(this.context, this.ops.setZone, { params, set: { nodes, zone }, call: options });
  }
}

/**
 * `client.nodes`: every node whatever its kind. Listed nodes come back as {@linkcode Machine},
 * {@linkcode Device}, {@linkcode RackController} or {@linkcode RegionController} according to
 * their type.
 *
 * @example
 * ```ts
 * import { type Client, Machine } from "@libmaas/client";
 * async function machinesOnly(client: Client) {
 *   return (await client.nodes.list()).filter((node) => node instanceof Machine);
 * }
 * ```
 */
export class Nodes extends NodeCollection<Node> {
  /** The nodes family's ops. */
  protected readonly ops: NodeCollectionOps = NODES.ops;

  /** Wraps a node in the class of its type. */
  protected wrap(data: WireData): Node {
    return Node.wrap(this.context, data);
  }
}
