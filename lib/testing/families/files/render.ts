/**
 * Stored files as MAAS renders them: in lists, with their name and anonymous address; read one by
 * one, with their content too.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimFile } from "./model.ts";

/**
 * The address anyone can download a file from, without credentials.
 *
 * @example
 * ```ts
 * import { anonUri } from "./render.ts";
 * console.log(anonUri({ filename: "a", ownerId: 1, key: "k1", content: new Uint8Array() }));
 * // "/MAAS/api/2.0/files/?op=get_by_key&key=k1"
 * ```
 */
export function anonUri(file: SimFile): string {
  return apiUri(`files/?${new URLSearchParams({ op: "get_by_key", key: file.key })}`);
}

/**
 * A file as `files/` lists it.
 *
 * @example
 * ```ts
 * import { fileJson } from "./render.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * const file = { filename: "a b", ownerId: 1, key: "k", content: new Uint8Array() };
 * console.log(fileJson(MaasLine.get("3.8"), file).resource_uri); // "/MAAS/api/2.0/files/a%20b/"
 * ```
 */
export function fileJson(line: MaasLine, file: SimFile): Record<string, unknown> {
  return line.shape("FileHandler", {
    filename: file.filename,
    anon_resource_uri: anonUri(file),
    resource_uri: apiUri(`files/${encodeURIComponent(file.filename)}/`),
  });
}

/**
 * A file as `files/{filename}/` reads it: its list fields and its content in base64 (MAAS writes
 * this one answer by hand, beside its handler's fields).
 *
 * @example
 * ```ts
 * import { fileWithContentJson } from "./render.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * const file = { filename: "a", ownerId: 1, key: "k", content: new TextEncoder().encode("hi") };
 * console.log(fileWithContentJson(MaasLine.get("3.8"), file).content); // "aGk="
 * ```
 */
export function fileWithContentJson(line: MaasLine, file: SimFile): Record<string, unknown> {
  return { ...fileJson(line, file), content: Buffer.from(file.content).toString("base64") };
}
