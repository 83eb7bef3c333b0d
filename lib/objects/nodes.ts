/**
 * Nodes: what machines, devices, rack and region controllers share (the {@linkcode Node} base
 * and the {@linkcode NodeCollection} behind each namespace), the devices and controllers
 * themselves.
 *
 * @module
 */

import { decodeBson } from "../bson.ts";
import { ParameterError, ProtocolError } from "../errors.ts";
import type { Params, ParamValue } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  type ClientContext,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";
import type { ExtraParams } from "./spec.ts";
import { NodeStatus, NodeType, type PowerState, type PowerStopMode } from "./enums.ts";
import { NodeInterfaces } from "./interfaces.ts";

/** One value or several (sent as a repeated parameter). */
export type OneOrMore<T> = T | readonly T[];

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

/** Anything that names a zone, pool or domain: its name, or an object with a `name`. */
export type NameOrObject = string | { readonly name: string };

/** Anything that names a node: its system id, or an object with a `systemId`. */
export type SystemIdOrNode = string | { readonly systemId: string };

/**
 * Hardware facts MAAS gathered during commissioning (`system_vendor`, `system_product`,
 * `system_serial`, `cpu_model`, `mainboard_vendor`, `chassis_type`…), `Unknown` when not known.
 */
export type HardwareInfo = Readonly<Record<string, string>>;

/** Workload annotations: free key → value pairs the owner attaches to a node. */
export type WorkloadAnnotations = Readonly<Record<string, string>>;

/** A service running on a controller, as MAAS reports it. */
export interface ControllerService {
  /** Service name, such as `rackd`, `dhcpd`, `tftp`. */
  readonly name: string;
  /** `running`, `degraded`, `dead`, `off` or `unknown`. */
  readonly status: string;
  /** Details when the status is not `running`. */
  readonly statusInfo: string;
}

/** The status names the `status` filter takes (`ready`, `failed_commissioning`…). */
export type NodeStatusLabel = Lowercase<keyof typeof NodeStatus>;

/** The simplified statuses the `simpleStatus` filter takes. */
export type SimpleNodeStatus =
  | "allocated"
  | "broken"
  | "commissioning"
  | "deployed"
  | "deploying"
  | "failed"
  | "new"
  | "ready"
  | "releasing"
  | "rescue_mode"
  | "testing"
  | "other";

/**
 * Labelled interface constraints: label → properties an interface must have, such as
 * `{ eth: { fabric: "fabric-0", link_speed: 1000 } }` (sent as `eth:fabric=fabric-0,link_speed=1000`).
 * Keys: `id`, `fabric`, `fabric_class`, `ip`, `mode`, `name`, `hostname`, `subnet`, `space`,
 * `subnet_cidr`, `type`, `vlan`, `vid`, `tag`, `link_speed`, and their `not_` forms.
 */
export type InterfaceConstraints = Readonly<
  Record<string, Readonly<Record<string, OneOrMore<string | number>>>>
>;

/** One storage constraint: a disk of at least `size` GB, with the given tags. */
export interface StorageConstraint {
  /** A label for the constraint (shown in `constraintsByType`). */
  readonly label?: string;
  /** Minimum size in GB. */
  readonly size: number;
  /** Tags the disk must have, such as `ssd`. */
  readonly tags?: readonly string[];
}

/**
 * The filters MAAS applies on the server when listing nodes of any kind. Lists mean "any of"
 * (or "all of" for `tags` and `subnets`); `not…` filters exclude. Use them rather than listing
 * everything: an inventory can hold thousands of machines.
 */
