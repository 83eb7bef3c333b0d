/**
 * `help(x)` at the REPL: what a namespace, method, object or SessionAPI action does and takes.
 * Typed members are described from the library's own documentation (`deno doc --json`, read
 * once, when the first question needs it); SessionAPI handlers and actions from the server's
 * describe document.
 *
 * @module
 */

import { Handler, SessionAPI } from "../session.ts";
import { Rendered } from "../format.ts";

/** A type as `deno doc --json` writes it (only what is read here). */
interface DocType {
  repr?: string;
  kind?: string;
  value?: unknown;
}

interface DocParam {
  kind?: string;
  name?: string;
  optional?: boolean;
  tsType?: DocType;
  left?: DocParam;
}

interface DocFunction {
  params?: DocParam[];
  returnType?: DocType;
}

interface DocJs {
  doc?: string;
}

interface DocMember {
  name: string;
  kind?: string;
  jsDoc?: DocJs;
  functionDef?: DocFunction;
  tsType?: DocType;
  isStatic?: boolean;
  optional?: boolean;
  readonly?: boolean;
  accessibility?: string;
}

interface DocClass {
  methods?: DocMember[];
  properties?: DocMember[];
  constructors?: DocMember[];
  extends?: string;
  /** The class's own type parameters (`T` of `NodeCollection<T>`). */
  typeParams?: { name: string }[];
  /** The type arguments given to the class it extends (`Machine` of `extends NodeCollection<Machine>`). */
  superTypeParams?: DocType[];
}

/** What a generic class's type parameters stand for, as seen from a subclass: `T` → `Machine`. */
type Bindings = ReadonlyMap<string, string>;

const NO_BINDINGS: Bindings = new Map();

interface DocInterface {
  properties?: DocMember[];
  methods?: DocMember[];
  extends?: DocType[];
}

interface DocSymbol {
  name: string;
  kind: string;
  jsDoc?: DocJs;
  def?: DocClass & DocInterface & DocFunction;
}

/** Where the documentation comes from; the REPL gives one that runs `deno doc --json`. */
export type DocSource = () => unknown;

/** The library's documentation, by symbol name. */
class DocIndex {
  #symbols = new Map<string, DocSymbol>();

  /** Indexes the output of `deno doc --json` (format 2: `{ nodes: { url: { symbols } } }`). */
  constructor(docJson: unknown) {
    const nodes = (docJson as { nodes?: Record<string, { symbols?: unknown[] }> })?.nodes ?? {};
    for (const node of Object.values(nodes)) {
      for (const raw of node.symbols ?? []) {
        const symbol = raw as {
          name?: string;
          declarations?: { kind?: string; jsDoc?: DocJs; def?: unknown }[];
        };
        if (typeof symbol.name !== "string") continue;
        for (const declaration of symbol.declarations ?? []) {
          if (!declaration.kind || declaration.kind === "import") continue;
          if (this.#symbols.has(symbol.name) && declaration.kind === "typeAlias") continue;
          this.#symbols.set(symbol.name, {
            name: symbol.name,
            kind: declaration.kind,
            jsDoc: declaration.jsDoc,
            def: declaration.def as DocSymbol["def"],
          });
        }
      }
    }
  }

  /** The symbol called `name`. */
  get(name: string): DocSymbol | undefined {
    return this.#symbols.get(name);
  }

  /**
   * The class called `className` and those it extends, nearest first, each with what its type
   * parameters stand for as seen from `className`.
   */
  *chain(className: string): Generator<{ symbol: DocSymbol; bindings: Bindings }> {
    let bindings: Bindings = NO_BINDINGS;
    for (let current = this.get(className), depth = 0; current && depth < 8; depth++) {
      yield { symbol: current, bindings };
      const parent = current.def?.extends ? this.get(current.def.extends) : undefined;
      const args = current.def?.superTypeParams ?? [];
      const next = new Map<string, string>();
      for (const [i, param] of (parent?.def?.typeParams ?? []).entries()) {
        if (args[i]) next.set(param.name, typeText(args[i], bindings));
      }
      bindings = next;
      current = parent;
    }
  }

  /** A method or property of a class (or of a class it extends). */
  member(
    className: string,
    name: string,
  ): { owner: string; member: DocMember; bindings: Bindings } | undefined {
    for (const { symbol, bindings } of this.chain(className)) {
      const found = [...symbol.def?.methods ?? [], ...symbol.def?.properties ?? []].find(
        (m) => m.name === name && !m.isStatic,
      ) ?? [...symbol.def?.methods ?? [], ...symbol.def?.properties ?? []].find(
        (m) => m.name === name,
      );
      if (found) return { owner: symbol.name, member: found, bindings };
    }
    return undefined;
  }

  /** Every public member of a class and the classes it extends, nearest first. */
  members(className: string): { owner: string; member: DocMember; bindings: Bindings }[] {
    const out: { owner: string; member: DocMember; bindings: Bindings }[] = [];
    const seen = new Set<string>();
    for (const { symbol, bindings } of this.chain(className)) {
      for (const member of [...symbol.def?.properties ?? [], ...symbol.def?.methods ?? []]) {
        if (seen.has(member.name) || member.accessibility === "private") continue;
        if (member.accessibility === "protected" || member.name.startsWith("[")) continue;
        seen.add(member.name);
        out.push({ owner: symbol.name, member, bindings });
      }
    }
    return out;
  }
}

