/**
 * What the REPL tests share: `repl.ts` as a subprocess with an environment of its own, and a real
 * terminal (a private tmux server) driven as a person would.
 *
 * @module
 */

import assert from "node:assert/strict";

export const REPL = new URL("../repl.ts", import.meta.url).pathname;
export const decoder = new TextDecoder();

let denoDir: string | undefined;

/** The Deno cache of this run, so subprocesses with their own HOME need not download anything. */
async function cacheDir(): Promise<string> {
  if (denoDir) return denoDir;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  return denoDir = JSON.parse(decoder.decode(output.stdout)).denoDir as string;
}

/** An environment that reads nothing of the user's: own HOME, config dir and working directory. */
export async function hermetic(dir: string, extra: Record<string, string> = {}) {
  return {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: dir,
    LIBMAAS_CONFIG_DIR: `${dir}/config`,
    DENO_DIR: await cacheDir(),
    DENO_NO_UPDATE_CHECK: "1",
    NO_COLOR: "1",
    ...extra,
  };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function repl(
  args: string[],
  options: { dir: string; env?: Record<string, string>; stdin?: string },
): Promise<Run> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--cached-only", "-A", REPL, ...args],
    cwd: options.dir,
    env: await hermetic(options.dir, options.env),
    clearEnv: true,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const output = await child.output();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

export async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "libmaas-repl-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A terminal of its own (a private tmux server), driven as a person would. */
export class Terminal {
  readonly #socket = `libmaas-test-${crypto.randomUUID().slice(0, 8)}`;

  static async open(
    command: string,
    env: Record<string, string>,
    size: { columns: number; rows: number } = { columns: 200, rows: 50 },
  ): Promise<Terminal> {
    const terminal = new Terminal();
    const output = await new Deno.Command("tmux", {
      args: [
        "-L",
        terminal.#socket,
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        String(size.columns),
        "-y",
        String(size.rows),
        `${command}; echo REPL-EXITED=$?; sleep 600`,
      ],
      env: { ...env, TERM: "xterm-256color" },
      clearEnv: true,
      stdout: "null",
      stderr: "piped",
    }).output().catch((error) => {
      throw new Error(
        `tmux is needed for the terminal tests (apt-get install -y tmux): ${error.message}`,
      );
    });
    assert.equal(output.code, 0, decoder.decode(output.stderr));
    return terminal;
  }

  async #tmux(...args: string[]): Promise<string> {
    const output = await new Deno.Command("tmux", {
      args: ["-L", this.#socket, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    return decoder.decode(output.stdout);
  }

  /** Types text (sent literally) and, unless told otherwise, Enter. */
  async type(text: string, enter = true): Promise<void> {
    await this.#tmux("send-keys", "-t", "t", "-l", text);
    if (enter) await this.#tmux("send-keys", "-t", "t", "Enter");
  }

  /** Presses keys by tmux name: Tab, C-c, C-d, Up, Enter… */
  async press(...keys: string[]): Promise<void> {
    await this.#tmux("send-keys", "-t", "t", ...keys);
  }

  /** The whole screen and scroll-back, wrapped lines joined. */
  screen(): Promise<string> {
    return this.#tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", "t");
  }

  /** Waits until the screen matches `pattern` (at most `timeout` ms), and returns it. */
  async waitFor(pattern: RegExp, timeout = 30_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      // Trailing blanks (the empty rest of the terminal) do not count.
      const screen = (await this.screen()).trimEnd();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${pattern}; the screen shows:\n${screen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  /**
   * Types `prefix` and asks for completions (Tab twice, answering yes to "Display all N
   * possibilities?"), returns what is offered, and clears the line.
   */
  async completions(prefix: string): Promise<string[]> {
    await this.type(prefix, false);
    await this.press("Tab");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await this.press("Tab");
    const quoted = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const screen = await this.waitFor(
      new RegExp(`> ${quoted}\\n([\\s\\S]*)(\\(y or n\\)|\\n> ${quoted})$`),
    );
    let listed = screen;
    if (screen.endsWith("(y or n)")) {
      await this.press("y");
      listed = await this.waitFor(new RegExp(`\\n> ${quoted}$`));
    }
    await this.press("C-u");
    const start = listed.lastIndexOf(`> ${prefix}\n`, listed.length - prefix.length - 4);
    const block = listed.slice(start + prefix.length + 3, listed.length - prefix.length - 3);
    return block.replace(/Display all \d+ possibilities\? \(y or n\)/, "").split(/\s+/)
      .filter(Boolean);
  }

  /** Counts the matches of `pattern` on the screen. */
  async count(pattern: RegExp): Promise<number> {
    return (await this.screen()).match(new RegExp(pattern, "g"))?.length ?? 0;
  }

  async close(): Promise<void> {
    await this.#tmux("kill-server");
  }
}

export function replCommand(args: string): string {
  return `${Deno.execPath()} run --cached-only -A ${REPL} ${args}`;
}
