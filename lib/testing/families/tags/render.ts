/**
 * Tags as MAAS renders them.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimTag } from "./model.ts";

/**
 * A tag.
 *
 * @example
 * ```ts
 * import { tagJson } from "./render.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * const tag = tagJson(MaasLine.get("3.8"), {
 *   id: 1, name: "gpu", comment: "", definition: "", kernelOpts: "",
 * });
 * console.log(tag.resource_uri); // "/MAAS/api/2.0/tags/gpu/"
 * ```
 */
export function tagJson(line: MaasLine, tag: SimTag): Record<string, unknown> {
  return line.shape("TagHandler", {
    name: tag.name,
    definition: tag.definition,
    comment: tag.comment,
    kernel_opts: tag.kernelOpts,
    resource_uri: apiUri(`tags/${encodeURIComponent(tag.name)}/`),
  });
}
