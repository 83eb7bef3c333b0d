/**
 * VM hosts: LXD or virsh hosts MAAS composes machines on, keyed by id. MAAS 2.9 to 3.8 serve
 * them at `vm-hosts/` and at their former name `pods/`; `client.vmHosts` uses the first,
 * `client.pods` the second (the same objects and ops). MAAS removed VM hosts after 3.8: on a
 * newer server every call raises an `UnsupportedError` that says so, before anything is sent.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function composeOne(client: Client, hostId: number): Promise<string> {
 *   const host = await client.vmHosts.get(hostId);
 *   return (await host.compose({ cores: 2, memory: 4096, storage: "root:20" })).systemId;
 * }
 * ```
 *
 * @module
 */

import { GoneError, ParameterError, ProtocolError } from "../errors.ts";
import type { ParamValue } from "../transport.ts";
import {
  type CallOptions,
  type ClientContext,
  defineFields,
  defineObject,
  type FieldMapping,
  MaasObject,
  Namespace,
  type WireData,
} from "./base.ts";
import { invoke, listOf, oneOf } from "./engine.ts";
import type { MaasLine } from "./lines.ts";
import { ResourcePool } from "./pools.ts";
import { type Codec, type ExtraParams, family, op, pathOf } from "./spec.ts";
import { describe, expectObject } from "./wire.ts";
import { Zone } from "./zones.ts";

/** Cores, memory (MiB) and local storage (bytes) of a VM host. */
export interface VMHostResources {
  /** CPU cores. */
  readonly cores: number;
  /** Memory in MiB. */
  readonly memory: number;
  /** Local storage in bytes. */
  readonly localStorage: number;
}

/** A storage pool of a VM host. */
export interface VMHostStoragePool {
  /** The pool's id on the host. */
  readonly id: string;
  /** Pool name. */
  readonly name: string;
  /** Pool type, such as `dir`, `lvm` or `zfs`. */
  readonly type: string;
  /** Path on the host. */
  readonly path: string;
  /** Size in bytes. */
  readonly total: number;
  /** Bytes used. */
  readonly used: number;
  /** Bytes free. */
  readonly available: number;
  /** Whether new machines get their disks here by default. */
  readonly default: boolean;
}

/** The machine that was composed: its system id and API address. */
export interface ComposedMachine {
  /** The new machine's system id. */
  readonly systemId: string;
  /** The new machine's API address, `/MAAS/api/2.0/machines/{system_id}/`. */
  readonly resourceUri: string;
}

/** The macvlan modes MAAS gives composed machines' interfaces. */
export type MacvlanMode = "bridge" | "passthru" | "private" | "vepa";

/** A zone or resource pool given by name, or as the object. */
export type PlaceRef = string | Zone | ResourcePool;

/** What a VM host's `update()` changes; what is left out stays as it is. */
export interface UpdateVMHostOptions extends ExtraParams {
  /** The host's name. */
  name?: string;
  /** The host's zone. */
  zone?: PlaceRef;
  /** The resource pool machines composed on the host go to. */
  pool?: PlaceRef;
  /** The host's tags (all of them). */
  tags?: string | readonly string[];
  /** How many times its cores the host may hand out (0 to 10). */
  cpuOverCommitRatio?: number;
  /** How many times its memory the host may hand out (0 to 10). */
  memoryOverCommitRatio?: number;
  /** The macvlan mode of composed machines' interfaces. */
  defaultMacvlanMode?: MacvlanMode;
  /** The storage pool composed machines' disks go to, by id or name. */
  defaultStoragePool?: string;
  /** Where the host is: `host:8443` for LXD, `qemu+ssh://user@host/system` for virsh. */
  powerAddress?: string;
  /** The virsh password or LXD trust password. */
  powerPass?: string;
}

