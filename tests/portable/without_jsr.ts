/**
 * Portable tests: docs/without-jsr.md works as written. The page shows, per runtime, how to use
 * the library and the simulator from a checkout: Deno through an import map, Bun through a
 * tsconfig path or by importing the files, Node through the bundles `build.ts` makes. The runtime
 * running the tests takes its own section, writes its files into a fresh folder outside the
 * checkout (the page's `/opt/libmaas-client` becoming this checkout) and runs its command, which
 * must list the machines of the simulator the script starts.
 *
 * @module
 */

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { test } from "./harness.ts";
import { BUILD_DIR, ROOT, runSameRuntime, RUNTIME, withTempDir } from "./support.ts";

/** Where the page says the checkout is. */
const CHECKOUT = "/opt/libmaas-client";

interface Block {
  lang: string;
  body: string;
  /** The file name the prose before the block says to save it as, if it says so. */
  file: string | null;
}

/** The page's sections by the runtime their heading names, each with its code blocks in order. */
function sections(text: string): Map<string, Block[]> {
  const found = new Map<string, Block[]>();
  for (const part of text.split(/^## /m).slice(1)) {
    const runtime = part.slice(0, part.indexOf(":")).toLowerCase();
    const blocks: Block[] = [];
    const pattern = /^```(\w*)\n([\s\S]*?)^```$/gm;
    let last = 0;
    for (let match; (match = pattern.exec(part));) {
      const before = part.slice(last, match.index);
      const named = /(?:save|and) this as\s+`([\w.-]+)`/i.exec(before);
      blocks.push({ lang: match[1], body: match[2], file: named?.[1] ?? null });
      last = pattern.lastIndex;
    }
    found.set(runtime, blocks);
  }
  return found;
}

const page = readFileSync(join(ROOT, "docs", "without-jsr.md"), "utf8");
const bySection = sections(page);

/** The section of `runtime`, with its files, run command and any other blocks. */
function section(runtime: string) {
  const blocks = bySection.get(runtime);
  assert.ok(blocks, `docs/without-jsr.md has no "## ${runtime}" section`);
  const files = blocks.filter((block) => block.file !== null);
  const commands = blocks.filter((block) => block.lang === "sh").map((block) => block.body.trim());
  const loose = blocks.filter((block) => block.file === null && block.lang !== "sh");
  return { files, commands, loose };
}

/** The words of a one-line command. */
function words(command: string): string[] {
  assert.ok(!command.includes("\n"), `one command per block: ${command}`);
  return command.split(/\s+/);
}

/** Writes `files` into `dir` with the checkout's real path, and runs `command` there. */
async function runIn(dir: string, files: Block[], command: string): Promise<string[]> {
  assert.ok(relative(ROOT, dir).startsWith(".."), "the folder is outside the checkout");
  for (const file of files) {
    await writeFile(join(dir, file.file!), file.body.replaceAll(CHECKOUT, ROOT));
  }
  const [program, ...args] = words(command);
  assert.equal(program, RUNTIME, `the ${RUNTIME} section runs ${RUNTIME}`);
  const result = await runSameRuntime(args, { cwd: dir, timeout: 30_000 });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim().split("\n");
}

function assertListed(lines: string[]): void {
  assert.equal(lines.length, 3, lines.join("\n"));
  for (const line of lines) assert.match(line, /^Machine \w+ [\w-]+ [\w ]+$/);
}

test("without-jsr: the page has a section per runtime, each with one script", () => {
  const deno = section("deno");
  const bun = section("bun");
  const node = section("node");
  assert.deepEqual(deno.files.map((block) => block.file), ["deno.json", "main.ts"]);
  assert.deepEqual(bun.files.map((block) => block.file), ["tsconfig.json"]);
  assert.deepEqual(node.files.map((block) => block.file), ["main.mjs"]);
  assert.deepEqual(deno.commands, ["deno run --allow-net main.ts"]);
  assert.deepEqual(bun.commands, ["bun main.ts"]);
  assert.equal(node.commands.at(-1), "node main.mjs");
  // Node's script is Deno's and Bun's, with the bundles in place of the package names.
  const script = deno.files[1].body;
  const bundled = script
    .replace('"@libmaas/client/testing"', `"${CHECKOUT}/${BUILD_DIR}/lib/testing/mod.js"`)
    .replace('"@libmaas/client"', `"${CHECKOUT}/${BUILD_DIR}/mod.js"`);
  assert.equal(node.files[0].body, bundled);
  // The build command is the checkout's own task, which makes both bundles.
  assert.equal(node.commands[0], `cd ${CHECKOUT} && npx -y deno@2.9.6 task build:portable`);
  const tasks = JSON.parse(readFileSync(join(ROOT, "deno.json"), "utf8")).tasks;
  assert.equal(tasks["build:portable"], "deno run -A tests/portable/build.ts");
  assert.match(
    readFileSync(join(ROOT, "tests/portable/build.ts"), "utf8"),
    /"lib\/testing\/mod\.ts"/,
  );
});

if (RUNTIME === "deno") {
  test("without-jsr: Deno, with an import map, from a fresh folder", async () => {
    const { files, commands } = section("deno");
    await withTempDir(async (dir) => assertListed(await runIn(dir, files, commands[0])));
  });
}

if (RUNTIME === "bun") {
  test("without-jsr: Bun, with a tsconfig path, from a fresh folder", async () => {
    const { files, commands } = section("bun");
    const main = section("deno").files.find((block) => block.file === "main.ts")!;
    await withTempDir(async (dir) => {
      assertListed(await runIn(dir, [...files, main], commands[0]));
    });
  });

  test("without-jsr: Bun, importing the files themselves, from a fresh folder", async () => {
    const { commands, loose } = section("bun");
    const main = section("deno").files.find((block) => block.file === "main.ts")!;
    const [imports] = loose;
    assert.ok(imports, "the Bun section shows the imports of the files themselves");
    const direct = main.body.replace(/^(import [^\n]*\n)+/, imports.body);
    assert.notEqual(direct, main.body);
    await withTempDir(async (dir) => {
      assertListed(await runIn(dir, [{ ...main, body: direct }], commands[0]));
      assert.ok(!existsSync(join(dir, "tsconfig.json")));
    });
  });
}

if (RUNTIME === "node") {
  test("without-jsr: Node, with the bundles of the library and the simulator, from a fresh folder", async () => {
    const { files, commands } = section("node");
    for (const bundle of ["mod.js", "lib/testing/mod.js"]) {
      const path = join(ROOT, BUILD_DIR, bundle);
      assert.ok(existsSync(path), `${path} is missing: run \`deno task build:portable\` first`);
    }
    await withTempDir(async (dir) => {
      assertListed(await runIn(dir, files, commands.at(-1)!));
    });
  });
}
