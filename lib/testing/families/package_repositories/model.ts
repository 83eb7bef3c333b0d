/**
 * The package repositories family's records: the APT archives deployed machines use, seeded with
 * the two Ubuntu archives every region ships.
 *
 * @module
 */

/**
 * A package repository.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * const main = sim.state.packageRepositories.get(1)!;
 * console.log(main.name, main.isDefault); // main_archive true
 * ```
 */
export interface SimPackageRepository {
  /** Database id. */
  id: number;
  /** Unique name. */
  name: string;
  /** Archive URL, or `ppa:owner/name`. */
  url: string;
  /** Distributions to include (custom repositories). */
  distributions: string[];
  /** Pockets left out (the Ubuntu archives). */
  disabledPockets: string[];
  /** Components left out (the Ubuntu archives). */
  disabledComponents: string[];
  /** Whether `deb-src` lines are left out. */
  disableSources: boolean;
  /** Components to include (custom repositories). */
  components: string[];
  /** Architectures served. */
  arches: string[];
  /** GPG key, or empty. */
  key: string;
  /** Whether machines use it. */
  enabled: boolean;
  /** One of the two Ubuntu archives MAAS ships (they cannot be deleted or disabled). */
  isDefault: boolean;
}

/**
 * The architectures a package repository may serve, and those the main and the ports archive
 * serve.
 *
 * @example
 * ```ts
 * import { KNOWN_ARCHES, MAIN_ARCHES } from "./model.ts";
 * console.log(MAIN_ARCHES.every((arch) => KNOWN_ARCHES.includes(arch))); // true
 * ```
 */
export const KNOWN_ARCHES: readonly string[] = [
  "amd64",
  "i386",
  "armhf",
  "arm64",
  "ppc64el",
  "s390x",
];
/** The main archive's architectures. */
export const MAIN_ARCHES: readonly string[] = ["amd64", "i386"];
/** The ports archive's architectures. */
export const PORTS_ARCHES: readonly string[] = ["armhf", "arm64", "ppc64el", "s390x"];

/**
 * The package repositories section of the state.
 *
 * @example
 * ```ts
 * import { PackageRepositoriesSection } from "./model.ts";
 * let last = 0;
 * const section = PackageRepositoriesSection.seeded(() => ++last);
 * console.log([...section.all()].map((repo) => repo.name)); // ["main_archive", "ports_archive"]
 * ```
 */
export class PackageRepositoriesSection {
  readonly #byId = new Map<number, SimPackageRepository>();
  readonly #nextId: () => number;

  /** An empty section; `nextId` hands out ids. */
  constructor(nextId: () => number) {
    this.#nextId = nextId;
  }

  /** A section with the main and the ports Ubuntu archives. */
  static seeded(nextId: () => number): PackageRepositoriesSection {
    const section = new PackageRepositoriesSection(nextId);
    const archive = (name: string, url: string, arches: readonly string[]) =>
      section.add({
        name,
        url,
        distributions: [],
        disabledPockets: [],
        disabledComponents: [],
        disableSources: true,
        components: [],
        arches: [...arches],
        key: "",
        enabled: true,
        isDefault: true,
      });
    archive("main_archive", "http://archive.ubuntu.com/ubuntu", MAIN_ARCHES);
    archive("ports_archive", "http://ports.ubuntu.com/ubuntu-ports", PORTS_ARCHES);
    return section;
  }

  /** The repository with this id. */
  get(id: number): SimPackageRepository | undefined {
    return this.#byId.get(id);
  }

  /** The repository with this name. */
  named(name: string): SimPackageRepository | undefined {
    return [...this.#byId.values()].find((repository) => repository.name === name);
  }

  /** Every repository, oldest first. */
  all(): IterableIterator<SimPackageRepository> {
    return this.#byId.values();
  }

  /** Adds a repository with a new id. */
  add(fields: Omit<SimPackageRepository, "id">): SimPackageRepository {
    const created = { ...fields, id: this.#nextId() };
    this.#byId.set(created.id, created);
    return created;
  }

  /** Removes a repository. */
  remove(id: number): void {
    this.#byId.delete(id);
  }
}