/** What a new VM host takes. */
export interface CreateVMHostOptions extends ExtraParams {
  /** `lxd` or `virsh`. */
  type: "lxd" | "virsh";
  /** Where the host is: `host:8443` for LXD, `qemu+ssh://user@host/system` for virsh. */
  powerAddress: string;
  /** The virsh user, when no key is used. */
  powerUser?: string;
  /** The virsh password or LXD trust password. */
  powerPass?: string;
  /** Name (default: one MAAS makes up). */
  name?: string;
  /** The host's zone. */
  zone?: PlaceRef;
  /** The resource pool machines composed on the host go to. */
  pool?: PlaceRef;
  /** Tags. */
  tags?: string | readonly string[];
  /** The LXD project MAAS manages (default `default`; created when missing; MAAS 3.0 and later). */
  project?: string;
  /** The certificate MAAS presents to LXD, in PEM form (MAAS 3.7 and later). */
  certificate?: string;
  /** The private key of that certificate, in PEM form (MAAS 3.7 and later). */
  key?: string;
  /** How many times its cores the host may hand out (0 to 10). */
  cpuOverCommitRatio?: number;
  /** How many times its memory the host may hand out (0 to 10). */
  memoryOverCommitRatio?: number;
  /** The macvlan mode of composed machines' interfaces. */
  defaultMacvlanMode?: MacvlanMode;
  /** The storage pool composed machines' disks go to, by id or name. */
  defaultStoragePool?: string;
}

/** What {@linkcode VMHost.compose} asks for; every field is optional. */
export interface ComposeOptions extends ExtraParams {
  /** CPU cores (default 1). */
  cores?: number;
  /** Memory in MiB (default 2048, at least 1024). */
  memory?: number;
  /** Least CPU speed in MHz. */
  cpuSpeed?: number;
  /** Architecture, one the host supports, such as `amd64/generic`. */
  architecture?: string;
  /**
   * Disks as `label:size(tag,tag)` constraints, size in GB (default `root:8(local)`); a list is
   * joined with commas.
   */
  storage?: string | readonly string[];
  /**
   * Interfaces as `label:key=value,key=value` constraints (keys such as `space`, `subnet`,
   * `fabric`, `vlan`, `ip`); a list is joined with semicolons.
   */
  interfaces?: string | readonly string[];
  /** Hostname of the new machine. */
  hostname?: string;
  /** Domain id for the new machine. */
  domain?: number;
  /** Zone id for the new machine. */
  zone?: number;
  /** Resource pool id for the new machine (default: the host's pool). */
  pool?: number;
  /** Back the memory with huge pages. */
  hugepagesBacked?: boolean;
  /** Host cores to pin the machine to (replaces `cores`). */
  pinnedCores?: number | readonly number[];
  /** Do not commission the new machine. */
  skipCommissioning?: boolean;
}

/** What {@linkcode VMHost.delete} takes. */
export interface DeleteVMHostOptions extends ExtraParams {
  /** Also delete the machines composed on the host (MAAS 3.0 and later). */
  decompose?: boolean;
}

/** The lines that have VM hosts. */
const VM_HOST_LINES: readonly MaasLine[] = ["2.9", "3.0", "3.7", "3.8"];
/** Why the lines after 3.8 have no VM hosts, pods or VM clusters. */
export const VM_HOSTS_GONE = "VM hosts were removed from MAAS";

/** A list sent as one value joined by `separator` (MAAS splits it itself). */
function joined(separator: string, what: string): Codec {
  return {
    takes: `a string, or a list of strings (joined with "${separator}")`,
    encode(value: unknown, option: string): ParamValue {
      if (typeof value === "string") return value;
      if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
        return value.join(separator);
      }
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} must be ${what} as a string or a list of strings, ` +
          `got ${describe(value)}`,
      );
    },
  };
}

/**
 * `total`, `used` and `available`: cores, memory and local storage, as MAAS nests them in a
 * host's and a cluster's answers.
 */
export const RESOURCE_FIELDS: Readonly<Record<string, FieldMapping>> = {
  total: { wire: "total", map: resourcesOf },
  used: { wire: "used", map: resourcesOf },
  available: { wire: "available", map: resourcesOf },
};

/** Tags: MAAS's VM host form splits one comma-separated value. */
const TAGS: Codec = joined(",", "tags");

/**
 * A zone or pool sent by name: the VM host forms take names.
 *
 * @example
 * ```ts
 * import { BY_NAME } from "./vmhosts.ts";
 * console.log(BY_NAME.encode("rack-a", "zone")); // "rack-a"
 * ```
 */
export const BY_NAME: Codec = {
  takes: "a name, or a zone or pool",
  encode(value: unknown, option: string): ParamValue {
    const name = value instanceof MaasObject ? value.get("name") : value;
    if (typeof name !== "string" || name === "") {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} must be a name or a Zone or ResourcePool, got ${
          describe(value)
        }`,
      );
    }
    return name;
  },
};

