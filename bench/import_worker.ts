/**
 * One measurement of scenario 7 in a fresh process: import the library's entry point (or nothing,
 * for the baseline) and print the time the import took, the memory it added and how many modules
 * it loaded, as JSON.
 *
 *   deno run -A bench/import_worker.ts mod|none
 */
import { memory } from "./util.ts";

const [mode] = Deno.args;
const heapBefore = Deno.memoryUsage().heapUsed;
const before = memory();
const started = performance.now();
const exports = mode === "mod" ? Object.keys(await import("../mod.ts")).length : 0;
const ms = performance.now() - started;
const after = memory();
const heap = Deno.memoryUsage().heapUsed - heapBefore;
console.log(JSON.stringify({ ms, rss: after.rss - before.rss, heap, exports }));
