// Every typed method's driver, one module per family: a family converted onto the engine adds
// its module here.
import type { Driver } from "../support.ts";
import { DRIVERS as account } from "./account.ts";
import { DRIVERS as users } from "./users.ts";
import { DRIVERS as sshkeys } from "./sshkeys.ts";
import { DRIVERS as sslkeys } from "./sslkeys.ts";
import { DRIVERS as zones } from "./zones.ts";
import { DRIVERS as pools } from "./pools.ts";
import { DRIVERS as tags } from "./tags.ts";
import { DRIVERS as events } from "./events.ts";
import { DRIVERS as files } from "./files.ts";
import { DRIVERS as config } from "./config.ts";
import { DRIVERS as version } from "./version.ts";
import { DRIVERS as nodes } from "./nodes.ts";

/** The driver of each typed method, by the name its op's `typed` list gives it. */
export const DRIVERS: Readonly<Record<string, Driver>> = {
  ...account,
  ...users,
  ...sshkeys,
  ...sslkeys,
  ...zones,
  ...pools,
  ...tags,
  ...events,
  ...files,
  ...config,
  ...version,
  ...nodes,
};
