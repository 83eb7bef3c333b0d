/**
 * What the REPL (and `repl.ts -e`) has at hand: `client`, a lazy `session`, the library's exports
 * and the helpers `table`, `json`, `yaml`, `csv` and `help`.
 *
 * @module
 */

import * as library from "../../mod.ts";
import type { Client } from "../client.ts";
import type { Profile, ProfileStore } from "../profiles.ts";
import { runtimeName } from "../runtime.ts";
import { SessionAPI } from "../session.ts";
import { csv, json, table, yaml } from "../format.ts";
import { type DocSource, Helper } from "./help.ts";

/** Options of {@linkcode createContext}. */
export interface ContextOptions {
  /** The connected client. */
  client: Client;
  /** The profile the client came from: its cached description makes `session` free. */
  profile?: Profile | null;
  /** Where that profile is saved, to refresh its description when the server's API changed. */
  store?: ProfileStore | null;
  /** Where `help()` reads the documentation (default: `deno doc --json` on Deno). */
  docs?: DocSource;
  /** Called with a line to tell the user something (default: standard error). */
  notify?: (line: string) => void;
}

/** The REPL's globals. `session` is a getter: see {@linkcode createContext}. */
export type ReplContext = Record<string, unknown>;

/**
 * The library's documentation (`deno doc --json` on its entry point), read without blocking: the
 * REPL reads it while the banner is being made.
 *
 * @example
 * ```ts
 * import { loadLibraryDocs } from "./context.ts";
 * const docs = await loadLibraryDocs();
 * console.log(Object.keys(docs as object));
 * ```
 */
export async function loadLibraryDocs(): Promise<unknown> {
  const modUrl = new URL("../../mod.ts", import.meta.url).href;
  const { execFile } = await import("node:child_process");
  const process = (await import("node:process")).default;
  const text = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ["doc", "--json", modUrl],
      { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
      (error, stdout) => error ? reject(error) : resolve(stdout),
    );
  });
  return JSON.parse(text);
}

/** Runs `deno doc --json` on the library's entry point (only Deno has that command). */
async function denoDocSource(): Promise<DocSource> {
  const modUrl = new URL("../../mod.ts", import.meta.url).href;
  if (runtimeName() !== "deno") {
    return () => {
      throw new Error("deno doc is only available on Deno");
    };
  }
  const { execFileSync } = await import("node:child_process");
  const process = (await import("node:process")).default;
  return () =>
    JSON.parse(
      execFileSync(process.execPath, ["doc", "--json", modUrl], {
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        stdio: ["ignore", "pipe", "ignore"],
      }),
    );
}

/**
 * Builds the REPL's globals. `session` is lazy: for a profile with a cached describe document it
 * is the session at once (no network, unless the server's API hash shows the document is stale:
 * then it is downloaded again and the profile updated); otherwise the first use gives a promise
 * (`await session`) that downloads the document, and later uses give the session itself.
 *
 * @example
 * ```ts
 * import { connect } from "../client.ts";
 * import { createContext, evaluate } from "./context.ts";
 * const client = await connect("http://maas:5240/MAAS/", { apikey: "ck:tk:ts" });
 * const context = await createContext({ client });
 * console.log(await evaluate("client.apiUrl", context));
 * ```
 */
export async function createContext(options: ContextOptions): Promise<ReplContext> {
  const { client } = options;
  const notify = options.notify ?? ((line: string) => console.error(line));
  let session: SessionAPI | null = null;
  let pending: Promise<SessionAPI> | null = null;
  const loadSession = (): SessionAPI | Promise<SessionAPI> => {
    if (session) return session;
    const profile = options.profile;
    const seen = client.transport.apiHash;
    if (
      profile && profile.description.resources.length > 0 &&
      (!seen || seen === profile.description.hash)
    ) {
      return session = new SessionAPI(profile.description, client.apiUrl, {
        transport: client.transport,
      });
    }
    return pending ??= (async () => {
      if (profile && options.store) {
        const updated = await options.store.refreshDescription(profile, client.transport);
        if (updated !== profile) {
          notify(
            `(the server's API changed since profile ${profile.name} was saved: ` +
              "its describe document was downloaded again and saved)",
          );
        }
        if (updated.description.resources.length > 0) {
          return session = new SessionAPI(updated.description, client.apiUrl, {
            transport: client.transport,
          });
        }
      }
      return session = await client.session;
    })().catch((error) => {
      pending = null;
      throw error;
    });
  };
  const classes = Object.values(library).filter((value) => typeof value === "function");
  const helper = new Helper({
    docs: options.docs ?? await denoDocSource(),
    classes,
    session: () => session,
  });
  const context: ReplContext = {
    libmaas: library,
    client,
    table,
    json,
    yaml,
    csv,
    help: (...target: unknown[]) => helper.help(...target),
  };
  Object.defineProperty(context, "session", {
    get: loadSession,
    enumerable: true,
    configurable: true,
  });
  return context;
}

/**
 * Makes the context's values globals (for the Deno REPL): the library's exports too, except
 * those whose name the runtime already uses (`Event`…), which stay reachable as `libmaas.X`.
 * `client` stays assignable, so `client = await connect(...)` switches servers.
 *
 * @example
 * ```ts
 * import { connect } from "../client.ts";
 * import { createContext, installGlobals } from "./context.ts";
 * const client = await connect("http://maas:5240/MAAS/", { apikey: "ck:tk:ts" });
 * installGlobals(await createContext({ client }));
 * ```
 */
export function installGlobals(context: ReplContext, target: object = globalThis): void {
  for (const [name, value] of Object.entries(library)) {
    if (name in target) continue;
    Object.defineProperty(target, name, { value, writable: true, configurable: true });
  }
  for (const name of Object.keys(context)) {
    const descriptor = Object.getOwnPropertyDescriptor(context, name)!;
    if (descriptor.get) {
      Object.defineProperty(target, name, { get: descriptor.get, configurable: true });
    } else {
      Object.defineProperty(target, name, {
        value: descriptor.value,
        writable: true,
        configurable: true,
      });
    }
  }
}

/**
 * Evaluates `source` with the context's names in scope: as one expression when it is one
 * (`await client.machines.list()`), else as statements whose `return` gives the result.
 *
 * @example
 * ```ts
 * import { evaluate } from "./context.ts";
 * console.log(await evaluate("const n = answer; return n + 1", { answer: 41 })); // 42
 * ```
 */
export async function evaluate(source: string, context: ReplContext): Promise<unknown> {
  const scope: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(library)) {
    if (!(name in globalThis)) scope[name] = value;
  }
  Object.defineProperties(scope, Object.getOwnPropertyDescriptors(context));
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (
    ...args: string[]
  ) => (scope: object) => Promise<unknown>;
  let run: (scope: object) => Promise<unknown>;
  try {
    // `with` (allowed in the sloppy-mode body of a Function) makes the lazy `session` getter work.
    run = new AsyncFunction("__scope", `with (__scope) { return (${source}\n); }`);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    run = new AsyncFunction("__scope", `with (__scope) {\n${source}\n}`);
  }
  return await run(scope);
}
