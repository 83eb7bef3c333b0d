/**
 * DHCP snippets: `dhcp-snippets/` and `dhcp-snippets/{id}/`, with `revert`. A snippet is global,
 * or for one node, or for one subnet (and optionally one IP range of it); every new value is kept
 * as a revision.
 *
 * @module
 */

import { booleanField, type Fields, FormErrors, REQUIRED } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { revert, revise } from "../../versioned_text.ts";
import type { SimSnippet } from "./model.ts";
import { snippetJson } from "./render.ts";

/** A subnet by id, CIDR or `cidr:`/`name:`/`id:` specifier. */
function findSubnetId(state: SimulatorState, specifier: string): number | undefined {
  const [kind, rest] = specifier.includes(":") && !specifier.includes("/")
    ? specifier.split(/:(.*)/s, 2)
    : [null, specifier];
  const subnets = state.site.subnets;
  const found = kind === "name"
    ? subnets.find((subnet) => subnet.name === rest)
    : kind === "cidr"
    ? subnets.find((subnet) => subnet.cidr === rest)
    : /^\d+$/.test(rest)
    ? subnets.find((subnet) => subnet.id === Number(rest))
    : subnets.find((subnet) => subnet.cidr === rest || subnet.name === rest);
  return found?.id;
}

/** A node of any kind by system id or hostname (MAAS's `NodeChoiceField`). */
function findNodeId(state: SimulatorState, specifier: string): string | undefined {
  const node = state.node(specifier) ??
    [...state.everyNode()].find((candidate) => candidate.data.hostname === specifier);
  return node?.data.system_id;
}

function notAChoice(errors: FormErrors, field: string, value: string): void {
  errors.add(field, `Select a valid choice. ${value} is not one of the available choices.`);
}

/**
 * MAAS's `DHCPSnippetForm`, on create (`current` null) or update, where the fields a request
 * leaves out keep their values: the snippet's fields and its new value, if one was sent.
 */
function snippetForm(
  data: Fields,
  state: SimulatorState,
  current: SimSnippet | null,
): { fields: Omit<SimSnippet, "id" | "revisions">; value: string | undefined } {
  const errors = new FormErrors();
  const fields = current ? { ...current } : {
    name: "",
    description: "",
    enabled: true,
    nodeId: null,
    subnetId: null,
    iprangeId: null,
  };
  fields.name = data.get("name") ?? fields.name;
  if (!current && fields.name === "") errors.add("name", REQUIRED);
  const value = data.get("value");
  if (!current && (value === undefined || value === "")) errors.add("value", REQUIRED);
  fields.description = data.get("description") ?? fields.description;
  if (data.has("enabled")) fields.enabled = booleanField(data, "enabled");

  const node = data.get("node");
  let nodeGiven = false;
  if (node !== undefined && node !== "") {
    const id = findNodeId(state, node);
    if (id === undefined) notAChoice(errors, "node", node);
    else {
      nodeGiven = fields.nodeId !== id;
      fields.nodeId = id;
    }
  }
  const subnet = data.get("subnet");
  let subnetGiven = false;
  if (subnet !== undefined && subnet !== "") {
    const id = findSubnetId(state, subnet);
    if (id === undefined) notAChoice(errors, "subnet", subnet);
    else {
      subnetGiven = fields.subnetId !== id;
      fields.subnetId = id;
    }
  }
  const iprange = data.get("iprange");
  if (iprange !== undefined && iprange !== "") {
    if (!/^\d+$/.test(iprange)) notAChoice(errors, "iprange", iprange);
    else fields.iprangeId = Number(iprange);
  }
  errors.throwIfAny();
  // As MAAS's form: global unlinks both; a newly given node drops the subnet and the reverse.
  if (data.has("global_snippet") && booleanField(data, "global_snippet")) {
    fields.nodeId = null;
    fields.subnetId = null;
    fields.iprangeId = null;
  } else if (nodeGiven && !subnetGiven) {
    fields.subnetId = null;
    fields.iprangeId = null;
  } else if (subnetGiven && !nodeGiven) {
    fields.nodeId = null;
  }
  if (fields.nodeId !== null && fields.subnetId !== null) {
    throw ReplyError.invalid({
      __all__: ["A DHCP snippet cannot be enabled on a node and subnet at the same time."],
    });
  }
  if (fields.iprangeId !== null && fields.subnetId === null) {
    // MAAS's own text, missing space included.
    throw ReplyError.invalid({
      __all__: ["A DHCP snippet cannot be enabled on an iprange withouta parent subnet"],
    });
  }
  return { fields, value };
}

