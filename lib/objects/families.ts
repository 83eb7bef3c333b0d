/**
 * Every family that has a description, for the tools that read them all: the contract test
 * (`tests/contract_test.ts`) and the generated reference pages (`deno task docs`). The library
 * itself never imports this module.
 *
 * @example
 * ```ts
 * import { DESCRIBED } from "./families.ts";
 * console.log(DESCRIBED.map((family) => family.name).join(", "));
 * ```
 *
 * @module
 */

import { ACCOUNT } from "./account.ts";
import { BOOT_RESOURCES } from "./boot_resources.ts";
import { BOOT_SOURCE_SELECTIONS } from "./boot_source_selections.ts";
import { BOOT_SOURCES } from "./boot_sources.ts";
import { MAAS_CONFIG } from "./config.ts";
import { DNS_RESOURCE_RECORDS } from "./dns_resource_records.ts";
import { DNS_RESOURCES } from "./dns_resources.ts";
import { DOMAINS } from "./domains.ts";
import { EVENTS } from "./events.ts";
import { FILES } from "./files.ts";
import { RESOURCE_POOLS } from "./pools.ts";
import type { Family, OpSpec } from "./spec.ts";
import { SSH_KEYS } from "./sshkeys.ts";
import { SSL_KEYS } from "./sslkeys.ts";
import { TAGS } from "./tags.ts";
import { USERS } from "./users.ts";
import { VERSION } from "./version.ts";
import { VM_CLUSTERS } from "./vm_clusters.ts";
import { PODS, VM_HOSTS } from "./vmhosts.ts";
import { ZONES } from "./zones.ts";
import { FABRICS } from "./fabrics.ts";
import { VLANS } from "./vlans.ts";
import { SUBNETS } from "./subnets.ts";
import { SPACES } from "./spaces.ts";
import { IP_RANGES } from "./ip_ranges.ts";
import { STATIC_ROUTES } from "./static_routes.ts";
import { IP_ADDRESSES } from "./ipaddresses.ts";
import { RESERVED_IPS } from "./reserved_ips.ts";
import { FAN_NETWORKS } from "./fan_networks.ts";
import { NETWORKS } from "./networks.ts";
import { INTERFACES } from "./interfaces.ts";
import { DISCOVERIES } from "./discoveries.ts";
import { BLOCK_DEVICES } from "./block_devices.ts";
import { PARTITIONS } from "./partitions.ts";
import { VOLUME_GROUPS } from "./volume_groups.ts";
import { RAIDS } from "./raids.ts";
import { BCACHE_CACHE_SETS } from "./bcache_cache_sets.ts";
import { BCACHES } from "./bcaches.ts";
import { VMFS_DATASTORES } from "./vmfs_datastores.ts";
import { NOTIFICATIONS } from "./notifications.ts";
import { PACKAGE_REPOSITORIES } from "./package_repositories.ts";
import { LICENSE_KEYS } from "./license_keys.ts";
import { DHCP_SNIPPETS } from "./dhcp_snippets.ts";
import { SCRIPTS } from "./scripts.ts";
import { COMMISSIONING_SCRIPTS } from "./commissioning_scripts.ts";
import { USER_GROUPS } from "./user_groups.ts";
import { OIDC_PROVIDERS } from "./oidc_providers.ts";
import { NODES } from "./nodes.ts";
import { MACHINES } from "./machines.ts";
import { DEVICES } from "./devices.ts";
import { RACK_CONTROLLERS } from "./rack_controllers.ts";
import { REGION_CONTROLLERS } from "./region_controllers.ts";
import { NODE_RESULTS } from "./node_results.ts";
import { SCRIPT_RESULTS } from "./script_results.ts";
import { NODE_DEVICES } from "./node_devices.ts";

/** A family as the tools read it. */
export type AnyFamily = Family<Record<string, OpSpec<unknown>>>;

/** Every described family, in the client's order of namespaces. */
export const DESCRIBED: readonly AnyFamily[] = [
  ACCOUNT,
  USERS,
  SSH_KEYS,
  SSL_KEYS,
  DOMAINS,
  DNS_RESOURCES,
  DNS_RESOURCE_RECORDS,
  ZONES,
  RESOURCE_POOLS,
  TAGS,
  EVENTS,
  FILES,
  BOOT_RESOURCES,
  BOOT_SOURCES,
  BOOT_SOURCE_SELECTIONS,
  MAAS_CONFIG,
  VERSION,
  VM_HOSTS,
  PODS,
  VM_CLUSTERS,
  FABRICS,
  VLANS,
  SUBNETS,
  SPACES,
  IP_RANGES,
  STATIC_ROUTES,
  IP_ADDRESSES,
  RESERVED_IPS,
  FAN_NETWORKS,
  NETWORKS,
  INTERFACES,
  DISCOVERIES,
  BLOCK_DEVICES,
  PARTITIONS,
  VOLUME_GROUPS,
  RAIDS,
  BCACHE_CACHE_SETS,
  BCACHES,
  VMFS_DATASTORES,
  NOTIFICATIONS,
  PACKAGE_REPOSITORIES,
  LICENSE_KEYS,
  DHCP_SNIPPETS,
  SCRIPTS,
  COMMISSIONING_SCRIPTS,
  USER_GROUPS,
  OIDC_PROVIDERS,
  MACHINES,
  NODES,
  DEVICES,
  RACK_CONTROLLERS,
  REGION_CONTROLLERS,
  NODE_RESULTS,
  SCRIPT_RESULTS,
  NODE_DEVICES,
];
