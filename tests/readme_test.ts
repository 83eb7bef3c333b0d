/**
 * The README is the front door: what it tells a newcomer must work as written. Its TypeScript
 * blocks type-check against this checkout as the package a user installs (a folder of its own
 * links `jsr:@libmaas/client` here, as installing it from JSR would), blocks typed at the REPL's
 * prompt with the prompt's globals; its shell lines name tasks, files and flags that exist, and
 * none is wrapped in the middle of a command.
 */

import assert from "node:assert/strict";

const ROOT = new URL("..", import.meta.url);
const README = await Deno.readTextFile(new URL("README.md", ROOT));
const CONFIG = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));

/** The first line of a TypeScript block typed at the REPL's prompt rather than saved as a file. */
const AT_THE_PROMPT = /^\/\/ At the (demo )?prompt/;

/** What the REPL's preload defines before the first prompt, for blocks typed there. */
const PROMPT_GLOBALS = `import type { Client } from "jsr:@libmaas/client";
import type { SessionAPI } from "jsr:@libmaas/client/session";
export {};
declare global {
  const client: Client;
  const session: Promise<SessionAPI>;
  function table(value: unknown, columns?: readonly string[]): string;
  function csv(value: unknown, columns?: readonly string[]): string;
  function json(value: unknown): string;
  function yaml(value: unknown): string;
  function help(value?: unknown): string;
}
`;

interface Block {
  lang: string;
  body: string;
  line: number;
}

function blocks(text: string): Block[] {
  const found: Block[] = [];
  const pattern = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let match; (match = pattern.exec(text));) {
    found.push({
      lang: match[1],
      body: match[2],
      line: text.slice(0, match.index).split("\n").length,
    });
  }
  return found;
}

Deno.test("readme: at most 40 KB", () => {
  const size = new TextEncoder().encode(README).byteLength;
  assert.ok(size <= 40 * 1024, `README.md is ${size} bytes`);
});

Deno.test("readme: every TypeScript block type-checks against the package", async () => {
  const dir = await Deno.makeTempDir({ prefix: "libmaas-readme-" });
  try {
    await Deno.writeTextFile(
      `${dir}/deno.json`,
      JSON.stringify({
        links: [ROOT.pathname],
        imports: {
          "@libmaas/client": "jsr:@libmaas/client",
          "@libmaas/client/": "jsr:@libmaas/client/",
        },
      }),
    );
    await Deno.writeTextFile(`${dir}/prompt_globals.ts`, PROMPT_GLOBALS);
    const files: string[] = [];
    for (const block of blocks(README).filter((b) => b.lang === "ts")) {
      const name = `block_${block.line}.ts`;
      const atPrompt = AT_THE_PROMPT.test(block.body);
      const source = atPrompt ? `import "./prompt_globals.ts";\n${block.body}` : block.body;
      await Deno.writeTextFile(`${dir}/${name}`, source);
      files.push(name);
    }
    assert.ok(files.length >= 5, "the README shows TypeScript");
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", ...files],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const errors = new TextDecoder().decode(output.stderr)
      .replace(/file:\/\/\S*\/block_(\d+)\.ts/g, "README.md block at line $1");
    assert.equal(output.code, 0, errors);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** The shell commands of the README's `sh` blocks, continuation lines joined. */
function commands(): { line: number; words: string[] }[] {
  const found: { line: number; words: string[] }[] = [];
  for (const block of blocks(README).filter((b) => b.lang === "sh")) {
    const lines = block.body.split("\n");
    for (let i = 0; i < lines.length; i++) {
      let text = lines[i];
      const line = block.line + 1 + i;
      while (text.endsWith("\\") && i + 1 < lines.length) text = text.slice(0, -1) + lines[++i];
      text = text.replace(/(^|\s)#.*$/, "").trim();
      if (text === "") continue;
      // Only the command itself: what a pipe or redirection feeds it is the shell's.
      const words = text.split(/\s*(?:\||<|>)\s*/)[0].split(/\s+/).filter((w) => !w.includes("="));
      found.push({ line, words });
    }
  }
  return found;
}

async function usageOf(file: string): Promise<string> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--cached-only", "-A", new URL(file, ROOT).pathname, "--help"],
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout);
}

Deno.test("readme: shell lines name tasks, files and flags that exist", async () => {
  const usage: Record<string, string> = {
    "repl.ts": await usageOf("repl.ts"),
    "lib/testing/main.ts": await usageOf("lib/testing/main.ts"),
  };
  const entry: Record<string, string> = {
    repl: "repl.ts",
    demo: "repl.ts",
    simulator: "lib/testing/main.ts",
    "jsr:@libmaas/client/repl": "repl.ts",
    "jsr:@libmaas/client/simulator": "lib/testing/main.ts",
    "repl.ts": "repl.ts",
  };
  // Files the README tells the reader to save are theirs, not the checkout's.
  const saved = new Set([...README.matchAll(/Save this as `([^`]+)`/g)].map((m) => m[1]));
  const problems: string[] = [];
  for (const { line, words } of commands()) {
    let rest = words;
    if (rest[0] === "npx" && rest[1] === "-y" && rest[2]?.startsWith("deno@")) {
      rest = ["deno", ...rest.slice(3)];
    }
    if (rest[0] !== "deno") continue;
    let target: string | undefined;
    if (rest[1] === "task") {
      if (!(rest[2] in CONFIG.tasks)) problems.push(`line ${line}: no task ${rest[2]}`);
      target = entry[rest[2]];
      rest = rest.slice(3);
    } else if (rest[1] === "run" || rest[1] === "install") {
      const index = rest.findIndex((w, i) => i > 1 && !w.startsWith("-"));
      const script = rest[index];
      if (rest[1] === "install" && ["-n", "--name"].includes(rest[index - 1])) continue;
      if (
        script && !script.startsWith("jsr:") && !script.startsWith("npm:") && !saved.has(script)
      ) {
        try {
          await Deno.stat(new URL(script, ROOT));
        } catch {
          problems.push(`line ${line}: no file ${script}`);
        }
      }
      target = script === undefined ? undefined : entry[script];
      rest = rest.slice(index + 1);
    }
    if (target === undefined) continue;
    for (const flag of rest.filter((w) => /^--[a-z]/.test(w))) {
      const name = flag.split("=")[0];
      if (!usage[target].includes(name)) problems.push(`line ${line}: ${target} has no ${name}`);
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test("readme: the simulator example runs as shown", async () => {
  const block = blocks(README).find((b) =>
    b.lang === "ts" && b.body.includes('from "jsr:@libmaas/client/testing"')
  );
  assert.ok(block, "the README shows the simulator in a test");
  const dir = await Deno.makeTempDir({ prefix: "libmaas-readme-" });
  try {
    await Deno.writeTextFile(`${dir}/deno.json`, JSON.stringify({ links: [ROOT.pathname] }));
    await Deno.writeTextFile(`${dir}/example.ts`, block.body);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--cached-only", "--allow-net=127.0.0.1", "example.ts"],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const out = new TextDecoder().decode(output.stdout);
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    assert.match(out, /^20\n/, out);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
