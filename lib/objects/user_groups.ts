/**
 * User groups (MAAS 3.8 and later): groups of users, and the entitlements each group holds on
 * MAAS as a whole or on one resource pool. A user may do what one of their groups is entitled
 * to. Reading needs `can_view_identities`, changing `can_edit_identities`.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function operators(client: Client) {
 *   const group = await client.userGroups.create({ name: "operators" });
 *   await group.addMember({ username: "alice" });
 *   await group.addEntitlement({
 *     resourceType: "pool",
 *     resourceId: 2,
 *     entitlement: "can_deploy_machines",
 *   });
 *   return await group.entitlements();
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import { type Codec, type ExtraParams, family, type Op, op, pathOf } from "./spec.ts";
import { User } from "./users.ts";
import { describe, expectList } from "./wire.ts";

/** What an entitlement is held on: MAAS as a whole, or one resource pool. */
export type EntitlementResourceType = "maas" | "pool";

/** The entitlements a group may hold on one resource pool (and on MAAS as a whole). */
export type PoolEntitlement =
  | "can_edit_machines"
  | "can_deploy_machines"
  | "can_view_machines"
  | "can_view_available_machines";

/** The entitlements a group may hold on MAAS as a whole. */
export type MaasEntitlement =
  | PoolEntitlement
  | "can_edit_global_entities"
  | "can_view_global_entities"
  | "can_edit_controllers"
  | "can_view_controllers"
  | "can_edit_identities"
  | "can_view_identities"
  | "can_edit_configurations"
  | "can_view_configurations"
  | "can_edit_notifications"
  | "can_view_notifications"
  | "can_edit_boot_entities"
  | "can_view_boot_entities"
  | "can_edit_license_keys"
  | "can_view_license_keys"
  | "can_view_devices"
  | "can_view_ipaddresses";

/** One entitlement of a group. */
export interface UserGroupEntitlement {
  /** `maas` or `pool`. */
  readonly resourceType: EntitlementResourceType;
  /** The pool's id, or 0 for MAAS as a whole. */
  readonly resourceId: number;
  /** The entitlement's name. */
  readonly entitlement: MaasEntitlement;
}

/** A member of a group, as MAAS lists them. */
export interface UserGroupMember {
  /** Login name. */
  readonly username: string;
  /** E-mail address. */
  readonly email: string;
}

/** What a new user group takes. */
export interface CreateUserGroupOptions extends ExtraParams {
  /** The group's name. */
  name: string;
  /** What the group is for. */
  description?: string;
}

/** Which user {@linkcode UserGroup.addMember} and {@linkcode UserGroup.removeMember} mean. */
export interface UserGroupMemberOptions extends ExtraParams {
  /** The user: a username or a {@linkcode User}. */
  username: string | User;
}

/** Which entitlement {@linkcode UserGroup.addEntitlement} and `removeEntitlement` mean. */
export interface UserGroupEntitlementOptions extends ExtraParams {
  /** What it is held on: `maas` (MAAS as a whole) or `pool`. */
  resourceType: EntitlementResourceType;
  /** The resource pool's id; 0 for `maas`. */
  resourceId: number;
  /** The entitlement (a pool takes only the machine entitlements). */
  entitlement: MaasEntitlement;
}

/** The fields a group's `save()` sends. */
interface UserGroupChanges {
  name?: string;
  description?: string;
}

