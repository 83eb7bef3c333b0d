/**
 * The boot family's records: boot resources with their sets and files, boot sources and their
 * selections, seeded as a region that has synced its images.
 *
 * @module
 */

import { createHash, type Hash } from "node:crypto";

/** A resource synced from a boot source. */
export const SYNCED = 0;
/** A resource uploaded by a user. */
export const UPLOADED = 2;

/**
 * One file of a boot resource set.
 *
 * @example
 * ```ts
 * import type { SimBootFile } from "./model.ts";
 * const file: SimBootFile = {
 *   id: 1, filename: "root.tgz", filetype: "root-tgz", sha256: "0".repeat(64), size: 10,
 *   received: 0, hash: null, complete: false,
 * };
 * ```
 */
export interface SimBootFile {
  /** Database id (the `{id}` of the upload address). */
  id: number;
  /** Name within the set. */
  filename: string;
  /** MAAS's file type (`root-tgz`, `root-dd`, `squashfs`, …). */
  filetype: string;
  /** The announced SHA-256. */
  sha256: string;
  /** The announced size. */
  size: number;
  /** Bytes received so far. */
  received: number;
  /** SHA-256 of the bytes received so far, while an upload is under way. */
  hash: Hash | null;
  /** Whether the whole content is stored. */
  complete: boolean;
}

/**
 * A version of a boot resource.
 *
 * @example
 * ```ts
 * import type { SimBootSet } from "./model.ts";
 * const set: SimBootSet = { id: 1, version: "20240601", label: "stable", files: [] };
 * ```
 */
export interface SimBootSet {
  /** Database id. */
  id: number;
  /** `YYYYMMDD` with an optional `.N` revision. */
  version: string;
  /** `stable`, `candidate` or `uploaded`. */
  label: string;
  /** Its files. */
  files: SimBootFile[];
}

/**
 * A boot resource.
 *
 * @example
 * ```ts
 * import type { SimBootResource } from "./model.ts";
 * const resource: SimBootResource = {
 *   id: 1, rtype: 0, name: "ubuntu/noble", architecture: "amd64/ga-24.04", extra: {},
 *   baseImage: "", sets: [],
 * };
 * ```
 */
export interface SimBootResource {
  /** Database id. */
  id: number;
  /** 0 synced, 2 uploaded. */
  rtype: number;
  /** `os/release` or the custom image's name. */
  name: string;
  /** `arch/subarch`. */
  architecture: string;
  /** Extra fields rendered as they are (`subarches`, `title`, `kflavor`…). */
  extra: Record<string, unknown>;
  /** `os/release` a custom image is built on, or empty. */
  baseImage: string;
  /** Its versions, oldest first. */
  sets: SimBootSet[];
}

/**
 * A boot source.
 *
 * @example
 * ```ts
 * import type { SimBootSource } from "./model.ts";
 * const source: SimBootSource = {
 *   id: 1, url: "http://images.maas.io/ephemeral-v3/stable/", keyringFilename: "",
 *   keyringData: new Uint8Array(), name: "", priority: 1, enabled: true,
 *   skipKeyringVerification: false, created: "", updated: "",
 * };
 * ```
 */
export interface SimBootSource {
  /** Database id. */
  id: number;
  /** The simplestreams URL. */
  url: string;
  /** Keyring file path. */
  keyringFilename: string;
  /** Keyring bytes. */
  keyringData: Uint8Array;
  /** Name (rendered by MAAS 3.8). */
  name: string;
  /** Priority (rendered by MAAS 3.8). */
  priority: number;
  /** Enabled (rendered by MAAS 3.8). */
  enabled: boolean;
  /** Skip signature checks (rendered by MAAS 3.8). */
  skipKeyringVerification: boolean;
  /** Creation time, as MAAS renders it. */
  created: string;
  /** Last change, as MAAS renders it. */
  updated: string;
}

/**
 * A boot source selection.
 *
 * @example
 * ```ts
 * import type { SimSelection } from "./model.ts";
 * const selection: SimSelection = {
 *   id: 1, bootSourceId: 1, os: "ubuntu", release: "noble", arches: ["amd64"], subarches: ["*"],
 *   labels: ["*"],
 * };
 * ```
 */
export interface SimSelection {
  /** Database id. */
  id: number;
  /** Its boot source. */
  bootSourceId: number;
  /** Operating system. */
  os: string;
  /** Release. */
  release: string;
  /** Architectures. */
  arches: string[];
  /** Subarchitectures. */
  subarches: string[];
  /** Labels. */
  labels: string[];
}

/**
 * The boot section of the state: boot resources, boot sources and their selections, each a list
 * in id order whose records refer to each other by id, and whether an import is running.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * console.log(sim.state.boot.resources.length > 0, sim.state.boot.source(1)?.url);
 * ```
 */
export class BootSection {
  /** Boot resources, in id order. */
  resources: SimBootResource[] = [];
  /** Boot sources, in id order. */
  sources: SimBootSource[] = [];
  /** Selections of every source, in id order. */
  selections: SimSelection[] = [];
  /** Whether an import is running. */
  importing = false;
  /** Hands out ids per kind (`bootresource`, `bootsource`, …). */
  readonly nextId: (kind: string) => number;

  /** An empty section taking its ids from `nextId`. */
  constructor(nextId: (kind: string) => number) {
    this.nextId = nextId;
  }

