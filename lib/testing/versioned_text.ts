/**
 * MAAS's versioned texts (`VersionedTextFile`): a DHCP snippet's value and a script's content keep
 * every revision, newest first, under ids that both families draw from one sequence. A new text
 * becomes a revision only when it differs from the current one; `revert` goes back to an earlier
 * revision and drops the newer ones.
 *
 * @module
 */

import { ReplyError } from "./reply.ts";

/**
 * One revision of a versioned text, newest first in its owner's list.
 *
 * @example
 * ```ts
 * import type { SimRevision } from "@libmaas/client/testing";
 * const first: SimRevision = { id: 1, data: "#!/bin/sh\n", comment: null, created: new Date() };
 * ```
 */
export interface SimRevision {
  /** Revision id (one sequence for snippets and scripts, as MAAS's `VersionedTextFile`). */
  id: number;
  /** The text. */
  data: string;
  /** The comment given with it, or null. */
  comment: string | null;
  /** When it was made. */
  created: Date;
}

/**
 * Adds `data` on top of `revisions` when it differs from the current text (CRLF line ends are
 * stored as LF, as MAAS stores them).
 *
 * @example
 * ```ts
 * import { revise, type SimRevision } from "./versioned_text.ts";
 * const revisions: SimRevision[] = [];
 * let last = 0;
 * revise(revisions, "one\r\n", null, () => ++last);
 * revise(revisions, "one\n", null, () => ++last);
 * console.log(revisions.length, JSON.stringify(revisions[0].data)); // 1 "one\n"
 * ```
 */
export function revise(
  revisions: SimRevision[],
  data: string,
  comment: string | null,
  nextId: () => number,
): void {
  const text = data.replace(/\r\n/g, "\n");
  if (revisions.length > 0 && revisions[0].data === text) return;
  revisions.unshift({ id: nextId(), data: text, comment, created: new Date() });
}

/**
 * MAAS's `VersionedTextFile.revert`: 0 is the current revision, a negative number goes that many
 * steps back, a positive one names a revision id; the newer revisions are dropped. Going too far
 * back, or naming a revision the text does not have, is MAAS's 400.
 *
 * @example
 * ```ts
 * import { revert, type SimRevision } from "./versioned_text.ts";
 * const revisions: SimRevision[] = [
 *   { id: 2, data: "two", comment: null, created: new Date() },
 *   { id: 1, data: "one", comment: null, created: new Date() },
 * ];
 * revert(revisions, -1);
 * console.log(revisions[0].data); // one
 * ```
 */
export function revert(revisions: SimRevision[], to: number): void {
  if (to === 0) return;
  let index: number;
  if (to < 0) {
    index = -to;
    if (index >= revisions.length) throw ReplyError.badRequest("Goes too far back.");
  } else {
    index = revisions.findIndex((revision) => revision.id === to);
    if (index === -1) throw ReplyError.badRequest(`${to} not found in history`);
  }
  revisions.splice(0, index);
}

/**
 * When a revision was made, as MAAS writes it in a history (`email.utils.format_datetime` of a
 * naive UTC time): `Tue, 04 Dec 2018 19:21:11 -0000`.
 *
 * @example
 * ```ts
 * import { revisionTime } from "./versioned_text.ts";
 * console.log(revisionTime(new Date(Date.UTC(2018, 11, 4, 19, 21, 11)))); // Tue, 04 Dec 2018 19:21:11 -0000
 * ```
 */
export function revisionTime(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "-0000");
}
