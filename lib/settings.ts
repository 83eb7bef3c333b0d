/**
 * Where connection settings come from. In order, the first place that names a server wins:
 *
 * 1. flags (`--url`, `--apikey`, `--apikey-file`, `--username`/`--password-stdin`, `--profile`,
 *    `--insecure`, `--ca-cert`, `--env-file`), given as {@linkcode SettingsFlags};
 * 2. the environment: `MAAS_URL`, `MAAS_APIKEY`, `MAAS_APIKEY_FILE`, `MAAS_USERNAME`,
 *    `MAAS_PASSWORD`, `MAAS_PROFILE`, `MAAS_INSECURE`, `MAAS_CA_CERT`;
 * 3. a `.env` file in the working directory (or the one `--env-file` names);
 * 4. the default saved profile;
 * 5. interactive prompts, only when standard input is a terminal and a prompter is given.
 *
 * Each other setting (API key or username and password, TLS options) is taken from the first
 * place that has it, skipping any place that names a different server: a key is never sent to a
 * server other than the one it was given with.
 *
 * @module
 */

import { Credentials } from "./auth.ts";
import {
  NoServerError,
  ParameterError,
  PasswordWithoutUsername,
  UsernameWithoutPassword,
} from "./errors.ts";
import { type Environment, processEnvironment, type Profile, ProfileStore } from "./profiles.ts";
import type { TlsOptions } from "./runtime.ts";
import type { TransportOptions } from "./transport.ts";
import { parseMaasUrl, redactUrl } from "./url.ts";

/** The place a setting came from. */
export type SettingsSource = "flags" | "environment" | "env-file" | "profile" | "prompt";

/** Connection settings as given on a command line (already parsed). */
export interface SettingsFlags {
  /** `--url`: the MAAS URL. */
  url?: string;
  /** `--apikey`: the API key text (`--apikey -` is read from stdin by the command itself). */
  apikey?: string;
  /**
   * `--apikey-file`: a file holding the API key (one line). It must be private to its owner: a
   * file other users can read or write is refused.
   */
  apikeyFile?: string;
  /** `--username`: log in with this user. */
  username?: string;
  /** The password, read with `--password-stdin` or prompted for. */
  password?: string;
  /** `--profile`: use this saved profile. */
  profile?: string;
  /** `--insecure`: skip TLS certificate verification. */
  insecure?: boolean;
  /** `--ca-cert`: a PEM file with the CA certificate(s) to trust. */
  caCert?: string;
  /** `--env-file`: read this file instead of `./.env`. */
  envFile?: string;
  /**
   * Which secret the command read from standard input (`--apikey -` or `--password-stdin`), so
   * that {@linkcode Settings.describe} says where it truly came from.
   */
  stdin?: "apikey" | "password";
}

/**
 * Asks the user for what is missing. The REPL passes one built on `@clack/prompts`; scripts pass
 * none, and then nothing is ever asked. Every method resolves to `null` when the user cancels.
 */
export interface Prompter {
  /** Asks for a line of text. */
  text(
    message: string,
    options?: { placeholder?: string; validate?: (value: string) => string | undefined },
  ): Promise<string | null>;
  /** Asks for a secret without echoing it; `validate` returns a complaint about a bad answer. */
  password(
    message: string,
    options?: { validate?: (value: string) => string | undefined },
  ): Promise<string | null>;
  /** Asks the user to pick one of `choices`. */
  select<T extends string>(
    message: string,
    choices: { value: T; label: string; hint?: string }[],
  ): Promise<T | null>;
}

/** Options of {@linkcode resolveSettings}. */
export interface ResolveOptions {
  /** Settings given as flags (the first place looked at). */
  flags?: SettingsFlags;
  /** Environment variables (default: the process environment). */
  env?: Environment;
  /** Directory whose `.env` file is read (default: the working directory). */
  cwd?: string;
  /** Where saved profiles are (default: the user's). */
  store?: ProfileStore;
  /** Asks for what is missing; without one, nothing is ever asked. */
  prompter?: Prompter | null;
  /** Whether standard input is a terminal (default: asked from the runtime). */
  isTerminal?: boolean;
}

