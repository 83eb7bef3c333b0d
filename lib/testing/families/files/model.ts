/**
 * The files family's records: each user's stored files.
 *
 * @module
 */

/**
 * A stored file.
 *
 * @example
 * ```ts
 * import type { SimFile } from "@libmaas/client/testing";
 * const file: SimFile = { filename: "a.txt", ownerId: 1, key: "k", content: new Uint8Array() };
 * ```
 */
export interface SimFile {
  /** The name, unique per owner. */
  filename: string;
  /** The owner's user id. */
  ownerId: number;
  /** The unguessable key of the anonymous address (a UUID). */
  key: string;
  /** The bytes. */
  content: Uint8Array;
}

/**
 * The files section of the state.
 *
 * @example
 * ```ts
 * import { FilesSection } from "./model.ts";
 * const files = new FilesSection();
 * files.store({ filename: "a", ownerId: 1, key: "k", content: new Uint8Array([1]) });
 * console.log(files.owned(1, "a")?.key); // "k"
 * ```
 */
export class FilesSection {
  /** Every stored file, oldest first. */
  readonly all: SimFile[] = [];

  /** The file `filename` of user `ownerId`. */
  owned(ownerId: number, filename: string): SimFile | undefined {
    return this.all.find((file) => file.ownerId === ownerId && file.filename === filename);
  }

  /** The file whose anonymous key is `key`. */
  byKey(key: string): SimFile | undefined {
    return this.all.find((file) => file.key === key);
  }

  /** Store a file, replacing the content of the owner's file of that name. */
  store(file: SimFile): SimFile {
    const existing = this.owned(file.ownerId, file.filename);
    if (existing) {
      existing.content = file.content;
      return existing;
    }
    this.all.push(file);
    return file;
  }

  /** Delete a file; false when there was none. */
  remove(file: SimFile): boolean {
    const index = this.all.indexOf(file);
    if (index < 0) return false;
    this.all.splice(index, 1);
    return true;
  }

  /** Delete every file of a user (MAAS does when it deletes the user). */
  removeOwnedBy(ownerId: number): void {
    for (let i = this.all.length - 1; i >= 0; i--) {
      if (this.all[i].ownerId === ownerId) this.all.splice(i, 1);
    }
  }
}