/**
 * The rule Tab completion hides members by (see `completion.ts`), from the library's
 * documentation: a member is internal when it is documented as `protected` or `private`, on its
 * class or on a class that class extends.
 *
 * @example
 * ```ts
 * import { internalMembers } from "./help.ts";
 * const internal = internalMembers({ nodes: {} });
 * console.log(internal("Machines", "wrap")); // false: nothing is documented here
 * ```
 */
export function internalMembers(docJson: unknown): (className: string, name: string) => boolean {
  const index = new DocIndex(docJson);
  return (className, name) => {
    const accessibility = index.member(className, name)?.member.accessibility;
    return accessibility === "protected" || accessibility === "private";
  };
}

/** A type written the way it reads in the source, as far as the JSON allows. */
function typeText(type: DocType | undefined, bindings: Bindings = NO_BINDINGS): string {
  if (!type) return "unknown";
  const text = (inner: DocType | undefined) => typeText(inner, bindings);
  const value = type.value as Record<string, unknown> | DocType[] | undefined;
  switch (type.kind) {
    case "keyword":
      return String(type.value);
    case "typeRef": {
      const ref = value as { typeName?: string; typeParams?: DocType[] };
      const bound = ref?.typeName && !ref.typeParams?.length
        ? bindings.get(ref.typeName)
        : undefined;
      if (bound) return bound;
      const params = ref?.typeParams?.length ? `<${ref.typeParams.map(text).join(", ")}>` : "";
      return `${ref?.typeName ?? type.repr ?? "?"}${params}`;
    }
    case "array":
      return `${text(type.value as DocType)}[]`;
    case "union":
      return (type.value as DocType[]).map(text).join(" | ");
    case "intersection":
      return (type.value as DocType[]).map(text).join(" & ");
    case "literal": {
      const literal = type.value as { kind?: string; string?: string; number?: number };
      return literal?.kind === "string" ? JSON.stringify(literal.string) : String(
        literal?.number ?? type.repr ?? "?",
      );
    }
    case "typeOperator": {
      const op = type.value as { operator?: string; tsType?: DocType };
      return `${op.operator} ${text(op.tsType)}`;
    }
    case "parenthesized":
      return `(${text(type.value as DocType)})`;
    case "typeLiteral":
      return "{ … }";
    case "fnOrConstructor":
      return "function";
    default:
      return type.repr || type.kind || "unknown";
  }
}

function paramText(param: DocParam, bindings: Bindings = NO_BINDINGS): string {
  if (param.kind === "assign" && param.left) {
    return paramText({ ...param.left, optional: true }, bindings);
  }
  if (param.kind === "rest") {
    return `...${param.name ?? "args"}: ${typeText(param.tsType, bindings)}`;
  }
  const name = param.name ?? (param.kind === "object" ? "{ … }" : "arg");
  return `${name}${param.optional ? "?" : ""}: ${typeText(param.tsType, bindings)}`;
}

