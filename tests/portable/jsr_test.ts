/**
 * JSR readiness, beyond what `deno doc --lint` and `deno publish --dry-run` (both in
 * `deno task check`) already refuse: every export path of `deno.json` has a module doc with an
 * example, every exported symbol has a doc, and every exported value (class, function, constant)
 * shows an `@example`. Deno-only: it reads `deno doc --json`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { ROOT } from "./support.ts";

interface JsDoc {
  doc?: string;
  tags?: { kind: string }[];
}

interface DocNode {
  module_doc?: JsDoc;
  symbols: {
    name: string;
    declarations: { kind: string; jsDoc?: JsDoc; location: { filename: string } }[];
  }[];
}

const VALUE_KINDS = new Set(["class", "function", "variable", "enum", "namespace"]);

function hasExample(doc: JsDoc | undefined): boolean {
  return doc?.tags?.some((tag) => tag.kind === "example") ?? false;
}

Deno.test("jsr: each export path has a module doc with an example; exports are documented", () => {
  const config = JSON.parse(readFileSync(join(ROOT, "deno.json"), "utf8"));
  const entries = Object.values(config.exports as Record<string, string>);
  assert.ok(entries.length >= 2);
  const output = execFileSync(process.execPath, ["doc", "--json", ...entries], {
    cwd: ROOT,
    maxBuffer: 256 * 1024 * 1024,
  });
  const nodes = (JSON.parse(output.toString("utf8")) as { nodes: Record<string, DocNode> }).nodes;

  const problems: string[] = [];
  for (const entry of entries) {
    const node = nodes[pathToFileURL(join(ROOT, entry)).href];
    assert.ok(node, `deno doc knows ${entry}`);
    if (!node.module_doc?.doc?.trim()) problems.push(`${entry}: no module doc`);
    if (!hasExample(node.module_doc)) problems.push(`${entry}: no example in the module doc`);
    for (const symbol of node.symbols) {
      for (const declaration of symbol.declarations) {
        // A name one entry point shares with another is a reference to the declaration that
        // entry point documents (and this test checks there).
        if (declaration.kind === "reference") continue;
        const where = `${symbol.name} (${
          declaration.location.filename.replace(/^.*?\/lib\//, "lib/")
        })`;
        if (!declaration.jsDoc?.doc?.trim()) problems.push(`${where}: no doc`);
        if (VALUE_KINDS.has(declaration.kind) && !hasExample(declaration.jsDoc)) {
          problems.push(`${where}: a ${declaration.kind} without @example`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});
