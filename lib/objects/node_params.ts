/**
 * What the node families (nodes, machines, devices, rack and region controllers) share in their
 * descriptions: the filters MAAS applies on the server when listing any kind of node, and the
 * codecs for the values MAAS reads its own way (statuses by label, zones by name, constraints as
 * text, user data in base64, power parameters as JSON).
 *
 * @example
 * ```ts
 * import { NODE_STATUSES } from "./node_params.ts";
 * console.log(NODE_STATUSES.encode([4, "deployed"], "status")); // ["ready", "deployed"]
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { MaasObject } from "./base.ts";
import { NodeStatus, type PowerState } from "./enums.ts";
import type { Codec, ExtraParams, ParamSpecs } from "./spec.ts";
import { describe } from "./wire.ts";

/** One value or several (sent as a repeated parameter). */
export type OneOrMore<T> = T | readonly T[];

/** Anything that names a zone, pool or domain: its name, or an object with a `name`. */
export type NameOrObject = string | { readonly name: string };

/** Anything that names a node: its system id, or an object with a `systemId`. */
export type SystemIdOrNode = string | { readonly systemId: string };

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

/** Where a machine is deployed to: `memory` (ephemeral deployments) or `disk`. */
export type DeploymentTarget = "memory" | "disk";

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
 * The filters MAAS applies on the server when listing nodes of any kind (`machines/`, `nodes/`,
 * `devices/`, `rackcontrollers/`, `regioncontrollers/`). Lists mean "any of" (or "all of" for
 * `tags` and `subnets`); `not…` filters exclude. Use them rather than listing everything: an
 * inventory can hold thousands of machines. Filters that not every MAAS line reads say which
 * lines do; the others are read by every line.
 */
export interface NodeFilters extends ExtraParams {
  /** System ids. */
  id?: OneOrMore<string>;
  /** System ids to leave out (MAAS 3.7 and later). */
  notId?: OneOrMore<string>;
  /** System ids (MAAS 3.7 and later; `id` on every line). */
  systemId?: OneOrMore<string>;
  /** Hostnames (without the domain). */
  hostname?: OneOrMore<string>;
  /** Hostnames to leave out (MAAS 3.7 and later). */
  notHostname?: OneOrMore<string>;
  /** MAC addresses of any of the node's interfaces. */
  macAddress?: OneOrMore<string>;
  /** Domain names. */
  domain?: OneOrMore<string>;
  /** Domain names to leave out (MAAS 3.7 and later). */
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
  /** Statuses to leave out (MAAS 3.7 and later). */
  notStatus?: OneOrMore<NodeStatus | NodeStatusLabel>;
  /** Simplified statuses (`failed` covers every failed status; MAAS 3.7 and later). */
  simpleStatus?: OneOrMore<SimpleNodeStatus>;
  /** Simplified statuses to leave out (MAAS 3.7 and later). */
  notSimpleStatus?: OneOrMore<SimpleNodeStatus>;
  /** Owners' usernames (MAAS 3.7 and later). */
  owner?: OneOrMore<string>;
  /** Owners to leave out (MAAS 3.7 and later). */
  notOwner?: OneOrMore<string>;
  /** Agent names given at allocation. */
  agentName?: OneOrMore<string>;
  /** Agent names to leave out (MAAS 3.7 and later). */
  notAgentName?: OneOrMore<string>;
  /** Architectures (`amd64/generic`, or `amd64` for any subarchitecture). */
  arch?: OneOrMore<string>;
  /** Architectures to leave out (MAAS 3.7 and later). */
  notArch?: OneOrMore<string>;
  /** At least this many CPU cores. */
  cpuCount?: number;
  /** CPUs of at least this speed, in MHz (MAAS 3.7 and later). */
  cpuSpeed?: number;
  /** At least this much memory, in MiB. */
  mem?: number;
  /** Power states (MAAS 3.7 and later). */
  powerState?: OneOrMore<PowerState>;
  /** Power states to leave out (MAAS 3.7 and later). */
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
  /** `memory` (ephemeral deployments) or `disk` (MAAS 3.7 and later). */
  deploymentTarget?: OneOrMore<DeploymentTarget>;
  /** Deployment targets to leave out (MAAS 3.7 and later). */
  notDeploymentTarget?: OneOrMore<DeploymentTarget>;
  /** Interface constraints, as MAAS's text or as a labelled map. */
  interfaces?: string | InterfaceConstraints;
  /** Storage constraints, as MAAS's text (`root:80(ssd),data:400`) or a list. */
  storage?: string | readonly StorageConstraint[];
  /** PCI/USB device constraints, as MAAS's text (`vendor_id=8086`) or a map (MAAS 3.0 and later). */
  devices?: string | Readonly<Record<string, string>>;
  /** VM hosts (pods) the node is in, by name (MAAS up to 3.8: VM hosts were removed after). */
  pod?: OneOrMore<string>;
  /** VM hosts to leave out (MAAS up to 3.8). */
  notPod?: OneOrMore<string>;
  /** VM host types, such as `lxd` (MAAS up to 3.8). */
  podType?: OneOrMore<string>;
  /** VM host types to leave out (MAAS up to 3.8). */
  notPodType?: OneOrMore<string>;
  /** Nodes connected to these switch ports (MAAS 2.9 and 3.0 only). */
  connectedTo?: OneOrMore<string>;
  /** Nodes not connected to these switch ports (MAAS 2.9 and 3.0 only). */
  notConnectedTo?: OneOrMore<string>;
}

