/**
 * The tags family's records. Nodes refer to tags by id, so a renamed tag is renamed on every node
 * at once.
 *
 * @module
 */

/**
 * A tag.
 *
 * @example
 * ```ts
 * import type { SimTag } from "@libmaas/client/testing";
 * const tag: SimTag = { id: 1, name: "gpu", comment: "", definition: "", kernelOpts: "" };
 * ```
 */
export interface SimTag {
  /** Database id (MAAS does not show it: tags are named in paths). */
  id: number;
  /** Unique name: letters, digits, `_` and `-`. */
  name: string;
  /** What the tag is for. */
  comment: string;
  /** XPath over hardware details, empty for a manual tag. */
  definition: string;
  /** Kernel options for nodes with the tag. */
  kernelOpts: string;
}

/** The tags the simulator's site starts with. */
const STANDARD_TAGS = [
  "virtual",
  "gpu",
  "nvme",
  "ssd",
  "highmem",
  "compute",
  "storage",
  "edge",
  "sriov",
  "dpdk",
  "hugepages",
  "legacy-bios",
];

/**
 * The tags section of the state: tags by id, in creation order.
 *
 * @example
 * ```ts
 * import { TagsSection } from "./model.ts";
 * const tags = TagsSection.standard();
 * console.log(tags.named("gpu")?.id); // 2
 * ```
 */
export class TagsSection {
  /** Tags by id, in creation order. */
  readonly byId: Map<number, SimTag> = new Map();
  #lastId = 0;

  /** A section with manual tags of these names. */
  constructor(names: readonly string[] = []) {
    for (const name of names) this.add({ name, comment: "", definition: "", kernelOpts: "" });
  }

  /** The simulator's standard tags: a dozen manual ones. */
  static standard(): TagsSection {
    return new TagsSection(STANDARD_TAGS);
  }

  /** Every tag, in creation order. */
  values(): IterableIterator<SimTag> {
    return this.byId.values();
  }

  /** The tag called `name`. */
  named(name: string): SimTag | undefined {
    for (const tag of this.byId.values()) if (tag.name === name) return tag;
    return undefined;
  }

  /** The names of the tags with these ids, in the order given. */
  names(ids: readonly number[]): string[] {
    const names: string[] = [];
    for (const id of ids) {
      const tag = this.byId.get(id);
      if (tag) names.push(tag.name);
    }
    return names;
  }

  /** Add a tag; the caller checks that the name is free. */
  add(tag: Omit<SimTag, "id">): SimTag {
    const created = { id: ++this.#lastId, ...tag };
    this.byId.set(created.id, created);
    return created;
  }

  /** Remove a tag (nodes that carry it simply stop showing it). */
  remove(id: number): void {
    this.byId.delete(id);
  }
}
