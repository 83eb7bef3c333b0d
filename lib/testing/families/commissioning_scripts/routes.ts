/**
 * Commissioning scripts, MAAS's older address for scripts: `commissioning-scripts/` and
 * `commissioning-scripts/{name}` (no trailing slash), administrators only. They are the scripts
 * family's records: the list names the commissioning scripts, one script reads as its content,
 * and what this address stores or changes becomes a commissioning script, its content sent as a
 * `content` file part.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { missingParam } from "../../maas_forms.ts";
import { deleted, HTML_TYPE, json, ReplyError, text } from "../../reply.ts";
import { apiUri } from "../../routes.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import { revise } from "../../versioned_text.ts";
import { scriptForm } from "../scripts/form.ts";
import { COMMISSIONING, type SimScript } from "../scripts/model.ts";

const DEPRECATED = "The commissioning-scripts endpoint is deprecated. " +
  "Please use the node-scripts endpoint.";

/** MAAS serves this address through a resource restricted to administrators. */
function adminsOnly(ctx: AuthContext): void {
  if (!ctx.user.isSuperuser) throw ReplyError.forbidden("User is not allowed access to this API.");
}

/** The uploaded `content` file, which MAAS reads with `get_mandatory_param`. */
function contentOf(ctx: AuthContext): string {
  const part = ctx.files.find((file) => file.field === "content");
  if (!part) throw missingParam("content");
  return new TextDecoder().decode(part.bytes);
}

/**
 * MAAS's script form with the content from the `content` file and the type set to
 * commissioning: a new script (`current` null) or `current` changed, with a new revision.
 */
function storeScript(ctx: AuthContext, current: SimScript | null): SimScript {
  const content = contentOf(ctx);
  const scripts = ctx.state.scripts;
  const sent = { name: ctx.data.get("name"), content, type: COMMISSIONING };
  const { fields, comment } = scriptForm(scripts, ctx.data, sent, current);
  const script = current ? Object.assign(current, fields) : scripts.add(fields);
  revise(script.revisions, content, comment, scripts.nextRevisionId);
  return script;
}

/** Any script by name: MAAS looks it up without regard to its type. */
function findScript(ctx: AuthContext): SimScript {
  const found = ctx.state.scripts.named(ctx.params.name);
  if (!found) throw ReplyError.notFound("Script");
  return found;
}

/**
 * Register `commissioning-scripts/` and `commissioning-scripts/{name}`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerCommissioningScripts } from "./routes.ts";
 * registerCommissioningScripts(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerCommissioningScripts(table: RouteTable): void {
  table.resource({
    path: "commissioning-scripts/",
    auth: {
      name: "CommissioningScriptsHandler",
      doc: "Commissioning scripts, by their older address (administrators only; scripts/ " +
        "replaces it).",
      actions: {
        "GET read": {
          doc: "List the names of the commissioning scripts, sorted.",
          run: (ctx) => {
            adminsOnly(ctx);
            return json(
              [...ctx.state.scripts.all()]
                .filter((script) => script.type === COMMISSIONING)
                .map((script) => script.name)
                .sort(),
            );
          },
        },
        "POST create": {
          doc: "Store a new commissioning script: its name, and its content as a file part " +
            "named content. Answers the name, the content (base64) and a deprecation notice.",
          run: (ctx) => {
            adminsOnly(ctx);
            const script = storeScript(ctx, null);
            return json({
              name: script.name,
              content: Buffer.from(script.revisions[0].data).toString("base64"),
              deprecated: DEPRECATED,
              resource_uri: apiUri(`commissioning-scripts/${encodeURIComponent(script.name)}`),
            });
          },
        },
      },
    },
  });

  table.resource({
    path: "commissioning-scripts/{name}",
    auth: {
      name: "CommissioningScriptHandler",
      doc: "One script by name, by its older address (administrators only).",
      actions: {
        "GET read": {
          doc: "Read a script's current content.",
          run: (ctx) => {
            adminsOnly(ctx);
            const script = findScript(ctx);
            return {
              status: 200,
              contentType: "application/binary",
              body: script.revisions[0]?.data ?? "",
            };
          },
        },
        "PUT update": {
          doc: "Store new content (a file part named content) and make the script a " +
            "commissioning script.",
          run: (ctx) => {
            adminsOnly(ctx);
            storeScript(ctx, findScript(ctx));
            return text("OK", 200, HTML_TYPE);
          },
        },
        "DELETE delete": {
          doc: "Delete a script; this older address deletes MAAS's own scripts too.",
          run: (ctx) => {
            adminsOnly(ctx);
            ctx.state.scripts.remove(findScript(ctx).id);
            return deleted();
          },
        },
      },
    },
  });
}
