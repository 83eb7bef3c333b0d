/**
 * The profile commands of `repl.ts`: `login`, `logout`, `switch` and `profiles`.
 *
 * @module
 */

import { Client } from "../client.ts";
import { ForbiddenError, ParameterError, UnauthorizedError } from "../errors.ts";
import type { Environment, ProfileStore } from "../profiles.ts";
import type { TlsOptions } from "../runtime.ts";
import { SessionAPI } from "../session.ts";
import { apiKeyComplaint, type Prompter, readApiKeyFile } from "../settings.ts";
import { parseMaasUrl } from "../url.ts";
import { type ParsedArgs, UsageError } from "./args.ts";
import { type OutputFormat, renderValue } from "./format.ts";

/** What the commands need from around them. */
export interface CommandIO {
  /** Asks the user (only given when standard input is a terminal). */
  prompter: Prompter | null;
  /** Prints a line on standard output. */
  print(text: string): void;
  /** The environment (for `MAAS_PASSWORD`). */
  env: Environment;
  /** Where profiles are. */
  store: ProfileStore;
  /** The output format for `profiles`. */
  format: OutputFormat;
  /** The password read with `--password-stdin`, if any. */
  password?: string;
}

async function required(
  value: string | undefined,
  ask: (() => Promise<string | null>) | null,
  missing: string,
): Promise<string> {
  if (value !== undefined && value !== "") return value;
  const answer = ask ? await ask() : null;
  if (answer === null || answer === "") throw new UsageError(missing);
  return answer;
}

async function readPem(file: string): Promise<string> {
  const fs = await import("node:fs/promises");
  try {
    return await fs.readFile(file, "utf8");
  } catch (cause) {
    throw new ParameterError(`Cannot read the CA certificate file ${file}.`, { cause });
  }
}

/**
 * `login [--profile NAME] URL [--apikey KEY | USERNAME]`: asks for what is missing, checks the key
 * with `whoami` (nothing is saved when MAAS refuses it), downloads the describe document and saves
 * the profile. The first profile saved becomes the default; `--default` makes any one so.
 *
 * @example
 * ```ts
 * import { ProfileStore } from "../profiles.ts";
 * import { parseCommandLine } from "./args.ts";
 * import { loginCommand } from "./commands.ts";
 * const args = parseCommandLine(["login", "http://maas:5240/MAAS/", "--apikey", "ck:tk:ts"]);
 * await loginCommand(args, {
 *   prompter: null, print: console.log, env: {}, store: new ProfileStore(), format: "table",
 * });
 * ```
 */
export async function loginCommand(args: ParsedArgs, io: CommandIO): Promise<number> {
  const { prompter } = io;
  const [urlArg, usernameArg, ...extra] = args.positionals;
  if (extra.length) {
    throw new UsageError(`login takes at most URL and USERNAME, not ${extra.join(" ")}`);
  }
  const url = await required(
    urlArg ?? args.url,
    prompter &&
      (() => prompter.text("MAAS URL", { placeholder: "http://maas.example.com:5240/MAAS/" })),
    "login needs the MAAS URL: repl.ts login URL --apikey KEY",
  );
  const address = parseMaasUrl(url);
  let username = usernameArg ?? args.username;
  if (args.apikey && args.apikeyFile) {
    throw new UsageError("Give --apikey or --apikey-file, not both.");
  }
  let apikey = args.apikeyFile
    ? (await readApiKeyFile(
      (await import("node:path")).resolve(args.apikeyFile),
      "--apikey-file flag",
    )).toString()
    : args.apikey;
  if (apikey && username) throw new UsageError("Give an API key or a USERNAME, not both.");
  if (!apikey && !username) {
    if (!prompter) {
      throw new UsageError(
        "login needs an API key (--apikey KEY, --apikey-file PATH, or --apikey - to read it " +
          "from standard input) or a USERNAME to log in with",
      );
    }
    const method = await prompter.select("How do you sign in?", [
      { value: "apikey", label: "API key", hint: "from the web UI or `maas apikey`" },
      { value: "password", label: "Username and password" },
    ]);
    if (method === null) throw new UsageError("Cancelled.");
    if (method === "apikey") {
      apikey = (await required(
        undefined,
        () => prompter.password("API key", { validate: apiKeyComplaint }),
        "No API key given.",
      )).trim();
    } else {
      username = await required(undefined, () => prompter.text("Username"), "No username given.");
    }
  }
  const tls: TlsOptions = {};
  if (args.insecure) tls.insecure = true;
  if (args.caCert) tls.caCert = await readPem(args.caCert);
  const name = args.profile ?? new URL(address.apiUrl).hostname;
  const options = { name, tls: tls.caCert || tls.insecure ? tls : undefined };
  let result;
  if (apikey) {
    result = await SessionAPI.connect(address.apiUrl, { ...options, apikey });
  } else {
    const password = await required(
      io.password ?? io.env.MAAS_PASSWORD,
      prompter && (() => prompter.password(`Password for ${username}`)),
      `A password for ${username} is needed: use --password-stdin, set MAAS_PASSWORD, or run ` +
        "in a terminal to be asked.",
    );
    result = await SessionAPI.login(address.apiUrl, { ...options, username, password });
  }
  const { profile, session } = result;
  try {
    const client = new Client(profile.url, session.transport);
    let me;
    try {
      me = await client.users.whoami();
    } catch (error) {
      if (error instanceof UnauthorizedError || error instanceof ForbiddenError) {
        throw new ParameterError(
          `MAAS refused the API key (${error.status}: ${
            error.text.trim() || "no reason given"
          }); ` +
            "nothing was saved. Copy the key again from the web UI or `maas apikey --username NAME`.",
          { cause: error },
        );
      }
      throw error;
    }
    profile.username = me.username;
    const makeDefault = args.makeDefault || (await io.store.defaultName()) === null;
    await io.store.save(profile, { makeDefault });
    io.print(
      `Saved profile ${JSON.stringify(name)} for ${profile.url} as ${me.username}` +
        `${makeDefault ? " (the default profile)" : ""}. Open it with: repl.ts --profile ${name}`,
    );
    return 0;
  } finally {
    session.transport.close();
  }
}

