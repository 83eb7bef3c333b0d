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
  ZONES,
  RESOURCE_POOLS,
  TAGS,
  EVENTS,
  FILES,
  MAAS_CONFIG,
  VERSION,
  MACHINES,
  NODES,
  DEVICES,
  RACK_CONTROLLERS,
  REGION_CONTROLLERS,
  NODE_RESULTS,
  SCRIPT_RESULTS,
  NODE_DEVICES,
];
