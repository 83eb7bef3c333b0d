/**
 * Text for people and for shell scripts from MAAS objects and plain data: aligned tables, JSON,
 * YAML and CSV, with no dependencies. Library objects are read through their wire data
 * (`toJSON()`), so columns use MAAS's own field names (`status_name`, `zone.name`), and typed
 * names (`statusName`) work too. Each helper returns a {@linkcode Rendered}: `String()` or a
 * template string gives the text, and Deno's and Node's inspectors show it as it is.
 *
 * @example
 * ```ts
 * import { connect } from "@libmaas/client";
 * import { csv, table } from "@libmaas/client/format";
 *
 * const client = await connect("http://maas.example.com:5240/MAAS/", { apikey: "ck:tk:ts" });
 * const machines = await client.machines.list();
 * console.log(String(table(machines, ["hostname", "status_name", "zone.name"])));
 * console.log(`${csv(machines, ["system_id", "hostname"])}`);
 * client.close();
 * ```
 *
 * @module
 */

const INSPECT_DENO = Symbol.for("Deno.customInspect");
const INSPECT_NODE = Symbol.for("nodejs.util.inspect.custom");
const MAX_CELL = 48;

/**
 * Text ready to print. The REPL shows it as it is; `String(rendered)` and template strings give
 * the text.
 *
 * @example
 * ```ts
 * import { table } from "@libmaas/client/format";
 * const rendered = table([{ name: "a" }, { name: "b" }]);
 * console.log(String(rendered));
 * ```
 */
export class Rendered {
  /** The text. */
  readonly text: string;
  /** Wraps `text`. */
  constructor(text: string) {
    this.text = text;
  }
  /** The text. */
  toString(): string {
    return this.text;
  }
  /** The text, for `JSON.stringify`. */
  toJSON(): string {
    return this.text;
  }
  /** Deno's inspector (and so the REPL) shows the text as it is. */
  [INSPECT_DENO](): string {
    return this.text;
  }
  /** Node's and Bun's inspectors show the text as it is. */
  [INSPECT_NODE](): string {
    return this.text;
  }
}

/**
 * What a helper gives for `value`: the text, or a promise of it when `value` is a promise (so
 * `table(client.machines.list())` works without `await` inside).
 *
 * @example
 * ```ts
 * import { type Rendered, type RenderedFor, table } from "@libmaas/client/format";
 * const now: RenderedFor<string[]> = table(["a", "b"]);
 * const later: RenderedFor<Promise<string[]>> = table(Promise.resolve(["a"]));
 * const text: Rendered = await later;
 * console.log(String(now), String(text));
 * ```
 */
export type RenderedFor<T> = T extends PromiseLike<unknown> ? Promise<Rendered> : Rendered;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown })?.then === "function";
}

/** The wire data of a library object (`toJSON()`), or the value itself. */
function wire(value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const toJSON = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === "function" && !(value instanceof Date)) return toJSON.call(value);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Reads `column` of `row`: a wire field, a dotted path (`zone.name`) or a typed property. */
function cellValue(row: unknown, column: string): unknown {
  const data = wire(row);
  const walk = (start: unknown, path: string[]): unknown => {
    let current = start;
    for (const part of path) {
      if (current === null || current === undefined) return undefined;
      const unwrapped = wire(current);
      current = isRecord(unwrapped) && part in unwrapped
        ? unwrapped[part]
        : (current as Record<string, unknown>)[part];
    }
    return current;
  };
  if (isRecord(data) && column in data) return data[column];
  if (row !== null && typeof row === "object" && column in row) {
    return (row as Record<string, unknown>)[column];
  }
  if (column.includes(".")) {
    const [first, ...rest] = column.split(".");
    const head = isRecord(data) && first in data
      ? data[first]
      : row !== null && typeof row === "object"
      ? (row as Record<string, unknown>)[first]
      : undefined;
    return walk(head, rest);
  }
  return undefined;
}

