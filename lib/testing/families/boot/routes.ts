/**
 * Boot images: `boot-resources/` (seeded Ubuntu images, import state, custom image uploads sent in
 * chunks and checked against their size and SHA-256) and `boot-sources/` with their selections.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { Buffer } from "node:buffer";
import { booleanField, nullBooleanField } from "../../maas_forms.ts";
import { deleted, HTML_TYPE, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { ActionContext, AuthContext, RouteTable } from "../../routes.ts";
import {
  type BootStore,
  type SimBootFile,
  type SimBootResource,
  type SimBootSet,
  type SimBootSource,
  type SimSelection,
  SYNCED,
  timestamp,
  UPLOADED,
} from "./model.ts";

const API = "/MAAS/api/2.0/";

const CATALOGUE = {
  ubuntu: ["focal", "jammy", "noble"],
  arches: ["amd64", "arm64", "ppc64el", "s390x"],
  subarches: ["generic", "ga-20.04", "hwe-20.04", "ga-22.04", "hwe-22.04", "ga-24.04", "hwe-24.04"],
  labels: ["stable", "candidate"],
};

/** Operating systems MAAS has drivers for; their names cannot be taken by uploads. */
const OPERATING_SYSTEMS = ["centos", "custom", "esxi", "ol", "rhel", "suse", "ubuntu", "windows"];
const LINUX = ["centos", "ol", "rhel", "suse", "ubuntu"];

const UPLOAD_TYPES: Record<string, [string, string]> = {
  tgz: ["root-tgz", "root.tgz"],
  tbz: ["root-tbz", "root.tbz"],
  txz: ["root-txz", "root.txz"],
  ddtgz: ["root-dd", "root-dd"],
  ddtbz: ["root-dd.tar.bz2", "root-dd.tar.bz2"],
  ddtxz: ["root-dd.tar.xz", "root-dd.tar.xz"],
  ddtar: ["root-dd.tar", "root-dd.tar"],
  ddbz2: ["root-dd.bz2", "root-dd.bz2"],
  ddgz: ["root-dd.gz", "root-dd.gz"],
  ddxz: ["root-dd.xz", "root-dd.xz"],
  ddraw: ["root-dd.raw", "root-dd.raw"],
};

function fileJson(resource: SimBootResource, file: SimBootFile): Record<string, unknown> {
  const view: Record<string, unknown> = {
    filename: file.filename,
    filetype: file.filetype,
    sha256: file.sha256,
    filename_on_disk: file.sha256.slice(0, 7),
    size: file.size,
    complete: file.complete,
  };
  if (!file.complete) {
    view.progress = file.size ? (100 * file.received) / file.size : 0;
    if (resource.rtype === UPLOADED) {
      view.upload_uri = `${API}boot-resources/${resource.id}/upload/${file.id}/`;
    }
  }
  return view;
}

function setJson(resource: SimBootResource, set: SimBootSet): Record<string, unknown> {
  const size = set.files.reduce((sum, file) => sum + file.size, 0);
  const received = set.files.reduce((sum, file) => sum + file.received, 0);
  const complete = set.files.every((file) => file.complete);
  const view: Record<string, unknown> = { version: set.version, label: set.label, size, complete };
  if (!complete) view.progress = size ? (100 * received) / size : 0;
  view.files = Object.fromEntries(
    set.files.map((file) => [file.filename, fileJson(resource, file)]),
  );
  return view;
}

function resourceJson(resource: SimBootResource, withSets: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: resource.id,
    type: resource.rtype === SYNCED ? "Synced" : "Uploaded",
    name: resource.name,
    architecture: resource.architecture,
    resource_uri: `${API}boot-resources/${resource.id}/`,
    last_deployed: null,
    ...resource.extra,
  };
  if (resource.baseImage) view.base_image = resource.baseImage;
  if (withSets) {
    view.sets = Object.fromEntries(
      [...resource.sets].reverse().map((set) => [set.version, setJson(resource, set)]),
    );
  }
  return view;
}

