/**
 * An interactive MAAS session in one command: `deno run -A repl.ts` lands at Deno's REPL with an
 * authenticated `client`, a lazy `session`, the library's exports and the helpers `table()`,
 * `json()`, `yaml()`, `csv()` and `help()`. The connection comes from flags, the environment, a
 * `.env` file, the default saved profile or (in a terminal) prompts; `--demo` needs no MAAS at
 * all. A key or password read from standard input leaves the REPL on the terminal (`/dev/tty`). `-e EXPR` evaluates one expression for shell scripts; `login`, `logout`, `switch` and
 * `profiles` manage saved profiles. `repl.ts --help` lists everything.
 *
 * @example
 * ```sh
 * deno run -A repl.ts --demo
 * deno run -A repl.ts --url http://maas:5240/MAAS/ --apikey - < key.txt
 * deno run -A repl.ts --url http://maas:5240/MAAS/ --apikey-file ~/.config/maas.key
 * deno run -A repl.ts --profile prod -e "await client.machines.list()" --format csv
 * ```
 *
 * @module
 */

import process from "node:process";
import { ParameterError } from "./lib/errors.ts";
import { main } from "./lib/repl/main.ts";
import type { PromptStreams } from "./lib/repl/terminal.ts";
import { runtimeName } from "./lib/runtime.ts";
import type { Prompter } from "./lib/settings.ts";

/**
 * The prompt library, as pinned in deno.json's imports (a test keeps the two equal).
 *
 * Why it is loaded this way: whenever a module graph reaches an npm package, Deno also fetches
 * that package's registry metadata, in a background task that is dropped if the process ends
 * first. An install from deno.lock (what `deno task` does) never writes that metadata, so short
 * runs fetched it again every time and printed `Download https://registry.npmjs.org/…`. A literal
 * specifier in import() is reached by every graph Deno builds after start-up (any later dynamic
 * import), even when no prompt is shown; this computed one only when a prompt is needed. The tasks
 * also run repl.ts with `--cached-only`: its code then comes from deno.lock and the cache that
 * `deno task` fills, never from the network. `deno publish` warns that it cannot analyse this
 * import; being a full `npm:` specifier, it needs no import map once published.
 *
 * @example
 * ```ts
 * import { PROMPTS_PACKAGE } from "@libmaas/client/repl";
 * console.log(PROMPTS_PACKAGE); // npm:@clack/prompts@…
 * ```
 */
export const PROMPTS_PACKAGE = "npm:@clack/prompts@1.9.0";

type Clack = typeof import("@clack/prompts");

/**
 * The prompts, drawn with `@clack/prompts` (loaded only when a prompt is needed) on `streams`.
 * Bun cannot load an `npm:` specifier, so there the settings must come from elsewhere.
 */
async function clackPrompter(streams: PromptStreams): Promise<Prompter> {
  if (runtimeName() !== "deno") {
    throw new ParameterError(
      "The prompts need Deno: give the connection with --url and --apikey (or --apikey-file, " +
        "a profile, the environment), or run repl.ts with Deno.",
    );
  }
  const clack: Clack = await import(PROMPTS_PACKAGE);
  const io = { input: streams.input, output: streams.output };
  const answer = (value: unknown): string | null =>
    clack.isCancel(value) || typeof value !== "string" ? null : value;
  return {
    async text(message, options = {}) {
      return answer(
        await clack.text({
          ...io,
          message,
          placeholder: options.placeholder,
          validate: options.validate && ((value) => options.validate!(value ?? "")),
        }),
      );
    },
    async password(message, options = {}) {
      return answer(
        await clack.password({
          ...io,
          message,
          validate: options.validate && ((value) => options.validate!(value ?? "")),
        }),
      );
    },
    async select(message, choices) {
      return answer(
        await clack.select({
          ...io,
          message,
          options: choices.map((choice) => ({ ...choice })) as Parameters<
            typeof clack.select
          >[0]["options"],
        }),
      ) as typeof choices[number]["value"] | null;
    },
  };
}

/**
 * The child REPL gets the permissions this process has: everything when run with `-A`,
 * otherwise each kind granted in full, plus the network to the MAAS server.
 */
function permissionFlags(url: string | null): string[] {
  const kinds = ["read", "write", "net", "env", "run", "sys", "ffi", "import"] as const;
  const granted = kinds.filter((name) => {
    try {
      return Deno.permissions.querySync({ name } as Deno.PermissionDescriptor).state === "granted";
    } catch {
      return false;
    }
  });
  if (granted.length === kinds.length) return ["-A"];
  const flags = granted.map((name) => `--allow-${name}`);
  if (!granted.includes("net")) {
    flags.push(`--allow-net=${url ? new URL(url).host : "127.0.0.1"}`);
  }
  return flags;
}

if (import.meta.main) {
  process.exitCode = await main({
    argv: process.argv.slice(2),
    makePrompter: clackPrompter,
    permissionFlags,
  });
}
