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
import { BLOCK_DEVICES } from "./block_devices.ts";
import { PARTITIONS } from "./partitions.ts";
import { VOLUME_GROUPS } from "./volume_groups.ts";
import { RAIDS } from "./raids.ts";
import { BCACHE_CACHE_SETS } from "./bcache_cache_sets.ts";
import { BCACHES } from "./bcaches.ts";
import { VMFS_DATASTORES } from "./vmfs_datastores.ts";

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
  BLOCK_DEVICES,
  PARTITIONS,
  VOLUME_GROUPS,
  RAIDS,
  BCACHE_CACHE_SETS,
  BCACHES,
  VMFS_DATASTORES,
];
