/**
 * Boot resources: the boot images MAAS holds (synced from boot sources or uploaded by users),
 * keyed by id, the import from the boot sources, and the upload of custom images — announced by
 * size and SHA-256, then sent in chunks that the server checks.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function uploaded(client: Client): Promise<string[]> {
 *   return (await client.bootResources.list({ type: "uploaded" })).map(String);
 * }
 * ```
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import { type CallOptions, defineObject, MaasObject, Namespace, type WireData } from "./base.ts";
import { checkParams, invoke, listOf, oneOf, requestOptions } from "./engine.ts";
import { type ImageContent, imageSource } from "./image_content.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";
import { describe } from "./wire.ts";

export type { ImageContent };

/** One file of a boot resource set. */
export interface BootResourceFile {
  /** File name within the set, such as `root.tgz` or `boot-kernel`. */
  readonly filename: string;
  /** MAAS's file type, such as `root-tgz`, `root-dd`, `squashfs`, `boot-kernel`. */
  readonly filetype: string;
  /** SHA-256 of the content, hexadecimal. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly size: number;
  /** Whether the whole content is stored. */
  readonly complete: boolean;
  /** Percentage stored so far, sent while incomplete. */
  readonly progress: number | undefined;
  /** Where the content of an incomplete uploaded file is sent (an absolute API path). */
  readonly uploadUri: string | undefined;
}

/** One version of a boot resource with its files. */
export interface BootResourceSet {
  /** Version name, such as `20240601` (the key of the set). */
  readonly version: string;
  /** Label, such as `stable` or `uploaded`. */
  readonly label: string;
  /** Total size of the files, in bytes. */
  readonly size: number;
  /** Whether every file is stored. */
  readonly complete: boolean;
  /** Percentage stored so far, sent while incomplete. */
  readonly progress: number | undefined;
  /** The files, by file name. */
  readonly files: Readonly<Record<string, BootResourceFile>>;
}

/** The kinds of boot resources MAAS lists: `Synced` (from a boot source) or `Uploaded`. */
export type BootResourceKind = "Synced" | "Uploaded";

/** The filter of {@linkcode BootResources.list}. */
export type BootResourceTypeFilter = "all" | "synced" | "uploaded";

/**
 * File types an uploaded image may have: root tarballs (`tgz`, `tbz`, `txz`) or disk images
 * (`dd…`).
 */
export type BootImageFiletype =
  | "tgz"
  | "tbz"
  | "txz"
  | "ddtgz"
  | "ddtbz"
  | "ddtxz"
  | "ddtar"
  | "ddbz2"
  | "ddgz"
  | "ddxz"
  | "ddraw";

const FILETYPES: readonly BootImageFiletype[] = [
  "tgz",
  "tbz",
  "txz",
  "ddtgz",
  "ddtbz",
  "ddtxz",
  "ddtar",
  "ddbz2",
  "ddgz",
  "ddxz",
  "ddraw",
];

/** Options of {@linkcode BootResources.list}. */
export interface ListBootResourcesOptions extends ExtraParams {
  /** Which resources: `synced`, `uploaded`, or `all` (the default). */
  type?: BootResourceTypeFilter;
}

/** What `POST boot-resources/` takes: a custom image, announced or sent whole. */
export interface CreateBootResourceOptions extends ExtraParams {
  /** The image's name: `custom/NAME`, or a plain name (an `os/release` MAAS syncs is refused). */
  name: string;
  /** `arch/subarch`, such as `amd64/generic`. */
  architecture: string;
  /**
   * SHA-256 of the content, in hexadecimal: with `size`, it announces content sent afterwards in
   * chunks ({@linkcode BootResource.uploadChunk}).
   */
  sha256?: string;
  /** Size of the content in bytes, announced with `sha256`. */
  size?: number;
  /** Title shown for the image. */
  title?: string;
  /** File type of the content (MAAS's default: `tgz`). */
  filetype?: BootImageFiletype;
  /** The release a custom image builds on, such as `ubuntu/jammy` (MAAS 3.7 and later). */
  baseImage?: string;
  /** Keep the image's older versions rather than replacing them. */
  keepOld?: boolean;
  /**
   * The whole image in the request itself, instead of `sha256` and `size` (MAAS up to 3.7;
   * {@linkcode BootResources.upload} sends any size in chunks, on every line).
   */
  content?: Uint8Array | Blob | string;
}

