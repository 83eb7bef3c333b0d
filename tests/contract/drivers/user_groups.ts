// The contract test's drivers of the user groups family: one per typed method its description
// names.
import type { Client, MaasObject, UserGroup } from "../../../mod.ts";
import { type Driver, saving, unique } from "../support.ts";

const group = (client: Client) => client.userGroups.create({ name: unique("contract") });

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.userGroups.list()": { run: (c, _, o) => c.userGroups.list(o) },
  "client.userGroups.create()": { run: (c, _, o) => c.userGroups.create(o as never) },
  "client.userGroups.get()": {
    setup: group,
    run: (c, g, o) => c.userGroups.get((g as UserGroup).id, o),
  },
  "userGroup.refresh()": { setup: group, run: (_, g, o) => (g as MaasObject).refresh(o) },
  "userGroup.save()": saving(group),
  "userGroup.delete()": { setup: group, run: (_, g, o) => (g as MaasObject).delete(o) },
  "userGroup.members()": { setup: group, run: (_, g, o) => (g as UserGroup).members(o) },
  "userGroup.addMember()": {
    setup: group,
    run: (_, g, o) => (g as UserGroup).addMember(o as never),
  },
  "userGroup.removeMember()": {
    setup: group,
    run: (_, g, o) => (g as UserGroup).removeMember(o as never),
  },
  "userGroup.entitlements()": {
    setup: group,
    run: (_, g, o) => (g as UserGroup).entitlements(o),
  },
  "userGroup.addEntitlement()": {
    setup: group,
    run: (_, g, o) => (g as UserGroup).addEntitlement(o as never),
  },
  "userGroup.removeEntitlement()": {
    setup: group,
    run: (_, g, o) => (g as UserGroup).removeEntitlement(o as never),
  },
};
