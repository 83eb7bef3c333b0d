/**
 * Region services: `notifications/`, `package-repositories/`, `license-keys/` and
 * `license-key/{osystem}/{distro_series}`, `dhcp-snippets/` and `scripts/`.
 *
 * Their data lives in a {@linkcode ServicesStore} made (and seeded) the first time a simulator
 * needs it: three notifications, MAAS's two default Ubuntu archives, and built-in commissioning
 * and testing scripts.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { booleanField, intParam, missingParam, stringBool } from "../../maas_forms.ts";
import { deleted, json, ReplyError, text } from "../../reply.ts";
import type { FormFields } from "../../request.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimUser } from "../users/model.ts";
import { userJson } from "../users/render.ts";
import {
  KNOWN_ARCHES,
  MAIN_ARCHES,
  normaliseTags,
  PORTS_ARCHES,
  type ServicesStore,
  type SimNotification,
  type SimRepository,
  type SimRevision,
  type SimScript,
  type SimSnippet,
} from "./model.ts";
import { subnetJson } from "../../inventory.ts";

const API = "/MAAS/api/2.0/";

/** Releases that need a license key, by operating system, as MAAS's Windows support lists them. */
const LICENSED_RELEASES: Readonly<Record<string, readonly string[]>> = {
  windows: ["win2012", "win2012r2", "win2016", "win2019", "win2022"],
};
const WINDOWS_KEY = /^([A-Za-z0-9]{5}-){4}[A-Za-z0-9]{5}$/;

const POCKETS_TO_DISABLE = ["updates", "security", "backports"];
const COMPONENTS_TO_DISABLE = ["restricted", "universe", "multiverse"];

const SCRIPT_TYPE_NAMES: Record<number, string> = {
  0: "Commissioning script",
  2: "Testing script",
  3: "Release script",
  4: "Deployment script",
};
const HARDWARE_TYPE_NAMES = ["Node", "CPU", "Memory", "Storage", "Network", "GPU"];
const PARALLEL_NAMES = [
  "Disabled",
  "Run along other instances of this script",
  "Run along any other script.",
];

type Errors = Record<string, string[]>;

function addError(errors: Errors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

function throwIfAny(errors: Errors): void {
  if (Object.keys(errors).length > 0) throw ReplyError.invalid(errors);
}

/** Django's `BooleanField` of a form that changes only the fields sent (undefined: not sent). */
function boolField(data: FormFields, name: string): boolean | undefined {
  return data.has(name) ? booleanField(data, name) : undefined;
}

/** `email.utils.format_datetime` of a naive UTC time: `Tue, 04 Dec 2018 19:21:11 -0000`. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "-0000");
}

function byId<T>(map: Map<number, T>, id: string, thing: string): T {
  const found = /^\d+$/.test(id) ? map.get(Number(id)) : undefined;
  if (!found) throw ReplyError.notFound(thing);
  return found;
}

/** A new revision on top of `revisions` when the text changed (CRLF stored as LF, as MAAS does). */
function revise(
  store: ServicesStore,
  revisions: SimRevision[],
  data: string,
  comment: string | null,
): void {
  const text = data.replace(/\r\n/g, "\n");
  if (revisions.length > 0 && revisions[0].data === text) return;
  revisions.unshift({ id: store.nextId("revision"), data: text, comment, created: new Date() });
}

/**
 * MAAS's `VersionedTextFile.revert`: 0 is the current revision, a negative number goes that many
 * steps back, a positive one names a revision id; newer revisions are dropped.
 */
function revert(revisions: SimRevision[], to: number): void {
  if (to === 0) return;
  let index: number;
  if (to < 0) {
    index = -to;
    if (index >= revisions.length) throw ReplyError.badRequest("Goes too far back.");
  } else {
    index = revisions.findIndex((revision) => revision.id === to);
    if (index === -1) throw ReplyError.badRequest(`${to} not found in history`);
  }
  revisions.splice(0, index);
}

function canEditGlobal(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_global_entities");
}

// ---------------------------------------------------------------------------------------------
// Notifications

function notificationJson(state: SimulatorState, notification: SimNotification): unknown {
  const user = notification.user === null ? undefined : state.users.get(notification.user);
  return {
    ident: notification.ident,
    user: user ? userJson(state.line, user) : null,
    users: notification.users,
    admins: notification.admins,
    message: notification.message,
    context: notification.context,
    category: notification.category,
    dismissable: notification.dismissable,
    id: notification.id,
    resource_uri: `${API}notifications/${notification.id}/`,
  };
}

function relevant(notification: SimNotification, user: SimUser): boolean {
  return notification.user === user.username ||
    (notification.users && !user.isSuperuser) ||
    (notification.admins && user.isSuperuser);
}

/** Python's `str.format` fails on a placeholder the context lacks, or a positional one. */
function renders(message: string, context: Record<string, unknown>): boolean {
  const stripped = message.replace(/\{\{|\}\}/g, "");
  for (const match of stripped.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1].split(/[.[!:]/)[0];
    if (name === "" || /^\d+$/.test(name) || !(name in context)) return false;
  }
  return !/[{}]/.test(stripped.replace(/\{[^{}]*\}/g, ""));
}

/** `NotificationForm` on create (`existing` undefined) or update. */
function notificationForm(
  ctx: AuthContext,
  store: ServicesStore,
  existing?: SimNotification,
): SimNotification {
  const { data, state } = ctx;
  const errors: Errors = {};
  const result: SimNotification = existing ? { ...existing, context: { ...existing.context } } : {
    id: 0,
    ident: null,
    user: null,
    users: false,
    admins: false,
    message: "",
    context: {},
    category: "info",
    dismissable: true,
    dismissedBy: new Set(),
  };
  const message = data.get("message");
  if (message !== undefined) result.message = message;
  if (result.message.trim() === "") addError(errors, "message", "This field is required.");

  const category = data.get("category");
  if (category !== undefined) {
    if (category === "") result.category = "info";
    else if (["error", "warning", "success", "info"].includes(category)) {
      result.category = category;
    } else {
      addError(
        errors,
        "category",
        `Select a valid choice. ${category} is not one of the available choices.`,
      );
    }
  }

  const ident = data.get("ident");
  if (ident !== undefined) {
    result.ident = ident === "" ? null : ident;
    if (ident.length > 40) {
      addError(
        errors,
        "ident",
        `Ensure this value has at most 40 characters (it has ${ident.length}).`,
      );
    } else if (
      result.ident !== null &&
      [...store.notifications.values()].some((other) =>
        other.ident === result.ident && other.id !== result.id
      )
    ) {
      addError(errors, "ident", "Notification with this Ident already exists.");
    }
  }

  const user = data.get("user");
  if (user !== undefined) {
    const wanted = user.trim();
    if (wanted === "") result.user = null;
    else {
      const found = /^\d+$/.test(wanted)
        ? [...state.users.values()].find((candidate) => candidate.id === Number(wanted))
        : state.users.get(wanted);
      if (found) result.user = found.username;
      else addError(errors, "user", "Enter a valid user id or username.");
    }
  }

  for (const flag of ["users", "admins"] as const) {
    const value = boolField(data, flag);
    if (value !== undefined) result[flag] = value;
  }
  // MAAS counts only the exact text "true" as true here.
  const dismissable = data.get("dismissable");
  if (dismissable !== undefined) result.dismissable = dismissable === "true";

  const context = data.get("context");
  if (context !== undefined) {
    if (context.trim() === "") result.context = {};
    else {
      try {
        const parsed = JSON.parse(context);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
          result.context = parsed;
        } else addError(errors, "context", "Context is not a mapping.");
      } catch {
        addError(errors, "context", "Enter a valid JSON.");
      }
    }
  }
  throwIfAny(errors);
  if (!renders(result.message, result.context)) {
    throw ReplyError.invalid({ __all__: ["Notification cannot be rendered."] });
  }
  return result;
}