/** One cell as text: objects by their name (or id), lists joined, nothing for null. */
function cellText(value: unknown, limit = MAX_CELL): string {
  let text: string;
  if (value === null || value === undefined) {
    text = "";
  } else if (value instanceof Date) {
    text = value.toISOString();
  } else if (Array.isArray(value)) {
    text = value.map((item) => cellText(item, Infinity)).join(", ");
  } else if (typeof value === "object") {
    const data = wire(value);
    if (isRecord(data)) {
      const key = ["name", "hostname", "system_id", "username", "id"].find((k) =>
        typeof data[k] === "string" || typeof data[k] === "number"
      );
      text = key ? String(data[key]) : JSON.stringify(data);
    } else {
      text = cellText(data, Infinity);
    }
  } else {
    text = String(value);
  }
  text = text.replace(/\s*\n\s*/g, " ");
  return text.length > limit ? text.slice(0, limit - 1) + "…" : text;
}

const PREFERRED = [
  "system_id",
  "hostname",
  "name",
  "id",
  "status_name",
  "power_state",
  "owner",
  "username",
  "email",
  "is_superuser",
  "cidr",
  "vid",
  "fabric",
  "vlan",
  "zone",
  "pool",
  "cpu_count",
  "memory",
  "architecture",
  "distro_series",
  "type",
  "url",
  "description",
];

/** The columns a table shows when none are given: well-known fields first, then others. */
function defaultColumns(rows: readonly unknown[]): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of rows.slice(0, 20)) {
    const data = wire(row);
    if (!isRecord(data)) continue;
    for (const key of Object.keys(data)) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const candidates = keys.filter((key) => key !== "resource_uri");
  if (candidates.length <= 8) return candidates;
  const preferred = PREFERRED.filter((key) => seen.has(key)).slice(0, 8);
  if (preferred.length >= 2) return preferred;
  const scalar = candidates.filter((key) =>
    rows.some((row) => {
      const value = cellValue(row, key);
      return value === null || typeof value !== "object" || isRecord(wire(value));
    })
  );
  return [...new Set([...preferred, ...scalar])].slice(0, 8);
}

function isNumeric(values: unknown[]): boolean {
  const present = values.filter((v) => v !== null && v !== undefined && v !== "");
  return present.length > 0 && present.every((v) => typeof v === "number");
}

function renderGrid(header: string[], rows: unknown[][], numeric: boolean[]): string {
  const cells = rows.map((row) => row.map((value) => cellText(value)));
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((row) => row[i].length))
  );
  const line = (values: string[]) =>
    values.map((value, i) => numeric[i] ? value.padStart(widths[i]) : value.padEnd(widths[i])).join(
      "  ",
    ).trimEnd();
  return [
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...cells.map(line),
  ].join("\n");
}

function listOf(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  if (value instanceof Map) return [...value.values()];
  return null;
}

/**
 * A readable table of a list of objects (library objects or plain ones), one row each, with the
 * given columns (wire names such as `status_name`, typed names such as `statusName`, or dotted
 * paths such as `zone.name`) or well-chosen ones. A single object gives a field/value table.
 * Given a promise, returns a promise of the table.
 *
 * @example
 * ```ts
 * import { table } from "@libmaas/client/format";
 * console.log(String(table([{ hostname: "node-1", status_name: "Ready" }])));
 * ```
 */
export function table<T>(value: T, columns?: readonly string[]): RenderedFor<T> {
  if (isThenable(value)) {
    return Promise.resolve(value).then((v) => tableOf(v, columns)) as RenderedFor<T>;
  }
  return tableOf(value, columns) as RenderedFor<T>;
}

function tableOf(value: unknown, columns?: readonly string[]): Rendered {
  const rows = listOf(value);
  if (rows === null) {
    const data = wire(value);
    if (!isRecord(data)) return new Rendered(cellText(data, Infinity));
    const fields = columns ?? Object.keys(data);
    return new Rendered(
      renderGrid(["field", "value"], fields.map((f) => [f, cellValue(value, f)]), [false, false]),
    );
  }
  if (rows.length === 0) return new Rendered("(no rows)");
  if (rows.every((row) => row === null || typeof row !== "object")) {
    return new Rendered(rows.map((row) => cellText(row, Infinity)).join("\n"));
  }
  const chosen = columns ? [...columns] : defaultColumns(rows);
  const grid = rows.map((row) => chosen.map((column) => cellValue(row, column)));
  const numeric = chosen.map((_, i) => isNumeric(grid.map((row) => row[i])));
  const footer = `(${rows.length} row${rows.length === 1 ? "" : "s"})`;
  return new Rendered(renderGrid(chosen, grid, numeric) + "\n" + footer);
}

