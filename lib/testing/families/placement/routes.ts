/**
 * Placement: physical zones (`zones/`, `zones/{name}/`, keyed by name) and resource pools
 * (`resourcepools/`, `resourcepool/{id}/`, keyed by id or name). Nodes refer to them by id, so a
 * renamed zone or pool shows on every node at once.
 *
 * @module
 */

import { charField, type Fields, FormErrors, overridden } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimPool, SimZone } from "./model.ts";
import { poolJson, zoneJson } from "./render.ts";

// Django's MODEL_NAME_VALIDATOR, `^\w[ \w-]*$`, with Python's Unicode `\w`.
const MODEL_NAME = /^[\p{L}\p{N}_][ \p{L}\p{N}_-]*$/u;
const NAME_MAX = 256;

/**
 * ZoneForm and ResourcePoolForm: on update, fields left out keep `current`'s values (MAAS fills
 * them in first); on create, a description left out is `""`. Every problem comes back in one 400
 * of field errors.
 */
function placeForm(
  sent: Fields,
  taken: (name: string) => boolean,
  current: SimZone | SimPool | null,
  verboseName: string,
): { name: string; description: string } {
  const data = current
    ? overridden(sent, { name: current.name, description: current.description })
    : sent;
  const errors = new FormErrors();
  const name = charField(data, "name", errors, { required: true });
  const description = charField(data, "description", errors);
  if (name !== "" && !errors.has("name")) {
    if (name.length > NAME_MAX) {
      errors.add(
        "name",
        `Ensure this value has at most ${NAME_MAX} characters (it has ${name.length}).`,
      );
    } else if (!MODEL_NAME.test(name)) {
      errors.add("name", "Enter a valid value.");
    } else if (name !== current?.name && taken(name)) {
      errors.add("name", `${verboseName} with this Name already exists.`);
    }
  }
  errors.throwIfAny();
  return { name, description };
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function findZone(state: SimulatorState, name: string): SimZone {
  const zone = state.placement.zoneNamed(name);
  if (!zone) throw ReplyError.notFound("Zone");
  return zone;
}

/** A pool by id or, for text that is not a number, by name (MAAS's pool specifiers). */
function findPool(state: SimulatorState, specifier: string): SimPool {
  const text = specifier.trim();
  const pool = /^\d+$/.test(text)
    ? state.placement.pools.get(Number(text))
    : state.placement.poolNamed(text);
  if (!pool) throw ReplyError.notFound("ResourcePool");
  return pool;
}

function canEditGlobal(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_global_entities");
}

/**
 * Register `zones/`, `zones/{name}/`, `resourcepools/` and `resourcepool/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerPlacement } from "./routes.ts";
 * registerPlacement(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerPlacement(table: RouteTable): void {
  table.resource({
    path: "zones/",
    auth: {
      name: "ZonesHandler",
      doc: "The physical zones machines are placed in.",
      actions: {
        "GET read": {
          doc: "List every zone, sorted by name. The default zone always exists.",
          run: ({ state, line }) =>
            json([...state.placement.zones.values()].sort(byName).map((z) => zoneJson(line, z))),
        },
        "POST create": {
          doc: "Create a zone (administrators only).\n\n" +
            ":param name: Required. The new zone's name: letters, digits, spaces, `_` and `-`.\n" +
            ":param description: Optional. What the zone is, in a few words.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { placement } = ctx.state;
            const fields = placeForm(
              ctx.data,
              (name) => placement.zoneNamed(name) !== undefined,
              null,
              "Physical zone",
            );
            const zone: SimZone = { id: placement.nextId("zone"), ...fields };
            placement.zones.set(zone.id, zone);
            return json(zoneJson(ctx.line, zone));
          },
        },
      },
    },
  });

  table.resource({
    path: "zones/{name}/",
    auth: {
      name: "ZoneHandler",
      doc: "One physical zone, named in the path.",
      actions: {
        "GET read": {
          doc: "Read a zone.",
          run: ({ state, params, line }) => json(zoneJson(line, findZone(state, params.name))),
        },
        "PUT update": {
          doc: "Change a zone's name or description (administrators only); the fields left " +
            "out keep their values.\n\n" +
            ":param name: Optional. The zone's new name.\n" +
            ":param description: Optional. The zone's new description.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { placement } = ctx.state;
            const zone = findZone(ctx.state, ctx.params.name);
            Object.assign(
              zone,
              placeForm(
                ctx.data,
                (name) => placement.zoneNamed(name) !== undefined,
                zone,
                "Physical zone",
              ),
            );
            return json(zoneJson(ctx.line, zone));
          },
        },
        "DELETE delete": {
          doc: "Delete a zone (administrators only); its nodes move to the default zone, which " +
            "cannot be deleted.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const zone = state.placement.zoneNamed(ctx.params.name);
            if (!zone) return deleted();
            if (zone.id === state.placement.defaultZoneId) {
              throw ReplyError.badRequest("This zone is the default zone, it cannot be deleted.");
            }
            state.placement.zones.delete(zone.id);
            for (const node of state.everyNode()) {
              if (node.zoneId === zone.id) node.zoneId = state.placement.defaultZoneId;
            }
            return deleted();
          },
        },
      },
    },
  });

  table.resource({
    path: "resourcepools/",
    auth: {
      name: "ResourcePoolsHandler",
      doc: "Resource pools: sets of machines users can be given access to.",
      actions: {
        "GET read": {
          doc: "List every resource pool, sorted by name. Pool 0, the default one, always exists.",
          run: ({ state, line }) =>
            json([...state.placement.pools.values()].sort(byName).map((p) => poolJson(line, p))),
        },
        "POST create": {
          doc: "Create a resource pool (administrators only).\n\n" +
            ":param name: Required. The new pool's name: letters, digits, spaces, `_` and `-`.\n" +
            ":param description: Optional. What the pool is for, in a few words.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { placement } = ctx.state;
            const fields = placeForm(
              ctx.data,
              (name) => placement.poolNamed(name) !== undefined,
              null,
              "Resource pool",
            );
            const pool: SimPool = { id: placement.nextId("pool"), ...fields };
            placement.pools.set(pool.id, pool);
            return json(poolJson(ctx.line, pool));
          },
        },
      },
    },
  });

  table.resource({
    path: "resourcepool/{id}/",
    auth: {
      name: "ResourcePoolHandler",
      doc: "One resource pool, by id or name.",
      actions: {
        "GET read": {
          doc: "Read a resource pool.",
          run: ({ state, params, line }) => json(poolJson(line, findPool(state, params.id))),
        },
        "PUT update": {
          doc: "Change a pool's name or description (administrators only); the fields left out " +
            "keep their values.\n\n" +
            ":param name: Optional. The pool's new name.\n" +
            ":param description: Optional. The pool's new description.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { placement } = ctx.state;
            const pool = findPool(ctx.state, ctx.params.id);
            Object.assign(
              pool,
              placeForm(
                ctx.data,
                (name) => placement.poolNamed(name) !== undefined,
                pool,
                "Resource pool",
              ),
            );
            return json(poolJson(ctx.line, pool));
          },
        },
        "DELETE delete": {
          doc: "Delete a resource pool (administrators only). The default pool, and a pool " +
            "that still has machines, cannot be deleted.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state } = ctx;
            const pool = findPool(state, ctx.params.id);
            if (pool.id === state.placement.defaultPool.id) {
              throw ReplyError.badRequest("This is the default pool, it cannot be deleted.");
            }
            if ([...state.machines.values()].some((machine) => machine.poolId === pool.id)) {
              throw ReplyError.badRequest("Pool has machines in it, it cannot be deleted.");
            }
            state.placement.pools.delete(pool.id);
            return deleted();
          },
        },
      },
    },
  });
}
