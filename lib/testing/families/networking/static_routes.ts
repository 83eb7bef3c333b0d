/**
 * Static routes (`static-routes/`, `static-routes/{id}/`): from a source subnet to a destination
 * subnet through a gateway in the source.
 *
 * @module
 */

import { FormErrors } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import { contains, parseAddress, parseNetwork } from "./addresses.ts";
import { INVALID_CHOICE, INVALID_IP, requireGlobalEdit, sentInteger } from "./forms.ts";
import type { SimStaticRoute } from "./model.ts";
import { staticRouteJson } from "./render.ts";
import { findSubnet } from "./usage.ts";

const REQUIRED = "This field is required.";

/** StaticRouteForm: create (`current` null) or change a route; what is left out stays. */
function saveRoute(ctx: AuthContext, current: SimStaticRoute | null): SimStaticRoute {
  const { state, data } = ctx;
  const networking = state.networking;
  const errors = new FormErrors();
  const subnetField = (field: "source" | "destination", fallback: number | undefined) => {
    if (!data.has(field) && current) return networking.subnet(fallback);
    const given = (data.get(field) ?? "").trim();
    if (given === "") errors.add(field, REQUIRED);
    else {
      const found = findSubnet(state, given);
      if (found) return found;
      errors.add(field, INVALID_CHOICE);
    }
    return undefined;
  };
  const source = subnetField("source", current?.sourceId);
  const destination = subnetField("destination", current?.destinationId);
  let gatewayIp = current?.gatewayIp;
  if (data.has("gateway_ip") || !current) {
    const given = (data.get("gateway_ip") ?? "").trim();
    if (given === "") errors.add("gateway_ip", REQUIRED);
    else if (!parseAddress(given)) errors.add("gateway_ip", INVALID_IP);
    else gatewayIp = given;
  }
  const metric = sentInteger(data, "metric", errors, { min: 0 });
  if (gatewayIp && source && !errors.has("gateway_ip")) {
    if (!contains(parseNetwork(source.cidr)!, parseAddress(gatewayIp)!)) {
      errors.add("gateway_ip", `Enter an IP address in ${source.cidr}.`);
    }
  }
  errors.throwIfAny();
  const all: string[] = [];
  if (source === destination) all.push("source and destination cannot be the same subnet.");
  else if (parseNetwork(source!.cidr)!.version !== parseNetwork(destination!.cidr)!.version) {
    all.push("source and destination must be the same IP version.");
  }
  const duplicate = [...networking.staticRoutes.values()].some((route) =>
    route !== current && route.sourceId === source!.id &&
    route.destinationId === destination!.id && route.gatewayIp === gatewayIp
  );
  if (duplicate) {
    all.push("Static route with this Source, Destination and Gateway ip already exists.");
  }
  if (all.length > 0) throw ReplyError.invalid({ __all__: all });
  const route = current ?? {
    id: networking.nextId("staticroute"),
    sourceId: source!.id,
    destinationId: destination!.id,
    gatewayIp: gatewayIp!,
    metric: 0,
  };
  route.sourceId = source!.id;
  route.destinationId = destination!.id;
  route.gatewayIp = gatewayIp!;
  if (typeof metric === "number") route.metric = metric;
  if (!current) networking.staticRoutes.set(route.id, route);
  return route;
}

/**
 * Register `static-routes/` and `static-routes/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerStaticRoutes } from "./static_routes.ts";
 * registerStaticRoutes(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerStaticRoutes(table: RouteTable): void {
  const routeOf = (ctx: AuthContext) => {
    const route = /^\d+$/.test(ctx.params.id)
      ? ctx.state.networking.staticRoutes.get(Number(ctx.params.id))
      : undefined;
    if (!route) throw ReplyError.notFound("StaticRoute");
    return route;
  };
  const params = (flag: string) =>
    `:param source: ${flag}. The subnet the route starts from (id or specifier).\n` +
    `:param destination: ${flag}. The subnet the route leads to (id or specifier).\n` +
    `:param gateway_ip: ${flag}. The gateway, an address in the source subnet.\n` +
    ":param metric: Optional. The route's weight (0 by default).";
  table.resource({
    path: "static-routes/",
    auth: {
      name: "StaticRoutesHandler",
      doc: "The static routes between subnets.",
      actions: {
        "GET read": {
          doc: "List every static route.",
          run: ({ state }) =>
            json(
              [...state.networking.staticRoutes.values()].map((route) =>
                staticRouteJson(state, route)
              ),
            ),
        },
        "POST create": {
          doc: "Create a static route (administrators only).\n\n" + params("Required"),
          run: (ctx) => {
            requireGlobalEdit(ctx);
            return json(staticRouteJson(ctx.state, saveRoute(ctx, null)));
          },
        },
      },
    },
  });
  table.resource({
    path: "static-routes/{id}/",
    auth: {
      name: "StaticRouteHandler",
      doc: "One static route.",
      actions: {
        "GET read": {
          doc: "Read a static route.",
          run: (ctx) => json(staticRouteJson(ctx.state, routeOf(ctx))),
        },
        "PUT update": {
          doc: "Change a static route (administrators only); what is left out stays.\n\n" +
            params("Optional"),
          run: (ctx) => {
            const route = routeOf(ctx);
            ctx.requireAdmin();
            return json(staticRouteJson(ctx.state, saveRoute(ctx, route)));
          },
        },
        "DELETE delete": {
          doc: "Delete a static route (administrators only).",
          run: (ctx) => {
            const route = routeOf(ctx);
            ctx.requireAdmin();
            ctx.state.networking.staticRoutes.delete(route.id);
            return deleted();
          },
        },
      },
    },
  });
}
