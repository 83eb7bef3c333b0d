/**
 * A MAAS simulator for tests and demos: a real HTTP server on a local port that answers like a
 * region of any MAAS line from 2.9 to master (`maasVersion`, default `"3.8"`) — the line's
 * handlers, ops, parameters and fields, read from MAAS's own source; OAuth 1.0 PLAINTEXT checks
 * with MAAS's exact errors, the describe document and its hash, password login at
 * `accounts/authenticate/`, users, API keys, SSH keys, a seeded inventory of realistic machines
 * moving through MAAS's life cycle, injected faults (`Retry-After`, dropped connections, stalls)
 * and a log of every request. It uses only web-standard APIs and `node:` built-ins, so it runs on
 * Deno, Bun and Node.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 *
 * await using sim = await MaasSimulator.start({ machines: 20, seed: 7, maasVersion: "3.7" });
 * const version = await fetch(sim.apiUrl + "version/").then((r) => r.json());
 * console.log(version.version, sim.adminApiKey);
 *
 * sim.faults.inject({ path: "/MAAS/api/2.0/machines/", status: 503, retryAfter: 1 });
 * // … exercise a client against sim.url, then look at sim.log
 * ```
 *
 * @module
 */

export {
  type CreatedUser,
  MaasSimulator,
  type NewUserOptions,
  type RequestLogEntry,
  type SimulatorOptions,
} from "./simulator.ts";
export { type ChaosOptions, FaultInjector, type FaultRule } from "./faults.ts";
export { SimulatorState } from "./state.ts";
export {
  type HandlerData,
  MAAS_LINES,
  MaasLine,
  type MaasLineName,
  type OpData,
} from "./maas/lines.ts";
export {
  GENERIC_CONSUMER,
  type SimSSHKey,
  type SimSSLKey,
  type SimToken,
  type SimUser,
  UsersSection,
} from "./families/users/model.ts";
export { PlacementSection, type SimPool, type SimZone } from "./families/placement/model.ts";
export { type SimTag, TagsSection } from "./families/tags/model.ts";
export { ConfigSection } from "./families/config/model.ts";
export { FilesSection, type SimFile } from "./families/files/model.ts";
export {
  type MachineData,
  type NodeData,
  type NodeObject,
  NodesSection,
  type ScriptSet,
  type SimController,
  type SimMachine,
  type SimNode,
  type SimNodeDevice,
  type SimScriptResult,
  type SimService,
} from "./families/nodes/model.ts";
export type { MachineLifecycle, SimOperation } from "./families/machines/model.ts";
export {
  NodeStorage,
  type SimBlockDevice,
  type SimCacheSet,
  type SimFilesystem,
  type SimPartition,
  type SimStorageGroup,
  type SimStorageGroupType,
  type StorageHost,
  type StorageMembership,
  StorageSection,
  type StorageTarget,
} from "./families/storage/model.ts";
export {
  type NetworkingKind,
  NetworkingSection,
  type SimFabric,
  type SimFanNetwork,
  type SimIPRange,
  type SimReservedIp,
  type SimSpace,
  type SimStaticRoute,
} from "./families/networking/model.ts";
export {
  InterfacesSection,
  type NodeInterfaceSet,
  type SimGateways,
  type SimInterface,
  type SimInterfaceType,
  type SimLink,
  type SimLinkMode,
} from "./families/interfaces/model.ts";
export { DiscoveriesSection, type SimSighting } from "./families/discoveries/model.ts";
export {
  DnsSection,
  type SimDNSData,
  type SimDNSResource,
  type SimStaticAddress,
} from "./families/dns/model.ts";
export type { SimRevision } from "./versioned_text.ts";
export {
  type NotificationCategory,
  NotificationsSection,
  type SimNotification,
} from "./families/notifications/model.ts";
export {
  PackageRepositoriesSection,
  type SimPackageRepository,
} from "./families/package_repositories/model.ts";
export { LicenseKeysSection, type SimLicenseKey } from "./families/license_keys/model.ts";
export { DHCPSnippetsSection, type SimSnippet } from "./families/dhcp_snippets/model.ts";
export { ScriptsSection, type SimScript } from "./families/scripts/model.ts";
export {
  type SimEntitlement,
  type SimUserGroup,
  UserGroupsSection,
} from "./families/user_groups/model.ts";
export { OidcProvidersSection, type SimOidcProvider } from "./families/oidc_providers/model.ts";
export {
  BootSection,
  type SimBootFile,
  type SimBootResource,
  type SimBootSet,
  type SimBootSource,
  type SimSelection,
} from "./families/boot/model.ts";
export {
  type SimVirtualMachine,
  type SimVmCluster,
  type SimVMHost,
  type VmHostsPlacement,
  VmHostsSection,
} from "./families/vmhosts/model.ts";
export {
  defaultSite,
  generateMachines,
  type NextId,
  NodeStatus,
  setStatus,
  type SimDomain,
  type SimSubnet,
  type SimVlan,
  type Site,
  STATUS_NAMES,
} from "./inventory.ts";
export { SeededRandom } from "./random.ts";
export {
  type EventSources,
  EventsSection,
  type NewSimEvent,
  type SimEvent,
  type SimEventLevel,
  SimEventLog,
} from "./families/events/model.ts";
export { eventLog } from "./families/events/routes.ts";
export {
  applyStorageLayout,
  clearStorage,
  type LayoutSize,
  type StorageLayoutName,
  type StorageLayoutParams,
} from "./families/storage/layouts.ts";
