/**
 * Package repositories: `package-repositories/` and `package-repositories/{id}/` (an id, or a
 * `name:` or `id:` specifier). The two Ubuntu archives cannot be deleted or disabled, and take
 * their components as the ones to leave out.
 *
 * @module
 */

import { booleanField, type Fields, FormErrors, REQUIRED } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import {
  KNOWN_ARCHES,
  MAIN_ARCHES,
  type PackageRepositoriesSection,
  PORTS_ARCHES,
  type SimPackageRepository,
} from "./model.ts";
import { repositoryJson } from "./render.ts";

const NAME_MAX = 41;
const POCKETS_TO_DISABLE = ["updates", "security", "backports"];
const COMPONENTS_TO_DISABLE = ["restricted", "universe", "multiverse"];

type RepositoryFields = Omit<SimPackageRepository, "id" | "isDefault">;

/** The values of a multiple-choice field, each split at commas and trimmed. */
function splitList(data: Fields, name: string): string[] | undefined {
  if (!data.has(name)) return undefined;
  return data.getAll(name).flatMap((value) => value.split(",").map((item) => item.trim()));
}

/** The values MAAS takes as "none" for a list it may empty. */
function isReset(values: readonly string[]): boolean {
  return values.length === 1 && ["", "None", "[]"].includes(values[0]);
}

/**
 * The pockets or components of an Ubuntu archive to leave out: none for MAAS's "none" values,
 * else only the ones that may be left out (a field error names the first other one).
 */
function disabledList(
  errors: FormErrors,
  field: string,
  values: string[],
  allowed: readonly string[],
  what: "pocket" | "component",
): string[] | undefined {
  if (isReset(values)) return [];
  const bad = values.find((value) => !allowed.includes(value));
  if (bad === undefined) return values;
  errors.add(
    field,
    `'${bad}' is not a valid Ubuntu archive ${what}. You can only disable ${pythonList(allowed)}.`,
  );
  return undefined;
}

function pythonList(values: readonly string[]): string {
  return `[${values.map((value) => `'${value}'`).join(", ")}]`;
}

/**
 * MAAS's `PackageRepositoryForm`, on create (`current` null) or update, where the fields a
 * request leaves out keep their values.
 */
function repositoryForm(
  data: Fields,
  section: PackageRepositoriesSection,
  current: SimPackageRepository | null,
): RepositoryFields {
  const errors = new FormErrors();
  const isDefault = current?.isDefault ?? false;
  const result: RepositoryFields = current ? { ...current } : {
    name: "",
    url: "",
    distributions: [],
    disabledPockets: [],
    disabledComponents: [],
    disableSources: true,
    components: [],
    arches: [],
    key: "",
    enabled: true,
  };

  result.name = data.get("name") ?? result.name;
  const other = section.named(result.name);
  if (result.name.trim() === "") errors.add("name", REQUIRED);
  else if (result.name.length > NAME_MAX) {
    errors.add(
      "name",
      `Ensure this value has at most ${NAME_MAX} characters (it has ${result.name.length}).`,
    );
  } else if (other && other.id !== current?.id) {
    errors.add("name", "Package repository with this Name already exists.");
  }

  result.url = data.get("url") ?? result.url;
  const url = result.url.trim();
  if (url === "") errors.add("url", REQUIRED);
  else if (!/^(https?|ftp|file):\/\/\S+$/i.test(url) && !/^ppa:[\w.+-]+\/[\w.+-]+$/.test(url)) {
    errors.add("url", "Enter a valid repository URL or PPA location.");
  }

  const distributions = splitList(data, "distributions");
  if (distributions !== undefined) result.distributions = distributions;
  const components = splitList(data, "components");
  if (components !== undefined) {
    if (isDefault && components.length > 0 && !isReset(components)) {
      errors.add(
        "components",
        "This is a default Ubuntu repository. Please update 'disabled_components' instead.",
      );
    }
    result.components = components;
  }

  const pockets = splitList(data, "disabled_pockets");
  if (pockets !== undefined) {
    const kept = disabledList(errors, "disabled_pockets", pockets, POCKETS_TO_DISABLE, "pocket");
    if (kept) result.disabledPockets = kept;
  }
  const disabled = splitList(data, "disabled_components");
  if (disabled !== undefined && !isReset(disabled) && !isDefault && disabled.length > 0) {
    errors.add(
      "disabled_components",
      "This is a custom repository. Please update 'components' instead.",
    );
  } else if (disabled !== undefined) {
    const kept = disabledList(
      errors,
      "disabled_components",
      disabled,
      COMPONENTS_TO_DISABLE,
      "component",
    );
    if (kept) result.disabledComponents = kept;
  }

  const arches = splitList(data, "arches");
  if (arches !== undefined) {
    const bad = arches.find((arch) => !KNOWN_ARCHES.includes(arch));
    if (bad !== undefined) {
      errors.add(
        "arches",
        `'${bad}' is not a valid architecture. Known architectures: ${
          [...KNOWN_ARCHES].sort().join(", ")
        }`,
      );
    } else result.arches = arches;
  }
  if (result.arches.length === 0) {
    result.arches = [...(result.name === "ports_archive" ? PORTS_ARCHES : MAIN_ARCHES)];
  }

  if (data.has("disable_sources")) result.disableSources = booleanField(data, "disable_sources");
  if (data.has("enabled")) result.enabled = booleanField(data, "enabled");
  result.key = data.get("key") ?? result.key;

  errors.throwIfAny();
  if (isDefault && !result.enabled) {
    throw ReplyError.invalid({ __all__: ["Default repositories may not be disabled."] });
  }
  return result;
}