/** One tag: MAAS refuses a comma in it, which would split it in the host's tag list. */
const TAG: Codec = {
  takes: "a tag (no comma)",
  encode(value: unknown, option: string): ParamValue {
    if (typeof value !== "string" || value === "") {
      throw new ParameterError(
        `Parameter ${JSON.stringify(option)} must be a non-empty tag, got ${describe(value)}`,
      );
    }
    if (value.includes(",")) throw new ParameterError(`A tag may not contain a ",": ${value}`);
    return value;
  },
};

const MACVLAN_MODES: readonly MacvlanMode[] = ["bridge", "passthru", "private", "vepa"];

const HOST_SETTINGS = {
  name: { wire: "name", kind: "string" },
  zone: { wire: "zone", kind: BY_NAME },
  pool: { wire: "pool", kind: BY_NAME },
  tags: { wire: "tags", kind: TAGS },
  cpuOverCommitRatio: { wire: "cpu_over_commit_ratio", kind: "number" },
  memoryOverCommitRatio: { wire: "memory_over_commit_ratio", kind: "number" },
  defaultMacvlanMode: { wire: "default_macvlan_mode", kind: "string", values: MACVLAN_MODES },
  defaultStoragePool: { wire: "default_storage_pool", kind: "string" },
  powerPass: { wire: "power_pass", kind: "string" },
} as const;

/**
 * The description of VM hosts under one of their two paths: `vm-hosts/` (`VmHostsHandler`) or
 * `pods/` (`PodsHandler`), with the same ops.
 */
function vmHostFamily(
  names: { namespace: "vmHosts" | "pods"; object: "vmHost" | "pod"; path: "vm-hosts" | "pods" },
  handlers: { collection: string; item: string },
) {
  const { namespace: ns, object: it } = names;
  const common = { lines: VM_HOST_LINES, gone: VM_HOSTS_GONE };
  return family({
    name: ns,
    handlers: {
      [handlers.collection]: `${names.path}/`,
      [handlers.item]: `${names.path}/{id}/`,
    },
    pathParams: { id: "integer" },
    fields: {
      id: { wire: "id", kind: "integer" },
      name: { wire: "name", kind: "string", writable: true },
      type: { wire: "type", kind: "string" },
      architectures: { wire: "architectures", kind: "strings" },
      capabilities: { wire: "capabilities", kind: "strings" },
      tags: { wire: "tags", kind: "strings", writable: true },
      cpuOverCommitRatio: { wire: "cpu_over_commit_ratio", kind: "number", writable: true },
      memoryOverCommitRatio: { wire: "memory_over_commit_ratio", kind: "number", writable: true },
      defaultMacvlanMode: { wire: "default_macvlan_mode", kind: "string", writable: true },
      version: { wire: "version", kind: "string" },
      resourceUri: { wire: "resource_uri", kind: "string" },
    },
    ops: {
      list: op({
        handler: handlers.collection,
        method: "GET",
        typed: [`client.${ns}.list()`],
        ...common,
      }),
      create: op<CreateVMHostOptions>({
        handler: handlers.collection,
        method: "POST",
        typed: [`client.${ns}.create()`],
        params: {
          type: { wire: "type", kind: "string", required: true, values: ["lxd", "virsh"] },
          powerAddress: { wire: "power_address", kind: "string", required: true },
          powerUser: { wire: "power_user", kind: "string" },
          project: { wire: "project", kind: "string", lines: ["3.0", "3.7", "3.8"] },
          certificate: { wire: "certificate", kind: "string", lines: ["3.7", "3.8"] },
          key: { wire: "key", kind: "string", lines: ["3.7", "3.8"] },
          ...HOST_SETTINGS,
        },
        ...common,
      }),
      read: op({
        handler: handlers.item,
        method: "GET",
        typed: [`client.${ns}.get()`],
        ...common,
      }),
      update: op<UpdateVMHostOptions>({
        handler: handlers.item,
        method: "PUT",
        typed: [`${it}.save()`, `${it}.update()`],
        params: { powerAddress: { wire: "power_address", kind: "string" }, ...HOST_SETTINGS },
        ...common,
      }),
      delete: op<DeleteVMHostOptions>({
        handler: handlers.item,
        method: "DELETE",
        typed: [`${it}.delete()`],
        params: { decompose: { wire: "decompose", kind: "boolean", lines: ["3.0", "3.7", "3.8"] } },
        ...common,
      }),
      refresh: op({
        handler: handlers.item,
        method: "POST",
        op: "refresh",
        typed: [`${it}.refresh()`],
        ...common,
      }),
      parameters: op({
        handler: handlers.item,
        method: "GET",
        op: "parameters",
        typed: [`${it}.parameters()`],
        ...common,
      }),
      compose: op<ComposeOptions>({
        handler: handlers.item,
        method: "POST",
        op: "compose",
        typed: [`${it}.compose()`],
        params: {
          cores: { wire: "cores", kind: "integer" },
          memory: { wire: "memory", kind: "integer" },
          cpuSpeed: { wire: "cpu_speed", kind: "integer" },
          architecture: { wire: "architecture", kind: "string" },
          storage: { wire: "storage", kind: joined(",", "disks") },
          interfaces: { wire: "interfaces", kind: joined(";", "interfaces") },
          hostname: { wire: "hostname", kind: "string" },
          domain: { wire: "domain", kind: "integer" },
          zone: { wire: "zone", kind: "integer" },
          pool: { wire: "pool", kind: "integer" },
          hugepagesBacked: { wire: "hugepages_backed", kind: "boolean" },
          pinnedCores: { wire: "pinned_cores", kind: "integers" },
          skipCommissioning: { wire: "skip_commissioning", kind: "boolean" },
        },
        ...common,
      }),
      addTag: op<{ tag: string }>({
        handler: handlers.item,
        method: "POST",
        op: "add_tag",
        typed: [`${it}.addTag()`],
        params: { tag: { wire: "tag", kind: TAG, required: true } },
        ...common,
      }),
      removeTag: op<{ tag: string }>({
        handler: handlers.item,
        method: "POST",
        op: "remove_tag",
        typed: [`${it}.removeTag()`],
        params: { tag: { wire: "tag", kind: "string", required: true } },
        ...common,
      }),
    },
    untyped: {
      [`${handlers.item} PUT update type`]:
        "MAAS reads it only to refuse a change: a host's type cannot change",
    },
  });
}