const STATUS_LABELS: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(NodeStatus).map(([key, value]) => [value, key.toLowerCase()]),
);

/** Each item of `value` (one or a list) mapped by `item`. */
function eachOf(
  value: unknown,
  item: (one: unknown) => string | number,
): ParamValue {
  return Array.isArray(value) ? value.map(item) : item(value);
}

/**
 * Statuses as MAAS's filters read them: by label (`ready`), so numbers are sent as their label.
 *
 * @example
 * ```ts
 * import { NODE_STATUSES } from "./node_params.ts";
 * console.log(NODE_STATUSES.encode(6, "status")); // deployed
 * ```
 */
export const NODE_STATUSES: Codec = {
  takes: "a NodeStatus or a status label (one or a list)",
  encode(value: unknown, option: string): ParamValue {
    return eachOf(value, (item) => {
      if (typeof item === "number" && STATUS_LABELS[item] !== undefined) return STATUS_LABELS[item];
      if (typeof item === "string" && item !== "") return item;
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes a NodeStatus or a status label, got ${
          typeof item === "number" ? item : describe(item)
        }`,
      );
    });
  },
};

function nameOf(item: unknown, option: string): string {
  if (typeof item === "string" && item !== "") return item;
  if (item !== null && typeof item === "object" && !Array.isArray(item)) {
    const name = item instanceof MaasObject ? item.get("name") : (item as { name?: unknown }).name;
    if (typeof name === "string" && name !== "") return name;
  }
  throw new ParameterError(
    `Parameter ${JSON.stringify(option)} takes a name or an object with a name, got ${
      describe(item)
    }`,
  );
}

/**
 * A zone, pool or domain sent by name: MAAS reads these by name, so an object is sent as its
 * `name`.
 *
 * @example
 * ```ts
 * import { NAME } from "./node_params.ts";
 * console.log(NAME.encode({ id: 2, name: "rack-a" }, "zone")); // rack-a
 * ```
 */
export const NAME: Codec = {
  takes: "a name or an object with a name",
  encode: (value, option) => nameOf(value, option),
};

/**
 * Zones, pools or domains by name, one or a list.
 *
 * @example
 * ```ts
 * import { NAMES } from "./node_params.ts";
 * console.log(NAMES.encode(["a", { name: "b" }], "zone")); // ["a", "b"]
 * ```
 */
export const NAMES: Codec = {
  takes: "names or objects with a name (one or a list)",
  encode: (value, option) => eachOf(value, (item) => nameOf(item, option)),
};

/**
 * VLAN and subnet specifiers: ids or MAAS's `kind:value` texts, one or a list.
 *
 * @example
 * ```ts
 * import { SPECIFIERS } from "./node_params.ts";
 * console.log(SPECIFIERS.encode([3, "space:dmz"], "subnets")); // [3, "space:dmz"]
 * ```
 */
export const SPECIFIERS: Codec = {
  takes: "ids or specifiers such as vid:10 or space:dmz (one or a list)",
  encode: (value, option) =>
    eachOf(value, (item) => {
      if ((typeof item === "string" && item !== "") || Number.isSafeInteger(item)) {
        return item as string | number;
      }
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes ids or specifiers, got ${describe(item)}`,
      );
    }),
};