/**
 * `logout NAME`: removes this library's saved profile.
 *
 * @example
 * ```ts
 * import { ProfileStore } from "../profiles.ts";
 * import { parseCommandLine } from "./args.ts";
 * import { logoutCommand } from "./commands.ts";
 * await logoutCommand(parseCommandLine(["logout", "lab"]), {
 *   prompter: null, print: console.log, env: {}, store: new ProfileStore(), format: "table",
 * });
 * ```
 */
export async function logoutCommand(args: ParsedArgs, io: CommandIO): Promise<number> {
  const [name, ...extra] = args.positionals;
  if (!name || extra.length) throw new UsageError("logout takes one profile NAME");
  await io.store.delete(name);
  io.print(`Removed profile ${JSON.stringify(name)}.`);
  return 0;
}

/**
 * `switch NAME`: makes NAME the default profile.
 *
 * @example
 * ```ts
 * import { ProfileStore } from "../profiles.ts";
 * import { parseCommandLine } from "./args.ts";
 * import { switchCommand } from "./commands.ts";
 * await switchCommand(parseCommandLine(["switch", "prod"]), {
 *   prompter: null, print: console.log, env: {}, store: new ProfileStore(), format: "table",
 * });
 * ```
 */
export async function switchCommand(args: ParsedArgs, io: CommandIO): Promise<number> {
  const [name, ...extra] = args.positionals;
  if (!name || extra.length) throw new UsageError("switch takes one profile NAME");
  await io.store.setDefault(name);
  io.print(`${JSON.stringify(name)} is now the default profile.`);
  return 0;
}

/**
 * `profiles`: name, URL, user, default and origin of every saved profile.
 *
 * @example
 * ```ts
 * import { ProfileStore } from "../profiles.ts";
 * import { parseCommandLine } from "./args.ts";
 * import { profilesCommand } from "./commands.ts";
 * await profilesCommand(parseCommandLine(["profiles"]), {
 *   prompter: null, print: console.log, env: {}, store: new ProfileStore(), format: "json",
 * });
 * ```
 */
export async function profilesCommand(args: ParsedArgs, io: CommandIO): Promise<number> {
  if (args.positionals.length) throw new UsageError("profiles takes no arguments");
  const summaries = await io.store.list();
  if (summaries.length === 0 && io.format === "table") {
    io.print("No saved profiles. Save one with: repl.ts login URL --apikey KEY");
    return 0;
  }
  const rows = summaries.map((summary) => ({
    name: summary.name,
    url: summary.url,
    user: summary.username ?? (summary.anonymous ? "(anonymous)" : ""),
    default: summary.isDefault ? "*" : "",
    origin: summary.origin,
  }));
  io.print(renderValue(rows, io.format));
  return 0;
}