/** The VM hosts family at `vm-hosts/` and `vm-hosts/{id}/`. */
export const VM_HOSTS = vmHostFamily(
  { namespace: "vmHosts", object: "vmHost", path: "vm-hosts" },
  { collection: "VmHostsHandler", item: "VmHostHandler" },
);

/** The same family under its former name: `pods/` and `pods/{id}/`. */
export const PODS = vmHostFamily(
  { namespace: "pods", object: "pod", path: "pods" },
  { collection: "PodsHandler", item: "PodHandler" },
);

/** The description a VM host's calls follow. */
type VmHostFamily = typeof VM_HOSTS;

/** The description an object or namespace follows: `pods/` for pods, else `vm-hosts/`. */
function familyOf(target: VMHost | VMHosts): VmHostFamily {
  return target instanceof Pod || target instanceof Pods ? PODS : VM_HOSTS;
}

/** The class of a namespace's objects: pods for {@linkcode Pods}. */
function objectsOf(namespace: VMHosts): typeof VMHost {
  return namespace instanceof Pods ? Pod : VMHost;
}

/**
 * A 410 from a server whose version could not be placed (so the client did not refuse the call
 * itself) gets a message that says VM hosts are gone, with the server's version when it is known.
 */
async function explained<T>(context: ClientContext, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof GoneError)) throw error;
    const version = await context.readVersion().then(
      (answer) => typeof answer.version === "string" && answer.version ? ` ${answer.version}` : "",
      () => "",
    );
    error.message = `VM hosts (pods) were removed from MAAS after 3.8 (MAAS${version} answers ` +
      `410 Gone to every vm-hosts/ and pods/ call; they exist up to MAAS 3.8). ${error.message}`;
    throw error;
  }
}

/**
 * A VM host. Works against MAAS up to 3.8; on a newer server every call raises an
 * `UnsupportedError` explaining that VM hosts were removed.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function tidy(client: Client, hostId: number) {
 *   const host = await client.vmHosts.get(hostId);
 *   host.cpuOverCommitRatio = 2;
 *   await host.save();
 *   return await host.update({ zone: "rack-a", defaultMacvlanMode: "bridge" });
 * }
 * ```
 */