/**
 * Choices from a fixed set, one or a list (power states, deployment targets…).
 *
 * @example
 * ```ts
 * import { choices } from "./node_params.ts";
 * console.log(choices(["on", "off"]).encode(["on"], "powerState")); // ["on"]
 * ```
 */
export function choices(values: readonly string[]): Codec {
  return {
    takes: `${values.join(", ")} (one or a list)`,
    encode: (value, option) =>
      eachOf(value, (item) => {
        if (typeof item === "string" && values.includes(item)) return item;
        throw new ParameterError(
          `Parameter ${JSON.stringify(option)} must be one of ${values.join(", ")}, got ${
            JSON.stringify(item) ?? describe(item)
          }`,
        );
      }),
  };
}

/**
 * Labelled interface constraints as MAAS's text (`eth:fabric=f0,link_speed=1000;…`).
 *
 * @example
 * ```ts
 * import { INTERFACES } from "./node_params.ts";
 * console.log(INTERFACES.encode({ eth: { fabric: "f0" } }, "interfaces")); // eth:fabric=f0
 * ```
 */
export const INTERFACES: Codec = {
  takes: "MAAS's interface constraint text or a labelled map",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value === "string") return value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes text or a labelled map, got ${describe(value)}`,
      );
    }
    return Object.entries(value as InterfaceConstraints).map(([label, properties]) => {
      if (properties === null || typeof properties !== "object" || Array.isArray(properties)) {
        throw new ParameterError(
          `Interface constraint ${JSON.stringify(label)} must map properties to values`,
        );
      }
      const parts: string[] = [];
      for (const [key, wanted] of Object.entries(properties)) {
        for (const item of Array.isArray(wanted) ? wanted : [wanted]) parts.push(`${key}=${item}`);
      }
      return `${label}:${parts.join(",")}`;
    }).join(";");
  },
};

/**
 * Storage constraints as MAAS's text (`root:80(ssd),data:400`).
 *
 * @example
 * ```ts
 * import { STORAGE } from "./node_params.ts";
 * console.log(STORAGE.encode([{ label: "root", size: 80, tags: ["ssd"] }], "storage")); // root:80(ssd)
 * ```
 */
export const STORAGE: Codec = {
  takes: "MAAS's storage constraint text or a list of constraints",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value === "string") return value;
    if (!Array.isArray(value)) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes text or a list of constraints, got ${
          describe(value)
        }`,
      );
    }
    return (value as StorageConstraint[]).map((constraint) => {
      if (
        constraint === null || typeof constraint !== "object" || typeof constraint.size !== "number"
      ) {
        throw new ParameterError(
          `Each storage constraint needs a size in GB, got ${describe(constraint)}`,
        );
      }
      const tags = Array.isArray(constraint.tags) && constraint.tags.length
        ? `(${constraint.tags.join(",")})`
        : "";
      return `${constraint.label ? constraint.label + ":" : ""}${constraint.size}${tags}`;
    }).join(",");
  },
};

/**
 * PCI/USB device constraints as MAAS's text (`vendor_id=8086,product_id=1572`).
 *
 * @example
 * ```ts
 * import { DEVICES } from "./node_params.ts";
 * console.log(DEVICES.encode({ vendor_id: "8086" }, "devices")); // vendor_id=8086
 * ```
 */
export const DEVICES: Codec = {
  takes: "MAAS's device constraint text or a map",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value === "string") return value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes text or a map, got ${describe(value)}`,
      );
    }
    return Object.entries(value as Record<string, string>).map(([key, wanted]) =>
      `${key}=${wanted}`
    ).join(",");
  },
};

function systemIdOf(item: unknown, option: string): string {
  const id = item instanceof MaasObject
    ? item.get("system_id")
    : item !== null && typeof item === "object"
    ? (item as { systemId?: unknown }).systemId
    : item;
  if (typeof id !== "string" || id === "") {
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} takes a system id or a node, got ${describe(item)}`,
    );
  }
  return id;
}

/**
 * One node sent by system id (a device's parent, the source of a clone).
 *
 * @example
 * ```ts
 * import { SYSTEM_ID } from "./node_params.ts";
 * console.log(SYSTEM_ID.encode({ systemId: "abc123" }, "parent")); // abc123
 * ```
 */
export const SYSTEM_ID: Codec = {
  takes: "a system id or a node",
  encode: (value, option) => systemIdOf(value, option),
};

