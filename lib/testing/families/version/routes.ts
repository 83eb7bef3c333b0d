/**
 * `version/`: served to anyone, signed or not (MAAS registers it without authentication). It
 * answers the line's version and MAAS's capability list, unless the simulator was started with
 * others.
 *
 * @module
 */

import { json } from "../../reply.ts";
import type { RouteTable } from "../../routes.ts";

/**
 * Register `version/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerVersion } from "./routes.ts";
 * registerVersion(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerVersion(table: RouteTable): void {
  table.resource({
    path: "version/",
    anon: {
      name: "VersionHandler",
      doc: "The version of this server and the API capabilities it offers.",
      actions: {
        "GET read": {
          doc: "Report the MAAS version and the capabilities of its API.",
          run: ({ settings }) =>
            json({
              capabilities: settings.capabilities,
              version: settings.version,
              subversion: "",
            }),
        },
      },
    },
  });
}
