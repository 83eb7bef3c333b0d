/**
 * Tags: `tags/` and `tags/{name}/` with its node listings, `update_nodes` and `rebuild`.
 *
 * Tags live in `state.tags`; nodes refer to them by id. Definitions are stored and checked for
 * XPath syntax but not evaluated: the simulator's machines have no hardware XML, so tags change
 * nodes only through `update_nodes`.
 *
 * @module
 */

import { charField, type Fields, FormErrors, overridden } from "../../maas_forms.ts";
import { deleted, json, ReplyError, text } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimMachine } from "../nodes/model.ts";
import { nodeJson } from "../nodes/render.ts";
import type { SimUser } from "../users/model.ts";
import type { SimTag } from "./model.ts";
import { tagJson } from "./render.ts";

const TAG_NAME = /^[a-zA-Z0-9_-]+$/;
const NAME_MAX = 256;

/** Why `definition` is not an XPath expression lxml would compile, or null. */
function xpathProblem(definition: string): string | null {
  const closers: string[] = [];
  let quote: string | null = null;
  for (const char of definition) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "[" || char === "(") {
      closers.push(char === "[" ? "]" : ")");
    } else if (char === "]" || char === ")") {
      if (closers.pop() !== char) return char === "]" ? "Invalid predicate" : "Invalid expression";
    }
  }
  if (quote) return "Unfinished literal";
  if (closers.length > 0) {
    return closers.at(-1) === "]" ? "Invalid predicate" : "Invalid expression";
  }
  // An expression cannot end in an operator or an empty step.
  return /(\/\/|[=<>!|+,])\s*$/.test(definition) ? "Invalid expression" : null;
}

/**
 * TagForm: on update, fields left out keep the tag's values (MAAS fills them in first); on
 * create, optional text left out is `""`. All problems come back in one 400.
 */
function tagForm(state: SimulatorState, sent: Fields, current: SimTag | null): Omit<SimTag, "id"> {
  const data = current
    ? overridden(sent, {
      name: current.name,
      definition: current.definition,
      comment: current.comment,
      kernel_opts: current.kernelOpts,
    })
    : sent;
  const errors = new FormErrors();
  const name = charField(data, "name", errors, { required: true });
  if (name !== "") {
    if (name.length > NAME_MAX) {
      errors.add(
        "name",
        `Ensure this value has at most ${NAME_MAX} characters (it has ${name.length}).`,
      );
    } else if (!TAG_NAME.test(name)) errors.add("name", "Enter a valid value.");
    else if (name !== current?.name && state.tags.named(name)) {
      errors.add("name", "Tag with this Name already exists.");
    }
  }
  const definition = charField(data, "definition", errors);
  const problem = definition === "" ? null : xpathProblem(definition);
  if (problem) errors.add("definition", `Invalid xpath expression: ${problem}`);
  const comment = charField(data, "comment", errors);
  const kernelOpts = charField(data, "kernel_opts", errors);
  errors.throwIfAny();
  return { name, definition, comment, kernelOpts };
}

function findTag(state: SimulatorState, name: string): SimTag {
  const tag = state.tags.named(name);
  if (!tag) throw ReplyError.notFound("Tag");
  return tag;
}

/** Node types, as `node_type` numbers, that each listing answers (MAAS's managers). */
const LISTED: Readonly<Record<string, readonly number[]>> = {
  nodes: [0, 1, 2, 3, 4],
  machines: [0],
  devices: [1],
  // A region and rack controller (type 4) is both.
  rack_controllers: [2, 4],
  region_controllers: [3, 4],
};

function visible(node: SimMachine, user: SimUser): boolean {
  return user.isSuperuser || node.data.owner === null || node.data.owner === user.username;
}

/** The nodes a listing answers that carry `tag`, rendered as their own handlers render them. */
function tagged(ctx: AuthContext, tag: SimTag, listing: string): Record<string, unknown>[] {
  const types = LISTED[listing];
  return [...ctx.state.everyNode()]
    .filter((node) =>
      types.includes(node.data.node_type as number) && node.tagIds.includes(tag.id) &&
      visible(node, ctx.user)
    )
    .map((node) => nodeJson(ctx.state, ctx.line, node));
}

function canEditGlobal(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_global_entities");
}

const LISTING_NOTE = "\n\nAnswers the nodes as their own handlers render them, in id order.";

