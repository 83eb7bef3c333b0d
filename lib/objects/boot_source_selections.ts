/**
 * Boot source selections: what one boot source syncs — a release of an OS, for some
 * architectures, subarchitectures and labels — keyed by id under their source.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function releases(client: Client, sourceId: number): Promise<string[]> {
 *   const selections = await client.bootSources.selections(sourceId).list();
 *   return selections.map((selection) => `${selection.os}/${selection.release}`);
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import {
  type CallOptions,
  type ClientContext,
  defineObject,
  MaasObject,
  Namespace,
} from "./base.ts";
import { listOf, oneOf } from "./engine.ts";
import { type ExtraParams, family, op, pathOf } from "./spec.ts";
import { describe } from "./wire.ts";

/** What a new selection takes. */
export interface CreateBootSourceSelectionOptions extends ExtraParams {
  /** Operating system, such as `ubuntu`. */
  os: string;
  /** Release, such as `noble`. */
  release: string;
  /** Architectures (default: every one, `*`). */
  arches?: string | readonly string[];
  /** Subarchitectures (default `*`). */
  subarches?: string | readonly string[];
  /** Labels such as `stable` (default `*`). */
  labels?: string | readonly string[];
}

/** The fields a selection's `save()` sends. */
interface SelectionChanges {
  os?: string;
  release?: string;
  arches?: string | readonly string[];
  subarches?: string | readonly string[];
  labels?: string | readonly string[];
}

/** Every one, as a selection's lists say it. */
const ALL = ["*"];

/**
 * The boot source selections family: `boot-sources/{boot_source_id}/selections/` and
 * `boot-sources/{boot_source_id}/selections/{id}/`.
 */
export const BOOT_SOURCE_SELECTIONS = family({
  name: "bootSourceSelections",
  handlers: {
    BootSourceSelectionsHandler: "boot-sources/{boot_source_id}/selections/",
    BootSourceSelectionHandler: "boot-sources/{boot_source_id}/selections/{id}/",
  },
  pathParams: { boot_source_id: "integer", id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    bootSourceId: { wire: "boot_source_id", kind: "integer" },
    os: { wire: "os", kind: "string", writable: true },
    release: { wire: "release", kind: "string", writable: true },
    arches: { wire: "arches", kind: "strings", writable: true },
    subarches: { wire: "subarches", kind: "strings", writable: true },
    labels: { wire: "labels", kind: "strings", writable: true },
  },
  ops: {
    list: op({
      handler: "BootSourceSelectionsHandler",
      method: "GET",
      typed: ["bootSource.selections.list()"],
    }),
    create: op<CreateBootSourceSelectionOptions>({
      handler: "BootSourceSelectionsHandler",
      method: "POST",
      typed: ["bootSource.selections.create()"],
      params: {
        os: { wire: "os", kind: "string", required: true },
        release: { wire: "release", kind: "string", required: true },
        arches: { wire: "arches", kind: "strings" },
        subarches: { wire: "subarches", kind: "strings" },
        labels: { wire: "labels", kind: "strings" },
      },
    }),
    read: op({
      handler: "BootSourceSelectionHandler",
      method: "GET",
      typed: ["bootSource.selections.get()", "bootSourceSelection.refresh()"],
    }),
    update: op<SelectionChanges>({
      handler: "BootSourceSelectionHandler",
      method: "PUT",
      typed: ["bootSourceSelection.save()"],
      params: {
        os: { wire: "os", kind: "string" },
        release: { wire: "release", kind: "string" },
        arches: { wire: "arches", kind: "strings" },
        subarches: { wire: "subarches", kind: "strings" },
        labels: { wire: "labels", kind: "strings" },
      },
    }),
    delete: op({
      handler: "BootSourceSelectionHandler",
      method: "DELETE",
      typed: ["bootSourceSelection.delete()"],
    }),
  },
});

