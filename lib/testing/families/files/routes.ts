/**
 * `files/` and `files/{filename}/`: each user's stored files, and their anonymous download by key.
 *
 * @module
 */

import { getMandatoryParam } from "../../maas_forms.ts";
import { deleted, HTML_TYPE, json, type Reply, ReplyError, text } from "../../reply.ts";
import type { ActionContext, AuthContext, RouteTable } from "../../routes.ts";
import type { SimFile } from "./model.ts";
import { fileJson, fileWithContentJson } from "./render.ts";

function owned(ctx: AuthContext, filename: string): SimFile | undefined {
  return ctx.state.files.owned(ctx.user.id, filename);
}

/** The raw content, as Django's `HttpResponse` sends it: with its default content type. */
function content(file: SimFile): Reply {
  return { status: 200, contentType: HTML_TYPE, body: file.content };
}

function getByKey(ctx: ActionContext): Reply {
  const file = ctx.state.files.byKey(getMandatoryParam(ctx.query, "key"));
  if (!file) throw ReplyError.notFound("FileStorage");
  return content(file);
}

/**
 * Register `files/` and `files/{filename}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerFiles } from "./routes.ts";
 * registerFiles(new RouteTable(MaasLine.get("3.8")));
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
        "GET read": {
          doc: "List the user's files by name, optionally those starting with `prefix`.",
          run: (ctx) => {
            const prefix = ctx.query.get("prefix");
            const files = ctx.state.files.all
              .filter((f) => f.ownerId === ctx.user.id)
              .filter((f) => prefix === undefined || f.filename.startsWith(prefix))
              .sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
            return json(files.map((file) => fileJson(ctx.line, file)));
          },
        },
        "GET get": {
          doc: "Download one of the user's files by `filename`.",
          run: (ctx) => {
            const file = owned(ctx, getMandatoryParam(ctx.query, "filename"));
            if (!file) throw new ReplyError(text("File not found", 404));
            return content(file);
          },
        },
        "GET get_by_key": { doc: "Download a file by its key.", run: getByKey },
        "POST create": {
          doc: "Store the multipart part `file` as `filename`, replacing a file of that name.",
          run: (ctx) => {
            const filename = ctx.data.get("filename");
            if (!filename) throw ReplyError.badRequest("Filename not supplied");
            if (ctx.files.length === 0) throw ReplyError.badRequest("File not supplied");
            if (ctx.files.length !== 1) {
              throw ReplyError.badRequest("Exactly one file must be supplied");
            }
            const part = ctx.files[0];
            if (part.field !== "file") throw ReplyError.badRequest("File not supplied");
            ctx.state.files.store({
              filename,
              ownerId: ctx.user.id,
              key: crypto.randomUUID(),
              content: part.bytes,
            });
            return { status: 201, contentType: HTML_TYPE, body: "" };
          },
        },
        "DELETE delete": {
          doc: "Delete one of the user's files by `filename` (given in the query).",
          run: (ctx) => {
            return remove(ctx, getMandatoryParam(ctx.query, "filename"));
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
        "GET read": {
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
            return json(fileWithContentJson(ctx.line, file));
          },
        },
        "DELETE delete": {
          doc: "Delete a file.",
          run: (ctx) => remove(ctx, ctx.params.filename),
        },
      },
    },
  });
}

function remove(ctx: AuthContext, filename: string): Reply {
  const file = owned(ctx, filename);
  if (!file || !ctx.state.files.remove(file)) throw ReplyError.notFound("FileStorage");
  return deleted();
}
