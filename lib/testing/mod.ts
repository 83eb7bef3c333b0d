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
export type {
  MemberKind,
  NodeStorage,
  StorageCacheSet,
  StorageGroup,
  StorageGroupType,
  StorageMember,
} from "./families/storage/model.ts";
export type {
  SimFabric,
  SimIPRange,
  SimNetworkStore,
  SimSpace,
  SimStaticRoute,
  SimSubnetExtra,
  SimVlanExtra,
} from "./families/networking/model.ts";
export type {
  SimDNSData,
  SimDNSResource,
  SimDNSStore,
  SimStaticAddress,
} from "./families/dns/model.ts";
export type {
  ServicesStore,
  SimDiscovery,
  SimNotification,
  SimRepository,
  SimRevision,
  SimScript,
  SimSnippet,
} from "./families/services/model.ts";
export type {
  BootStore,
  SimBootFile,
  SimBootResource,
  SimBootSet,
  SimBootSource,
  SimSelection,
} from "./families/boot/model.ts";
export type { SimVMHost } from "./families/vmhosts/model.ts";
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
  type StorageLayoutParams,
} from "./families/storage/routes.ts";
