/**
 * Notifications: `notifications/` and `notifications/{id}/`, with `dismiss`. Each user sees the
 * notifications meant for them (their own, every user's or every administrator's) that they have
 * not dismissed.
 *
 * @module
 */

import { booleanField, type Fields, FormErrors, REQUIRED } from "../../maas_forms.ts";
import { deleted, json, ReplyError, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { UsersSection } from "../users/model.ts";
import type { NotificationCategory, NotificationsSection, SimNotification } from "./model.ts";
import { notificationJson } from "./render.ts";

const CATEGORIES: readonly NotificationCategory[] = ["error", "warning", "success", "info"];
const IDENT_MAX = 40;

type NotificationFields = Omit<SimNotification, "id" | "dismissedBy">;

/** Python's `str.format` fails on a placeholder the context lacks, or a positional one. */
function renders(message: string, context: Record<string, unknown>): boolean {
  const stripped = message.replace(/\{\{|\}\}/g, "");
  for (const match of stripped.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1].split(/[.[!:]/)[0];
    if (name === "" || /^\d+$/.test(name) || !(name in context)) return false;
  }
  return !/[{}]/.test(stripped.replace(/\{[^{}]*\}/g, ""));
}

/**
 * MAAS's `NotificationForm`, on create (`current` null) or update, where the fields a request
 * leaves out keep their values.
 */
function notificationForm(
  data: Fields,
  section: NotificationsSection,
  users: UsersSection,
  current: SimNotification | null,
): NotificationFields {
  const errors = new FormErrors();
  const result: NotificationFields = current ? { ...current, context: { ...current.context } } : {
    ident: null,
    userId: null,
    users: false,
    admins: false,
    message: "",
    context: {},
    category: "info",
    dismissable: true,
  };
  const message = data.get("message");
  if (message !== undefined) result.message = message;
  if (result.message.trim() === "") errors.add("message", REQUIRED);

  const category = data.get("category");
  if (category === "") result.category = "info";
  else if (category !== undefined) {
    if (CATEGORIES.includes(category as NotificationCategory)) {
      result.category = category as NotificationCategory;
    } else {
      errors.add(
        "category",
        `Select a valid choice. ${category} is not one of the available choices.`,
      );
    }
  }

  const ident = data.get("ident");
  if (ident !== undefined) {
    result.ident = ident === "" ? null : ident;
    const taken = result.ident !== null &&
      [...section.all()].some((other) => other.ident === ident && other.id !== current?.id);
    if (ident.length > IDENT_MAX) {
      errors.add(
        "ident",
        `Ensure this value has at most ${IDENT_MAX} characters (it has ${ident.length}).`,
      );
    } else if (taken) errors.add("ident", "Notification with this Ident already exists.");
  }

  const user = data.get("user");
  if (user !== undefined) {
    const wanted = user.trim();
    const found = wanted === ""
      ? null
      : /^\d+$/.test(wanted)
      ? users.byId(Number(wanted))
      : users.get(wanted);
    if (found === undefined) errors.add("user", "Enter a valid user id or username.");
    else result.userId = found?.id ?? null;
  }

  if (data.has("users")) result.users = booleanField(data, "users");
  if (data.has("admins")) result.admins = booleanField(data, "admins");
  // MAAS counts only the exact text "true" as true here.
  const dismissable = data.get("dismissable");
  if (dismissable !== undefined) result.dismissable = dismissable === "true";

  const context = data.get("context");
  if (context !== undefined) {
    if (context.trim() === "") result.context = {};
    else {
      try {
        const parsed = JSON.parse(context);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
          result.context = parsed;
        } else errors.add("context", "Context is not a mapping.");
      } catch {
        errors.add("context", "Enter a valid JSON.");
      }
    }
  }
  errors.throwIfAny();
  if (!renders(result.message, result.context)) {
    throw ReplyError.invalid({ __all__: ["Notification cannot be rendered."] });
  }
  return result;
}

