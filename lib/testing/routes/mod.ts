/**
 * The resource families the simulator serves. To add one, write `routes/<family>.ts` (see the
 * guide at the top of `../routes.ts`) and list its register function here.
 *
 * @module
 */

import type { RouteTable } from "../routes.ts";
import { registerMachines } from "./machines.ts";
import { registerUsers } from "./users.ts";
import { registerVersion } from "./version.ts";

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
  registerMachines,
];