function findResource(ctx: ActionContext, id: string): SimBootResource {
  const resource = ctx.state.boot.resources.find((r) => String(r.id) === id);
  if (!resource) throw ReplyError.notFound("BootResource");
  return resource;
}

/** Architectures images exist for, as the upload form offers them. */
function usableArchitectures(store: BootStore): string[] {
  const arches = new Set<string>();
  for (const resource of store.resources) {
    if (resource.rtype !== SYNCED || !resource.name.startsWith("ubuntu/")) continue;
    arches.add(resource.architecture);
    arches.add(`${resource.architecture.split("/")[0]}/generic`);
  }
  return [...arches].sort();
}

function pyList(values: readonly string[]): string {
  return `[${values.map((value) => `'${value}'`).join(", ")}]`;
}

/** The checks of MAAS's upload form, field by field. */
function validateUpload(ctx: AuthContext, store: BootStore): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  const data = ctx.data;
  const name = data.get("name") ?? "";
  if (name === "") {
    fail("name", "This field is required.");
  } else {
    const reserved = new Set(OPERATING_SYSTEMS);
    for (const release of CATALOGUE.ubuntu) {
      reserved.add(`ubuntu/${release}`);
      reserved.add(release);
    }
    if (name.includes("/") && !OPERATING_SYSTEMS.includes(name.split("/")[0])) {
      fail(
        "name",
        `Unsupport operating system ${name.split("/")[0]}, supported operating systems: ${
          pyList(OPERATING_SYSTEMS)
        }`,
      );
    } else if (reserved.has(name) || /^centos\d\d?$/.test(name)) {
      fail("name", `${name} is a reserved name`);
    }
  }
  const architecture = data.get("architecture") ?? "";
  const arches = usableArchitectures(store);
  if (architecture === "") {
    fail("architecture", "This field is required.");
  } else if (!arches.includes(architecture)) {
    fail(
      "architecture",
      `'${architecture}' is not a valid architecture.  It should be one of: ${
        arches.map((arch) => `'${arch}'`).join(", ")
      }.`,
    );
  }
  const filetype = data.get("filetype") ?? "tgz";
  if (!(filetype in UPLOAD_TYPES)) {
    fail("filetype", `Select a valid choice. ${filetype} is not one of the available choices.`);
  }
  const sha256 = data.get("sha256") ?? "";
  if (sha256 === "") fail("sha256", "This field is required.");
  else if (sha256.length < 64) {
    fail("sha256", `Ensure this value has at least 64 characters (it has ${sha256.length}).`);
  } else if (sha256.length > 64) {
    fail("sha256", `Ensure this value has at most 64 characters (it has ${sha256.length}).`);
  }
  const size = data.get("size") ?? "";
  if (size.trim() === "") fail("size", "This field is required.");
  else if (!/^\s*[+-]?\d+\s*$/.test(size)) fail("size", "Enter a whole number.");
  const baseImage = data.get("base_image") ?? "";
  const custom = !name.includes("/") || name.split("/")[0] === "custom";
  if (custom && baseImage !== "") {
    const [os, release, extra] = baseImage.toLowerCase().split("/");
    if (release === undefined || extra !== undefined) {
      fail("base_image", "a base image must follow the format: <osystem>/<series>");
    } else if (!LINUX.includes(os)) {
      fail("base_image", "custom images require a valid non-custom OS type base image");
    } else if (os !== "ubuntu" || !CATALOGUE.ubuntu.includes(release)) {
      fail("base_image", "please select a valid base image OS and version");
    }
  }
  return errors;
}

function nextVersion(resource: SimBootResource): string {
  const today = new Date().toISOString().slice(0, 10).replaceAll("-", "");
  const taken = new Set(resource.sets.map((set) => set.version));
  if (!taken.has(today)) return today;
  let revision = 1;
  while (taken.has(`${today}.${revision}`)) revision++;
  return `${today}.${revision}`;
}

