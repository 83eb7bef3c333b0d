/**
 * The placement family's records: physical zones and resource pools. Nodes refer to them by id.
 *
 * @module
 */

/**
 * A physical zone.
 *
 * @example
 * ```ts
 * import type { SimZone } from "@libmaas/client/testing";
 * const zone: SimZone = { id: 1, name: "default", description: "" };
 * ```
 */
export interface SimZone {
  /** Database id. */
  id: number;
  /** Unique name (the key of `zones/{name}/`). */
  name: string;
  /** Free text. */
  description: string;
}

/**
 * A resource pool.
 *
 * @example
 * ```ts
 * import type { SimPool } from "@libmaas/client/testing";
 * const pool: SimPool = { id: 0, name: "default", description: "Default pool" };
 * ```
 */
export interface SimPool {
  /** Database id (the key of `resourcepool/{id}/`; the default pool is 0). */
  id: number;
  /** Unique name. */
  name: string;
  /** Free text. */
  description: string;
}

/**
 * The placement section of the state: zones and pools by id, and which zone is the default one
 * (MAAS keeps that by id, so it stays the default when renamed).
 *
 * @example
 * ```ts
 * import { PlacementSection } from "./model.ts";
 * const placement = PlacementSection.standard();
 * console.log(placement.zoneNamed("default")?.id, placement.defaultPool.name); // 1 "default"
 * ```
 */
export class PlacementSection {
  /** Zones by id. */
  readonly zones: Map<number, SimZone> = new Map();
  /** Pools by id. */
  readonly pools: Map<number, SimPool> = new Map();
  /** The default zone's id: new nodes go there, and it cannot be deleted. */
  readonly defaultZoneId: number;

  /** A section with these zones and pools; the first zone is the default one. */
  constructor(zones: readonly SimZone[], pools: readonly SimPool[]) {
    if (zones.length === 0 || !pools.some((pool) => pool.id === 0)) {
      throw new Error("placement needs a zone and the default pool (id 0)");
    }
    for (const zone of zones) this.zones.set(zone.id, { ...zone });
    for (const pool of pools) this.pools.set(pool.id, { ...pool });
    this.defaultZoneId = zones[0].id;
  }

  /**
   * The simulator's standard placement: four zones (`default` first) and three pools (`default`
   * is pool 0).
   */
  static standard(): PlacementSection {
    return new PlacementSection(
      [
        { id: 1, name: "default", description: "" },
        { id: 2, name: "rack-a", description: "Row 1, rack A" },
        { id: 3, name: "rack-b", description: "Row 1, rack B" },
        { id: 4, name: "rack-c", description: "Row 2, rack C" },
      ],
      [
        { id: 0, name: "default", description: "Default pool" },
        { id: 1, name: "production", description: "Machines for production workloads" },
        { id: 2, name: "staging", description: "Pre-production and CI" },
      ],
    );
  }

  /** The default zone. */
  get defaultZone(): SimZone {
    return this.zones.get(this.defaultZoneId)!;
  }

  /** The default pool (id 0). */
  get defaultPool(): SimPool {
    return this.pools.get(0)!;
  }

  /** The zone called `name`. */
  zoneNamed(name: string): SimZone | undefined {
    for (const zone of this.zones.values()) if (zone.name === name) return zone;
    return undefined;
  }

  /** The pool called `name`. */
  poolNamed(name: string): SimPool | undefined {
    for (const pool of this.pools.values()) if (pool.name === name) return pool;
    return undefined;
  }

  /** The zone with id `id`, or the default zone when it no longer exists. */
  zone(id: number): SimZone {
    return this.zones.get(id) ?? this.defaultZone;
  }

  /** The pool with id `id`, or the default pool when it no longer exists. */
  pool(id: number): SimPool {
    return this.pools.get(id) ?? this.defaultPool;
  }

  /** An id no zone or pool of that kind has yet. */
  nextId(kind: "zone" | "pool"): number {
    const ids = [...(kind === "zone" ? this.zones : this.pools).keys()];
    return ids.reduce((max, id) => Math.max(max, id), 0) + 1;
  }
}
