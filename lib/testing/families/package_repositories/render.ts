/**
 * Package repositories as MAAS renders them.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimPackageRepository } from "./model.ts";

/**
 * A package repository, as `package-repositories/` renders one.
 *
 * @example
 * ```ts
 * import { MaasLine } from "../../maas/lines.ts";
 * import { PackageRepositoriesSection } from "./model.ts";
 * import { repositoryJson } from "./render.ts";
 * let last = 0;
 * const main = PackageRepositoriesSection.seeded(() => ++last).get(1)!;
 * console.log(repositoryJson(MaasLine.get("3.8"), main).resource_uri); // /MAAS/api/2.0/package-repositories/1/
 * ```
 */
export function repositoryJson(
  line: MaasLine,
  repository: SimPackageRepository,
): Record<string, unknown> {
  return line.shape("PackageRepositoryHandler", {
    id: repository.id,
    name: repository.name,
    url: repository.url,
    distributions: repository.distributions,
    disabled_pockets: repository.disabledPockets,
    disabled_components: repository.disabledComponents,
    disable_sources: repository.disableSources,
    components: repository.components,
    arches: repository.arches,
    key: repository.key,
    enabled: repository.enabled,
    resource_uri: apiUri(`package-repositories/${repository.id}/`),
  });
}
