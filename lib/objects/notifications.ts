/**
 * Notifications: messages MAAS shows to users and administrators, which they can dismiss.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function unread(client: Client): Promise<string[]> {
 *   return (await client.notifications.list()).map((n) => n.renderedMessage);
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, defineObject, MaasObject, Namespace, nested } from "./base.ts";
import { JSON_OBJECT } from "./codecs.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import { type Codec, type ExtraParams, family, op, pathOf } from "./spec.ts";
import { User } from "./users.ts";
import { describe } from "./wire.ts";

/** How a notification is shown. */
export type NotificationCategory = "error" | "warning" | "success" | "info";

/** A user a notification is for: a username, a user id or a {@linkcode User}. */
export type NotificationUser = string | number | User;

/** A notification's settings, as `create` and `save()` send them. */
export interface NotificationSettings {
  /** The text (basic HTML and `{name}` placeholders allowed). */
  message?: string;
  /** Values for the placeholders of `message` (or that object as JSON text). */
  context?: Record<string, unknown> | string;
  /** How it is shown (MAAS's default: `info`). */
  category?: NotificationCategory;
  /** An identifier of your own, to find the notification again. */
  ident?: string;
  /** The one user to notify. */
  user?: NotificationUser;
  /** Notify every user who is not an administrator. */
  users?: boolean;
  /** Notify every administrator. */
  admins?: boolean;
  /** Whether users may dismiss it (MAAS's default: true). */
  dismissable?: boolean;
}

/**
 * What a new notification takes. One of `user`, `users` or `admins` must be set for anyone to
 * see it.
 */
export interface CreateNotificationOptions extends NotificationSettings, ExtraParams {
  /** The text (basic HTML and `{name}` placeholders allowed). */
  message: string;
}

