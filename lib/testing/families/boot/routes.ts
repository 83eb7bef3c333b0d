/**
 * Boot images: `boot-resources/` (seeded Ubuntu images, import state, custom image uploads — in
 * the create request itself where the line reads `content`, else in chunks to the file's upload
 * address, checked against the announced size and SHA-256) and `boot-sources/` with their
 * selections.
 *
 * @module
 */

import { createHash } from "node:crypto";
import {
  booleanField,
  type Fields,
  FormErrors,
  integerField,
  nullBooleanField,
  REQUIRED,
} from "../../maas_forms.ts";
import { deleted, HTML_TYPE, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { ActionContext, AuthContext, RouteTable } from "../../routes.ts";
import {
  type BootSection,
  type SimBootFile,
  type SimBootResource,
  type SimBootSet,
  type SimBootSource,
  type SimSelection,
  SYNCED,
  timestamp,
  UPLOADED,
} from "./model.ts";
import { bootResourceJson, bootSourceJson, hasCustomImages, selectionJson } from "./render.ts";

/** What images.maas.io offers, the catalogue every simulated source mirrors. */
const CATALOGUE = {
  ubuntu: ["focal", "jammy", "noble"],
  arches: ["amd64", "arm64", "ppc64el", "s390x"],
  subarches: ["generic", "ga-20.04", "hwe-20.04", "ga-22.04", "hwe-22.04", "ga-24.04", "hwe-24.04"],
  labels: ["stable", "candidate"],
};

/** Operating systems MAAS has drivers for; their names cannot be taken by uploads. */
const OPERATING_SYSTEMS = ["centos", "custom", "esxi", "ol", "rhel", "suse", "ubuntu", "windows"];
const LINUX = ["centos", "ol", "rhel", "suse", "ubuntu"];

/** The upload form's file types, with MAAS's file type and file name for each. */
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

function canEditBoot(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_boot_entities");
}

function findResource(ctx: ActionContext, id: string): SimBootResource {
  const resource = /^\d+$/.test(id) ? ctx.state.boot.resource(Number(id)) : undefined;
  if (!resource) throw ReplyError.notFound("BootResource");
  return resource;
}

function findSource(ctx: ActionContext, id: string): SimBootSource {
  const source = /^\d+$/.test(id) ? ctx.state.boot.source(Number(id)) : undefined;
  if (!source) throw ReplyError.notFound("BootSource");
  return source;
}

function findSelection(ctx: ActionContext): SimSelection {
  const source = findSource(ctx, ctx.params.boot_source_id);
  const selection = ctx.state.boot.selectionsOf(source.id).find((each) =>
    String(each.id) === ctx.params.id
  );
  if (!selection) throw ReplyError.notFound("BootSourceSelection");
  return selection;
}

/** Architectures images exist for, as the upload form offers them. */
function usableArchitectures(boot: BootSection): string[] {
  const arches = new Set<string>();
  for (const resource of boot.resources) {
    if (resource.rtype !== SYNCED || !resource.name.startsWith("ubuntu/")) continue;
    arches.add(resource.architecture);
    arches.add(`${resource.architecture.split("/")[0]}/generic`);
  }
  return [...arches].sort();
}

function pyList(values: readonly string[]): string {
  return `[${values.map((value) => `'${value}'`).join(", ")}]`;
}

/** The content of an upload in the create request itself (`content`, where the line reads it). */
function uploadedContent(ctx: AuthContext): Uint8Array | null {
  const part = ctx.files.find((file) => file.field === "content");
  if (part) return part.bytes;
  const given = ctx.data.get("content");
  return given === undefined ? null : new TextEncoder().encode(given);
}

/**
 * `BootResourceForm` (with `content`) and `BootResourceNoContentForm` (with `sha256` and `size`),
 * field by field.
 */
function uploadForm(data: Fields, boot: BootSection, withContent: boolean): FormErrors {
  const errors = new FormErrors();
  const name = data.get("name") ?? "";
  if (name === "") {
    errors.add("name", REQUIRED);
  } else {
    const reserved = new Set(OPERATING_SYSTEMS);
    for (const release of CATALOGUE.ubuntu) {
      reserved.add(`ubuntu/${release}`);
      reserved.add(release);
    }
    if (name.includes("/") && !OPERATING_SYSTEMS.includes(name.split("/")[0])) {
      errors.add(
        "name",
        `Unsupport operating system ${name.split("/")[0]}, supported operating systems: ${
          pyList(OPERATING_SYSTEMS)
        }`,
      );
    } else if (reserved.has(name) || /^centos\d\d?$/.test(name)) {
      errors.add("name", `${name} is a reserved name`);
    }
  }
  const architecture = data.get("architecture") ?? "";
  const arches = usableArchitectures(boot);
  if (architecture === "") {
    errors.add("architecture", REQUIRED);
  } else if (!arches.includes(architecture)) {
    errors.add(
      "architecture",
      `'${architecture}' is not a valid architecture.  It should be one of: ${
        arches.map((arch) => `'${arch}'`).join(", ")
      }.`,
    );
  }
  const filetype = data.get("filetype") || "tgz";
  if (!(filetype in UPLOAD_TYPES)) {
    errors.add(
      "filetype",
      `Select a valid choice. ${filetype} is not one of the available choices.`,
    );
  }
  if (!withContent) {
    const sha256 = data.get("sha256") ?? "";
    if (sha256 === "") errors.add("sha256", REQUIRED);
    else if (sha256.length < 64) {
      errors.add(
        "sha256",
        `Ensure this value has at least 64 characters (it has ${sha256.length}).`,
      );
    } else if (sha256.length > 64) {
      errors.add(
        "sha256",
        `Ensure this value has at most 64 characters (it has ${sha256.length}).`,
      );
    }
    integerField(data, "size", errors, { required: true });
  }
  const baseImage = data.get("base_image") ?? "";
  const custom = !name.includes("/") || name.split("/")[0] === "custom";
  if (custom && baseImage !== "") {
    const [os, release, extra] = baseImage.toLowerCase().split("/");
    if (release === undefined || extra !== undefined) {
      errors.add("base_image", "a base image must follow the format: <osystem>/<series>");
    } else if (!LINUX.includes(os)) {
      errors.add("base_image", "custom images require a valid non-custom OS type base image");
    } else if (os !== "ubuntu" || !CATALOGUE.ubuntu.includes(release)) {
      errors.add("base_image", "please select a valid base image OS and version");
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
  canEditBoot(ctx);
  const boot = ctx.state.boot;
  const data = ctx.data;
  const content = uploadedContent(ctx);
  uploadForm(data, boot, content !== null).throwIfAny();
  const name = data.get("name")!;
  const architecture = data.get("architecture")!;
  const sha256 = content === null
    ? data.get("sha256")!.toLowerCase()
    : createHash("sha256").update(content).digest("hex");
  const size = content === null ? Number(data.get("size")!.trim()) : content.byteLength;
  const [filetype, filename] = UPLOAD_TYPES[data.get("filetype") || "tgz"];
  const everyFile = boot.files();
  if (everyFile.some((file) => file.sha256 === sha256 && file.size !== size)) {
    throw ReplyError.badRequest("File already exists with sha256 that is of different size.");
  }
  let resource = boot.resources.find((each) =>
    each.rtype === UPLOADED && each.name === name && each.architecture === architecture
  );
  if (!resource) {
    resource = {
      id: boot.nextId("bootresource"),
      rtype: UPLOADED,
      name,
      architecture,
      extra: {},
      baseImage: "",
      sets: [],
    };
    boot.resources.push(resource);
  }
  resource.extra = { subarches: architecture.split("/")[1], title: data.get("title") ?? "" };
  if (!resource.baseImage && hasCustomImages(ctx.line)) {
    const custom = !name.includes("/") || name.split("/")[0] === "custom";
    resource.baseImage = custom ? (data.get("base_image")?.toLowerCase() || "ubuntu/noble") : "";
  }
  // Content MAAS already holds complete is not asked for again; content sent along is stored.
  const stored = content !== null ||
    everyFile.some((file) => file.sha256 === sha256 && file.complete);
  const set: SimBootSet = {
    id: boot.nextId("bootresourceset"),
    version: nextVersion(resource),
    label: "uploaded",
    files: [{
      id: boot.nextId("bootresourcefile"),
      filename,
      filetype,
      sha256,
      size,
      received: stored ? size : 0,
      hash: null,
      complete: stored,
    }],
  };
  // Without keep_old, older versions of an uploaded image are dropped.
  const keepOld = booleanField(data, "keep_old");
  resource.sets = keepOld ? [...resource.sets, set] : [set];
  return json(bootResourceJson(ctx.line, resource, true), 201);
}

function uploadChunk(ctx: AuthContext): Reply {
  canEditBoot(ctx);
  const body = ctx.body;
  const resource = findResource(ctx, ctx.params.resource_id);
  const file: SimBootFile | undefined = resource.sets.flatMap((set) => set.files)
    .find((each) => String(each.id) === ctx.params.id);
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

/** `BootSourceForm`: apply the fields sent, then check the model's rules. */
function applySource(ctx: AuthContext, source: SimBootSource, creating: boolean): void {
  const errors = new FormErrors();
  const data = ctx.data;
  const next = { ...source };
  const url = data.get("url");
  if (url !== undefined || creating) {
    if (!url) errors.add("url", REQUIRED);
    else if (!/^(https?|ftps?):\/\/[^\s/]+/.test(url)) errors.add("url", "Enter a valid URL.");
    else if (ctx.state.boot.sources.some((each) => each.url === url && each.id !== source.id)) {
      errors.add("url", "Boot source with this Url already exists.");
    } else next.url = url;
  }
  if (data.has("keyring_filename")) next.keyringFilename = data.get("keyring_filename")!;
  const keyring = ctx.files.find((file) => file.field === "keyring_data");
  if (keyring) next.keyringData = keyring.bytes;
  if (data.has("name")) next.name = data.get("name")!;
  if (data.has("priority") && data.get("priority") !== "") {
    const priority = integerField(data, "priority", errors);
    if (priority !== null) next.priority = priority;
  }
  // Django's NullBooleanField: what it cannot read is "unknown", which leaves the value as it is.
  next.enabled = nullBooleanField(data, "enabled") ?? next.enabled;
  next.skipKeyringVerification = nullBooleanField(data, "skip_keyring_verification") ??
    next.skipKeyringVerification;
  if (errors.count === 0 && !next.skipKeyringVerification) {
    const hasData = next.keyringData.byteLength > 0;
    if (!next.keyringFilename && !hasData) {
      errors.add("__all__", "One of keyring_data or keyring_filename must be specified.");
    } else if (next.keyringFilename && hasData) {
      errors.add("__all__", "Only one of keyring_filename or keyring_data can be specified.");
    }
  }
  errors.throwIfAny();
  Object.assign(source, next, { updated: timestamp() });
}

/** `BootSourceSelectionForm`: the release must be in the source's catalogue, and the rest too. */
function applySelection(ctx: AuthContext, selection: SimSelection, creating: boolean): void {
  const errors = new FormErrors();
  const data = ctx.data;
  const next = { ...selection };
  if (data.has("os")) next.os = data.get("os")!;
  if (data.has("release") || creating) {
    const release = data.get("release") ?? "";
    if (release === "") errors.add("release", REQUIRED);
    next.release = release;
  }
  for (const field of ["arches", "subarches", "labels"] as const) {
    if (!data.has(field) && !creating) continue;
    const values = data.getAll(field).flatMap((value) => value.split(",")).map((v) => v.trim())
      .filter((v) => v !== "");
    if (values.length === 0) errors.add(field, REQUIRED);
    next[field] = values;
  }
  if (errors.count === 0) {
    const offered = (next.os === "" || next.os === "ubuntu") &&
      CATALOGUE.ubuntu.includes(next.release);
    if (!offered) {
      errors.add(
        "os",
        `OS ${next.os} with release ${next.release} has no available images for download`,
      );
    } else {
      const check = (field: "arches" | "subarches" | "labels", available: string[]) => {
        const wanted = next[field];
        if (!wanted.includes("*") && !wanted.every((value) => available.includes(value))) {
          errors.add(field, `No available images to download for ${pyList(wanted)}`);
        }
      };
      check("arches", CATALOGUE.arches);
      check("subarches", CATALOGUE.subarches);
      check("labels", CATALOGUE.labels);
    }
  }
  const taken = ctx.state.boot.selectionsOf(next.bootSourceId).some((each) =>
    each.id !== selection.id && each.os === next.os && each.release === next.release
  );
  if (errors.count === 0 && taken) {
    errors.add(
      "__all__",
      "Boot source selection with this Boot source, Os and Release already exists.",
    );
  }
  errors.throwIfAny();
  Object.assign(selection, next);
}

const SOURCE_PARAMS = ":param url: Required. The simplestreams address images are synced from.\n" +
  ":param name: Optional. A name for the source.\n" +
  ":param keyring_filename: Optional. Path on the region of the GPG keyring that signs the " +
  "images.\n" +
  ":param keyring_data: Optional. The GPG keyring itself, as a file part.\n:type keyring_data: " +
  "Content\n" +
  ":param priority: Optional. Sources with a higher priority are used first.\n" +
  ":type priority: Int\n" +
  ":param enabled: Optional. Whether images are synced from the source.\n" +
  ":param skip_keyring_verification: Optional. Do not check the images' signatures.";

const SELECTION_PARAMS = ":param os: Required. The operating system, such as `ubuntu`.\n" +
  ":param release: Required. The release, such as `noble`.\n" +
  ":param arches: Optional. An architecture to sync, `*` for all; repeat for several.\n" +
  ":param subarches: Optional. A subarchitecture to sync, `*` for all; repeat for several.\n" +
  ":param labels: Optional. A label to sync (`stable`, `candidate`), `*` for all; repeat for " +
  "several.";

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
          doc: "List boot resources, without their sets.\n\n" +
            ":param type: Optional. Only `synced` or only `uploaded` resources (default: all).",
          run: (ctx) => {
            const type = ctx.query.get("type") ?? "all";
            const boot = ctx.state.boot;
            const order = (a: SimBootResource, b: SimBootResource) =>
              a.name.localeCompare(b.name) || a.architecture.localeCompare(b.architecture);
            let resources: SimBootResource[];
            if (type === "all") {
              resources = [...boot.resources].sort((a, b) => a.rtype - b.rtype || order(a, b));
            } else if (type === "synced" || type === "uploaded") {
              const rtype = type === "synced" ? SYNCED : UPLOADED;
              resources = boot.resources.filter((each) => each.rtype === rtype).sort(order);
            } else {
              throw ReplyError.badRequest(
                `'${type}' is not a valid boot resource type. Available types: ['synced', 'uploaded']`,
              );
            }
            return json(resources.map((each) => bootResourceJson(ctx.line, each, false)));
          },
        },
        "POST create": {
          doc: "Upload a custom image (administrators only): with its whole `content` where " +
            "the line takes it, else announced by `sha256` and `size` and sent in chunks to " +
            "the upload address of its file.\n\n" +
            ":param name: Required. The image's name: `custom/NAME`, or an `os/release` MAAS " +
            "does not sync.\n" +
            ":param architecture: Required. The architecture, as arch/subarch " +
            "(`amd64/generic`).\n" +
            ":param sha256: Required. The SHA-256 of the content, in hexadecimal (when the " +
            "content is sent in chunks).\n" +
            ":param size: Required. The content's size in bytes (when it is sent in chunks).\n" +
            ":type size: Int\n" +
            ":param title: Optional. The title shown for the image.\n" +
            ":param filetype: Optional. The content's type: tgz (the default), tbz, txz, or " +
            "ddtgz, ddtbz, ddtxz, ddtar, ddbz2, ddgz, ddxz, ddraw for disk images.\n" +
            ":param base_image: Optional. The release a custom image builds on, such as " +
            "`ubuntu/noble`.\n" +
            ":param keep_old: Optional. Keep the image's older versions.\n:type keep_old: Boolean\n" +
            ":param content: Optional. The whole image, as a file part.",
          run: createResource,
        },
        "POST import": {
          doc: "Start importing the selected images from the boot sources (administrators only).",
          run: (ctx) => {
            canEditBoot(ctx);
            const boot = ctx.state.boot;
            boot.importing = true;
            ctx.state.schedule(ctx.settings.lifecycleMs * 50, () => boot.importing = false);
            return text("Import of boot resources started");
          },
        },
        "POST stop_import": {
          doc: "Stop a running import (administrators only).",
          run: (ctx) => {
            canEditBoot(ctx);
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
          run: (ctx) => json(bootResourceJson(ctx.line, findResource(ctx, ctx.params.id), true)),
        },
        "DELETE delete": {
          doc: "Delete a boot resource (administrators only).",
          run: (ctx) => {
            canEditBoot(ctx);
            const resource = findResource(ctx, ctx.params.id);
            const boot = ctx.state.boot;
            boot.resources = boot.resources.filter((each) => each !== resource);
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
          doc: "Append a chunk (raw bytes, application/octet-stream; administrators only); " +
            "the last one is checked against the announced size and SHA-256.",
          run: uploadChunk,
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
          run: (ctx) => json(ctx.state.boot.sources.map((each) => bootSourceJson(ctx.line, each))),
        },
        "POST create": {
          doc: "Create a boot source (administrators only), with a keyring file or the " +
            "keyring's bytes.\n\n" + SOURCE_PARAMS,
          run: (ctx) => {
            canEditBoot(ctx);
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
            source.id = ctx.state.boot.nextId("bootsource");
            ctx.state.boot.sources.push(source);
            return json(bootSourceJson(ctx.line, source), 201);
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
          run: (ctx) => json(bootSourceJson(ctx.line, findSource(ctx, ctx.params.id))),
        },
        "PUT update": {
          doc: "Change a boot source (administrators only); what is left out stays as it " +
            "is.\n\n" + SOURCE_PARAMS.replace(":param url: Required.", ":param url: Optional."),
          run: (ctx) => {
            canEditBoot(ctx);
            const source = findSource(ctx, ctx.params.id);
            applySource(ctx, source, false);
            return json(bootSourceJson(ctx.line, source));
          },
        },
        "DELETE delete": {
          doc: "Delete a boot source and its selections (administrators only).",
          run: (ctx) => {
            canEditBoot(ctx);
            ctx.state.boot.deleteSource(findSource(ctx, ctx.params.id).id);
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
            return json(
              ctx.state.boot.selectionsOf(source.id).map((each) => selectionJson(ctx.line, each)),
            );
          },
        },
        "POST create": {
          doc: "Create a selection: a release of an OS, for some architectures, " +
            "subarchitectures and labels (administrators only).\n\n" + SELECTION_PARAMS,
          run: (ctx) => {
            canEditBoot(ctx);
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
            selection.id = ctx.state.boot.nextId("bootsourceselection");
            ctx.state.boot.selections.push(selection);
            return json(selectionJson(ctx.line, selection));
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
          run: (ctx) => json(selectionJson(ctx.line, findSelection(ctx))),
        },
        "PUT update": {
          doc: "Change a selection (administrators only); what is left out stays as it is.\n\n" +
            SELECTION_PARAMS.replaceAll("Required.", "Optional."),
          run: (ctx) => {
            canEditBoot(ctx);
            const selection = findSelection(ctx);
            applySelection(ctx, selection, false);
            return json(selectionJson(ctx.line, selection));
          },
        },
        "DELETE delete": {
          doc: "Delete a selection (administrators only).",
          run: (ctx) => {
            canEditBoot(ctx);
            const selection = findSelection(ctx);
            const boot = ctx.state.boot;
            boot.selections = boot.selections.filter((each) => each !== selection);
            return deleted();
          },
        },
      },
    },
  });
}
