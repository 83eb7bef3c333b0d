/**
 * The content of an image to upload (bytes, a Blob, a stream or a function that opens one),
 * hashed with SHA-256 and cut into chunks of a given size, as boot resource uploads send it.
 *
 * @example
 * ```ts
 * import { imageSource } from "./image_content.ts";
 * const source = imageSource(new Blob(["image"]));
 * for await (const chunk of source.chunks(2)) console.log(chunk instanceof Blob); // true (×3)
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import { describe } from "./wire.ts";

/** Content of an image to upload: bytes, a Blob (a file), or a stream of chunks. */
export type ImageContent =
  | Uint8Array
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | (() => ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>);

/** An image's content as the upload reads it: its size, its SHA-256, and its chunks. */
export interface ImageSource {
  /** Size in bytes. */
  readonly size: number;
  /** The SHA-256 of the content, in hexadecimal (read from the content unless it was given). */
  hash(): Promise<string>;
  /** The content in chunks of `chunkSize` bytes (the last one shorter). */
  chunks(chunkSize: number): AsyncIterable<Uint8Array | Blob>;
}

/**
 * Reads `content` for an upload: bytes and Blobs are read twice (to hash, then to send), a
 * function returning a fresh stream is called twice, a single stream is read once (so it needs
 * `size` and `sha256`). A content that cannot be read so is a `ParameterError` naming what is
 * missing.
 *
 * @example
 * ```ts
 * import { imageSource } from "./image_content.ts";
 * const source = imageSource(new Uint8Array([1, 2, 3]));
 * console.log(source.size, (await source.hash()).length); // 3 64
 * ```
 */
export function imageSource(content: ImageContent, size?: number, sha256?: string): ImageSource {
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
