/**
 * Boot sources: the simplestreams mirrors MAAS syncs images from, each checked with a GPG
 * keyring (a file on the region, or the keyring's bytes), keyed by id; their selections say what
 * each one syncs.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function urls(client: Client): Promise<string[]> {
 *   return (await client.bootSources.list()).map((source) => source.url);
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import { type CallOptions, defineObject, MaasObject, Namespace } from "./base.ts";
import { BootSourceSelections } from "./boot_source_selections.ts";
import { listOf, oneOf } from "./engine.ts";
import { type Codec, type ExtraParams, family, op, pathOf } from "./spec.ts";
import { describe } from "./wire.ts";

/** A keyring: its bytes, or the base64 text MAAS renders them as. */
export type KeyringData = Uint8Array | Blob | string;

/** What a new boot source takes: a URL and one of a keyring file or keyring bytes. */
export interface CreateBootSourceOptions extends ExtraParams {
  /** The simplestreams URL. */
  url: string;
  /** Path of a keyring file on the region. */
  keyringFilename?: string;
  /** The keyring itself: its bytes, or base64 text (sent as a file part). */
  keyringData?: KeyringData;
  /** Name (MAAS 3.8 and later). */
  name?: string;
  /** Priority among sources, higher first (MAAS 3.8 and later). */
  priority?: number;
  /** Whether the source is used (MAAS 3.8 and later). */
  enabled?: boolean;
  /** Skip signature checks (MAAS 3.8 and later). */
  skipKeyringVerification?: boolean;
}

/** The fields a boot source's `save()` sends. */
type BootSourceChanges = Partial<CreateBootSourceOptions>;

/**
 * A keyring sent as a file part: MAAS renders it as base64 text and reads it back as an uploaded
 * file, so text is taken as base64 and decoded.
 */
const KEYRING: Codec = {
  takes: "the keyring's bytes (Uint8Array or Blob) or base64 text",
  encode(value: unknown, option: string): ParamValue {
    if (value instanceof Blob) return value;
    if (value instanceof Uint8Array) return new Blob([value as Uint8Array<ArrayBuffer>]);
    if (typeof value === "string") {
      let binary: string;
      try {
        binary = atob(value);
      } catch (cause) {
        throw new ParameterError(`Parameter ${JSON.stringify(option)} must be base64 text`, {
          cause,
        });
      }
      return new Blob([Uint8Array.from(binary, (char) => char.charCodeAt(0))]);
    }
    throw new ParameterError(
      `Parameter ${JSON.stringify(option)} must be the keyring's bytes (Uint8Array or Blob) or ` +
        `base64 text, got ${describe(value)}`,
    );
  },
};

const FROM_3_8 = ["3.8", "master"] as const;

const SOURCE_PARAMS = {
  keyringFilename: { wire: "keyring_filename", kind: "string" },
  keyringData: { wire: "keyring_data", kind: KEYRING },
  name: { wire: "name", kind: "string", lines: FROM_3_8 },
  priority: { wire: "priority", kind: "integer", lines: FROM_3_8 },
  enabled: { wire: "enabled", kind: "boolean", lines: FROM_3_8 },
  skipKeyringVerification: {
    wire: "skip_keyring_verification",
    kind: "boolean",
    lines: FROM_3_8,
  },
} as const;

/** The boot sources family: `boot-sources/` and `boot-sources/{id}/`. */
export const BOOT_SOURCES = family({
  name: "bootSources",
  handlers: { BootSourcesHandler: "boot-sources/", BootSourceHandler: "boot-sources/{id}/" },
  pathParams: { id: "integer" },
  fields: {
    id: { wire: "id", kind: "integer" },
    url: { wire: "url", kind: "string", writable: true },
    keyringFilename: { wire: "keyring_filename", kind: "string", writable: true },
    keyringData: { wire: "keyring_data", kind: "string", writable: true },
    name: { wire: "name", kind: "string", writable: true },
    priority: { wire: "priority", kind: "integer", writable: true },
    enabled: { wire: "enabled", kind: "boolean", writable: true },
    skipKeyringVerification: {
      wire: "skip_keyring_verification",
      kind: "boolean",
      writable: true,
    },
    created: { wire: "created", kind: "string" },
    updated: { wire: "updated", kind: "string" },
  },
  ops: {
    list: op({
      handler: "BootSourcesHandler",
      method: "GET",
      typed: ["client.bootSources.list()"],
    }),
    create: op<CreateBootSourceOptions>({
      handler: "BootSourcesHandler",
      method: "POST",
      typed: ["client.bootSources.create()"],
      params: { url: { wire: "url", kind: "string", required: true }, ...SOURCE_PARAMS },
    }),
    read: op({
      handler: "BootSourceHandler",
      method: "GET",
      typed: ["client.bootSources.get()", "bootSource.refresh()"],
    }),
    update: op<BootSourceChanges>({
      handler: "BootSourceHandler",
      method: "PUT",
      typed: ["bootSource.save()"],
      params: { url: { wire: "url", kind: "string" }, ...SOURCE_PARAMS },
    }),
    delete: op({ handler: "BootSourceHandler", method: "DELETE", typed: ["bootSource.delete()"] }),
  },
});