/**
 * Nodes sent as one comma-separated text of system ids (`clone`'s destinations: MAAS splits the
 * text itself).
 *
 * @example
 * ```ts
 * import { COMMA_SYSTEM_IDS } from "./node_params.ts";
 * console.log(COMMA_SYSTEM_IDS.encode(["a", { systemId: "b" }], "destinations")); // a,b
 * ```
 */
export const COMMA_SYSTEM_IDS: Codec = {
  takes: "system ids or nodes (one or a list)",
  encode: (value, option) =>
    (Array.isArray(value) ? value : [value]).map((item) => systemIdOf(item, option)).join(","),
};

/**
 * Script names or tags as one comma-separated text, as the script selection fields of
 * `commission`, `test` and `release` read them.
 *
 * @example
 * ```ts
 * import { SCRIPT_NAMES } from "./node_params.ts";
 * console.log(SCRIPT_NAMES.encode(["smartctl-validate", "memtester"], "testingScripts"));
 * ```
 */
export const SCRIPT_NAMES: Codec = {
  takes: "script names or tags (one or a list)",
  encode(value: unknown, option: string): ParamValue {
    const list: readonly unknown[] = Array.isArray(value) ? value : [value];
    if (list.some((item) => typeof item !== "string" || item === "")) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes script names or tags, got ${describe(value)}`,
      );
    }
    return list.join(",");
  },
};

/**
 * A size as MAAS's storage forms read it: bytes, or text with a unit (`512M`, `24G`).
 *
 * @example
 * ```ts
 * import { SIZE } from "./node_params.ts";
 * console.log(SIZE.encode("24G", "rootSize")); // 24G
 * ```
 */
export const SIZE: Codec = {
  takes: "a size in bytes or a text such as 24G",
  encode(value: unknown, option: string): ParamValue {
    if ((typeof value === "string" && value !== "") || Number.isSafeInteger(value)) {
      return value as string | number;
    }
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} takes a size in bytes or a text such as 24G, got ${
        describe(value)
      }`,
    );
  },
};

/**
 * User data for cloud-init: MAAS reads it base64-encoded, so text (as UTF-8) or bytes are
 * encoded here.
 *
 * @example
 * ```ts
 * import { USER_DATA } from "./node_params.ts";
 * console.log(USER_DATA.encode("#cloud-config\n", "userData")); // I2Nsb3VkLWNvbmZpZwo=
 * ```
 */
export const USER_DATA: Codec = {
  takes: "text or bytes (sent base64-encoded)",
  encode(value: unknown, option: string): ParamValue {
    const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
    if (!(bytes instanceof Uint8Array)) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes text or bytes, got ${describe(value)}`,
      );
    }
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  },
};

/** What a power driver's parameters may hold. */
export type PowerParameters = Readonly<Record<string, string | number | boolean>>;

/**
 * A power driver's parameters as the JSON text MAAS's power forms read from `power_parameters`
 * (an object is encoded; a text is taken to be that JSON already).
 *
 * @example
 * ```ts
 * import { POWER_PARAMETERS } from "./node_params.ts";
 * console.log(POWER_PARAMETERS.encode({ power_address: "10.0.0.9" }, "powerParameters"));
 * ```
 */
export const POWER_PARAMETERS: Codec = {
  takes: "an object of the driver's parameters, or their JSON text",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value === "string") return value;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} takes an object of power parameters, got ${
          describe(value)
        }`,
      );
    }
    for (const [key, item] of Object.entries(value)) {
      if (!["string", "number", "boolean"].includes(typeof item)) {
        throw new ParameterError(
          `Power parameter ${JSON.stringify(key)} must be a string, number or boolean, got ${
            describe(item)
          }`,
        );
      }
    }
    return JSON.stringify(value);
  },
};

const POWER_STATES = ["on", "off", "unknown", "error"];
const SIMPLE_STATUSES: readonly SimpleNodeStatus[] = [
  "allocated",
  "broken",
  "commissioning",
  "deployed",
  "deploying",
  "failed",
  "new",
  "ready",
  "releasing",
  "rescue_mode",
  "testing",
  "other",
];
const TARGETS = ["memory", "disk"];
const NEWER = ["3.7", "3.8", "master"] as const;
const WITH_PODS = ["2.9", "3.0", "3.7", "3.8"] as const;
const OLDER = ["2.9", "3.0"] as const;

