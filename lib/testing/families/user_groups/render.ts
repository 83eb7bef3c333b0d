/**
 * User groups as MAAS renders them: a group, its members and its entitlements.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimUser } from "../users/model.ts";
import type { SimEntitlement, SimUserGroup } from "./model.ts";

/**
 * A user group, as `groups/` renders one.
 *
 * @example
 * ```ts
 * import { MaasLine } from "../../maas/lines.ts";
 * import { userGroupJson } from "./render.ts";
 * const group = { id: 3, name: "ops", description: "", memberIds: [], entitlements: [] };
 * console.log(userGroupJson(MaasLine.get("3.8"), group).resource_uri); // /MAAS/api/2.0/groups/3/
 * ```
 */
export function userGroupJson(line: MaasLine, group: SimUserGroup): Record<string, unknown> {
  return line.shape("UserGroupHandler", {
    id: group.id,
    name: group.name,
    description: group.description,
    resource_uri: apiUri(`groups/${group.id}/`),
  });
}

/**
 * A member of a group, as `list_members` renders one: only the username and e-mail address.
 *
 * @example
 * ```ts
 * import { memberJson } from "./render.ts";
 * const user = { id: 2, username: "alice", email: "a@example.com", password: "", isSuperuser: false, isActive: true };
 * console.log(memberJson(user)); // { username: "alice", email: "a@example.com" }
 * ```
 */
export function memberJson(user: SimUser): Record<string, unknown> {
  return { username: user.username, email: user.email };
}

/**
 * An entitlement, as `list_entitlements` renders one.
 *
 * @example
 * ```ts
 * import { entitlementJson } from "./render.ts";
 * console.log(entitlementJson({ resourceType: "maas", resourceId: 0, entitlement: "can_view_machines" }));
 * ```
 */
export function entitlementJson(entitlement: SimEntitlement): Record<string, unknown> {
  return {
    resource_type: entitlement.resourceType,
    resource_id: entitlement.resourceId,
    entitlement: entitlement.entitlement,
  };
}
