/**
 * Scripts: `scripts/` and `scripts/{name}` (a name or an id; no trailing slash), with `download`,
 * `add_tag`, `remove_tag` and `revert`. New content becomes a revision; MAAS's own scripts take
 * only new tags and a new time limit.
 *
 * @module
 */

import { intParam, missingParam, stringBool } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import { revert, revise } from "../../versioned_text.ts";
import { hardwareType, refuseOnDefault, scriptForm, type ScriptSent, scriptType } from "./form.ts";
import { normaliseTags, type SimScript } from "./model.ts";
import { scriptJson } from "./render.ts";

/** The name and content of a request: a `script` field or file part, or one file named otherwise. */
function sentScript(ctx: AuthContext): ScriptSent {
  const part = ctx.files.find((file) => file.field === "script") ??
    (ctx.files.length === 1 ? ctx.files[0] : undefined);
  if (!part) return { name: ctx.data.get("name"), content: ctx.data.get("script") };
  return {
    // A file part of another name names the script, as MAAS reads `request.FILES`.
    name: part.field === "script" ? ctx.data.get("name") : part.field,
    content: new TextDecoder().decode(part.bytes),
  };
}

function findScript(ctx: AuthContext): SimScript {
  const found = ctx.state.scripts.find(ctx.params.name);
  if (!found) throw ReplyError.notFound("Script");
  return found;
}

/** The `tag` of `add_tag` and `remove_tag`. */
function tagOf(ctx: AuthContext): string {
  const tag = ctx.data.get("tag");
  if (tag === undefined) throw missingParam("tag");
  return tag;
}

function canEditGlobal(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_global_entities");
}

/** A list filter of `scripts/`: 400 with the form error's text when the value is not one. */
function filterValue(value: string | undefined, parse: (value: string) => number | string) {
  if (value === undefined) return undefined;
  const parsed = parse(value);
  if (typeof parsed === "string") throw ReplyError.badRequest(`['${parsed}']`);
  return parsed;
}

const FORM_PARAMS = ":param title: Optional. Title.\n" +
  ":param description: Optional. What it does.\n" +
  ":param tags: Optional. Comma-separated tags.\n" +
  ":param type: Optional. commissioning, testing (default), release or deployment.\n" +
  ":param hardware_type: Optional. node (default), cpu, memory, storage, network or gpu.\n" +
  ":param parallel: Optional. disabled (default), instance or any.\n" +
  ":param timeout: Optional. Seconds, or H:MM:SS; 0 is none.\n" +
  ":param destructive: Optional. Whether it overwrites disks.\n" +
  ":param script: Optional. The content, as a file part; it must start with #!.\n" +
  ":param comment: Optional. A comment for this revision.\n" +
  ":param for_hardware: Optional. modalias:, pci: or usb: identifiers.\n" +
  ":param may_reboot: Optional. Whether it may reboot the machine.\n" +
  ":param recommission: Optional. Rerun built-in commissioning scripts after it.\n" +
  ":param apply_configured_networking: Optional. Apply the configured networking first.";

