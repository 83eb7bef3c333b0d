/**
 * What importing the library costs: fresh processes import `mod.ts` (or nothing, for the
 * baseline) and report the time the import took, the memory it added and how many values it
 * exports. Part of `deno task bench` (scenario 7); alone: `deno run -A bench/import_cost.ts`.
 */

import { median } from "./util.ts";

const ROOT = new URL("../", import.meta.url);

/** One fresh process importing `mode` ("mod" or "none"): its own measures and its wall time. */
async function once(
  mode: string,
): Promise<{ ms: number; rss: number; heap: number; wall: number }> {
  const started = performance.now();
  const child = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "bench/import_worker.ts", mode],
    cwd: ROOT,
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const wall = performance.now() - started;
  if (child.code !== 0) throw new Error(`import worker ${mode} failed`);
  return { ...JSON.parse(new TextDecoder().decode(child.stdout)), wall };
}

/** Medians over `runs` rounds (after one warm-up round that fills the module cache). */
export async function importCost(runs: number): Promise<{
  importMs: number;
  rssMiB: number;
  heapMiB: number;
  wallMs: number;
  baselineWallMs: number;
}> {
  await once("none");
  await once("mod");
  const mod: { ms: number; rss: number; heap: number; wall: number }[] = [];
  const none: number[] = [];
  for (let i = 0; i < runs; i++) {
    none.push((await once("none")).wall);
    mod.push(await once("mod"));
  }
  return {
    importMs: median(mod.map((r) => r.ms)),
    rssMiB: median(mod.map((r) => r.rss)) / 2 ** 20,
    heapMiB: median(mod.map((r) => r.heap)) / 2 ** 20,
    wallMs: median(mod.map((r) => r.wall)),
    baselineWallMs: median(none),
  };
}

if (import.meta.main) {
  const cost = await importCost(Number(Deno.args[0] ?? 15));
  console.log(
    `import mod.ts: ${cost.importMs.toFixed(2)} ms, +${cost.rssMiB.toFixed(2)} MiB resident, ` +
      `+${cost.heapMiB.toFixed(2)} MiB heap; process ${cost.wallMs.toFixed(1)} ms ` +
      `(empty script ${cost.baselineWallMs.toFixed(1)} ms)`,
  );
}