/** What one place gave. */
interface Layer {
  source: SettingsSource;
  /** How to name the place in messages: `--url flag`, `MAAS_URL`, `MAAS_URL in /x/.env`. */
  where: Record<
    "url" | "apikey" | "apikeyFile" | "username" | "password" | "profile" | "insecure" | "caCert",
    string
  >;
  url?: string;
  apikey?: string;
  apikeyFile?: string;
  username?: string;
  password?: string;
  profile?: string;
  insecure?: boolean;
  caCert?: string;
  /** A profile this layer stands for (the default profile layer). */
  loaded?: Profile;
}

const INSPECT_DENO = Symbol.for("Deno.customInspect");
const INSPECT_NODE = Symbol.for("nodejs.util.inspect.custom");

/** Where each resolved setting came from, in words fit for a banner. */
export interface SettingsOrigins {
  /** Where the server came from: `--url flag`, `MAAS_URL`, `profile prod (default)`… */
  server: string;
  /**
   * Where the API key came from, or the username when signing in with a password; `null` for an
   * anonymous connection.
   */
  credentials: string | null;
  /** Where the password came from, when signing in with one. */
  password?: string | null;
  /** Where the TLS settings came from, when any were given. */
  tls: string | null;
}

/**
 * Resolved connection settings: the server, how to sign in and the TLS options, with where each
 * came from. A password is held only until the login it is needed for, and never shown: printing,
 * inspecting or serialising a `Settings` leaves credentials out.
 *
 * @example
 * ```ts
 * import { resolveSettings } from "@libmaas/client";
 * try {
 *   const settings = await resolveSettings({ env: { MAAS_URL: "http://maas:5240/MAAS/" } });
 *   console.log(settings.describe());
 * } catch (error) {
 *   console.error((error as Error).message);
 * }
 * ```
 */
export class Settings {
  /** The API root URL. */
  readonly url: string;
  /** The API key, or `null` (anonymous, or a username and password still to be exchanged). */
  readonly credentials: Credentials | null;
  /** The username to log in with, when no API key was given. */
  readonly username: string | null;
  /** TLS options, when any were given. */
  readonly tls: TlsOptions | undefined;
  /** The profile the settings came from, if any. */
  readonly profile: Profile | null;
  /** Which place named the server. */
  readonly source: SettingsSource;
  /** Where each setting came from. */
  readonly origins: SettingsOrigins;
  #password: string | null;

  /** Makes settings; {@linkcode resolveSettings} is the usual way. */
  constructor(init: {
    url: string;
    credentials?: Credentials | null;
    username?: string | null;
    password?: string | null;
    tls?: TlsOptions;
    profile?: Profile | null;
    source: SettingsSource;
    origins: SettingsOrigins;
  }) {
    this.url = parseMaasUrl(init.url).apiUrl;
    this.credentials = init.credentials ?? null;
    this.username = init.username ?? null;
    this.#password = init.password ?? null;
    this.tls = init.tls && (init.tls.caCert || init.tls.insecure) ? init.tls : undefined;
    this.profile = init.profile ?? null;
    this.source = init.source;
    this.origins = init.origins;
  }

  /** The password to log in with (only when a username was given). Handle with care. */
  get password(): string | null {
    return this.#password;
  }

  /** Whether requests will be unsigned. */
  get isAnonymous(): boolean {
    return this.credentials === null && this.username === null;
  }

  /**
   * One line for a banner: the server and where it and the credentials came from. Never a
   * secret.
   */
  describe(): string {
    const { credentials: keyOrUser, password } = this.origins;
    const how = this.credentials
      ? `API key ${this.credentials.toRedactedString()} from ${keyOrUser}`
      : this.username
      ? password === keyOrUser || !password
        ? `user ${this.username} and password from ${keyOrUser}`
        : `user ${this.username} from ${keyOrUser}, password from ${password}`
      : "anonymous";
    const tls = this.tls?.insecure
      ? ", TLS verification off"
      : this.tls?.caCert
      ? `, CA from ${this.origins.tls}`
      : "";
    return `${redactUrl(this.url)} from ${this.origins.server}; ${how}${tls}`;
  }

  /** The same as {@linkcode Settings.describe}. */
  toString(): string {
    return `Settings(${this.describe()})`;
  }

