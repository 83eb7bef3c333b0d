/**
 * The server's version and capabilities (`version/`, readable without credentials). A client
 * reads it once and keeps it ({@linkcode Client.readVersion}); its typed methods check against
 * it the ops and options that not every MAAS line has.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function show(client: Client) {
 *   console.log(String(await client.version.get()));
 * }
 * ```
 *
 * @module
 */

import { ParameterError } from "../errors.ts";
import { type CallOptions, Namespace } from "./base.ts";
import { invoke, requestOptions } from "./engine.ts";
import { type MaasLine, placeVersion } from "./lines.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import { expectObject, type WireData } from "./wire.ts";

/** The version family: `version/`. */
export const VERSION = family({
  name: "version",
  handlers: { VersionHandler: "version/" },
  ops: {
    read: op({
      handler: "VersionHandler",
      method: "GET",
      typed: ["client.version.get()", "client.readVersion()", "client.version.hasCapability()"],
    }),
  },
});

/**
 * The server's version (`version/`): the release, the packaging subversion, and the capabilities
 * that tell which API features it has.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function canLogin(client: Client): Promise<boolean> {
 *   const version = await client.version.get();
 *   return version.hasCapability("authenticate-api");
 * }
 * ```
 */
export class Version {
  #data: WireData;

  /** Wraps the answer of `version/` (kept as received). */
  constructor(data: WireData) {
    this.#data = data;
  }

  /** The release, such as `3.5.4` (some builds add text: `3.5.4-14325-g.6a7e30d2d`). */
  get version(): string {
    return String(this.#data.version ?? "");
  }

  /** Packaging detail, often empty. */
  get subversion(): string {
    return String(this.#data.subversion ?? "");
  }

  /** The capabilities, such as `authenticate-api` or `network-deployment-ubuntu`. */
  get capabilities(): readonly string[] {
    const capabilities = this.#data.capabilities;
    return Array.isArray(capabilities) ? capabilities.map(String) : [];
  }

  /**
   * The known MAAS lines this release belongs to: one line (`["3.7"]`), the two around a release
   * between known lines (`["3.0", "3.7"]` for 3.4), or none when the version holds no number.
   */
  get lines(): readonly MaasLine[] {
    return placeVersion(this.version)?.lines ?? [];
  }

  /** The numeric part of the release, such as `[3, 5, 4]`. */
  get numbers(): readonly number[] {
    const match = /^\d+(\.\d+)*/.exec(this.version);
    return match ? match[0].split(".").map(Number) : [];
  }

  /** Whether the server has a capability. */
  hasCapability(name: string): boolean {
    return this.capabilities.includes(name);
  }

  /** Whether the release is `version` (`"3.5"`, `"3.5.4"`) or newer. */
  atLeast(version: string): boolean {
    const wanted = version.split(".").map(Number);
    if (wanted.some((part) => !Number.isInteger(part))) {
      throw new ParameterError(`Not a version number: ${JSON.stringify(version)}`);
    }
    const have = this.numbers;
    for (let i = 0; i < wanted.length; i++) {
      const part = have[i] ?? 0;
      if (part !== wanted[i]) return part > wanted[i];
    }
    return true;
  }

  /** The answer as the server sent it. */
  get data(): Readonly<WireData> {
    return this.#data;
  }

  /** One field by its wire name. */
  get(field: string): unknown {
    return this.#data[field];
  }

  /** The wire data. */
  toJSON(): WireData {
    return this.#data;
  }

  /** `MAAS 3.5.4`. */
  toString(): string {
    return `MAAS ${this.version}${this.subversion ? ` (${this.subversion})` : ""}`;
  }

  /** Deno's inspector shows the short form. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /** Node's and Bun's inspectors show the short form. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * `client.version`: the server's version and capabilities. `version/` needs no credentials.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function show(client: Client) {
 *   console.log(String(await client.version.get()));
 *   console.log(await client.version.hasCapability("authenticate-api"));
 * }
 * ```
 */
export class Versions extends Namespace {
  /**
   * Reads the version (always asks the server) and keeps it as the client's
   * ({@linkcode Client.readVersion}).
   */
  async get(params?: ExtraParams, options?: CallOptions): Promise<Version> {
    if (params === undefined || params === null) {
      requestOptions(options, "client.version.get()");
      return new Version(await this.context.readVersion(options, { fresh: true }));
    }
    const data = await invoke(this.context, VERSION.ops.read, { params, call: options });
    return new Version(expectObject(data, "a version"));
  }

  /**
   * Whether the server has a capability. The version is read once per client and kept
   * ({@linkcode Client.readVersion}), since a server's capabilities change only with an upgrade.
   */
  async hasCapability(name: string, params?: ExtraParams, options?: CallOptions): Promise<boolean> {
    if (typeof name !== "string" || name === "") {
      throw new ParameterError('Missing required parameter "name": a capability\'s name');
    }
    // The kept answer was read without parameters: any given go to a fresh read.
    const data = params === undefined || params === null
      ? await this.context.readVersion(options)
      : (await this.get(params, options)).data;
    return new Version(data as WireData).hasCapability(name);
  }
}