function signature(
  name: string,
  fn: DocFunction | undefined,
  bindings: Bindings = NO_BINDINGS,
): string {
  const params = (fn?.params ?? []).map((param) => paramText(param, bindings)).join(", ");
  return `${name}(${params})${fn?.returnType ? ": " + typeText(fn.returnType, bindings) : ""}`;
}

function firstLine(doc: string | undefined): string {
  const text = cleanDoc(doc);
  const sentence = /^(.*?[.!?])(\s|$)/s.exec(text);
  return (sentence ? sentence[1] : text.split("\n")[0]).replace(/\s+/g, " ");
}

function cleanDoc(doc: string | undefined): string {
  return (doc ?? "").replace(/\{@linkcode ([^}]+)\}/g, "$1").trim();
}

function indent(text: string, by = "  "): string {
  return text.split("\n").map((line) => (line ? by + line : line)).join("\n");
}

/** The names of the typed parameters' option interfaces worth spelling out. */
function optionInterfaces(index: DocIndex, fn: DocFunction | undefined): DocSymbol[] {
  const out: DocSymbol[] = [];
  for (const param of fn?.params ?? []) {
    const type = param.kind === "assign" ? param.left?.tsType : param.tsType;
    const names = type?.kind === "union" || type?.kind === "intersection"
      ? (type.value as DocType[]).map((t) => (t.value as { typeName?: string })?.typeName)
      : [(type?.value as { typeName?: string } | undefined)?.typeName];
    for (const name of names) {
      const symbol = name ? index.get(name) : undefined;
      if (symbol?.kind === "interface" && !out.includes(symbol)) out.push(symbol);
    }
  }
  return out;
}

function interfaceText(index: DocIndex, symbol: DocSymbol): string {
  const lines: string[] = [];
  const add = (current: DocSymbol | undefined, depth: number) => {
    if (!current || depth > 4) return;
    for (const property of current.def?.properties ?? []) {
      lines.push(
        `  ${property.name}${property.optional ? "?" : ""}: ${typeText(property.tsType)}` +
          (property.jsDoc?.doc ? `  — ${firstLine(property.jsDoc.doc)}` : ""),
      );
    }
    for (const parent of current.def?.extends ?? []) {
      const name = (parent.value as { typeName?: string })?.typeName ?? parent.repr;
      if (name) add(index.get(name), depth + 1);
    }
  };
  add(symbol, 0);
  return `${symbol.name}:\n${lines.join("\n") || "  (no fields)"}`;
}

function memberLine(member: DocMember, bindings: Bindings): string {
  const doc = member.jsDoc?.doc ? `  — ${firstLine(member.jsDoc.doc)}` : "";
  if (member.kind === "getter" || member.kind === "setter" || !member.functionDef) {
    const type = member.functionDef?.returnType ?? member.tsType;
    return `  ${member.name}: ${typeText(type, bindings)}${doc}`;
  }
  return `  ${signature(member.name, member.functionDef, bindings)}${doc}`;
}

/** Help about a class from its documentation. */
function classHelp(index: DocIndex, name: string, what: string): string {
  const symbol = index.get(name);
  if (!symbol) return `${what}: ${name} (no documentation found)`;
  const members = index.members(name).filter(({ member }) => !member.isStatic);
  const fields = members.filter(({ member }) => !member.functionDef || member.kind === "getter");
  const methods = members.filter(({ member }) => member.functionDef && member.kind !== "getter");
  const parts = [`${what}: ${name}`, indent(cleanDoc(symbol.jsDoc?.doc))];
  if (fields.length) {
    parts.push(
      "Fields:\n" + fields.map(({ member, bindings }) => memberLine(member, bindings)).join("\n"),
    );
  }
  if (methods.length) {
    parts.push(
      "Methods:\n" + methods.map(({ member, bindings }) => memberLine(member, bindings)).join("\n"),
    );
  }
  parts.push(`help(x.method) tells more about one method.`);
  return parts.filter(Boolean).join("\n\n");
}