/** What {@linkcode BootResources.upload} takes: the image's content and what describes it. */
export interface UploadBootResourceOptions extends ExtraParams {
  /** The image's name: `custom/NAME`, or a plain name (an `os/release` MAAS syncs is refused). */
  name: string;
  /** `arch/subarch`, such as `amd64/generic`. */
  architecture: string;
  /**
   * The content. A Uint8Array or Blob is read twice (to hash, then to send); a function returning
   * a fresh stream is called twice for the same reason; a single stream is read once, so it needs
   * `size` and `sha256`.
   */
  content: ImageContent;
  /** Title shown for the image. */
  title?: string;
  /** File type of the content (default `tgz`). */
  filetype?: BootImageFiletype;
  /** Size in bytes; needed for streams, checked against bytes and Blobs. */
  size?: number;
  /** SHA-256 of the content in hexadecimal; computed when not given. */
  sha256?: string;
  /** The release a custom image builds on, such as `ubuntu/jammy` (MAAS 3.7 and later). */
  baseImage?: string;
  /** Keep the image's older versions rather than replacing them. */
  keepOld?: boolean;
}

/** The request options of {@linkcode BootResources.upload}, which makes several requests. */
export interface UploadOptions extends CallOptions {
  /** Bytes per PUT (default 4 MiB). */
  chunkSize?: number;
  /** Called after each chunk the server accepted with the bytes sent so far and the total. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
const UP_TO_3_7 = ["2.9", "3.0", "3.7"] as const;
const FROM_3_7 = ["3.7", "3.8", "master"] as const;

/** The boot resources family: `boot-resources/` and `boot-resources/{id}/`. */
export const BOOT_RESOURCES = family({
  name: "bootResources",
  handlers: {
    BootResourcesHandler: "boot-resources/",
    BootResourceHandler: "boot-resources/{id}/",
    // Named `{id}/upload/{file_id}` up to 3.7; the client sends to the address MAAS gives.
    BootResourceFileUploadHandler: "boot-resources/{resource_id}/upload/{id}/",
  },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    type: { wire: "type", kind: "string" },
    name: { wire: "name", kind: "string" },
    architecture: { wire: "architecture", kind: "string" },
    subarches: { wire: "subarches", kind: "string" },
    title: { wire: "title", kind: "string" },
    lastDeployed: { wire: "last_deployed", kind: "string" },
    baseImage: { wire: "base_image", kind: "string" },
  },
  ops: {
    list: op<ListBootResourcesOptions>({
      handler: "BootResourcesHandler",
      method: "GET",
      typed: ["client.bootResources.list()"],
      params: { type: { wire: "type", kind: "string", values: ["all", "synced", "uploaded"] } },
    }),
    create: op<CreateBootResourceOptions>({
      handler: "BootResourcesHandler",
      method: "POST",
      typed: ["client.bootResources.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        architecture: { wire: "architecture", kind: "string", required: true },
        sha256: { wire: "sha256", kind: "string" },
        size: { wire: "size", kind: "integer" },
        title: { wire: "title", kind: "string" },
        filetype: { wire: "filetype", kind: "string", values: FILETYPES },
        baseImage: { wire: "base_image", kind: "string", lines: FROM_3_7 },
        keepOld: { wire: "keep_old", kind: "boolean" },
        content: { wire: "content", kind: "file", lines: UP_TO_3_7 },
      },
    }),
    import: op({
      handler: "BootResourcesHandler",
      method: "POST",
      op: "import",
      typed: ["client.bootResources.import()"],
    }),
    stopImport: op({
      handler: "BootResourcesHandler",
      method: "POST",
      op: "stop_import",
      typed: ["client.bootResources.stopImport()"],
    }),
    isImporting: op({
      handler: "BootResourcesHandler",
      method: "GET",
      op: "is_importing",
      typed: ["client.bootResources.isImporting()"],
    }),
    read: op({
      handler: "BootResourceHandler",
      method: "GET",
      typed: ["client.bootResources.get()", "bootResource.refresh()"],
    }),
    delete: op({
      handler: "BootResourceHandler",
      method: "DELETE",
      typed: ["client.bootResources.delete()", "bootResource.delete()"],
    }),
    // MAAS reads the raw body of this request, no parameters.
    uploadChunk: op({
      handler: "BootResourceFileUploadHandler",
      method: "PUT",
      typed: ["bootResource.uploadChunk()"],
    }),
  },
});

