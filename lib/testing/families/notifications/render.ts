/**
 * Notifications as MAAS renders them, with the one user a notification is for rendered as a user.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { UsersSection } from "../users/model.ts";
import { userJson } from "../users/render.ts";
import type { SimNotification } from "./model.ts";

/**
 * A notification, as `notifications/` renders one.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { notificationJson } from "./render.ts";
 * await using sim = await MaasSimulator.start();
 * const first = sim.state.notifications.get(1)!;
 * console.log(notificationJson(MaasLine.get("3.8"), sim.state.users, first).ident);
 * ```
 */
export function notificationJson(
  line: MaasLine,
  users: UsersSection,
  notification: SimNotification,
): Record<string, unknown> {
  const user = notification.userId === null ? undefined : users.byId(notification.userId);
  return line.shape("NotificationHandler", {
    id: notification.id,
    ident: notification.ident,
    user: user ? userJson(line, user) : null,
    users: notification.users,
    admins: notification.admins,
    message: notification.message,
    context: notification.context,
    category: notification.category,
    dismissable: notification.dismissable,
    resource_uri: apiUri(`notifications/${notification.id}/`),
  });
}