function methodHelp(index: DocIndex, className: string, name: string): string {
  const found = index.member(className, name);
  if (!found) return `${className}.${name} (no documentation found)`;
  const { owner, member, bindings } = found;
  const parts = [
    `${className}.${signature(name, member.functionDef, bindings)}` +
    (owner !== className ? `  (from ${owner})` : ""),
    indent(cleanDoc(member.jsDoc?.doc)),
  ];
  for (const options of optionInterfaces(index, member.functionDef)) {
    parts.push(interfaceText(index, options));
  }
  return parts.filter(Boolean).join("\n\n");
}

function handlerHelp(handler: Handler): string {
  const actions = Object.values(handler.actions).map((action) =>
    `  ${action.name.padEnd(28)} ${action.method.padEnd(6)} ${
      action.op ? "op=" + action.op : "(RESTful)"
    }`
  );
  return [
    `Handler ${handler.name}: ${handler.path}`,
    handler.params.length ? `URI parameters: ${handler.params.join(", ")}` : "",
    indent(handler.doc.trim()),
    `Actions (call as ${handler.name}.<action>({ …params })):\n${actions.join("\n")}`,
  ].filter(Boolean).join("\n\n");
}

interface ActionLike {
  name: string;
  method: string;
  op: string | null;
  doc: string;
  handler: string;
}

function isAction(value: unknown): value is ActionLike {
  const v = value as Partial<ActionLike>;
  return typeof value === "function" && typeof v.method === "string" &&
    typeof v.handler === "string" && typeof v.doc === "string";
}

function actionHelp(action: ActionLike, session: SessionAPI | null): string {
  const handler = session?.handlers[action.handler];
  const path = handler ? `${handler.path}${action.op ? "?op=" + action.op : ""}` : "";
  return [
    `${action.handler}.${action.name}: ${action.method} ${path}`.trimEnd(),
    handler?.params.length
      ? `URI parameters (give them in the object): ${handler.params.join(", ")}`
      : "",
    indent(action.doc.trim() || "(the server gives no documentation for this action)"),
  ].filter(Boolean).join("\n\n");
}

function sessionHelp(session: SessionAPI): string {
  const names = Object.keys(session.handlers).sort();
  const rows: string[] = [];
  for (let i = 0; i < names.length; i += 4) {
    rows.push("  " + names.slice(i, i + 4).map((n) => n.padEnd(26)).join("").trimEnd());
  }
  return [
    `SessionAPI at ${session.url} (${names.length} handlers, describe hash ${
      session.description.hash || "unknown"
    })`,
    rows.join("\n"),
    'Call an action: await session.handlers.Machine.deploy({ system_id: "abc123" })\n' +
    "Learn one: help(session.handlers.Machines) or help(session.handlers.Machine.deploy)",
  ].join("\n\n");
}

const OVERVIEW = `Globals:
  client                   the typed client: client.machines, client.users, client.zones…
  session                  the low-level SessionAPI (await session the first time)
  table(list, columns?)    a readable table: table(await client.machines.list(), ["hostname", "status_name"])
  json(x)  yaml(x)  csv(list, columns?)
  help(x)                  what x is, does and takes: help(client.machines), help(client.machines.list)
  libmaas                  every export of the library (most are also globals: NotFoundError, Credentials…)

Try:
  await client.users.whoami()
  table(await client.machines.list())
  help((await session).handlers.Machine.deploy)

Ctrl-C cancels what the line is doing (requests, waits); Ctrl-C twice on an empty line,
Ctrl-D or close() leaves.`;

/**
 * Builds `help()` for the REPL.
 *
 * @example
 * ```ts
 * import { Helper } from "./help.ts";
 * const helper = new Helper({ docs: () => ({ nodes: {} }), classes: [], session: () => null });
 * console.log(String(helper.help()));
 * ```
 */
export class Helper {
  #docs: DocSource;
  #index: DocIndex | null | undefined;
  #methods: Map<unknown, { className: string; name: string }> | undefined;
  #classes: readonly unknown[];
  #session: () => SessionAPI | null;

  /**
   * `docs` gives `deno doc --json` output (or throws where there is none); `classes` are the
   * library's classes, to tell which one a method belongs to; `session` gives the session when
   * it is loaded.
   */
  constructor(options: {
    docs: DocSource;
    classes: readonly unknown[];
    session: () => SessionAPI | null;
  }) {
    this.#docs = options.docs;
    this.#classes = options.classes;
    this.#session = options.session;
  }

