/**
 * The resource families the simulator serves. To add one, write `families/<family>/routes.ts`
 * (see `lib/testing/README.md`) and list its register function here.
 *
 * @module
 */

import type { RouteTable } from "../routes.ts";
import { registerMachines } from "./machines/routes.ts";
import { registerNodes } from "./nodes/routes.ts";
import { registerDNS } from "./dns/routes.ts";
import { registerEvents } from "./events/routes.ts";
import { registerPlacement } from "./placement/routes.ts";
import { registerTags } from "./tags/routes.ts";
import { registerStorage } from "./storage/routes.ts";
import { registerUsers } from "./users/routes.ts";
import { registerVersion } from "./version/routes.ts";
import { registerBoot } from "./boot/routes.ts";
import { registerConfig } from "./config/routes.ts";
import { registerFiles } from "./files/routes.ts";
import { registerVMHosts } from "./vmhosts/routes.ts";
import { registerInterfaces } from "./interfaces/routes.ts";
import { registerNetworking } from "./networking/routes.ts";
import { registerDiscoveries } from "./discoveries/routes.ts";
import { registerNotifications } from "./notifications/routes.ts";
import { registerPackageRepositories } from "./package_repositories/routes.ts";
import { registerLicenseKeys } from "./license_keys/routes.ts";
import { registerDHCPSnippets } from "./dhcp_snippets/routes.ts";
import { registerScripts } from "./scripts/routes.ts";
import { registerCommissioningScripts } from "./commissioning_scripts/routes.ts";
import { registerUserGroups } from "./user_groups/routes.ts";
import { registerOidcProviders } from "./oidc_providers/routes.ts";

/**
 * Every family's register function, in no particular order (the describe document sorts).
 *
 * @example
 * ```ts
 * import { RouteTable } from "../routes.ts";
 * import { MaasLine } from "../maas/lines.ts";
 * import { FAMILIES } from "./mod.ts";
 * const table = new RouteTable(MaasLine.get("3.8"));
 * for (const register of FAMILIES) register(table);
 * ```
 */
export const FAMILIES: readonly ((table: RouteTable) => void)[] = [
  registerVersion,
  registerUsers,
  registerMachines,
  registerNodes,
  registerPlacement,
  registerTags,
  registerDNS,
  registerEvents,
  registerStorage,
  registerFiles,
  registerBoot,
  registerConfig,
  registerVMHosts,
  registerNetworking,
  registerInterfaces,
  registerDiscoveries,
  registerNotifications,
  registerPackageRepositories,
  registerLicenseKeys,
  registerDHCPSnippets,
  registerScripts,
  registerCommissioningScripts,
  registerUserGroups,
  registerOidcProviders,
];
