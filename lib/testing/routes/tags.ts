/**
 * Tags: `tags/` and `tags/{name}/` with its node listings, `update_nodes` and `rebuild`.
 *
 * Which tags exist is `state.site.tags` (the names nodes' `tag_names` and the `tags` filters
 * use); what else a tag has (comment, definition, kernel options) is kept here beside it.
 * Definitions are stored and checked for XPath syntax but not evaluated: the simulator's machines
 * have no hardware XML, so tags change nodes only through `update_nodes`.
 *
 * @module
 */

import type { SimMachine } from "../inventory.ts";
import { deleted, json, MaasError, text } from "../reply.ts";
import type { AuthContext, RouteTable } from "../routes.ts";
import type { SimulatorState, SimUser } from "../state.ts";
import { nodeStore } from "./nodes.ts";

const API = "/MAAS/api/2.0/";
const TAG_NAME = /^[a-zA-Z0-9_-]+$/;
const NAME_MAX = 256;

/**
 * What a tag holds besides its name.
 *
 * @example
 * ```ts
 * import type { SimTagDetails } from "./tags.ts";
 * const details: SimTagDetails = { comment: "", definition: "//node[@class='display']", kernelOpts: "" };
 * ```
 */
export interface SimTagDetails {
  /** What the tag is for. */
  comment: string;
  /** XPath over hardware details, empty for a manual tag. */
  definition: string;
  /** Kernel options for nodes with the tag. */
  kernelOpts: string;
}

const DETAILS = new WeakMap<SimulatorState, Map<string, SimTagDetails>>();

/**
 * The details of the tags of a simulator (tags the site already had start blank).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../state.ts";
 * import { tagDetails } from "./tags.ts";
 * const state = new SimulatorState();
 * console.log(tagDetails(state, "gpu").comment); // ""
 * ```
 */
export function tagDetails(state: SimulatorState, name: string): SimTagDetails {
  let map = DETAILS.get(state);
  if (!map) DETAILS.set(state, map = new Map());
  let details = map.get(name);
  if (!details) map.set(name, details = { comment: "", definition: "", kernelOpts: "" });
  return details;
}

function tagJson(state: SimulatorState, name: string): Record<string, unknown> {
  const details = tagDetails(state, name);
  return {
    name,
    definition: details.definition,
    comment: details.comment,
    kernel_opts: details.kernelOpts,
    resource_uri: `${API}tags/${encodeURIComponent(name)}/`,
  };
}

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

/** TagForm: missing fields keep the current values; all problems in one 400. */
function tagForm(
  state: SimulatorState,
  data: { get(name: string): string | undefined },
  current: string | null,
): { name: string } & SimTagDetails {
  const old = current === null ? null : tagDetails(state, current);
  const name = (data.get("name") ?? current ?? "").trim();
  const definition = (data.get("definition") ?? old?.definition ?? "").trim();
  const errors: Record<string, string[]> = {};
  if (name === "") errors.name = ["This field is required."];
  else if (name.length > NAME_MAX) {
    errors.name = [`Ensure this value has at most ${NAME_MAX} characters (it has ${name.length}).`];
  } else if (!TAG_NAME.test(name)) errors.name = ["Enter a valid value."];
  else if (name !== current && state.site.tags.includes(name)) {
    errors.name = ["Tag with this Name already exists."];
  }
  const problem = definition === "" ? null : xpathProblem(definition);
  if (problem) errors.definition = [`Invalid xpath expression: ${problem}`];
  if (Object.keys(errors).length > 0) throw MaasError.invalid(errors);
  return {
    name,
    definition,
    comment: data.get("comment") ?? old?.comment ?? "",
    kernelOpts: data.get("kernel_opts") ?? old?.kernelOpts ?? "",
  };
}