export interface NodeFilters {
  /** System ids. */
  id?: OneOrMore<string>;
  /** System ids to leave out. */
  notId?: OneOrMore<string>;
  /** System ids (the allocation form's name for `id`). */
  systemId?: OneOrMore<string>;
  /** Hostnames (without the domain). */
  hostname?: OneOrMore<string>;
  /** Hostnames to leave out. */
  notHostname?: OneOrMore<string>;
  /** MAC addresses of any of the node's interfaces. */
  macAddress?: OneOrMore<string>;
  /** Domain names. */
  domain?: OneOrMore<string>;
  /** Domain names to leave out. */
  notDomain?: OneOrMore<string>;
  /** Zone names. */
  zone?: OneOrMore<NameOrObject>;
  /** Zone names to leave out. */
  notInZone?: OneOrMore<NameOrObject>;
  /** Resource pool names. */
  pool?: OneOrMore<NameOrObject>;
  /** Resource pool names to leave out. */
  notInPool?: OneOrMore<NameOrObject>;
  /** Tags the node must all have. */
  tags?: OneOrMore<string>;
  /** Tags the node must have none of. */
  notTags?: OneOrMore<string>;
  /** Statuses, as numbers or MAAS's labels (`ready`, `deployed`, `failed_deployment`…). */
  status?: OneOrMore<NodeStatus | NodeStatusLabel>;
  /** Statuses to leave out. */
  notStatus?: OneOrMore<NodeStatus | NodeStatusLabel>;
  /** Simplified statuses (`failed` covers every failed status). */
  simpleStatus?: OneOrMore<SimpleNodeStatus>;
  /** Simplified statuses to leave out. */
  notSimpleStatus?: OneOrMore<SimpleNodeStatus>;
  /** Owners' usernames. */
  owner?: OneOrMore<string>;
  /** Owners to leave out. */
  notOwner?: OneOrMore<string>;
  /** Agent names given at allocation. */
  agentName?: OneOrMore<string>;
  /** Agent names to leave out. */
  notAgentName?: OneOrMore<string>;
  /** Architectures (`amd64/generic`, or `amd64` for any subarchitecture). */
  arch?: OneOrMore<string>;
  /** Architectures to leave out. */
  notArch?: OneOrMore<string>;
  /** At least this many CPU cores. */
  cpuCount?: number;
  /** CPUs of at least this speed, in MHz. */
  cpuSpeed?: number;
  /** At least this much memory, in MiB. */
  mem?: number;
  /** Power states. */
  powerState?: OneOrMore<PowerState>;
  /** Power states to leave out. */
  notPowerState?: OneOrMore<PowerState>;
  /** Fabrics an interface is attached to (any of). */
  fabrics?: OneOrMore<string>;
  /** Fabrics no interface is attached to. */
  notFabrics?: OneOrMore<string>;
  /** Fabric classes an interface's fabric has. */
  fabricClasses?: OneOrMore<string>;
  /** Fabric classes to leave out. */
  notFabricClasses?: OneOrMore<string>;
  /** VLANs an interface is on (specifiers such as `vid:10` or ids). */
  vlans?: OneOrMore<string | number>;
  /** VLANs to leave out. */
  notVlans?: OneOrMore<string | number>;
  /** Subnets the node must be linked to (ids, `name:`, `ip:`, `space:`… specifiers). */
  subnets?: OneOrMore<string | number>;
  /** Subnets the node must not be linked to. */
  notSubnets?: OneOrMore<string | number>;
  /** An interface with at least this link speed, in Mbit/s. */
  linkSpeed?: number;
  /** `memory` (ephemeral deployments) or `disk`. */
  deploymentTarget?: OneOrMore<"memory" | "disk">;
  /** Deployment targets to leave out. */
  notDeploymentTarget?: OneOrMore<"memory" | "disk">;
  /** Interface constraints, as MAAS's text or as a labelled map. */
  interfaces?: string | InterfaceConstraints;
  /** Storage constraints, as MAAS's text (`root:80(ssd),data:400`) or a list. */
  storage?: string | readonly StorageConstraint[];
  /** PCI/USB device constraints, as MAAS's text (`vendor_id=8086`) or a map. */
  devices?: string | Readonly<Record<string, string>>;
}

/** The one place where filter names meet their wire names. */
const FILTER_WIRE_NAMES: Readonly<Record<keyof NodeFilters, string>> = {
  id: "id",
  notId: "not_id",
  systemId: "system_id",
  hostname: "hostname",
  notHostname: "not_hostname",
  macAddress: "mac_address",
  domain: "domain",
  notDomain: "not_domain",
  zone: "zone",
  notInZone: "not_in_zone",
  pool: "pool",
  notInPool: "not_in_pool",
  tags: "tags",
  notTags: "not_tags",
  status: "status",
  notStatus: "not_status",
  simpleStatus: "simple_status",
  notSimpleStatus: "not_simple_status",
  owner: "owner",
  notOwner: "not_owner",
  agentName: "agent_name",
  notAgentName: "not_agent_name",
  arch: "arch",
  notArch: "not_arch",
  cpuCount: "cpu_count",
  cpuSpeed: "cpu_speed",
  mem: "mem",
  powerState: "power_state",
  notPowerState: "not_power_state",
  fabrics: "fabrics",
  notFabrics: "not_fabrics",
  fabricClasses: "fabric_classes",
  notFabricClasses: "not_fabric_classes",
  vlans: "vlans",
  notVlans: "not_vlans",
  subnets: "subnets",
  notSubnets: "not_subnets",
  linkSpeed: "link_speed",
  deploymentTarget: "deployment_target",
  notDeploymentTarget: "not_deployment_target",
  interfaces: "interfaces",
  storage: "storage",
  devices: "devices",
};