function createResource(ctx: AuthContext): Reply {
  ctx.requireAdmin("can_edit_boot_entities");
  const store = ctx.state.boot;
  const errors = validateUpload(ctx, store);
  if (Object.keys(errors).length) throw ReplyError.invalid(errors);
  const data = ctx.data;
  const name = data.get("name")!;
  const architecture = data.get("architecture")!;
  const sha256 = data.get("sha256")!.toLowerCase();
  const size = Number(data.get("size")!.trim());
  const [filetype, filename] = UPLOAD_TYPES[data.get("filetype") ?? "tgz"];
  const everyFile = store.resources.flatMap((r) => r.sets.flatMap((set) => set.files));
  if (everyFile.some((file) => file.sha256 === sha256 && file.size !== size)) {
    throw ReplyError.badRequest("File already exists with sha256 that is of different size.");
  }
  let resource = store.resources.find((r) =>
    r.rtype === UPLOADED && r.name === name && r.architecture === architecture
  );
  if (!resource) {
    resource = {
      id: ctx.state.nextId("bootresource"),
      rtype: UPLOADED,
      name,
      architecture,
      extra: {},
      baseImage: "",
      sets: [],
    };
    store.resources.push(resource);
  }
  resource.extra = { subarches: architecture.split("/")[1], title: data.get("title") ?? "" };
  if (!resource.baseImage) {
    const custom = !name.includes("/") || name.split("/")[0] === "custom";
    resource.baseImage = custom ? (data.get("base_image")?.toLowerCase() || "ubuntu/noble") : "";
  }
  // Content MAAS already holds complete is not asked for again.
  const known = everyFile.some((file) => file.sha256 === sha256 && file.complete);
  const set: SimBootSet = {
    id: ctx.state.nextId("bootresourceset"),
    version: nextVersion(resource),
    label: "uploaded",
    files: [{
      id: ctx.state.nextId("bootresourcefile"),
      filename,
      filetype,
      sha256,
      size,
      received: known ? size : 0,
      hash: null,
      complete: known,
    }],
  };
  // Without keep_old, older versions of an uploaded image are dropped.
  const keepOld = booleanField(data, "keep_old");
  resource.sets = keepOld ? [...resource.sets, set] : [set];
  return json(resourceJson(resource, true), 201);
}

function uploadChunk(ctx: AuthContext, body: Uint8Array): Reply {
  ctx.requireAdmin("can_edit_boot_entities");
  const resource = findResource(ctx, ctx.params.resource_id);
  const file = ctx.state.boot.resources.flatMap((r) => r.sets.flatMap((set) => set.files))
    .find((f) => String(f.id) === ctx.params.id);
  if (!file) throw ReplyError.notFound("BootResourceFile");
  if (body.byteLength === 0) throw ReplyError.badRequest("Missing data.");
  if (resource.rtype !== UPLOADED) {
    throw ReplyError.forbidden(`Cannot upload to a resource of type: ${resource.rtype}.`);
  }
  if (file.complete || file.received === file.size) {
    throw ReplyError.badRequest("Cannot upload to a complete file.");
  }
  if (file.received + body.byteLength > file.size) {
    throw ReplyError.badRequest("Too much data received.");
  }
  file.hash ??= createHash("sha256");
  file.hash.update(body);
  file.received += body.byteLength;
  if (file.received === file.size) {
    const digest = file.hash.digest("hex");
    file.hash = null;
    if (digest !== file.sha256) {
      // The stored bytes are thrown away, so the image can be sent again from the start.
      file.received = 0;
      throw ReplyError.badRequest("Saved content does not match given SHA256 value.");
    }
    file.complete = true;
  }
  return text("OK", 200, HTML_TYPE);
}

function sourceJson(source: SimBootSource, v38: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: source.id,
    url: source.url,
    keyring_filename: source.keyringFilename,
    keyring_data: Buffer.from(source.keyringData).toString("base64"),
    created: source.created,
    updated: source.updated,
    resource_uri: `${API}boot-sources/${source.id}/`,
  };
  if (v38) {
    view.name = source.name;
    view.priority = source.priority;
    view.enabled = source.enabled;
    view.skip_keyring_verification = source.skipKeyringVerification;
  }
  return view;
}

