/**
 * Files stored in MAAS: small blobs a user keeps on the region (Juju's provider uses them to share
 * data with its agents), each reachable by name for its owner and by an unguessable key for
 * anyone.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function names(client: Client): Promise<string[]> {
 *   return (await client.files.list()).map((file) => file.filename);
 * }
 * ```
 *
 * @module
 */

import { ProtocolError } from "../errors.ts";
import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";

/** What may be uploaded as a file's content; text is sent as UTF-8. */
export type FileContent = Uint8Array | Blob | string;

/** Options of {@linkcode Files.list}. */
export interface ListFilesOptions extends ExtraParams {
  /** Only the files whose names start with this. */
  prefix?: string;
}

/** The files family: `files/` (by name in the query) and `files/{filename}/`. */
export const FILES = family({
  name: "files",
  handlers: { FilesHandler: "files/", FileHandler: "files/{filename}/" },
  pathParams: { filename: "string" },
  fields: {
    filename: { wire: "filename", kind: "string" },
    anonResourceUri: { wire: "anon_resource_uri", kind: "string" },
    content: { wire: "content", kind: "string" },
    resourceUri: { wire: "resource_uri", kind: "string" },
  },
  ops: {
    list: op<ListFilesOptions>({
      handler: "FilesHandler",
      method: "GET",
      typed: ["client.files.list()"],
      params: { prefix: { wire: "prefix", kind: "string" } },
    }),
    upload: op<{ filename: string; file: FileContent }>({
      handler: "FilesHandler",
      method: "POST",
      typed: ["client.files.upload()"],
      params: {
        filename: { wire: "filename", kind: "string", required: true },
        file: { wire: "file", kind: "file", required: true },
      },
    }),
    download: op<{ filename: string }>({
      handler: "FilesHandler",
      method: "GET",
      op: "get",
      typed: ["client.files.download()", "storedFile.download()"],
      params: { filename: { wire: "filename", kind: "string", required: true } },
    }),
    getByKey: op<{ key: string }>({
      handler: "FilesHandler",
      method: "GET",
      op: "get_by_key",
      typed: ["client.files.getByKey()"],
      params: { key: { wire: "key", kind: "string", required: true } },
    }),
    deleteByName: op<{ filename: string }>({
      handler: "FilesHandler",
      method: "DELETE",
      typed: ["client.files.delete()"],
      params: { filename: { wire: "filename", kind: "string", required: true } },
    }),
    read: op({
      handler: "FileHandler",
      method: "GET",
      typed: ["client.files.get()", "storedFile.refresh()"],
    }),
    delete: op({ handler: "FileHandler", method: "DELETE", typed: ["storedFile.delete()"] }),
  },
});

/**
 * A stored file (python-libmaas's `File`, renamed so as not to hide the web's `File`). A listing
 * gives the name and the anonymous address; a file read by name also carries its content (base64,
 * as MAAS sends it), decoded by {@linkcode StoredFile.bytes}.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function show(client: Client) {
 *   const file = await client.files.get("environment.yaml");
 *   console.log(file.filename, new TextDecoder().decode(file.bytes() ?? new Uint8Array()));
 * }
 * ```
 */
export class StoredFile extends MaasObject {
  /** The file's name (any characters; unique per owner). */
  declare readonly filename: string;
  /** Where the content can be fetched without credentials: `…/files/?op=get_by_key&key=…`. */
  declare readonly anonResourceUri: string | undefined;
  /** The content as base64 text; only present when the file was read by name. */
  declare readonly content: string | undefined;
  /** The API address of the file, when the server sent it. */
  declare readonly resourceUri: string | undefined;

  /** `files/{filename}/`. */
  get resourcePath(): string {
    return pathOf(FILES.ops.read.path, this.data);
  }

  /** The unguessable key of the file, taken from its anonymous address. */
  get key(): string | null {
    const uri = this.anonResourceUri;
    if (typeof uri !== "string") return null;
    return new URL(uri, "http://maas/").searchParams.get("key");
  }

  /** The decoded content, or `undefined` when the object came from a listing (no content). */
  bytes(): Uint8Array | undefined {
    const content = this.content;
    if (content === undefined || content === null) return undefined;
    return decodeBase64(content, this.filename);
  }

  /** Downloads the content (`files/?op=get&filename=…`). */
  async download(params?: ExtraParams, options?: CallOptions): Promise<Uint8Array> {
    return await new Files(this.client).download(this.filename, params, options);
  }

  /** `StoredFile environment.yaml`. */
  toString(): string {
    return `StoredFile ${this.filename}`;
  }
}
defineObject(StoredFile, FILES.fields, { read: FILES.ops.read, delete: FILES.ops.delete });

/**
 * `client.files`: the current user's stored files: list, read, download, upload, delete, and
 * anonymous download by key.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function roundTrip(client: Client) {
 *   await client.files.upload("notes/hello.txt", "hello");
 *   const bytes = await client.files.download("notes/hello.txt");
 *   await client.files.delete("notes/hello.txt");
 *   return new TextDecoder().decode(bytes);
 * }
 * ```
 */
export class Files extends Namespace {
  /** The current user's files, sorted by name, without their content. */
  async list(params?: ListFilesOptions, options?: CallOptions): Promise<StoredFile[]> {
    return await listOf(this.context, FILES.ops.list, StoredFile, "files", {
      params,
      call: options,
    });
  }

  /**
   * One file by name, with its content; a missing one raises `NotFoundError`. MAAS cannot route a
   * name holding `/` to this address: use {@linkcode Files.download} for such names.
   */
  async get(filename: string, params?: ExtraParams, options?: CallOptions): Promise<StoredFile> {
    return await oneOf(this.context, FILES.ops.read, StoredFile, "a file", {
      path: { filename },
      params,
      call: options,
    });
  }

  /** The content of one of the current user's files, by name (any name). */
  async download(
    filename: string,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<Uint8Array> {
    return await invoke<Uint8Array>(this.context, FILES.ops.download, {
      params,
      set: { filename },
      call: options,
      // MAAS labels the content text/html whatever it is, so it is taken as bytes.
      responseType: "bytes",
    });
  }

  /**
   * The content of any user's file by its key, as in {@linkcode StoredFile.anonResourceUri}. Works on an
   * anonymous client too.
   */
  async getByKey(key: string, params?: ExtraParams, options?: CallOptions): Promise<Uint8Array> {
    return await invoke<Uint8Array>(this.context, FILES.ops.getByKey, {
      params,
      set: { key },
      call: options,
      responseType: "bytes",
    });
  }

  /**
   * Stores `content` under `filename` (replacing a file of that name), sent as the multipart
   * file part MAAS expects.
   */
  async upload(
    filename: string,
    content: FileContent,
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<void> {
    await invoke(this.context, FILES.ops.upload, {
      params,
      set: { filename, file: content },
      call: options,
    });
  }

  /** Deletes one of the current user's files by name (any name: it goes in the query). */
  async delete(filename: string, params?: ExtraParams, options?: CallOptions): Promise<void> {
    await invoke(this.context, FILES.ops.deleteByName, {
      params,
      set: { filename },
      call: options,
    });
  }
}

function decodeBase64(text: string, filename: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch (cause) {
    throw new ProtocolError(`The content of file ${filename} is not valid base64`, { cause });
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
