/**
 * Portable tests: the README's "install from JSR" snippet works as a newcomer would use it. For
 * the runtime running the tests, the snippet under its install command is written into a fresh
 * folder, the package is made resolvable there the way the install command would make it (JSR
 * itself cannot be reached from CI, so the import leads to this checkout: Deno through an import
 * map in `deno.json`, Bun and Node through `node_modules/@libmaas/client`), and the run command the
 * README gives is run next to a simulator: it must list the machines.
 *
 * @module
 */

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "./harness.ts";
import { BUILD_DIR, ROOT, runSameRuntime, RUNTIME, withSimulator, withTempDir } from "./support.ts";

/** The command that installs the package, by runtime, as the README shows it. */
const INSTALL = {
  deno: "deno add jsr:@libmaas/client",
  bun: "bunx jsr add @libmaas/client",
  node: "npx jsr add @libmaas/client",
} as const;

interface Section {
  /** The script to save. */
  snippet: string;
  /** The file name the README says to save it as. */
  file: string;
  /** The command that runs it, split into words. */
  command: string[];
}

interface Fence {
  lang: string;
  body: string;
  /** The prose between the previous fence and this one. */
  before: string;
}

/** Every fenced code block of `text`, in order. */
function fences(text: string): Fence[] {
  const found: Fence[] = [];
  const pattern = /^```(\w*)\n([\s\S]*?)^```$/gm;
  let last = 0;
  for (let match; (match = pattern.exec(text));) {
    found.push({ lang: match[1], body: match[2], before: text.slice(last, match.index) });
    last = pattern.lastIndex;
  }
  return found;
}

/**
 * The runtime's section of the README: after the code block with the install command comes the
 * script (a `ts` or `js` block, saved under the file name in backticks before it), then the
 * `sh` block that runs it.
 */
function sectionFor(readme: string, runtime: keyof typeof INSTALL): Section {
  const all = fences(readme);
  const install = all.findIndex((fence) => fence.body.trim() === INSTALL[runtime]);
  assert.ok(
    install >= 0,
    `README.md has no \`${INSTALL[runtime]}\` block (the JSR install sections are missing)`,
  );
  const [script, run] = all.slice(install + 1);
  assert.ok(script && ["ts", "js"].includes(script.lang), `no script after ${INSTALL[runtime]}`);
  assert.ok(run && run.lang === "sh", `no run command after the ${runtime} script`);
  const file = /`([\w.-]+\.(?:ts|mjs|js))`/.exec(script.before)?.[1];
  assert.ok(file, `the README does not say what to save the ${runtime} script as`);
  const line = run.body.split("\n").find((l) => l.trim() !== "" && !l.startsWith("#"));
  assert.ok(line, `the ${runtime} run block is empty`);
  return { snippet: script.body, file, command: line.trim().split(/\s+/) };
}

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

test("readme: the three install sections show the same five-line script", () => {
  const sections = (Object.keys(INSTALL) as (keyof typeof INSTALL)[]).map((runtime) =>
    sectionFor(readme, runtime)
  );
  for (const section of sections) {
    assert.equal(section.snippet, sections[0].snippet, "the same script for every runtime");
  }
  assert.equal(sections[0].snippet.trimEnd().split("\n").length, 5);
  assert.match(sections[0].snippet, /from "@libmaas\/client"/);
  assert.deepEqual(sections.map((section) => section.command[0]), ["deno", "bun", "node"]);
});

/** Makes `@libmaas/client` resolve in `dir` to this checkout, as installing it from JSR would. */
async function installLocally(dir: string): Promise<void> {
  if (RUNTIME === "deno") {
    const imports = { "@libmaas/client": pathToFileURL(join(ROOT, "mod.ts")).href };
    await writeFile(join(dir, "deno.json"), JSON.stringify({ imports }, null, 2));
    return;
  }
  // Node cannot run TypeScript: it gets the bundle that `build.ts` made of mod.ts.
  const entry = RUNTIME === "bun" ? join(ROOT, "mod.ts") : join(ROOT, BUILD_DIR, "mod.js");
  assert.ok(existsSync(entry), `${entry} is missing: run \`deno task build:portable\` first`);
  const pkg = join(dir, "node_modules", "@libmaas", "client");
  await mkdir(pkg, { recursive: true });
  await writeFile(
    join(pkg, "package.json"),
    JSON.stringify({ name: "@libmaas/client", type: "module", exports: { ".": "./index.js" } }),
  );
  await writeFile(
    join(pkg, "index.js"),
    `export * from ${JSON.stringify(pathToFileURL(entry).href)};\n`,
  );
}

test(`readme: the ${RUNTIME} snippet lists the machines from a fresh folder`, async () => {
  const section = sectionFor(readme, RUNTIME);
  assert.equal(section.command[0], RUNTIME);
  await withSimulator({ machines: 4, seed: 9 }, async (sim) => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, section.file), section.snippet);
      await installLocally(dir);
      const result = await runSameRuntime(section.command.slice(1), {
        cwd: dir,
        env: { MAAS_URL: sim.url, MAAS_APIKEY: sim.adminApiKey },
      });
      assert.equal(result.code, 0, result.stderr);
      const lines = result.stdout.trim().split("\n");
      assert.equal(lines.length, 4, result.stdout);
      for (const machine of sim.state.machines.values()) {
        assert.ok(
          lines.some((line) =>
            line.startsWith(`Machine ${machine.data.system_id} ${machine.data.hostname} `)
          ),
          `${machine.data.hostname} is listed`,
        );
      }
    });
  });
});
