/**
 * Boot images: the boot resources MAAS holds (synced from boot sources or uploaded by users), the
 * upload of custom images in chunks, and the boot sources with their selections that say what to
 * sync.
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import type { Params } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  type ClientContext,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  required,
  type WireData,
} from "./base.ts";

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
 * (`dd…`), as `POST boot-resources/` takes them.
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

const FILETYPES: readonly string[] = [
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

/**
 * A boot resource: an image for one OS release and architecture. A listing carries no sets; a
 * resource read by id (or just created) carries them.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function uploaded(client: Client) {
 *   for (const resource of await client.bootResources.list({ type: "uploaded" })) {
 *     console.log(String(resource));
 *   }
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
  /** When the image was last deployed, or null (sent by MAAS 3.5 and later). */
  declare readonly lastDeployed: string | null | undefined;
  /** The OS release a custom image is built on (`ubuntu/jammy`), for custom images. */
  declare readonly baseImage: string | undefined;

  /** `boot-resources/{id}/`. */
  get resourcePath(): string {
    return apiPath`boot-resources/${this.id}/`;
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
    const newest = newestSet(this.sets);
    return newest !== undefined && newest.complete === true;
  }

  /** `BootResource 7 ubuntu/noble amd64/ga-24.04 (Synced)`. */
  toString(): string {
    return `BootResource ${this.id} ${this.name} ${this.architecture} (${this.type})`;
  }
}
defineFields(BootResource, {
  id: "id",
  type: "type",
  name: "name",
  architecture: "architecture",
  subarches: "subarches",
  title: "title",
  lastDeployed: "last_deployed",
  baseImage: "base_image",
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

function newestSet(
  sets: Readonly<Record<string, BootResourceSet>>,
): BootResourceSet | undefined {
  const versions = Object.keys(sets).sort();
  return versions.length ? sets[versions[versions.length - 1]] : undefined;
}

/** Options of {@linkcode BootResources.list}. */
export interface ListBootResourcesOptions extends CallOptions {
  /** Which resources: `synced`, `uploaded`, or `all` (the default). */
  type?: BootResourceTypeFilter;
}

/** Content of an image to upload: bytes, a Blob (a file), or a stream of chunks. */
export type ImageContent =
  | Uint8Array
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | (() => ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>);

/** What a custom image upload takes. */
export interface CreateBootResourceOptions extends CallOptions {
  /** The image's name: `custom/NAME`, or a plain name (an `os/release` taken by MAAS is refused). */
  name: string;
  /** `arch/subarch`, such as `amd64/generic`. */
  architecture: string;
  /**
   * The content. A Uint8Array or Blob is read twice (to hash, then to send); a function returning
   * a fresh stream is called twice for the same reason; a single stream is read once, so it needs
   * `size` and `sha256`.
   */
  content: ImageContent;
  /** Title shown in the UI. */
  title?: string;
  /** File type of the content (default `tgz`). */
  filetype?: BootImageFiletype;
  /** Size in bytes; needed for streams, checked against bytes and Blobs. */
  size?: number;
  /** SHA-256 of the content in hexadecimal; computed when not given. */
  sha256?: string;
  /** The OS release a custom image is built on, such as `ubuntu/jammy`. */
  baseImage?: string;
  /** Bytes per PUT (default 4 MiB). */
  chunkSize?: number;
  /** Called after each chunk the server accepted with the bytes sent so far and the total. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

/**
 * `client.bootResources`: the boot images. List, read, delete, start and stop the import from
 * the boot sources, and upload custom images in chunks with their SHA-256 checked by the server.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function uploadImage(client: Client, image: Blob) {
 *   return await client.bootResources.create({
 *     name: "custom/golden",
 *     architecture: "amd64/generic",
 *     filetype: "ddraw",
 *     content: image,
 *     onProgress: (sent, total) => console.log(`${Math.round((100 * sent) / total)}%`),
 *   });
 * }
 * ```
 */
export class BootResources extends Namespace {
  /** Boot resources, without their sets; `type` narrows to synced or uploaded ones. */
  async list(options: ListBootResourcesOptions = {}): Promise<BootResource[]> {
    const { type, ...call } = optionsOf(options);
    if (type !== undefined && typeof type !== "string") {
      throw new ParameterError(`Parameter "type" must be a string, got ${describe(type)}`);
    }
    const data = await this.context.call("GET", "boot-resources/", { params: { type }, ...call });
    return expectList(data, "boot resources").map((item) => new BootResource(this.context, item));
  }

  /** One boot resource by id, with its sets and files. */
  async get(id: number, options?: CallOptions): Promise<BootResource> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`boot-resources/${id}/`, options);
    return new BootResource(this.context, expectObject(data, "a boot resource"));
  }

  /** Deletes a boot resource by id. */
  async delete(id: number, options?: CallOptions): Promise<void> {
    required(id, "id", "number");
    await this.context.call("DELETE", apiPath`boot-resources/${id}/`, options);
  }

  /** Starts importing the selected images from the boot sources. */
  async import(options?: CallOptions): Promise<void> {
    await this.context.call("POST", "boot-resources/", { op: "import", ...options });
  }

  /** Stops a running import. */
  async stopImport(options?: CallOptions): Promise<void> {
    await this.context.call("POST", "boot-resources/", { op: "stop_import", ...options });
  }

  /** Whether an import is running. */
  async isImporting(options?: CallOptions): Promise<boolean> {
    const data = await this.context.call("GET", "boot-resources/", {
      op: "is_importing",
      ...options,
    });
    if (typeof data !== "boolean") {
      throw new ProtocolError(`Expected true or false from is_importing, got ${describe(data)}`);
    }
    return data;
  }

  /**
   * Creates an uploaded boot resource and sends its content in chunks (`PUT` of raw bytes to the
   * file's upload address). The server checks the size and SHA-256 once the last chunk is in: a
   * mismatch is a `BadRequestError`. Returns the resource as stored, read again after the upload;
   * content MAAS already holds (same SHA-256) is not sent again.
   */
  async create(options: CreateBootResourceOptions): Promise<BootResource> {
    const {
      name,
      architecture,
      content,
      title,
      filetype,
      size,
      sha256,
      baseImage,
      chunkSize,
      onProgress,
      ...call
    } = optionsOf(options);
    required(name, "name", "string");
    required(architecture, "architecture", "string");
    if (!architecture.includes("/")) {
      throw new ParameterError(
        `Parameter "architecture" must be arch/subarch, such as amd64/generic, got ${
          JSON.stringify(architecture)
        }`,
      );
    }
    if (filetype !== undefined && !FILETYPES.includes(filetype)) {
      throw new ParameterError(
        `Parameter "filetype" must be one of ${FILETYPES.join(", ")}, got ${
          JSON.stringify(filetype)
        }`,
      );
    }
    const chunk = chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (!Number.isInteger(chunk) || chunk < 1) {
      throw new ParameterError(
        `Parameter "chunkSize" must be a whole number of bytes, one or more`,
      );
    }
    if (onProgress !== undefined && typeof onProgress !== "function") {
      throw new ParameterError(`Parameter "onProgress" must be a function`);
    }
    const source = imageSource(content, size, sha256);
    const digest = sha256 ?? await source.hash();
    const created = expectObject(
      await this.context.call("POST", "boot-resources/", {
        params: {
          name,
          architecture,
          title,
          filetype: filetype ?? "tgz",
          sha256: digest,
          size: source.size,
          base_image: baseImage,
        },
        ...call,
      }),
      "a boot resource",
    );
    const resource = new BootResource(this.context, created);
    const target = uploadTarget(resource, this.context.apiUrl);
    if (!target) return resource;
    let sent = 0;
    for await (const body of source.chunks(chunk)) {
      await this.context.call("PUT", target, { body, ...call });
      sent += body instanceof Blob ? body.size : body.byteLength;
      onProgress?.(sent, source.size);
    }
    return await this.get(resource.id, call);
  }
}

/** Where the content of a new resource goes: the upload path of its incomplete file, if any. */
function uploadTarget(resource: BootResource, apiUrl: string): string | null {
  for (const set of Object.values(resource.sets)) {
    for (const file of Object.values(set.files)) {
      if (file.complete) continue;
      if (typeof file.uploadUri !== "string") {
        throw new ProtocolError(
          `Boot resource ${resource.id}: the file ${file.filename} is incomplete but has no upload_uri`,
        );
      }
      return apiRelative(file.uploadUri, apiUrl);
    }
  }
  return null;
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

interface ImageSource {
  readonly size: number;
  hash(): Promise<string>;
  chunks(chunkSize: number): AsyncIterable<Uint8Array | Blob>;
}

function imageSource(content: ImageContent, size?: number, sha256?: string): ImageSource {
  if (size !== undefined && (!Number.isInteger(size) || size < 1)) {
    throw new ParameterError(`Parameter "size" must be a whole number of bytes, one or more`);
  }
  if (sha256 !== undefined && (typeof sha256 !== "string" || !/^[0-9a-fA-F]{64}$/.test(sha256))) {
    throw new ParameterError(`Parameter "sha256" must be 64 hexadecimal digits`);
  }
  if (content instanceof Uint8Array || content instanceof Blob) {
    const total = content instanceof Blob ? content.size : content.byteLength;
    if (size !== undefined && size !== total) {
      throw new ParameterError(`Parameter "size" is ${size} but the content has ${total} bytes`);
    }
    if (total === 0) throw new ParameterError(`Parameter "content" is empty`);
    return {
      size: total,
      hash: () =>
        content instanceof Blob
          ? hashStream(content.stream())
          : newSha256().then((hash) => hash.update(content).digest("hex")),
      chunks: (chunkSize) => sliceChunks(content, total, chunkSize),
    };
  }
  if (size === undefined) {
    throw new ParameterError(
      `Parameter "size" is required when the content is a stream (its length is not known)`,
    );
  }
  if (typeof content === "function") {
    return {
      size,
      hash: () => hashStream(openStream(content)),
      chunks: (chunkSize) => streamChunks(openStream(content), size, chunkSize),
    };
  }
  if (!isStream(content)) {
    throw new ParameterError(
      `Parameter "content" must be a Uint8Array, Blob, stream or function returning a stream, ` +
        `got ${describe(content)}`,
    );
  }
  if (sha256 === undefined) {
    throw new ParameterError(
      `Parameter "sha256" is required when the content is a stream that can be read only once ` +
        "(MAAS needs the checksum before the first chunk); give it, or pass a function that " +
        "returns a fresh stream",
    );
  }
  return {
    size,
    hash: () => Promise.resolve(sha256),
    chunks: (chunkSize) => streamChunks(content, size, chunkSize),
  };
}

function isStream(value: unknown): value is ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> {
  return value instanceof ReadableStream ||
    (value !== null && typeof value === "object" && Symbol.asyncIterator in value);
}

function openStream(
  factory: () => ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> {
  const stream = factory();
  if (!isStream(stream)) {
    throw new ParameterError(
      `Parameter "content" must return a stream or async iterable, got ${describe(stream)}`,
    );
  }
  return stream;
}

async function* sliceChunks(
  content: Uint8Array | Blob,
  total: number,
  chunkSize: number,
): AsyncGenerator<Uint8Array | Blob> {
  for (let offset = 0; offset < total; offset += chunkSize) {
    const end = Math.min(offset + chunkSize, total);
    yield content instanceof Blob ? content.slice(offset, end) : content.subarray(offset, end);
  }
}

async function* iterate(
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  if (!(stream instanceof ReadableStream)) {
    for await (const piece of stream) yield checkPiece(piece);
    return;
  }
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield checkPiece(value);
    }
  } finally {
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function checkPiece(piece: unknown): Uint8Array {
  if (!(piece instanceof Uint8Array)) {
    throw new ParameterError(
      `The content stream must give Uint8Array chunks, got ${describe(piece)}`,
    );
  }
  return piece;
}

// node:crypto is loaded when an image is uploaded, not with the library: on Deno, loading it
// starts the Node compatibility layer, which would cost every script that imports the library.
async function newSha256(): Promise<import("node:crypto").Hash> {
  return (await import("node:crypto")).createHash("sha256");
}

async function hashStream(
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<string> {
  const hash = await newSha256();
  for await (const piece of iterate(stream)) hash.update(piece);
  return hash.digest("hex");
}

/** Regroups a stream's pieces into chunks of `chunkSize` bytes and checks its length. */
async function* streamChunks(
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  size: number,
  chunkSize: number,
): AsyncGenerator<Uint8Array> {
  let buffer = new Uint8Array(Math.min(chunkSize, size));
  let filled = 0;
  let emitted = 0;
  let total = 0;
  for await (const piece of iterate(stream)) {
    total += piece.byteLength;
    if (total > size) {
      throw new ParameterError(`The content stream gave more than the ${size} bytes announced`);
    }
    let offset = 0;
    while (offset < piece.byteLength) {
      const take = Math.min(buffer.byteLength - filled, piece.byteLength - offset);
      buffer.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === buffer.byteLength) {
        yield buffer;
        emitted += filled;
        buffer = new Uint8Array(Math.min(chunkSize, size - emitted));
        filled = 0;
      }
    }
  }
  if (total < size) {
    throw new ParameterError(
      `The content stream ended after ${total} bytes; ${size} were announced`,
    );
  }
}

/**
 * A boot source: a simplestreams mirror MAAS syncs images from, checked with a GPG keyring (a
 * file on the region, or the keyring's bytes).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function useDaily(client: Client) {
 *   const [source] = await client.bootSources.list();
 *   source.url = "http://images.maas.io/ephemeral-v3/candidate/";
 *   return await source.save();
 * }
 * ```
 */
export class BootSource extends MaasObject {
  /** Source id. */
  declare readonly id: number;
  /** The simplestreams URL; writable. */
  declare url: string;
  /** Path of the keyring file on the region; writable. */
  declare keyringFilename: string;
  /** The keyring's bytes in base64, as MAAS sends them (empty when a file is used); writable. */
  declare keyringData: string;
  /** Name (MAAS 3.8 and later); writable. */
  declare name: string | undefined;
  /** Priority among sources, higher first (MAAS 3.8 and later); writable. */
  declare priority: number | undefined;
  /** Whether the source is used (MAAS 3.8 and later); writable. */
  declare enabled: boolean | undefined;
  /** Whether signatures are not checked (MAAS 3.8 and later); writable. */
  declare skipKeyringVerification: boolean | undefined;
  /** When the source was created. */
  declare readonly created: string;
  /** When the source was last changed. */
  declare readonly updated: string;

  /** `boot-sources/{id}/`. */
  get resourcePath(): string {
    return apiPath`boot-sources/${this.id}/`;
  }

  /** The selections of this source: what it syncs. */
  get selections(): BootSourceSelections {
    return new BootSourceSelections(this.client, this.id);
  }

  /** MAAS reads the keyring as an uploaded file, so changed keyring data goes as a file part. */
  protected override saveParams(changes: WireData): Params {
    const params = { ...changes } as Record<string, Params[string]>;
    if (typeof changes.keyring_data === "string") {
      params.keyring_data = new Blob([base64Bytes(changes.keyring_data, "keyringData")]);
    }
    return params;
  }

  /** `BootSource 1 http://images.maas.io/ephemeral-v3/stable/`. */
  toString(): string {
    return `BootSource ${this.id} ${this.data.url}`;
  }
}
defineFields(BootSource, {
  id: "id",
  url: { wire: "url", writable: true },
  keyringFilename: { wire: "keyring_filename", writable: true },
  keyringData: { wire: "keyring_data", writable: true },
  name: { wire: "name", writable: true },
  priority: { wire: "priority", writable: true },
  enabled: { wire: "enabled", writable: true },
  skipKeyringVerification: { wire: "skip_keyring_verification", writable: true },
  created: "created",
  updated: "updated",
});

function base64Bytes(text: string, name: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(text);
  } catch (cause) {
    throw new ParameterError(`Parameter ${JSON.stringify(name)} must be base64 text`, { cause });
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** What a new boot source takes: a URL and one of a keyring file or keyring bytes. */
export interface CreateBootSourceOptions extends CallOptions {
  /** The simplestreams URL. */
  url: string;
  /** Path of a keyring file on the region. */
  keyringFilename?: string;
  /** The keyring itself (raw bytes; sent as a file part). */
  keyringData?: Uint8Array | Blob;
  /** Name (MAAS 3.8 and later). */
  name?: string;
  /** Priority among sources (MAAS 3.8 and later). */
  priority?: number;
  /** Whether the source is used (MAAS 3.8 and later). */
  enabled?: boolean;
  /** Skip signature checks (MAAS 3.8 and later). */
  skipKeyringVerification?: boolean;
}

/**
 * `client.bootSources`: where images come from. List, read and create sources; their selections
 * through {@linkcode BootSources.selections}.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function mirror(client: Client) {
 *   const source = await client.bootSources.create({
 *     url: "http://mirror.example.com/maas/images/ephemeral-v3/stable/",
 *     keyringFilename: "/usr/share/keyrings/ubuntu-cloudimage-keyring.gpg",
 *   });
 *   await source.selections.create({ os: "ubuntu", release: "noble", arches: ["amd64"] });
 * }
 * ```
 */
export class BootSources extends Namespace {
  /** Every boot source. */
  async list(options?: CallOptions): Promise<BootSource[]> {
    const data = await this.context.call("GET", "boot-sources/", options);
    return expectList(data, "boot sources").map((item) => new BootSource(this.context, item));
  }

  /** One boot source by id. */
  async get(id: number, options?: CallOptions): Promise<BootSource> {
    required(id, "id", "number");
    const data = await this.context.call("GET", apiPath`boot-sources/${id}/`, options);
    return new BootSource(this.context, expectObject(data, "a boot source"));
  }

  /** Creates a boot source; exactly one of `keyringFilename` and `keyringData` is needed. */
  async create(options: CreateBootSourceOptions): Promise<BootSource> {
    const {
      url,
      keyringFilename,
      keyringData,
      name,
      priority,
      enabled,
      skipKeyringVerification,
      ...call
    } = optionsOf(options);
    required(url, "url", "string");
    if (keyringFilename !== undefined) required(keyringFilename, "keyringFilename", "string");
    if (
      keyringData !== undefined && !(keyringData instanceof Uint8Array) &&
      !(keyringData instanceof Blob)
    ) {
      throw new ParameterError(
        `Parameter "keyringData" must be the keyring's bytes (Uint8Array or Blob), got ${
          describe(keyringData)
        }`,
      );
    }
    const data = await this.context.call("POST", "boot-sources/", {
      params: {
        url,
        keyring_filename: keyringFilename,
        keyring_data: keyringData,
        name,
        priority,
        enabled,
        skip_keyring_verification: skipKeyringVerification,
      },
      ...call,
    });
    return new BootSource(this.context, expectObject(data, "a boot source"));
  }

  /** The selections of a boot source (given by id or as the source). */
  selections(source: number | BootSource): BootSourceSelections {
    const id = source instanceof BootSource ? source.id : source;
    required(id, "source", "number");
    return new BootSourceSelections(this.context, id);
  }
}

/**
 * What a boot source syncs: one OS release, for some architectures, subarchitectures and labels
 * (`*` means all).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addArm(client: Client) {
 *   const [selection] = await client.bootSources.selections(1).list();
 *   selection.arches = [...selection.arches, "arm64"];
 *   return await selection.save();
 * }
 * ```
 */
export class BootSourceSelection extends MaasObject {
  /** Selection id. */
  declare readonly id: number;
  /** The boot source it belongs to. */
  declare readonly bootSourceId: number;
  /** Operating system, such as `ubuntu`; writable. */
  declare os: string;
  /** Release, such as `noble`; writable. */
  declare release: string;
  /** Architectures, such as `amd64`; writable. */
  declare arches: string[];
  /** Subarchitectures; writable. */
  declare subarches: string[];
  /** Labels, such as `stable`; writable. */
  declare labels: string[];

  /** `boot-sources/{boot_source_id}/selections/{id}/`. */
  get resourcePath(): string {
    return apiPath`boot-sources/${this.bootSourceId}/selections/${this.id}/`;
  }

  /** `BootSourceSelection 1 ubuntu/noble amd64`. */
  toString(): string {
    const arches = Array.isArray(this.arches) ? this.arches.join(",") : "";
    return `BootSourceSelection ${this.id} ${this.os}/${this.release} ${arches}`;
  }
}
defineFields(BootSourceSelection, {
  id: "id",
  bootSourceId: "boot_source_id",
  os: { wire: "os", writable: true },
  release: { wire: "release", writable: true },
  arches: { wire: "arches", writable: true },
  subarches: { wire: "subarches", writable: true },
  labels: { wire: "labels", writable: true },
});

/** What a new selection takes. */
export interface CreateBootSourceSelectionOptions extends CallOptions {
  /** Operating system, such as `ubuntu`. */
  os: string;
  /** Release, such as `noble`. */
  release: string;
  /** Architectures (default: every one, `*`). */
  arches?: readonly string[];
  /** Subarchitectures (default `*`). */
  subarches?: readonly string[];
  /** Labels (default `*`). */
  labels?: readonly string[];
}

/**
 * The selections of one boot source (`client.bootSources.selections(id)` or
 * `source.selections`): list, read and create.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function releases(client: Client, sourceId: number): Promise<string[]> {
 *   const selections = await client.bootSources.selections(sourceId).list();
 *   return selections.map((selection) => `${selection.os}/${selection.release}`);
 * }
 * ```
 */
export class BootSourceSelections extends Namespace {
  #bootSourceId: number;

  /** The selections of boot source `bootSourceId`. */
  constructor(context: ClientContext, bootSourceId: number) {
    super(context);
    this.#bootSourceId = bootSourceId;
  }

  /** The boot source these selections belong to. */
  get bootSourceId(): number {
    return this.#bootSourceId;
  }

  /** Every selection of the source. */
  async list(options?: CallOptions): Promise<BootSourceSelection[]> {
    const data = await this.context.call(
      "GET",
      apiPath`boot-sources/${this.#bootSourceId}/selections/`,
      options,
    );
    return expectList(data, "boot source selections").map((item) =>
      new BootSourceSelection(this.context, item)
    );
  }

  /** One selection by id. */
  async get(id: number, options?: CallOptions): Promise<BootSourceSelection> {
    required(id, "id", "number");
    const data = await this.context.call(
      "GET",
      apiPath`boot-sources/${this.#bootSourceId}/selections/${id}/`,
      options,
    );
    return new BootSourceSelection(this.context, expectObject(data, "a boot source selection"));
  }

  /** Creates a selection; MAAS refuses a release the source does not offer (400 on `os`). */
  async create(options: CreateBootSourceSelectionOptions): Promise<BootSourceSelection> {
    const { os, release, arches, subarches, labels, ...call } = optionsOf(options);
    required(os, "os", "string");
    required(release, "release", "string");
    const data = await this.context.call(
      "POST",
      apiPath`boot-sources/${this.#bootSourceId}/selections/`,
      {
        params: {
          os,
          release,
          arches: list(arches, "arches") ?? ["*"],
          subarches: list(subarches, "subarches") ?? ["*"],
          labels: list(labels, "labels") ?? ["*"],
        },
        ...call,
      },
    );
    return new BootSourceSelection(this.context, expectObject(data, "a boot source selection"));
  }
}

function list(value: readonly string[] | undefined, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new ParameterError(`Parameter ${JSON.stringify(name)} must be a list of strings`);
  }
  return [...value];
}