function registerNotifications(table: RouteTable): void {
  table.resource({
    path: "notifications/",
    auth: {
      name: "NotificationsHandler",
      doc: "The notifications shown in the web UI.",
      actions: {
        "GET read": {
          doc: "List the notifications meant for the caller that they have not dismissed.",
          run: ({ state, user }) =>
            json(
              [...state.services.notifications.values()]
                .filter((n) => relevant(n, user) && !n.dismissedBy.has(user.username))
                .map((n) => notificationJson(state, n)),
            ),
        },
        "POST create": {
          doc: "Create a notification (administrators only).\n\n" +
            ":param message: Required. Text; may hold basic HTML and {name} placeholders.\n" +
            ":param context: Optional. A JSON object of placeholder values.\n" +
            ":param category: Optional. error, warning, success or info (default).\n" +
            ":param ident: Optional. A unique identifier.\n" +
            ":param user: Optional. User id or username of the one user to notify.\n" +
            ":param users: Optional. Notify every user.\n" +
            ":param admins: Optional. Notify every administrator.\n" +
            ":param dismissable: Optional. Whether it can be dismissed (default true).",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_notifications");
            const store = ctx.state.services;
            const created = notificationForm(ctx, store);
            created.id = store.nextId("notification");
            store.notifications.set(created.id, created);
            return json(notificationJson(ctx.state, created));
          },
        },
      },
    },
  });

  table.resource({
    path: "notifications/{id}/",
    auth: {
      name: "NotificationHandler",
      doc: "One notification, by id.",
      actions: {
        "GET read": {
          doc: "Read a notification (one meant for the caller, or any for an administrator).",
          run: ({ state, params, user }) => {
            const notification = byId(
              state.services.notifications,
              params.id,
              "Notification",
            );
            if (!user.isSuperuser && !relevant(notification, user)) {
              throw ReplyError.forbidden("");
            }
            return json(notificationJson(state, notification));
          },
        },
        "PUT update": {
          doc: "Update a notification (administrators only); fields not sent keep their value.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_notifications");
            const store = ctx.state.services;
            const notification = byId(store.notifications, ctx.params.id, "Notification");
            const updated = notificationForm(ctx, store, notification);
            store.notifications.set(updated.id, updated);
            return json(notificationJson(ctx.state, updated));
          },
        },
        "DELETE delete": {
          doc: "Delete a notification (administrators only).",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_notifications");
            const store = ctx.state.services;
            const notification = byId(store.notifications, ctx.params.id, "Notification");
            store.notifications.delete(notification.id);
            return deleted();
          },
        },
        "POST dismiss": {
          doc: "Dismiss a notification for the caller; safe to repeat.",
          run: ({ state, params, user }) => {
            const notification = byId(
              state.services.notifications,
              params.id,
              "Notification",
            );
            if (!relevant(notification, user)) throw ReplyError.forbidden("");
            // MAAS raises an unhandled NotificationNotDismissable here: a 500 without text.
            if (!notification.dismissable) throw new ReplyError(text("", 500));
            notification.dismissedBy.add(user.username);
            return json(null);
          },
        },
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Package repositories

/** The values of a multiple-choice field, each split at commas and trimmed. */
function splitList(data: FormFields, name: string): string[] | undefined {
  if (!data.has(name)) return undefined;
  return data.getAll(name).flatMap((value) => value.split(",").map((item) => item.trim()));
}

function isReset(values: string[]): boolean {
  return values.length === 1 && ["", "None", "[]"].includes(values[0]);
}

/** `PackageRepositoryForm` on create (`existing` undefined) or update. */
function repositoryForm(
  data: FormFields,
  store: ServicesStore,
  existing?: SimRepository,
): Record<string, unknown> {
  const errors: Errors = {};
  const isDefault = existing?.isDefault ?? false;
  const result: Record<string, unknown> = existing ? { ...existing.data } : {
    name: "",
    url: "",
    distributions: [],
    disabled_pockets: [],
    disabled_components: [],
    disable_sources: true,
    components: [],
    arches: [],
    key: "",
    enabled: true,
  };

  const name = data.get("name");
  if (name !== undefined) result.name = name;
  if (String(result.name).trim() === "") addError(errors, "name", "This field is required.");
  else if (String(result.name).length > 41) {
    addError(
      errors,
      "name",
      `Ensure this value has at most 41 characters (it has ${String(result.name).length}).`,
    );
  } else if (
    [...store.repositories.values()].some((other) =>
      other.data.name === result.name && other.data.id !== result.id
    )
  ) {
    addError(errors, "name", "Package repository with this Name already exists.");
  }

  const url = data.get("url");
  if (url !== undefined) result.url = url;
  const urlText = String(result.url).trim();
  if (urlText === "") addError(errors, "url", "This field is required.");
  else if (
    !/^(https?|ftp|file):\/\/\S+$/i.test(urlText) && !/^ppa:[\w.+-]+\/[\w.+-]+$/.test(urlText)
  ) {
    addError(errors, "url", "Enter a valid repository URL or PPA location.");
  }

  for (const field of ["distributions", "components"] as const) {
    const values = splitList(data, field);
    if (values === undefined) continue;
    if (field === "components" && isDefault && values.length > 0 && !isReset(values)) {
      addError(
        errors,
        field,
        "This is a default Ubuntu repository. Please update 'disabled_components' instead.",
      );
    }
    result[field] = values;
  }

  const pockets = splitList(data, "disabled_pockets");
  if (pockets !== undefined) {
    if (isReset(pockets)) result.disabled_pockets = [];
    else {
      const bad = pockets.find((pocket) => !POCKETS_TO_DISABLE.includes(pocket));
      if (bad !== undefined) {
        addError(
          errors,
          "disabled_pockets",
          `'${bad}' is not a valid Ubuntu archive pocket. You can only disable ${
            pythonList(POCKETS_TO_DISABLE)
          }.`,
        );
      } else result.disabled_pockets = pockets;
    }
  }

  const components = splitList(data, "disabled_components");
  if (components !== undefined) {
    if (isReset(components)) result.disabled_components = [];
    else if (!isDefault && components.length > 0) {
      addError(
        errors,
        "disabled_components",
        "This is a custom repository. Please update 'components' instead.",
      );
    } else {
      const bad = components.find((component) => !COMPONENTS_TO_DISABLE.includes(component));
      if (bad !== undefined) {
        addError(
          errors,
          "disabled_components",
          `'${bad}' is not a valid Ubuntu archive component. You can only disable ${
            pythonList(COMPONENTS_TO_DISABLE)
          }.`,
        );
      } else result.disabled_components = components;
    }
  }

  const arches = splitList(data, "arches");
  if (arches !== undefined) {
    const bad = arches.find((arch) => !KNOWN_ARCHES.includes(arch));
    if (bad !== undefined) {
      addError(
        errors,
        "arches",
        `'${bad}' is not a valid architecture. Known architectures: ${
          [...KNOWN_ARCHES].sort().join(", ")
        }`,
      );
    } else result.arches = arches;
  }
  if ((result.arches as string[]).length === 0) {
    result.arches = result.name === "ports_archive" ? [...PORTS_ARCHES] : [...MAIN_ARCHES];
  }

  const disableSources = boolField(data, "disable_sources");
  if (disableSources !== undefined) result.disable_sources = disableSources;
  const enabled = boolField(data, "enabled");
  if (enabled !== undefined) result.enabled = enabled;
  const key = data.get("key");
  if (key !== undefined) result.key = key;

  throwIfAny(errors);
  if (isDefault && result.enabled === false) {
    throw ReplyError.invalid({ __all__: ["Default repositories may not be disabled."] });
  }
  return result;
}

function pythonList(values: string[]): string {
  return `[${values.map((value) => `'${value}'`).join(", ")}]`;
}

function registerRepositories(table: RouteTable): void {
  table.resource({
    path: "package-repositories/",
    auth: {
      name: "PackageRepositoriesHandler",
      doc: "The APT repositories deployed machines use.",
      actions: {
        "GET read": {
          doc: "List every package repository.",
          run: ({ state }) =>
            json([...state.services.repositories.values()].map((repo) => repo.data)),
        },
        "POST create": {
          doc: "Create a package repository (administrators only).\n\n" +
            ":param name: Required. Unique name.\n" +
            ":param url: Required. Archive URL or ppa:owner/name.\n" +
            ":param distributions: Optional. Distributions (repeat or comma-separate).\n" +
            ":param disabled_pockets: Optional. updates, security or backports.\n" +
            ":param disabled_components: Optional. restricted, universe or multiverse.\n" +
            ":param disable_sources: Optional. Leave out deb-src lines (default true).\n" +
            ":param components: Optional. Components to include.\n" +
            ":param arches: Optional. Architectures (default amd64, i386).\n" +
            ":param key: Optional. The repository's GPG key.\n" +
            ":param enabled: Optional. Whether machines use it (default true).",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.services;
            const data = repositoryForm(ctx.data, store);
            const id = store.nextId("repository");
            data.id = id;
            data.resource_uri = `${API}package-repositories/${id}/`;
            store.repositories.set(id, { data, isDefault: false });
            return json(data);
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
          run: ({ state, params }) => json(findRepository(state.services, params.id).data),
        },
        "PUT update": {
          doc: "Update a package repository (administrators only); fields not sent keep " +
            "their value. An empty disabled_pockets or disabled_components clears it.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.services;
            const repository = findRepository(store, ctx.params.id);
            repository.data = repositoryForm(ctx.data, store, repository);
            return json(repository.data);
          },
        },
        "DELETE delete": {
          doc: "Delete a package repository (administrators only); the default Ubuntu " +
            "archives cannot be deleted.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.services;
            const repository = findRepository(store, ctx.params.id);
            if (repository.isDefault) {
              throw ReplyError.badRequest("Cannot delete default Ubuntu archives.");
            }
            store.repositories.delete(repository.data.id as number);
            return deleted();
          },
        },
      },
    },
  });
}

