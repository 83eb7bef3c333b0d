/**
 * A client for the MAAS (Metal as a Service) HTTP API 2.0: {@linkcode connect} and
 * {@linkcode login} give a typed {@linkcode Client} with one namespace per family of MAAS objects.
 *
 * Every typed method takes the op's parameters as one object (camelCase names; unknown ones are
 * refused, `extra` sends wire names as given) and the request options (`signal`, `timeout`,
 * `retries`) as its last argument.
 *
 * The low level has its own doors: `@libmaas/client/session` (every action the server describes),
 * `@libmaas/client/transport` (signed requests), `@libmaas/client/profiles` (saved profiles and
 * settings), `@libmaas/client/objects` (the engine behind the typed families) and
 * `@libmaas/client/testing` (a MAAS simulator for tests and demos).
 *
 * @example
 * ```ts
 * import { connect } from "@libmaas/client";
 * const client = await connect("http://maas.example.com:5240/MAAS/", {
 *   apikey: "consumer_key:token_key:token_secret",
 * });
 * console.log((await client.users.whoami()).username);
 * for (const machine of await client.machines.list({ status: "ready" })) {
 *   console.log(machine.hostname);
 * }
 * ```
 *
 * @module
 */

export { Client, connect, type ConnectOptions, login } from "./lib/client.ts";
export type { LoginOptions } from "./lib/connect.ts";
export { Credentials } from "./lib/auth.ts";
export * from "./lib/errors.ts";
export type { CallOptions } from "./lib/transport.ts";
export { MAAS_LINES, type MaasLine } from "./lib/objects/lines.ts";
export type { ExtraParams } from "./lib/objects/spec.ts";
export { MaasObject, Namespace, type WireData } from "./lib/objects/base.ts";
export { bulk, type BulkOptions, type Settled } from "./lib/objects/bulk.ts";
export * from "./lib/objects/enums.ts";

// Families described for the engine: their descriptions stay inside the library.
export {
  Account,
  type CreateCredentialsOptions,
  type NamedCredentials,
} from "./lib/objects/account.ts";
export {
  type CreateUserOptions,
  type DeleteUserOptions,
  User,
  Users,
} from "./lib/objects/users.ts";
export { type CreateSSHKeyOptions, SSHKey, SSHKeys } from "./lib/objects/sshkeys.ts";
export { SSLKey, SSLKeys } from "./lib/objects/sslkeys.ts";
export {
  type ConfigValue,
  type DNSSECValidation,
  MAASConfig,
  type MAASSettings,
  type NetworkDiscovery,
} from "./lib/objects/config.ts";
export { Version, Versions } from "./lib/objects/version.ts";
export {
  type CreateTagOptions,
  type NodeRef,
  Tag,
  type TagNodeCounts,
  Tags,
  type UpdateTagNodesOptions,
} from "./lib/objects/tags.ts";
export { type CreatePlacementOptions, Zone, Zones } from "./lib/objects/zones.ts";
export { ResourcePool, ResourcePools } from "./lib/objects/pools.ts";
export {
  Event,
  type EventFilters,
  type EventIterateFilters,
  type EventIterateOptions,
  type EventOrder,
  type EventPage,
  type EventQueryOptions,
  Events,
  MAX_EVENTS_PER_QUERY,
  parseEventTime,
} from "./lib/objects/events.ts";
export { type FileContent, Files, type ListFilesOptions, StoredFile } from "./lib/objects/files.ts";

export {
  type AnnotationChanges,
  type CommentOptions,
  Controller,
  type ControllerChanges,
  type ControllerSaveOptions,
  type DeploymentTarget,
  type ForceDeleteOptions,
  type HardwareInfo,
  type InterfaceConstraints,
  type NameOrObject,
  Node,
  NodeCollection,
  type NodeCollectionOps,
  type NodeDetails,
  type NodeDomain,
  type NodeFilters,
  type NodeOps,
  type NodePool,
  Nodes,
  type NodeStatusLabel,
  type NodeZone,
  type OneOrMore,
  PoweredNode,
  type PowerOffOptions,
  type PowerOnOptions,
  type PowerParameters,
  type ScriptParameters,
  type SimpleNodeStatus,
  type StorageConstraint,
  type SystemIdOrNode,
  type TestOptions,
  type WorkloadAnnotations,
} from "./lib/objects/nodes.ts";
export {
  type AddChassisOptions,
  type AllocateOptions,
  type BulkOperationOptions,
  type CloneOptions,
  type CommissionOptions,
  type CreateMachineOptions,
  type DefaultGateway,
  type DeployOptions,
  type ListAllocatedOptions,
  Machine,
  type MachineFilters,
  type MachineOperation,
  type MachineOperationOptions,
  type MachineOutcome,
  type MachineProgress,
  Machines,
  type MachineSaveOptions,
  type MachineWaitOptions,
  type MarkBrokenOptions,
  type MountSpecialOptions,
  type NumaNode,
  type ReleaseMachinesOptions,
  type ReleaseOptions,
  type SpecialFilesystem,
  type StorageLayoutOptions,
} from "./lib/objects/machines.ts";
export { type OperationOptions, type WaitOptions } from "./lib/objects/wait.ts";
export {
  type CreateDeviceOptions,
  Device,
  Devices,
  type DeviceSaveOptions,
} from "./lib/objects/devices.ts";
export {
  type ControllerService,
  type PowerTypeDescription,
  type RackBootImages,
  RackController,
  RackControllers,
} from "./lib/objects/rack_controllers.ts";
export { RegionController, RegionControllers } from "./lib/objects/region_controllers.ts";
export {
  type NodeResult,
  type NodeResultFilters,
  NodeResults,
  type NodeResultType,
} from "./lib/objects/node_results.ts";
export {
  type CurrentScriptRun,
  NodeScriptResults,
  type ScriptHardwareType,
  type ScriptOutput,
  type ScriptResult,
  type ScriptRunDownloadOptions,
  type ScriptRunListOptions,
  type ScriptRunReadOptions,
  type ScriptRunType,
  type ScriptRunUpdateOptions,
  ScriptSet,
} from "./lib/objects/script_results.ts";
export { NodeDevice, type NodeDeviceFilters, NodeDevices } from "./lib/objects/node_devices.ts";
export { NodeScoped, type NodeScopedOps } from "./lib/objects/node_scoped.ts";

// Families not described yet: everything their modules export for users (the helpers they share
// stay inside).
export * from "./lib/objects/interfaces.ts";
export * from "./lib/objects/storage.ts";
export {
  type CreateFabricOptions,
  type CreateIPRangeOptions,
  type CreateStaticRouteOptions,
  type CreateSubnetOptions,
  type CreateVlanOptions,
  Fabric,
  Fabrics,
  IPRange,
  IPRanges,
  type IPRangeUsage,
  Space,
  Spaces,
  StaticRoute,
  StaticRoutes,
  Subnet,
  type SubnetIPAddress,
  Subnets,
  type SubnetStatistics,
  Vlan,
  Vlans,
} from "./lib/objects/networking.ts";
export * from "./lib/objects/ipaddresses.ts";
export * from "./lib/objects/dns.ts";
export * from "./lib/objects/boot.ts";
export * from "./lib/objects/notifications.ts";
export * from "./lib/objects/package_repositories.ts";
export * from "./lib/objects/license_keys.ts";
export * from "./lib/objects/dhcp_snippets.ts";
export * from "./lib/objects/discoveries.ts";
export * from "./lib/objects/scripts.ts";
export * from "./lib/objects/vmhosts.ts";
