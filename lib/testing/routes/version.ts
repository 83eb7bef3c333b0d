/**
 * `version/`: served to anyone, signed or not (MAAS registers it without authentication).
 *
 * @module
 */

import { json } from "../reply.ts";
import type { RouteTable } from "../routes.ts";

/**
 * Register `version/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../routes.ts";
 * import { registerVersion } from "./version.ts";
 * const table = new RouteTable();
 * registerVersion(table);
 * ```
 */
export function registerVersion(table: RouteTable): void {
  table.resource({
    path: "version/",
    anon: {
      name: "VersionHandler",
      doc: "The version of this server and the API capabilities it offers.",
      actions: {
        "GET": {
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
