/**
 * The VM hosts family's records: VM hosts (pods) and the machines composed on them.
 *
 * @module
 */

/**
 * A VM host.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * console.log(sim.state.vmhosts.length); // 0
 * ```
 */
export interface SimVMHost {
  /** Database id. */
  id: number;
  /** Name. */
  name: string;
  /** `lxd` or `virsh`. */
  type: string;
  /** Power parameters: `power_address`, `power_pass`, `project`… */
  parameters: Record<string, string>;
  /** Tags. */
  tags: string[];
  /** Zone id. */
  zoneId: number;
  /** Resource pool id. */
  poolId: number;
  /** CPU over-commit ratio. */
  cpuOverCommitRatio: number;
  /** Memory over-commit ratio. */
  memoryOverCommitRatio: number;
  /** Default macvlan mode, or empty. */
  defaultMacvlanMode: string;
  /** Cores of the host. */
  cores: number;
  /** Memory of the host, MiB. */
  memory: number;
  /** Local storage of the host, bytes. */
  localStorage: number;
  /** Hypervisor version. */
  version: string;
  /** System ids of the machines composed on it. */
  machines: string[];
}
