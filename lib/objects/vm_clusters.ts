/**
 * VM clusters: LXD VM hosts clustered together, which MAAS finds when one of them is added,
 * keyed by id (MAAS 3.7 and 3.8; MAAS removed VM hosts after 3.8, and with them VM clusters: on
 * a newer server every call raises an `UnsupportedError` that says so, before anything is sent).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function clusterSizes(client: Client): Promise<Record<string, number>> {
 *   const clusters = await client.vmClusters.list();
 *   return Object.fromEntries(clusters.map((cluster) => [cluster.name, cluster.vmhostCount]));
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineFields, defineObject, MaasObject, Namespace } from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import type { MaasLine } from "./lines.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";
import {
  BY_NAME,
  type PlaceRef,
  RESOURCE_FIELDS,
  VM_HOSTS_GONE,
  type VMHostResources,
} from "./vmhosts.ts";

/** What a VM cluster's `update()` changes. */
export interface UpdateVMClusterOptions extends ExtraParams {
  /** The cluster's name. */
  name?: string;
  /** The resource pool of every host of the cluster. */
  pool?: PlaceRef;
  /** The zone of every host of the cluster. */
  zone?: PlaceRef;
}

/** What {@linkcode VMCluster.delete} takes. */
export interface DeleteVMClusterOptions extends ExtraParams {
  /** Also delete the machines composed on the cluster's hosts. */
  decompose?: boolean;
}

/** A storage pool of a VM cluster: the pools of that name on its hosts, added up. */
export interface VMClusterStoragePool {
  /** Pool name. */
  readonly name: string;
  /** Whether the hosts share it. */
  readonly shared: boolean;
  /** Path on the hosts. */
  readonly path: string;
  /** Its kind, such as `zfs` or `dir`. */
  readonly backend: string;
  /** Bytes given to machines. */
  readonly allocated: number;
  /** Size in bytes. */
  readonly total: number;
}

const CLUSTER_LINES: readonly MaasLine[] = ["3.7", "3.8"];
const common = { lines: CLUSTER_LINES, gone: VM_HOSTS_GONE };

/** The VM clusters family: `vm-clusters/` and `vm-clusters/{id}` (MAAS 3.7 and 3.8). */
export const VM_CLUSTERS = family({
  name: "vmClusters",
  handlers: { VmClustersHandler: "vm-clusters/", VmClusterHandler: "vm-clusters/{id}" },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    project: { wire: "project", kind: "string" },
    vmhostCount: { wire: "vmhost_count", kind: "integer" },
    vmCount: { wire: "vm_count", kind: "integer" },
    version: { wire: "version", kind: "string" },
  },
  ops: {
    list: op({
      handler: "VmClustersHandler",
      method: "GET",
      typed: ["client.vmClusters.list()"],
      ...common,
    }),
    read: op({
      handler: "VmClusterHandler",
      method: "GET",
      typed: ["client.vmClusters.get()", "vmCluster.refresh()"],
      ...common,
    }),
    update: op<UpdateVMClusterOptions>({
      handler: "VmClusterHandler",
      method: "PUT",
      typed: ["vmCluster.save()", "vmCluster.update()"],
      params: {
        name: { wire: "name", kind: "string" },
        pool: { wire: "pool", kind: BY_NAME },
        zone: { wire: "zone", kind: BY_NAME },
      },
      ...common,
    }),
    delete: op<DeleteVMClusterOptions>({
      handler: "VmClusterHandler",
      method: "DELETE",
      typed: ["vmCluster.delete()"],
      params: { decompose: { wire: "decompose", kind: "boolean" } },
      ...common,
    }),
  },
});

/**
 * A VM cluster: its hosts' resources added up, and their storage pools by name.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function moveCluster(client: Client, id: number) {
 *   const cluster = await client.vmClusters.get(id);
 *   return await cluster.update({ zone: "rack-b", pool: "production" });
 * }
 * ```
 */
export class VMCluster extends MaasObject {
  /** Cluster id. */
  declare readonly id: number;
  /** Name; writable. */
  declare name: string;
  /** The LXD project MAAS uses on the cluster's hosts. */
  declare readonly project: string;
  /** How many hosts the cluster has. */
  declare readonly vmhostCount: number;
  /** How many virtual machines its hosts run. */
  declare readonly vmCount: number;
  /** The LXD version of its hosts. */
  declare readonly version: string;
  /** The resources of all its hosts. */
  declare readonly total: VMHostResources;
  /** What machines on its hosts use. */
  declare readonly used: VMHostResources;
  /** What is still free. */
  declare readonly available: VMHostResources;

  /** `vm-clusters/{id}` (without a trailing slash, as MAAS has it). */
  get resourcePath(): string {
    return pathOf(VM_CLUSTERS.ops.read.path, this.data);
  }

  /** Its storage pools by name. */
  get storagePools(): Readonly<Record<string, VMClusterStoragePool>> {
    const pools = this.get("storage_pools");
    return pools && typeof pools === "object" && !Array.isArray(pools)
      ? pools as Record<string, VMClusterStoragePool>
      : {};
  }

  /**
   * Changes the cluster's name, and the zone and pool of every one of its hosts (administrators
   * only); takes the cluster's new state.
   */
  async update(params: UpdateVMClusterOptions, options?: CallOptions): Promise<this> {
    return this.replace(
      await invoke(this.client, VM_CLUSTERS.ops.update, {
        path: this.resourcePath,
        params,
        call: options,
      }),
    );
  }

  /**
   * Deletes the cluster and its hosts (administrators only); `decompose` also deletes the
   * machines composed on them.
   */
  override async delete(params?: DeleteVMClusterOptions, options?: CallOptions): Promise<void> {
    await super.delete(params, options);
  }

  /** `VMCluster 1 lxd-cluster (2 hosts)`. */
  toString(): string {
    return `VMCluster ${this.id} ${this.data.name} (${this.vmhostCount} hosts)`;
  }
}
defineObject(VMCluster, VM_CLUSTERS.fields, {
  read: VM_CLUSTERS.ops.read,
  update: VM_CLUSTERS.ops.update,
  delete: VM_CLUSTERS.ops.delete,
});
defineFields(VMCluster, RESOURCE_FIELDS);

/**
 * `client.vmClusters`: list and read VM clusters (MAAS 3.7 and 3.8).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function names(client: Client): Promise<string[]> {
 *   return (await client.vmClusters.list()).map((cluster) => cluster.name);
 * }
 * ```
 */
export class VMClusters extends Namespace {
  /** Every VM cluster. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<VMCluster[]> {
    return await listOf(this.context, VM_CLUSTERS.ops.list, VMCluster, "VM clusters", {
      params,
      call: options,
    });
  }

  /** One VM cluster by id. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<VMCluster> {
    return await oneOf(this.context, VM_CLUSTERS.ops.read, VMCluster, "a VM cluster", {
      path: { id },
      params,
      call: options,
    });
  }
}
