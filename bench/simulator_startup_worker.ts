/**
 * One start-up measurement in a fresh process: start a simulator with N seeded machines, print
 * how long it took to listen as JSON, close it.
 *
 *   deno run -A bench/simulator_startup_worker.ts N
 *
 * @module
 */
import { MaasSimulator } from "../lib/testing/mod.ts";

const machines = Number(Deno.args[0]);
const started = performance.now();
const sim = await MaasSimulator.start({ machines });
const ms = performance.now() - started;
await sim.close();
console.log(JSON.stringify({ ms }));
