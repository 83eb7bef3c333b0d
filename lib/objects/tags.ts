/**
 * Tags: labels on nodes, set by hand or computed by MAAS from an XPath definition evaluated
 * against each node's hardware details.
 *
 * This family is the worked example of the conventions in `lib/objects/mod.ts`: {@linkcode TAGS}
 * says everything about the wire, the classes and their JSDoc everything about the types.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function gpuMachines(client: Client): Promise<string[]> {
 *   const tag = await client.tags.get("gpu");
 *   return (await tag.machines()).map((machine) => machine.hostname);
 * }
 * ```
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { type NodeRef, SYSTEM_IDS } from "./codecs.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import { Machine } from "./machines.ts";
import { Device } from "./devices.ts";
import { Node } from "./nodes.ts";
import { RackController } from "./rack_controllers.ts";
import { RegionController } from "./region_controllers.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";
import { expectList, expectObject } from "./wire.ts";

export type { NodeRef };

/** What a new tag takes. */
export interface CreateTagOptions extends ExtraParams {
  /** Name: letters, digits, `_` and `-`. */
  name: string;
  /** What the tag is for, in words. */
  comment?: string;
  /** XPath over the nodes' hardware details (`lshw -xml` and friends); empty for a manual tag. */
  definition?: string;
  /** Kernel options added when a node with this tag boots. */
  kernelOpts?: string;
}

/** What {@linkcode Tag.updateNodes} takes. */
export interface UpdateTagNodesOptions extends ExtraParams {
  /** Nodes to tag. */
  add?: NodeRef | readonly NodeRef[];
  /** Nodes to untag. */
  remove?: NodeRef | readonly NodeRef[];
  /**
   * The definition the caller believes the tag has; when it differs from the server's, MAAS
   * changes nothing and answers 409 (`ConflictError`).
   */
  definition?: string;
  /**
   * The rack controller reporting the nodes (MAAS 2.9 and 3.0 only, where racks evaluated tag
   * definitions themselves).
   */
  rackController?: string;
}

/** The fields a tag's `save()` sends: those of {@linkcode Tag} that may be changed. */
interface TagChanges {
  name?: string;
  comment?: string;
  definition?: string;
  kernelOpts?: string;
}

/**
 * The tags family as MAAS's API has it: `tags/` and `tags/{name}/`, the fields of a tag, and
 * every op with its parameters.
 */
export const TAGS = family({
  name: "tags",
  handlers: { TagsHandler: "tags/", TagHandler: "tags/{name}/" },
  pathParams: { name: "string" },
  fields: {
    name: { wire: "name", kind: "string", writable: true },
    comment: { wire: "comment", kind: "string", writable: true },
    definition: { wire: "definition", kind: "string", writable: true },
    kernelOpts: { wire: "kernel_opts", kind: "string", writable: true },
  },
  ops: {
    list: op({ handler: "TagsHandler", method: "GET", typed: ["client.tags.list()"] }),
    create: op<CreateTagOptions>({
      handler: "TagsHandler",
      method: "POST",
      typed: ["client.tags.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        comment: { wire: "comment", kind: "string" },
        definition: { wire: "definition", kind: "string" },
        kernelOpts: { wire: "kernel_opts", kind: "string" },
      },
    }),
    read: op({
      handler: "TagHandler",
      method: "GET",
      typed: ["client.tags.get()", "tag.refresh()"],
    }),
    update: op<TagChanges>({
      handler: "TagHandler",
      method: "PUT",
      typed: ["tag.save()"],
      params: {
        // A rename: the new name goes in the body of the old name's path.
        name: { wire: "name", kind: "string" },
        comment: { wire: "comment", kind: "string" },
        definition: { wire: "definition", kind: "string" },
        kernelOpts: { wire: "kernel_opts", kind: "string" },
      },
    }),
    delete: op({ handler: "TagHandler", method: "DELETE", typed: ["tag.delete()"] }),
    nodes: op({ handler: "TagHandler", method: "GET", op: "nodes", typed: ["tag.nodes()"] }),
    machines: op({
      handler: "TagHandler",
      method: "GET",
      op: "machines",
      typed: ["tag.machines()"],
    }),
    devices: op({ handler: "TagHandler", method: "GET", op: "devices", typed: ["tag.devices()"] }),
    rackControllers: op({
      handler: "TagHandler",
      method: "GET",
      op: "rack_controllers",
      typed: ["tag.rackControllers()"],
    }),
    regionControllers: op({
      handler: "TagHandler",
      method: "GET",
      op: "region_controllers",
      typed: ["tag.regionControllers()"],
    }),
    updateNodes: op<UpdateTagNodesOptions>({
      handler: "TagHandler",
      method: "POST",
      op: "update_nodes",
      typed: ["tag.updateNodes()"],
      params: {
        add: { wire: "add", kind: SYSTEM_IDS },
        remove: { wire: "remove", kind: SYSTEM_IDS },
        definition: { wire: "definition", kind: "string" },
        rackController: { wire: "rack_controller", kind: "string", lines: ["2.9", "3.0"] },
      },
    }),
    rebuild: op({ handler: "TagHandler", method: "POST", op: "rebuild", typed: ["tag.rebuild()"] }),
  },
});

/** What MAAS answers to `update_nodes`: how many of the given nodes exist, per list. */
export interface TagNodeCounts {
  /** Nodes of `add` that exist (now tagged). */
  added: number;
  /** Nodes of `remove` that exist (now untagged). */
  removed: number;
}