const STATUS_LABELS: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(NodeStatus).map(([key, value]) => [value, key.toLowerCase()]),
);

/**
 * Turns filters or constraints into wire parameters: names mapped through `names`, references
 * turned into their names, statuses into MAAS's labels, and structured constraints into MAAS's
 * text. Unknown keys are refused so that a typo never silently widens a query.
 */
function constraintParams<K extends string>(
  values: Readonly<Partial<Record<K, unknown>>>,
  names: Readonly<Record<K, string>>,
  what: string,
): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const key in values) {
    const value = values[key];
    if (value === undefined || value === null) continue;
    const wire = Object.hasOwn(names, key) ? names[key] : undefined;
    if (wire === undefined) {
      throw new ParameterError(`Unknown ${what} ${JSON.stringify(key)}`);
    }
    params[wire] = constraintValue(wire, value);
  }
  return params;
}

function constraintValue(wire: string, value: unknown): ParamValue {
  switch (wire) {
    case "interfaces":
      return typeof value === "string" ? value : interfacesText(value as InterfaceConstraints);
    case "storage":
      return typeof value === "string" ? value : storageText(value as StorageConstraint[]);
    case "devices":
      if (typeof value === "string") return value;
      if (typeof value !== "object" || Array.isArray(value)) {
        throw new ParameterError(`Parameter "devices" takes text or a map, got ${describe(value)}`);
      }
      return Object.entries(value as Record<string, string>).map(([k, v]) => `${k}=${v}`)
        .join(",");
    case "status":
    case "not_status":
      return mapMany(value, wire, statusLabel);
    default:
      return mapMany(value, wire, scalarValue);
  }
}

function mapMany(
  value: unknown,
  wire: string,
  map: (item: unknown, wire: string) => string | number | boolean,
): ParamValue {
  return Array.isArray(value) ? value.map((item) => map(item, wire)) : map(value, wire);
}

function scalarValue(item: unknown, wire: string): string | number | boolean {
  if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") {
    return item;
  }
  if (item && typeof item === "object") {
    const named = item as { name?: unknown; systemId?: unknown };
    if (typeof named.name === "string") return named.name;
    if (typeof named.systemId === "string") return named.systemId;
  }
  throw new ParameterError(
    `Parameter ${JSON.stringify(wire)} takes names, numbers or booleans, got ${describe(item)}`,
  );
}

function statusLabel(item: unknown, wire: string): string {
  if (typeof item === "number" && STATUS_LABELS[item] !== undefined) return STATUS_LABELS[item];
  if (typeof item === "string") return item;
  throw new ParameterError(
    `Parameter ${JSON.stringify(wire)} takes a NodeStatus or a status label, got ${
      typeof item === "number" ? item : describe(item)
    }`,
  );
}

function interfacesText(constraints: InterfaceConstraints): string {
  if (!constraints || typeof constraints !== "object") {
    throw new ParameterError(`Parameter "interfaces" takes text or a labelled map`);
  }
  return Object.entries(constraints).map(([label, properties]) => {
    if (!properties || typeof properties !== "object") {
      throw new ParameterError(
        `Interface constraint ${JSON.stringify(label)} must map properties to values`,
      );
    }
    const parts: string[] = [];
    for (const [key, value] of Object.entries(properties)) {
      for (const item of Array.isArray(value) ? value : [value]) parts.push(`${key}=${item}`);
    }
    return `${label}:${parts.join(",")}`;
  }).join(";");
}

function storageText(constraints: readonly StorageConstraint[]): string {
  if (!Array.isArray(constraints)) {
    throw new ParameterError(`Parameter "storage" takes text or a list of constraints`);
  }
  return constraints.map((c) => {
    if (!c || typeof c !== "object" || typeof c.size !== "number") {
      throw new ParameterError(`Each storage constraint needs a size in GB, got ${describe(c)}`);
    }
    const tags = Array.isArray(c.tags) && c.tags.length ? `(${c.tags.join(",")})` : "";
    return `${c.label ? c.label + ":" : ""}${c.size}${tags}`;
  }).join(",");
}

