/**
 * Writes the reference pages of `docs/` from the families' descriptions, MAAS's API as the
 * fixtures have it, and the data modules beside this file: `deno task docs`. A test
 * (`tests/docs_test.ts`) fails when a page is not what this would write.
 *
 * @module
 */

import { readFileSync, writeFileSync } from "node:fs";
import { type AnyFamily, DESCRIBED } from "../lib/objects/families.ts";
import { MAAS_LINES, type MaasLine } from "../lib/objects/lines.ts";
import type { AnyParamSpec, Codec, Op } from "../lib/objects/spec.ts";
import { INTRO, ONLY_HERE, SECTIONS } from "./data/python_libmaas.ts";

interface FixtureOp {
  params: string[];
}
interface FixtureHandler {
  path: string;
  hidden?: boolean;
  ops: Record<string, FixtureOp>;
}

const ROOT = new URL("../", import.meta.url);
const RESTFUL: Record<string, string> = {
  GET: "read",
  POST: "create",
  PUT: "update",
  DELETE: "delete",
};

/** The pages, by path relative to the repository. */
export function render(): Record<string, string> {
  return {
    "docs/api-coverage.md": coverage(),
    "docs/python-libmaas.md": pythonNames(),
  };
}

function fixtures(): Record<MaasLine, Record<string, FixtureHandler>> {
  return Object.fromEntries(MAAS_LINES.map((line) => {
    const url = new URL(`tests/fixtures/maas-api/maas-${line}.json`, ROOT);
    return [line, JSON.parse(readFileSync(url, "utf8")).handlers];
  })) as Record<MaasLine, Record<string, FixtureHandler>>;
}

function keyOf(op: Op<unknown>): string {
  return `${op.method} ${op.op ?? RESTFUL[op.method]}`;
}

const code = (text: string) => `\`${text}\``;

/** One cell's text: pipes would end the cell. */
const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

function kindText(spec: AnyParamSpec): string {
  const kind = typeof spec.kind === "string" ? spec.kind : (spec.kind as Codec).takes;
  const values = spec.values ? ` (${spec.values.map(String).join(", ")})` : "";
  return kind + values;
}

function optionsText(op: Op<unknown>): string {
  const specs = op.params as Readonly<Record<string, AnyParamSpec>>;
  return Object.entries(specs).map(([name, spec]) => {
    const wire = spec.wire === name ? "" : ` → ${code(spec.wire)}`;
    const lines = spec.lines ? ` (${spec.lines.join(", ")} only)` : "";
    const required = spec.required ? ", required" : "";
    return `${code(name)}${wire}: ${kindText(spec)}${required}${lines}`;
  }).join("; ");
}

