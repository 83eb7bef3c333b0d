/**
 * User groups (MAAS 3.8 and later): `groups/` and `groups/{id}/`, with members (`add_member`,
 * `remove_member`, `list_members`) and entitlements on MAAS or on one resource pool
 * (`add_entitlement`, `remove_entitlement`, `list_entitlements`). Reading needs
 * `can_view_identities`, changing `can_edit_identities` (administrators).
 *
 * @module
 */

import { deleted, HTML_TYPE, json, ReplyError, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimUser } from "../users/model.ts";
import {
  MAAS_ENTITLEMENTS,
  POOL_ENTITLEMENTS,
  type SimEntitlement,
  type SimUserGroup,
} from "./model.ts";
import { entitlementJson, memberJson, userGroupJson } from "./render.ts";

const ENTITLEMENTS: Readonly<Record<SimEntitlement["resourceType"], readonly string[]>> = {
  maas: MAAS_ENTITLEMENTS,
  pool: POOL_ENTITLEMENTS,
};

function canView(ctx: AuthContext): void {
  ctx.requireAdmin("can_view_identities");
}

function canEdit(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_identities");
}

function findGroup(ctx: AuthContext): SimUserGroup {
  const id = ctx.params.id;
  const group = /^\d+$/.test(id) ? ctx.state.userGroups.get(Number(id)) : undefined;
  if (!group) throw new ReplyError(text(`UserGroup with id ${id} not found.`, 404));
  return group;
}

/** The user a request names in `username`: 400 without one, 404 for a user MAAS does not have. */
function namedUser(ctx: AuthContext): SimUser {
  const username = ctx.data.get("username");
  if (!username) throw ReplyError.badRequest("username is required.");
  const user = ctx.state.users.get(username);
  if (!user) throw new ReplyError(text(`User '${username}' not found.`, 404));
  return user;
}

/** The group and the entitlement a request names, checked as MAAS checks them, in its order. */
function entitlementRequest(ctx: AuthContext): { group: SimUserGroup; wanted: SimEntitlement } {
  const group = findGroup(ctx);
  const resourceType = ctx.data.get("resource_type");
  if (!resourceType) throw ReplyError.badRequest("resource_type is required.");
  const resourceId = ctx.data.get("resource_id");
  if (resourceId === undefined) throw ReplyError.badRequest("resource_id is required.");
  if (!/^\s*[-+]?\d+\s*$/.test(resourceId)) {
    throw ReplyError.badRequest("resource_id must be an integer.");
  }
  const entitlement = ctx.data.get("entitlement");
  if (!entitlement) throw ReplyError.badRequest("entitlement is required.");
  const known = ENTITLEMENTS[resourceType as SimEntitlement["resourceType"]];
  if (known === undefined) {
    throw ReplyError.badRequest(
      `Resource type ${resourceType} is not defined. Valid resource types are: ` +
        pythonList(Object.keys(ENTITLEMENTS)),
    );
  }
  if (!known.includes(entitlement)) {
    throw ReplyError.badRequest(
      `Entitlement ${entitlement} is not defined the requested resource type. ` +
        `Valid entitlements are: ${pythonList(known)}`,
    );
  }
  return {
    group,
    wanted: {
      resourceType: resourceType as SimEntitlement["resourceType"],
      resourceId: Number(resourceId),
      entitlement,
    },
  };
}

function pythonList(values: readonly string[]): string {
  return `[${values.map((value) => `'${value}'`).join(", ")}]`;
}

function sameEntitlement(a: SimEntitlement, b: SimEntitlement): boolean {
  return a.resourceType === b.resourceType && a.resourceId === b.resourceId &&
    a.entitlement === b.entitlement;
}

/** Piston's `rc.ALL_OK`. */
const allOk = () => text("OK", 200, HTML_TYPE);

const ENTITLEMENT_PARAMS = ":param resource_type: Required. maas (MAAS as a whole) or pool.\n" +
  ":param resource_id: Required. The pool's id; 0 for maas.\n" +
  ":type resource_id: Int\n" +
  ":param entitlement: Required. The entitlement's name, such as can_deploy_machines.";

