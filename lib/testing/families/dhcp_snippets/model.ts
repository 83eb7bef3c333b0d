/**
 * The DHCP snippets family's records: pieces of dhcpd configuration, global or for one node or
 * subnet (and optionally one IP range of it), with every revision of their value. A snippet refers
 * to its node by system id, to its subnet and IP range by id.
 *
 * @module
 */

import type { SimRevision } from "../../versioned_text.ts";

/**
 * A DHCP snippet.
 *
 * @example
 * ```ts
 * import type { SimSnippet } from "@libmaas/client/testing";
 * const snippet: SimSnippet = {
 *   id: 1, name: "lease", description: "", enabled: true, nodeId: null, subnetId: 1,
 *   iprangeId: null,
 *   revisions: [{ id: 1, data: "default-lease-time 600;", comment: null, created: new Date() }],
 * };
 * ```
 */
export interface SimSnippet {
  /** Database id. */
  id: number;
  /** Name. */
  name: string;
  /** Free text. */
  description: string;
  /** Whether it is used. */
  enabled: boolean;
  /** System id of the node it applies to, or null. */
  nodeId: string | null;
  /** Id of the subnet it applies to, or null. */
  subnetId: number | null;
  /** Id of the IP range of that subnet it applies to, or null (never rendered, as in MAAS). */
  iprangeId: number | null;
  /** Revisions of its value, newest (the current one) first. */
  revisions: SimRevision[];
}

/**
 * The DHCP snippets section of the state.
 *
 * @example
 * ```ts
 * import { DHCPSnippetsSection } from "./model.ts";
 * let last = 0;
 * const snippets = new DHCPSnippetsSection(() => ++last);
 * const made = snippets.add({
 *   name: "ntp", description: "", enabled: true, nodeId: null, subnetId: null, iprangeId: null,
 *   revisions: [],
 * });
 * console.log(snippets.get(made.id)?.name); // ntp
 * ```
 */
export class DHCPSnippetsSection {
  readonly #byId = new Map<number, SimSnippet>();
  readonly #nextId: () => number;

  /** An empty section; `nextId` hands out ids. */
  constructor(nextId: () => number) {
    this.#nextId = nextId;
  }

  /** The snippet with this id. */
  get(id: number): SimSnippet | undefined {
    return this.#byId.get(id);
  }

  /** Every snippet, oldest first. */
  all(): IterableIterator<SimSnippet> {
    return this.#byId.values();
  }

  /** Adds a snippet with a new id. */
  add(fields: Omit<SimSnippet, "id">): SimSnippet {
    const created = { ...fields, id: this.#nextId() };
    this.#byId.set(created.id, created);
    return created;
  }

  /** Removes a snippet. */
  remove(id: number): void {
    this.#byId.delete(id);
  }
}