/** The name of a zone, pool or domain given by name or as an object. */
function refName(value: NameOrObject, what: string): string {
  if (typeof value === "string" && value !== "") return value;
  if (value && typeof value === "object" && typeof value.name === "string") return value.name;
  throw new ParameterError(
    `${what} must be a name or an object with a name, got ${describe(value)}`,
  );
}

/** The system id of a node given by id or as an object. */
function systemIdOf(value: SystemIdOrNode, what = "node"): string {
  if (typeof value === "string" && value !== "") return value;
  if (value && typeof value === "object" && typeof value.systemId === "string") {
    return value.systemId;
  }
  throw new ParameterError(
    `A ${what} must be given by system id or as an object with a systemId, got ${describe(value)}`,
  );
}

/** Wraps the `{id, name, description}` MAAS sends for a zone or pool. */
function placeRef(value: unknown): NodeZone | null {
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

/** What `setWorkloadAnnotations` takes: an empty string or `null` removes a key. */
export type AnnotationChanges = Readonly<Record<string, string | null>>;

/** A typed-class constructor for node wire data. */
type NodeClass = new (context: ClientContext, data: WireData) => Node;

const nodeClasses = new Map<number, NodeClass>();

/**
 * The base of every kind of node: machines, devices, rack and region controllers. It carries
 * what MAAS sends for any node; fields that only some kinds have are `undefined` on the others.
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
  declare description: string;
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
  /** Power driver, such as `ipmi`, `virsh`, `manual` (set it with `setPower`). */
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

  /**
   * The machine's resource pool (`null` for other kinds of node); assign a pool name (or a pool)
   * and `save()` to move the machine.
   */
  get pool(): NodePool | null {
    return placeRef(this.data.pool);
  }
  /** Records a move to another resource pool for `save()`. */
  set pool(value: NameOrObject) {
    this.set("pool", refName(value, "pool"));
  }

  /** `nodes/{system_id}/`. */
  get resourcePath(): string {
    return apiPath`nodes/${this.systemId}/`;
  }

  /** The node's network interfaces. */
  get interfaces(): NodeInterfaces {
    return new NodeInterfaces(this.client, this.systemId);
  }

  /** `Node abc123 host-1`. */
  toString(): string {
    return `${this.constructor.name} ${this.systemId} ${this.hostname}`;
  }

  /**
   * The details MAAS probed during commissioning (`lshw`, `lldp` XML and more), decoded from the
   * BSON the server sends: each value is the raw bytes (decode XML with `TextDecoder`) or `null`.
   */
  async getDetails(options?: CallOptions): Promise<NodeDetails> {
    const answer = await this.call("GET", "details", undefined, options);
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
  async getPowerParameters(options?: CallOptions): Promise<Record<string, unknown>> {
    const answer = await this.call("GET", "power_parameters", undefined, options);
    return expectObject(answer, "power parameters");
  }

  /**
   * Sets the node's power driver and its parameters, saved at once (with any other pending
   * changes). `skipCheck` stores parameters MAAS would not validate for the driver.
   */
  async setPower(
    powerType: string,
    powerParameters: Readonly<Record<string, string | number | boolean>> = {},
    options: CallOptions & { skipCheck?: boolean } = {},
  ): Promise<this> {
    required(powerType, "powerType", "string");
    const { skipCheck, ...call } = optionsOf(options);
    const params: Record<string, ParamValue> = {
      ...(this.saveParams(this.changes as WireData) as Record<string, ParamValue>),
      power_type: powerType,
      power_parameters: powerParameters,
    };
    if (skipCheck !== undefined) params.power_parameters_skip_check = skipCheck;
    return this.replace(await this.call("PUT", null, params, call));
  }

  /** Deletes the node; `force` also deletes what it hosts, where MAAS would refuse otherwise. */
  override async delete(
    params: ExtraParams & { force?: boolean } = {},
    options?: CallOptions,
  ): Promise<void> {
    const { force, extra } = optionsOf(params);
    await this.call("DELETE", null, { ...extra, force }, options);
  }

  /** Calls a POST op; an answer that is not the node (some servers send nothing) is re-read. */
  protected async postOp(op: string, params?: Params, options?: CallOptions): Promise<this> {
    const answer = await this.call("POST", op, params, options);
    if (answer && typeof answer === "object" && !Array.isArray(answer)) {
      return this.replace(answer);
    }
    return await this.refresh(undefined, options);
  }

  /** Takes new wire data for this node (used by waits, which poll in batches). */
  protected take(data: WireData): this {
    return this.replace(data);
  }

  /** Sends workload annotations (`key: value`; `""` or `null` removes the key). */
  protected async sendAnnotations(
    annotations: AnnotationChanges,
    options?: CallOptions,
  ): Promise<this> {
    required(annotations, "annotations", "object");
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(annotations)) {
      if (value !== null && typeof value !== "string") {
        throw new ParameterError(
          `Annotation ${JSON.stringify(key)} must be a string (or null to remove it), got ${
            describe(value)
          }`,
        );
      }
      params[key] = value ?? "";
    }
    return await this.postOp("set_workload_annotations", params, options);
  }

  /** Asks MAAS to query the node's BMC for its power state. */
  protected async readPowerState(options?: CallOptions): Promise<PowerState> {
    const answer = expectObject(
      await this.call("GET", "query_power_state", undefined, options),
      "a power state",
    );
    return answer.state as PowerState;
  }

  /** Sends `power_on`. */
  protected async sendPowerOn(options: PowerOnOptions = {}): Promise<this> {
    const { userData, comment, ...call } = optionsOf(options);
    return await this.postOp("power_on", {
      user_data: userData === undefined ? undefined : this.encodeUserData(userData),
      comment,
    }, call);
  }

  /** Sends `power_off`. */
  protected async sendPowerOff(options: PowerOffOptions = {}): Promise<this> {
    const { stopMode, comment, ...call } = optionsOf(options);
    return await this.postOp("power_off", { stop_mode: stopMode, comment }, call);
  }

  /** Sends `test`. */
  protected async sendTest(options: TestOptions = {}): Promise<this> {
    const { enableSsh, testingScripts, parameters, ...call } = optionsOf(options);
    return await this.postOp("test", {
      ...parameters,
      enable_ssh: enableSsh,
      testing_scripts: testingScripts === undefined ? undefined : scriptList(testingScripts),
    }, call);
  }

  /** Sends an op that takes only a comment (`abort`, `lock`, `mark_fixed`…). */
  protected async sendWithComment(op: string, options: CommentOptions = {}): Promise<this> {
    const { comment, ...call } = optionsOf(options);
    return await this.postOp(op, { comment }, call);
  }

  /** Encodes user data (text or bytes) as the base64 text MAAS expects. */
  protected encodeUserData(value: string | Uint8Array): string {
    return base64UserData(value);
  }
}
defineFields(Node, {
  systemId: "system_id",
  hostname: "hostname",
  description: { wire: "description", writable: true },
  fqdn: "fqdn",
  nodeType: "node_type",
  nodeTypeName: "node_type_name",
  owner: "owner",
  status: "status",
  statusName: "status_name",
  statusMessage: "status_message",
  statusAction: "status_action",
  powerState: "power_state",
  powerType: "power_type",
  architecture: "architecture",
  cpuCount: "cpu_count",
  cpuSpeed: "cpu_speed",
  memory: "memory",
  swapSize: "swap_size",
  storage: "storage",
  osystem: "osystem",
  distroSeries: "distro_series",
  hardwareUuid: "hardware_uuid",
  tagNames: { wire: "tag_names", map: (value) => value ?? [] },
  ipAddresses: { wire: "ip_addresses", map: (value) => value ?? [] },
  interfaceSet: { wire: "interface_set", map: (value) => value ?? [] },
  addressTtl: "address_ttl",
  locked: "locked",
  workloadAnnotations: "workload_annotations",
  hardwareInfo: "hardware_info",
  currentCommissioningResultId: "current_commissioning_result_id",
  currentTestingResultId: "current_testing_result_id",
  currentInstallationResultId: "current_installation_result_id",
  commissioningStatus: "commissioning_status",
  commissioningStatusName: "commissioning_status_name",
  testingStatus: "testing_status",
  testingStatusName: "testing_status_name",
  cpuTestStatus: "cpu_test_status",
  cpuTestStatusName: "cpu_test_status_name",
  memoryTestStatus: "memory_test_status",
  memoryTestStatusName: "memory_test_status_name",
  networkTestStatus: "network_test_status",
  networkTestStatusName: "network_test_status_name",
  storageTestStatus: "storage_test_status",
  storageTestStatusName: "storage_test_status_name",
  otherTestStatus: "other_test_status",
  otherTestStatusName: "other_test_status_name",
  interfaceTestStatus: "interface_test_status",
  interfaceTestStatusName: "interface_test_status_name",
  resourceUri: "resource_uri",
});

