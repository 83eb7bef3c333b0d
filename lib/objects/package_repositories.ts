/**
 * Package repositories: the APT archives and PPAs deployed machines use.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function archives(client: Client): Promise<string[]> {
 *   return (await client.packageRepositories.list()).map((repo) => repo.url);
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { type Codec, type ExtraParams, family, op, pathOf } from "./spec.ts";
import { describe } from "./wire.ts";

/** A package repository's settings, as `create` and `save()` send them. */
export interface PackageRepositorySettings {
  /** Unique name. */
  name?: string;
  /** Archive URL or `ppa:owner/name`. */
  url?: string;
  /** Distributions to include. */
  distributions?: string | readonly string[];
  /** Pockets to leave out (`updates`, `security`, `backports`); an empty list leaves none out. */
  disabledPockets?: string | readonly string[];
  /**
   * Components to leave out (`restricted`, `universe`, `multiverse`; the Ubuntu archives only);
   * an empty list leaves none out.
   */
  disabledComponents?: string | readonly string[];
  /** Leave out `deb-src` lines (MAAS's default: true). */
  disableSources?: boolean;
  /** Components to include (custom repositories). */
  components?: string | readonly string[];
  /** Architectures (MAAS's default: amd64 and i386). */
  arches?: string | readonly string[];
  /** The repository's GPG key. */
  key?: string;
  /** Whether machines use it (MAAS's default: true). */
  enabled?: boolean;
}

/** What a new package repository takes. */
export interface CreatePackageRepositoryOptions extends PackageRepositorySettings, ExtraParams {
  /** Unique name. */
  name: string;
  /** Archive URL or `ppa:owner/name`. */
  url: string;
}

function listOfStrings(value: unknown, option: string): readonly string[] {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || !list.every((item) => typeof item === "string" && item !== "")) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be a list of strings, got ${describe(value)}`,
    );
  }
  return list;
}

/**
 * A list MAAS takes as repeated values and cannot empty: an empty one would be sent as nothing,
 * which MAAS reads as "unchanged", so it is refused.
 */
const LIST: Codec = {
  takes: "a string or a non-empty list of strings (repeated)",
  encode(value: unknown, option: string): ParamValue {
    const list = listOfStrings(value, option);
    if (list.length === 0) {
      throw new ParameterError(
        `MAAS cannot empty ${JSON.stringify(option)} of a package repository; give at least ` +
          "one value",
      );
    }
    return list;
  },
};

/** A list MAAS empties when sent an empty value (the pockets and components left out). */
const CLEARABLE_LIST: Codec = {
  takes: "a string or a list of strings (repeated; an empty list clears it)",
  encode(value: unknown, option: string): ParamValue {
    const list = listOfStrings(value, option);
    return list.length === 0 ? "" : list;
  },
};

const FIELD_PARAMS = {
  distributions: { wire: "distributions", kind: LIST },
  disabledPockets: { wire: "disabled_pockets", kind: CLEARABLE_LIST },
  disabledComponents: { wire: "disabled_components", kind: CLEARABLE_LIST },
  disableSources: { wire: "disable_sources", kind: "boolean" },
  components: { wire: "components", kind: LIST },
  arches: { wire: "arches", kind: LIST },
  key: { wire: "key", kind: "string" },
  enabled: { wire: "enabled", kind: "boolean" },
} as const;

/** The package repositories family: `package-repositories/` and `package-repositories/{id}/`. */
export const PACKAGE_REPOSITORIES = family({
  name: "packageRepositories",
  handlers: {
    PackageRepositoriesHandler: "package-repositories/",
    PackageRepositoryHandler: "package-repositories/{id}/",
  },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    name: { wire: "name", kind: "string", writable: true },
    url: { wire: "url", kind: "string", writable: true },
    distributions: { wire: "distributions", kind: "strings", writable: true },
    disabledPockets: { wire: "disabled_pockets", kind: "strings", writable: true },
    disabledComponents: { wire: "disabled_components", kind: "strings", writable: true },
    disableSources: { wire: "disable_sources", kind: "boolean", writable: true },
    components: { wire: "components", kind: "strings", writable: true },
    arches: { wire: "arches", kind: "strings", writable: true },
    key: { wire: "key", kind: "string", writable: true },
    enabled: { wire: "enabled", kind: "boolean", writable: true },
  },
  ops: {
    list: op({
      handler: "PackageRepositoriesHandler",
      method: "GET",
      typed: ["client.packageRepositories.list()"],
    }),
    create: op<CreatePackageRepositoryOptions>({
      handler: "PackageRepositoriesHandler",
      method: "POST",
      typed: ["client.packageRepositories.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        url: { wire: "url", kind: "string", required: true },
        ...FIELD_PARAMS,
      },
    }),
    read: op({
      handler: "PackageRepositoryHandler",
      method: "GET",
      typed: ["client.packageRepositories.get()", "repository.refresh()"],
    }),
    update: op<PackageRepositorySettings>({
      handler: "PackageRepositoryHandler",
      method: "PUT",
      typed: ["repository.save()"],
      params: {
        name: { wire: "name", kind: "string" },
        url: { wire: "url", kind: "string" },
        ...FIELD_PARAMS,
      },
    }),
    delete: op({
      handler: "PackageRepositoryHandler",
      method: "DELETE",
      typed: ["repository.delete()"],
    }),
  },
});

/**
 * An APT repository that deployed machines are configured with. The two default Ubuntu archives
 * (`main_archive`, `ports_archive`) cannot be deleted or disabled; their components are chosen
 * with `disabledComponents`, those of custom repositories with `components`.
 *
 * Lists are replaced as a whole: assign a new array (changing one in place is not seen by
 * `save()`). MAAS can empty only `disabledPockets` and `disabledComponents`.
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
    return pathOf(PACKAGE_REPOSITORIES.ops.read.path, this.data);
  }

  /** `PackageRepository 1 main_archive http://archive.ubuntu.com/ubuntu`. */
  toString(): string {
    return `PackageRepository ${this.id} ${this.name} ${this.url}${
      this.enabled === false ? " (disabled)" : ""
    }`;
  }
}
defineObject(PackageRepository, PACKAGE_REPOSITORIES.fields, {
  read: PACKAGE_REPOSITORIES.ops.read,
  update: PACKAGE_REPOSITORIES.ops.update,
  delete: PACKAGE_REPOSITORIES.ops.delete,
});

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
  async list(params?: ExtraParams, options?: CallOptions): Promise<PackageRepository[]> {
    return await listOf(
      this.context,
      PACKAGE_REPOSITORIES.ops.list,
      PackageRepository,
      "package repositories",
      { params, call: options },
    );
  }

  /** One repository by id; a missing one raises `NotFoundError`. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<PackageRepository> {
    return await oneOf(
      this.context,
      PACKAGE_REPOSITORIES.ops.read,
      PackageRepository,
      "a package repository",
      { path: { id }, params, call: options },
    );
  }

  /** Adds a repository (administrators only); a taken name is a 400 on `name`. */
  async create(
    params: CreatePackageRepositoryOptions,
    options?: CallOptions,
  ): Promise<PackageRepository> {
    return await oneOf(
      this.context,
      PACKAGE_REPOSITORIES.ops.create,
      PackageRepository,
      "a package repository",
      { params, call: options },
    );
  }
}
