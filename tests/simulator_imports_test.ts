/**
 * The simulator's modules import each other without cycles (type-only imports count too), so each
 * family can be read, changed and tested from its own files outward.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../lib/testing/", import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** The local modules a module imports or re-exports, resolved to paths. */
function importsOf(path: string): string[] {
  const text = readFileSync(path, "utf8")
    // Examples in doc comments are not imports of the module.
    .replace(/\/\*[\s\S]*?\*\//g, "");
  const found = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gms)];
  return found.map((match) => resolve(dirname(path), match[1])).filter((to) => to.endsWith(".ts"));
}

/** Every cycle's modules, by Tarjan's strongly connected components. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indexes.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexes.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indexes.get(next)!));
      }
    }
    if (low.get(node) === indexes.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfImport = (graph.get(node) ?? []).includes(node);
      if (component.length > 1 || selfImport) found.push(component);
    }
  };
  for (const node of graph.keys()) if (!indexes.has(node)) visit(node);
  return found;
}

Deno.test("lib/testing has no import cycle", () => {
  const graph = new Map(modules(ROOT).map((path) => [path, importsOf(path)]));
  assert.ok(graph.size > 30, `found ${graph.size} modules`);
  const named = cycles(graph).map((cycle) => cycle.map((path) => relative(ROOT, path)).sort());
  assert.deepEqual(named, [], `import cycles: ${JSON.stringify(named)}`);
});

Deno.test("the cycle finder finds a cycle, a self-import and no false one", () => {
  const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["d"]], ["e", ["a"]]]);
  assert.deepEqual(cycles(graph).map((cycle) => cycle.sort()), [["a", "b", "c"], ["d"]]);
});
