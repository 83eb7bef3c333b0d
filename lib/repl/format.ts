/**
 * How `repl.ts -e` and the profile commands print a result: in the `--format` asked for, except
 * text the helpers already made (`table()`, `csv()`, `help()`…), which is printed as it is.
 *
 * @module
 */

import { csv, json, Rendered, table, yaml } from "../format.ts";

/** The output formats of `repl.ts -e`. */
export type OutputFormat = "table" | "json" | "yaml" | "csv";

/**
 * The formats, for argument checking and messages.
 *
 * @example
 * ```ts
 * import { OUTPUT_FORMATS } from "./format.ts";
 * console.log(OUTPUT_FORMATS.includes("csv")); // true
 * ```
 */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["table", "json", "yaml", "csv"];

/**
 * Renders a result of `repl.ts -e` in the chosen format; `undefined` gives no text. Text made by
 * a helper is printed as it is whatever the format (`-e 'csv(list)'` prints the CSV itself),
 * and so are strings in the table format (so `-e` can produce plain text for scripts).
 *
 * @example
 * ```ts
 * import { renderValue } from "./format.ts";
 * console.log(renderValue([{ name: "a" }], "csv"));
 * ```
 */
export function renderValue(value: unknown, format: OutputFormat): string {
  if (value === undefined) return "";
  if (value instanceof Rendered) return value.text;
  switch (format) {
    case "json":
      return json(value).text;
    case "yaml":
      return yaml(value).text;
    case "csv":
      return csv(value).text;
    case "table":
      if (typeof value === "string") return value;
      return table(value).text;
  }
}