/**
 * A boot resource: an image for one OS release and architecture. A listing carries no sets; a
 * resource read by id (or just created) carries them.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function files(client: Client, id: number): Promise<string[]> {
 *   const resource = await client.bootResources.get(id);
 *   return Object.values(resource.sets).flatMap((set) => Object.keys(set.files));
 * }
 * ```
 */
export class BootResource extends MaasObject {
  /** Resource id. */
  declare readonly id: number;
  /** `Synced` or `Uploaded`. */
  declare readonly type: BootResourceKind;
  /** `os/release` (such as `ubuntu/noble`) or the custom image's name. */
  declare readonly name: string;
  /** `arch/subarch`, such as `amd64/ga-24.04`. */
  declare readonly architecture: string;
  /** The subarchitectures the image supports, comma-separated (sent by most resources). */
  declare readonly subarches: string | undefined;
  /** Title of an uploaded image. */
  declare readonly title: string | undefined;
  /** When the image was last deployed, or null (MAAS 3.7 and later). */
  declare readonly lastDeployed: string | null | undefined;
  /** The release a custom image builds on (`ubuntu/jammy`), for custom images. */
  declare readonly baseImage: string | undefined;

  /** `boot-resources/{id}/`. */
  get resourcePath(): string {
    return pathOf(BOOT_RESOURCES.ops.read.path, this.data);
  }

  /** The versions of the resource by version name; empty for a resource from a listing. */
  get sets(): Readonly<Record<string, BootResourceSet>> {
    const sets = this.get("sets");
    const result: Record<string, BootResourceSet> = {};
    if (!sets || typeof sets !== "object") return result;
    for (const [version, set] of Object.entries(sets as WireData)) {
      result[version] = toSet(version, set as WireData);
    }
    return result;
  }

  /** Whether every file of the newest set is stored (false for a resource from a listing). */
  get complete(): boolean {
    const versions = Object.keys(this.sets).sort();
    return versions.length > 0 && this.sets[versions[versions.length - 1]].complete === true;
  }

