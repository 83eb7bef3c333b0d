/**
 * Builds what Node runs, since Node cannot run TypeScript: one ES module bundle each of the
 * portable suite, the library (`mod.ts`), the simulator (`lib/testing/mod.ts`) and every example,
 * made by `deno bundle` into `.tools/build/portable/` (ignored by git), with the same layout as
 * the checkout. `node:` imports stay imports, so the bundles use Node's own built-ins. Node users
 * without JSR import the library and the simulator from there (docs/without-jsr.md).
 *
 *     deno task build:portable
 *
 * @module
 */

import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";
import { BUILD_DIR, ROOT } from "./support.ts";

const out = join(ROOT, BUILD_DIR);
const entries = [
  "tests/portable/main.ts",
  "mod.ts",
  "lib/testing/mod.ts",
  ...readdirSync(join(ROOT, "examples"))
    .filter((file) => file.endsWith(".ts"))
    .sort()
    .map((file) => `examples/${file}`),
];

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const result = spawnSync(
  process.execPath,
  ["bundle", "--quiet", "--platform=deno", "--format=esm", "--outdir", out, ...entries],
  { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NO_COLOR: "1" } },
);
if (result.status !== 0) {
  console.error(`deno bundle failed (exit ${result.status ?? result.signal})`);
  process.exit(1);
}
// The bundles are ES modules with a .js name: this tells Node so.
await writeFile(join(out, "package.json"), JSON.stringify({ type: "module" }) + "\n");
console.log(`built ${entries.length} bundles for Node in ${BUILD_DIR}/`);
