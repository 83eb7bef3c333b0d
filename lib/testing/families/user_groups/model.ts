/**
 * The user groups family's records (MAAS 3.8 and later): groups of users and the entitlements
 * each group holds on MAAS as a whole or on one resource pool. A group refers to its members by
 * user id and to a pool by pool id.
 *
 * @module
 */

/**
 * The entitlements a group may hold on MAAS as a whole (`resource_type` `maas`, id 0).
 *
 * @example
 * ```ts
 * import { MAAS_ENTITLEMENTS } from "./model.ts";
 * console.log(MAAS_ENTITLEMENTS.includes("can_edit_machines")); // true
 * ```
 */
export const MAAS_ENTITLEMENTS: readonly string[] = [
  "can_edit_machines",
  "can_deploy_machines",
  "can_view_machines",
  "can_view_available_machines",
  "can_edit_global_entities",
  "can_view_global_entities",
  "can_edit_controllers",
  "can_view_controllers",
  "can_edit_identities",
  "can_view_identities",
  "can_edit_configurations",
  "can_view_configurations",
  "can_edit_notifications",
  "can_view_notifications",
  "can_edit_boot_entities",
  "can_view_boot_entities",
  "can_edit_license_keys",
  "can_view_license_keys",
  "can_view_devices",
  "can_view_ipaddresses",
];

/**
 * The entitlements a group may hold on one resource pool (`resource_type` `pool`).
 *
 * @example
 * ```ts
 * import { POOL_ENTITLEMENTS } from "./model.ts";
 * console.log(POOL_ENTITLEMENTS.length); // 4
 * ```
 */
export const POOL_ENTITLEMENTS: readonly string[] = [
  "can_edit_machines",
  "can_deploy_machines",
  "can_view_machines",
  "can_view_available_machines",
];

/**
 * One entitlement of a group.
 *
 * @example
 * ```ts
 * import type { SimEntitlement } from "@libmaas/client/testing";
 * const grant: SimEntitlement = { resourceType: "pool", resourceId: 2, entitlement: "can_deploy_machines" };
 * ```
 */
export interface SimEntitlement {
  /** `maas` or `pool`. */
  resourceType: "maas" | "pool";
  /** The pool's id, or 0 for MAAS as a whole. */
  resourceId: number;
  /** The entitlement's name. */
  entitlement: string;
}

/**
 * A user group.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * for (const group of sim.state.userGroups.all()) console.log(group.id, group.name);
 * ```
 */
export interface SimUserGroup {
  /** Database id. */
  id: number;
  /** Name. */
  name: string;
  /** Free text. */
  description: string;
  /** The members' user ids, in the order they joined. */
  memberIds: number[];
  /** What the group may do. */
  entitlements: SimEntitlement[];
}

/** The group MAAS puts new administrators in. */
export const ADMINISTRATORS = "Administrators";
/** The group MAAS puts other new users in. */
export const USERS = "Users";

/**
 * The user groups section of the state, seeded with MAAS's two groups: `Administrators`, with
 * every entitlement on MAAS, and `Users`, who may view available machines, deploy them and view
 * global entities. A user joins the one that fits them when they are created
 * ({@linkcode UserGroupsSection.admit}) and leaves every group when deleted.
 *
 * @example
 * ```ts
 * import { UserGroupsSection } from "./model.ts";
 * let last = 0;
 * const groups = UserGroupsSection.seeded(() => ++last);
 * groups.admit({ id: 1, isSuperuser: true });
 * console.log(groups.named("Administrators")?.memberIds); // [1]
 * ```
 */
export class UserGroupsSection {
  readonly #byId = new Map<number, SimUserGroup>();
  readonly #nextId: () => number;

  /** An empty section; `nextId` hands out ids. */
  constructor(nextId: () => number) {
    this.#nextId = nextId;
  }

  /** A section with MAAS's `Administrators` and `Users` groups. */
  static seeded(nextId: () => number): UserGroupsSection {
    const section = new UserGroupsSection(nextId);
    const onMaas = (entitlement: string): SimEntitlement => ({
      resourceType: "maas",
      resourceId: 0,
      entitlement,
    });
    section.add({
      name: ADMINISTRATORS,
      description: "Every permission on every resource.",
      entitlements: MAAS_ENTITLEMENTS.map(onMaas),
    });
    section.add({
      name: USERS,
      description: "View and deploy available machines; view global entities.",
      entitlements: [
        "can_view_available_machines",
        "can_deploy_machines",
        "can_view_global_entities",
      ].map(onMaas),
    });
    return section;
  }

  /**
   * Puts a new user in the group that fits them (`Administrators` or `Users`, while a group of
   * that name exists), as MAAS does when it creates a user.
   */
  admit(user: { id: number; isSuperuser: boolean }): void {
    this.named(user.isSuperuser ? ADMINISTRATORS : USERS)?.memberIds.push(user.id);
  }

  /** Takes a deleted user out of every group. */
  forget(userId: number): void {
    for (const group of this.#byId.values()) {
      group.memberIds = group.memberIds.filter((id) => id !== userId);
    }
  }

  /** The group with this id. */
  get(id: number): SimUserGroup | undefined {
    return this.#byId.get(id);
  }

  /** The group with this name. */
  named(name: string): SimUserGroup | undefined {
    return [...this.#byId.values()].find((group) => group.name === name);
  }

  /** Every group, oldest first. */
  all(): IterableIterator<SimUserGroup> {
    return this.#byId.values();
  }

  /** Adds a group with a new id and no members. */
  add(fields: Omit<SimUserGroup, "id" | "memberIds">): SimUserGroup {
    const created = { ...fields, id: this.#nextId(), memberIds: [] };
    this.#byId.set(created.id, created);
    return created;
  }

  /** Removes a group with its memberships and entitlements. */
  remove(id: number): void {
    this.#byId.delete(id);
  }
}