/**
 * A boot source: a simplestreams mirror MAAS syncs images from, checked with a GPG keyring (a
 * file on the region, or the keyring's bytes).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function useCandidate(client: Client) {
 *   const [source] = await client.bootSources.list();
 *   source.url = "http://images.maas.io/ephemeral-v3/candidate/";
 *   return await source.save();
 * }
 * ```
 */
export class BootSource extends MaasObject {
  /** Source id. */
  declare readonly id: number;
  /** The simplestreams URL; writable. */
  declare url: string;
  /** Path of the keyring file on the region; writable. */
  declare keyringFilename: string;
  /**
   * The keyring's bytes in base64, as MAAS sends them (empty when a file is used); writable with
   * base64 text (sent as the keyring's bytes, a file part).
   */
  declare keyringData: string;
  /** Name (MAAS 3.8 and later); writable. */
  declare name: string | undefined;
  /** Priority among sources, higher first (MAAS 3.8 and later); writable. */
  declare priority: number | undefined;
  /** Whether the source is used (MAAS 3.8 and later); writable. */
  declare enabled: boolean | undefined;
  /** Whether signatures are not checked (MAAS 3.8 and later); writable. */
  declare skipKeyringVerification: boolean | undefined;
  /** When the source was created. */
  declare readonly created: string;
  /** When the source was last changed. */
  declare readonly updated: string;

  /** `boot-sources/{id}/`. */
  get resourcePath(): string {
    return pathOf(BOOT_SOURCES.ops.read.path, this.data);
  }

  /** The selections of this source: what it syncs. */
  get selections(): BootSourceSelections {
    return new BootSourceSelections(this.client, this.data.id as number);
  }

  /** `BootSource 1 http://images.maas.io/ephemeral-v3/stable/`. */
  toString(): string {
    return `BootSource ${this.data.id} ${this.data.url}`;
  }
}
defineObject(BootSource, BOOT_SOURCES.fields, {
  read: BOOT_SOURCES.ops.read,
  update: BOOT_SOURCES.ops.update,
  delete: BOOT_SOURCES.ops.delete,
});

/**
 * `client.bootSources`: where images come from. List, read and create sources; their selections
 * through {@linkcode BootSources.selections}.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function mirror(client: Client) {
 *   const source = await client.bootSources.create({
 *     url: "http://mirror.example.com/maas/images/ephemeral-v3/stable/",
 *     keyringFilename: "/usr/share/keyrings/ubuntu-cloudimage-keyring.gpg",
 *   });
 *   await source.selections.create({ os: "ubuntu", release: "noble", arches: ["amd64"] });
 * }
 * ```
 */
export class BootSources extends Namespace {
  /** Every boot source. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<BootSource[]> {
    return await listOf(this.context, BOOT_SOURCES.ops.list, BootSource, "boot sources", {
      params,
      call: options,
    });
  }

  /** One boot source by id. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<BootSource> {
    return await oneOf(this.context, BOOT_SOURCES.ops.read, BootSource, "a boot source", {
      path: { id },
      params,
      call: options,
    });
  }

  /**
   * Creates a boot source (administrators only); MAAS wants exactly one of `keyringFilename`
   * and `keyringData`, unless signatures are not checked.
   */
  async create(params: CreateBootSourceOptions, options?: CallOptions): Promise<BootSource> {
    return await oneOf(this.context, BOOT_SOURCES.ops.create, BootSource, "a boot source", {
      params,
      call: options,
    });
  }

  /** The selections of a boot source (given by id or as the source). */
  selections(source: number | BootSource): BootSourceSelections {
    return new BootSourceSelections(
      this.context,
      source instanceof BootSource ? source.data.id as number : source,
    );
  }
}
