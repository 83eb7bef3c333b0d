/**
 * Request parameters read the way Django reads them: the query string, and form bodies in
 * `multipart/form-data` (parts may carry `Content-Transfer-Encoding: base64`) or
 * `application/x-www-form-urlencoded`. Any other body is not read at all, so a handler sees no data,
 * as on a real MAAS.
 *
 * @module
 */

import { Buffer } from "node:buffer";

/**
 * An uploaded file part of a multipart body.
 *
 * @example
 * ```ts
 * import type { UploadedFile } from "./request.ts";
 * const file: UploadedFile = {
 *   field: "file",
 *   filename: "notes.txt",
 *   contentType: "text/plain",
 *   bytes: new TextEncoder().encode("hi"),
 * };
 * ```
 */
export interface UploadedFile {
  /** The form field the part was sent as. */
  field: string;
  /** The file name the client gave. */
  filename: string;
  /** The part's `Content-Type`, `application/octet-stream` when none was sent. */
  contentType: string;
  /** The content, transfer encoding already undone. */
  bytes: Uint8Array;
}

/**
 * Text fields with repeated names kept in order, like Django's `QueryDict`.
 *
 * @example
 * ```ts
 * import { FormFields } from "./request.ts";
 * const fields = new FormFields([["tags", "a"], ["tags", "b"]]);
 * console.log(fields.get("tags"), fields.getAll("tags")); // "b" ["a", "b"]
 * ```
 */
export class FormFields {
  #entries: [string, string][];

  /** Fields from `[name, value]` pairs, in order. */
  constructor(entries: Iterable<[string, string]> = []) {
    this.#entries = [...entries];
  }

  /** The last value sent under `name`, as `QueryDict.get` answers. */
  get(name: string): string | undefined {
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      if (this.#entries[i][0] === name) return this.#entries[i][1];
    }
    return undefined;
  }

  /** Every value sent under `name`, in order. */
  getAll(name: string): string[] {
    return this.#entries.filter(([key]) => key === name).map(([, value]) => value);
  }

  /** Whether `name` was sent at all. */
  has(name: string): boolean {
    return this.#entries.some(([key]) => key === name);
  }

  /** The distinct names, in the order they first appear. */
  names(): string[] {
    return [...new Set(this.#entries.map(([key]) => key))];
  }

  /** The `[name, value]` pairs, in order. */
  entries(): [string, string][] {
    return this.#entries.map(([key, value]) => [key, value]);
  }

  /** The fields whose name passes `keep` (this same object when every one does). */
  filter(keep: (name: string) => boolean): FormFields {
    const kept = this.#entries.filter(([key]) => keep(key));
    return kept.length === this.#entries.length ? this : new FormFields(kept);
  }
}

/**
 * What a request carried: query fields, body fields and files.
 *
 * @example
 * ```ts
 * import type { ParsedRequest } from "./request.ts";
 * function op(request: ParsedRequest): string | null {
 *   return request.query.get("op") || request.form.get("op") || null;
 * }
 * ```
 */
export interface ParsedRequest {
  /** The query string's fields. */
  query: FormFields;
  /** The form body's text fields (empty unless a POST or PUT with a form content type). */
  form: FormFields;
  /** The form body's file parts. */
  files: UploadedFile[];
}

/**
 * Read a query string (with or without its `?`) into fields.
 *
 * @example
 * ```ts
 * import { parseQuery } from "./request.ts";
 * console.log(parseQuery("?id=a&id=b").getAll("id")); // ["a", "b"]
 * ```
 */
export function parseQuery(search: string): FormFields {
  return new FormFields(new URLSearchParams(search).entries());
}

/**
 * Read a request body as Django does for POST and PUT: only the two form content types give data.
 *
 * @example
 * ```ts
 * import { parseForm } from "./request.ts";
 * const body = new TextEncoder().encode("a=1&a=2");
 * const { form } = parseForm("application/x-www-form-urlencoded", body);
 * console.log(form.getAll("a")); // ["1", "2"]
 * ```
 */
export function parseForm(
  contentType: string | undefined,
  body: Uint8Array,
): { form: FormFields; files: UploadedFile[] } {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    return { form: parseQuery(new TextDecoder().decode(body)), files: [] };
  }
  if (type === "multipart/form-data") {
    const boundary = headerParameter(contentType ?? "", "boundary");
    if (boundary) return parseMultipart(body, boundary);
  }
  return { form: new FormFields(), files: [] };
}

function parseMultipart(
  body: Uint8Array,
  boundary: string,
): { form: FormFields; files: UploadedFile[] } {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: [string, string][] = [];
  const files: UploadedFile[] = [];
  let start = buffer.indexOf(delimiter);
  while (start !== -1) {
    let partStart = start + delimiter.length;
    // "--" right after a delimiter closes the body.
    if (buffer[partStart] === 0x2d && buffer[partStart + 1] === 0x2d) break;
    if (buffer[partStart] === 0x0d && buffer[partStart + 1] === 0x0a) partStart += 2;
    const next = buffer.indexOf(delimiter, partStart);
    if (next === -1) break;
    // The CRLF before the next delimiter belongs to the delimiter, not to the content.
    let partEnd = next;
    if (buffer[partEnd - 2] === 0x0d && buffer[partEnd - 1] === 0x0a) partEnd -= 2;
    readPart(buffer.subarray(partStart, partEnd), fields, files);
    start = next;
  }
  return { form: new FormFields(fields), files };
}

function readPart(part: Buffer, fields: [string, string][], files: UploadedFile[]): void {
  const split = part.indexOf("\r\n\r\n");
  if (split === -1) return;
  const headers = new Map<string, string>();
  for (const line of part.subarray(0, split).toString("utf8").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  const disposition = headers.get("content-disposition") ?? "";
  const name = headerParameter(disposition, "name");
  if (name === undefined) return;
  let content: Uint8Array = part.subarray(split + 4);
  if ((headers.get("content-transfer-encoding") ?? "").toLowerCase() === "base64") {
    content = Buffer.from(Buffer.from(content).toString("ascii").replace(/\s+/g, ""), "base64");
  }
  const filename = headerParameter(disposition, "filename");
  if (filename === undefined) {
    fields.push([name, new TextDecoder().decode(content)]);
  } else if (filename !== "") {
    // Django drops file parts sent with an empty file name, as browsers send for an empty input.
    files.push({
      field: name,
      filename,
      contentType: headers.get("content-type") ?? "application/octet-stream",
      bytes: new Uint8Array(content),
    });
  }
}

/** A `key=value` parameter of a header such as Content-Type or Content-Disposition. */
function headerParameter(header: string, key: string): string | undefined {
  const pattern = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, "i");
  const match = pattern.exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2].trim();
}
