/**
 * What the portable tests share: which runtime runs them, where the checkout and the Node build
 * are, a simulator per test, temporary folders and child processes of the same runtime.
 *
 * @module
 */

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { MaasSimulator, type SimulatorOptions } from "../../lib/testing/mod.ts";
import { runtimeName } from "../../lib/runtime.ts";

/** The runtime these tests run on. */
export const RUNTIME: "deno" | "bun" | "node" = (() => {
  const name = runtimeName();
  if (name === "other") throw new Error("The portable tests run on Deno, Bun or Node");
  return name;
})();

/** Where `build.ts` puts the JavaScript that Node runs, relative to the checkout. */
export const BUILD_DIR = ".tools/build/portable";

/**
 * The checkout: the nearest folder above this file with `deno.json` and `mod.ts`. Walking up
 * works both from `tests/portable/` and from the Node build under `.tools/`.
 */
export const ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "deno.json")) && existsSync(join(dir, "mod.ts"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("The portable tests must run inside the checkout");
    dir = parent;
  }
})();

/** The runtime's name and version, e.g. `node 20.20.2`. */
export function runtimeLabel(): string {
  const versions = process.versions as Record<string, string | undefined>;
  return `${RUNTIME} ${versions[RUNTIME] ?? "?"}`;
}

/** Runs `fn` with a fresh simulator, closed afterwards whatever happens. */
export async function withSimulator(
  options: SimulatorOptions,
  fn: (sim: MaasSimulator) => Promise<void>,
): Promise<void> {
  const sim = await MaasSimulator.start(options);
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

/** Runs `fn` with a new owner-only temporary folder, removed afterwards. */
export async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "libmaas-portable-"));
  await chmod(dir, 0o700);
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What a child process did. */
export interface ChildResult {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  /** Everything written to standard output. */
  stdout: string;
  /** Everything written to standard error. */
  stderr: string;
}

/**
 * Runs this same runtime (`process.execPath`) with `args` and waits for it to end; killed after
 * `timeout` ms. The environment is this process's plus `env`.
 */
export function runSameRuntime(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout += chunk);
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr += chunk);
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeout ?? 30_000} ms]`;
      child.kill("SIGKILL");
    }, options.timeout ?? 30_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The arguments that make this runtime run a TypeScript file of the checkout: Deno and Bun run
 * the file itself; Node runs its bundle from {@linkcode BUILD_DIR} (made by `build.ts`).
 */
export function scriptArgs(file: string): string[] {
  const source = join(ROOT, file);
  if (RUNTIME === "deno") return ["run", "--cached-only", "-A", source];
  if (RUNTIME === "bun") return [source];
  const built = join(ROOT, BUILD_DIR, file.replace(/\.ts$/, ".js"));
  if (!existsSync(built)) {
    throw new Error(`${built} is missing: run \`deno task build:portable\` first`);
  }
  return [built];
}
