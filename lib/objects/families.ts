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
import { MAAS_CONFIG } from "./config.ts";
import { EVENTS } from "./events.ts";
import { FILES } from "./files.ts";
import { RESOURCE_POOLS } from "./pools.ts";
import type { Family, OpSpec } from "./spec.ts";
import { SSH_KEYS } from "./sshkeys.ts";
import { SSL_KEYS } from "./sslkeys.ts";
import { TAGS } from "./tags.ts";
import { USERS } from "./users.ts";
import { VERSION } from "./version.ts";
import { ZONES } from "./zones.ts";
import { NOTIFICATIONS } from "./notifications.ts";
import { PACKAGE_REPOSITORIES } from "./package_repositories.ts";
import { LICENSE_KEYS } from "./license_keys.ts";
import { DHCP_SNIPPETS } from "./dhcp_snippets.ts";
import { SCRIPTS } from "./scripts.ts";
import { COMMISSIONING_SCRIPTS } from "./commissioning_scripts.ts";
import { USER_GROUPS } from "./user_groups.ts";
import { OIDC_PROVIDERS } from "./oidc_providers.ts";

/** A family as the tools read it. */
export type AnyFamily = Family<Record<string, OpSpec<unknown>>>;

/** Every described family, in the client's order of namespaces. */
export const DESCRIBED: readonly AnyFamily[] = [
  ACCOUNT,
  USERS,
  SSH_KEYS,
  SSL_KEYS,
  ZONES,
  RESOURCE_POOLS,
  TAGS,
  EVENTS,
  FILES,
  MAAS_CONFIG,
  VERSION,
  NOTIFICATIONS,
  PACKAGE_REPOSITORIES,
  LICENSE_KEYS,
  DHCP_SNIPPETS,
  SCRIPTS,
  COMMISSIONING_SCRIPTS,
  USER_GROUPS,
  OIDC_PROVIDERS,
];