  /** The resource with id `id`. */
  resource(id: number): SimBootResource | undefined {
    return this.resources.find((resource) => resource.id === id);
  }

  /** The source with id `id`. */
  source(id: number): SimBootSource | undefined {
    return this.sources.find((source) => source.id === id);
  }

  /** The selections of source `sourceId`. */
  selectionsOf(sourceId: number): SimSelection[] {
    return this.selections.filter((selection) => selection.bootSourceId === sourceId);
  }

  /** Every file of every set of every resource. */
  files(): SimBootFile[] {
    return this.resources.flatMap((resource) => resource.sets.flatMap((set) => set.files));
  }

  /** Deletes a source and its selections. */
  deleteSource(id: number): void {
    this.sources = this.sources.filter((source) => source.id !== id);
    this.selections = this.selections.filter((selection) => selection.bootSourceId !== id);
  }
}

/**
 * The Ubuntu releases with synced images: what the default and commissioning release may be.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { usableReleases } from "./model.ts";
 * await using sim = await MaasSimulator.start();
 * console.log(usableReleases(sim.state)); // ["jammy", "noble"]
 * ```
 */
export function usableReleases(state: { boot: BootSection }): string[] {
  const releases = new Set<string>();
  for (const resource of state.boot.resources) {
    const [os, release] = resource.name.split("/");
    if (resource.rtype === SYNCED && os === "ubuntu" && release) releases.add(release);
  }
  return [...releases].sort();
}

/**
 * The boot data of a fresh region: Ubuntu images and bootloaders synced from images.maas.io, that
 * source and one selection.
 *
 * @example
 * ```ts
 * import { seedBootSection } from "./model.ts";
 * let id = 0;
 * console.log(seedBootSection(() => ++id).sources[0].url);
 * ```
 */
export function seedBootSection(nextId: (kind: string) => number): BootSection {
  const store = new BootSection(nextId);
  const images: [string, string, string][] = [
    ["grub-efi-signed/uefi", "amd64/generic", ""],
    ["grub-efi/uefi", "arm64/generic", ""],
    ["pxelinux/pxe", "i386/generic", ""],
    [
      "ubuntu/jammy",
      "amd64/ga-22.04",
      "generic,hwe-p,hwe-q,hwe-r,hwe-s,hwe-t,hwe-u,hwe-v,hwe-w,ga-16.04,ga-16.10,ga-17.04,ga-17.10,ga-18.04,ga-18.10,ga-19.04,ga-19.10,ga-20.04,ga-20.10,ga-21.04,ga-21.10,ga-22.04",
    ],
    [
      "ubuntu/noble",
      "amd64/ga-24.04",
      "generic,hwe-p,hwe-q,hwe-r,hwe-s,hwe-t,hwe-u,hwe-v,hwe-w,ga-16.04,ga-16.10,ga-17.04,ga-17.10,ga-18.04,ga-18.10,ga-19.04,ga-19.10,ga-20.04,ga-20.10,ga-21.04,ga-21.10,ga-22.04,ga-22.10,ga-23.04,ga-23.10,ga-24.04",
    ],
    ["ubuntu/noble", "arm64/ga-24.04", "generic,ga-24.04"],
  ];
  for (const [name, architecture, subarches] of images) {
    const ubuntu = name.startsWith("ubuntu/");
    const files = ubuntu
      ? [["boot-initrd", 70_000_000], ["boot-kernel", 14_000_000], ["squashfs", 420_000_000]]
      : [["bootloader.tar.xz", 1_200_000]];
    store.resources.push({
      id: nextId("bootresource"),
      rtype: SYNCED,
      name,
      architecture,
      extra: ubuntu ? { kflavor: "generic", subarches } : {},
      baseImage: "",
      sets: [{
        id: nextId("bootresourceset"),
        version: "20240601",
        label: "stable",
        files: files.map(([filename, size]) => ({
          id: nextId("bootresourcefile"),
          filename: filename as string,
          filetype: filename === "bootloader.tar.xz" ? "archive.tar.xz" : filename as string,
          sha256: createHash("sha256").update(`${name} ${architecture} ${filename}`).digest("hex"),
          size: size as number,
          received: size as number,
          hash: null,
          complete: true,
        })),
      }],
    });
  }
  const now = timestamp();
  store.sources.push({
    id: nextId("bootsource"),
    url: "http://images.maas.io/ephemeral-v3/stable/",
    keyringFilename: "/usr/share/keyrings/ubuntu-cloudimage-keyring.gpg",
    keyringData: new Uint8Array(),
    name: "images.maas.io",
    priority: 1,
    enabled: true,
    skipKeyringVerification: false,
    created: now,
    updated: now,
  });
  store.selections.push({
    id: nextId("bootsourceselection"),
    bootSourceId: store.sources[0].id,
    os: "ubuntu",
    release: "noble",
    arches: ["amd64"],
    subarches: ["*"],
    labels: ["*"],
  });
  return store;
}

/**
 * A time as MAAS renders timestamps: ISO 8601, milliseconds, no zone.
 *
 * @example
 * ```ts
 * import { timestamp } from "./model.ts";
 * console.log(timestamp().length); // 23
 * ```
 */
export function timestamp(): string {
  return new Date().toISOString().slice(0, 23);
}
