// No two modules of lib/ import each other, directly or through others: a cycle makes the order
// modules are evaluated in depend on which one is imported first. Only imports that load a
// module count (`import type` is erased); a dynamic `import()` is the way to reach a module that
// must not be loaded up front.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const ROOT = new URL("../", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

// `import … from "./x.ts"`, `export … from "./x.ts"` and `import "./x.ts"`, over several lines.
const STATIC = /^(import|export)\s+(type\s+)?(?:([^;"]*?)\s+from\s+)?"(\.{1,2}\/[^"]+)";/gm;

/** The modules `file` loads when it is evaluated (relative to the repository). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  const found: string[] = [];
  for (const match of text.matchAll(STATIC)) {
    const [, , typeOnly, clause, specifier] = match;
    if (typeOnly) continue;
    const names = /^\{([\s\S]*)\}$/.exec(clause?.trim() ?? "")?.[1];
    if (names !== undefined) {
      const items = names.split(",").map((item) => item.trim()).filter((item) => item !== "");
      if (items.length > 0 && items.every((item) => item.startsWith("type "))) continue;
    }
    found.push(relative(ROOT, normalize(join(dirname(file), specifier))));
  }
  return found;
}

/** The import cycles of a graph, one per strongly connected component, as a readable path. */
function cycles(graph: Map<string, string[]>): string[] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfImport = (graph.get(node) ?? []).includes(node);
      if (component.length > 1 || selfImport) found.push(component.sort().join(" → "));
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found.sort();
}

Deno.test("lib/ has no import cycles", () => {
  const graph = new Map<string, string[]>();
  for (const file of sources(join(ROOT, "lib"))) {
    graph.set(relative(ROOT, file), valueImports(file));
  }
  assert.ok(graph.size > 50, `only ${graph.size} modules found`);
  assert.deepEqual(cycles(graph), []);
});

Deno.test("the cycle finder sees cycles through several modules and ignores type imports", () => {
  const graph = new Map([
    ["a.ts", ["b.ts"]],
    ["b.ts", ["c.ts"]],
    ["c.ts", ["a.ts"]],
    ["d.ts", ["a.ts"]],
  ]);
  assert.deepEqual(cycles(graph), ["a.ts → b.ts → c.ts"]);
  const dir = Deno.makeTempDirSync();
  try {
    const file = join(dir, "x.ts");
    Deno.writeTextFileSync(
      file,
      'import type { A } from "./a.ts";\nimport { type B, type C } from "./b.ts";\n' +
        'import {\n  d,\n  type E,\n} from "./d.ts";\nexport { f } from "../f.ts";\nimport "./g.ts";\n',
    );
    assert.deepEqual(
      valueImports(file).map((path) => path.split("/").at(-1)),
      ["d.ts", "f.ts", "g.ts"],
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
