/**
 * The resource families the simulator serves. To add one, write `routes/<family>.ts` (see the
 * guide at the top of `../routes.ts`) and list its register function here.
 *
 * @module
 */

import type { RouteTable } from "../routes.ts";
import { registerMachines } from "./machines.ts";
import { registerNodes } from "./nodes.ts";
import { registerDNS } from "./dns.ts";
import { registerEvents } from "./events.ts";
import { registerPlacement } from "./placement.ts";
import { registerTags } from "./tags.ts";
import { registerStorage } from "./storage.ts";
import { registerUsers } from "./users.ts";
import { registerAccounts } from "./accounts.ts";
import { registerServices } from "./services.ts";
import { registerVersion } from "./version.ts";
import { registerBoot } from "./boot.ts";
import { registerConfig } from "./config.ts";
import { registerFiles } from "./files.ts";
import { registerVMHosts } from "./vmhosts.ts";
import { registerInterfaces } from "./interfaces.ts";
import { registerNetworking } from "./networking.ts";

/**
 * Every family's register function, in no particular order (the describe document sorts).
 *
 * @example
 * ```ts
 * import { RouteTable } from "../routes.ts";
 * import { FAMILIES } from "./mod.ts";
 * const table = new RouteTable();
 * for (const register of FAMILIES) register(table);
 * ```
 */
export const FAMILIES: readonly ((table: RouteTable) => void)[] = [
  registerVersion,
  registerUsers,
  registerAccounts, // after registerUsers: it adds the import op to SSHKeysHandler
  registerServices,
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
];
