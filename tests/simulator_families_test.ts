// The simulator's family folders each serve what they model: `families/<family>/routes.ts`
// exports the function that registers the family's handlers, and `families/mod.ts` lists it, so a
// folder that only keeps records no handler reads (left behind when its handlers moved) fails here.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { FAMILIES } from "../lib/testing/families/mod.ts";

const DIR = new URL("../lib/testing/families/", import.meta.url);

Deno.test("every family folder has routes.ts, and FAMILIES lists the function it registers with", async () => {
  const listed = new Set<unknown>(FAMILIES);
  const folders = readdirSync(DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  assert.ok(folders.length > 20, folders.join(", "));
  const problems: string[] = [];
  for (const folder of folders) {
    const files = readdirSync(new URL(`${folder}/`, DIR));
    if (!files.includes("routes.ts")) {
      problems.push(`${folder}/ has no routes.ts`);
      continue;
    }
    const routes = await import(new URL(`${folder}/routes.ts`, DIR).href);
    const registers = Object.values(routes).filter((value) => listed.has(value));
    if (registers.length !== 1) problems.push(`FAMILIES lists no register function of ${folder}/`);
  }
  assert.deepEqual(problems, []);
});
