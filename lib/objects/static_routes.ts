/**
 * Static routes (`static-routes/`, `static-routes/{id}/`): from a source subnet to a destination
 * subnet through a gateway in the source.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function routes(client: Client) {
 *   for (const route of await client.staticRoutes.list()) console.log(String(route));
 * }
 * ```
 *
 * @module
 */

import { type CallOptions, defineObject, MaasObject, Namespace, nested } from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { SPECIFIER, type SpecifierRef } from "./network_codecs.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";
import { Subnet } from "./subnets.ts";

/** What a new static route takes. */
export interface CreateStaticRouteOptions extends ExtraParams {
  /** The subnet the route starts from (a subnet, its id or a specifier). */
  source: SpecifierRef;
  /** The subnet the route leads to. */
  destination: SpecifierRef;
  /** The gateway, an address in the source subnet. */
  gatewayIp: string;
  /** The route's weight (0 by default). */
  metric?: number;
}

/** What a static route's `save()` sends: its changed fields. */
interface StaticRouteChanges {
  source?: SpecifierRef;
  destination?: SpecifierRef;
  gatewayIp?: string;
  metric?: number;
}

/** The static routes family as MAAS's API has it: `static-routes/` and `static-routes/{id}/`. */
export const STATIC_ROUTES = family({
  name: "staticRoutes",
  handlers: { StaticRoutesHandler: "static-routes/", StaticRouteHandler: "static-routes/{id}/" },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    gatewayIp: { wire: "gateway_ip", kind: "string", writable: true },
    metric: { wire: "metric", kind: "integer", writable: true },
  },
  ops: {
    list: op({
      handler: "StaticRoutesHandler",
      method: "GET",
      typed: ["client.staticRoutes.list()"],
    }),
    create: op<CreateStaticRouteOptions>({
      handler: "StaticRoutesHandler",
      method: "POST",
      typed: ["client.staticRoutes.create()"],
      params: {
        source: { wire: "source", kind: SPECIFIER, required: true },
        destination: { wire: "destination", kind: SPECIFIER, required: true },
        gatewayIp: { wire: "gateway_ip", kind: "string", required: true },
        metric: { wire: "metric", kind: "integer" },
      },
    }),
    read: op({
      handler: "StaticRouteHandler",
      method: "GET",
      typed: ["client.staticRoutes.get()", "route.refresh()"],
    }),
    update: op<StaticRouteChanges>({
      handler: "StaticRouteHandler",
      method: "PUT",
      typed: ["route.save()"],
      params: {
        source: { wire: "source", kind: SPECIFIER },
        destination: { wire: "destination", kind: SPECIFIER },
        gatewayIp: { wire: "gateway_ip", kind: "string" },
        metric: { wire: "metric", kind: "integer" },
      },
    }),
    delete: op({ handler: "StaticRouteHandler", method: "DELETE", typed: ["route.delete()"] }),
  },
});

/**
 * A static route. Change its subnets, gateway or metric and `save()`.
 *
 * @example
 * ```ts
 * import type { StaticRoute } from "@libmaas/client";
 * async function prefer(route: StaticRoute) {
 *   route.metric = 10;
 *   await route.save();
 * }
 * ```
 */
export class StaticRoute extends MaasObject {
  /** Route id. */
  declare readonly id: number;
  /** Gateway address (in the source subnet). */
  declare gatewayIp: string;
  /** Weight of the route. */
  declare metric: number;

  /** The subnet the route starts from; set another (or its id or specifier) and `save()`. */
  get source(): Subnet | null {
    return nested(this.client, this.get("source"), Subnet);
  }
  set source(value: SpecifierRef | Subnet) {
    this.set("source", value);
  }

  /** The subnet the route leads to; set another (or its id or specifier) and `save()`. */
  get destination(): Subnet | null {
    return nested(this.client, this.get("destination"), Subnet);
  }
  set destination(value: SpecifierRef | Subnet) {
    this.set("destination", value);
  }

  /** `static-routes/{id}/`. */
  get resourcePath(): string {
    return pathOf(STATIC_ROUTES.ops.read.path, this.data);
  }

  /** `StaticRoute 1 10.0.0.0/24 -> 10.1.0.0/24 via 10.0.0.1`. */
  toString(): string {
    return `StaticRoute ${this.id} ${this.source?.cidr} -> ${this.destination?.cidr} via ${this.gatewayIp}`;
  }
}
defineObject(StaticRoute, STATIC_ROUTES.fields, {
  read: STATIC_ROUTES.ops.read,
  update: STATIC_ROUTES.ops.update,
  delete: STATIC_ROUTES.ops.delete,
});

/**
 * `client.staticRoutes`: list, read and create static routes.
 *
 * @example
 * ```ts
 * import type { Client, Subnet } from "@libmaas/client";
 * async function route(client: Client, from: Subnet, to: Subnet) {
 *   return await client.staticRoutes.create({ source: from, destination: to, gatewayIp: "10.0.0.1" });
 * }
 * ```
 */
export class StaticRoutes extends Namespace {
  /** Every static route. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<StaticRoute[]> {
    return await listOf(this.context, STATIC_ROUTES.ops.list, StaticRoute, "static routes", {
      params,
      call: options,
    });
  }

  /** One route by id; a missing one raises `NotFoundError`. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<StaticRoute> {
    return await oneOf(this.context, STATIC_ROUTES.ops.read, StaticRoute, "a static route", {
      path: { id },
      params,
      call: options,
    });
  }

  /** Creates a route (administrators only). */
  async create(params: CreateStaticRouteOptions, options?: CallOptions): Promise<StaticRoute> {
    return await oneOf(this.context, STATIC_ROUTES.ops.create, StaticRoute, "a static route", {
      params,
      call: options,
    });
  }
}
