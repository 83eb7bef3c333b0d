/**
 * Spaces (`spaces/`, `spaces/{id}/`): VLANs grouped by purpose. VLANs without a space are in
 * MAAS's `undefined` pseudo-space (id -1), listed while such VLANs exist and never changed.
 *
 * @module
 */

import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { findSpace, nameField, requireGlobalEdit } from "./forms.ts";
import { type SimSpace, UNDEFINED_SPACE } from "./model.ts";
import { spaceJson } from "./render.ts";

/** The space named by `id` (an id or name); null for the `undefined` pseudo-space. */
function spaceOf(state: SimulatorState, id: string): SimSpace | null {
  const hasUndefined = state.networking.vlans.some((vlan) => vlan.space === UNDEFINED_SPACE);
  if (id === "-1" || (id === UNDEFINED_SPACE && hasUndefined)) return null;
  const found = findSpace(state, id);
  if (!found) throw ReplyError.notFound("Space");
  return found;
}

function saveSpace(ctx: AuthContext, current: SimSpace | null): SimSpace {
  const { state, data } = ctx;
  const networking = state.networking;
  let name = nameField(data, "space", current, networking.spaces.values());
  const space = current ?? { id: networking.nextId("space"), name: "", description: "" };
  if (name === "") name = `space-${space.id}`;
  const previous = space.name;
  space.name = name;
  if (data.has("description")) space.description = data.get("description") ?? "";
  if (!current) networking.spaces.set(space.id, space);
  else if (previous !== name) networking.renameSpace(previous, name);
  return space;
}

/**
 * Register `spaces/` and `spaces/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerSpaces } from "./spaces.ts";
 * registerSpaces(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerSpaces(table: RouteTable): void {
  const params = ":param name: Optional. The space's name (`space-N` when left out).\n" +
    ":param description: Optional. What the space is for.";
  table.resource({
    path: "spaces/",
    auth: {
      name: "SpacesHandler",
      doc: "The spaces: VLANs grouped by purpose.",
      actions: {
        "GET read": {
          doc: "List every space, and `undefined` while VLANs without a space exist.",
          run: ({ state }) => {
            const spaces = [...state.networking.spaces.values()].sort((a, b) => a.id - b.id)
              .map((space) => spaceJson(state, space));
            if (state.networking.vlans.some((vlan) => vlan.space === UNDEFINED_SPACE)) {
              spaces.push(spaceJson(state, null));
            }
            return json(spaces);
          },
        },
        "POST create": {
          doc: "Create a space (administrators only).\n\n" + params,
          run: (ctx) => {
            requireGlobalEdit(ctx);
            return json(spaceJson(ctx.state, saveSpace(ctx, null)));
          },
        },
      },
    },
  });
  table.resource({
    path: "spaces/{id}/",
    auth: {
      name: "SpaceHandler",
      doc: "One space, by id or name.",
      actions: {
        "GET read": {
          doc: "Read a space with its VLANs and subnets.",
          run: (ctx) => json(spaceJson(ctx.state, spaceOf(ctx.state, ctx.params.id))),
        },
        "PUT update": {
          doc: "Change a space (administrators only); what is left out stays.\n\n" + params,
          run: (ctx) => {
            if (ctx.params.id === "-1" || ctx.params.id === UNDEFINED_SPACE) {
              throw ReplyError.badRequest(`Space cannot be modified: ${UNDEFINED_SPACE}`);
            }
            const space = spaceOf(ctx.state, ctx.params.id)!;
            ctx.requireAdmin();
            return json(spaceJson(ctx.state, saveSpace(ctx, space)));
          },
        },
        "DELETE delete": {
          doc: "Delete a space (administrators only); its VLANs are left without one.",
          run: (ctx) => {
            if (ctx.params.id === "-1" || ctx.params.id === UNDEFINED_SPACE) {
              throw ReplyError.badRequest(`Space cannot be deleted: ${UNDEFINED_SPACE}`);
            }
            const space = spaceOf(ctx.state, ctx.params.id)!;
            ctx.requireAdmin();
            ctx.state.networking.spaces.delete(space.id);
            ctx.state.networking.renameSpace(space.name, UNDEFINED_SPACE);
            return deleted();
          },
        },
      },
    },
  });
}