function findRepository(store: ServicesStore, specifier: string): SimRepository {
  const name = specifier.startsWith("name:") ? specifier.slice(5) : null;
  const id = specifier.startsWith("id:") ? specifier.slice(3) : specifier;
  const found = name !== null
    ? [...store.repositories.values()].find((repo) => repo.data.name === name)
    : /^\d+$/.test(id)
    ? store.repositories.get(Number(id))
    : undefined;
  if (!found) throw ReplyError.notFound("PackageRepository");
  return found;
}

// ---------------------------------------------------------------------------------------------
// License keys

function licenseKeyJson(key: { osystem: string; distroSeries: string; licenseKey: string }) {
  return {
    osystem: key.osystem,
    distro_series: key.distroSeries,
    license_key: key.licenseKey,
    resource_uri: `${API}license-key/${encodeURIComponent(key.osystem)}/${
      encodeURIComponent(key.distroSeries)
    }`,
  };
}

function osChoices(): string {
  return Object.keys(LICENSED_RELEASES).map((os) => `'${os}'`).join(", ");
}

function releaseChoices(): string {
  return Object.entries(LICENSED_RELEASES)
    .flatMap(([os, releases]) => releases.map((release) => `'${os}/${release}'`))
    .join(", ");
}

/** `LicenseKeyForm`: `distro_series` arrives as `osystem/release`. */
function licenseKeyForm(
  osystem: string | undefined,
  series: string | undefined,
  licenseKey: string | undefined,
): { osystem: string; distroSeries: string; licenseKey: string } {
  const errors: Errors = {};
  if (osystem === undefined || osystem === "") {
    addError(errors, "osystem", "This field is required.");
  } else if (!(osystem in LICENSED_RELEASES)) {
    addError(
      errors,
      "osystem",
      `'${osystem}' is not a valid osystem.  It should be one of: ${osChoices()}.`,
    );
  }
  if (series === undefined || series === "") {
    addError(errors, "distro_series", "This field is required.");
  } else {
    const [os, release] = series.split("/", 2);
    if (!(LICENSED_RELEASES[os] ?? []).includes(release)) {
      addError(
        errors,
        "distro_series",
        `'${series}' is not a valid distro_series.  It should be one of: ${releaseChoices()}.`,
      );
    }
  }
  if (licenseKey === undefined || licenseKey === "") {
    addError(errors, "license_key", "This field is required.");
  }
  throwIfAny(errors);
  const [seriesOs, release] = series!.split("/", 2);
  if (seriesOs !== osystem) {
    throw ReplyError.invalid({
      __all__: [`${release} in distro_series does not match with operating system ${osystem}`],
    });
  }
  if (!WINDOWS_KEY.test(licenseKey!)) {
    throw ReplyError.invalid({ __all__: ["Invalid license key."] });
  }
  return { osystem: osystem!, distroSeries: release, licenseKey: licenseKey! };
}

