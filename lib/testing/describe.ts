/**
 * The describe document (`GET describe/`) and the API hash, built from a line's route table.
 *
 * Every action's `doc` ends with MAAS's parameter block: for each parameter the line documents for
 * the op, in the line's order,
 *
 * ```text
 * :param NAME: Required. What it is.
 * :type NAME: String
 * ```
 *
 * (`Optional.` for the others). The official `maas` command line accepts `NAME=value` arguments for
 * an action only when such lines are there. The words come from the action's own `:param` lines
 * when it has them, else from the shared glossary (`describe_glossary.ts`), else from the parameter's name.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { glossaryEntry } from "./describe_glossary.ts";
import type { MaasLine } from "./maas/lines.ts";
import { API_ROOT, type CompiledHandler, type Route, type RouteTable } from "./routes.ts";

/**
 * One action in the describe document.
 *
 * @example
 * ```ts
 * import type { DescribedAction } from "./describe.ts";
 * const read: DescribedAction = { name: "read", method: "GET", op: null, restful: true, doc: "" };
 * ```
 */
export interface DescribedAction {
  /** `read`, `create`, `update`, `delete`, or the op. */
  name: string;
  /** HTTP method. */
  method: string;
  /** The op, or null for a RESTful action. */
  op: string | null;
  /** Whether the action is RESTful. */
  restful: boolean;
  /** The description, ending with the parameter block. */
  doc: string;
}

/**
 * One handler in the describe document.
 *
 * @example
 * ```ts
 * import type { DescribedHandler } from "./describe.ts";
 * const zones: DescribedHandler = {
 *   name: "ZonesHandler", doc: "", params: [], path: "/MAAS/api/2.0/zones/", actions: [],
 * };
 * ```
 */
export interface DescribedHandler {
  /** Handler class name. */
  name: string;
  /** What the handler is for. */
  doc: string;
  /** The path's parameters, in order. */
  params: string[];
  /** Absolute path on the server. */
  path: string;
  /** `origin` + `path`, as the server saw its own address. */
  uri?: string;
  /** Actions sorted by name. */
  actions: DescribedAction[];
}

/**
 * One resource in the describe document: a handler for signed and one for unsigned callers.
 *
 * @example
 * ```ts
 * import type { DescribedResource } from "./describe.ts";
 * const none: DescribedResource = { name: "X", anon: null, auth: null };
 * ```
 */
export interface DescribedResource {
  /** The `auth` handler's name, else the `anon` one's. */
  name: string;
  /** What unsigned callers get. */
  anon: DescribedHandler | null;
  /** What signed callers get. */
  auth: DescribedHandler | null;
}

const RESTFUL_NAMES: Readonly<Record<string, string>> = {
  GET: "read",
  POST: "create",
  PUT: "update",
  DELETE: "delete",
};

/**
 * The describe document and the hash of a line's route table, built once.
 *
 * @example
 * ```ts
 * import { Description } from "./describe.ts";
 * import { RouteTable } from "./routes.ts";
 * import { MaasLine } from "./maas/lines.ts";
 * const description = new Description(new RouteTable(MaasLine.get("3.8")));
 * console.log(description.document("http://127.0.0.1:5240").doc); // "MAAS API"
 * ```
 */
export class Description {
  #resources: DescribedResource[];
  #hash: string;

  /** The description of what `table` serves now. */
  constructor(table: RouteTable) {
    this.#resources = describeResources(table);
    this.#hash = createHash("sha1").update(stableJson(this.#resources)).digest("hex");
  }

  /** SHA-1 of the described resources: what `X-MAAS-API-Hash` carries. */
  get hash(): string {
    return this.#hash;
  }

  /**
   * The describe document, with handler URIs made absolute for `origin`, keys sorted as MAAS
   * sorts them.
   */
  document(origin: string): Record<string, unknown> {
    const resources = this.#resources.map((resource) => ({
      name: resource.name,
      anon: resource.anon && { ...resource.anon, uri: origin + resource.anon.path },
      auth: resource.auth && { ...resource.auth, uri: origin + resource.auth.path },
    }));
    return {
      doc: "MAAS API",
      hash: this.#hash,
      resources,
      handlers: [
        ...resources.flatMap((resource) => resource.anon ? [resource.anon] : []),
        ...resources.flatMap((resource) => resource.auth ? [resource.auth] : []),
      ],
    };
  }
}

