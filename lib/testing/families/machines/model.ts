/**
 * The machines family's records beside a machine's rendered fields: what its life cycle keeps
 * (the status before the current operation, operations set to fail, its own API token).
 *
 * @module
 */

/**
 * The operations a test can make fail with `sim.failNext(systemId, operation)`.
 *
 * @example
 * ```ts
 * import type { SimOperation } from "@libmaas/client/testing";
 * const operation: SimOperation = "deploy";
 * ```
 */
export type SimOperation =
  | "commission"
  | "test"
  | "deploy"
  | "release"
  | "erase"
  | "rescueMode"
  | "exitRescueMode"
  | "powerOn"
  | "powerOff";

/**
 * Every operation a test can make fail.
 *
 * @example
 * ```ts
 * import { SIM_OPERATIONS } from "./model.ts";
 * console.log(SIM_OPERATIONS.includes("deploy")); // true
 * ```
 */
export const SIM_OPERATIONS: readonly SimOperation[] = [
  "commission",
  "test",
  "deploy",
  "release",
  "erase",
  "rescueMode",
  "exitRescueMode",
  "powerOn",
  "powerOff",
];

/**
 * What a machine's life cycle keeps without rendering it.
 *
 * @example
 * ```ts
 * import type { MachineLifecycle } from "./model.ts";
 * const fresh: MachineLifecycle = {
 *   previous: 0, generation: 0, failures: new Map(), token: null, enlisting: false,
 *   rescueReturn: null,
 * };
 * ```
 */
export interface MachineLifecycle {
  /** The status before the current operation (MAAS's `previous_status`). */
  previous: number;
  /** Bumped by every operation, so that the steps of an aborted one do nothing. */
  generation: number;
  /** Operations that fail next, with their status message (or null for MAAS's). */
  failures: Map<SimOperation, string | null>;
  /** The machine's own API token, made when it first boots. */
  token: { token_key: string; token_secret: string; consumer_key: string } | null;
  /** Commissioning that ends in New (anonymous enlistment). */
  enlisting: boolean;
  /** The status a machine in rescue mode goes back to. */
  rescueReturn: number | null;
}