function registerLicenseKeys(table: RouteTable): void {
  table.resource({
    path: "license-keys/",
    auth: {
      name: "LicenseKeysHandler",
      doc: "License keys of operating system releases that need one.",
      actions: {
        "GET read": {
          doc: "List every license key, by operating system and release (administrators only).",
          run: (ctx) => {
            ctx.requireAdmin("can_view_license_keys");
            return json(
              [...ctx.state.services.licenseKeys.values()]
                .sort((a, b) =>
                  a.osystem.localeCompare(b.osystem) || a.distroSeries.localeCompare(b.distroSeries)
                )
                .map(licenseKeyJson),
            );
          },
        },
        "POST create": {
          doc: "Define a license key (administrators only).\n\n" +
            ":param osystem: Required. Operating system, such as windows.\n" +
            ":param distro_series: Required. Release, such as win2016 (or windows/win2016).\n" +
            ":param license_key: Required. The key.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_license_keys");
            const { data } = ctx;
            let osystem = data.get("osystem");
            let series = data.get("distro_series");
            if (series !== undefined) {
              if (series.includes("/")) osystem ??= series.split("/", 1)[0];
              else if (osystem !== undefined) series = `${osystem}/${series}`;
            }
            const key = licenseKeyForm(osystem, series, data.get("license_key"));
            const store = ctx.state.services;
            const id = `${key.osystem}/${key.distroSeries}`;
            if (store.licenseKeys.has(id)) {
              throw ReplyError.invalid({
                __all__: [
                  "License key with this operating system and distro series already exists.",
                ],
              });
            }
            store.licenseKeys.set(id, key);
            return json(licenseKeyJson(key));
          },
        },
      },
    },
  });

  table.resource({
    path: "license-key/{osystem}/{distro_series}",
    auth: {
      name: "LicenseKeyHandler",
      doc: "The license key of one operating system release.",
      actions: {
        "GET read": {
          doc: "Read a license key (administrators only).",
          run: (ctx) => {
            ctx.requireAdmin("can_view_license_keys");
            return json(licenseKeyJson(findLicenseKey(ctx)));
          },
        },
        "PUT update": {
          doc: "Update a license key (administrators only).\n\n" +
            ":param license_key: Optional. The new key.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_license_keys");
            const key = findLicenseKey(ctx);
            const updated = licenseKeyForm(
              key.osystem,
              `${key.osystem}/${key.distroSeries}`,
              ctx.data.get("license_key") ?? key.licenseKey,
            );
            key.licenseKey = updated.licenseKey;
            return json(licenseKeyJson(key));
          },
        },
        "DELETE delete": {
          doc: "Delete a license key (administrators only); a missing one is not an error.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_license_keys");
            ctx.state.services.licenseKeys.delete(
              `${ctx.params.osystem}/${ctx.params.distro_series}`,
            );
            return deleted();
          },
        },
      },
    },
  });
}

function findLicenseKey(ctx: AuthContext) {
  const key = ctx.state.services.licenseKeys.get(
    `${ctx.params.osystem}/${ctx.params.distro_series}`,
  );
  if (!key) throw ReplyError.notFound("LicenseKey");
  return key;
}

// ---------------------------------------------------------------------------------------------
// DHCP snippets

