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
import { DRIVERS as notifications } from "./notifications.ts";
import { DRIVERS as packageRepositories } from "./package_repositories.ts";
import { DRIVERS as licenseKeys } from "./license_keys.ts";
import { DRIVERS as dhcpSnippets } from "./dhcp_snippets.ts";
import { DRIVERS as scripts } from "./scripts.ts";
import { DRIVERS as commissioningScripts } from "./commissioning_scripts.ts";
import { DRIVERS as userGroups } from "./user_groups.ts";
import { DRIVERS as oidcProviders } from "./oidc_providers.ts";

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
  ...notifications,
  ...packageRepositories,
  ...licenseKeys,
  ...dhcpSnippets,
  ...scripts,
  ...commissioningScripts,
  ...userGroups,
  ...oidcProviders,
};
