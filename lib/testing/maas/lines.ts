/**
 * The MAAS lines the simulator can be: 2.9, 3.0, 3.7, 3.8 and master (the development line after
 * 3.8). What differs between them is data, read from MAAS's own source into `lines.json` (by
 * `deno task gen:maas-lines` from the fixtures under `tests/fixtures/maas-api/`): the version
 * `version/` reports, and per handler its path, whether `describe/` lists it, the fields of its
 * objects, and per op the parameters it reads and the ones it documents.
 *
 * The simulator's route table serves, for the chosen line, only the handlers and ops that line
 * has ({@linkcode MaasLine.op}), honours only the parameters the op reads
 * ({@linkcode MaasLine.reads}), and renderers give every object exactly the line's fields
 * ({@linkcode MaasLine.shape}).
 *
 * @module
 */

import data from "./lines.json" with { type: "json" };

/**
 * The name of a MAAS line.
 *
 * @example
 * ```ts
 * import type { MaasLineName } from "./lines.ts";
 * const line: MaasLineName = "3.7";
 * ```
 */
export type MaasLineName = "2.9" | "3.0" | "3.7" | "3.8" | "master";

/**
 * Every line, oldest first.
 *
 * @example
 * ```ts
 * import { MAAS_LINES } from "./lines.ts";
 * console.log(MAAS_LINES.at(-1)); // "master"
 * ```
 */
export const MAAS_LINES: readonly MaasLineName[] = ["2.9", "3.0", "3.7", "3.8", "master"];

/**
 * The line a simulator is unless told otherwise.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAAS_LINE } from "./lines.ts";
 * console.log(DEFAULT_MAAS_LINE); // "3.8"
 * ```
 */
export const DEFAULT_MAAS_LINE: MaasLineName = "3.8";

/**
 * One op of a handler in one line.
 *
 * @example
 * ```ts
 * import type { OpData } from "./lines.ts";
 * const op: OpData = { params: ["name", "description"], doc: ["name", "description"] };
 * ```
 */
export interface OpData {
  /** Every request parameter the op reads (path parameters left out), sorted. */
  params: string[];
  /** False when the op also reads names that could not be listed: then it honours any name. */
  complete?: false;
  /** Families of names the op reads by prefix, such as `power_parameters_*`. */
  patterns?: string[];
  /** Body parameters that share a path parameter's name (a rename, as `PUT zones/{name}/`). */
  renamed?: string[];
  /** The parameters MAAS documents for the op, in MAAS's order. */
  doc?: string[];
}

/**
 * One handler in one line.
 *
 * @example
 * ```ts
 * import type { HandlerData } from "./lines.ts";
 * const zone: HandlerData = {
 *   path: "zones/{name}/",
 *   fields: ["id", "name", "description"],
 *   ops: { "GET read": { params: [] } },
 * };
 * ```
 */
export interface HandlerData {
  /** Path under `/MAAS/api/2.0/`, as `describe/` shows it. */
  path: string;
  /** Every route of the handler, when it has more than `path`. */
  paths?: string[];
  /** Served but left out of `describe/`. */
  hidden?: true;
  /** The top-level keys of the handler's objects (`resource_uri` aside), or null. */
  fields: string[] | null;
  /** Ops by `"METHOD op"`; RESTful ones are `GET read`, `POST create`, `PUT update`, `DELETE delete`. */
  ops: Record<string, OpData>;
}

interface LineEntry {
  version: string;
  source: string;
  commit: string;
  handlers: Record<string, number>;
}

interface LinesFile {
  capabilities: string[];
  lines: Record<MaasLineName, LineEntry>;
  handlers: HandlerData[];
}

const FILE = data as unknown as LinesFile;
const RESOURCE_URI = "resource_uri";

/**
 * What one MAAS line has, and the few rules that follow from it.
 *
 * @example
 * ```ts
 * import { MaasLine } from "./lines.ts";
 * const line = MaasLine.get("master");
 * console.log(line.version, line.handler("MachineHandler")?.fields?.includes("pod")); // 3.9.0 false
 * ```
 */
export class MaasLine {
  /** The line's name. */
  readonly name: MaasLineName;
  /** What `version/` reports. */
  readonly version: string;
  /** What `version/` lists as capabilities. */
  readonly capabilities: readonly string[];
  /** The MAAS release or branch the line's data was read from. */
  readonly source: string;
  /** Whether VM hosts, pods and VM clusters are gone (their handlers hidden, every op 410). */
  readonly vmHostsRemoved: boolean;