  /** `JSON.stringify` gets the URL and where things came from, never credentials. */
  toJSON(): { url: string; source: SettingsSource; origins: SettingsOrigins; anonymous: boolean } {
    return {
      url: this.url,
      source: this.source,
      origins: this.origins,
      anonymous: this.isAnonymous,
    };
  }

  /** Deno's inspector shows the short form. */
  [INSPECT_DENO](): string {
    return this.toString();
  }

  /** Node's and Bun's inspectors show the short form. */
  [INSPECT_NODE](): string {
    return this.toString();
  }
}

/**
 * Parses the text of a `.env` file: `NAME=value` lines, optionally after `export `, values bare
 * (a ` #` starts a comment), in single quotes (taken as they are) or in double quotes (with
 * `\n`, `\t`, `\"` and `\\` escapes, and newlines allowed inside). Blank lines and `#` comments
 * are skipped; other lines raise a {@linkcode ParameterError} naming the line number.
 *
 * @example
 * ```ts
 * import { parseEnvFile } from "@libmaas/client";
 * console.log(parseEnvFile('MAAS_URL=http://maas:5240/MAAS/\nexport MAAS_INSECURE="1"\n'));
 * ```
 */
export function parseEnvFile(text: string, source = ".env file"): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const line = lines[index].trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      throw new ParameterError(
        `${source}, line ${lineNumber}: expected NAME=value (a line of another form is there)`,
      );
    }
    const [, name, rest] = match;
    let value: string;
    if (rest.startsWith("'")) {
      const end = rest.indexOf("'", 1);
      if (end < 0) {
        throw new ParameterError(
          `${source}, line ${lineNumber}: the quote of ${name} is not closed`,
        );
      }
      value = rest.slice(1, end);
    } else if (rest.startsWith('"')) {
      let body = rest.slice(1);
      let end = closingQuote(body);
      while (end < 0 && index + 1 < lines.length) {
        body += "\n" + lines[++index];
        end = closingQuote(body);
      }
      if (end < 0) {
        throw new ParameterError(
          `${source}, line ${lineNumber}: the quote of ${name} is not closed`,
        );
      }
      value = body.slice(0, end).replace(
        /\\(.)/g,
        (_, c: string) => c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c,
      );
    } else {
      value = rest.replace(/\s+#.*$/, "").trim();
    }
    values[name] = value;
  }
  return values;
}

function closingQuote(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/** `1/true/yes/on` → true, `0/false/no/off/""` → false, as MAAS reads booleans. */
function parseBoolean(value: string | undefined, where: string): boolean | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(text)) return true;
  if (["", "0", "false", "no", "off"].includes(text)) return false;
  throw new ParameterError(`${where} must be true or false (1/0, yes/no, on/off)`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function layerFromVariables(
  vars: Environment,
  source: "environment" | "env-file",
  label: (name: string) => string,
): Layer {
  return {
    source,
    where: {
      url: label("MAAS_URL"),
      apikey: label("MAAS_APIKEY"),
      apikeyFile: label("MAAS_APIKEY_FILE"),
      username: label("MAAS_USERNAME"),
      password: label("MAAS_PASSWORD"),
      profile: label("MAAS_PROFILE"),
      insecure: label("MAAS_INSECURE"),
      caCert: label("MAAS_CA_CERT"),
    },
    url: nonEmpty(vars.MAAS_URL),
    apikey: nonEmpty(vars.MAAS_APIKEY),
    apikeyFile: nonEmpty(vars.MAAS_APIKEY_FILE),
    username: nonEmpty(vars.MAAS_USERNAME),
    password: vars.MAAS_PASSWORD === "" ? undefined : vars.MAAS_PASSWORD,
    profile: nonEmpty(vars.MAAS_PROFILE),
    insecure: parseBoolean(vars.MAAS_INSECURE, label("MAAS_INSECURE")),
    caCert: nonEmpty(vars.MAAS_CA_CERT),
  };
}

function sameServer(a: string, b: string): boolean {
  try {
    return parseMaasUrl(a).apiUrl === parseMaasUrl(b).apiUrl;
  } catch {
    return false;
  }
}

function isTerminalInput(): boolean {
  const process = (globalThis as { process?: { stdin?: { isTTY?: boolean } } }).process;
  try {
    return process?.stdin?.isTTY === true;
  } catch {
    return false;
  }
}

async function readTextFile(file: string): Promise<string | null> {
  const fs = await import("node:fs/promises");
  try {
    return await fs.readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || (error as Error).name === "NotFound") return null;
    throw error;
  }
}

