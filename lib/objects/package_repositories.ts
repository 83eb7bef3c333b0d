/**
 * Package repositories: the APT archives and PPAs deployed machines use.
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { Params } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  defineFields,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";

import { optional, optionalList, positiveId, wrap } from "./checks.ts";

/**
 * An APT repository that deployed machines are configured with. The two default Ubuntu archives
 * (`main_archive`, `ports_archive`) cannot be deleted or disabled; their components are chosen
 * with `disabledComponents`, those of custom repositories with `components`.
 *
 * Lists are replaced as a whole: assign a new array (changing one in place is not seen by
 * `save()`).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function skipBackports(client: Client) {
 *   const [main] = (await client.packageRepositories.list())
 *     .filter((repo) => repo.name === "main_archive");
 *   main.disabledPockets = ["backports"];
 *   await main.save();
 * }
 * ```
 */
export class PackageRepository extends MaasObject {
  /** Repository id. */
  declare readonly id: number;
  /** Unique name. */
  declare name: string;
  /** Archive URL, or a PPA (`ppa:owner/name`). */
  declare url: string;
  /** Distributions to include (custom repositories). */
  declare distributions: string[];
  /** Pockets left out: `updates`, `security`, `backports` (default archives). */
  declare disabledPockets: string[];
  /** Components left out: `restricted`, `universe`, `multiverse` (default archives). */
  declare disabledComponents: string[];
  /** Whether `deb-src` lines are left out. */
  declare disableSources: boolean;
  /** Components to include (custom repositories). */
  declare components: string[];
  /** Architectures the repository serves. */
  declare arches: string[];
  /** The repository's GPG key (ASCII armoured), or empty. */
  declare key: string;
  /** Whether deployed machines use it. */
  declare enabled: boolean;

  /** `package-repositories/{id}/`. */
  get resourcePath(): string {
    return apiPath`package-repositories/${this.data.id}/`;
  }

  /** `PackageRepository 1 main_archive http://archive.ubuntu.com/ubuntu`. */
  toString(): string {
    return `PackageRepository ${this.data.id} ${this.data.name} ${this.data.url}${
      this.data.enabled === false ? " (disabled)" : ""
    }`;
  }

  /**
   * MAAS empties the disabled pockets and components when sent an empty value; it keeps the other
   * lists when nothing is sent, and has no way to empty them.
   */
  protected override saveParams(changes: WireData): Params {
    const params: Record<string, Params[string]> = { ...changes as Params };
    for (const [name, value] of Object.entries(changes)) {
      if (!LIST_FIELDS.has(name)) continue;
      const list = optionalList(value, name) ?? [];
      if (list.length > 0) continue;
      if (name === "disabled_pockets" || name === "disabled_components") params[name] = "";
      else {
        throw new ParameterError(
          `MAAS cannot empty ${
            JSON.stringify(name)
          } of a package repository; give at least one value`,
        );
      }
    }
    return params;
  }
}
defineFields(PackageRepository, {
  id: "id",
  name: { wire: "name", writable: true },
  url: { wire: "url", writable: true },
  distributions: { wire: "distributions", writable: true },
  disabledPockets: { wire: "disabled_pockets", writable: true },
  disabledComponents: { wire: "disabled_components", writable: true },
  disableSources: { wire: "disable_sources", writable: true },
  components: { wire: "components", writable: true },
  arches: { wire: "arches", writable: true },
  key: { wire: "key", writable: true },
  enabled: { wire: "enabled", writable: true },
});

const LIST_FIELDS = new Set([
  "distributions",
  "disabled_pockets",
  "disabled_components",
  "components",
  "arches",
]);

/** What a new package repository takes. */
export interface CreatePackageRepositoryOptions extends CallOptions {
  /** Unique name. Required. */
  name: string;
  /** Archive URL or `ppa:owner/name`. Required. */
  url: string;
  /** Distributions to include. */
  distributions?: string[];
  /** Pockets to leave out (`updates`, `security`, `backports`). */
  disabledPockets?: string[];
  /** Components to leave out (`restricted`, `universe`, `multiverse`). */
  disabledComponents?: string[];
  /** Leave out `deb-src` lines (MAAS's default: true). */
  disableSources?: boolean;
  /** Components to include. */
  components?: string[];
  /** Architectures (MAAS's default: amd64 and i386). */
  arches?: string[];
  /** The repository's GPG key. */
  key?: string;
  /** Whether machines use it (MAAS's default: true). */
  enabled?: boolean;
}

/**
 * `client.packageRepositories`: the APT archives deployed machines use.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addPpa(client: Client) {
 *   return await client.packageRepositories.create({
 *     name: "tools",
 *     url: "ppa:example/tools",
 *     arches: ["amd64"],
 *   });
 * }
 * ```
 */
export class PackageRepositories extends Namespace {
  /** Every package repository. */
  async list(options?: CallOptions): Promise<PackageRepository[]> {
    const data = await this.context.call("GET", "package-repositories/", options);
    return wrap(data, "package repositories", (item) => new PackageRepository(this.context, item));
  }

  /** One repository by id; a missing one raises `NotFoundError`. */
  async get(id: number, options?: CallOptions): Promise<PackageRepository> {
    positiveId(id, "id");
    const data = await this.context.call("GET", apiPath`package-repositories/${id}/`, options);
    return new PackageRepository(this.context, expectObject(data, "a package repository"));
  }

  /** Adds a repository (administrators only); a taken name is a 400 on `name`. */
  async create(options: CreatePackageRepositoryOptions): Promise<PackageRepository> {
    const {
      name,
      url,
      distributions,
      disabledPockets,
      disabledComponents,
      disableSources,
      components,
      arches,
      key,
      enabled,
      ...call
    } = optionsOf(options);
    required(name, "name", "string");
    required(url, "url", "string");
    const data = await this.context.call("POST", "package-repositories/", {
      params: {
        name,
        url,
        distributions: optionalList(distributions, "distributions"),
        disabled_pockets: optionalList(disabledPockets, "disabledPockets"),
        disabled_components: optionalList(disabledComponents, "disabledComponents"),
        disable_sources: optional(disableSources, "disableSources", "boolean"),
        components: optionalList(components, "components"),
        arches: optionalList(arches, "arches"),
        key: optional(key, "key", "string"),
        enabled: optional(enabled, "enabled", "boolean"),
      },
      ...call,
    });
    return new PackageRepository(this.context, expectObject(data, "a package repository"));
  }
}