export class VMHost extends MaasObject {
  /** Host id. */
  declare readonly id: number;
  /** Name; writable. */
  declare name: string;
  /** `lxd` or `virsh`. */
  declare readonly type: string;
  /** Architectures the host can run, such as `amd64/generic`. */
  declare readonly architectures: string[];
  /** Capabilities such as `composable`, `storage_pools`, `hugepages`. */
  declare readonly capabilities: string[];
  /** Tags; writable (saved as a comma-separated list), or use `addTag`/`removeTag`. */
  declare tags: string[];
  /** CPU over-commit ratio; writable. */
  declare cpuOverCommitRatio: number;
  /** Memory over-commit ratio; writable. */
  declare memoryOverCommitRatio: number;
  /** Default macvlan mode for new machines (`bridge`, `passthru`, `private`, `vepa`); writable. */
  declare defaultMacvlanMode: string | null;
  /** Version of the hypervisor (MAAS 3.0 and later). */
  declare readonly version: string | undefined;
  /** The host's API address, as the server sent it. */
  declare readonly resourceUri: string | undefined;
  /** The host's whole resources. */
  declare readonly total: VMHostResources;
  /** The resources machines on the host use. */
  declare readonly used: VMHostResources;
  /** The resources still free. */
  declare readonly available: VMHostResources;

  /** `vm-hosts/{id}/` (`pods/{id}/` for a {@linkcode Pod}). */
  get resourcePath(): string {
    return pathOf(familyOf(this).ops.read.path, this.data);
  }

  /** The host's storage pools. */
  get storagePools(): VMHostStoragePool[] {
    const pools = this.get("storage_pools");
    return Array.isArray(pools) ? pools.map(storagePool) : [];
  }

  /** The system id of the machine the host runs on, if MAAS knows it. */
  get hostSystemId(): string | null {
    const host = this.get("host");
    if (host && typeof host === "object") {
      const id = (host as WireData).system_id;
      return typeof id === "string" ? id : null;
    }
    return null;
  }

  /** The zone; writable (a `Zone` or a zone name). */
  get zone(): Zone | null {
    return placed(this.client, this.get("zone"), Zone);
  }
  set zone(value: Zone | string) {
    this.set("zone", value);
  }

  /** The resource pool composed machines go to by default; writable (a pool or its name). */
  get pool(): ResourcePool | null {
    return placed(this.client, this.get("pool"), ResourcePool);
  }
  set pool(value: ResourcePool | string) {
    this.set("pool", value);
  }