/**
 * Finds the connection settings: flags, then the environment, then a `.env` file, then the
 * default saved profile, then (only when standard input is a terminal and a prompter is given)
 * prompts. When no place names a server, raises {@linkcode NoServerError} listing every place
 * looked at and how to give one.
 *
 * @example
 * ```ts
 * import { NoServerError, resolveSettings } from "@libmaas/client";
 * try {
 *   const settings = await resolveSettings();
 *   console.log(`using ${settings.describe()}`);
 * } catch (error) {
 *   if (error instanceof NoServerError) console.error(error.message);
 * }
 * ```
 */
export async function resolveSettings(options: ResolveOptions = {}): Promise<Settings> {
  const flags = options.flags ?? {};
  const env = options.env ?? processEnvironment();
  const path = await import("node:path");
  const process = (globalThis as { process?: { cwd?: () => string } }).process;
  const cwd = options.cwd ?? process?.cwd?.() ?? ".";
  const store = options.store ?? new ProfileStore({ env });
  const searched: string[] = [];

  if (flags.password !== undefined && !flags.username) {
    throw new PasswordWithoutUsername(
      "A password was given without --username; give both, or an API key with --apikey.",
    );
  }
  const flagLayer: Layer = {
    source: "flags",
    where: {
      url: "--url flag",
      apikey: flags.stdin === "apikey" ? "standard input (--apikey -)" : "--apikey flag",
      apikeyFile: "--apikey-file flag",
      username: "--username flag",
      password: flags.stdin === "password"
        ? "standard input (--password-stdin)"
        : "the password given with the flags",
      profile: "--profile flag",
      insecure: "--insecure flag",
      caCert: "--ca-cert flag",
    },
    url: nonEmpty(flags.url),
    apikey: nonEmpty(flags.apikey),
    apikeyFile: nonEmpty(flags.apikeyFile),
    username: nonEmpty(flags.username),
    password: flags.password,
    profile: nonEmpty(flags.profile),
    insecure: flags.insecure || undefined,
    caCert: nonEmpty(flags.caCert),
  };
  const envLayer = layerFromVariables(env, "environment", (name) => name);

  const envFile = flags.envFile;
  const envFilePath = path.resolve(cwd, envFile ?? ".env");
  const envText = await readTextFile(envFilePath);
  if (envText === null && envFile !== undefined) {
    throw new ParameterError(`The env file ${envFilePath} (from --env-file) does not exist.`);
  }
  const fileLayer = envText === null ? null : layerFromVariables(
    parseEnvFile(envText, envFilePath),
    "env-file",
    (name) => `${name} in ${envFilePath}`,
  );

  const layers: Layer[] = [flagLayer, envLayer, ...(fileLayer ? [fileLayer] : [])];
  for (const layer of layers) {
    if (layer.url && layer.profile) {
      throw new ParameterError(
        `Both a URL (${layer.where.url}) and a profile (${layer.where.profile}) were given; ` +
          "give one of them.",
      );
    }
    if (layer.apikey && layer.apikeyFile) {
      throw new ParameterError(
        `Both an API key (${layer.where.apikey}) and an API key file ` +
          `(${layer.where.apikeyFile}) were given; give one of them.`,
      );
    }
  }

  searched.push(
    `flags --url and --profile (${flagLayer.url || flagLayer.profile ? "given" : "not given"})`,
  );
  searched.push(
    `environment variables MAAS_URL and MAAS_PROFILE (${
      envLayer.url || envLayer.profile ? "set" : "not set"
    })`,
  );
  searched.push(
    envText === null
      ? `${envFilePath} (no such file)`
      : `${envFilePath} (${
        fileLayer?.url || fileLayer?.profile ? "used" : "has no MAAS_URL or MAAS_PROFILE"
      })`,
  );

  let deciding = layers.find((layer) => layer.url || layer.profile);
  let profile: Profile | null = null;
  let serverWhere: string;
  if (deciding?.profile) {
    profile = await store.load(deciding.profile);
    serverWhere = `profile ${profile.name} (${deciding.where.profile})`;
  } else if (deciding?.url) {
    serverWhere = deciding.where.url;
  } else {
    const places = await store.places();
    const defaultName = await store.defaultName();
    if (defaultName !== null) {
      profile = await store.load(defaultName);
      serverWhere = `profile ${profile.name} (the default)`;
      deciding = profileLayer(profile, serverWhere);
      layers.push(deciding);
    } else {
      const names = await store.names();
      searched.push(
        `the default profile in ${places.libmaas}` +
          `${places.maasCli ? `, ${places.maasCli}` : ""}` +
          `${places.pythonLibmaas ? `, ${places.pythonLibmaas}` : ""} (${
            names.length
              ? `none is the default; saved: ${names.join(", ")} — pick one with --profile NAME ` +
                "or `repl.ts switch NAME`"
              : "no profiles saved"
          })`,
      );
      serverWhere = "";
    }
  }

  if (!deciding) {
    const terminal = options.isTerminal ?? isTerminalInput();
    if (options.prompter && terminal) {
      return await promptForEverything(options.prompter, flagLayer, cwd);
    }
    searched.push(
      options.prompter
        ? "interactive prompts (skipped: standard input is not a terminal)"
        : "interactive prompts (not offered here; the REPL asks when run in a terminal)",
    );
    throw new NoServerError(searched);
  }

  const url = profile ? profile.url : deciding.url as string;
  // A place's own profile stands in that place's position: its key beats keys given lower down,
  // and a key given in that same place beats the profile's.
  const chain: Layer[] = [];
  for (const layer of layers) {
    chain.push(layer);
    if (layer === deciding && profile && !layer.loaded) {
      chain.push(profileLayer(profile, serverWhere));
    }
  }
  const applies = (layer: Layer) =>
    !(layer.url && !sameServer(layer.url, url)) && !(layer.profile && layer !== deciding);

  let credentials: Credentials | null = null;
  let username: string | null = null;
  let password: string | null = null;
  let credentialsWhere: string | null = null;
  let passwordWhere: string | null = null;
  for (const layer of chain) {
    if (!applies(layer)) continue;
    if (layer.loaded) {
      if (layer.loaded.credentials) {
        credentials = layer.loaded.credentials;
        credentialsWhere = serverWhere;
        break;
      }
      continue;
    }
    if (layer.apikey) {
      credentials = Credentials.parse(layer.apikey);
      credentialsWhere = layer.where.apikey;
      break;
    }
    if (layer.apikeyFile) {
      const file = path.resolve(cwd, layer.apikeyFile);
      credentials = await readApiKeyFile(file, layer.where.apikeyFile);
      credentialsWhere = `${layer.where.apikeyFile} (${file})`;
      break;
    }
    if (layer.username) {
      username = layer.username;
      password = layer.password ?? null;
      credentialsWhere = layer.where.username;
      if (password !== null) passwordWhere = layer.where.password;
      break;
    }
    const inUrl = layer.url ? parseMaasUrl(layer.url) : null;
    if (inUrl?.username) {
      username = inUrl.username;
      password = inUrl.password;
      credentialsWhere = `${layer.where.url} (user in the URL)`;
      if (password !== null) passwordWhere = credentialsWhere;
      break;
    }
    if (layer.password !== undefined) {
      throw new PasswordWithoutUsername(
        `A password was given (${layer.source}) without a username; set MAAS_USERNAME too.`,
      );
    }
  }

  if (username !== null && password === null) {
    const terminal = options.isTerminal ?? isTerminalInput();
    if (options.prompter && terminal) {
      password = await ask(options.prompter.password(`Password for ${username}`));
      passwordWhere = "the prompt";
    } else {
      throw new UsernameWithoutPassword(
        `A username (${username}, from ${credentialsWhere}) was given without a password: ` +
          "use --password-stdin, set MAAS_PASSWORD, or run in a terminal to be asked.",
      );
    }
  }

  let insecure: boolean | undefined;
  let caCert: string | undefined;
  let tlsWhere: string | null = null;
  for (const layer of chain) {
    if (!applies(layer)) continue;
    const layerInsecure = layer.loaded ? (layer.loaded.tls?.insecure || undefined) : layer.insecure;
    if (insecure === undefined && layerInsecure !== undefined) {
      insecure = layerInsecure;
      if (insecure) tlsWhere ??= layer.loaded ? serverWhere : layer.where.insecure;
    }
    if (caCert !== undefined) continue;
    if (layer.loaded?.tls?.caCert) {
      caCert = layer.loaded.tls.caCert;
      tlsWhere ??= serverWhere;
    } else if (layer.caCert) {
      const pem = await readTextFile(path.resolve(cwd, layer.caCert));
      if (pem === null) {
        throw new ParameterError(
          `The CA certificate file ${layer.caCert} (${layer.where.caCert}) does not exist.`,
        );
      }
      caCert = pem;
      tlsWhere ??= `${layer.where.caCert} (${layer.caCert})`;
    }
  }
  const tls: TlsOptions | undefined = insecure || caCert
    ? { ...(caCert ? { caCert } : {}), ...(insecure ? { insecure } : {}) }
    : undefined;

  return new Settings({
    url,
    credentials,
    username,
    password,
    tls,
    profile,
    source: deciding.source,
    origins: {
      server: serverWhere,
      credentials: credentialsWhere,
      password: passwordWhere,
      tls: tlsWhere,
    },
  });
}

