/**
 * Finding the terminal when standard input or output is not it. `repl.ts --apikey - < maas.key`
 * spends standard input on the key; the prompts and the REPL itself then use the controlling
 * terminal, `/dev/tty`, as `ssh` and `sudo` do. Without one (a cron job, a container without a
 * TTY) there is nothing to prompt on, and the caller says so.
 *
 * @module
 */

import type { Readable, Writable } from "node:stream";

/** Where prompts read key presses and draw; an absent stream means the process's own. */
export interface PromptStreams {
  /** Key presses (default: standard input). */
  input?: Readable;
  /** Where the prompts are drawn (default: standard output). */
  output?: Writable;
}

/** Prompt streams on the terminal, and how to let go of it. */
export interface PromptTerminal {
  /** The streams to give the prompt library. */
  streams: PromptStreams;
  /** Closes what was opened (before the REPL takes the terminal over). */
  close(): void;
}

/**
 * Opens the controlling terminal for reading and writing; `null` when the process has none.
 *
 * @example
 * ```ts
 * import { openTty } from "./terminal.ts";
 * const fd = await openTty();
 * console.log(fd === null ? "no terminal" : "a terminal");
 * ```
 */
export async function openTty(): Promise<number | null> {
  const os = await import("node:os");
  if (os.platform() === "win32") return null;
  const fs = await import("node:fs");
  const tty = await import("node:tty");
  let fd: number;
  try {
    fd = fs.openSync("/dev/tty", "r+");
  } catch {
    // ENXIO (no controlling terminal), ENOENT (no such device) or EACCES: no terminal to use.
    return null;
  }
  if (!tty.isatty(fd)) {
    fs.closeSync(fd);
    return null;
  }
  return fd;
}

/**
 * Streams for prompts. Prompts are shown only in a terminal: on standard input when it is one,
 * or on the controlling terminal when standard input held a secret (`--apikey -`,
 * `--password-stdin`); they are drawn on the controlling terminal when standard output goes to a
 * file or a pipe. `null` when there is no terminal to prompt on: a script piping into `repl.ts`
 * is never asked anything.
 *
 * @example
 * ```ts
 * import { promptTerminal } from "./terminal.ts";
 * const terminal = await promptTerminal({ stdinUsed: true });
 * console.log(terminal === null ? "no terminal" : "prompts can be shown");
 * terminal?.close();
 * ```
 */
export async function promptTerminal(
  options: { stdinUsed: boolean },
): Promise<PromptTerminal | null> {
  const process = (await import("node:process")).default;
  if (!options.stdinUsed && process.stdin.isTTY !== true) return null;
  const tty = await import("node:tty");
  const opened: { destroy(): void }[] = [];
  const streams: PromptStreams = {};
  const close = () => {
    for (const stream of opened) stream.destroy();
    opened.length = 0;
  };
  const open = async () => {
    const fd = await openTty();
    if (fd === null) close();
    return fd;
  };
  if (options.stdinUsed) {
    const fd = await open();
    if (fd === null) return null;
    const input = new tty.ReadStream(fd);
    opened.push(input);
    streams.input = input;
  }
  if (process.stdout.isTTY !== true) {
    const fd = await open();
    if (fd === null) return null;
    const output = new tty.WriteStream(fd);
    opened.push(output);
    streams.output = output;
  }
  return { streams, close };
}

/**
 * Whether {@linkcode promptTerminal} would find a terminal, without keeping anything open.
 *
 * @example
 * ```ts
 * import { canPrompt } from "./terminal.ts";
 * console.log(await canPrompt({ stdinUsed: false }));
 * ```
 */
export async function canPrompt(options: { stdinUsed: boolean }): Promise<boolean> {
  const process = (await import("node:process")).default;
  if (!options.stdinUsed) return process.stdin.isTTY === true;
  const fd = await openTty();
  if (fd === null) return false;
  (await import("node:fs")).closeSync(fd);
  return true;
}