function findNotification(ctx: AuthContext): SimNotification {
  const id = ctx.params.id;
  const found = /^\d+$/.test(id) ? ctx.state.notifications.get(Number(id)) : undefined;
  if (!found) throw ReplyError.notFound("Notification");
  return found;
}

function canEdit(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_notifications");
}

/**
 * Register `notifications/` and `notifications/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerNotifications } from "./routes.ts";
 * registerNotifications(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerNotifications(table: RouteTable): void {
  table.resource({
    path: "notifications/",
    auth: {
      name: "NotificationsHandler",
      doc: "The notifications shown in the web UI.",
      actions: {
        "GET read": {
          doc: "List the notifications meant for the caller that they have not dismissed.",
          run: ({ state, line, user }) => {
            const { notifications, users } = state;
            return json(
              [...notifications.all()]
                .filter((n) => notifications.isFor(n, user) && !n.dismissedBy.has(user.id))
                .map((n) => notificationJson(line, users, n)),
            );
          },
        },
        "POST create": {
          doc: "Create a notification (administrators only).\n\n" +
            ":param message: Required. Text; may hold basic HTML and {name} placeholders.\n" +
            ":param context: Optional. A JSON object of placeholder values.\n" +
            ":param category: Optional. error, warning, success or info (default).\n" +
            ":param ident: Optional. A unique identifier.\n" +
            ":param user: Optional. User id or username of the one user to notify.\n" +
            ":param users: Optional. Notify every user.\n" +
            ":param admins: Optional. Notify every administrator.\n" +
            ":param dismissable: Optional. Whether it can be dismissed (default true).",
          run: (ctx) => {
            canEdit(ctx);
            const { notifications, users } = ctx.state;
            const created = notifications.add(
              notificationForm(ctx.data, notifications, users, null),
            );
            return json(notificationJson(ctx.line, users, created));
          },
        },
      },
    },
  });

  table.resource({
    path: "notifications/{id}/",
    auth: {
      name: "NotificationHandler",
      doc: "One notification, by id.",
      actions: {
        "GET read": {
          doc: "Read a notification (one meant for the caller, or any for an administrator).",
          run: (ctx) => {
            const notification = findNotification(ctx);
            const { notifications, users } = ctx.state;
            if (!ctx.user.isSuperuser && !notifications.isFor(notification, ctx.user)) {
              throw ReplyError.forbidden("");
            }
            return json(notificationJson(ctx.line, users, notification));
          },
        },
        "PUT update": {
          doc:
            "Update a notification (administrators only); fields not sent keep their value.\n\n" +
            ":param message: Optional. The new text.\n" +
            ":param context: Optional. A JSON object of placeholder values.\n" +
            ":param category: Optional. error, warning, success or info.\n" +
            ":param ident: Optional. A unique identifier; empty clears it.\n" +
            ":param user: Optional. User id or username of the one user to notify; empty for none.\n" +
            ":param users: Optional. Notify every user.\n" +
            ":param admins: Optional. Notify every administrator.\n" +
            ":param dismissable: Optional. Whether it can be dismissed.",
          run: (ctx) => {
            canEdit(ctx);
            const notification = findNotification(ctx);
            const { notifications, users } = ctx.state;
            Object.assign(
              notification,
              notificationForm(ctx.data, notifications, users, notification),
            );
            return json(notificationJson(ctx.line, users, notification));
          },
        },
        "DELETE delete": {
          doc: "Delete a notification (administrators only).",
          run: (ctx) => {
            canEdit(ctx);
            ctx.state.notifications.remove(findNotification(ctx).id);
            return deleted();
          },
        },
        "POST dismiss": {
          doc: "Dismiss a notification for the caller; safe to repeat.",
          run: (ctx) => {
            const notification = findNotification(ctx);
            if (!ctx.state.notifications.isFor(notification, ctx.user)) {
              throw ReplyError.forbidden("");
            }
            // MAAS raises an unhandled NotificationNotDismissable here: a 500 without text.
            if (!notification.dismissable) throw new ReplyError(text("", 500));
            notification.dismissedBy.add(ctx.user.id);
            return json(null);
          },
        },
      },
    },
  });
}