/**
 * What `details` answers: detail name (`lshw`, `lldp`…) → the raw bytes, or `null` when the
 * node has none of that kind.
 */
export type NodeDetails = Readonly<Record<string, Uint8Array | null>>;

/** Options of an op that takes an event-log comment. */
export interface CommentOptions extends CallOptions {
  /** A comment for the event log. */
  comment?: string;
}

/** Options of a power-off. */
export interface PowerOffOptions extends CallOptions {
  /** `soft` asks the OS to shut down first; `hard` (the default) cuts power. */
  stopMode?: PowerStopMode;
  /** A comment for the event log. */
  comment?: string;
}

/** Options of a power-on. */
export interface PowerOnOptions extends CallOptions {
  /** User data for cloud-init (text or bytes; base64-encoded for you). */
  userData?: string | Uint8Array;
  /** A comment for the event log. */
  comment?: string;
}

/** Options of a test run. */
export interface TestOptions extends CallOptions {
  /** Allow SSH into the testing environment with the user's keys. */
  enableSsh?: boolean;
  /** Names or tags of the testing scripts to run (default: those tagged `commissioning`). */
  testingScripts?: readonly string[];
  /** Parameters of the selected scripts, by parameter name (or `script_param`). */
  parameters?: Readonly<Record<string, string | number | boolean>>;
}

