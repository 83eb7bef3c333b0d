/**
 * Commissioning scripts by MAAS's older address, `commissioning-scripts/` (administrators only):
 * the names of the commissioning scripts, one script's content, and storing or changing a script
 * as a commissioning script with its content sent as a `content` file. MAAS marks the address
 * deprecated in favour of `scripts/` (`client.scripts`), which reaches every kind of script.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function show(client: Client): Promise<string[]> {
 *   const names = await client.commissioningScripts.list();
 *   const first = await client.commissioningScripts.download(names[0]);
 *   return [names.join(", "), new TextDecoder().decode(first)];
 * }
 * ```
 *
 * @module
 */

import { ProtocolError } from "../errors.ts";
import { type CallOptions, Namespace } from "./base.ts";
import { invoke } from "./engine.ts";
import {
  SCRIPT_FORM,
  type ScriptContent,
  type ScriptFormOptions,
  UNTYPED_SCRIPT_FORM,
} from "./scripts.ts";
import { type ExtraParams, family, op } from "./spec.ts";
import { expectList, expectObject } from "./wire.ts";

/** What a new commissioning script takes. */
export interface CreateCommissioningScriptOptions extends ScriptFormOptions, ExtraParams {
  /** Unique name; scripts run in the order of their names (`25-burn-in-disks`). */
  name: string;
  /** The script, starting with a `#!` line; sent as the `content` file. */
  content: ScriptContent;
}

/** What changing a commissioning script takes: new content always, other settings as given. */
export interface UpdateCommissioningScriptOptions extends ScriptFormOptions, ExtraParams {
  /** A new name. */
  name?: string;
  /** The new content, starting with a `#!` line; sent as the `content` file. */
  content: ScriptContent;
}

/** What MAAS answers for a new commissioning script. */
export interface CommissioningScriptCreated {
  /** The script's name. */
  readonly name: string;
  /** Its content, as stored. */
  readonly content: Uint8Array;
  /** MAAS's notice that the address is deprecated. */
  readonly deprecated: string;
}

// MAAS sets the script's type to commissioning itself, so what a request says of it is ignored.
const TYPE_SET_BY_MAAS = "this address always stores commissioning scripts: MAAS sets the type " +
  "itself and ignores a type sent";
// MAAS sets the content from the `content` file itself.
const CONTENT_SET_BY_MAAS = "MAAS takes the content from the content file, which this method sends";

/**
 * The commissioning scripts family: `commissioning-scripts/` and `commissioning-scripts/{name}`
 * (no trailing slash).
 */
export const COMMISSIONING_SCRIPTS = family({
  name: "commissioningScripts",
  handlers: {
    CommissioningScriptsHandler: "commissioning-scripts/",
    CommissioningScriptHandler: "commissioning-scripts/{name}",
  },
  pathParams: { name: "string" },
  ops: {
    list: op({
      handler: "CommissioningScriptsHandler",
      method: "GET",
      typed: ["client.commissioningScripts.list()"],
    }),
    create: op<CreateCommissioningScriptOptions>({
      handler: "CommissioningScriptsHandler",
      method: "POST",
      typed: ["client.commissioningScripts.create()"],
      params: {
        name: { wire: "name", kind: "string", required: true },
        content: { wire: "content", kind: "file", required: true },
        ...SCRIPT_FORM,
      },
    }),
    read: op({
      handler: "CommissioningScriptHandler",
      method: "GET",
      typed: ["client.commissioningScripts.download()"],
    }),
    update: op<UpdateCommissioningScriptOptions>({
      handler: "CommissioningScriptHandler",
      method: "PUT",
      typed: ["client.commissioningScripts.update()"],
      params: {
        // A rename: the new name goes in the body of the old name's path.
        name: { wire: "name", kind: "string" },
        content: { wire: "content", kind: "file", required: true },
        ...SCRIPT_FORM,
      },
    }),
    delete: op({
      handler: "CommissioningScriptHandler",
      method: "DELETE",
      typed: ["client.commissioningScripts.delete()"],
    }),
  },
  untyped: {
    "CommissioningScriptsHandler POST create type": TYPE_SET_BY_MAAS,
    "CommissioningScriptsHandler POST create script_type": TYPE_SET_BY_MAAS,
    "CommissioningScriptsHandler POST create script": CONTENT_SET_BY_MAAS,
    "CommissioningScriptsHandler POST create parameters": UNTYPED_SCRIPT_FORM.parameters,
    "CommissioningScriptHandler PUT update type": TYPE_SET_BY_MAAS,
    "CommissioningScriptHandler PUT update script_type": TYPE_SET_BY_MAAS,
    "CommissioningScriptHandler PUT update script": CONTENT_SET_BY_MAAS,
    "CommissioningScriptHandler PUT update parameters": UNTYPED_SCRIPT_FORM.parameters,
  },
});

/**
 * `client.commissioningScripts`: commissioning scripts by MAAS's older address (administrators
 * only). `client.scripts` reaches the same scripts, and more.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function burnIn(client: Client) {
 *   await client.commissioningScripts.create({
 *     name: "25-burn-in-disks",
 *     content: "#!/bin/sh\nbadblocks -sv /dev/sda\n",
 *   });
 * }
 * ```
 */
export class CommissioningScripts extends Namespace {
  /** The names of the commissioning scripts, sorted. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<string[]> {
    const names = expectList(
      await invoke(this.context, COMMISSIONING_SCRIPTS.ops.list, { params, call: options }),
      "commissioning script names",
    );
    return names.map(String);
  }

  /** The content of a script (of any type), by name; a missing one raises `NotFoundError`. */
  async download(name: string, params?: ExtraParams, options?: CallOptions): Promise<Uint8Array> {
    return await invoke<Uint8Array>(this.context, COMMISSIONING_SCRIPTS.ops.read, {
      path: { name },
      params,
      call: options,
      // MAAS sends the content as application/binary, whatever it holds.
      responseType: "bytes",
    });
  }

  /** Stores a new commissioning script. */
  async create(
    params: CreateCommissioningScriptOptions,
    options?: CallOptions,
  ): Promise<CommissioningScriptCreated> {
    const answer = expectObject(
      await invoke(this.context, COMMISSIONING_SCRIPTS.ops.create, { params, call: options }),
      "a new commissioning script",
    );
    if (typeof answer.name !== "string" || typeof answer.content !== "string") {
      throw new ProtocolError("a new commissioning script came back without its name or content");
    }
    return {
      name: answer.name,
      content: Uint8Array.from(atob(answer.content), (char) => char.charCodeAt(0)),
      deprecated: String(answer.deprecated ?? ""),
    };
  }

  /**
   * Stores new content for a script (of any type), makes it a commissioning script, and changes
   * the other settings given; MAAS's own scripts refuse it.
   */
  async update(
    name: string,
    params: UpdateCommissioningScriptOptions,
    options?: CallOptions,
  ): Promise<void> {
    await invoke(this.context, COMMISSIONING_SCRIPTS.ops.update, {
      path: { name },
      params,
      call: options,
    });
  }

  /** Deletes a script (of any type, MAAS's own included) by name. */
  async delete(name: string, params?: ExtraParams, options?: CallOptions): Promise<void> {
    await invoke(this.context, COMMISSIONING_SCRIPTS.ops.delete, {
      path: { name },
      params,
      call: options,
    });
  }
}