  /**
   * Sends one chunk of content (raw bytes) to the upload address of the resource's incomplete
   * file, as announced by {@linkcode BootResources.create} with `sha256` and `size`. Chunks go in
   * order; once the last is in, the server checks the size and SHA-256 (a mismatch is a
   * `BadRequestError`, and the upload starts again from nothing). MAAS reads the raw body here,
   * no parameters.
   */
  async uploadChunk(chunk: Uint8Array | Blob, options?: CallOptions): Promise<void> {
    const call = requestOptions(options, "bootResource.uploadChunk()");
    if (!(chunk instanceof Uint8Array) && !(chunk instanceof Blob)) {
      throw new ParameterError(
        `bootResource.uploadChunk() takes the chunk as a Uint8Array or Blob, got ${
          describe(chunk)
        }`,
      );
    }
    await this.client.call("PUT", this.#uploadPath(), {
      body: chunk,
      signal: call?.signal,
      timeout: call?.timeout,
      retries: call?.retries,
    });
  }

  /** The upload address of the newest incomplete file, relative to the API root. */
  #uploadPath(): string {
    for (const set of Object.values(this.sets)) {
      for (const file of Object.values(set.files)) {
        if (file.complete) continue;
        if (typeof file.uploadUri !== "string") {
          throw new ProtocolError(
            `Boot resource ${this.data.id}: the file ${file.filename} is incomplete but has no ` +
              "upload_uri",
          );
        }
        return apiRelative(file.uploadUri, this.client.apiUrl);
      }
    }
    throw new ParameterError(
      `Boot resource ${this.data.id} has no incomplete file to upload to (read it by id for its ` +
        "sets, or announce new content with create())",
    );
  }

  /** `BootResource 7 ubuntu/noble amd64/ga-24.04 (Synced)`. */
  toString(): string {
    return `BootResource ${this.data.id} ${this.data.name} ${this.data.architecture} (${this.data.type})`;
  }
}
defineObject(BootResource, BOOT_RESOURCES.fields, {
  read: BOOT_RESOURCES.ops.read,
  delete: BOOT_RESOURCES.ops.delete,
});

function toSet(version: string, set: WireData): BootResourceSet {
  const files: Record<string, BootResourceFile> = {};
  const wireFiles = set?.files;
  if (wireFiles && typeof wireFiles === "object") {
    for (const [name, file] of Object.entries(wireFiles as WireData)) {
      const f = file as WireData;
      files[name] = {
        filename: String(f.filename ?? name),
        filetype: f.filetype as string,
        sha256: f.sha256 as string,
        size: f.size as number,
        complete: f.complete as boolean,
        progress: f.progress as number | undefined,
        uploadUri: f.upload_uri as string | undefined,
      };
    }
  }
  return {
    version: String(set?.version ?? version),
    label: set?.label as string,
    size: set?.size as number,
    complete: set?.complete as boolean,
    progress: set?.progress as number | undefined,
    files,
  };
}

/** An absolute API path (`/MAAS/api/2.0/boot-resources/7/upload/18/`) relative to the API root. */
function apiRelative(uri: string, apiUrl: string): string {
  const path = new URL(uri, apiUrl).pathname;
  const root = new URL(apiUrl).pathname;
  if (path.startsWith(root)) return path.slice(root.length);
  const match = /\/api\/\d+\.\d+\/(.*)$/.exec(path);
  if (!match) throw new ProtocolError(`Not an API address: ${uri}`);
  return match[1];
}

/**
 * `client.bootResources`: the boot images. List, read, delete, start and stop the import from
 * the boot sources, and upload custom images (in chunks with their SHA-256 checked by the server).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function uploadImage(client: Client, image: Blob) {
 *   return await client.bootResources.upload(
 *     { name: "custom/golden", architecture: "amd64/generic", filetype: "ddraw", content: image },
 *     { onProgress: (sent, total) => console.log(`${Math.round((100 * sent) / total)}%`) },
 *   );
 * }
 * ```
 */
export class BootResources extends Namespace {
  /** Boot resources, without their sets; `type` narrows to synced or uploaded ones. */
  async list(params?: ListBootResourcesOptions, options?: CallOptions): Promise<BootResource[]> {
    return await listOf(this.context, BOOT_RESOURCES.ops.list, BootResource, "boot resources", {
      params,
      call: options,
    });
  }

  /** One boot resource by id, with its sets and files. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<BootResource> {
    return await oneOf(this.context, BOOT_RESOURCES.ops.read, BootResource, "a boot resource", {
      path: { id },
      params,
      call: options,
    });
  }

  /** Deletes a boot resource by id (administrators only). */
  async delete(id: number, params?: ExtraParams, options?: CallOptions): Promise<void> {
    await invoke(this.context, BOOT_RESOURCES.ops.delete, { path: { id }, params, call: options });
  }

