// Every typed method's driver, one module per family: a family converted onto the engine adds
// its module here.
import type { Driver } from "../support.ts";
import { DRIVERS as account } from "./account.ts";
import { DRIVERS as users } from "./users.ts";
import { DRIVERS as sshkeys } from "./sshkeys.ts";
import { DRIVERS as sslkeys } from "./sslkeys.ts";
import { DRIVERS as zones } from "./zones.ts";
import { DRIVERS as pools } from "./pools.ts";
import { DRIVERS as tags } from "./tags.ts";
import { DRIVERS as events } from "./events.ts";
import { DRIVERS as files } from "./files.ts";
import { DRIVERS as config } from "./config.ts";
import { DRIVERS as version } from "./version.ts";
import { DRIVERS as domains } from "./domains.ts";
import { DRIVERS as dnsResources } from "./dns_resources.ts";
import { DRIVERS as dnsResourceRecords } from "./dns_resource_records.ts";
import { DRIVERS as bootResources } from "./boot_resources.ts";
import { DRIVERS as bootSources } from "./boot_sources.ts";
import { DRIVERS as bootSourceSelections } from "./boot_source_selections.ts";
import { DRIVERS as vmHosts } from "./vmhosts.ts";
import { DRIVERS as vmClusters } from "./vm_clusters.ts";
import { DRIVERS as fabrics } from "./fabrics.ts";
import { DRIVERS as vlans } from "./vlans.ts";
import { DRIVERS as subnets } from "./subnets.ts";
import { DRIVERS as spaces } from "./spaces.ts";
import { DRIVERS as ipRanges } from "./ip_ranges.ts";
import { DRIVERS as staticRoutes } from "./static_routes.ts";
import { DRIVERS as ipAddresses } from "./ipaddresses.ts";
import { DRIVERS as reservedIps } from "./reserved_ips.ts";
import { DRIVERS as fanNetworks } from "./fan_networks.ts";
import { DRIVERS as networks } from "./networks.ts";
import { DRIVERS as interfaces } from "./interfaces.ts";
import { DRIVERS as discoveries } from "./discoveries.ts";
import { DRIVERS as storage } from "./storage.ts";
import { DRIVERS as notifications } from "./notifications.ts";
import { DRIVERS as packageRepositories } from "./package_repositories.ts";
import { DRIVERS as licenseKeys } from "./license_keys.ts";
import { DRIVERS as dhcpSnippets } from "./dhcp_snippets.ts";
import { DRIVERS as scripts } from "./scripts.ts";
import { DRIVERS as commissioningScripts } from "./commissioning_scripts.ts";
import { DRIVERS as userGroups } from "./user_groups.ts";
import { DRIVERS as oidcProviders } from "./oidc_providers.ts";
import { DRIVERS as nodes } from "./nodes.ts";

/** The driver of each typed method, by the name its op's `typed` list gives it. */
export const DRIVERS: Readonly<Record<string, Driver>> = {
  ...account,
  ...users,
  ...sshkeys,
  ...sslkeys,
  ...zones,
  ...pools,
  ...tags,
  ...events,
  ...files,
  ...config,
  ...version,
  ...domains,
  ...dnsResources,
  ...dnsResourceRecords,
  ...bootResources,
  ...bootSources,
  ...bootSourceSelections,
  ...vmHosts,
  ...vmClusters,
  ...fabrics,
  ...vlans,
  ...subnets,
  ...spaces,
  ...ipRanges,
  ...staticRoutes,
  ...ipAddresses,
  ...reservedIps,
  ...fanNetworks,
  ...networks,
  ...interfaces,
  ...discoveries,
  ...storage,
  ...notifications,
  ...packageRepositories,
  ...licenseKeys,
  ...dhcpSnippets,
  ...scripts,
  ...commissioningScripts,
  ...userGroups,
  ...oidcProviders,
  ...nodes,
};