/**
 * Register `tags/` and `tags/{name}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerTags } from "./routes.ts";
 * registerTags(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerTags(table: RouteTable): void {
  table.resource({
    path: "tags/",
    auth: {
      name: "TagsHandler",
      doc: "Every tag known to this MAAS.",
      actions: {
        "GET read": {
          doc: "List the tags.",
          run: ({ state, line }) => json([...state.tags.values()].map((tag) => tagJson(line, tag))),
        },
        "POST create": {
          doc: "Create a tag (administrators only).\n\n" +
            ":param name: Required. The tag's name: letters, digits, `_` and `-`.\n" +
            ":param comment: Optional. What the tag is for.\n" +
            ":param definition: Optional. An XPath expression over the nodes' hardware details; " +
            "without one the tag is given to nodes by hand.\n" +
            ":param kernel_opts: Optional. Kernel options for the nodes that carry the tag.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const tag = ctx.state.tags.add(tagForm(ctx.state, ctx.data, null));
            return json(tagJson(ctx.line, tag));
          },
        },
      },
    },
  });

  table.resource({
    path: "tags/{name}/",
    auth: {
      name: "TagHandler",
      doc: "One tag, named in the path, and the nodes that carry it.",
      actions: {
        "GET read": {
          doc: "Read a tag.",
          run: ({ state, params, line }) => json(tagJson(line, findTag(state, params.name))),
        },
        "PUT update": {
          doc: "Change a tag (administrators only); the fields left out keep their values, and " +
            "a new name shows on every node that carries the tag.\n\n" +
            ":param name: Optional. The tag's new name.\n" +
            ":param comment: Optional. What the tag is for.\n" +
            ":param definition: Optional. An XPath expression over the nodes' hardware details.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const tag = findTag(ctx.state, ctx.params.name);
            Object.assign(tag, tagForm(ctx.state, ctx.data, tag));
            return json(tagJson(ctx.line, tag));
          },
        },
        "DELETE delete": {
          doc: "Delete a tag (administrators only); the nodes that carried it lose it.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const tag = findTag(ctx.state, ctx.params.name);
            ctx.state.tags.remove(tag.id);
            for (const node of ctx.state.everyNode()) {
              const at = node.tagIds.indexOf(tag.id);
              if (at >= 0) node.tagIds.splice(at, 1);
            }
            return deleted();
          },
        },
        "GET nodes": {
          doc: "List the nodes of every type that carry the tag." + LISTING_NOTE,
          run: (ctx) => json(tagged(ctx, findTag(ctx.state, ctx.params.name), "nodes")),
        },
        "GET machines": {
          doc: "List the machines that carry the tag." + LISTING_NOTE,
          run: (ctx) => json(tagged(ctx, findTag(ctx.state, ctx.params.name), "machines")),
        },
        "GET devices": {
          doc: "List the devices that carry the tag." + LISTING_NOTE,
          run: (ctx) => json(tagged(ctx, findTag(ctx.state, ctx.params.name), "devices")),
        },
        "GET rack_controllers": {
          doc: "List the rack controllers (and region and rack controllers) that carry the tag." +
            LISTING_NOTE,
          run: (ctx) => json(tagged(ctx, findTag(ctx.state, ctx.params.name), "rack_controllers")),
        },
        "GET region_controllers": {
          doc: "List the region controllers (and region and rack controllers) that carry the tag." +
            LISTING_NOTE,
          run: (ctx) =>
            json(tagged(ctx, findTag(ctx.state, ctx.params.name), "region_controllers")),
        },
        "POST update_nodes": {
          doc: "Tag and untag nodes (administrators only). Answers how many of the given nodes " +
            "exist, as `{added, removed}`.\n\n" +
            ":param add: Optional. The system id of a node to tag; repeat for several.\n" +
            ":param remove: Optional. The system id of a node to untag; repeat for several.\n" +
            ":param definition: Optional. When given, it must be the tag's definition, or " +
            "nothing changes (409).\n" +
            ":param rack_controller: Optional. The system id of the rack controller that " +
            "evaluated the definition.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state, data } = ctx;
            const tag = findTag(state, ctx.params.name);
            const definition = data.get("definition");
            if (definition !== undefined && definition !== tag.definition) {
              return text(
                `Definition supplied '${definition}' doesn't match current definition ` +
                  `'${tag.definition}'`,
                409,
              );
            }
            const nodes = (field: string) => {
              const ids = new Set(data.getAll(field));
              return [...state.everyNode()].filter((node) => ids.has(node.data.system_id));
            };
            const toAdd = nodes("add");
            for (const node of toAdd) if (!node.tagIds.includes(tag.id)) node.tagIds.push(tag.id);
            const toRemove = nodes("remove");
            for (const node of toRemove) {
              const at = node.tagIds.indexOf(tag.id);
              if (at >= 0) node.tagIds.splice(at, 1);
            }
            return json({ added: toAdd.length, removed: toRemove.length });
          },
        },
        "POST rebuild": {
          doc: "Ask for the tag's definition to be evaluated against every node again " +
            "(administrators only).",
          run: (ctx) => {
            canEditGlobal(ctx);
            return json({ rebuilding: findTag(ctx.state, ctx.params.name).name });
          },
        },
      },
    },
  });
}