function snippetJson(state: SimulatorState, snippet: SimSnippet): unknown {
  const node = snippet.node === null ? undefined : state.machines.get(snippet.node);
  const subnet = snippet.subnet === null
    ? undefined
    : state.site.subnets.find((candidate) => candidate.id === snippet.subnet);
  return {
    name: snippet.name,
    description: snippet.description,
    enabled: snippet.enabled,
    node: node ? node.data : null,
    subnet: subnet ? subnetJson(subnet, state.site) : null,
    global_snippet: snippet.node === null && snippet.subnet === null,
    value: snippet.revisions[0].data,
    history: snippet.revisions.map((revision) => ({
      id: revision.id,
      value: revision.data,
      created: rfc2822(revision.created),
    })),
    id: snippet.id,
    resource_uri: `${API}dhcp-snippets/${snippet.id}/`,
  };
}

/** A subnet by id, CIDR or `cidr:`/`name:`/`id:` specifier. */
function findSubnetId(state: SimulatorState, specifier: string): number | undefined {
  const [kind, rest] = specifier.includes(":") && !specifier.includes("/")
    ? specifier.split(/:(.*)/s, 2)
    : [null, specifier];
  const subnets = state.site.subnets;
  const found = kind === "name"
    ? subnets.find((subnet) => subnet.name === rest)
    : kind === "cidr"
    ? subnets.find((subnet) => subnet.cidr === rest)
    : /^\d+$/.test(rest)
    ? subnets.find((subnet) => subnet.id === Number(rest))
    : subnets.find((subnet) => subnet.cidr === rest || subnet.name === rest);
  return found?.id;
}

/** `DHCPSnippetForm` on create (`existing` undefined) or update. */
function snippetForm(
  ctx: AuthContext,
  existing?: SimSnippet,
): { snippet: SimSnippet; value: string | undefined } {
  const { data, state } = ctx;
  const errors: Errors = {};
  const snippet: SimSnippet = existing ? { ...existing } : {
    id: 0,
    name: "",
    description: "",
    enabled: true,
    node: null,
    subnet: null,
    iprange: null,
    revisions: [],
  };
  const name = data.get("name");
  if (name !== undefined) snippet.name = name;
  if (!existing && snippet.name === "") addError(errors, "name", "This field is required.");
  const value = data.get("value");
  if (!existing && (value === undefined || value === "")) {
    addError(errors, "value", "This field is required.");
  }
  const description = data.get("description");
  if (description !== undefined) snippet.description = description;
  const enabled = boolField(data, "enabled");
  if (enabled !== undefined) snippet.enabled = enabled;

  const node = data.get("node");
  let nodeGiven = false;
  if (node !== undefined && node !== "") {
    const found = state.machines.get(node) ??
      [...state.machines.values()].find((machine) => machine.data.hostname === node);
    if (found) {
      nodeGiven = snippet.node !== found.data.system_id;
      snippet.node = found.data.system_id;
    } else {
      addError(
        errors,
        "node",
        `Select a valid choice. ${node} is not one of the available choices.`,
      );
    }
  }
  const subnet = data.get("subnet");
  let subnetGiven = false;
  if (subnet !== undefined && subnet !== "") {
    const id = findSubnetId(state, subnet);
    if (id === undefined) {
      addError(
        errors,
        "subnet",
        `Select a valid choice. ${subnet} is not one of the available choices.`,
      );
    } else {
      subnetGiven = snippet.subnet !== id;
      snippet.subnet = id;
    }
  }
  const iprange = data.get("iprange");
  if (iprange !== undefined && iprange !== "") {
    if (!/^\d+$/.test(iprange)) {
      addError(
        errors,
        "iprange",
        `Select a valid choice. ${iprange} is not one of the available choices.`,
      );
    } else snippet.iprange = Number(iprange);
  }
  throwIfAny(errors);
  // As MAAS's form: global unlinks both; a newly given node drops the subnet and the reverse.
  if (boolField(data, "global_snippet") === true) {
    snippet.node = null;
    snippet.subnet = null;
    snippet.iprange = null;
  } else if (nodeGiven && !subnetGiven) {
    snippet.subnet = null;
    snippet.iprange = null;
  } else if (subnetGiven && !nodeGiven) {
    snippet.node = null;
  }
  if (snippet.node !== null && snippet.subnet !== null) {
    throw ReplyError.invalid({
      __all__: ["A DHCP snippet cannot be enabled on a node and subnet at the same time."],
    });
  }
  if (snippet.iprange !== null && snippet.subnet === null) {
    // MAAS's own text, missing space included.
    throw ReplyError.invalid({
      __all__: ["A DHCP snippet cannot be enabled on an iprange withouta parent subnet"],
    });
  }
  return { snippet, value };
}