function describeResources(table: RouteTable): DescribedResource[] {
  return table.routes()
    .filter((route): route is Route & { described: string } => route.described !== null)
    .map((route) => {
      const anon = route.anon && describeHandler(table.line, route.anon, route.described);
      const auth = route.auth && describeHandler(table.line, route.auth, route.described);
      return { name: (auth ?? anon)!.name, anon, auth };
    })
    .sort((a, b) => compare(a.name, b.name));
}

function describeHandler(
  line: MaasLine,
  handler: CompiledHandler<never>,
  path: string,
): DescribedHandler {
  const actions = [...handler.signatures.values()].map((action): DescribedAction => {
    const [method, name] = action.key.split(" ");
    const restful = RESTFUL_NAMES[method] === name;
    const documented = line.op(handler.spec.name, action.key)?.doc ?? [];
    return {
      name,
      method,
      op: restful ? null : name,
      restful,
      doc: withParameterBlock(action.spec.doc, documented),
    };
  }).sort((a, b) => compare(a.name, b.name));
  return {
    name: handler.spec.name,
    doc: handler.spec.doc,
    params: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]),
    path: API_ROOT + path,
    actions,
  };
}

/**
 * What an author wrote about one parameter.
 *
 * @example
 * ```ts
 * import type { ParameterWords } from "./describe.ts";
 * const words: ParameterWords = { required: true, text: "The zone's name.", type: "String" };
 * ```
 */
export interface ParameterWords {
  /** Whether the op refuses to work without it. */
  required: boolean;
  /** What it is, in a sentence or two. */
  text: string;
  /** MAAS's type word: `String`, `Int`, `Boolean`, `Float`, `JSON`, `Content`. */
  type: string;
}

/**
 * An action's description with its own `:param`/`:type` lines replaced by the block for
 * `documented` (the parameters the line documents for the op, in order).
 *
 * @example
 * ```ts
 * import { withParameterBlock } from "./describe.ts";
 * const doc = withParameterBlock("Create a zone.\n\n:param name: Required. Its name.", ["name"]);
 * console.log(doc); // "Create a zone.\n\n:param name: Required. Its name.\n:type name: String\n"
 * ```
 */
export function withParameterBlock(doc: string, documented: readonly string[]): string {
  const own = new Map<string, Partial<ParameterWords>>();
  const prose: string[] = [];
  for (const line of doc.split("\n")) {
    const param = /^:param (\w+):\s*(.*)$/.exec(line);
    const type = /^:type (\w+):\s*(.*)$/.exec(line);
    if (param) {
      const entry = own.get(param[1]) ?? {};
      const flag = /^(Required|Optional)\b[.,:]?\s*/.exec(param[2]);
      entry.required = flag ? flag[1] === "Required" : undefined;
      entry.text = flag ? param[2].slice(flag[0].length) : param[2];
      own.set(param[1], entry);
    } else if (type) {
      own.set(type[1], { ...own.get(type[1]), type: type[2] });
    } else {
      prose.push(line);
    }
  }
  const description = prose.join("\n").trimEnd();
  // MAAS leaves out names in braces: they are path parameters, shown elsewhere.
  const named = documented.filter((name) => !/[{}]/.test(name));
  if (named.length === 0) return description;
  const blocks = named.map((name) => {
    const written = own.get(name) ?? {};
    const shared = glossaryEntry(name);
    const required = written.required ?? shared.required;
    const type = written.type ?? shared.type;
    // An author's qualifier ("repeatable.") adds to the shared words rather than replacing them.
    const words = written.text ?? "";
    const text = words === ""
      ? shared.text
      : /^[a-z]/.test(words)
      ? `${shared.text} ${words[0].toUpperCase()}${words.slice(1)}`
      : words;
    return `:param ${name}: ${
      required ? "Required" : "Optional"
    }. ${text}\n:type ${name}: ${type}\n`;
  });
  return `${description}\n\n${blocks.join("\n")}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * JSON with object keys sorted at every level, as Python's `json.dumps(sort_keys=True)` writes it
 * (MAAS serves the describe document that way, and the hash must not depend on insertion order).
 *
 * @example
 * ```ts
 * import { stableJson } from "./describe.ts";
 * console.log(stableJson({ b: 1, a: [{ d: 2, c: 3 }] })); // {"a":[{"c":3,"d":2}],"b":1}
 * ```
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) {
      sorted[key] = (inner as Record<string, unknown>)[key];
    }
    return sorted;
  });
}
