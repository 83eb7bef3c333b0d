/**
 * `files/` and `files/{filename}/`: each user's stored files, and their anonymous download by key.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { deleted, HTML_TYPE, json, MaasError, missingParam, type Reply, text } from "../reply.ts";
import type { ActionContext, AuthContext, RouteTable } from "../routes.ts";
import type { SimulatorState } from "../state.ts";

const API = "/MAAS/api/2.0/";

/**
 * A stored file.
 *
 * @example
 * ```ts
 * import type { SimFile } from "./files.ts";
 * const file: SimFile = { filename: "a.txt", owner: "admin", key: "k", content: new Uint8Array() };
 * ```
 */
export interface SimFile {
  /** The name, unique per owner. */
  filename: string;
  /** The owner's username. */
  owner: string;
  /** The unguessable key of the anonymous address (a UUID). */
  key: string;
  /** The bytes. */
  content: Uint8Array;
}

const stores = new WeakMap<SimulatorState, SimFile[]>();

/**
 * The stored files of a simulator, for tests that look behind the API.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { storedFiles } from "./files.ts";
 * await using sim = await MaasSimulator.start();
 * console.log(storedFiles(sim.state).length); // 0
 * ```
 */
export function storedFiles(state: SimulatorState): SimFile[] {
  let files = stores.get(state);
  if (!files) stores.set(state, files = []);
  return files;
}

function anonUri(file: SimFile): string {
  return `${API}files/?${new URLSearchParams({ op: "get_by_key", key: file.key })}`;
}

function listJson(file: SimFile): Record<string, unknown> {
  return {
    filename: file.filename,
    anon_resource_uri: anonUri(file),
    resource_uri: `${API}files/${encodeURIComponent(file.filename)}/`,
  };
}

function owned(ctx: AuthContext, filename: string): SimFile | undefined {
  return storedFiles(ctx.state).find((f) =>
    f.owner === ctx.user.username && f.filename === filename
  );
}

/** The raw content, as Django's `HttpResponse` sends it: with its default content type. */
function content(file: SimFile): Reply {
  return { status: 200, contentType: HTML_TYPE, body: file.content };
}

function getByKey(ctx: ActionContext): Reply {
  const key = ctx.query.get("key");
  if (key === undefined) throw missingParam("key");
  const file = storedFiles(ctx.state).find((f) => f.key === key);
  if (!file) throw MaasError.notFound("FileStorage");
  return content(file);
}

/**
 * Register `files/` and `files/{filename}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../routes.ts";
 * import { registerFiles } from "./files.ts";
 * registerFiles(new RouteTable());
 * ```
 */
export function registerFiles(table: RouteTable): void {
  table.resource({
    path: "files/",
    anon: {
      name: "AnonFilesHandler",
      doc: "Files anyone holding a file's key may download.",
      actions: {
        "GET get_by_key": {
          doc: "Download a file by its key, without credentials.",
          run: getByKey,
        },
      },
    },
    auth: {
      name: "FilesHandler",
      doc: "The files of the current user.",
      actions: {
        "GET": {
          doc: "List the user's files by name, optionally those starting with `prefix`.",
          run: (ctx) => {
            const prefix = ctx.query.get("prefix");
            const files = storedFiles(ctx.state)
              .filter((f) => f.owner === ctx.user.username)
              .filter((f) => prefix === undefined || f.filename.startsWith(prefix))
              .sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
            return json(files.map(listJson));
          },
        },
        "GET get": {
          doc: "Download one of the user's files by `filename`.",
          run: (ctx) => {
            const filename = ctx.query.get("filename");
            if (filename === undefined) throw missingParam("filename");
            const file = owned(ctx, filename);
            if (!file) throw new MaasError(text("File not found", 404));
            return content(file);
          },
        },
        "GET get_by_key": { doc: "Download a file by its key.", run: getByKey },
        "POST": {
          doc: "Store the multipart part `file` as `filename`, replacing a file of that name.",
          run: (ctx) => {
            const filename = ctx.data.get("filename");
            if (!filename) throw MaasError.badRequest("Filename not supplied");
            if (ctx.files.length === 0) throw MaasError.badRequest("File not supplied");
            if (ctx.files.length !== 1) {
              throw MaasError.badRequest("Exactly one file must be supplied");
            }
            const part = ctx.files[0];
            if (part.field !== "file") throw MaasError.badRequest("File not supplied");
            const existing = owned(ctx, filename);
            if (existing) {
              existing.content = part.bytes;
            } else {
              storedFiles(ctx.state).push({
                filename,
                owner: ctx.user.username,
                key: crypto.randomUUID(),
                content: part.bytes,
              });
            }
            return { status: 201, contentType: HTML_TYPE, body: "" };
          },
        },
        "DELETE": {
          doc: "Delete one of the user's files by `filename` (given in the query).",
          run: (ctx) => {
            const filename = ctx.query.get("filename");
            if (filename === undefined) throw missingParam("filename");
            return remove(ctx, filename);
          },
        },
      },
    },
  });

  table.resource({
    path: "files/{filename}/",
    auth: {
      name: "FileHandler",
      doc: "One file of the current user.",
      actions: {
        "GET": {
          doc: "Read a file: its name, anonymous address and base64 content.",
          run: (ctx) => {
            const file = owned(ctx, ctx.params.filename);
            if (!file) {
              // MAAS marks this 404 so that clients can tell a missing file from a missing endpoint.
              return {
                status: 404,
                contentType: HTML_TYPE,
                body: "Not Found",
                headers: { Workaround: "bug1123986" },
              };
            }
            return json({
              filename: file.filename,
              anon_resource_uri: anonUri(file),
              content: Buffer.from(file.content).toString("base64"),
              resource_uri: `${API}files/${encodeURIComponent(file.filename)}/`,
            });
          },
        },
        "DELETE": {
          doc: "Delete a file.",
          run: (ctx) => remove(ctx, ctx.params.filename),
        },
      },
    },
  });
}

function remove(ctx: AuthContext, filename: string): Reply {
  const files = storedFiles(ctx.state);
  const index = files.findIndex((f) => f.owner === ctx.user.username && f.filename === filename);
  if (index === -1) throw MaasError.notFound("FileStorage");
  files.splice(index, 1);
  return deleted();
}