/**
 * A tag. Its name is its key: a rename through {@linkcode MaasObject.save} is sent to the path of
 * the name the tag had until the server has accepted the new one.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function tagged(client: Client): Promise<string[]> {
 *   const tag = await client.tags.get("gpu");
 *   return (await tag.machines()).map((machine) => machine.hostname);
 * }
 * ```
 */
export class Tag extends MaasObject {
  /** Tag name (the key in paths); writable. */
  declare name: string;
  /** What the tag is for, in words; writable. */
  declare comment: string;
  /**
   * XPath evaluated against each node's hardware details; empty for a tag set by hand. Writable:
   * a new definition makes MAAS re-evaluate the tag on every node.
   */
  declare definition: string;
  /** Kernel options added when a node with this tag boots; writable. */
  declare kernelOpts: string;

  /** `tags/{name}/`, with the name as last saved. */
  get resourcePath(): string {
    return pathOf(TAGS.ops.read.path, this.data);
  }

  /** `Tag gpu` or `Tag gpu (//node[@class="display"])`. */
  toString(): string {
    const definition = this.data.definition;
    return `Tag ${this.data.name}${
      typeof definition === "string" && definition !== "" ? ` (${definition})` : ""
    }`;
  }

  /** The nodes of every type that carry this tag, each in the class of its type. */
  async nodes(params?: ExtraParams, options?: CallOptions): Promise<Node[]> {
    const answer = await invoke(this.client, TAGS.ops.nodes, {
      path: this.resourcePath,
      params,
      call: options,
    });
    return expectList(answer, "nodes").map((item) => Node.wrap(this.client, item));
  }

  /** The machines that carry this tag. */
  async machines(params?: ExtraParams, options?: CallOptions): Promise<Machine[]> {
    return await listOf(this.client, TAGS.ops.machines, Machine, "machines", {
      path: this.resourcePath,
      params,
      call: options,
    });
  }

  /** The devices that carry this tag. */
  async devices(params?: ExtraParams, options?: CallOptions): Promise<Device[]> {
    return await listOf(this.client, TAGS.ops.devices, Device, "devices", {
      path: this.resourcePath,
      params,
      call: options,
    });
  }

  /** The rack controllers that carry this tag. */
  async rackControllers(params?: ExtraParams, options?: CallOptions): Promise<RackController[]> {
    return await listOf(this.client, TAGS.ops.rackControllers, RackController, "rack controllers", {
      path: this.resourcePath,
      params,
      call: options,
    });
  }

  /** The region controllers that carry this tag. */
  async regionControllers(
    params?: ExtraParams,
    options?: CallOptions,
  ): Promise<RegionController[]> {
    return await listOf(
      this.client,
      TAGS.ops.regionControllers,
      RegionController,
      "region controllers",
      { path: this.resourcePath, params, call: options },
    );
  }

  /**
   * Tags and untags nodes (administrators only). Nodes that do not exist are skipped; the answer
   * counts the ones that do.
   */
  async updateNodes(params: UpdateTagNodesOptions, options?: CallOptions): Promise<TagNodeCounts> {
    // Without nodes MAAS would answer zeros having done nothing: almost surely a mistake.
    if (noNodes(params?.add) && noNodes(params?.remove) && !params?.extra) {
      throw new ParameterError('updateNodes needs nodes in "add" or "remove"');
    }
    const answer = expectObject(
      await invoke(this.client, TAGS.ops.updateNodes, {
        path: this.resourcePath,
        params,
        call: options,
      }),
      "update_nodes counts",
    );
    if (typeof answer.added !== "number" || typeof answer.removed !== "number") {
      throw new ProtocolError("update_nodes answered without added and removed counts");
    }
    return { added: answer.added, removed: answer.removed };
  }

  /**
   * Asks MAAS to evaluate the tag's definition against every node again (administrators only).
   * Returns the name of the tag being rebuilt, as MAAS answers.
   */
  async rebuild(params?: ExtraParams, options?: CallOptions): Promise<string> {
    const answer = expectObject(
      await invoke(this.client, TAGS.ops.rebuild, {
        path: this.resourcePath,
        params,
        call: options,
      }),
      "a rebuild",
    );
    return String(answer.rebuilding ?? this.data.name);
  }
}
defineObject(Tag, TAGS.fields, {
  read: TAGS.ops.read,
  update: TAGS.ops.update,
  delete: TAGS.ops.delete,
});

/**
 * `client.tags`: list, read and create tags.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function label(client: Client, systemId: string) {
 *   const tag = await client.tags.create({ name: "rack-a", comment: "machines in rack A" });
 *   return await tag.updateNodes({ add: [systemId] });
 * }
 * ```
 */
export class Tags extends Namespace {
  /** Every tag. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<Tag[]> {
    return await listOf(this.context, TAGS.ops.list, Tag, "tags", { params, call: options });
  }

  /** One tag by name; a missing one raises `NotFoundError`. */
  async get(name: string, params?: ExtraParams, options?: CallOptions): Promise<Tag> {
    return await oneOf(this.context, TAGS.ops.read, Tag, "a tag", {
      path: { name },
      params,
      call: options,
    });
  }

  /** Creates a tag (administrators only); a bad name or XPath is a 400 on that field. */
  async create(params: CreateTagOptions, options?: CallOptions): Promise<Tag> {
    return await oneOf(this.context, TAGS.ops.create, Tag, "a tag", { params, call: options });
  }
}

function noNodes(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}