  /** Rediscovers the host's resources and machines (`op=refresh`) and takes its new state. */
  override async refresh(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return this.replace(await this.#invoke(familyOf(this).ops.refresh, params, options));
  }

  /** Sends the changed fields and takes the host's new state. */
  override async save(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await explained(this.client, super.save(params, options));
  }

  /**
   * Changes the host (administrators only): its settings, and those `save()` cannot reach (power
   * address and password, default storage pool). Takes the host's new state.
   */
  async update(params: UpdateVMHostOptions, options?: CallOptions): Promise<this> {
    return this.replace(await this.#invoke(familyOf(this).ops.update, params, options));
  }

  /** Deletes the host (administrators only); `decompose` also deletes its composed machines. */
  override async delete(params?: DeleteVMHostOptions, options?: CallOptions): Promise<void> {
    await explained(this.client, super.delete(params, options));
  }

  /** The host's power parameters (address, credentials: administrators only). */
  async parameters(params?: ExtraParams, options?: CallOptions): Promise<WireData> {
    return expectObject(
      await this.#invoke(familyOf(this).ops.parameters, params, options),
      "VM host parameters",
    );
  }

  /** Composes a new machine on the host; MAAS answers with its system id and address. */
  async compose(params?: ComposeOptions, options?: CallOptions): Promise<ComposedMachine> {
    const answer = expectObject(
      await this.#invoke(familyOf(this).ops.compose, params, options),
      "a composed machine",
    );
    if (typeof answer.system_id !== "string") {
      throw new ProtocolError("The answer to compose has no system_id");
    }
    return { systemId: answer.system_id, resourceUri: String(answer.resource_uri ?? "") };
  }

  /** Adds a tag (no comma) and takes the host's new state. */
  async addTag(tag: string, params?: ExtraParams, options?: CallOptions): Promise<this> {
    return this.replace(await this.#invoke(familyOf(this).ops.addTag, params, options, { tag }));
  }

  /** Removes a tag and takes the host's new state. */
  async removeTag(tag: string, params?: ExtraParams, options?: CallOptions): Promise<this> {
    return this.replace(await this.#invoke(familyOf(this).ops.removeTag, params, options, { tag }));
  }

  async #invoke(
    op: VmHostFamily["ops"][keyof VmHostFamily["ops"]],
    params: unknown,
    options: CallOptions | undefined,
    set?: Record<string, unknown>,
  ): Promise<unknown> {
    return await explained(
      this.client,
      invoke(this.client, op, { path: this.resourcePath, params, set, call: options }),
    );
  }

  /** `VMHost 3 lxd kvm-01`. */
  toString(): string {
    return `${this.constructor.name} ${this.data.id} ${this.data.type} ${this.data.name}`;
  }
}
defineObject(VMHost, VM_HOSTS.fields, {
  read: VM_HOSTS.ops.read,
  update: VM_HOSTS.ops.update,
  delete: VM_HOSTS.ops.delete,
});
defineFields(VMHost, RESOURCE_FIELDS);

/**
 * A VM host read through `pods/`, the path's name before MAAS 2.9 (MAAS 2.9 to 3.8 serve both).
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function podNames(client: Client): Promise<string[]> {
 *   return (await client.pods.list()).map((pod) => pod.name);
 * }
 * ```
 */
export class Pod extends VMHost {}
defineObject(Pod, PODS.fields, {
  read: PODS.ops.read,
  update: PODS.ops.update,
  delete: PODS.ops.delete,
});

/** Cores, memory and local storage as MAAS nests them. */
function resourcesOf(value: unknown): VMHostResources {
  const data = (value && typeof value === "object" ? value : {}) as WireData;
  return {
    cores: data.cores as number,
    memory: data.memory as number,
    localStorage: data.local_storage as number,
  };
}

function storagePool(value: unknown): VMHostStoragePool {
  const data = (value && typeof value === "object" ? value : {}) as WireData;
  return {
    id: data.id as string,
    name: data.name as string,
    type: data.type as string,
    path: data.path as string,
    total: data.total as number,
    used: data.used as number,
    available: data.available as number,
    default: data.default as boolean,
  };
}

function placed<T extends MaasObject>(
  client: ClientContext,
  value: unknown,
  Class: new (client: ClientContext, data: WireData) => T,
): T | null {
  if (value instanceof Class) return value;
  if (typeof value === "string") return new Class(client, { name: value });
  if (value && typeof value === "object") return new Class(client, value as WireData);
  return null;
}

/**
 * `client.vmHosts`: list, read and add VM hosts (`vm-hosts/`). MAAS removed VM hosts after 3.8:
 * on a newer server every call raises an `UnsupportedError` that says so, before anything is
 * sent.
 *
 * @example
 * ```ts
 * import { type Client, UnsupportedError } from "@libmaas/client";
 * async function hosts(client: Client) {
 *   try {
 *     return await client.vmHosts.list();
 *   } catch (error) {
 *     if (error instanceof UnsupportedError) return []; // MAAS after 3.8
 *     throw error;
 *   }
 * }
 * ```
 */
export class VMHosts extends Namespace {
  /** Every VM host the user may see, by id. */
  async list(params?: ExtraParams, options?: CallOptions): Promise<VMHost[]> {
    return await explained(
      this.context,
      listOf(this.context, familyOf(this).ops.list, objectsOf(this), "VM hosts", {
        params,
        call: options,
      }),
    );
  }

  /** One VM host by id. */
  async get(id: number, params?: ExtraParams, options?: CallOptions): Promise<VMHost> {
    return await explained(
      this.context,
      oneOf(this.context, familyOf(this).ops.read, objectsOf(this), "a VM host", {
        path: { id },
        params,
        call: options,
      }),
    );
  }

  /** Adds a VM host (administrators only); MAAS contacts it and discovers its resources. */
  async create(params: CreateVMHostOptions, options?: CallOptions): Promise<VMHost> {
    return await explained(
      this.context,
      oneOf(this.context, familyOf(this).ops.create, objectsOf(this), "a VM host", {
        params,
        call: options,
      }),
    );
  }
}

/**
 * `client.pods`: the VM hosts under `pods/`, their name before MAAS 2.9. MAAS 2.9 to 3.8 serve
 * both paths with the same ops; `client.vmHosts` is the one to use, this one reaches servers
 * that know only the older name.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function podCount(client: Client): Promise<number> {
 *   return (await client.pods.list()).length;
 * }
 * ```
 */
export class Pods extends VMHosts {}