/** A repository by id, or by a `name:` or `id:` specifier. */
function findRepository(ctx: AuthContext): SimPackageRepository {
  const specifier = ctx.params.id;
  const section = ctx.state.packageRepositories;
  const id = specifier.startsWith("id:") ? specifier.slice(3) : specifier;
  const found = specifier.startsWith("name:")
    ? section.named(specifier.slice(5))
    : /^\d+$/.test(id)
    ? section.get(Number(id))
    : undefined;
  if (!found) throw ReplyError.notFound("PackageRepository");
  return found;
}

function canEditGlobal(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_global_entities");
}

const FORM_PARAMS = ":param name: Required. Unique name.\n" +
  ":param url: Required. Archive URL or ppa:owner/name.\n" +
  ":param distributions: Optional. Distributions (repeat or comma-separate).\n" +
  ":param disabled_pockets: Optional. updates, security or backports.\n" +
  ":param disabled_components: Optional. restricted, universe or multiverse.\n" +
  ":param disable_sources: Optional. Leave out deb-src lines (default true).\n" +
  ":param components: Optional. Components to include.\n" +
  ":param arches: Optional. Architectures (default amd64, i386).\n" +
  ":param key: Optional. The repository's GPG key.\n" +
  ":param enabled: Optional. Whether machines use it (default true).";

/**
 * Register `package-repositories/` and `package-repositories/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerPackageRepositories } from "./routes.ts";
 * registerPackageRepositories(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerPackageRepositories(table: RouteTable): void {
  table.resource({
    path: "package-repositories/",
    auth: {
      name: "PackageRepositoriesHandler",
      doc: "The APT repositories deployed machines use.",
      actions: {
        "GET read": {
          doc: "List every package repository.",
          run: ({ state, line }) =>
            json([...state.packageRepositories.all()].map((repo) => repositoryJson(line, repo))),
        },
        "POST create": {
          doc: "Create a package repository (administrators only).\n\n" + FORM_PARAMS,
          run: (ctx) => {
            canEditGlobal(ctx);
            const section = ctx.state.packageRepositories;
            const created = section.add({
              ...repositoryForm(ctx.data, section, null),
              isDefault: false,
            });
            return json(repositoryJson(ctx.line, created));
          },
        },
      },
    },
  });

  table.resource({
    path: "package-repositories/{id}/",
    auth: {
      name: "PackageRepositoryHandler",
      doc: "One package repository, by id (or a name:… specifier).",
      actions: {
        "GET read": {
          doc: "Read a package repository.",
          run: (ctx) => json(repositoryJson(ctx.line, findRepository(ctx))),
        },
        "PUT update": {
          doc: "Update a package repository (administrators only); fields not sent keep " +
            "their value. An empty disabled_pockets or disabled_components clears it.\n\n" +
            FORM_PARAMS.replace(/Required\./g, "Optional."),
          run: (ctx) => {
            canEditGlobal(ctx);
            const repository = findRepository(ctx);
            Object.assign(
              repository,
              repositoryForm(ctx.data, ctx.state.packageRepositories, repository),
            );
            return json(repositoryJson(ctx.line, repository));
          },
        },
        "DELETE delete": {
          doc: "Delete a package repository (administrators only); the default Ubuntu " +
            "archives cannot be deleted.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const repository = findRepository(ctx);
            if (repository.isDefault) {
              throw ReplyError.badRequest("Cannot delete default Ubuntu archives.");
            }
            ctx.state.packageRepositories.remove(repository.id);
            return deleted();
          },
        },
      },
    },
  });
}