/**
 * Register `scripts/` and `scripts/{name}`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerScripts } from "./routes.ts";
 * registerScripts(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerScripts(table: RouteTable): void {
  table.resource({
    path: "scripts/",
    auth: {
      name: "NodeScriptsHandler",
      doc: "Commissioning, testing, release and deployment scripts.",
      actions: {
        "GET read": {
          doc: "List stored scripts.\n\n" +
            ":param type: Optional. commissioning, testing, release or deployment.\n" +
            ":param hardware_type: Optional. node, cpu, memory, storage, network or gpu.\n" +
            ":param include_script: Optional. Include each revision's content, base64-encoded.\n" +
            ":param filters: Optional. Comma-separated names or tags.",
          run: ({ state, line, query }) => {
            const type = filterValue(query.get("type"), scriptType);
            const hardware = filterValue(query.get("hardware_type"), hardwareType);
            const include = stringBool(query, "include_script", false);
            const filters = query.get("filters");
            const wanted = new Set(filters?.split(","));
            const scripts = [...state.scripts.all()].filter((script) =>
              (type === undefined || script.type === type) &&
              (hardware === undefined || script.hardwareType === hardware) &&
              (filters === undefined || wanted.has(script.name) ||
                script.tags.some((tag) => wanted.has(tag)))
            );
            return json(scripts.map((script) => scriptJson(line, script, include)));
          },
        },
        "POST create": {
          doc: "Store a new script (administrators only).\n\n" +
            ":param name: Required. Unique name.\n" +
            FORM_PARAMS.replace(":param script: Optional.", ":param script: Required."),
          run: (ctx) => {
            canEditGlobal(ctx);
            const scripts = ctx.state.scripts;
            const { fields, content, comment } = scriptForm(
              scripts,
              ctx.data,
              sentScript(ctx),
              null,
            );
            const script = scripts.add(fields);
            revise(script.revisions, content!, comment, scripts.nextRevisionId);
            return json(scriptJson(ctx.line, script));
          },
        },
      },
    },
  });

  table.resource({
    path: "scripts/{name}",
    auth: {
      name: "NodeScriptHandler",
      doc: "One stored script, by name or id.",
      actions: {
        "GET read": {
          doc: "Read a script's metadata.\n\n" +
            ":param include_script: Optional. Include each revision's content, base64-encoded.",
          run: (ctx) =>
            json(
              scriptJson(ctx.line, findScript(ctx), stringBool(ctx.query, "include_script", false)),
            ),
        },
        "GET download": {
          doc: "Download a script's content.\n\n" +
            ":param revision: Optional. A revision id (rev also works); the current one otherwise.",
          run: (ctx) => {
            const script = findScript(ctx);
            const wanted = intParam(ctx.query, "revision") ?? intParam(ctx.query, "rev");
            const revision = wanted === undefined
              ? script.revisions[0]
              : script.revisions.find((candidate) => candidate.id === wanted);
            if (!revision) throw ReplyError.badRequest(`${wanted} not found in history`);
            return { status: 200, contentType: "application/binary", body: revision.data };
          },
        },
        "PUT update": {
          doc: "Update a script (administrators only); new content becomes a new revision. " +
            "Default scripts only take tags and timeout.\n\n" + FORM_PARAMS,
          run: (ctx) => {
            canEditGlobal(ctx);
            const scripts = ctx.state.scripts;
            const script = findScript(ctx);
            const changes = scriptForm(scripts, ctx.data, sentScript(ctx), script);
            Object.assign(script, changes.fields);
            if (changes.content !== undefined) {
              revise(script.revisions, changes.content, changes.comment, scripts.nextRevisionId);
            }
            return json(scriptJson(ctx.line, script));
          },
        },
        "DELETE delete": {
          doc: "Delete a script (administrators only); default scripts cannot be deleted.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const script = findScript(ctx);
            refuseOnDefault(script, "delete");
            ctx.state.scripts.remove(script.id);
            return deleted();
          },
        },
        "POST add_tag": {
          doc: "Add a tag (administrators only).\n\n:param tag: Required. The tag, without commas.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const tag = tagOf(ctx);
            if (tag.includes(",")) throw ReplyError.badRequest('Tag may not contain a ",".');
            const script = findScript(ctx);
            if (!script.tags.includes(tag)) script.tags = [...script.tags, tag];
            normaliseTags(script);
            return json(scriptJson(ctx.line, script));
          },
        },
        "POST remove_tag": {
          doc: "Remove a tag (administrators only).\n\n:param tag: Required. The tag.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const tag = tagOf(ctx);
            const script = findScript(ctx);
            script.tags = script.tags.filter((existing) => existing !== tag);
            normaliseTags(script);
            return json(scriptJson(ctx.line, script));
          },
        },
        "POST revert": {
          doc: "Go back to an earlier content revision (administrators only); newer ones are " +
            "dropped. Default scripts cannot be reverted.\n\n" +
            ":param to: Required. A revision id, or a negative number of steps back.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const to = intParam(ctx.data, "to", { mandatory: true })!;
            const script = findScript(ctx);
            refuseOnDefault(script, "revert");
            revert(script.revisions, to);
            return json(scriptJson(ctx.line, script));
          },
        },
      },
    },
  });
}