function registerSnippets(table: RouteTable): void {
  table.resource({
    path: "dhcp-snippets/",
    auth: {
      name: "DHCPSnippetsHandler",
      doc: "Extra dhcpd configuration (deprecated in favour of reserved IPs, still served).",
      actions: {
        "GET read": {
          doc: "List every DHCP snippet.",
          run: ({ state }) =>
            json([...state.services.snippets.values()].map((s) => snippetJson(state, s))),
        },
        "POST create": {
          doc: "Create a DHCP snippet (administrators only).\n\n" +
            ":param name: Required. Name.\n" +
            ":param value: Required. The dhcpd configuration text.\n" +
            ":param description: Optional. Free text.\n" +
            ":param enabled: Optional. Whether it is used (default true).\n" +
            ":param node: Optional. System id or hostname of the node it applies to.\n" +
            ":param subnet: Optional. Id or CIDR of the subnet it applies to.\n" +
            ":param iprange: Optional. Id of an IP range of that subnet.\n" +
            ":param global_snippet: Optional. Apply it to everything.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.services;
            const { snippet, value } = snippetForm(ctx);
            snippet.id = store.nextId("snippet");
            revise(store, snippet.revisions, value!, null);
            store.snippets.set(snippet.id, snippet);
            return json(snippetJson(ctx.state, snippet));
          },
        },
      },
    },
  });

  table.resource({
    path: "dhcp-snippets/{id}/",
    auth: {
      name: "DHCPSnippetHandler",
      doc: "One DHCP snippet, by id.",
      actions: {
        "GET read": {
          doc: "Read a DHCP snippet.",
          run: ({ state, params }) =>
            json(snippetJson(state, byId(state.services.snippets, params.id, "DHCPSnippet"))),
        },
        "PUT update": {
          doc: "Update a DHCP snippet (administrators only); a new value becomes a new revision.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.services;
            const current = byId(store.snippets, ctx.params.id, "DHCPSnippet");
            const { snippet, value } = snippetForm(ctx, current);
            snippet.revisions = [...current.revisions];
            if (value !== undefined) revise(store, snippet.revisions, value, null);
            store.snippets.set(snippet.id, snippet);
            return json(snippetJson(ctx.state, snippet));
          },
        },
        "DELETE delete": {
          doc: "Delete a DHCP snippet (administrators only).",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.services;
            const snippet = byId(store.snippets, ctx.params.id, "DHCPSnippet");
            store.snippets.delete(snippet.id);
            return deleted();
          },
        },
        "POST revert": {
          doc:
            "Go back to an earlier value (administrators only); newer revisions are dropped.\n\n" +
            ":param to: Required. A revision id, or a negative number of steps back.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const given = ctx.data.get("to");
            if (given === undefined) {
              throw ReplyError.badRequest("You must specify where to revert to");
            }
            if (!/^\s*[-+]?\d+\s*$/.test(given)) {
              throw ReplyError.badRequest(`${given} is an invalid 'to' value`);
            }
            const store = ctx.state.services;
            const snippet = byId(store.snippets, ctx.params.id, "DHCPSnippet");
            revert(snippet.revisions, Number(given));
            return json(snippetJson(ctx.state, snippet));
          },
        },
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Scripts

/** Python's `str(timedelta)` of whole seconds. */
function duration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds - days * 86_400;
  const clock = `${Math.floor(rest / 3600)}:${
    String(Math.floor(rest / 60) % 60).padStart(2, "0")
  }:${String(rest % 60).padStart(2, "0")}`;
  return days > 0 ? `${days} day${days === 1 ? "" : "s"}, ${clock}` : clock;
}

/** Django's `parse_duration` for the forms MAAS users send: seconds, `[D days, ][H:]M:S`, ISO. */
function parseDuration(value: string): number | null {
  const standard = /^\s*(?:(-?\d+) (?:days?,? )?)?(?:(\d+):)??(?:(\d+):)?(\d+)(?:[.,]\d{1,6})?\s*$/
    .exec(value);
  if (standard) {
    const [, days, hours, minutes, seconds] = standard;
    return Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 +
      Number(seconds);
  }
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value.trim());
  if (iso && value.trim() !== "P") {
    const [, days, hours, minutes, seconds] = iso;
    return Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 +
      Number(seconds ?? 0);
  }
  return null;
}

function scriptJson(script: SimScript, includeScript = false): unknown {
  return {
    name: script.name,
    title: script.title,
    description: script.description,
    tags: script.tags,
    hardware_type: script.hardwareType,
    parallel: script.parallel,
    results: script.results,
    parameters: script.parameters,
    packages: script.packages,
    timeout: duration(script.timeout),
    destructive: script.destructive,
    default: script.isDefault,
    for_hardware: script.forHardware,
    may_reboot: script.mayReboot,
    recommission: script.recommission,
    apply_configured_networking: script.applyConfiguredNetworking,
    type: script.type,
    type_name: SCRIPT_TYPE_NAMES[script.type] ?? "unknown",
    id: script.id,
    history: script.revisions.map((revision) => ({
      id: revision.id,
      comment: revision.comment,
      created: rfc2822(revision.created),
      ...(includeScript ? { data: Buffer.from(revision.data).toString("base64") } : {}),
    })),
    hardware_type_name: HARDWARE_TYPE_NAMES[script.hardwareType],
    parallel_name: PARALLEL_NAMES[script.parallel],
    resource_uri: `${API}scripts/${encodeURIComponent(script.name)}`,
  };
}

function scriptType(value: string): number | string {
  if (/^\d+$/.test(value)) {
    return Number(value) in SCRIPT_TYPE_NAMES
      ? Number(value)
      : "Invalid script type numeric value.";
  }
  if (value === "test" || value === "testing") return 2;
  if (value === "commission" || value === "commissioning") return 0;
  if (value === "release") return 3;
  if (value === "deployment") return 4;
  return "Script type must be commissioning, testing, release or deployment";
}

function hardwareType(value: string): number | string {
  if (/^\d+$/.test(value)) {
    return Number(value) < HARDWARE_TYPE_NAMES.length
      ? Number(value)
      : "Invalid hardware type numeric value.";
  }
  const aliases: Record<string, number> = {
    node: 0,
    machine: 0,
    controller: 0,
    other: 0,
    generic: 0,
    cpu: 1,
    processor: 1,
    memory: 2,
    ram: 2,
    storage: 3,
    disk: 3,
    ssd: 3,
    network: 4,
    net: 4,
    interface: 4,
    gpu: 5,
    graphics: 5,
  };
  return aliases[value.toLowerCase()] ??
    "Hardware type must be node, cpu, memory, storage, or gpu";
}

function parallelType(value: string): number | string {
  if (/^\d+$/.test(value)) {
    return Number(value) < PARALLEL_NAMES.length
      ? Number(value)
      : "Invalid script parallel numeric value.";
  }
  if (value === "disabled" || value === "none") return 0;
  if (value === "instance" || value === "name") return 1;
  if (value === "any" || value === "enabled") return 2;
  return "Script parallel must be disabled, instance, or any.";
}

const HARDWARE_ID = new RegExp(
  "^modalias:.+|pci:[\\da-f]{4}:[\\da-f]{4}|usb:[\\da-f]{4}:[\\da-f]{4}|system_vendor:.*|" +
    "system_product:.*|system_version:.*|mainboard_vendor:.*|mainboard_product:.*$",
  "i",
);