/** Encodes user data as the base64 text MAAS expects. */
function base64UserData(value: string | Uint8Array): string {
  const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
  if (!(bytes instanceof Uint8Array)) {
    throw new ParameterError(`userData must be text or bytes, got ${describe(value)}`);
  }
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A list of script names as the comma-separated text MAAS takes. */
function scriptList(scripts: readonly string[] | string): string {
  if (typeof scripts === "string") return scripts;
  if (!Array.isArray(scripts)) {
    throw new ParameterError(`A script list must be a list of names, got ${describe(scripts)}`);
  }
  return scripts.join(",");
}

/**
 * A device: a non-deployable node MAAS tracks for its addresses and DNS (a switch, a VM, a
 * container), optionally attached to a parent node.
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
  /** Devices have no life-cycle status. */
  declare readonly status: undefined;

  static {
    this.registerNodeType(NodeType.DEVICE, Device);
  }

  /** `devices/{system_id}/`. */
  override get resourcePath(): string {
    return apiPath`devices/${this.systemId}/`;
  }

  /** The parent node's system id, or `null`; assign a system id (or a node) and `save()`. */
  get parent(): string | null {
    return (this.get("parent") as string | null | undefined) ?? null;
  }
  /** Records a new parent for `save()`. */
  set parent(value: SystemIdOrNode) {
    this.set("parent", systemIdOf(value, "parent"));
  }

  /** Sets workload annotations (`""` or `null` removes a key). */
  async setWorkloadAnnotations(
    annotations: AnnotationChanges,
    options?: CallOptions,
  ): Promise<this> {
    return await this.sendAnnotations(annotations, options);
  }

  /** Restores the device's networking to what MAAS discovered. */
  async restoreNetworkingConfiguration(options?: CallOptions): Promise<this> {
    return await this.postOp("restore_networking_configuration", undefined, options);
  }

  /** Restores the device's default configuration. */
  async restoreDefaultConfiguration(options?: CallOptions): Promise<this> {
    return await this.postOp("restore_default_configuration", undefined, options);
  }
}
defineFields(Device, { hostname: { wire: "hostname", writable: true } });

/**
 * A controller of either kind; rack and region controllers extend it.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function versions(client: Client) {
 *   for (const rack of await client.rackControllers.list()) console.log(rack.hostname, rack.version);
 * }
 * ```
 */
