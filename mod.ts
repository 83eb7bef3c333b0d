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

// Families not described yet: everything their modules export for users (the helpers they share
// stay inside).
export * from "./lib/objects/nodes.ts";
export * from "./lib/objects/machines.ts";
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
export * from "./lib/objects/discoveries.ts";
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
export * from "./lib/objects/vmhosts.ts";