  /** Starts importing the selected images from the boot sources (administrators only). */
  async import(params?: ExtraParams, options?: CallOptions): Promise<void> {
    await invoke(this.context, BOOT_RESOURCES.ops.import, { params, call: options });
  }

  /** Stops a running import (administrators only). */
  async stopImport(params?: ExtraParams, options?: CallOptions): Promise<void> {
    await invoke(this.context, BOOT_RESOURCES.ops.stopImport, { params, call: options });
  }

  /** Whether an import is running. */
  async isImporting(params?: ExtraParams, options?: CallOptions): Promise<boolean> {
    const answer = await invoke(this.context, BOOT_RESOURCES.ops.isImporting, {
      params,
      call: options,
    });
    if (typeof answer !== "boolean") {
      throw new ProtocolError(`Expected true or false from is_importing, got ${describe(answer)}`);
    }
    return answer;
  }

  /**
   * Creates an uploaded boot resource (administrators only), as `POST boot-resources/` does: with
   * `sha256` and `size`, its content is then sent in chunks ({@linkcode BootResource.uploadChunk});
   * with `content` (MAAS up to 3.7), the whole image goes in this request. Content MAAS already
   * holds (same SHA-256) is complete at once. {@linkcode BootResources.upload} does it all.
   */
  async create(params: CreateBootResourceOptions, options?: CallOptions): Promise<BootResource> {
    return await oneOf(this.context, BOOT_RESOURCES.ops.create, BootResource, "a boot resource", {
      params,
      call: options,
    });
  }

  /**
   * Uploads a custom image on any MAAS line: hashes the content (unless `sha256` is given),
   * announces it with {@linkcode BootResources.create}, sends it in chunks
   * ({@linkcode BootResource.uploadChunk}) and returns the resource as stored, read again. The
   * server checks the size and SHA-256 once the last chunk is in: a mismatch is a
   * `BadRequestError`. Content MAAS already holds is not sent again.
   */
  async upload(params: UploadBootResourceOptions, options?: UploadOptions): Promise<BootResource> {
    const given = (params ?? {}) as UploadBootResourceOptions;
    if (typeof given !== "object" || Array.isArray(given)) {
      throw new ParameterError(
        `client.bootResources.upload() takes its options as an object, got ${describe(params)}`,
      );
    }
    const { content, size, sha256, ...rest } = given;
    const { chunkSize, onProgress, ...call } = (options ?? {}) as UploadOptions;
    const chunk = chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isSafeInteger(chunk) || chunk < 1) {
      throw new ParameterError(`Option "chunkSize" must be a whole number of bytes, one or more`);
    }
    if (onProgress !== undefined && typeof onProgress !== "function") {
      throw new ParameterError(`Option "onProgress" must be a function`);
    }
    requestOptions(call, "client.bootResources.upload()");
    // Everything is checked before the content is read: hashing an image can take minutes.
    checkParams(BOOT_RESOURCES.ops.create, rest);
    if (typeof rest.architecture === "string" && !rest.architecture.includes("/")) {
      throw new ParameterError(
        `Parameter "architecture" must be arch/subarch, such as amd64/generic, got ${
          JSON.stringify(rest.architecture)
        }`,
      );
    }
    if (sha256 !== undefined && (typeof sha256 !== "string" || !/^[0-9a-fA-F]{64}$/.test(sha256))) {
      throw new ParameterError(`Parameter "sha256" must be 64 hexadecimal digits`);
    }
    const source = imageSource(content, size, sha256);
    const resource = await this.create(
      { ...rest, sha256: sha256 ?? await source.hash(), size: source.size },
      call,
    );
    if (resource.complete) return resource;
    let sent = 0;
    for await (const body of source.chunks(chunk)) {
      await resource.uploadChunk(body, call);
      sent += body instanceof Blob ? body.size : body.byteLength;
      onProgress?.(sent, source.size);
    }
    return await this.get(resource.id, {}, call);
  }
}