/** `JSON.stringify` that survives cycles and bigints. */
function toJsonText(value: unknown, indent: number | undefined): string {
  const ancestors: unknown[] = [];
  const text = JSON.stringify(value, function (this: unknown, _key, current) {
    if (typeof current === "bigint") return current.toString();
    if (current === null || typeof current !== "object") return current;
    while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
    if (ancestors.includes(current)) return "[Circular]";
    ancestors.push(current);
    return current;
  }, indent);
  return text === undefined ? "null" : text;
}

/**
 * JSON text of any value, as the server sent it for library objects (their `toJSON()`), two
 * spaces deep. Credentials stay redacted.
 *
 * @example
 * ```ts
 * import { json } from "@libmaas/client/format";
 * console.log(String(json({ hostname: "node-1" })));
 * ```
 */
export function json<T>(value: T): RenderedFor<T> {
  const of = (v: unknown) => new Rendered(toJsonText(v, 2));
  return (isThenable(value) ? Promise.resolve(value).then(of) : of(value)) as RenderedFor<T>;
}

const YAML_PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_ ./:@+-]*$/;
const YAML_RESERVED =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$/;

function yamlScalar(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  const text = String(value);
  const plain = YAML_PLAIN.test(text) && !YAML_RESERVED.test(text) && !/^[-+]?[0-9.]/.test(text) &&
    !text.endsWith(" ") && !text.includes(": ") && !text.includes(" #") && !text.endsWith(":");
  return plain ? text : JSON.stringify(text);
}

function yamlLines(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [indent + "[]"];
    const lines: string[] = [];
    for (const item of value) {
      if (item !== null && typeof item === "object" && Object.keys(item).length > 0) {
        const inner = yamlLines(item, indent + "  ");
        lines.push(indent + "- " + inner[0].slice(indent.length + 2), ...inner.slice(1));
      } else {
        lines.push(indent + "- " + yamlLines(item, "")[0]);
      }
    }
    return lines;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [indent + "{}"];
    const lines: string[] = [];
    for (const [key, item] of entries) {
      const name = yamlScalar(key);
      if (item !== null && typeof item === "object" && Object.keys(item).length > 0) {
        lines.push(`${indent}${name}:`, ...yamlLines(item, indent + "  "));
      } else {
        lines.push(`${indent}${name}: ${yamlLines(item, "")[0]}`);
      }
    }
    return lines;
  }
  return [indent + yamlScalar(value)];
}

/**
 * YAML text of any value (through its JSON form, so library objects give their wire data).
 *
 * @example
 * ```ts
 * import { yaml } from "@libmaas/client/format";
 * console.log(String(yaml({ hostname: "node-1", tags: ["gpu"] })));
 * ```
 */
export function yaml<T>(value: T): RenderedFor<T> {
  const of = (v: unknown) =>
    new Rendered(yamlLines(JSON.parse(toJsonText(v, undefined)), "").join("\n"));
  return (isThenable(value) ? Promise.resolve(value).then(of) : of(value)) as RenderedFor<T>;
}

function csvField(value: unknown): string {
  const text = cellText(value, Infinity);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV text (RFC 4180 quoting, a header line) of a list of objects, with the same columns a
 * {@linkcode table} would show, or those given. A single object gives one row.
 *
 * @example
 * ```ts
 * import { csv } from "@libmaas/client/format";
 * console.log(String(csv([{ hostname: "node-1", status_name: "Ready" }])));
 * ```
 */
export function csv<T>(value: T, columns?: readonly string[]): RenderedFor<T> {
  if (isThenable(value)) {
    return Promise.resolve(value).then((v) => csvOf(v, columns)) as RenderedFor<T>;
  }
  return csvOf(value, columns) as RenderedFor<T>;
}

function csvOf(value: unknown, columns?: readonly string[]): Rendered {
  const rows = listOf(value) ?? [value];
  if (rows.every((row) => row === null || typeof row !== "object")) {
    return new Rendered(rows.map(csvField).join("\n"));
  }
  const chosen = columns ? [...columns] : defaultColumns(rows);
  const lines = [chosen.map(csvField).join(",")];
  for (const row of rows) lines.push(chosen.map((c) => csvField(cellValue(row, c))).join(","));
  return new Rendered(lines.join("\n"));
}