/**
 * Register `groups/` and `groups/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerUserGroups } from "./routes.ts";
 * registerUserGroups(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerUserGroups(table: RouteTable): void {
  table.resource({
    path: "groups/",
    auth: {
      name: "UserGroupsHandler",
      doc: "Groups of users, and what each group may do.",
      actions: {
        "GET read": {
          doc: "List every user group.",
          run: (ctx) => {
            canView(ctx);
            return json([...ctx.state.userGroups.all()].map((g) => userGroupJson(ctx.line, g)));
          },
        },
        "POST create": {
          doc: "Create a user group.\n\n" +
            ":param name: Required. The group's name.\n" +
            ":param description: Optional. What the group is for.",
          run: (ctx) => {
            canEdit(ctx);
            const name = ctx.data.get("name");
            if (!name) throw ReplyError.badRequest("Name is required.");
            const groups = ctx.state.userGroups;
            if (groups.named(name)) {
              throw ReplyError.conflict(`A user group named ${name} already exists.`);
            }
            const created = groups.add({
              name,
              description: ctx.data.get("description") ?? "",
              entitlements: [],
            });
            return json(userGroupJson(ctx.line, created));
          },
        },
      },
    },
  });

  table.resource({
    path: "groups/{id}/",
    auth: {
      name: "UserGroupHandler",
      doc: "One user group, by id.",
      actions: {
        "GET read": {
          doc: "Read a user group.",
          run: (ctx) => {
            canView(ctx);
            return json(userGroupJson(ctx.line, findGroup(ctx)));
          },
        },
        "PUT update": {
          doc: "Change a group's name or description; the fields left out keep their values.\n\n" +
            ":param name: Optional. The group's new name.\n" +
            ":param description: Optional. The group's new description.",
          run: (ctx) => {
            canEdit(ctx);
            const group = findGroup(ctx);
            const name = ctx.data.get("name");
            const other = name === undefined ? undefined : ctx.state.userGroups.named(name);
            if (other && other.id !== group.id) {
              throw ReplyError.conflict(`A user group named ${name} already exists.`);
            }
            group.name = name ?? group.name;
            group.description = ctx.data.get("description") ?? group.description;
            return json(userGroupJson(ctx.line, group));
          },
        },
        "DELETE delete": {
          doc: "Delete a user group with its memberships and entitlements.",
          run: (ctx) => {
            canEdit(ctx);
            ctx.state.userGroups.remove(findGroup(ctx).id);
            return deleted();
          },
        },
        "GET list_members": {
          doc: "List the group's members: each one's username and e-mail address.",
          run: (ctx) => {
            canView(ctx);
            const group = findGroup(ctx);
            return json(
              group.memberIds
                .map((id) => ctx.state.users.byId(id))
                .filter((user) => user !== undefined)
                .map(memberJson),
            );
          },
        },
        "POST add_member": {
          doc: "Add a user to the group.\n\n:param username: Required. The user to add.",
          run: (ctx) => {
            canEdit(ctx);
            const user = namedUser(ctx);
            const group = findGroup(ctx);
            if (group.memberIds.includes(user.id)) {
              throw ReplyError.conflict(
                `User \`${user.username}\` is already a member of the group with ID ` +
                  `\`${ctx.params.id}\`.`,
              );
            }
            group.memberIds.push(user.id);
            return allOk();
          },
        },
        "POST remove_member": {
          doc: "Take a user out of the group; one who is not a member is not an error.\n\n" +
            ":param username: Required. The user to remove.",
          run: (ctx) => {
            canEdit(ctx);
            if (!ctx.data.get("username")) throw ReplyError.badRequest("username is required.");
            const group = findGroup(ctx);
            const user = namedUser(ctx);
            group.memberIds = group.memberIds.filter((id) => id !== user.id);
            return deleted();
          },
        },
        "GET list_entitlements": {
          doc: "List what the group may do, on MAAS as a whole or on one resource pool.",
          run: (ctx) => {
            canView(ctx);
            return json(findGroup(ctx).entitlements.map(entitlementJson));
          },
        },
        "POST add_entitlement": {
          doc: "Give the group an entitlement on MAAS or on one resource pool; giving it again " +
            "changes nothing.\n\n" + ENTITLEMENT_PARAMS,
          run: (ctx) => {
            canEdit(ctx);
            const { group, wanted } = entitlementRequest(ctx);
            if (
              wanted.resourceType === "pool" && !ctx.state.placement.pools.has(wanted.resourceId)
            ) {
              throw new ReplyError(
                text(`ResourcePool with id ${wanted.resourceId} not found.`, 404),
              );
            }
            if (wanted.resourceType === "maas" && wanted.resourceId !== 0) {
              throw ReplyError.badRequest("resource_id must be 0 for 'maas' type.");
            }
            if (!group.entitlements.some((held) => sameEntitlement(held, wanted))) {
              group.entitlements.push(wanted);
            }
            return allOk();
          },
        },
        "POST remove_entitlement": {
          doc: "Take an entitlement from the group; one it does not hold is not an error.\n\n" +
            ENTITLEMENT_PARAMS,
          run: (ctx) => {
            canEdit(ctx);
            const { group, wanted } = entitlementRequest(ctx);
            group.entitlements = group.entitlements.filter((held) =>
              !sameEntitlement(held, wanted)
            );
            return deleted();
          },
        },
      },
    },
  });
}
