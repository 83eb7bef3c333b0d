/**
 * Files stored in MAAS: small blobs a user keeps on the region (Juju's provider uses them to share
 * data with its agents), each reachable by name for its owner and by an unguessable key for
 * anyone.
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import {
  apiPath,
  type CallOptions,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
} from "./base.ts";

/** What may be uploaded as a file's content; text is sent as UTF-8. */
export type FileContent = Uint8Array | Blob | string;

const encoder = new TextEncoder();

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
    return apiPath`files/${this.filename}/`;
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
  async download(options?: CallOptions): Promise<Uint8Array> {
    return await new Files(this.client).download(this.filename, options);
  }

  /** `StoredFile environment.yaml`. */
  toString(): string {
    return `StoredFile ${this.filename}`;
  }
}
defineFields(StoredFile, {
  filename: "filename",
  anonResourceUri: "anon_resource_uri",
  content: "content",
  resourceUri: "resource_uri",
});

/** Options of {@linkcode Files.list}. */
export interface ListFilesOptions extends CallOptions {
  /** Only the files whose names start with this. */
  prefix?: string;
}

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
  async list(options: ListFilesOptions = {}): Promise<StoredFile[]> {
    const { prefix, ...call } = optionsOf(options);
    if (prefix !== undefined && typeof prefix !== "string") {
      throw new ParameterError(`Parameter "prefix" must be a string, got ${describe(prefix)}`);
    }
    const data = await this.context.call("GET", "files/", {
      params: { prefix },
      ...call,
    });
    return expectList(data, "files").map((item) => new StoredFile(this.context, item));
  }

  /**
   * One file by name, with its content; a missing one raises `NotFoundError`. MAAS cannot route a
   * name holding `/` to this address: use {@linkcode Files.download} for such names.
   */
  async get(filename: string, options?: CallOptions): Promise<StoredFile> {
    required(filename, "filename", "string");
    const data = await this.context.call("GET", apiPath`files/${filename}/`, options);
    return new StoredFile(this.context, expectObject(data, "a file"));
  }

  /** The content of one of the current user's files, by name (any name). */
  async download(filename: string, options?: CallOptions): Promise<Uint8Array> {
    required(filename, "filename", "string");
    // MAAS labels the content text/html whatever it is, so it is taken as bytes.
    return await this.context.call<Uint8Array>("GET", "files/", {
      op: "get",
      params: { filename },
      responseType: "bytes",
      ...options,
    });
  }

  /**
   * The content of any user's file by its key, as in {@linkcode StoredFile.anonResourceUri}. Works on an
   * anonymous client too.
   */
  async getByKey(key: string, options?: CallOptions): Promise<Uint8Array> {
    required(key, "key", "string");
    return await this.context.call<Uint8Array>("GET", "files/", {
      op: "get_by_key",
      params: { key },
      responseType: "bytes",
      ...options,
    });
  }

  /**
   * Stores `content` under `filename` (replacing a file of that name), sent as the multipart
   * file part MAAS expects.
   */
  async upload(filename: string, content: FileContent, options?: CallOptions): Promise<void> {
    required(filename, "filename", "string");
    await this.context.call("POST", "files/", {
      params: { filename, file: toBlob(content) },
      ...options,
    });
  }

  /** Deletes one of the current user's files by name (any name: it goes in the query). */
  async delete(filename: string, options?: CallOptions): Promise<void> {
    required(filename, "filename", "string");
    await this.context.call("DELETE", "files/", { params: { filename }, ...options });
  }
}

function toBlob(content: FileContent): Blob {
  if (content instanceof Blob) return content;
  if (content instanceof Uint8Array) return new Blob([content as Uint8Array<ArrayBuffer>]);
  if (typeof content === "string") return new Blob([encoder.encode(content)]);
  throw new ParameterError(
    `Parameter "content" must be a Uint8Array, Blob or string, got ${describe(content)}`,
  );
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
