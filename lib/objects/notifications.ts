/**
 * Notifications: messages MAAS shows to users and administrators, which they can dismiss.
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { Params } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  defineFields,
  describe,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";
import { User } from "./users.ts";

import { choice, optional, positiveId, record, wrap } from "./checks.ts";

const NOTIFICATION_CATEGORIES = ["error", "warning", "success", "info"] as const;

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
  /** How the message is shown: `error`, `warning`, `success` or `info`. */
  declare category: "error" | "warning" | "success" | "info";
  /** Whether every user sees it. */
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
    const user = this.data.user;
    return user && typeof user === "object" ? new User(this.client, user as WireData) : null;
  }

  /**
   * Targets the notification at one user (by username, id or object), or at nobody with null;
   * sent by `save()`.
   */
  setUser(user: string | number | User | null): void {
    this.set("user", userParam(user) ?? "");
  }

  /** The message with its `{name}` placeholders filled from `context`, as the web UI shows it. */
  get renderedMessage(): string {
    const context = record(this.get("context"));
    return String(this.get("message") ?? "").replace(
      /\{([^{}]+)\}/g,
      (whole, name: string) => name in context ? String(context[name]) : whole,
    );
  }

  /** `notifications/{id}/`. */
  get resourcePath(): string {
    return apiPath`notifications/${this.data.id}/`;
  }

  /** `Notification 3 warning: DHCP is not enabled…` (placeholders filled in). */
  toString(): string {
    const text = this.renderedMessage.replace(/\s+/g, " ").trim();
    return `Notification ${this.data.id} ${this.data.category}: ${
      text.length > 60 ? text.slice(0, 59) + "…" : text
    }`;
  }

  /**
   * Hides the notification for the current user. Safe to repeat; a notification not meant for
   * the user raises `ForbiddenError`.
   */
  async dismiss(options?: CallOptions): Promise<void> {
    await this.call("POST", "dismiss", undefined, options);
  }

  /** Context goes as JSON text, a cleared ident or user as an empty value. */
  protected override saveParams(changes: WireData): Params {
    const params: Record<string, Params[string]> = { ...changes as Params };
    if ("context" in changes) params.context = JSON.stringify(changes.context ?? {});
    if ("ident" in changes && changes.ident === null) params.ident = "";
    return params;
  }
}
defineFields(Notification, {
  id: "id",
  ident: { wire: "ident", writable: true },
  message: { wire: "message", writable: true },
  category: { wire: "category", writable: true },
  users: { wire: "users", writable: true },
  admins: { wire: "admins", writable: true },
  context: { wire: "context", writable: true },
  dismissable: { wire: "dismissable", writable: true },
});

function userParam(user: unknown): string | number | undefined {
  if (user === undefined || user === null) return undefined;
  if (user instanceof User) return user.username;
  if (typeof user === "string" || typeof user === "number") return user;
  throw new ParameterError(
    `Parameter "user" must be a username, a user id or a User, got ${describe(user)}`,
  );
}

/** What a new notification takes. */
export interface CreateNotificationOptions extends CallOptions {
  /** The text (basic HTML and `{name}` placeholders allowed). Required. */
  message: string;
  /** `error`, `warning`, `success` or `info` (MAAS's default: `info`). */
  category?: "error" | "warning" | "success" | "info";
  /** An identifier of your own, to find the notification again. */
  ident?: string;
  /** The one user to notify: username, user id or a {@linkcode User}. */
  user?: string | number | User;
  /** Notify every user. */
  users?: boolean;
  /** Notify every administrator. */
  admins?: boolean;
  /** Values for the placeholders of `message`. */
  context?: Record<string, unknown>;
  /** Whether users may dismiss it (MAAS's default: true). */
  dismissable?: boolean;
}

/**
 * `client.notifications`: the notifications the current user sees, and (administrators) new ones.
 * One of `user`, `users` or `admins` must be set for anyone to see a notification.
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
  async list(options?: CallOptions): Promise<Notification[]> {
    const data = await this.context.call("GET", "notifications/", options);
    return wrap(data, "notifications", (item) => new Notification(this.context, item));
  }

  /** One notification by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<Notification> {
    positiveId(id, "id");
    const data = await this.context.call("GET", apiPath`notifications/${id}/`, options);
    return new Notification(this.context, expectObject(data, "a notification"));
  }

  /** Creates a notification (administrators only). */
  async create(options: CreateNotificationOptions): Promise<Notification> {
    const { message, category, ident, user, users, admins, context, dismissable, ...call } =
      optionsOf(options);
    required(message, "message", "string");
    const data = await this.context.call("POST", "notifications/", {
      params: {
        message,
        category: choice(category, "category", NOTIFICATION_CATEGORIES),
        ident: optional(ident, "ident", "string"),
        user: userParam(user),
        users: optional(users, "users", "boolean"),
        admins: optional(admins, "admins", "boolean"),
        context: context === undefined || context === null
          ? undefined
          : JSON.stringify(optional(context, "context", "object")),
        dismissable: optional(dismissable, "dismissable", "boolean"),
      },
      ...call,
    });
    return new Notification(this.context, expectObject(data, "a notification"));
  }
}
