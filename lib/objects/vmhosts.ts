/**
 * VM hosts (called pods before MAAS 2.9): LXD or virsh hosts MAAS composes machines on. MAAS 3.8
 * removed them: every VM host call there answers 410 Gone, which this module raises as a
 * `GoneError` that says so.
 *
 * @module
 */

import { GoneError, NotFoundError, ParameterError, ProtocolError } from "../errors.ts";
import type { Params } from "../transport.ts";
import {
  apiPath,
  type CallOptions,
  type ClientContext,
  defineFields,
  describe,
  expectList,
  expectObject,
  MaasObject,
  Namespace,
  optionsOf,
  refValue,
  required,
  type WireData,
} from "./base.ts";
import type { ExtraParams } from "./spec.ts";
import { ResourcePool } from "./pools.ts";
import { Zone } from "./zones.ts";
import type { RequestOptions } from "../transport.ts";

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

/** What {@linkcode VMHost.compose} asks for; every field is optional. */
export interface ComposeOptions extends CallOptions {
  /** CPU cores (default 1). */
  cores?: number;
  /** Memory in MiB (default 2048, at least 1024). */
  memory?: number;
  /** Minimum CPU speed in MHz. */
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
  pinnedCores?: readonly number[];
  /** Do not commission the new machine. */
  skipCommissioning?: boolean;
}

/**
 * A VM host. Works against MAAS up to 3.7; on 3.8 and later every call raises a `GoneError`
 * explaining that VM hosts were removed.
 *
 * @example
 * ```ts
 * import type { Client } from "@libmaas/client";
 * async function composeOne(client: Client, hostId: number) {
 *   const host = await client.vmHosts.get(hostId);
 *   const { systemId } = await host.compose({ cores: 2, memory: 4096, storage: "root:20" });
 *   return systemId;
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
  /** Version of the hypervisor. */
  declare readonly version: string | undefined;
  /** The host's API address, as the server sent it. */
  declare readonly resourceUri: string | undefined;

  /** `vm-hosts/{id}/`, or the address the server gave (`pods/{id}/` on older servers). */
  get resourcePath(): string {
    const uri = this.data.resource_uri;
    if (typeof uri === "string") {
      const match = /\/api\/\d+\.\d+\/((?:vm-hosts|pods)\/[^/]+\/)$/.exec(uri);
      if (match) return match[1];
    }
    return apiPath`vm-hosts/${this.id}/`;
  }

  /** The host's whole resources. */
  get total(): VMHostResources {
    return resources(this.get("total"));
  }

  /** The resources machines on the host use. */
  get used(): VMHostResources {
    return resources(this.get("used"));
  }

  /** The resources still free. */
  get available(): VMHostResources {
    return resources(this.get("available"));
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
    return wrap(this.client, this.get("zone"), Zone);
  }
  set zone(value: Zone | string) {
    this.set("zone", value);
  }

  /** The resource pool composed machines go to by default; writable (a pool or its name). */
  get pool(): ResourcePool | null {
    return wrap(this.client, this.get("pool"), ResourcePool);
  }
  set pool(value: ResourcePool | string) {
    this.set("pool", value);
  }

  /** Rediscovers the host's resources and machines (`op=refresh`) and takes its new state. */
  override async refresh(params?: ExtraParams, options?: CallOptions): Promise<this> {
    return await this.op("POST", "refresh", optionsOf(params).extra, options);
  }

  /** The host's power parameters (address, credentials: administrators only). */
  async parameters(options?: CallOptions): Promise<WireData> {
    return expectObject(
      await this.call("GET", "parameters", undefined, options),
      "VM host parameters",
    );
  }

  /** Composes a new machine on the host; MAAS answers with its system id and address. */
  async compose(options: ComposeOptions = {}): Promise<ComposedMachine> {
    const {
      cores,
      memory,
      cpuSpeed,
      architecture,
      storage,
      interfaces,
      hostname,
      domain,
      zone,
      pool,
      hugepagesBacked,
      pinnedCores,
      skipCommissioning,
      ...call
    } = optionsOf(options);
    for (const [name, value] of Object.entries({ cores, memory, cpuSpeed, domain, zone, pool })) {
      if (value !== undefined && !Number.isInteger(value)) {
        throw new ParameterError(
          `Parameter ${JSON.stringify(name)} must be a whole number, got ${describe(value)}`,
        );
      }
    }
    const data = expectObject(
      await this.call("POST", "compose", {
        cores,
        memory,
        cpu_speed: cpuSpeed,
        architecture,
        storage: joined(storage, ",", "storage"),
        interfaces: joined(interfaces, ";", "interfaces"),
        hostname,
        domain,
        zone,
        pool,
        hugepages_backed: hugepagesBacked,
        pinned_cores: pinnedCores === undefined ? undefined : [...pinnedCores],
        skip_commissioning: skipCommissioning,
      }, call),
      "a composed machine",
    );
    if (typeof data.system_id !== "string") {
      throw new ProtocolError("The answer to compose has no system_id");
    }
    return { systemId: data.system_id, resourceUri: String(data.resource_uri ?? "") };
  }

  /** Adds a tag and takes the host's new state. */
  async addTag(tag: string, options?: CallOptions): Promise<this> {
    return await this.op("POST", "add_tag", { tag: tagName(tag) }, options);
  }

  /** Removes a tag and takes the host's new state. */
  async removeTag(tag: string, options?: CallOptions): Promise<this> {
    return await this.op("POST", "remove_tag", { tag: tagName(tag) }, options);
  }

  /** Deletes the host; `decompose` also deletes the machines composed on it. */
  override async delete(
    params: ExtraParams & { decompose?: boolean } = {},
    options?: CallOptions,
  ): Promise<void> {
    const { decompose, extra } = optionsOf(params);
    await this.call("DELETE", null, { ...extra, decompose }, options);
  }

  /** Zones and pools are sent by name, tags as one comma-separated value. */
  protected override saveParams(changes: WireData): Params {
    const params: Record<string, Params[string]> = { ...changes } as Record<string, Params[string]>;
    if ("zone" in changes) params.zone = refValue(changes.zone);
    if ("pool" in changes) params.pool = refValue(changes.pool);
    if ("tags" in changes) params.tags = joined(changes.tags as string[], ",", "tags");
    return params;
  }

  /** Every call of a VM host explains a 410 from servers that removed them. */
  protected override async call<T = unknown>(
    method: string,
    op: string | null,
    params?: Params,
    options: CallOptions = {},
    path: string = this.resourcePath,
  ): Promise<T> {
    try {
      return await super.call<T>(method, op, params, options, path);
    } catch (error) {
      throw await explainGone(this.client, error, options);
    }
  }

  /** `VMHost 3 lxd kvm-01`. */
  toString(): string {
    return `VMHost ${this.id} ${this.type} ${this.data.name}`;
  }
}
defineFields(VMHost, {
  id: "id",
  name: { wire: "name", writable: true },
  type: "type",
  architectures: "architectures",
  capabilities: "capabilities",
  tags: { wire: "tags", writable: true },
  cpuOverCommitRatio: { wire: "cpu_over_commit_ratio", writable: true },
  memoryOverCommitRatio: { wire: "memory_over_commit_ratio", writable: true },
  defaultMacvlanMode: { wire: "default_macvlan_mode", writable: true },
  version: "version",
  resourceUri: "resource_uri",
});

