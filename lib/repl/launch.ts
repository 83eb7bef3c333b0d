/**
 * Opening Deno's own REPL (`deno repl`: top-level await, completion, history) on a connected
 * client. The launcher resolves the settings and logs in; it hands the child REPL a record of the
 * client through an owner-only file in a private temporary directory, which the child's preload
 * reads and deletes at once, so the key never travels in an environment variable or argument.
 *
 * @module
 */

import type { ClientRecord } from "../settings.ts";
import { openTty } from "./terminal.ts";

/** What the launcher hands to the REPL's preload. */
export interface Handoff {
  /** The client, with its secret; `null` for the demo, which makes its own. */
  record: ClientRecord | null;
  /** One line for the banner: where the connection came from. */
  source: string;
  /** The profile the settings came from (its cached describe document serves `session`). */
  profile: string | null;
  /** The demo's inventory, when `--demo` was given. */
  demo: { machines: number; seed: number } | null;
}

/** Options of {@linkcode runDenoRepl}. */
export interface LaunchOptions {
  /** What the preload needs. */
  handoff: Handoff;
  /** Permission flags for the child (`-A`, or the launcher's own grants). */
  permissionFlags: readonly string[];
  /** The history file (kept across sessions, owner-only). */
  historyFile: string;
  /**
   * The REPL's standard input: this process's own (`inherit`, the default), or the controlling
   * terminal (`tty`) when standard input was spent on a secret.
   */
  stdin?: "inherit" | "tty";
}

async function ensurePrivateFile(file: string): Promise<void> {
  const fs = await import("node:fs/promises");
  const path = await import("node:path");
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const handle = await fs.open(file, "a", 0o600);
  await handle.close();
  const os = await import("node:os");
  if (os.platform() !== "win32") await fs.chmod(file, 0o600);
}

/**
 * Runs `deno repl` with a generated preload that connects and installs the globals, and waits
 * for it to end. Returns its exit code. While the child runs, Ctrl-C reaches both processes; the
 * launcher ignores it so that only the child (which cancels requests with it) reacts.
 *
 * @example
 * ```ts
 * import { runDenoRepl } from "./launch.ts";
 * const code = await runDenoRepl({
 *   handoff: { record: null, source: "", profile: null, demo: { machines: 10, seed: 1 } },
 *   permissionFlags: ["-A"],
 *   historyFile: "/tmp/libmaas-history",
 * });
 * console.log(code);
 * ```
 */
export async function runDenoRepl(options: LaunchOptions): Promise<number> {
  const fs = await import("node:fs/promises");
  const path = await import("node:path");
  const os = await import("node:os");
  const { spawn } = await import("node:child_process");
  const process = (await import("node:process")).default;

  await ensurePrivateFile(options.historyFile);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "libmaas-repl-"));
  const ignore = () => {};
  let tty: number | null = null;
  try {
    const handoffFile = path.join(dir, "handoff.json");
    const handle = await fs.open(handoffFile, "wx", 0o600);
    try {
      await handle.writeFile(JSON.stringify(options.handoff));
    } finally {
      await handle.close();
    }
    const preloadFile = path.join(dir, "preload.ts");
    const preloadUrl = new URL("./preload.ts", import.meta.url).href;
    await fs.writeFile(
      preloadFile,
      `await (await import(${JSON.stringify(preloadUrl)})).start(${
        JSON.stringify(handoffFile)
      });\n`,
      { mode: 0o600 },
    );
    if (options.stdin === "tty") {
      tty = await openTty();
      if (tty === null) throw new Error("There is no terminal to run the REPL on.");
    }
    process.on("SIGINT", ignore);
    const child = spawn(
      process.execPath,
      // --no-config: the preload imports the library by URL and needs no import map; a config
      // found from the working directory would make Deno resolve its npm packages again.
      ["repl", "--no-config", ...options.permissionFlags, `--eval-file=${preloadFile}`],
      {
        stdio: [tty ?? "inherit", "inherit", "inherit"],
        env: { ...process.env, DENO_REPL_HISTORY: options.historyFile },
      },
    );

    return await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code, signal) => {
        const number = signal ? os.constants.signals[signal] : undefined;
        resolve(code ?? (number ? 128 + number : 1));
      });
    });
  } finally {
    if (tty !== null) (await import("node:fs")).closeSync(tty);
    process.off("SIGINT", ignore);
    await fs.rm(dir, { recursive: true, force: true });
  }
}