/** The shape of an API key, checked before the key is used (the key itself is never shown). */
const API_KEY_SHAPE = /^[^:\s]+:[^:\s]+:[^:\s]+$/;

/**
 * Reads an API key file: one line `consumer_key:token_key:token_secret`, private to its owner.
 * Every message names the file (and `where` it was named) and what is wrong with it, never what
 * it holds.
 *
 * @example
 * ```ts
 * import { readApiKeyFile } from "./settings.ts";
 * const credentials = await readApiKeyFile("/home/me/.maas.key", "--apikey-file flag");
 * console.log(credentials.toRedactedString());
 * ```
 */
export async function readApiKeyFile(file: string, where: string): Promise<Credentials> {
  const fs = await import("node:fs/promises");
  const os = await import("node:os");
  const named = `The API key file ${file} (${where})`;
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new ParameterError(`${named} is a directory, not a file.`);
    if (os.platform() !== "win32" && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(3, "0");
      throw new ParameterError(
        `${named} can be ${(stat.mode & 0o022) !== 0 ? "changed" : "read"} by other users ` +
          `(mode ${mode}); an API key must be private. If the file is yours: chmod 600 ${file}`,
      );
    }
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if (error instanceof ParameterError) throw error;
    const code = (error as { code?: string }).code ?? (error as Error).name;
    if (code === "ENOENT" || code === "NotFound") {
      throw new ParameterError(`${named} does not exist.`);
    }
    if (code === "EACCES" || code === "PermissionDenied") {
      throw new ParameterError(`${named} cannot be read: permission denied.`);
    }
    throw new ParameterError(`${named} cannot be read (${code}).`, { cause: error });
  }
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).map((line) => line.trim()).filter(
    (line) => line !== "",
  );
  if (lines.length === 0) throw new ParameterError(`${named} is empty.`);
  if (lines.length > 1 || !API_KEY_SHAPE.test(lines[0])) {
    throw new ParameterError(
      `${named} does not hold an API key: expected one line of the form ` +
        "consumer_key:token_key:token_secret, as `maas apikey --username NAME` prints it.",
    );
  }
  return Credentials.parse(lines[0]);
}