function resources(value: unknown): VMHostResources {
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

function wrap<T extends MaasObject>(
  client: ClientContext,
  value: unknown,
  Class: new (client: ClientContext, data: WireData) => T,
): T | null {
  if (value instanceof Class) return value;
  if (typeof value === "string") return new Class(client, { name: value });
  if (value && typeof value === "object") return new Class(client, value as WireData);
  return null;
}

function tagName(tag: string): string {
  required(tag, "tag", "string");
  if (tag.includes(",")) throw new ParameterError(`A tag may not contain a ",": ${tag}`);
  return tag;
}

function joined(
  value: string | readonly string[] | undefined,
  separator: string,
  name: string,
): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new ParameterError(
      `Parameter ${JSON.stringify(name)} must be a string or a list of strings`,
    );
  }
  return value.join(separator);
}

/**
 * MAAS 3.8 answers 410 to every VM host call; the server's short text becomes a message that
 * says what happened, naming the server's version when it can be read.
 */
async function explainGone(
  context: ClientContext,
  error: unknown,
  options: CallOptions,
): Promise<unknown> {
  if (!(error instanceof GoneError)) return error;
  let release = "";
  try {
    const data = await context.call("GET", "version/", { signal: options.signal, retries: 0 });
    const version = expectObject(data, "a version").version;
    if (typeof version === "string" && version) release = ` ${version}`;
  } catch {
    // The explanation stands without the release number.
  }
  error.message = `VM hosts (pods) were removed from this MAAS version (MAAS${release} answers ` +
    `410 Gone to every vm-hosts/ and pods/ call; they exist up to MAAS 3.7). ${error.message}`;
  return error;
}

