/**
 * One measurement of scenario 7 in a fresh process: import the library's entry point (or nothing,
 * for the baseline) and print the time the import took, the memory it added and how many values
 * it exports, as JSON. Nothing else is loaded first (not even Node's built-in modules, which the
 * library may load itself), so the numbers are what a script importing the library pays.
 *
 *   deno run -A bench/import_worker.ts mod|none
 */

function resident(): number {
  const status = Deno.readTextFileSync("/proc/self/status");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
}

const [mode] = Deno.args;
const heapBefore = Deno.memoryUsage().heapUsed;
const before = resident();
const started = performance.now();
const exports = mode === "mod" ? Object.keys(await import("../mod.ts")).length : 0;
const ms = performance.now() - started;
const rss = resident() - before;
const heap = Deno.memoryUsage().heapUsed - heapBefore;
console.log(JSON.stringify({ ms, rss, heap, exports }));
