/**
 * `repl.ts` itself, apart from what only the entry file may do (load `@clack/prompts`, ask Deno
 * for its permissions): parse the command line, find the connection, and open the REPL, evaluate
 * `-e`, or run a profile command.
 *
 * @module
 */

import { Client, connect } from "../client.ts";
import { type Environment, processEnvironment, ProfileStore } from "../profiles.ts";
import { runtimeName } from "../runtime.ts";
import { type Prompter, resolveSettings, type Settings, type SettingsFlags } from "../settings.ts";
import { parseCommandLine, type ParsedArgs, USAGE, UsageError } from "./args.ts";
import {
  type CommandIO,
  loginCommand,
  logoutCommand,
  profilesCommand,
  switchCommand,
} from "./commands.ts";
import { createContext, evaluate } from "./context.ts";
import { type OutputFormat, renderValue } from "./format.ts";
import { type Handoff, runDenoRepl } from "./launch.ts";
import { type DemoServer, startDemo } from "./preload.ts";
import { offerToSave, type SignedIn, signIn } from "./signin.ts";
import { canPrompt, type PromptStreams, type PromptTerminal, promptTerminal } from "./terminal.ts";

/** What the entry file gives {@linkcode main}. */
export interface MainOptions {
  /** The arguments, without the program name. */
  argv: readonly string[];
  /**
   * Makes the prompter on the given streams (called at most once, and only when a prompt is
   * needed and there is a terminal to show it on).
   */
  makePrompter: (streams: PromptStreams) => Promise<Prompter>;
  /** Permission flags for the child REPL, given the server it will talk to. */
  permissionFlags: (url: string | null) => string[];
  /** The environment (default: the process's). */
  env?: Environment;
}

/** One line, for errors printed by `-e` and the commands. */
function oneLineError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s*\n\s*/g, " ").trim();
}

async function readStdin(): Promise<string> {
  const process = (await import("node:process")).default;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Uint8Array);
    total += (chunk as Uint8Array).byteLength;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** A prompter that opens the terminal and loads the real one the first time it is needed. */
function lazyPrompter(make: () => Promise<Prompter>): Prompter {
  let real: Promise<Prompter> | undefined;
  const get = () => real ??= make();
  return {
    text: async (message, options) => await (await get()).text(message, options),
    password: async (message, options) => await (await get()).password(message, options),
    select: async (message, choices) => await (await get()).select(message, choices),
  };
}

function flagsOf(
  args: ParsedArgs,
  password: string | undefined,
  stdin: SettingsFlags["stdin"],
): SettingsFlags {
  return {
    url: args.url,
    apikey: args.apikey,
    apikeyFile: args.apikeyFile,
    username: args.username,
    password,
    profile: args.profile,
    insecure: args.insecure || undefined,
    caCert: args.caCert,
    envFile: args.envFile,
    stdin,
  };
}

/**
 * Runs `repl.ts` and returns its exit code.
 *
 * @example
 * ```ts
 * import { main } from "./main.ts";
 * const code = await main({
 *   argv: ["--demo", "-e", "(await client.machines.list()).length"],
 *   makePrompter: () => Promise.reject(new Error("no terminal")),
 *   permissionFlags: () => ["-A"],
 * });
 * console.log(code);
 * ```
 */