  #handlers: Map<string, HandlerData>;
  #allowed = new Map<string, Set<string> | null>();
  #reads = new Map<string, ((name: string) => boolean) | null>();

  private constructor(name: MaasLineName) {
    const entry = FILE.lines[name];
    this.name = name;
    this.version = entry.version;
    this.source = entry.source;
    this.capabilities = FILE.capabilities;
    this.#handlers = new Map(
      Object.entries(entry.handlers).map(([handler, index]) => [handler, FILE.handlers[index]]),
    );
    this.vmHostsRemoved = this.#handlers.get("VmHostsHandler")?.hidden === true;
  }

  static #cache = new Map<MaasLineName, MaasLine>();

  /**
   * The line called `name`; a name that is not a line throws a RangeError naming the lines.
   *
   * @example
   * ```ts
   * import { MaasLine } from "./lines.ts";
   * console.log(MaasLine.get("3.7").version); // "3.7.3"
   * ```
   */
  static get(name: string): MaasLine {
    if (!isMaasLineName(name)) {
      throw new RangeError(
        `unknown MAAS line ${JSON.stringify(name)}: use one of ${MAAS_LINES.join(", ")}`,
      );
    }
    let line = MaasLine.#cache.get(name);
    if (!line) MaasLine.#cache.set(name, line = new MaasLine(name));
    return line;
  }

  /** Every handler of the line (hidden ones too), by MAAS's class name. */
  handlers(): IterableIterator<[string, HandlerData]> {
    return this.#handlers.entries();
  }

  /** The handler called `name` (`MachinesHandler`), if the line has it. */
  handler(name: string): HandlerData | undefined {
    return this.#handlers.get(name);
  }

  /** The op `key` (`"POST deploy"`, `"GET read"`) of a handler, if the line has both. */
  op(handler: string, key: string): OpData | undefined {
    return this.#handlers.get(handler)?.ops[key];
  }

  /**
   * Which request parameters an op honours: a test of a name, or null when the op honours any
   * (its list is incomplete, or the line does not have it).
   */
  reads(handler: string, key: string): ((name: string) => boolean) | null {
    const cacheKey = `${handler} ${key}`;
    if (this.#reads.has(cacheKey)) return this.#reads.get(cacheKey)!;
    const op = this.op(handler, key);
    let test: ((name: string) => boolean) | null = null;
    if (op && op.complete !== false) {
      const names = new Set([...op.params, ...(op.renamed ?? []), "op"]);
      const prefixes = (op.patterns ?? []).map((pattern) => pattern.replace(/\*$/, ""));
      test = (name) => names.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
    }
    this.#reads.set(cacheKey, test);
    return test;
  }

  /**
   * The fields of a handler's objects in this line (`resource_uri` aside), or null when the
   * handler renders no object of its own (or the line lacks it).
   */
  fields(handler: string): readonly string[] | null {
    return this.#handlers.get(handler)?.fields ?? null;
  }

  /**
   * `rendered` as the line's `handler` renders it: the keys the line's handler does not have (its
   * fields and `resource_uri`) are set to undefined, which JSON leaves out. `rendered` is a
   * renderer's own new object with every field any line has; it is changed in place and given
   * back. A handler without fields in this line leaves it as it is.
   *
   * Blanking keys, rather than copying the wanted ones, keeps the object in the engine's fast form:
   * a list of ten thousand machines serialises about as fast as their stored fields do.
   */
  shape(handler: string, rendered: Record<string, unknown>): Record<string, unknown> {
    let allowed = this.#allowed.get(handler);
    if (allowed === undefined) {
      const fields = this.fields(handler);
      allowed = fields ? new Set([...fields, RESOURCE_URI]) : null;
      this.#allowed.set(handler, allowed);
    }
    if (allowed === null) return rendered;
    for (const key in rendered) if (!allowed.has(key)) rendered[key] = undefined;
    return rendered;
  }
}

/**
 * Whether `name` is a MAAS line's name.
 *
 * @example
 * ```ts
 * import { isMaasLineName } from "./lines.ts";
 * console.log(isMaasLineName("3.8"), isMaasLineName("3.6")); // true false
 * ```
 */
export function isMaasLineName(name: string): name is MaasLineName {
  return (MAAS_LINES as readonly string[]).includes(name);
}
