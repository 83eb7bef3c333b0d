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
export {
  type ByteSize,
  type FilesystemFormatOptions,
  type FilesystemMountOptions,
  type GroupMembersOptions,
  type MemberChangesOptions,
  type NodeStorageKind,
  NodeStorageNamespace,
  type OneOrList,
  StorageDevice,
  type StorageFilesystem,
  StorageGroup,
  StorageObject,
} from "./lib/objects/storage_base.ts";
export {
  BlockDevice,
  type BlockDeviceRef,
  type CreateBlockDeviceOptions,
  NodeBlockDevices,
} from "./lib/objects/block_devices.ts";
export {
  BlockDevicePartitions,
  type CreatePartitionOptions,
  Partition,
  type PartitionRef,
} from "./lib/objects/partitions.ts";
export {
  type CreateLogicalVolumeOptions,
  type CreateVolumeGroupOptions,
  NodeVolumeGroups,
  type UpdateVolumeGroupOptions,
  VolumeGroup,
} from "./lib/objects/volume_groups.ts";
export {
  type CreateRaidOptions,
  NodeRaids,
  Raid,
  type UpdateRaidOptions,
} from "./lib/objects/raids.ts";
export {
  BcacheCacheSet,
  type CacheSetOptions,
  type CacheSetRef,
  NodeBcacheCacheSets,
} from "./lib/objects/bcache_cache_sets.ts";
export {
  Bcache,
  type CreateBcacheOptions,
  NodeBcaches,
  type UpdateBcacheOptions,
} from "./lib/objects/bcaches.ts";
export {
  type CreateVmfsDatastoreOptions,
  NodeVmfsDatastores,
  type UpdateVmfsDatastoreOptions,
  VmfsDatastore,
  type VmfsFilesystem,
} from "./lib/objects/vmfs_datastores.ts";
export { type CreateFabricOptions, Fabric, Fabrics } from "./lib/objects/fabrics.ts";
export {
  type CreateVlanOptions,
  type UpdateVlanOptions,
  Vlan,
  Vlans,
  type VlanSettings,
} from "./lib/objects/vlans.ts";
export {
  type CreateSubnetOptions,
  type DeleteSubnetOptions,
  type IPRangeUsage,
  Subnet,
  type SubnetIPAddress,
  type SubnetIPAddressesOptions,
  Subnets,
  type SubnetSettings,
  type SubnetStatistics,
  type SubnetStatisticsOptions,
  type UpdateSubnetOptions,
} from "./lib/objects/subnets.ts";
export { type CreateSpaceOptions, Space, Spaces } from "./lib/objects/spaces.ts";
export {
  type CreateIPRangeOptions,
  IPRange,
  IPRanges,
  type IPRangeSettings,
  type UpdateIPRangeOptions,
} from "./lib/objects/ip_ranges.ts";
export {
  type CreateStaticRouteOptions,
  StaticRoute,
  StaticRoutes,
} from "./lib/objects/static_routes.ts";
export type { IdRef, SpecifierRef, SystemIdRef } from "./lib/objects/network_codecs.ts";
export {
  IPAddress,
  IPAddresses,
  type ListIPAddressesOptions,
  type ReleaseIPAddressOptions,
  type ReleaseIPOptions,
  type ReserveIPOptions,
} from "./lib/objects/ipaddresses.ts";
export {
  type BondSettings,
  type BridgeSettings,
  type CreateBondOptions,
  type CreateBridgeOptions,
  type CreatePhysicalOptions,
  type CreateVlanInterfaceOptions,
  type DiscoveredAddress,
  Interface,
  InterfaceLink,
  type InterfaceParams,
  type InterfaceSettings,
  type IPAssignment,
  type LinkSubnetOptions,
  NodeInterfaces,
  type PhysicalSettings,
  type SetDefaultGatewayOptions,
  type UpdateInterfaceOptions,
} from "./lib/objects/interfaces.ts";
export {
  type ClearDiscoveriesOptions,
  Discoveries,
  Discovery,
  type DiscoveryObserver,
  type DiscoveryScanController,
  type DiscoveryScanOptions,
  type DiscoveryScanResult,
} from "./lib/objects/discoveries.ts";
export { type ListNetworksOptions, Network, Networks } from "./lib/objects/networks.ts";
export {
  type CreateReservedIpOptions,
  ReservedIp,
  ReservedIps,
} from "./lib/objects/reserved_ips.ts";
export {
  type CreateFanNetworkOptions,
  FanNetwork,
  FanNetworks,
  type FanNetworkSettings,
} from "./lib/objects/fan_networks.ts";
export {
  type CreateDomainOptions,
  Domain,
  type DomainRef,
  Domains,
} from "./lib/objects/domains.ts";
export {
  type CreateDNSResourceOptions,
  type DNSNameOptions,
  DNSResource,
  DNSResources,
  type ListDNSResourcesOptions,
  type ResourceAddressData,
  type ResourceRecordData,
} from "./lib/objects/dns_resources.ts";
export {
  type CreateDNSResourceRecordOptions,
  DNSResourceRecord,
  DNSResourceRecords,
  type ListDNSResourceRecordsOptions,
} from "./lib/objects/dns_resource_records.ts";
export {
  type BootImageFiletype,
  BootResource,
  type BootResourceFile,
  type BootResourceKind,
  BootResources,
  type BootResourceSet,
  type BootResourceTypeFilter,
  type CreateBootResourceOptions,
  type ImageContent,
  type ListBootResourcesOptions,
  type UploadBootResourceOptions,
  type UploadOptions,
} from "./lib/objects/boot_resources.ts";
export {
  BootSource,
  BootSources,
  type CreateBootSourceOptions,
  type KeyringData,
} from "./lib/objects/boot_sources.ts";
export {
  BootSourceSelection,
  BootSourceSelections,
  type CreateBootSourceSelectionOptions,
} from "./lib/objects/boot_source_selections.ts";
export {
  type CreateNotificationOptions,
  Notification,
  type NotificationCategory,
  Notifications,
  type NotificationSettings,
  type NotificationUser,
} from "./lib/objects/notifications.ts";
export {
  type CreatePackageRepositoryOptions,
  PackageRepositories,
  PackageRepository,
  type PackageRepositorySettings,
} from "./lib/objects/package_repositories.ts";
export {
  type CreateLicenseKeyOptions,
  LicenseKey,
  LicenseKeys,
} from "./lib/objects/license_keys.ts";
export {
  type CreateDHCPSnippetOptions,
  DHCPSnippet,
  type DHCPSnippetIPRangeRef,
  type DHCPSnippetNode,
  type DHCPSnippetNodeRef,
  DHCPSnippets,
  type DHCPSnippetSettings,
  type DHCPSnippetSubnet,
  type DHCPSnippetSubnetRef,
  type DHCPSnippetVersion,
} from "./lib/objects/dhcp_snippets.ts";
export {
  type CreateScriptOptions,
  type DownloadScriptOptions,
  type HardwareType,
  type ListScriptsOptions,
  type ReadScriptOptions,
  Script,
  type ScriptContent,
  type ScriptFormOptions,
  type ScriptParallel,
  Scripts,
  type ScriptType,
  type ScriptVersion,
  type UploadScriptOptions,
} from "./lib/objects/scripts.ts";
export {
  type CommissioningScriptCreated,
  CommissioningScripts,
  type CreateCommissioningScriptOptions,
  type UpdateCommissioningScriptOptions,
} from "./lib/objects/commissioning_scripts.ts";
export {
  type CreateUserGroupOptions,
  type EntitlementResourceType,
  type MaasEntitlement,
  type PoolEntitlement,
  UserGroup,
  type UserGroupEntitlement,
  type UserGroupEntitlementOptions,
  type UserGroupMember,
  type UserGroupMemberOptions,
  UserGroups,
} from "./lib/objects/user_groups.ts";
export {
  type CreateOidcProviderOptions,
  OidcProvider,
  OidcProviders,
  type OidcProviderSettings,
  type OidcTokenType,
} from "./lib/objects/oidc_providers.ts";
export {
  type ComposedMachine,
  type ComposeOptions,
  type CreateVMHostOptions,
  type DeleteVMHostOptions,
  type MacvlanMode,
  type PlaceRef,
  Pod,
  Pods,
  type UpdateVMHostOptions,
  VMHost,
  type VMHostResources,
  VMHosts,
  type VMHostStoragePool,
} from "./lib/objects/vmhosts.ts";
export {
  type DeleteVMClusterOptions,
  type UpdateVMClusterOptions,
  VMCluster,
  VMClusters,
  type VMClusterStoragePool,
} from "./lib/objects/vm_clusters.ts";

// Types that signatures above mention, so that this page documents them; their values (and the
// rest of the low level) come from the subpaths `./session`, `./transport`, `./profiles` and
// `./objects`.
export type {
  DescribedAction,
  DescribedHandler,
  DescribedResource,
  Description,
} from "./lib/description.ts";
export type { ClientContext, ObjectOps, Wrapper } from "./lib/objects/base.ts";
export type {
  Codec,
  HttpMethod,
  KindOf,
  Op,
  OpSpec,
  ParamSpec,
  ParamSpecs,
  PathKind,
  RequiredFlag,
} from "./lib/objects/spec.ts";
export type { StatusPoller, WatchOptions } from "./lib/objects/wait.ts";
export type { TlsOptions } from "./lib/runtime.ts";
export type {
  Action,
  ActionInfo,
  Handler,
  HandlerActions,
  Handlers,
  SessionAPI,
} from "./lib/session.ts";
export type { ClientRecord, SerialisableTransportOptions } from "./lib/settings.ts";
export type {
  Answer,
  Params,
  ParamValue,
  RequestOptions,
  Transport,
  TransportOptions,
} from "./lib/transport.ts";
