/**
 * The notifications family's records: messages for one user, for every user, for every
 * administrator, or a mix, and who dismissed each. A notification's user and the users who
 * dismissed it are user ids.
 *
 * @module
 */

/** How a notification is shown. */
export type NotificationCategory = "error" | "warning" | "success" | "info";

/**
 * A notification.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * for (const n of sim.state.notifications.all()) console.log(n.id, n.category, n.message);
 * ```
 */
export interface SimNotification {
  /** Database id. */
  id: number;
  /** MAAS's own identifier, or null. */
  ident: string | null;
  /** The id of the one user it is for, or null. */
  userId: number | null;
  /** Shown to every user who is not an administrator. */
  users: boolean;
  /** Shown to every administrator. */
  admins: boolean;
  /** Text with `{name}` placeholders. */
  message: string;
  /** Values of the placeholders. */
  context: Record<string, unknown>;
  /** How it is shown. */
  category: NotificationCategory;
  /** Whether users may dismiss it. */
  dismissable: boolean;
  /** The ids of the users who dismissed it. */
  dismissedBy: Set<number>;
}

/**
 * The notifications section of the state, seeded with what a fresh region shows.
 *
 * @example
 * ```ts
 * import { NotificationsSection } from "./model.ts";
 * let last = 0;
 * const section = NotificationsSection.seeded(() => ++last);
 * console.log(section.get(3)?.dismissable); // false
 * ```
 */
export class NotificationsSection {
  readonly #byId = new Map<number, SimNotification>();
  readonly #nextId: () => number;

  /** An empty section; `nextId` hands out ids. */
  constructor(nextId: () => number) {
    this.#nextId = nextId;
  }

  /**
   * A section with the notifications a fresh region shows: DHCP off everywhere and boot images
   * missing (administrators, the second one not dismissable), and an upgrade notice for everyone.
   */
  static seeded(nextId: () => number): NotificationsSection {
    const section = new NotificationsSection(nextId);
    const base = { ident: null, userId: null, users: false, admins: true, context: {} };
    section.add({
      ...base,
      ident: "dhcp_disabled_all_vlans",
      message: "DHCP is not enabled on any VLAN.  This will prevent machines from being able to " +
        "PXE boot, unless an external DHCP server is being used.",
      category: "warning",
      dismissable: true,
    });
    section.add({
      ...base,
      users: true,
      message: "The region will be upgraded to MAAS {version} on {date}; expect a short outage.",
      context: { version: "3.8.1", date: "Saturday" },
      category: "info",
      dismissable: true,
    });
    section.add({
      ...base,
      ident: "boot_images_missing",
      message: "Boot image import process not started. Machines will not be able to provision " +
        "without boot images.",
      category: "error",
      dismissable: false,
    });
    return section;
  }

  /** The notification with this id. */
  get(id: number): SimNotification | undefined {
    return this.#byId.get(id);
  }

  /** Every notification, oldest first. */
  all(): IterableIterator<SimNotification> {
    return this.#byId.values();
  }

  /** Adds a notification with a new id. */
  add(fields: Omit<SimNotification, "id" | "dismissedBy">): SimNotification {
    const created: SimNotification = { ...fields, id: this.#nextId(), dismissedBy: new Set() };
    this.#byId.set(created.id, created);
    return created;
  }

  /** Removes a notification. */
  remove(id: number): void {
    this.#byId.delete(id);
  }

  /** Whether `user` is one of those the notification is meant for. */
  isFor(notification: SimNotification, user: { id: number; isSuperuser: boolean }): boolean {
    return notification.userId === user.id ||
      (notification.users && !user.isSuperuser) ||
      (notification.admins && user.isSuperuser);
  }
}