/**
 * The parameters of the node collections' `GET read` (the same on `machines/`, `nodes/`,
 * `devices/`, `rackcontrollers/` and `regioncontrollers/`), with the lines that read each.
 *
 * @example
 * ```ts
 * import { NODE_FILTER_PARAMS } from "./node_params.ts";
 * console.log(NODE_FILTER_PARAMS.notInZone.wire); // not_in_zone
 * ```
 */
export const NODE_FILTER_PARAMS: ParamSpecs<NodeFilters> = {
  id: { wire: "id", kind: "strings" },
  notId: { wire: "not_id", kind: "strings", lines: NEWER },
  systemId: { wire: "system_id", kind: "strings", lines: NEWER },
  hostname: { wire: "hostname", kind: "strings" },
  notHostname: { wire: "not_hostname", kind: "strings", lines: NEWER },
  macAddress: { wire: "mac_address", kind: "strings" },
  domain: { wire: "domain", kind: "strings" },
  notDomain: { wire: "not_domain", kind: "strings", lines: NEWER },
  zone: { wire: "zone", kind: NAMES },
  notInZone: { wire: "not_in_zone", kind: NAMES },
  pool: { wire: "pool", kind: NAMES },
  notInPool: { wire: "not_in_pool", kind: NAMES },
  tags: { wire: "tags", kind: "strings" },
  notTags: { wire: "not_tags", kind: "strings" },
  status: { wire: "status", kind: NODE_STATUSES, values: ["ready"] },
  notStatus: { wire: "not_status", kind: NODE_STATUSES, values: ["ready"], lines: NEWER },
  simpleStatus: {
    wire: "simple_status",
    kind: choices(SIMPLE_STATUSES),
    values: SIMPLE_STATUSES,
    lines: NEWER,
  },
  notSimpleStatus: {
    wire: "not_simple_status",
    kind: choices(SIMPLE_STATUSES),
    values: SIMPLE_STATUSES,
    lines: NEWER,
  },
  owner: { wire: "owner", kind: "strings", lines: NEWER },
  notOwner: { wire: "not_owner", kind: "strings", lines: NEWER },
  agentName: { wire: "agent_name", kind: "strings" },
  notAgentName: { wire: "not_agent_name", kind: "strings", lines: NEWER },
  arch: { wire: "arch", kind: "strings" },
  notArch: { wire: "not_arch", kind: "strings", lines: NEWER },
  cpuCount: { wire: "cpu_count", kind: "number" },
  cpuSpeed: { wire: "cpu_speed", kind: "number", lines: NEWER },
  mem: { wire: "mem", kind: "number" },
  powerState: {
    wire: "power_state",
    kind: choices(POWER_STATES),
    values: ["on"],
    lines: NEWER,
  },
  notPowerState: {
    wire: "not_power_state",
    kind: choices(POWER_STATES),
    values: ["on"],
    lines: NEWER,
  },
  fabrics: { wire: "fabrics", kind: "strings" },
  notFabrics: { wire: "not_fabrics", kind: "strings" },
  fabricClasses: { wire: "fabric_classes", kind: "strings" },
  notFabricClasses: { wire: "not_fabric_classes", kind: "strings" },
  vlans: { wire: "vlans", kind: SPECIFIERS },
  notVlans: { wire: "not_vlans", kind: SPECIFIERS },
  subnets: { wire: "subnets", kind: SPECIFIERS },
  notSubnets: { wire: "not_subnets", kind: SPECIFIERS },
  linkSpeed: { wire: "link_speed", kind: "number" },
  deploymentTarget: {
    wire: "deployment_target",
    kind: choices(TARGETS),
    values: ["disk"],
    lines: NEWER,
  },
  notDeploymentTarget: {
    wire: "not_deployment_target",
    kind: choices(TARGETS),
    values: ["disk"],
    lines: NEWER,
  },
  interfaces: { wire: "interfaces", kind: INTERFACES },
  storage: { wire: "storage", kind: STORAGE },
  devices: { wire: "devices", kind: DEVICES, lines: ["3.0", "3.7", "3.8", "master"] },
  pod: { wire: "pod", kind: "strings", lines: WITH_PODS },
  notPod: { wire: "not_pod", kind: "strings", lines: WITH_PODS },
  podType: { wire: "pod_type", kind: "strings", lines: WITH_PODS },
  notPodType: { wire: "not_pod_type", kind: "strings", lines: WITH_PODS },
  connectedTo: { wire: "connected_to", kind: "strings", lines: OLDER },
  notConnectedTo: { wire: "not_connected_to", kind: "strings", lines: OLDER },
};