/**
 * What a boot source syncs: one OS release, for some architectures, subarchitectures and labels
 * (`*` means all).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function addArm(client: Client) {
 *   const [selection] = await client.bootSources.selections(1).list();
 *   selection.arches = [...selection.arches, "arm64"];
 *   return await selection.save();
 * }
 * ```
 */
export class BootSourceSelection extends MaasObject {
  /** Selection id. */
  declare readonly id: number;
  /** The boot source it belongs to. */
  declare readonly bootSourceId: number;
  /** Operating system, such as `ubuntu`; writable. */
  declare os: string;
  /** Release, such as `noble`; writable. */
  declare release: string;
  /** Architectures, such as `amd64`; writable. */
  declare arches: string[];
  /** Subarchitectures; writable. */
  declare subarches: string[];
  /** Labels, such as `stable`; writable. */
  declare labels: string[];

  /** `boot-sources/{boot_source_id}/selections/{id}/`. */
  get resourcePath(): string {
    return pathOf(BOOT_SOURCE_SELECTIONS.ops.read.path, this.data);
  }

  /** `BootSourceSelection 1 ubuntu/noble amd64`. */
  toString(): string {
    const arches = Array.isArray(this.data.arches) ? this.data.arches.join(",") : "";
    return `BootSourceSelection ${this.data.id} ${this.data.os}/${this.data.release} ${arches}`;
  }
}
defineObject(BootSourceSelection, BOOT_SOURCE_SELECTIONS.fields, {
  read: BOOT_SOURCE_SELECTIONS.ops.read,
  update: BOOT_SOURCE_SELECTIONS.ops.update,
  delete: BOOT_SOURCE_SELECTIONS.ops.delete,
});

/**
 * The selections of one boot source (`client.bootSources.selections(id)` or
 * `source.selections`): list, read and create.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function syncJammy(client: Client, sourceId: number) {
 *   return await client.bootSources.selections(sourceId).create({
 *     os: "ubuntu",
 *     release: "jammy",
 *     arches: ["amd64", "arm64"],
 *   });
 * }
 * ```
 */
export class BootSourceSelections extends Namespace {
  #bootSourceId: number;

  /** The selections of boot source `bootSourceId` (a whole number). */
  constructor(context: ClientContext, bootSourceId: number) {
    super(context);
    if (!Number.isSafeInteger(bootSourceId)) {
      throw new ParameterError(
        `A boot source is given by its id, a whole number, or as the source; got ${
          describe(bootSourceId)
        }`,
      );
    }
    this.#bootSourceId = bootSourceId;
  }

  /** The boot source these selections belong to. */
  get bootSourceId(): number {
    return this.#bootSourceId;
  }

  /** Every selection of the source. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<BootSourceSelection[]> {
    return await listOf(
      this.context,
      BOOT_SOURCE_SELECTIONS.ops.list,
      BootSourceSelection,
      "boot source selections",
      { path: { boot_source_id: this.#bootSourceId }, params, call: options },
    );
  }

  /** One selection by id. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<BootSourceSelection> {
    return await oneOf(
      this.context,
      BOOT_SOURCE_SELECTIONS.ops.read,
      BootSourceSelection,
      "a boot source selection",
      { path: { boot_source_id: this.#bootSourceId, id }, params, call: options },
    );
  }

  /**
   * Creates a selection (administrators only); arches, subarches and labels left out are `*`.
   * MAAS refuses a release the source does not offer (400 on `os`).
   */
  async create(
    params: CreateBootSourceSelectionOptions,
    options?: CallOptions,
  ): Promise<BootSourceSelection> {
    return await oneOf(
      this.context,
      BOOT_SOURCE_SELECTIONS.ops.create,
      BootSourceSelection,
      "a boot source selection",
      {
        path: { boot_source_id: this.#bootSourceId },
        params,
        // MAAS's form requires the three lists; `*` is what its own clients send for "all".
        defaults: { arches: ALL, subarches: ALL, labels: ALL },
        call: options,
      },
    );
  }
}