function selectionJson(selection: SimSelection): Record<string, unknown> {
  return {
    boot_source_id: selection.bootSourceId,
    id: selection.id,
    os: selection.os,
    release: selection.release,
    arches: selection.arches,
    subarches: selection.subarches,
    labels: selection.labels,
    resource_uri: `${API}boot-sources/${selection.bootSourceId}/selections/${selection.id}/`,
  };
}

function isV38(ctx: ActionContext): boolean {
  const [major, minor] = ctx.settings.version.split(".").map(Number);
  return major > 3 || (major === 3 && minor >= 8);
}

function findSource(ctx: ActionContext, id: string): SimBootSource {
  const source = ctx.state.boot.sources.find((s) => String(s.id) === id);
  if (!source) throw ReplyError.notFound("BootSource");
  return source;
}

/** MAAS's boot source form: apply the fields sent, then check the model's rules. */
function applySource(ctx: AuthContext, source: SimBootSource, creating: boolean): void {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  const data = ctx.data;
  const next = { ...source };
  const url = data.get("url");
  if (url !== undefined || creating) {
    if (!url) fail("url", "This field is required.");
    else if (!/^(https?|ftps?):\/\/[^\s/]+/.test(url)) fail("url", "Enter a valid URL.");
    else if (ctx.state.boot.sources.some((s) => s.url === url && s.id !== source.id)) {
      fail("url", "Boot source with this Url already exists.");
    } else next.url = url;
  }
  if (data.get("keyring_filename") !== undefined) {
    next.keyringFilename = data.get("keyring_filename")!;
  }
  const keyring = ctx.files.find((file) => file.field === "keyring_data");
  if (keyring) next.keyringData = keyring.bytes;
  if (data.get("name") !== undefined) next.name = data.get("name")!;
  const priority = data.get("priority");
  if (priority !== undefined && priority !== "") {
    if (!/^\s*[+-]?\d+\s*$/.test(priority)) fail("priority", "Enter a whole number.");
    else next.priority = Number(priority);
  }
  for (
    const [field, key] of [["enabled", "enabled"], [
      "skip_keyring_verification",
      "skipKeyringVerification",
    ]] as const
  ) {
    // Django's NullBooleanField: what it cannot read is "unknown", which leaves the value as it is.
    const parsed = nullBooleanField(data, field);
    if (parsed !== null) next[key] = parsed;
  }
  if (!Object.keys(errors).length && !next.skipKeyringVerification) {
    const hasData = next.keyringData.byteLength > 0;
    if (!next.keyringFilename && !hasData) {
      fail("__all__", "One of keyring_data or keyring_filename must be specified.");
    } else if (next.keyringFilename && hasData) {
      fail("__all__", "Only one of keyring_filename or keyring_data can be specified.");
    }
  }
  if (Object.keys(errors).length) throw ReplyError.invalid(errors);
  Object.assign(source, next, { updated: timestamp() });
}

/** MAAS's selection form: the release must be in the source's catalogue, and so must the rest. */
function applySelection(
  ctx: AuthContext,
  selection: SimSelection,
  creating: boolean,
): void {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  const data = ctx.data;
  const next = { ...selection };
  if (data.has("os")) next.os = data.get("os")!;
  if (data.has("release") || creating) {
    const release = data.get("release") ?? "";
    if (release === "") fail("release", "This field is required.");
    next.release = release;
  }
  for (const field of ["arches", "subarches", "labels"] as const) {
    if (!data.has(field) && !creating) continue;
    const values = data.getAll(field).flatMap((value) => value.split(",")).map((v) => v.trim())
      .filter((v) => v !== "");
    if (values.length === 0) fail(field, "This field is required.");
    next[field] = values;
  }
  if (!Object.keys(errors).length) {
    const offered = (next.os === "" || next.os === "ubuntu") &&
      CATALOGUE.ubuntu.includes(next.release);
    if (!offered) {
      fail("os", `OS ${next.os} with release ${next.release} has no available images for download`);
    } else {
      const check = (field: "arches" | "subarches" | "labels", available: string[]) => {
        const wanted = next[field];
        if (!wanted.includes("*") && !wanted.every((value) => available.includes(value))) {
          fail(field, `No available images to download for ${pyList(wanted)}`);
        }
      };
      check("arches", CATALOGUE.arches);
      check("subarches", CATALOGUE.subarches);
      check("labels", CATALOGUE.labels);
    }
  }
  const taken = ctx.state.boot.selections.some((s) =>
    s.id !== selection.id && s.bootSourceId === next.bootSourceId && s.os === next.os &&
    s.release === next.release
  );
  if (!Object.keys(errors).length && taken) {
    fail("__all__", "Boot source selection with this Boot source, Os and Release already exists.");
  }
  if (Object.keys(errors).length) throw ReplyError.invalid(errors);
  Object.assign(selection, next);
}