/** What a new VM host takes. */
export interface CreateVMHostOptions extends CallOptions {
  /** `lxd` or `virsh`. */
  type: string;
  /** The address of the host: for LXD `host:8443`, for virsh `qemu+ssh://user@host/system`. */
  powerAddress: string;
  /** The user for virsh hosts without key authentication. */
  powerUser?: string;
  /** The password (virsh) or LXD trust password. */
  powerPass?: string;
  /** Name (default: one MAAS makes up). */
  name?: string;
  /** Zone name. */
  zone?: string;
  /** Resource pool name for composed machines. */
  pool?: string;
  /** Tags. */
  tags?: readonly string[];
  /** LXD project MAAS manages (default `default`; created when missing). */
  project?: string;
  /** X.509 certificate MAAS presents to LXD (PEM). */
  certificate?: string;
  /** Private key of that certificate (PEM). */
  key?: string;
  /** CPU over-commit ratio. */
  cpuOverCommitRatio?: number;
  /** Memory over-commit ratio. */
  memoryOverCommitRatio?: number;
  /** Default macvlan mode. */
  defaultMacvlanMode?: string;
}

/**
 * `client.vmHosts`: list, read and add VM hosts (`vm-hosts/`, or `pods/` on servers before MAAS
 * 2.9). MAAS 3.8 removed VM hosts: there every call raises a `GoneError` that says so.
 *
 * @example
 * ```ts
 * import { GoneError, type Client } from "@libmaas/client";
 * async function hosts(client: Client) {
 *   try {
 *     return await client.vmHosts.list();
 *   } catch (error) {
 *     if (error instanceof GoneError) return []; // MAAS 3.8 and later
 *     throw error;
 *   }
 * }
 * ```
 */
export class VMHosts extends Namespace {
  #base = "vm-hosts/";

  /** Every VM host the user may see, by id. */
  async list(options?: CallOptions): Promise<VMHost[]> {
    const data = await this.#call("GET", "", { ...options });
    return expectList(data, "VM hosts").map((item) => new VMHost(this.context, item));
  }

  /** One VM host by id. */
  async get(id: number, options?: CallOptions): Promise<VMHost> {
    required(id, "id", "number");
    const data = await this.#call("GET", apiPath`${id}/`, { ...options });
    return new VMHost(this.context, expectObject(data, "a VM host"));
  }

  /** Adds a VM host; MAAS contacts it and discovers its resources. */
  async create(options: CreateVMHostOptions): Promise<VMHost> {
    const {
      type,
      powerAddress,
      powerUser,
      powerPass,
      name,
      zone,
      pool,
      tags,
      project,
      certificate,
      key,
      cpuOverCommitRatio,
      memoryOverCommitRatio,
      defaultMacvlanMode,
      ...call
    } = optionsOf(options);
    required(type, "type", "string");
    required(powerAddress, "powerAddress", "string");
    const data = await this.#call("POST", "", {
      params: {
        type,
        power_address: powerAddress,
        power_user: powerUser,
        power_pass: powerPass,
        name,
        zone,
        pool,
        tags: joined(tags, ",", "tags"),
        project,
        certificate,
        key,
        cpu_over_commit_ratio: cpuOverCommitRatio,
        memory_over_commit_ratio: memoryOverCommitRatio,
        default_macvlan_mode: defaultMacvlanMode,
      },
      ...call,
    });
    return new VMHost(this.context, expectObject(data, "a VM host"));
  }

  /**
   * Calls the collection or one host under `vm-hosts/`, and under `pods/` when the server does
   * not know the newer name (it answers `Unknown API endpoint`).
   */
  async #call(method: string, rest: string, options: RequestOptions): Promise<unknown> {
    try {
      try {
        return await this.context.call(method, this.#base + rest, options);
      } catch (error) {
        if (
          this.#base === "vm-hosts/" && error instanceof NotFoundError &&
          error.text.startsWith("Unknown API endpoint")
        ) {
          this.#base = "pods/";
          return await this.context.call(method, this.#base + rest, options);
        }
        throw error;
      }
    } catch (error) {
      throw await explainGone(this.context, error, options);
    }
  }
}