export async function main(options: MainOptions): Promise<number> {
  const process = (await import("node:process")).default;
  const path = await import("node:path");
  const env = options.env ?? processEnvironment();
  // A reader that leaves early (`repl.ts -e … | head -1`) is not an error: the rest of the output
  // is simply not wanted.
  let readerGone = false;
  const brokenPipe = (error: unknown) => {
    const code = (error as { code?: string })?.code;
    if (code !== "EPIPE" && (error as Error)?.name !== "BrokenPipe") return false;
    return readerGone = true;
  };
  process.stdout.on("error", (error: unknown) => {
    if (!brokenPipe(error)) throw error;
  });
  const print = (text: string) => {
    if (text === "" || readerGone) return;
    try {
      process.stdout.write(text.endsWith("\n") ? text : text + "\n");
    } catch (error) {
      if (!brokenPipe(error)) throw error;
    }
  };
  const printError = (text: string) => process.stderr.write(text + "\n");
  let args: ParsedArgs;
  try {
    args = parseCommandLine(options.argv);
  } catch (error) {
    printError(`repl.ts: ${(error as Error).message}\nRun repl.ts --help for the usage.`);
    return 2;
  }
  if (args.command === "help") {
    print(USAGE);
    return 0;
  }
  const interactive = args.command === "repl" && args.eval === undefined;
  if (interactive && runtimeName() !== "deno") {
    printError(
      "repl.ts: the interactive REPL runs on Deno (deno run -A repl.ts); on this runtime " +
        "use -e EXPR or the profile commands.",
    );
    return 1;
  }
  const stdinSecret: SettingsFlags["stdin"] = args.apikey === "-"
    ? "apikey"
    : args.passwordStdin
    ? "password"
    : undefined;
  const stdinUsed = stdinSecret !== undefined;
  const terminal = await canPrompt({ stdinUsed });
  // Once standard input has given a secret, the REPL itself runs on the controlling terminal.
  if (interactive && stdinUsed && !terminal) {
    printError(
      "repl.ts: the interactive REPL needs a terminal and there is none here (standard input " +
        `held the ${stdinSecret === "apikey" ? "API key" : "password"}); in a script, add ` +
        "-e EXPR to evaluate an expression instead.",
    );
    return 1;
  }
  let promptStreams: PromptTerminal | null = null;
  // Settings are told whether there is a terminal, to say why they did not ask when there is none.
  const settingsPrompter = lazyPrompter(async () => {
    promptStreams = await promptTerminal({ stdinUsed });
    if (!promptStreams) throw new UsageError("there is no terminal to ask on");
    return await options.makePrompter(promptStreams.streams);
  });
  const prompter = terminal ? settingsPrompter : null;
  const format: OutputFormat = args.format ?? (process.stdout.isTTY ? "table" : "json");
  const store = new ProfileStore({ env });

  try {
    let password: string | undefined;
    if (args.apikey === "-") {
      args.apikey = (await readStdin()).trim();
      if (args.apikey === "") throw new UsageError("--apikey - read nothing from standard input");
    }
    if (args.passwordStdin) {
      password = (await readStdin()).replace(/\r?\n$/, "");
      if (password === "") {
        throw new UsageError("--password-stdin read nothing from standard input");
      }
    }
    const io: CommandIO = { prompter, print, env, store, format, password };
    switch (args.command) {
      case "login":
        return await loginCommand(args, io);
      case "logout":
        return await logoutCommand(args, io);
      case "switch":
        return await switchCommand(args, io);
      case "profiles":
        return await profilesCommand(args, io);
    }
    const flags = flagsOf(args, password, stdinSecret);
    /**
     * Signs in with the settings. A secret typed at a prompt is checked at once (and asked for
     * again when refused), and a sign-in made at the prompts is offered to be saved; the REPL
     * checks every sign-in before it opens. `-e` with settings from elsewhere sends nothing more
     * than its expression does.
     */
    const signInWith = async (settings: Settings, check: boolean): Promise<SignedIn> => {
      const { credentials, password } = settings.origins;
      if (!check && credentials !== "the prompt" && password !== "the prompt") {
        return { client: await Client.fromSettings(settings), settings, username: null };
      }
      const signedIn = await signIn(settings, { prompter, notify: printError });
      try {
        if (prompter && signedIn.settings.source === "prompt") {
          await offerToSave(signedIn, { prompter, store, notify: printError });
        }
      } catch (error) {
        signedIn.client.close();
        throw error;
      }
      return signedIn;
    };

    if (interactive) {
      const handoff: Handoff = { record: null, source: "", profile: null, demo: null };
      let url: string | null = null;
      if (args.demo) {
        handoff.demo = { machines: args.machines, seed: args.seed };
      } else {
        const settings = await resolveSettings({
          flags,
          env,
          store,
          prompter: settingsPrompter,
          isTerminal: terminal,
        });
        const signedIn = await signInWith(settings, true);
        try {
          handoff.record = signedIn.client.export({ includeSecret: true });
          handoff.source = signedIn.settings.describe();
          handoff.profile = signedIn.settings.profile?.name ?? null;
          url = signedIn.client.apiUrl;
        } finally {
          signedIn.client.close();
        }
      }
      (promptStreams as PromptTerminal | null)?.close();
      const dir = await store.dir();
      return await runDenoRepl({
        handoff,
        permissionFlags: options.permissionFlags(url),
        historyFile: path.join(dir, "history"),
        stdin: stdinUsed ? "tty" : "inherit",
      });
    }

    let demo: DemoServer | null = null;
    let client: Client | null = null;
    let settings: Settings | null = null;
    try {
      if (args.demo) {
        demo = await startDemo({ machines: args.machines, seed: args.seed });
        client = await connect(demo.url, { apikey: demo.adminApiKey });
      } else {
        const signedIn = await signInWith(
          await resolveSettings({
            flags,
            env,
            store,
            prompter: settingsPrompter,
            isTerminal: terminal,
          }),
          false,
        );
        client = signedIn.client;
        settings = signedIn.settings;
      }
      (promptStreams as PromptTerminal | null)?.close();
      const context = await createContext({
        client,
        profile: settings?.profile ?? null,
        store,
        notify: printError,
      });
      print(renderValue(await evaluate(args.eval as string, context), format));
      return 0;
    } finally {
      client?.close();
      await demo?.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      printError(`repl.ts: ${error.message}\nRun repl.ts --help for the usage.`);
      return 2;
    }
    printError(`error: ${oneLineError(error)}`);
    return 1;
  } finally {
    (promptStreams as PromptTerminal | null)?.close();
  }
}