function profileLayer(profile: Profile, where: string): Layer {
  return {
    source: "profile",
    where: {
      url: where,
      apikey: where,
      apikeyFile: where,
      username: where,
      password: where,
      profile: where,
      insecure: where,
      caCert: where,
    },
    loaded: profile,
  };
}

async function ask<T>(answer: Promise<T | null>): Promise<T> {
  const value = await answer;
  if (value === null) throw new ParameterError("Cancelled: nothing was entered.");
  return value;
}

/**
 * Checks the shape of an API key typed at a prompt; returns what is wrong, or `undefined`.
 *
 * @example
 * ```ts
 * import { apiKeyComplaint } from "./settings.ts";
 * console.log(apiKeyComplaint("abc")); // says what an API key looks like
 * ```
 */
export function apiKeyComplaint(value: string): string | undefined {
  return API_KEY_SHAPE.test(value.trim())
    ? undefined
    : "An API key has three parts: consumer_key:token_key:token_secret " +
      "(the web UI's preferences page, or `maas apikey --username NAME`).";
}

async function promptForEverything(
  prompter: Prompter,
  flags: Layer,
  cwd: string,
): Promise<Settings> {
  const path = await import("node:path");
  const url = await ask(prompter.text("MAAS URL", {
    placeholder: "http://maas.example.com:5240/MAAS/",
    validate: (value) => {
      try {
        parseMaasUrl(value);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  }));
  let credentials: Credentials | null = null;
  let username: string | null = null;
  let password: string | null = null;
  let credentialsWhere: string | null = "the prompt";
  let passwordWhere: string | null = null;
  if (flags.apikey) {
    credentials = Credentials.parse(flags.apikey);
    credentialsWhere = flags.where.apikey;
  } else if (flags.apikeyFile) {
    const file = path.resolve(cwd, flags.apikeyFile);
    credentials = await readApiKeyFile(file, flags.where.apikeyFile);
    credentialsWhere = `${flags.where.apikeyFile} (${file})`;
  } else if (flags.username) {
    username = flags.username;
    credentialsWhere = flags.where.username;
    if (flags.password !== undefined) {
      password = flags.password;
      passwordWhere = flags.where.password;
    } else {
      password = await ask(prompter.password(`Password for ${username}`));
      passwordWhere = "the prompt";
    }
  } else {
    const method = await ask(prompter.select("How do you sign in?", [
      { value: "apikey", label: "API key", hint: "from the web UI or `maas apikey`" },
      { value: "password", label: "Username and password" },
      { value: "anonymous", label: "Anonymously", hint: "read-only, few endpoints" },
    ]));
    if (method === "apikey") {
      credentials = Credentials.parse(
        (await ask(prompter.password("API key", { validate: apiKeyComplaint }))).trim(),
      );
    } else if (method === "password") {
      username = await ask(prompter.text("Username"));
      password = await ask(prompter.password(`Password for ${username}`));
      passwordWhere = "the prompt";
    } else {
      credentialsWhere = null;
    }
  }
  let caCert: string | undefined;
  if (flags.caCert) {
    const pem = await readTextFile(path.resolve(cwd, flags.caCert));
    if (pem === null) {
      throw new ParameterError(
        `The CA certificate file ${flags.caCert} (--ca-cert flag) does not exist.`,
      );
    }
    caCert = pem;
  }
  const tls = flags.insecure || caCert
    ? { ...(caCert ? { caCert } : {}), ...(flags.insecure ? { insecure: true } : {}) }
    : undefined;
  return new Settings({
    url,
    credentials,
    username,
    password,
    tls,
    source: "prompt",
    origins: {
      server: "the prompt",
      credentials: credentialsWhere,
      password: passwordWhere,
      tls: flags.insecure ? "--insecure flag" : caCert ? "--ca-cert flag" : null,
    },
  });
}

/** Transport settings that can be written down: the ones a {@linkcode ClientRecord} keeps. */
export type SerialisableTransportOptions = Pick<
  TransportOptions,
  | "timeout"
  | "retries"
  | "maxRetryWait"
  | "connectionRetryDelay"
  | "concurrency"
  | "maxResponseBytes"
  | "userAgent"
  | "tls"
>;

/**
 * A client written down: what {@linkcode Client.export} gives and {@linkcode Client.resume}
 * takes. Plain JSON. The token secret is in it only when the export asked for it
 * (`includeSecret: true`); otherwise `credentials.tokenSecret` is absent and resuming needs the
 * key from elsewhere (a profile, the environment, a secret store). Functions and signals given to
 * the transport (`fetch`, `signal`, `debug`) cannot be written down: pass them again to resume.
 */
export interface ClientRecord {
  /** Marks the record's kind. */
  kind: "libmaas-client";
  /** The record's format version. */
  version: 1;
  /** The API root URL. */
  url: string;
  /** The key's public parts, and its secret only when asked for; `null` for anonymous. */
  credentials: { consumerKey: string; tokenKey: string; tokenSecret?: string } | null;
  /** The transport settings that can be written down. */
  settings: SerialisableTransportOptions;
  /** The API hash last seen from the server (or of the profile's cached description). */
  descriptionHash: string | null;
  /** The profile the client was made from, if any: where the secret can be found again. */
  profile: string | null;
}

/**
 * Keeps only the settings a record can hold (numbers, text and TLS options).
 *
 * @example
 * ```ts
 * import { serialisableOptions } from "./settings.ts";
 * console.log(serialisableOptions({ timeout: 5000, fetch })); // { timeout: 5000 }
 * ```
 */
export function serialisableOptions(options: TransportOptions): SerialisableTransportOptions {
  const out: SerialisableTransportOptions = {};
  for (
    const key of [
      "timeout",
      "retries",
      "maxRetryWait",
      "connectionRetryDelay",
      "concurrency",
      "maxResponseBytes",
    ] as const
  ) {
    if (typeof options[key] === "number") out[key] = options[key];
  }
  if (typeof options.userAgent === "string") out.userAgent = options.userAgent;
  if (options.tls && (options.tls.caCert || options.tls.insecure)) {
    out.tls = {};
    if (options.tls.caCert) out.tls.caCert = options.tls.caCert;
    if (options.tls.insecure) out.tls.insecure = true;
  }
  return out;
}

/**
 * Checks that `value` is a {@linkcode ClientRecord} and returns the credentials it stands for:
 * those in the record, or `apikey` when the record holds no secret (its public parts must match).
 *
 * @example
 * ```ts
 * import { credentialsOfRecord } from "./settings.ts";
 * const record = {
 *   kind: "libmaas-client", version: 1, url: "http://maas:5240/MAAS/api/2.0/",
 *   credentials: { consumerKey: "ck", tokenKey: "tk" }, settings: {}, descriptionHash: null,
 *   profile: null,
 * } as const;
 * console.log(credentialsOfRecord(record, "ck:tk:ts").credentials?.tokenKey); // tk
 * ```
 */
export function credentialsOfRecord(
  value: unknown,
  apikey?: string | Credentials | null,
): { record: ClientRecord; credentials: Credentials | null } {
  const bad = (what: string): never => {
    throw new ParameterError(`Not a client record made by Client.export(): ${what}`);
  };
  if (!value || typeof value !== "object" || Array.isArray(value)) bad("expected an object");
  const record = value as ClientRecord;
  if (record.kind !== "libmaas-client") bad("its kind is not libmaas-client");
  if (record.version !== 1) bad(`version ${String(record.version)} is not known`);
  if (typeof record.url !== "string") bad("it has no URL");
  if (record.settings !== undefined && (typeof record.settings !== "object" || !record.settings)) {
    bad("its settings are not an object");
  }
  const given = apikey === undefined || apikey === null || apikey === ""
    ? null
    : apikey instanceof Credentials
    ? apikey
    : Credentials.parse(apikey);
  const held = record.credentials;
  if (held === null || held === undefined) {
    if (given) bad("it is anonymous, but an API key was given");
    return { record, credentials: null };
  }
  if (typeof held.consumerKey !== "string" || typeof held.tokenKey !== "string") {
    bad("its credentials have no consumer key and token key");
  }
  if (given) {
    if (given.consumerKey !== held.consumerKey || given.tokenKey !== held.tokenKey) {
      throw new ParameterError(
        `The API key given is not the one the record was exported with (${held.consumerKey}:` +
          `${held.tokenKey}:…).`,
      );
    }
    return { record, credentials: given };
  }
  if (typeof held.tokenSecret === "string" && held.tokenSecret !== "") {
    return {
      record,
      credentials: new Credentials(held.consumerKey, held.tokenKey, held.tokenSecret),
    };
  }
  throw new ParameterError(
    `The record holds no token secret (it was exported without includeSecret). Pass the key: ` +
      `Client.resume(record, { apikey })` +
      (record.profile ? `, for example from the profile ${JSON.stringify(record.profile)}.` : "."),
  );
}
