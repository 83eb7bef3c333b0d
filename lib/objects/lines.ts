/**
 * The MAAS lines the typed client knows (2.9, 3.0, 3.7, 3.8 and master, the line after 3.8) and
 * how a server's version text maps onto them. The descriptions of the families say which lines
 * have each op and parameter; this module decides, for a server's version, whether a line-bound
 * op or parameter is there.
 *
 * @example
 * ```ts
 * import { placeVersion } from "@libmaas/client/objects";
 * console.log(placeVersion("3.7.3")); // { lines: ["3.7"] }
 * console.log(placeVersion("3.4.1")); // { lines: ["3.0", "3.7"] }
 * console.log(placeVersion("4.1.0")); // { lines: ["master"] }
 * ```
 *
 * @module
 */

/**
 * The MAAS lines the library knows, oldest first.
 *
 * @example
 * ```ts
 * import { MAAS_LINES } from "@libmaas/client";
 * console.log(MAAS_LINES.join(", ")); // 2.9, 3.0, 3.7, 3.8, master
 * ```
 */
export const MAAS_LINES = ["2.9", "3.0", "3.7", "3.8", "master"] as const;

/** One MAAS line: a release series, or `master` for the development line after 3.8. */
export type MaasLine = typeof MAAS_LINES[number];

/** Where a server's version falls among the known lines. */
export interface VersionPlace {
  /**
   * The one line the version belongs to, or the two known lines around a release between them
   * (such as 3.4, between 3.0 and 3.7); an op or parameter is known to be missing only when none
   * of these lines has it.
   */
  readonly lines: readonly MaasLine[];
}

// The release each numbered line stands for, as [major, minor]; master is whatever comes after.
const NUMBERED: ReadonlyArray<readonly [MaasLine, number, number]> = [
  ["2.9", 2, 9],
  ["3.0", 3, 0],
  ["3.7", 3, 7],
  ["3.8", 3, 8],
];

/**
 * Places a version text (`3.7.3`, `3.8.0~beta6`, `3.5.4-14325-g.6a7e30d2d`) among the known
 * lines: its own line when the major and minor numbers name one; master for anything newer than
 * 3.8 (an unknown newer version counts as the newest known line); 2.9 for anything older; the two
 * neighbouring lines for a release between two known ones. `null` when the text holds no version
 * number (then nothing is checked).
 *
 * @example
 * ```ts
 * import { placeVersion } from "@libmaas/client/objects";
 * console.log(placeVersion("2.9.2")?.lines); // ["2.9"]
 * console.log(placeVersion("")); // null
 * ```
 */
export function placeVersion(version: string): VersionPlace | null {
  const match = /^(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const compare = (line: readonly [MaasLine, number, number]) =>
    major !== line[1] ? major - line[1] : minor - line[2];
  let below: MaasLine | null = null;
  for (const line of NUMBERED) {
    const order = compare(line);
    if (order === 0) return { lines: [line[0]] };
    if (order < 0) return { lines: below === null ? [line[0]] : [below, line[0]] };
    below = line[0];
  }
  return { lines: ["master"] };
}

/**
 * Lists lines in words: `3.7, 3.8 and master`.
 *
 * @example
 * ```ts
 * import { linesInWords } from "@libmaas/client/objects";
 * console.log(linesInWords(["2.9", "3.0"])); // 2.9 and 3.0
 * ```
 */
export function linesInWords(lines: readonly MaasLine[]): string {
  if (lines.length <= 1) return lines.join("");
  return `${lines.slice(0, -1).join(", ")} and ${lines.at(-1)}`;
}