function coverage(): string {
  const api = fixtures();
  const byHandler = new Map<string, { family: AnyFamily; ops: Map<string, Op<unknown>> }>();
  for (const family of DESCRIBED) {
    for (const handler of Object.keys(family.handlers)) {
      byHandler.set(handler, { family, ops: new Map() });
    }
    for (const op of Object.values(family.ops) as Op<unknown>[]) {
      byHandler.get(op.handler)!.ops.set(keyOf(op), op);
    }
  }
  // Each handler under its newest path; older paths it had are named in its heading.
  const handlers = new Map<string, string>();
  const older = new Map<string, Map<string, MaasLine[]>>();
  for (const line of MAAS_LINES) {
    for (const [name, handler] of Object.entries(api[line])) {
      handlers.set(name, handler.path);
      const paths = older.get(name) ?? new Map<string, MaasLine[]>();
      paths.set(handler.path, [...(paths.get(handler.path) ?? []), line]);
      older.set(name, paths);
    }
  }
  const totals = MAAS_LINES.map((line) => {
    let ops = 0;
    let typed = 0;
    for (const [name, handler] of Object.entries(api[line])) {
      if (handler.hidden) continue;
      for (const key of Object.keys(handler.ops)) {
        ops++;
        const described = byHandler.get(name)?.ops.get(key);
        if (described && (described.lines ?? MAAS_LINES).includes(line)) typed++;
      }
    }
    return [line, String(typed), String(ops), `${(100 * typed / ops).toFixed(1)} %`];
  });
  const sections: string[] = [];
  const sorted = [...handlers.entries()].sort((a, b) =>
    a[1].localeCompare(b[1]) || a[0].localeCompare(b[0])
  );
  for (const [name, path] of sorted) {
    const described = byHandler.get(name);
    const keys = new Set<string>();
    for (const line of MAAS_LINES) {
      for (const key of Object.keys(api[line][name]?.ops ?? {})) keys.add(key);
    }
    const hiddenOn = MAAS_LINES.filter((line) => api[line][name]?.hidden);
    const rows = [...keys].sort().map((key) => {
      const marks = MAAS_LINES.map((line) => api[line][name]?.ops[key] ? "✓" : "—");
      const op = described?.ops.get(key);
      let typed: string;
      let options = "";
      if (op) {
        typed = op.typed.map(code).join(", ");
        options = optionsText(op);
      } else {
        const reason = described?.family.untyped[`${name} ${key}`];
        typed = reason
          ? `none: ${reason}`
          : hiddenOn.length > 0
          ? "none: MAAS leaves the handler out of its API description"
          : "none yet: call it through `client.session`";
      }
      return [code(key), ...marks, typed, options];
    });
    const untypedParams = Object.entries(described?.family.untyped ?? {})
      .filter(([key]) => key.startsWith(`${name} `) && key.split(" ").length === 4)
      .map(([key, reason]) => `- ${code(key.split(" ").slice(1).join(" "))}: ${reason}`);
    sections.push(
      [
        `### ${code(path)} — ${name}` +
        (described ? ` (\`client.${described.family.name}\`)` : "") +
        (hiddenOn.length > 0 ? ` — hidden on ${hiddenOn.join(", ")}` : "") +
        [...older.get(name)!].filter(([other]) => other !== path).map(([other, lines]) =>
          ` — ${code(other)} on ${lines.join(", ")}`
        ).join(""),
        "",
        table(["op", ...MAAS_LINES, "typed method", "options → wire name: kind"], rows),
        ...(untypedParams.length > 0
          ? ["", "Parameters no typed method sends:", "", ...untypedParams]
          : []),
      ].join("\n"),
    );
  }
  return [
    "# API coverage",
    "",
    "<!-- Written by `deno task docs` from the families' descriptions and tests/fixtures/maas-api/; do not edit. -->",
    "",
    "Every handler and op of MAAS's API 2.0 on each line the library knows (read from MAAS's own",
    "source), with the typed method that sends it, or why none does. Paths are relative to",
    "`/MAAS/api/2.0/`; ops are written `METHOD name` (the op, or `read`, `create`, `update`,",
    "`delete` for RESTful ones). For a described family, the options of each op are listed with their",
    "wire names and the lines that read them; calling an op or option on a server whose line lacks",
    "it raises `UnsupportedError` before anything is sent. Every typed method takes these options",
    "as one object (plus `extra` for wire names it does not know) and the request options last.",
    "",
    table(
      ["line", "typed ops", "ops", "share"],
      totals.map(([line, typed, ops, share]) => [line, typed, ops, share]),
    ),
    "",
    "Counts leave out handlers MAAS hides from its API description.",
    "",
    ...sections.flatMap((section) => [section, ""]),
  ].join("\n");
}

function pythonNames(): string {
  const parts = [
    "# From python-libmaas",
    "",
    "<!-- Written by `deno task docs` from docs/data/python_libmaas.ts; do not edit. -->",
    "",
    INTRO,
    "",
    table(
      ["python-libmaas", "@libmaas/client", "note"],
      SECTIONS.flatMap((section) => [
        [section.title, "", ""],
        ...section.rows.map((row) => [row.python, row.ours, row.note ?? ""]),
      ]),
    ),
    "",
    "## Only here",
    "",
    table(["what", "how"], ONLY_HERE.map((row) => [row.what, row.how])),
    "",
  ];
  return parts.join("\n");
}

if (import.meta.main) {
  for (const [path, text] of Object.entries(render())) {
    writeFileSync(new URL(path, ROOT), text);
    console.log(`wrote ${path}`);
  }
}