/** A user sent by name: a username, or a {@linkcode User}'s. */
const USERNAME: Codec = {
  takes: "a username or a User",
  encode(value: unknown, option: string): ParamValue {
    if (value instanceof User) return value.username;
    if (typeof value === "string" && value !== "") return value;
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be a username or a User, got ${describe(value)}`,
    );
  },
};

const IDENTITY_LINES = ["3.8", "master"] as const;

const MEMBER_PARAMS = { username: { wire: "username", kind: USERNAME, required: true } } as const;
const ENTITLEMENT_PARAMS = {
  resourceType: { wire: "resource_type", kind: "string", values: ["maas", "pool"], required: true },
  resourceId: { wire: "resource_id", kind: "integer", required: true },
  // MAAS checks the name against the resource type; a newer MAAS may know more names.
  entitlement: { wire: "entitlement", kind: "string", required: true },
} as const;

/** The user groups family: `groups/` and `groups/{id}/` (MAAS 3.8 on). */
export const USER_GROUPS = family({
  name: "userGroups",
  handlers: { UserGroupsHandler: "groups/", UserGroupHandler: "groups/{id}/" },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    description: { wire: "description", kind: "string", writable: true },
  },
  ops: {
    list: op({
      handler: "UserGroupsHandler",
      method: "GET",
      lines: IDENTITY_LINES,
      typed: ["client.userGroups.list()"],
    }),
    create: op<CreateUserGroupOptions>({
      handler: "UserGroupsHandler",
      method: "POST",
      lines: IDENTITY_LINES,
      typed: ["client.userGroups.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        description: { wire: "description", kind: "string" },
      },
    }),
    read: op({
      handler: "UserGroupHandler",
      method: "GET",
      lines: IDENTITY_LINES,
      typed: ["client.userGroups.get()", "userGroup.refresh()"],
    }),
    update: op<UserGroupChanges>({
      handler: "UserGroupHandler",
      method: "PUT",
      lines: IDENTITY_LINES,
      typed: ["userGroup.save()"],
      params: {
        name: { wire: "name", kind: "string" },
        description: { wire: "description", kind: "string" },
      },
    }),
    delete: op({
      handler: "UserGroupHandler",
      method: "DELETE",
      lines: IDENTITY_LINES,
      typed: ["userGroup.delete()"],
    }),
    members: op({
      handler: "UserGroupHandler",
      method: "GET",
      op: "list_members",
      lines: IDENTITY_LINES,
      typed: ["userGroup.members()"],
    }),
    addMember: op<UserGroupMemberOptions>({
      handler: "UserGroupHandler",
      method: "POST",
      op: "add_member",
      lines: IDENTITY_LINES,
      typed: ["userGroup.addMember()"],
      params: MEMBER_PARAMS,
    }),
    removeMember: op<UserGroupMemberOptions>({
      handler: "UserGroupHandler",
      method: "POST",
      op: "remove_member",
      lines: IDENTITY_LINES,
      typed: ["userGroup.removeMember()"],
      params: MEMBER_PARAMS,
    }),
    entitlements: op({
      handler: "UserGroupHandler",
      method: "GET",
      op: "list_entitlements",
      lines: IDENTITY_LINES,
      typed: ["userGroup.entitlements()"],
    }),
    addEntitlement: op<UserGroupEntitlementOptions>({
      handler: "UserGroupHandler",
      method: "POST",
      op: "add_entitlement",
      lines: IDENTITY_LINES,
      typed: ["userGroup.addEntitlement()"],
      params: ENTITLEMENT_PARAMS,
    }),
    removeEntitlement: op<UserGroupEntitlementOptions>({
      handler: "UserGroupHandler",
      method: "POST",
      op: "remove_entitlement",
      lines: IDENTITY_LINES,
      typed: ["userGroup.removeEntitlement()"],
      params: ENTITLEMENT_PARAMS,
    }),
  },
});

/**
 * A group of users and what it may do. MAAS puts new administrators in `Administrators` and other
 * new users in `Users`; both can be changed like any other group.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function who(client: Client, id: number): Promise<string[]> {
 *   const group = await client.userGroups.get(id);
 *   return (await group.members()).map((member) => member.username);
 * }
 * ```
 */
export class UserGroup extends MaasObject {
  /** Group id. */
  declare readonly id: number;
  /** Name; writable. */
  declare name: string;
  /** What the group is for; writable. */
  declare description: string;

  /** `groups/{id}/`. */
  get resourcePath(): string {
    return pathOf(USER_GROUPS.ops.read.path, this.data);
  }

  /** `UserGroup 3 operators`. */
  toString(): string {
    return `UserGroup ${this.id} ${this.name}`;
  }

  /** The group's members: each one's username and e-mail address. */
  async members(params?: ExtraParams, options?: CallOptions): Promise<UserGroupMember[]> {
    const answer = await this.#call(USER_GROUPS.ops.members, params, options);
    return expectList(answer, "group members").map((member) => ({
      username: String(member.username),
      email: String(member.email ?? ""),
    }));
  }

  /** Adds a user; one already in the group raises `ConflictError`, an unknown one `NotFoundError`. */
  async addMember(params: UserGroupMemberOptions, options?: CallOptions): Promise<void> {
    await this.#call(USER_GROUPS.ops.addMember, params, options);
  }

  /** Takes a user out of the group; one who is not in it is not an error. */
  async removeMember(params: UserGroupMemberOptions, options?: CallOptions): Promise<void> {
    await this.#call(USER_GROUPS.ops.removeMember, params, options);
  }

  /** What the group may do, on MAAS as a whole or on one resource pool. */
  async entitlements(params?: ExtraParams, options?: CallOptions): Promise<UserGroupEntitlement[]> {
    const answer = await this.#call(USER_GROUPS.ops.entitlements, params, options);
    return expectList(answer, "group entitlements").map((held) => ({
      resourceType: held.resource_type as EntitlementResourceType,
      resourceId: Number(held.resource_id),
      entitlement: held.entitlement as MaasEntitlement,
    }));
  }

  /**
   * Gives the group an entitlement; giving it again changes nothing. An entitlement that does not
   * fit the resource type, or `maas` with a resource id other than 0, is a 400; an unknown pool
   * a 404.
   */
  async addEntitlement(params: UserGroupEntitlementOptions, options?: CallOptions): Promise<void> {
    await this.#call(USER_GROUPS.ops.addEntitlement, params, options);
  }

  /** Takes an entitlement from the group; one it does not hold is not an error. */
  async removeEntitlement(
    params: UserGroupEntitlementOptions,
    options?: CallOptions,
  ): Promise<void> {
    await this.#call(USER_GROUPS.ops.removeEntitlement, params, options);
  }

  async #call(
    op: Op<unknown>,
    params: unknown,
    options: CallOptions | undefined,
  ): Promise<unknown> {
    return await invoke(this.client, op, { path: this.resourcePath, params, call: options });
  }
}
defineObject(UserGroup, USER_GROUPS.fields, {
  read: USER_GROUPS.ops.read,
  update: USER_GROUPS.ops.update,
  delete: USER_GROUPS.ops.delete,
});

/**
 * `client.userGroups`: groups of users and their entitlements (MAAS 3.8 and later; an older
 * server is refused before anything is sent).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function names(client: Client): Promise<string[]> {
 *   return (await client.userGroups.list()).map((group) => group.name);
 * }
 * ```
 */
export class UserGroups extends Namespace {
  /** Every user group. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<UserGroup[]> {
    return await listOf(this.context, USER_GROUPS.ops.list, UserGroup, "user groups", {
      params,
      call: options,
    });
  }

  /** One group by id; a missing one raises `NotFoundError`. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<UserGroup> {
    return await oneOf(this.context, USER_GROUPS.ops.read, UserGroup, "a user group", {
      path: { id },
      params,
      call: options,
    });
  }

  /** Creates a group, without members or entitlements. */
  async create(params: CreateUserGroupOptions, options?: CallOptions): Promise<UserGroup> {
    return await oneOf(this.context, USER_GROUPS.ops.create, UserGroup, "a user group", {
      params,
      call: options,
    });
  }
}