function findTag(state: SimulatorState, name: string): string {
  if (!state.site.tags.includes(name)) throw MaasError.notFound("Tag");
  return name;
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

/** Every node: machines first, then devices and controllers (MAAS's id order). */
function allNodes(state: SimulatorState): SimMachine[] {
  const store = nodeStore(state);
  return [...state.machines.values(), ...store.devices.values(), ...store.controllers.values()];
}

function visible(node: SimMachine, user: SimUser): boolean {
  return user.isSuperuser || node.data.owner === null || node.data.owner === user.username;
}

/** The nodes a listing answers that carry `name`, rendered as their own handlers render them. */
function tagged(
  state: SimulatorState,
  name: string,
  user: SimUser,
  listing: string,
): Record<string, unknown>[] {
  const types = LISTED[listing];
  return allNodes(state)
    .filter((node) =>
      types.includes(node.data.node_type as number) && node.data.tag_names.includes(name) &&
      visible(node, user)
    )
    .map((node) => {
      const type = node.data.node_type as number;
      if (type === 0) return node.data;
      // A region and rack controller renders as a rack controller, as MAAS's as_self() makes it.
      const collection = type === 1
        ? "devices"
        : type === 3
        ? "regioncontrollers"
        : "rackcontrollers";
      return { ...node.data, resource_uri: `${API}${collection}/${node.data.system_id}/` };
    });
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
 * import { RouteTable } from "../routes.ts";
 * import { registerTags } from "./tags.ts";
 * const table = new RouteTable();
 * registerTags(table);
 * ```
 */
export function registerTags(table: RouteTable): void {
  table.resource({
    path: "tags/",
    auth: {
      name: "TagsHandler",
      doc: "Every tag known to this MAAS.",
      actions: {
        "GET": {
          doc: "List the tags.",
          run: ({ state }) => json(state.site.tags.map((name) => tagJson(state, name))),
        },
        "POST": {
          doc: "Create a tag (administrators only).\n\n" +
            ":param name: Required. Letters, digits, `_` and `-`.\n" +
            ":param comment: Optional. What the tag is for.\n" +
            ":param definition: Optional. XPath over the nodes' hardware details.\n" +
            ":param kernel_opts: Optional. Kernel options for nodes with the tag.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const { name, ...details } = tagForm(state, ctx.data, null);
            Object.assign(tagDetails(state, name), details);
            state.site.tags.push(name);
            return json(tagJson(state, name));
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
        "GET": {
          doc: "Read a tag.",
          run: ({ state, params }) => json(tagJson(state, findTag(state, params.name))),
        },
        "PUT": {
          doc: "Change a tag (administrators only); a new name renames it on every node.\n\n" +
            ":param name: Optional.\n:param comment: Optional.\n:param definition: Optional.\n" +
            ":param kernel_opts: Optional.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const old = findTag(state, ctx.params.name);
            const { name, ...details } = tagForm(state, ctx.data, old);
            if (name !== old) {
              const tags = state.site.tags;
              tags[tags.indexOf(old)] = name;
              for (const node of allNodes(state)) {
                const names = node.data.tag_names;
                const at = names.indexOf(old);
                if (at >= 0) names[at] = name;
              }
              DETAILS.get(state)?.delete(old);
            }
            Object.assign(tagDetails(state, name), details);
            return json(tagJson(state, name));
          },
        },
        "DELETE": {
          doc: "Delete a tag (administrators only); nodes lose it.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const name = findTag(state, ctx.params.name);
            state.site.tags.splice(state.site.tags.indexOf(name), 1);
            for (const node of allNodes(state)) {
              const names = node.data.tag_names;
              const at = names.indexOf(name);
              if (at >= 0) names.splice(at, 1);
            }
            DETAILS.get(state)?.delete(name);
            return deleted();
          },
        },
        "GET nodes": {
          doc: "List the nodes of every type that carry the tag." + LISTING_NOTE,
          run: ({ state, params, user }) =>
            json(tagged(state, findTag(state, params.name), user, "nodes")),
        },
        "GET machines": {
          doc: "List the machines that carry the tag." + LISTING_NOTE,
          run: ({ state, params, user }) =>
            json(tagged(state, findTag(state, params.name), user, "machines")),
        },
        "GET devices": {
          doc: "List the devices that carry the tag." + LISTING_NOTE,
          run: ({ state, params, user }) =>
            json(tagged(state, findTag(state, params.name), user, "devices")),
        },
        "GET rack_controllers": {
          doc: "List the rack controllers (and region and rack controllers) that carry the tag." +
            LISTING_NOTE,
          run: ({ state, params, user }) =>
            json(tagged(state, findTag(state, params.name), user, "rack_controllers")),
        },
        "GET region_controllers": {
          doc: "List the region controllers (and region and rack controllers) that carry the tag." +
            LISTING_NOTE,
          run: ({ state, params, user }) =>
            json(tagged(state, findTag(state, params.name), user, "region_controllers")),
        },
        "POST update_nodes": {
          doc: "Tag and untag nodes (administrators only). Answers how many of the given nodes " +
            "exist, as `{added, removed}`.\n\n" +
            ":param add: Optional, repeatable. System ids to tag.\n" +
            ":param remove: Optional, repeatable. System ids to untag.\n" +
            ":param definition: Optional. Must equal the tag's definition, or nothing changes " +
            "(409).",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state, data } = ctx;
            const name = findTag(state, ctx.params.name);
            const current = tagDetails(state, name).definition;
            const definition = data.get("definition");
            if (definition !== undefined && definition !== current) {
              return text(
                `Definition supplied '${definition}' doesn't match current definition '${current}'`,
                409,
              );
            }
            const everyNode = allNodes(state);
            const nodes = (field: string) => {
              const ids = new Set(data.getAll(field));
              return everyNode.filter((node) => ids.has(node.data.system_id));
            };
            const toAdd = nodes("add");
            for (const node of toAdd) {
              if (!node.data.tag_names.includes(name)) node.data.tag_names.push(name);
            }
            const toRemove = nodes("remove");
            for (const node of toRemove) {
              const at = node.data.tag_names.indexOf(name);
              if (at >= 0) node.data.tag_names.splice(at, 1);
            }
            return json({ added: toAdd.length, removed: toRemove.length });
          },
        },
        "POST rebuild": {
          doc: "Ask for the tag's definition to be evaluated against every node again " +
            "(administrators only).",
          run: (ctx) => {
            canEditGlobal(ctx);
            return json({ rebuilding: findTag(ctx.state, ctx.params.name) });
          },
        },
      },
    },
  });
}