export class Controller extends Node {
  /** The MAAS version the controller runs. */
  declare readonly version: string | undefined;
  /** Controllers have no life-cycle status. */
  declare readonly status: undefined;
}
defineFields(Controller, { version: "version" });

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

  /** `rackcontrollers/{system_id}/`. */
  override get resourcePath(): string {
    return apiPath`rackcontrollers/${this.systemId}/`;
  }

  /** The services of the controller and their state. */
  get services(): ControllerService[] {
    const list = (this.data.service_set ?? []) as WireData[];
    return list.map((s) => ({
      name: s.name as string,
      status: s.status as string,
      statusInfo: (s.status_info as string) ?? "",
    }));
  }

  /** Asks the controller's BMC for its power state. */
  async queryPowerState(options?: CallOptions): Promise<PowerState> {
    return await this.readPowerState(options);
  }

  /** Powers the controller on. */
  async powerOn(options?: PowerOnOptions): Promise<this> {
    return await this.sendPowerOn(options);
  }

  /** Powers the controller off. */
  async powerOff(options?: PowerOffOptions): Promise<this> {
    return await this.sendPowerOff(options);
  }

  /** Runs hardware tests on the controller. */
  async test(options?: TestOptions): Promise<this> {
    return await this.sendTest(options);
  }

  /** Aborts the controller's current operation. */
  async abort(options?: CommentOptions): Promise<this> {
    return await this.sendWithComment("abort", options);
  }

  /** Ignores failed tests and puts the controller back into use. */
  async overrideFailedTesting(options?: CommentOptions): Promise<this> {
    return await this.sendWithComment("override_failed_testing", options);
  }

  /** Asks the controller to import boot images (deprecated by MAAS; the region syncs them). */
  async importBootImages(options?: CallOptions): Promise<void> {
    await this.call("POST", "import_boot_images", undefined, options);
  }

  /** The boot images the controller has and whether they are in sync with the region. */
  async listBootImages(options?: CallOptions): Promise<RackBootImages> {
    const answer = expectObject(
      await this.call("GET", "list_boot_images", undefined, options),
      "a boot image list",
    );
    return answer as unknown as RackBootImages;
  }
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

  /** `regioncontrollers/{system_id}/`. */
  override get resourcePath(): string {
    return apiPath`regioncontrollers/${this.systemId}/`;
  }
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
  /** The collection's path, such as `machines/`. */
  protected abstract readonly collectionPath: string;
  /** The name MAAS gives one member in its 404 texts (`Machine`, `Device`…). */
  protected abstract readonly memberName: string;

  /** Wraps one member's wire data. */
  protected abstract wrap(data: WireData): T;

  /** The path of one member. */
  protected memberPath(systemId: string): string {
    return this.collectionPath + apiPath`${systemId}/`;
  }

  /** Maps filters or constraints to wire names through `names`, refusing unknown keys. */
  protected toParams<K extends string>(
    values: Readonly<Partial<Record<K, unknown>>>,
    names: Readonly<Record<K, string>>,
    what: string,
  ): Record<string, ParamValue> {
    return constraintParams(values, names, what);
  }

  /** System ids of nodes given by id or as objects; `what` names the parameter in errors. */
  protected systemIds(nodes: readonly SystemIdOrNode[], what: string): string[] {
    if (!Array.isArray(nodes)) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(what)} must be a list, got ${describe(nodes)}`,
      );
    }
    return nodes.map((node) => systemIdOf(node));
  }

  /** The system id of one node given by id or as an object. */
  protected systemId(node: SystemIdOrNode, what: string): string {
    return systemIdOf(node, what);
  }

  /** The name of a zone, pool or domain given by name or as an object. */
  protected refName(value: NameOrObject, what: string): string {
    return refName(value, what);
  }

  /**
   * Lists the members that match `filters`, filtered on the server and sorted by id. With no
   * filters, everything is listed: prefer a filter on a large MAAS.
   */
  async list(filters: NodeFilters & CallOptions = {}): Promise<T[]> {
    const { signal, timeout, retries, ...rest } = filters ?? {};
    const params = constraintParams(rest as NodeFilters, FILTER_WIRE_NAMES, "filter");
    const data = await this.context.call("GET", this.collectionPath, {
      params,
      signal,
      timeout,
      retries,
    });
    const items = expectList(data, this.memberName);
    const result = new Array<T>(items.length);
    for (let i = 0; i < items.length; i++) result[i] = this.wrap(items[i]);
    return result;
  }

  /** One member by system id; a missing one raises `NotFoundError`. */
  async get(systemId: string, options?: CallOptions): Promise<T> {
    required(systemId, "systemId", "string");
    const data = await this.context.call("GET", this.memberPath(systemId), options);
    return this.wrap(expectObject(data, `a ${this.memberName}`));
  }

  /** Whether a MAC address belongs to a node MAAS knows (retired nodes excluded). */
  async isRegistered(macAddress: string, options?: CallOptions): Promise<boolean> {
    required(macAddress, "macAddress", "string");
    const answer = await this.context.call("GET", this.collectionPath, {
      op: "is_registered",
      params: { mac_address: macAddress },
      ...options,
    });
    return answer === true;
  }

  /** Moves nodes to a zone (administrators only). */
  async setZone(
    nodes: readonly SystemIdOrNode[],
    zone: NameOrObject,
    options?: CallOptions,
  ): Promise<void> {
    const ids = this.systemIds(nodes, "nodes");
    await this.context.call("POST", this.collectionPath, {
      op: "set_zone",
      params: { zone: refName(zone, "zone"), nodes: ids },
      ...options,
    });
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
  /** `nodes/`. */
  protected readonly collectionPath = "nodes/";
  /** `Node`. */
  protected readonly memberName = "Node";

  /** Wraps a node in the class of its type. */
  protected wrap(data: WireData): Node {
    return Node.wrap(this.context, data);
  }
}

/** What a new device needs. */
export interface CreateDeviceOptions extends CallOptions {
  /** One or more MAC addresses of the device. */
  macAddresses: readonly string[];
  /** Host name (generated when left out). */
  hostname?: string;
  /** Free-form description. */
  description?: string;
  /** DNS domain (default domain when left out). */
  domain?: NameOrObject;
  /** The parent node. */
  parent?: SystemIdOrNode;
}

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
  /** `devices/`. */
  protected readonly collectionPath = "devices/";
  /** `Device`. */
  protected readonly memberName = "Device";

  /** Wraps a device. */
  protected wrap(data: WireData): Device {
    return new Device(this.context, data);
  }

  /** Creates a device. */
  async create(options: CreateDeviceOptions): Promise<Device> {
    required(options, "options", "object");
    const { macAddresses, hostname, description, domain, parent, ...call } = optionsOf(options);
    if (!Array.isArray(macAddresses) || macAddresses.length === 0) {
      throw new ParameterError(
        `Missing required parameter "macAddresses" (one MAC address or more)`,
      );
    }
    const data = await this.context.call("POST", this.collectionPath, {
      params: {
        mac_addresses: macAddresses,
        hostname,
        description,
        domain: domain === undefined ? undefined : this.refName(domain, "domain"),
        parent: parent === undefined ? undefined : this.systemId(parent, "parent"),
      },
      ...call,
    });
    return this.wrap(expectObject(data, "a device"));
  }
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
  /** `rackcontrollers/`. */
  protected readonly collectionPath = "rackcontrollers/";
  /** `RackController`. */
  protected readonly memberName = "RackController";

  /** Wraps a rack controller. */
  protected wrap(data: WireData): RackController {
    return new RackController(this.context, data);
  }

  /** Asks every rack controller to import boot images. */
  async importBootImages(options?: CallOptions): Promise<void> {
    await this.context.call("POST", this.collectionPath, { op: "import_boot_images", ...options });
  }

  /** The power drivers MAAS knows and the parameters each takes. */
  async describePowerTypes(options?: CallOptions): Promise<PowerTypeDescription[]> {
    const data = await this.context.call("GET", this.collectionPath, {
      op: "describe_power_types",
      ...options,
    });
    return expectList(data, "power types") as unknown as PowerTypeDescription[];
  }

  /** Power parameters of several rack controllers, by system id (all when `ids` is empty). */
  async powerParameters(
    ids: readonly SystemIdOrNode[] = [],
    options?: CallOptions,
  ): Promise<Record<string, Record<string, unknown>>> {
    const data = await this.context.call("GET", this.collectionPath, {
      op: "power_parameters",
      params: { id: this.systemIds(ids, "ids") },
      ...options,
    });
    return expectObject(data, "power parameters") as Record<string, Record<string, unknown>>;
  }
}

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
  /** `regioncontrollers/`. */
  protected readonly collectionPath = "regioncontrollers/";
  /** `RegionController`. */
  protected readonly memberName = "RegionController";

  /** Wraps a region controller. */
  protected wrap(data: WireData): RegionController {
    return new RegionController(this.context, data);
  }
}