/** A user sent as MAAS's notification form reads one: a username or a user id. */
const USER_REF: Codec = {
  takes: "a username, a user id or a User",
  encode(value: unknown, option: string): ParamValue {
    if (value instanceof User) return value.username;
    if ((typeof value === "string" && value !== "") || Number.isSafeInteger(value)) {
      return value as string | number;
    }
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be a username, a user id or a User, got ${
        describe(value)
      }`,
    );
  },
};

const CATEGORIES: readonly NotificationCategory[] = ["error", "warning", "success", "info"];

const FIELD_PARAMS = {
  context: { wire: "context", kind: JSON_OBJECT },
  category: { wire: "category", kind: "string", values: CATEGORIES },
  ident: { wire: "ident", kind: "string" },
  user: { wire: "user", kind: USER_REF },
  users: { wire: "users", kind: "boolean" },
  admins: { wire: "admins", kind: "boolean" },
  dismissable: { wire: "dismissable", kind: "boolean" },
} as const;

/** The notifications family: `notifications/` and `notifications/{id}/`. */
export const NOTIFICATIONS = family({
  name: "notifications",
  handlers: {
    NotificationsHandler: "notifications/",
    NotificationHandler: "notifications/{id}/",
  },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    ident: { wire: "ident", kind: "string", writable: true },
    message: { wire: "message", kind: "string", writable: true },
    category: { wire: "category", kind: "string", writable: true },
    users: { wire: "users", kind: "boolean", writable: true },
    admins: { wire: "admins", kind: "boolean", writable: true },
    context: { wire: "context", kind: "object", writable: true },
    dismissable: { wire: "dismissable", kind: "boolean", writable: true },
  },
  ops: {
    list: op({
      handler: "NotificationsHandler",
      method: "GET",
      typed: ["client.notifications.list()"],
    }),
    create: op<CreateNotificationOptions>({
      handler: "NotificationsHandler",
      method: "POST",
      typed: ["client.notifications.create()"],
      params: { message: { wire: "message", kind: "string", required: true }, ...FIELD_PARAMS },
    }),
    read: op({
      handler: "NotificationHandler",
      method: "GET",
      typed: ["client.notifications.get()", "notification.refresh()"],
    }),
    update: op<NotificationSettings>({
      handler: "NotificationHandler",
      method: "PUT",
      typed: ["notification.save()"],
      params: { message: { wire: "message", kind: "string" }, ...FIELD_PARAMS },
    }),
    delete: op({
      handler: "NotificationHandler",
      method: "DELETE",
      typed: ["notification.delete()"],
    }),
    dismiss: op({
      handler: "NotificationHandler",
      method: "POST",
      op: "dismiss",
      typed: ["notification.dismiss()"],
    }),
  },
});

/**
 * A message shown in MAAS's web UI to one user, to every user, to administrators, or to a mix of
 * them. `message` may hold simple HTML and `{name}` placeholders filled from `context`.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function escalate(client: Client, id: number) {
 *   const notification = await client.notifications.get(id);
 *   notification.category = "error";
 *   await notification.save(); // PUT notifications/{id}/ category=error
 * }
 * ```
 */
export class Notification extends MaasObject {
  /** Notification id. */
  declare readonly id: number;
  /** An identifier MAAS gives its own notifications (to find and remove them), or null. */
  declare ident: string | null;
  /** The text shown; may hold basic HTML and `{name}` placeholders filled from `context`. */
  declare message: string;
  /** How the message is shown. */
  declare category: NotificationCategory;
  /** Whether every user who is not an administrator sees it. */
  declare users: boolean;
  /** Whether every administrator sees it. */
  declare admins: boolean;
  /** Values for the placeholders of `message`. */
  declare context: Record<string, unknown>;
  /** Whether users may dismiss it. */
  declare dismissable: boolean;

  /**
   * The one user the notification is meant for (as the server last sent it), or null. Change it
   * with {@linkcode Notification.setUser}.
   */
  get user(): User | null {
    return nested(this.client, this.get("user"), User);
  }

  /** Targets the notification at one user, or at nobody with null; sent by `save()`. */
  setUser(user: NotificationUser | null): void {
    this.set("user", user === null ? null : USER_REF.encode(user, "user"));
  }

  /** The message with its `{name}` placeholders filled from `context`, as the web UI shows it. */
  get renderedMessage(): string {
    const context = this.context ?? {};
    return String(this.message ?? "").replace(
      /\{([^{}]+)\}/g,
      (whole, name: string) => name in context ? String(context[name]) : whole,
    );
  }

  /** `notifications/{id}/`. */
  get resourcePath(): string {
    return pathOf(NOTIFICATIONS.ops.read.path, this.data);
  }

  /** `Notification 3 warning: DHCP is not enabled…` (placeholders filled in). */
  toString(): string {
    const text = this.renderedMessage.replace(/\s+/g, " ").trim();
    return `Notification ${this.id} ${this.category}: ${
      text.length > 60 ? text.slice(0, 59) + "…" : text
    }`;
  }

  /**
   * Hides the notification for the current user. Safe to repeat; a notification not meant for
   * the user raises `ForbiddenError`, one that cannot be dismissed a 500 `CallError`.
   */
  async dismiss(params?: ExtraParams, options?: CallOptions): Promise<void> {
    await invoke(this.client, NOTIFICATIONS.ops.dismiss, {
      path: this.resourcePath,
      params,
      call: options,
    });
  }
}
defineObject(Notification, NOTIFICATIONS.fields, {
  read: NOTIFICATIONS.ops.read,
  update: NOTIFICATIONS.ops.update,
  delete: NOTIFICATIONS.ops.delete,
});

/**
 * `client.notifications`: the notifications the current user sees, and (administrators) new ones.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function announce(client: Client) {
 *   return await client.notifications.create({
 *     message: "Maintenance window tonight at {time}.",
 *     context: { time: "22:00" },
 *     category: "warning",
 *     users: true,
 *   });
 * }
 * ```
 */
export class Notifications extends Namespace {
  /** The notifications meant for the current user that they have not dismissed. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<Notification[]> {
    return await listOf(this.context, NOTIFICATIONS.ops.list, Notification, "notifications", {
      params,
      call: options,
    });
  }

  /** One notification by id; a missing one raises `NotFoundError`. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<Notification> {
    return await oneOf(this.context, NOTIFICATIONS.ops.read, Notification, "a notification", {
      path: { id },
      params,
      call: options,
    });
  }

  /** Creates a notification (administrators only). */
  async create(params: CreateNotificationOptions, options?: CallOptions): Promise<Notification> {
    return await oneOf(this.context, NOTIFICATIONS.ops.create, Notification, "a notification", {
      params,
      call: options,
    });
  }
}
