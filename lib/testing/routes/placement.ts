/**
 * Placement: physical zones (`zones/`, `zones/{name}/`, keyed by name) and resource pools
 * (`resourcepools/`, `resourcepool/{id}/`, keyed by id or name). Both live in `state.site`, where
 * nodes refer to them; renaming one updates the nodes that embed it.
 *
 * @module
 */

import { poolJson, type SimMachine, type SimPlace, zoneJson } from "../inventory.ts";
import { deleted, json, MaasError } from "../reply.ts";
import type { AuthContext, RouteTable } from "../routes.ts";
import type { SimulatorState } from "../state.ts";
import { nodeStore } from "./nodes.ts";

// Django's MODEL_NAME_VALIDATOR, `^\w[ \w-]*$`, with Python's Unicode `\w`.
const MODEL_NAME = /^[\p{L}\p{N}_][ \p{L}\p{N}_-]*$/u;
const NAME_MAX = 256;

/**
 * ZoneForm and ResourcePoolForm: missing fields keep `current`'s values, as MAAS's API forms do;
 * every problem comes back in one 400 of field errors.
 */
function placeForm(
  data: { get(name: string): string | undefined },
  existing: readonly SimPlace[],
  current: SimPlace | null,
  verboseName: string,
): { name: string; description: string } {
  const name = (data.get("name") ?? current?.name ?? "").trim();
  const description = data.get("description") ?? current?.description ?? "";
  const errors: Record<string, string[]> = {};
  if (name === "") errors.name = ["This field is required."];
  else if (name.length > NAME_MAX) {
    errors.name = [`Ensure this value has at most ${NAME_MAX} characters (it has ${name.length}).`];
  } else if (!MODEL_NAME.test(name)) errors.name = ["Enter a valid value."];
  else if (existing.some((place) => place.name === name && place !== current)) {
    errors.name = [`${verboseName} with this Name already exists.`];
  }
  if (Object.keys(errors).length > 0) throw MaasError.invalid(errors);
  return { name, description };
}

function byName(a: SimPlace, b: SimPlace): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function nextPlaceId(places: readonly SimPlace[]): number {
  return places.reduce((max, place) => Math.max(max, place.id), 0) + 1;
}

/** Machines, devices and controllers: every node that has a zone (machines have a pool too). */
function allNodes(state: SimulatorState): SimMachine[] {
  const store = nodeStore(state);
  return [...state.machines.values(), ...store.devices.values(), ...store.controllers.values()];
}

function placeIdOf(node: SimMachine, field: "zone" | "pool"): number | undefined {
  return (node.data[field] as { id?: number } | undefined)?.id;
}

/** Nodes embed zones and pools by value: refresh the copies after a change. */
function refreshNodes(state: SimulatorState, field: "zone" | "pool", place: SimPlace): void {
  const render = field === "zone" ? zoneJson : poolJson;
  for (const node of allNodes(state)) {
    if (placeIdOf(node, field) === place.id) node.data[field] = render(place);
  }
}

function findPool(state: SimulatorState, specifier: string): SimPlace {
  const text = specifier.trim();
  const pool = /^\d+$/.test(text)
    ? state.site.pools.find((candidate) => candidate.id === Number(text))
    : state.site.pools.find((candidate) => candidate.name === text);
  if (!pool) throw MaasError.notFound("ResourcePool");
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
 * import { RouteTable } from "../routes.ts";
 * import { registerPlacement } from "./placement.ts";
 * const table = new RouteTable();
 * registerPlacement(table);
 * ```
 */
export function registerPlacement(table: RouteTable): void {
  table.resource({
    path: "zones/",
    auth: {
      name: "ZonesHandler",
      doc: "The physical zones machines are placed in.",
      actions: {
        "GET": {
          doc: "List every zone, sorted by name. The zone `default` always exists.",
          run: ({ state }) => json([...state.site.zones].sort(byName).map(zoneJson)),
        },
        "POST": {
          doc: "Create a zone (administrators only).\n\n" +
            ":param name: Required. The zone's name.\n:param description: Optional. Free text.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const zones = ctx.state.site.zones;
            const zone = {
              id: nextPlaceId(zones),
              ...placeForm(ctx.data, zones, null, "Physical zone"),
            };
            zones.push(zone);
            return json(zoneJson(zone));
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
        "GET": {
          doc: "Read a zone.",
          run: ({ state, params }) => {
            const zone = state.site.zones.find((candidate) => candidate.name === params.name);
            if (!zone) throw MaasError.notFound("Zone");
            return json(zoneJson(zone));
          },
        },
        "PUT": {
          doc: "Change a zone's name or description (administrators only).\n\n" +
            ":param name: Optional. New name.\n:param description: Optional. New description.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state, params } = ctx;
            const zone = state.site.zones.find((candidate) => candidate.name === params.name);
            if (!zone) throw MaasError.notFound("Zone");
            Object.assign(zone, placeForm(ctx.data, state.site.zones, zone, "Physical zone"));
            refreshNodes(state, "zone", zone);
            return json(zoneJson(zone));
          },
        },
        "DELETE": {
          doc: "Delete a zone (administrators only); its machines move to the default zone. " +
            "The default zone cannot be deleted.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const zones = ctx.state.site.zones;
            const index = zones.findIndex((candidate) => candidate.name === ctx.params.name);
            if (index < 0) return deleted();
            // The site lists the default zone first, whatever it has been renamed to.
            if (index === 0) {
              throw MaasError.badRequest("This zone is the default zone, it cannot be deleted.");
            }
            const [zone] = zones.splice(index, 1);
            for (const node of allNodes(ctx.state)) {
              if (placeIdOf(node, "zone") === zone.id) node.data.zone = zoneJson(zones[0]);
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
        "GET": {
          doc: "List every resource pool, sorted by name. Pool 0, `default`, always exists.",
          run: ({ state }) => json([...state.site.pools].sort(byName).map(poolJson)),
        },
        "POST": {
          doc: "Create a resource pool (administrators only).\n\n" +
            ":param name: Required. The pool's name.\n:param description: Optional. Free text.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const pools = ctx.state.site.pools;
            const pool = {
              id: nextPlaceId(pools),
              ...placeForm(ctx.data, pools, null, "Resource pool"),
            };
            pools.push(pool);
            return json(poolJson(pool));
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
        "GET": {
          doc: "Read a resource pool.",
          run: ({ state, params }) => json(poolJson(findPool(state, params.id))),
        },
        "PUT": {
          doc: "Change a pool's name or description (administrators only).\n\n" +
            ":param name: Optional. New name.\n:param description: Optional. New description.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state, params } = ctx;
            const pool = findPool(state, params.id);
            Object.assign(pool, placeForm(ctx.data, state.site.pools, pool, "Resource pool"));
            refreshNodes(state, "pool", pool);
            return json(poolJson(pool));
          },
        },
        "DELETE": {
          doc: "Delete a resource pool (administrators only). The default pool, and a pool " +
            "that still has machines, cannot be deleted.",
          run: (ctx) => {
            canEditGlobal(ctx);
            const { state, params } = ctx;
            const pool = findPool(state, params.id);
            if (pool.id === 0) {
              throw MaasError.badRequest("This is the default pool, it cannot be deleted.");
            }
            if (allNodes(state).some((node) => placeIdOf(node, "pool") === pool.id)) {
              throw MaasError.badRequest("Pool has machines in it, it cannot be deleted.");
            }
            state.site.pools.splice(state.site.pools.indexOf(pool), 1);
            return deleted();
          },
        },
      },
    },
  });
}