function findSnippet(ctx: AuthContext): SimSnippet {
  const id = ctx.params.id;
  const found = /^\d+$/.test(id) ? ctx.state.dhcpSnippets.get(Number(id)) : undefined;
  if (!found) throw ReplyError.notFound("DHCPSnippet");
  return found;
}

function canEditGlobal(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_global_entities");
}

const FORM_PARAMS = ":param name: Required. Name.\n" +
  ":param value: Required. The dhcpd configuration text.\n" +
  ":param description: Optional. Free text.\n" +
  ":param enabled: Optional. Whether it is used (default true).\n" +
  ":param node: Optional. System id or hostname of the node it applies to.\n" +
  ":param subnet: Optional. Id or CIDR of the subnet it applies to.\n" +
  ":param iprange: Optional. Id of an IP range of that subnet.\n" +
  ":param global_snippet: Optional. Apply it to everything.";

/**
 * Register `dhcp-snippets/` and `dhcp-snippets/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerDHCPSnippets } from "./routes.ts";
 * registerDHCPSnippets(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerDHCPSnippets(table: RouteTable): void {
  table.resource({
    path: "dhcp-snippets/",
    auth: {
      name: "DHCPSnippetsHandler",
      doc: "Extra dhcpd configuration (deprecated in favour of reserved IPs, still served).",
      actions: {
        "GET read": {
          doc: "List every DHCP snippet.",
          run: ({ state, line }) =>
            json([...state.dhcpSnippets.all()].map((s) => snippetJson(state, line, s))),
        },
        "POST create": {
          doc: "Create a DHCP snippet (administrators only).\n\n" + FORM_PARAMS,
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const { fields, value } = snippetForm(ctx.data, state, null);
            const revisions = [] as SimSnippet["revisions"];
            revise(revisions, value!, null, () => state.nextId("revision"));
            const created = state.dhcpSnippets.add({ ...fields, revisions });
            return json(snippetJson(state, ctx.line, created));
          },
        },
      },
    },
  });

  table.resource({
    path: "dhcp-snippets/{id}/",
    auth: {
      name: "DHCPSnippetHandler",
      doc: "One DHCP snippet, by id.",
      actions: {
        "GET read": {
          doc: "Read a DHCP snippet.",
          run: (ctx) => json(snippetJson(ctx.state, ctx.line, findSnippet(ctx))),
        },
        "PUT update": {
          doc: "Update a DHCP snippet (administrators only); a new value becomes a new " +
            "revision.\n\n" + FORM_PARAMS.replace(/Required\./g, "Optional."),
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const snippet = findSnippet(ctx);
            const { fields, value } = snippetForm(ctx.data, state, snippet);
            Object.assign(snippet, fields);
            if (value !== undefined) {
              revise(snippet.revisions, value, null, () => state.nextId("revision"));
            }
            return json(snippetJson(state, ctx.line, snippet));
          },
        },
        "DELETE delete": {
          doc: "Delete a DHCP snippet (administrators only).",
          run: (ctx) => {
            canEditGlobal(ctx);
            ctx.state.dhcpSnippets.remove(findSnippet(ctx).id);
            return deleted();
          },
        },
        "POST revert": {
          doc:
            "Go back to an earlier value (administrators only); newer revisions are dropped.\n\n" +
            ":param to: Required. A revision id, or a negative number of steps back.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const given = ctx.data.get("to");
            if (given === undefined) {
              throw ReplyError.badRequest("You must specify where to revert to");
            }
            if (!/^\s*[-+]?\d+\s*$/.test(given)) {
              throw ReplyError.badRequest(`${given} is an invalid 'to' value`);
            }
            const snippet = findSnippet(ctx);
            revert(snippet.revisions, Number(given));
            return json(snippetJson(ctx.state, ctx.line, snippet));
          },
        },
      },
    },
  });
}
