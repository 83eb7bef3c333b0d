/**
 * A decoder for the BSON that MAAS answers `details` with (a machine's hardware details: each
 * value the raw bytes of an XML or JSON document).
 *
 * @example
 * ```ts
 * import { decodeBson } from "@libmaas/client/session";
 * console.log(decodeBson(new Uint8Array([5, 0, 0, 0, 0]))); // {}
 * ```
 *
 * @module
 */

import { BsonError, ParameterError } from "./errors.ts";

/** A decoded BSON value. */
export type BsonValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | undefined
  | Date
  | Uint8Array
  | BsonValue[]
  | BsonDocument;

/** A decoded BSON document. */
export interface BsonDocument {
  /** A field of the document. */
  [key: string]: BsonValue;
}

const MAX_BSON_DEPTH = 64;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes a BSON document, as MAAS sends for `details`: documents, arrays, strings, binary
 * (kept as `Uint8Array` views of the input), 32- and 64-bit integers (64-bit ones beyond 2^53 as
 * `bigint`), doubles, booleans, null, UTC dates and timestamps. Anything malformed raises a
 * {@linkcode BsonError}.
 *
 * @example
 * ```ts
 * import { decodeBson } from "@libmaas/client/session";
 * // {"a": null}: length 8, a null element (0x0a) named "a", then the end of the document.
 * const bytes = new Uint8Array([8, 0, 0, 0, 0x0a, 0x61, 0, 0]);
 * console.log(decodeBson(bytes)); // { a: null }
 * ```
 */
export function decodeBson(bytes: Uint8Array): BsonDocument {
  if (!(bytes instanceof Uint8Array)) {
    throw new ParameterError(
      `decodeBson takes a Uint8Array, got ${bytes === null ? "null" : typeof bytes}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 5) throw new BsonError("too short for a document", 0);
  const size = view.getInt32(0, true);
  if (size !== bytes.length) {
    throw new BsonError(`the document says ${size} bytes but ${bytes.length} were given`, 0);
  }
  return readDocument(bytes, view, 0, false, 0) as BsonDocument;
}

function readDocument(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  asArray: boolean,
  depth: number,
): BsonDocument | BsonValue[] {
  if (depth > MAX_BSON_DEPTH) throw new BsonError("documents nested too deeply", start);
  if (start + 5 > bytes.length) throw new BsonError("truncated document", start);
  const size = view.getInt32(start, true);
  const end = start + size;
  if (size < 5 || end > bytes.length) {
    throw new BsonError(`document length ${size} does not fit the input`, start);
  }
  if (bytes[end - 1] !== 0) throw new BsonError("document does not end with a zero byte", end - 1);
  const document: BsonDocument = {};
  const array: BsonValue[] = [];
  let at = start + 4;
  while (at < end - 1) {
    const type = bytes[at++];
    const keyEnd = bytes.indexOf(0, at);
    if (keyEnd < 0 || keyEnd >= end - 1) throw new BsonError("unterminated field name", at);
    const key = text(bytes, at, keyEnd);
    at = keyEnd + 1;
    let value: BsonValue;
    const need = (n: number) => {
      if (at + n > end - 1) {
        throw new BsonError(`truncated value of field ${JSON.stringify(key)}`, at);
      }
    };
    switch (type) {
      case 0x01:
        need(8);
        value = view.getFloat64(at, true);
        at += 8;
        break;
      case 0x02: {
        need(4);
        const length = view.getInt32(at, true);
        if (length < 1 || at + 4 + length > end - 1 || bytes[at + 4 + length - 1] !== 0) {
          throw new BsonError(`bad string length ${length}`, at);
        }
        value = text(bytes, at + 4, at + 4 + length - 1);
        at += 4 + length;
        break;
      }
      case 0x03:
      case 0x04: {
        need(4);
        const length = view.getInt32(at, true);
        value = readDocument(bytes, view, at, type === 0x04, depth + 1);
        at += length;
        break;
      }
      case 0x05: {
        need(5);
        let length = view.getInt32(at, true);
        const subtype = bytes[at + 4];
        if (length < 0 || at + 5 + length > end - 1) {
          throw new BsonError(`bad binary length ${length}`, at);
        }
        let from = at + 5;
        if (subtype === 0x02) {
          // The old binary subtype repeats the length inside the data.
          const inner = length >= 4 ? view.getInt32(from, true) : -1;
          if (inner !== length - 4) throw new BsonError("bad length inside old binary", from);
          from += 4;
          length -= 4;
        }
        value = bytes.subarray(from, from + length);
        at = from + length;
        break;
      }
      case 0x06:
        value = undefined;
        break;
      case 0x08:
        need(1);
        if (bytes[at] > 1) throw new BsonError(`bad boolean ${bytes[at]}`, at);
        value = bytes[at] === 1;
        at += 1;
        break;
      case 0x09:
        need(8);
        value = new Date(Number(view.getBigInt64(at, true)));
        at += 8;
        break;
      case 0x0a:
        value = null;
        break;
      case 0x10:
        need(4);
        value = view.getInt32(at, true);
        at += 4;
        break;
      case 0x11:
        need(8);
        value = view.getBigUint64(at, true);
        at += 8;
        break;
      case 0x12: {
        need(8);
        const big = view.getBigInt64(at, true);
        value = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
          ? Number(big)
          : big;
        at += 8;
        break;
      }
      default:
        throw new BsonError(
          `unsupported element type 0x${type.toString(16).padStart(2, "0")} for field ${
            JSON.stringify(key)
          }`,
          at - 2 - key.length,
        );
    }
    if (asArray) {
      array.push(value);
    } else if (key === "__proto__") {
      Object.defineProperty(document, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      document[key] = value;
    }
  }
  if (at !== end - 1) throw new BsonError("element runs past the end of its document", at);
  return asArray ? array : document;
}

function text(bytes: Uint8Array, from: number, to: number): string {
  try {
    return utf8.decode(bytes.subarray(from, to));
  } catch {
    throw new BsonError("text is not valid UTF-8", from);
  }
}
