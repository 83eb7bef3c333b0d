/**
 * Tags: labels on nodes, set by hand or computed by MAAS from an XPath definition evaluated
 * against each node's hardware details.
 *
 * @module
 */

import { ParameterError, ProtocolError } from "../errors.ts";
import {
  apiPath,
  type CallOptions,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  required,
  type WireData,
} from "./base.ts";
import { Machine } from "./machines.ts";
import { Device, Node, RackController, RegionController } from "./nodes.ts";

/** A node given by its system id, or any object that carries one (a machine, a device…). */
export type NodeRef = string | MaasObject | { readonly systemId: string };

/** What {@linkcode Tag.updateNodes} takes. */
export interface UpdateTagNodesOptions extends CallOptions {
  /** Nodes to tag. */
  add?: NodeRef | readonly NodeRef[];
  /** Nodes to untag. */
  remove?: NodeRef | readonly NodeRef[];
  /**
   * The definition the caller believes the tag has; when it differs from the server's, MAAS
   * changes nothing and answers 409 (`ConflictError`).
   */
  definition?: string;
}

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
    return apiPath`tags/${this.data.name}/`;
  }

  /** `Tag gpu` or `Tag gpu (//node[@class="display"])`. */
  toString(): string {
    const definition = this.data.definition;
    return `Tag ${this.data.name}${
      typeof definition === "string" && definition !== "" ? ` (${definition})` : ""
    }`;
  }

  /** The nodes of every type that carry this tag, each in the class of its type. */
  async nodes(options?: CallOptions): Promise<Node[]> {
    return (await this.#list("nodes", "nodes", options)).map((item) =>
      Node.wrap(this.client, item)
    );
  }

  /** The machines that carry this tag. */
  async machines(options?: CallOptions): Promise<Machine[]> {
    return (await this.#list("machines", "machines", options)).map((item) =>
      new Machine(this.client, item)
    );
  }

  /** The devices that carry this tag. */
  async devices(options?: CallOptions): Promise<Device[]> {
    return (await this.#list("devices", "devices", options)).map((item) =>
      new Device(this.client, item)
    );
  }

  /** The rack controllers that carry this tag. */
  async rackControllers(options?: CallOptions): Promise<RackController[]> {
    return (await this.#list("rack_controllers", "rack controllers", options)).map((item) =>
      new RackController(this.client, item)
    );
  }

  /** The region controllers that carry this tag. */
  async regionControllers(options?: CallOptions): Promise<RegionController[]> {
    return (await this.#list("region_controllers", "region controllers", options)).map((item) =>
      new RegionController(this.client, item)
    );
  }

  async #list(op: string, what: string, options?: CallOptions): Promise<WireData[]> {
    return expectList(await this.call("GET", op, undefined, options), what);
  }

  /**
   * Tags and untags nodes (administrators only). Nodes that do not exist are skipped; the answer
   * counts the ones that do.
   */
  async updateNodes(options: UpdateTagNodesOptions): Promise<TagNodeCounts> {
    const { add, remove, definition, ...call } = (options ?? {}) as UpdateTagNodesOptions;
    const toAdd = add === undefined ? [] : systemIds(add, "add");
    const toRemove = remove === undefined ? [] : systemIds(remove, "remove");
    if (toAdd.length === 0 && toRemove.length === 0) {
      throw new ParameterError('updateNodes needs nodes in "add" or "remove"');
    }
    if (definition !== undefined && typeof definition !== "string") {
      throw new ParameterError(
        `Parameter "definition" must be a string, got ${describe(definition)}`,
      );
    }
    const answer = expectObject(
      await this.call(
        "POST",
        "update_nodes",
        { add: toAdd, remove: toRemove, definition },
        call,
      ),
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
  async rebuild(options?: CallOptions): Promise<string> {
    const answer = expectObject(
      await this.call("POST", "rebuild", undefined, options),
      "a rebuild",
    );
    return String(answer.rebuilding ?? this.data.name);
  }
}
defineFields(Tag, {
  name: { wire: "name", writable: true },
  comment: { wire: "comment", writable: true },
  definition: { wire: "definition", writable: true },
  kernelOpts: { wire: "kernel_opts", writable: true },
});

/** What a new tag takes. */
export interface CreateTagOptions extends CallOptions {
  /** Name: letters, digits, `_` and `-`. */
  name: string;
  /** What the tag is for, in words. */
  comment?: string;
  /** XPath over the nodes' hardware details (`lshw -xml` and friends); empty for a manual tag. */
  definition?: string;
  /** Kernel options added when a node with this tag boots. */
  kernelOpts?: string;
}

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
  async list(options?: CallOptions): Promise<Tag[]> {
    const data = await this.context.call("GET", "tags/", options);
    return expectList(data, "tags").map((item) => new Tag(this.context, item));
  }

  /** One tag by name; a missing one raises `NotFoundError`. */
  async get(name: string, options?: CallOptions): Promise<Tag> {
    required(name, "name", "string");
    const data = await this.context.call("GET", apiPath`tags/${name}/`, options);
    return new Tag(this.context, expectObject(data, "a tag"));
  }

  /** Creates a tag (administrators only); a bad name or XPath is a 400 on that field. */
  async create(options: CreateTagOptions): Promise<Tag> {
    const { name, comment, definition, kernelOpts, ...call } = (options ?? {}) as CreateTagOptions;
    required(name, "name", "string");
    const params = {
      name,
      comment: optionalText(comment, "comment"),
      definition: optionalText(definition, "definition"),
      kernel_opts: optionalText(kernelOpts, "kernelOpts"),
    };
    const data = await this.context.call("POST", "tags/", { params, ...call });
    return new Tag(this.context, expectObject(data, "a tag"));
  }
}

function systemIds(value: NodeRef | readonly NodeRef[], name: string): string[] {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    const id = item instanceof MaasObject
      ? item.get("system_id")
      : typeof item === "object" && item !== null
      ? (item as { systemId?: unknown }).systemId
      : item;
    if (typeof id !== "string" || id === "") {
      throw new ParameterError(
        `Parameter ${JSON.stringify(name)} takes system ids or nodes, got ${describe(item)}`,
      );
    }
    return id;
  });
}

function optionalText(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a string, got ${describe(value)}`,
    );
  }
  return value;
}
