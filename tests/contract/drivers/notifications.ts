// The contract test's drivers of the notifications family: one per typed method its description
// names.
import type { Client, MaasObject, Notification } from "../../../mod.ts";
import { type Driver, unique } from "../support.ts";

const notification = (client: Client) =>
  client.notifications.create({ message: unique("contract"), admins: true });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.notifications.list()": { run: (c, _, o) => c.notifications.list(o) },
  "client.notifications.create()": { run: (c, _, o) => c.notifications.create(o as never) },
  "client.notifications.get()": {
    setup: notification,
    run: (c, n, o) => c.notifications.get((n as Notification).id, o),
  },
  "notification.refresh()": {
    setup: notification,
    run: (_, n, o) => (n as MaasObject).refresh(o),
  },
  "notification.save()": {
    setup: notification,
    // The one user is set with setUser(): `user` reads back the server's nested user.
    run: (_, n, o) => {
      const target = n as Notification & Record<string, unknown>;
      for (const [name, value] of Object.entries(o)) {
        if (name === "user") target.setUser(value as string);
        else target[name] = value;
      }
      return target.save();
    },
    quietWithoutOptions: true,
  },
  "notification.delete()": {
    setup: notification,
    run: (_, n, o) => (n as MaasObject).delete(o),
  },
  "notification.dismiss()": {
    setup: notification,
    run: (_, n, o) => (n as Notification).dismiss(o),
  },
};