/** `ScriptForm` on create (`existing` undefined) or update, with the content from a file part. */
function scriptForm(ctx: AuthContext, store: ServicesStore, existing?: SimScript): {
  script: SimScript;
  content: string | undefined;
  comment: string | null;
} {
  const { data, files } = ctx;
  const errors: Errors = {};
  let name = data.get("name");
  let content = data.get("script");
  const part = files.find((file) => file.field === "script") ??
    (files.length === 1 ? files[0] : undefined);
  if (part) {
    if (part.field !== "script") name = part.field;
    content = new TextDecoder().decode(part.bytes);
  }
  const given = (field: string) =>
    data.has(field) || (field === "name" && name !== undefined) ||
    (field === "script" && content !== undefined);

  const script: SimScript = existing ? { ...existing, tags: [...existing.tags] } : {
    id: 0,
    name: "",
    title: "",
    description: "",
    tags: [],
    type: 2,
    hardwareType: 0,
    parallel: 0,
    results: {},
    parameters: {},
    packages: {},
    timeout: 0,
    destructive: false,
    isDefault: false,
    forHardware: [],
    mayReboot: false,
    recommission: false,
    applyConfiguredNetworking: false,
    revisions: [],
  };

  if (name !== undefined) script.name = name;
  if (!existing && (name === undefined || name === "")) {
    addError(errors, "name", "This field is required.");
  } else if (name !== undefined) {
    if (name.toLowerCase() === "none") addError(errors, "name", '"none" is a reserved name.');
    else if (/^\d+$/.test(name)) addError(errors, "name", "Cannot be a number.");
    else if (!/^[\w@%+=:,./-]+$/.test(name)) {
      addError(
        errors,
        "name",
        `Name '${name}' contains disallowed characters, e.g. space or quotes.`,
      );
    } else if (
      [...store.scripts.values()].some((other) => other.name === name && other.id !== script.id)
    ) {
      addError(errors, "name", "Script with this Name already exists.");
    }
  }
  if (!existing && (content === undefined || content === "")) {
    addError(errors, "script", "This field is required.");
  } else if (content !== undefined && !content.split(/\r?\n/, 1)[0].startsWith("#!/")) {
    addError(errors, "script", "Must start with shebang.");
  }
  const comment = data.get("comment");
  if (comment !== undefined && content === undefined) {
    addError(errors, "comment", '"comment" may only be used when specifying a "script" as well.');
  }

  for (const field of ["title", "description"] as const) {
    const value = data.get(field);
    if (value !== undefined) script[field] = value;
  }
  const tags = data.get("tags");
  if (tags !== undefined) {
    script.tags = tags.split(",").map((tag) => tag.trim()).filter((tag) => tag !== "");
  }
  const type = data.get("type") ?? data.get("script_type");
  if (type !== undefined && type !== "") {
    const parsed = scriptType(type);
    if (typeof parsed === "string") addError(errors, "script_type", parsed);
    else script.type = parsed;
  }
  const hardware = data.get("hardware_type");
  if (hardware !== undefined && hardware !== "") {
    const parsed = hardwareType(hardware);
    if (typeof parsed === "string") addError(errors, "hardware_type", parsed);
    else script.hardwareType = parsed;
  }
  const parallel = data.get("parallel");
  if (parallel !== undefined && parallel !== "") {
    const parsed = parallelType(parallel);
    if (typeof parsed === "string") addError(errors, "parallel", parsed);
    else script.parallel = parsed;
  }
  const timeout = data.get("timeout");
  if (timeout !== undefined && timeout !== "") {
    const seconds = parseDuration(timeout);
    if (seconds === null || seconds < 0) addError(errors, "timeout", "Enter a valid duration.");
    else script.timeout = seconds;
  }
  const packages = data.get("packages");
  if (packages !== undefined && packages !== "") {
    try {
      script.packages = JSON.parse(packages);
    } catch {
      addError(errors, "packages", "Enter a valid JSON.");
    }
  }
  const forHardware = data.get("for_hardware");
  if (forHardware !== undefined && forHardware !== "") {
    let list: unknown;
    try {
      list = JSON.parse(forHardware);
    } catch {
      list = forHardware;
    }
    if (typeof list === "string") list = list.split(",");
    if (!Array.isArray(list)) addError(errors, "for_hardware", "Must be a list or string");
    else {
      for (const id of list) {
        if (!HARDWARE_ID.test(String(id))) {
          addError(
            errors,
            "for_hardware",
            `Hardware identifier '${id}' must be a modalias, PCI ID, USB ID, system vendor, ` +
              "system product, system version, mainboard vendor, or mainboard product.",
          );
        }
      }
      script.forHardware = list.map(String);
    }
  }
  const flags = [
    ["destructive", "destructive"],
    ["may_reboot", "mayReboot"],
    ["recommission", "recommission"],
    ["apply_configured_networking", "applyConfiguredNetworking"],
  ] as const;
  for (const [wire, field] of flags) {
    const value = boolField(data, wire);
    if (value !== undefined) script[field] = value;
  }
  throwIfAny(errors);
  if (existing?.isDefault) {
    const locked = [
      "name",
      "title",
      "description",
      "script_type",
      "type",
      "hardware_type",
      "parallel",
      "packages",
      "destructive",
      "script",
      "for_hardware",
      "may_reboot",
      "recommission",
      "apply_configured_networking",
    ].filter(given);
    if (locked.length > 0) {
      const errors: Errors = {};
      for (const field of locked) {
        addError(
          errors,
          field === "type" ? "script_type" : field,
          "Not allowed to change on default scripts.",
        );
      }
      throw ReplyError.invalid(errors);
    }
  }
  normaliseTags(script);
  return { script, content, comment: comment ?? null };
}

function findScript(store: ServicesStore, name: string): SimScript {
  const found = /^\d+$/.test(name)
    ? store.scripts.get(Number(name))
    : [...store.scripts.values()].find((script) => script.name === name);
  if (!found) throw ReplyError.notFound("Script");
  return found;
}

