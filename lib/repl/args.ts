/**
 * The command line of `repl.ts`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { OUTPUT_FORMATS, type OutputFormat } from "./format.ts";

/**
 * The usage text, printed by `--help` and after a usage error.
 *
 * @example
 * ```ts
 * import { USAGE } from "./args.ts";
 * console.log(USAGE);
 * ```
 */
export const USAGE = `Usage:
  repl.ts [CONNECTION] [--demo]              open the REPL with an authenticated client
  repl.ts [CONNECTION] -e EXPR [--format F]  evaluate one expression, print it, exit
  repl.ts login [--profile NAME] URL [--apikey KEY | --apikey-file PATH | USERNAME]
                                             verify the key (or log in) and save a profile
  repl.ts logout NAME                        remove a saved profile
  repl.ts switch NAME                        make NAME the default profile
  repl.ts profiles                           list saved profiles (name, URL, user, default)

Connection (first found wins: flags, environment, .env, default profile, prompts):
  --url URL            the MAAS URL, e.g. http://maas.example.com:5240/MAAS/
  --apikey KEY         the API key (--apikey - reads it from standard input)
  --apikey-file PATH   read the API key from PATH (one line; the file must be private: chmod 600)
  --username NAME      log in with a username; the password comes from --password-stdin,
                       MAAS_PASSWORD or a prompt
  --password-stdin     read the password from standard input
  --profile NAME       use a saved profile (also the maas CLI's and python-libmaas's)
  --insecure           do not verify TLS certificates
  --ca-cert FILE       trust the CA certificate(s) in FILE
  --env-file FILE      read settings from FILE instead of ./.env
  Environment: MAAS_URL MAAS_APIKEY MAAS_APIKEY_FILE MAAS_USERNAME MAAS_PASSWORD MAAS_PROFILE
  MAAS_INSECURE MAAS_CA_CERT; LIBMAAS_CONFIG_DIR moves the profiles and history.
  A secret read from standard input leaves the REPL on the terminal (/dev/tty).

Other:
  --demo               start a simulated MAAS with a seeded inventory and use it
  --machines N         machines in the demo inventory (default 40)
  --seed S             seed of the demo inventory (default 1)
  -e, --eval EXPR      evaluate EXPR (await allowed) with client, session, table()… at hand
  --format F           table, json, yaml or csv (default: table on a terminal, else json)
  --default            (login) make the new profile the default
  -h, --help           this text`;

/** What the command line asks for. */
export interface ParsedArgs {
  /** The sub-command; `repl` when none is given. */
  command: "repl" | "login" | "logout" | "switch" | "profiles" | "help";
  /** The sub-command's words. */
  positionals: string[];
  /** `--url`. */
  url?: string;
  /** `--apikey` (the text `-` means: read standard input). */
  apikey?: string;
  /** `--apikey-file`. */
  apikeyFile?: string;
  /** `--username`. */
  username?: string;
  /** `--password-stdin`. */
  passwordStdin: boolean;
  /** `--profile`. */
  profile?: string;
  /** `--insecure`. */
  insecure: boolean;
  /** `--ca-cert`. */
  caCert?: string;
  /** `--env-file`. */
  envFile?: string;
  /** `--demo`. */
  demo: boolean;
  /** `--machines`. */
  machines: number;
  /** `--seed`. */
  seed: number;
  /** `-e`/`--eval`. */
  eval?: string;
  /** `--format`, when given. */
  format?: OutputFormat;
  /** `--default`. */
  makeDefault: boolean;
}

/**
 * A command line that cannot be run; `repl.ts` prints it with the usage and exits with 2.
 *
 * @example
 * ```ts
 * import { UsageError } from "./args.ts";
 * console.log(new UsageError("give a NAME").message);
 * ```
 */
export class UsageError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const COMMANDS = ["login", "logout", "switch", "profiles"] as const;

function whole(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new UsageError(`${name} must be a whole number of at least ${min}, not ${value}`);
  }
  return number;
}

/**
 * Parses `argv` (without the program name).
 *
 * @example
 * ```ts
 * import { parseCommandLine } from "./args.ts";
 * const args = parseCommandLine(["--profile", "prod", "-e", "await client.machines.list()"]);
 * console.log(args.profile, args.eval);
 * ```
 */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: "string" },
        apikey: { type: "string" },
        "apikey-file": { type: "string" },
        username: { type: "string" },
        "password-stdin": { type: "boolean" },
        profile: { type: "string" },
        insecure: { type: "boolean" },
        "ca-cert": { type: "string" },
        "env-file": { type: "string" },
        demo: { type: "boolean" },
        machines: { type: "string" },
        seed: { type: "string" },
        eval: { type: "string", short: "e" },
        format: { type: "string" },
        default: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  let command: ParsedArgs["command"] = "repl";
  if (values.help) {
    command = "help";
  } else if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      throw new UsageError(
        `Unknown command ${JSON.stringify(first)}: give one of ${COMMANDS.join(", ")}, ` +
          "or -e EXPR to evaluate an expression",
      );
    }
    command = first as ParsedArgs["command"];
  }
  const format = values.format;
  if (format !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(", ")}, not ${format}`);
  }
  if (values.apikey === "-" && values["password-stdin"]) {
    throw new UsageError("--apikey - and --password-stdin both read standard input; give one");
  }
  if (
    values.demo &&
    (values.url || values.profile || values.apikey || values["apikey-file"] || values.username)
  ) {
    throw new UsageError(
      "--demo makes its own server: leave out --url, --profile, --apikey, --apikey-file and " +
        "--username",
    );
  }
  if (values.eval !== undefined && command !== "repl") {
    throw new UsageError(`-e cannot be used with the ${command} command`);
  }
  return {
    command,
    positionals: command === "repl" ? positionals : rest,
    url: values.url,
    apikey: values.apikey,
    apikeyFile: values["apikey-file"],
    username: values.username,
    passwordStdin: values["password-stdin"] ?? false,
    profile: values.profile,
    insecure: values.insecure ?? false,
    caCert: values["ca-cert"],
    envFile: values["env-file"],
    demo: values.demo ?? false,
    machines: whole(values.machines, "--machines", 40, 0),
    seed: whole(values.seed, "--seed", 1, 0),
    eval: values.eval,
    format: format as OutputFormat | undefined,
    makeDefault: values.default ?? false,
  };
}