  #index_(): DocIndex | null {
    if (this.#index !== undefined) return this.#index;
    try {
      return this.#index = new DocIndex(this.#docs());
    } catch {
      return this.#index = null;
    }
  }

  #methodOf(fn: unknown): { className: string; name: string } | undefined {
    if (!this.#methods) {
      this.#methods = new Map();
      for (const cls of this.#classes) {
        if (typeof cls !== "function") continue;
        const className = (cls as { name: string }).name;
        for (const [owner, prefix] of [[cls.prototype, ""], [cls, "static "]] as const) {
          for (const name of Object.getOwnPropertyNames(owner ?? {})) {
            const descriptor = Object.getOwnPropertyDescriptor(owner, name);
            if (typeof descriptor?.value === "function" && name !== "constructor") {
              if (!this.#methods.has(descriptor.value)) {
                this.#methods.set(descriptor.value, { className, name: prefix + name });
              }
            }
          }
        }
      }
    }
    return this.#methods.get(fn);
  }

  /** The help text for `target` (nothing: an overview). */
  help(...target: unknown[]): Rendered {
    if (target.length === 0) return new Rendered(OVERVIEW);
    return new Rendered(this.#text(target[0]));
  }

  #text(target: unknown): string {
    const index = this.#index_();
    const noDocs =
      "\n\n(The full documentation comes from `deno doc`, which is not available here.)";
    if (isAction(target)) return actionHelp(target, this.#session());
    if (target instanceof Handler) return handlerHelp(target);
    if (target instanceof SessionAPI) return sessionHelp(target);
    if (typeof (target as { then?: unknown })?.then === "function") {
      return "That is a promise: put await in front of it, e.g. help(await session)";
    }
    if (typeof target === "string") return this.#byName(target, index);
    if (typeof target === "function") {
      const method = this.#methodOf(target);
      if (method) {
        if (!index) return `${method.className}.${method.name}${noDocs}`;
        return methodHelp(index, method.className, method.name.replace(/^static /, ""));
      }
      const name = (target as { name?: string }).name ?? "";
      if (index?.get(name)) return this.#symbolHelp(index, name);
      return `A function${name ? " " + name : ""}, not one of the library's documented ones.`;
    }
    if (target !== null && typeof target === "object") {
      const className = (target as object).constructor?.name ?? "Object";
      if (index?.get(className)) return classHelp(index, className, "An object of class");
      const keys = Object.keys(target as object).slice(0, 30);
      return `A ${className}${keys.length ? " with " + keys.join(", ") : ""}.` +
        (index ? "" : noDocs);
    }
    return `${String(target)} is a ${typeof target}; help() describes the library's objects.`;
  }

  #symbolHelp(index: DocIndex, name: string): string {
    const symbol = index.get(name);
    if (!symbol) return `Nothing called ${name} is documented.`;
    if (symbol.kind === "class") return classHelp(index, name, "Class");
    if (symbol.kind === "interface") {
      return [interfaceText(index, symbol), indent(cleanDoc(symbol.jsDoc?.doc))].filter(Boolean)
        .join("\n\n");
    }
    if (symbol.kind === "function") {
      const parts = [signature(name, symbol.def), indent(cleanDoc(symbol.jsDoc?.doc))];
      for (const options of optionInterfaces(index, symbol.def)) {
        parts.push(interfaceText(index, options));
      }
      return parts.filter(Boolean).join("\n\n");
    }
    return [`${symbol.kind} ${name}`, indent(cleanDoc(symbol.jsDoc?.doc))].join("\n\n");
  }

  #byName(name: string, index: DocIndex | null): string {
    const [head, member] = name.split(".", 2);
    if (index?.get(head)) {
      return member ? methodHelp(index, head, member) : this.#symbolHelp(index, head);
    }
    const session = this.#session();
    const handler = session?.handlers[head];
    if (handler) {
      const action = member ? handler.actions[member] : undefined;
      if (action) return actionHelp(action, session);
      return handlerHelp(handler);
    }
    return `Nothing called ${name} is documented` +
      (session
        ? "."
        : " (SessionAPI handlers are known once the session is loaded: await session).");
  }
}