function registerScripts(table: RouteTable): void {
  table.resource({
    path: "scripts/",
    auth: {
      name: "NodeScriptsHandler",
      doc: "Commissioning, testing, release and deployment scripts.",
      actions: {
        "GET read": {
          doc: "List stored scripts.\n\n" +
            ":param type: Optional. commissioning, testing, release or deployment.\n" +
            ":param hardware_type: Optional. node, cpu, memory, storage, network or gpu.\n" +
            ":param include_script: Optional. Include each revision's content, base64-encoded.\n" +
            ":param filters: Optional. Comma-separated names or tags.",
          run: ({ state, query }) => {
            let scripts = [...state.services.scripts.values()];
            const type = query.get("type");
            if (type !== undefined) {
              const parsed = scriptType(type);
              if (typeof parsed === "string") throw ReplyError.badRequest(`['${parsed}']`);
              scripts = scripts.filter((script) => script.type === parsed);
            }
            const hardware = query.get("hardware_type");
            if (hardware !== undefined) {
              const parsed = hardwareType(hardware);
              if (typeof parsed === "string") throw ReplyError.badRequest(`['${parsed}']`);
              scripts = scripts.filter((script) => script.hardwareType === parsed);
            }
            const include = stringBool(query, "include_script", false);
            const filters = query.get("filters");
            if (filters !== undefined) {
              const wanted = new Set(filters.split(","));
              scripts = scripts.filter((script) =>
                wanted.has(script.name) || script.tags.some((tag) => wanted.has(tag))
              );
            }
            return json(scripts.map((script) => scriptJson(script, include)));
          },
        },
        "POST create": {
          doc: "Store a new script (administrators only).\n\n" +
            ":param name: Required. Unique name.\n" +
            ":param script: Required. The content, as a file part; it must start with #!.\n" +
            ":param title: Optional. Title.\n:param description: Optional. What it does.\n" +
            ":param tags: Optional. Comma-separated tags.\n" +
            ":param type: Optional. commissioning, testing (default), release or deployment.\n" +
            ":param hardware_type: Optional. node (default), cpu, memory, storage, network or\n" +
            "gpu.\n" +
            ":param parallel: Optional. disabled (default), instance or any.\n" +
            ":param timeout: Optional. Seconds, or H:MM:SS; 0 is none.\n" +
            ":param destructive: Optional. Whether it overwrites disks.\n" +
            ":param comment: Optional. A comment for this revision.\n" +
            ":param for_hardware: Optional. modalias:, pci: or usb: identifiers.\n" +
            ":param may_reboot: Optional. Whether it may reboot the machine.\n" +
            ":param recommission: Optional. Rerun built-in commissioning scripts after it.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.services;
            const { script, content, comment } = scriptForm(ctx, store);
            script.id = store.nextId("script");
            revise(store, script.revisions, content!, comment);
            store.scripts.set(script.id, script);
            return json(scriptJson(script));
          },
        },
      },
    },
  });

  table.resource({
    path: "scripts/{name}",
    auth: {
      name: "NodeScriptHandler",
      doc: "One stored script, by name or id.",
      actions: {
        "GET read": {
          doc: "Read a script's metadata.\n\n" +
            ":param include_script: Optional. Include each revision's content, base64-encoded.",
          run: ({ state, params, query }) =>
            json(
              scriptJson(
                findScript(state.services, params.name),
                stringBool(query, "include_script", false),
              ),
            ),
        },
        "GET download": {
          doc: "Download a script's content.\n\n" +
            ":param revision: Optional. A revision id (rev also works); the current one otherwise.",
          run: ({ state, params, query }) => {
            const script = findScript(state.services, params.name);
            const wanted = intParam(query, "revision") ?? intParam(query, "rev");
            const revision = wanted === undefined
              ? script.revisions[0]
              : script.revisions.find((candidate) => candidate.id === wanted);
            if (!revision) throw ReplyError.badRequest(`${wanted} not found in history`);
            return { status: 200, contentType: "application/binary", body: revision.data };
          },
        },
        "PUT update": {
          doc: "Update a script (administrators only); new content becomes a new revision. " +
            "Default scripts only take tags and timeout.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.services;
            const current = findScript(store, ctx.params.name);
            const { script, content, comment } = scriptForm(ctx, store, current);
            script.revisions = [...current.revisions];
            if (content !== undefined) revise(store, script.revisions, content, comment);
            store.scripts.set(script.id, script);
            return json(scriptJson(script));
          },
        },
        "DELETE delete": {
          doc: "Delete a script (administrators only); default scripts cannot be deleted.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const store = ctx.state.services;
            const script = findScript(store, ctx.params.name);
            if (script.isDefault) throw ReplyError.badRequest("Unable to delete default script");
            store.scripts.delete(script.id);
            return deleted();
          },
        },
        "POST add_tag": {
          doc: "Add a tag (administrators only).\n\n:param tag: Required. The tag, without commas.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const tag = ctx.data.get("tag");
            if (tag === undefined) throw missingParam("tag");
            if (tag.includes(",")) throw ReplyError.badRequest('Tag may not contain a ",".');
            const script = findScript(ctx.state.services, ctx.params.name);
            if (!script.tags.includes(tag)) script.tags = [...script.tags, tag];
            normaliseTags(script);
            return json(scriptJson(script));
          },
        },
        "POST remove_tag": {
          doc: "Remove a tag (administrators only).\n\n:param tag: Required. The tag.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const tag = ctx.data.get("tag");
            if (tag === undefined) throw missingParam("tag");
            const script = findScript(ctx.state.services, ctx.params.name);
            script.tags = script.tags.filter((existing) => existing !== tag);
            normaliseTags(script);
            return json(scriptJson(script));
          },
        },
        "POST revert": {
          doc: "Go back to an earlier content revision (administrators only); newer ones are " +
            "dropped. Default scripts cannot be reverted.\n\n" +
            ":param to: Required. A revision id, or a negative number of steps back.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const to = intParam(ctx.data, "to", { mandatory: true })!;
            const script = findScript(ctx.state.services, ctx.params.name);
            if (script.isDefault) throw ReplyError.badRequest("Unable to revert default script");
            revert(script.revisions, to);
            return json(scriptJson(script));
          },
        },
      },
    },
  });
}

/**
 * Register notifications, package repositories, license keys, DHCP snippets and scripts.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerServices } from "../services/routes.ts";
 * const table = new RouteTable(MaasLine.get("3.8"));
 * registerServices(table);
 * ```
 */
export function registerServices(table: RouteTable): void {
  registerNotifications(table);
  registerRepositories(table);
  registerLicenseKeys(table);
  registerSnippets(table);
  registerScripts(table);
}