function findSelection(ctx: ActionContext): SimSelection {
  const source = findSource(ctx, ctx.params.boot_source_id);
  const selection = ctx.state.boot.selections.find((s) =>
    s.bootSourceId === source.id && String(s.id) === ctx.params.id
  );
  if (!selection) throw ReplyError.notFound("BootSourceSelection");
  return selection;
}

/**
 * Register `boot-resources/…` and `boot-sources/…`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerBoot } from "../boot/routes.ts";
 * registerBoot(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerBoot(table: RouteTable): void {
  table.resource({
    path: "boot-resources/",
    auth: {
      name: "BootResourcesHandler",
      doc: "The boot images MAAS holds.",
      actions: {
        "GET read": {
          doc: "List boot resources; `type` narrows to `synced` or `uploaded` ones.",
          run: (ctx) => {
            const type = ctx.query.get("type") ?? "all";
            const store = ctx.state.boot;
            const order = (a: SimBootResource, b: SimBootResource) =>
              a.name.localeCompare(b.name) || a.architecture.localeCompare(b.architecture);
            let resources: SimBootResource[];
            if (type === "all") {
              resources = [...store.resources].sort((a, b) => a.rtype - b.rtype || order(a, b));
            } else if (type === "synced" || type === "uploaded") {
              const rtype = type === "synced" ? SYNCED : UPLOADED;
              resources = store.resources.filter((r) => r.rtype === rtype).sort(order);
            } else {
              throw ReplyError.badRequest(
                `'${type}' is not a valid boot resource type. Available types: ['synced', 'uploaded']`,
              );
            }
            return json(resources.map((r) => resourceJson(r, false)));
          },
        },
        "POST create": {
          doc: "Create an uploaded image from name, architecture, sha256 and size; its content " +
            "follows in chunks to the file's upload address.",
          run: createResource,
        },
        "POST import": {
          doc: "Start importing the selected images from the boot sources.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_boot_entities");
            const store = ctx.state.boot;
            store.importing = true;
            ctx.state.schedule(ctx.settings.lifecycleMs * 50, () => store.importing = false);
            return text("Import of boot resources started");
          },
        },
        "POST stop_import": {
          doc: "Stop a running import.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_boot_entities");
            ctx.state.boot.importing = false;
            return text("Import of boot resources is being stopped");
          },
        },
        "GET is_importing": {
          doc: "Whether an import is running.",
          run: (ctx) => json(ctx.state.boot.importing),
        },
      },
    },
  });

  table.resource({
    path: "boot-resources/{id}/",
    auth: {
      name: "BootResourceHandler",
      doc: "One boot image.",
      actions: {
        "GET read": {
          doc: "Read a boot resource with its sets and files.",
          run: (ctx) => json(resourceJson(findResource(ctx, ctx.params.id), true)),
        },
        "DELETE delete": {
          doc: "Delete a boot resource.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_boot_entities");
            const resource = findResource(ctx, ctx.params.id);
            const store = ctx.state.boot;
            store.resources.splice(store.resources.indexOf(resource), 1);
            return deleted();
          },
        },
      },
    },
  });

  table.resource({
    path: "boot-resources/{resource_id}/upload/{id}/",
    auth: {
      name: "BootResourceFileUploadHandler",
      doc: "The content of an uploaded image's file, sent in chunks.",
      actions: {
        "PUT update": {
          doc: "Append a chunk (raw bytes, application/octet-stream); the last one is checked " +
            "against the announced size and SHA-256.",
          run: (ctx) => uploadChunk(ctx, ctx.body),
        },
      },
    },
  });

  table.resource({
    path: "boot-sources/",
    auth: {
      name: "BootSourcesHandler",
      doc: "Where boot images come from.",
      actions: {
        "GET read": {
          doc: "List boot sources.",
          run: (ctx) => json(ctx.state.boot.sources.map((s) => sourceJson(s, isV38(ctx)))),
        },
        "POST create": {
          doc: "Create a boot source from url and keyring_filename or a keyring_data file.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_boot_entities");
            const now = timestamp();
            const source: SimBootSource = {
              id: 0,
              url: "",
              keyringFilename: "",
              keyringData: new Uint8Array(),
              name: "",
              priority: 0,
              enabled: true,
              skipKeyringVerification: false,
              created: now,
              updated: now,
            };
            applySource(ctx, source, true);
            source.id = ctx.state.nextId("bootsource");
            ctx.state.boot.sources.push(source);
            return json(sourceJson(source, isV38(ctx)), 201);
          },
        },
      },
    },
  });

  table.resource({
    path: "boot-sources/{id}/",
    auth: {
      name: "BootSourceHandler",
      doc: "One boot source.",
      actions: {
        "GET read": {
          doc: "Read a boot source.",
          run: (ctx) => json(sourceJson(findSource(ctx, ctx.params.id), isV38(ctx))),
        },
        "PUT update": {
          doc: "Change a boot source's url, keyring, name, priority or flags.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_boot_entities");
            const source = findSource(ctx, ctx.params.id);
            applySource(ctx, source, false);
            return json(sourceJson(source, isV38(ctx)));
          },
        },
        "DELETE delete": {
          doc: "Delete a boot source and its selections.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_boot_entities");
            const source = findSource(ctx, ctx.params.id);
            const store = ctx.state.boot;
            store.sources.splice(store.sources.indexOf(source), 1);
            store.selections = store.selections.filter((s) => s.bootSourceId !== source.id);
            return deleted();
          },
        },
      },
    },
  });

  table.resource({
    path: "boot-sources/{boot_source_id}/selections/",
    auth: {
      name: "BootSourceSelectionsHandler",
      doc: "What a boot source syncs.",
      actions: {
        "GET read": {
          doc: "List the selections of a boot source.",
          run: (ctx) => {
            const source = findSource(ctx, ctx.params.boot_source_id);
            const selections = ctx.state.boot.selections.filter((s) =>
              s.bootSourceId === source.id
            );
            return json(selections.map(selectionJson));
          },
        },
        "POST create": {
          doc: "Create a selection: os, release, arches, subarches and labels.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_boot_entities");
            const source = findSource(ctx, ctx.params.boot_source_id);
            const selection: SimSelection = {
              id: 0,
              bootSourceId: source.id,
              os: "",
              release: "",
              arches: [],
              subarches: [],
              labels: [],
            };
            applySelection(ctx, selection, true);
            selection.id = ctx.state.nextId("bootsourceselection");
            ctx.state.boot.selections.push(selection);
            return json(selectionJson(selection));
          },
        },
      },
    },
  });

  table.resource({
    path: "boot-sources/{boot_source_id}/selections/{id}/",
    auth: {
      name: "BootSourceSelectionHandler",
      doc: "One selection of a boot source.",
      actions: {
        "GET read": {
          doc: "Read a selection.",
          run: (ctx) => json(selectionJson(findSelection(ctx))),
        },
        "PUT update": {
          doc: "Change a selection's os, release, arches, subarches or labels.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_boot_entities");
            const selection = findSelection(ctx);
            applySelection(ctx, selection, false);
            return json(selectionJson(selection));
          },
        },
        "DELETE delete": {
          doc: "Delete a selection.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_boot_entities");
            const selection = findSelection(ctx);
            const store = ctx.state.boot;
            store.selections = store.selections.filter((s) => s !== selection);
            return deleted();
          },
        },
      },
    },
  });
}
