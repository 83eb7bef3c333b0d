/**
 * Profiles: a named MAAS connection (URL, credentials, TLS settings and the cached describe
 * document), saved under the user's configuration directory, plus read-only access to the
 * profiles that the official `maas` CLI (`~/.maascli.db`) and python-libmaas (`~/.maas.db`) keep.
 *
 * Files are owner-only (0600 in a 0700 directory), written to a temporary file and renamed into
 * place (a crash mid-write leaves the previous file whole), one file per profile, and every change
 * is made under a lock file so that processes saving at the same time lose nothing.
 *
 * @module
 */

import { Credentials } from "./auth.ts";
import { type Description, fetchDescription, validateDescription } from "./description.ts";
import { ParameterError, ProfileError, ProfileNotFound } from "./errors.ts";
import type { TlsOptions } from "./runtime.ts";
import type { Transport } from "./transport.ts";
import { parseMaasUrl } from "./url.ts";

/**
 * A named connection to one MAAS: where it is, how to sign in, and what its API looks like.
 *
 * @example
 * ```ts
 * import { type Profile, SessionAPI } from "@libmaas/client";
 * function sessionOf(profile: Profile): SessionAPI {
 *   return SessionAPI.fromProfile(profile);
 * }
 * ```
 */
export interface Profile {
  /** The profile's name. */
  name: string;
  /** The API root URL, e.g. `http://maas:5240/MAAS/api/2.0/`. */
  url: string;
  /** The API key, or `null` for anonymous access. */
  credentials: Credentials | null;
  /** The cached describe document. */
  description: Description;
  /** TLS settings used with this server. */
  tls?: TlsOptions;
  /** The user the API key belongs to, when it was checked at login. */
  username?: string;
}

/** Where a profile was found. */
export type ProfileOrigin = "libmaas" | "maas-cli" | "python-libmaas";

/** What `repl.ts profiles` shows of a profile: never its credentials. */
export interface ProfileSummary {
  /** The profile's name. */
  name: string;
  /** The API root URL. */
  url: string;
  /** The user the key belongs to, when known. */
  username: string | null;
  /** Whether the key is absent (anonymous profile). */
  anonymous: boolean;
  /** Whether this is the default profile. */
  isDefault: boolean;
  /** Which program saved it. */
  origin: ProfileOrigin;
  /** The file it lives in. */
  path: string;
}

/** Environment variables as the library reads them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Options of {@linkcode ProfileStore}. */
export interface ProfileStoreOptions {
  /** The directory profiles are saved in (default: {@linkcode configDir}). */
  dir?: string;
  /** Environment used to find the directories (default: the process environment). */
  env?: Environment;
  /** The `maas` CLI's database; `null` to ignore it (default `~/.maascli.db`). */
  maasCliDb?: string | null;
  /** python-libmaas's database; `null` to ignore it (default `~/.maas.db`). */
  pythonLibmaasDb?: string | null;
  /** How long to wait for another process's lock before giving up, in ms (default 15 000). */
  lockTimeout?: number;
}

const FILE_FORMAT = "libmaas-profile";
const DEFAULT_FILE = "default-profile";
const LOCK_FILE = ".lock";
const PROFILES_DIR = "profiles";
const STALE_LOCK_MS = 10_000;
const EMPTY_DESCRIPTION: Description = { doc: "MAAS API", hash: "", resources: [] };

type FsPromises = typeof import("node:fs/promises");
type PathModule = typeof import("node:path");

let modules:
  | Promise<{ fs: FsPromises; path: PathModule; os: typeof import("node:os") }>
  | undefined;

function nodeModules(): Promise<{
  fs: FsPromises;
  path: PathModule;
  os: typeof import("node:os");
}> {
  return modules ??= Promise.all([
    import("node:fs/promises"),
    import("node:path"),
    import("node:os"),
  ]).then(([fs, path, os]) => ({ fs, path, os }));
}

/**
 * Reads the process environment without failing where the runtime forbids it (Deno without
 * `--allow-env`): a variable that may not be read counts as unset.
 *
 * @example
 * ```ts
 * import { processEnvironment } from "./profiles.ts";
 * console.log(processEnvironment().MAAS_URL ?? "MAAS_URL is not set");
 * ```
 */
export function processEnvironment(): Environment {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } })
    .process;
  const env = process?.env;
  if (!env) return {};
  return new Proxy({}, {
    get(_, name) {
      if (typeof name !== "string") return undefined;
      try {
        return env[name];
      } catch {
        return undefined;
      }
    },
  }) as Environment;
}

function homeDirectory(env: Environment, os: typeof import("node:os")): string {
  const fromEnv = env.HOME ?? env.USERPROFILE;
  if (fromEnv) return fromEnv;
  try {
    return os.homedir();
  } catch {
    throw new ParameterError(
      "The home directory is unknown: set HOME, or LIBMAAS_CONFIG_DIR for where profiles live.",
    );
  }
}

/**
 * The directory this library keeps its profiles and REPL history in: `LIBMAAS_CONFIG_DIR` when
 * set, else `$XDG_CONFIG_HOME/libmaas`, else `~/.config/libmaas` (`%APPDATA%\libmaas` on Windows).
 *
 * @example
 * ```ts
 * import { configDir } from "@libmaas/client";
 * console.log(await configDir({ LIBMAAS_CONFIG_DIR: "/tmp/libmaas-test" }));
 * ```
 */
export async function configDir(env: Environment = processEnvironment()): Promise<string> {
  const { path, os } = await nodeModules();
  if (env.LIBMAAS_CONFIG_DIR) return path.resolve(env.LIBMAAS_CONFIG_DIR);
  if (env.XDG_CONFIG_HOME) return path.join(path.resolve(env.XDG_CONFIG_HOME), "libmaas");
  if (os.platform() === "win32" && env.APPDATA) return path.join(env.APPDATA, "libmaas");
  return path.join(homeDirectory(env, os), ".config", "libmaas");
}

function checkName(name: unknown): string {
  if (typeof name !== "string" || name.trim() === "" || name.length > 200) {
    throw new ParameterError("A profile name must be non-empty text of at most 200 characters.");
  }
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c === "\u007f")) {
    throw new ParameterError("A profile name cannot contain control characters.");
  }
  return name;
}

function fileNameOf(name: string): string {
  // encodeURIComponent leaves "." alone, so "." and ".." need their own escape.
  const encoded = encodeURIComponent(name).replace(/^\./, "%2E");
  return `${encoded}.json`;
}

function nameOfFile(file: string): string | null {
  if (!file.endsWith(".json") || file.startsWith(".")) return null;
  try {
    return decodeURIComponent(file.slice(0, -5));
  } catch {
    return null;
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string") return code;
  const name = (error as { name?: unknown })?.name;
  return name === "NotFound" ? "ENOENT" : name === "AlreadyExists" ? "EEXIST" : undefined;
}

/**
 * Refuses a file or directory other users can write: whoever can change it can point your API key
 * at a server of their choosing. Windows has no such mode bits, so nothing is checked there.
 */
async function checkPrivate(file: string, kind: "file" | "directory"): Promise<boolean> {
  const { fs, os } = await nodeModules();
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw new ProfileError(`Cannot read ${file}: ${(error as Error).message}`, file, {
      cause: error,
    });
  }
  if (os.platform() !== "win32" && (stat.mode & 0o022) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(3, "0");
    throw new ProfileError(
      `Refusing to read ${file}: other users can write to it (mode ${mode}), so it cannot be ` +
        `trusted with an API key. If it is yours, fix it with: chmod ${
          kind === "file" ? "600" : "700"
        } ${file}`,
      file,
    );
  }
  return true;
}

interface StoredProfile {
  format: typeof FILE_FORMAT;
  version: 1;
  name: string;
  url: string;
  credentials: string | null;
  username?: string;
  tls?: TlsOptions;
  description: Description;
  savedAt: string;
}

function toStored(profile: Profile): StoredProfile {
  const stored: StoredProfile = {
    format: FILE_FORMAT,
    version: 1,
    name: profile.name,
    url: parseMaasUrl(profile.url).apiUrl,
    credentials: profile.credentials ? profile.credentials.toString() : null,
    description: profile.description,
    savedAt: new Date().toISOString(),
  };
  if (profile.username) stored.username = profile.username;
  if (profile.tls && (profile.tls.caCert || profile.tls.insecure)) {
    stored.tls = {};
    if (profile.tls.caCert) stored.tls.caCert = profile.tls.caCert;
    if (profile.tls.insecure) stored.tls.insecure = true;
  }
  return stored;
}

function fromStored(value: unknown, file: string): Profile {
  const bad = (what: string): never => {
    throw new ProfileError(
      `${file} is not a usable profile (${what}). Remove it, or save it again with ` +
        "`repl.ts login`.",
      file,
    );
  };
  if (!value || typeof value !== "object" || Array.isArray(value)) bad("not a JSON object");
  const data = value as Record<string, unknown>;
  if (data.format !== FILE_FORMAT) bad("not written by this library");
  if (typeof data.name !== "string" || data.name === "") bad("no name");
  if (typeof data.url !== "string") bad("no URL");
  let url: string;
  try {
    url = parseMaasUrl(data.url as string).apiUrl;
  } catch {
    return bad("its URL is not valid");
  }
  const credentials = parseStoredCredentials(data.credentials, bad);
  let description: Description;
  try {
    description = validateDescription(data.description ?? EMPTY_DESCRIPTION, `The profile ${file}`);
  } catch (error) {
    return bad((error as Error).message);
  }
  const profile: Profile = { name: data.name as string, url, credentials, description };
  if (typeof data.username === "string") profile.username = data.username;
  const tls = data.tls as Record<string, unknown> | undefined;
  if (tls && typeof tls === "object") {
    profile.tls = {};
    if (typeof tls.caCert === "string") profile.tls.caCert = tls.caCert;
    if (tls.insecure === true) profile.tls.insecure = true;
  }
  return profile;
}

/** Credentials as the three programs store them: key text, a list of three parts, or null. */
function parseStoredCredentials(
  value: unknown,
  bad: (what: string) => never,
): Credentials | null {
  if (value === null || value === undefined || value === "") return null;
  try {
    if (typeof value === "string") return Credentials.parse(value);
    if (Array.isArray(value) && value.length === 3 && value.every((p) => typeof p === "string")) {
      return new Credentials(value[0], value[1], value[2]);
    }
  } catch {
    // Fall through: the message below must not repeat what was stored.
  }
  return bad("its API key is not of the form consumer_key:token_key:token_secret");
}

interface ForeignEntry {
  name: string;
  origin: Exclude<ProfileOrigin, "libmaas">;
  path: string;
  selected: boolean;
  profile: Profile | null;
  error: ProfileError | null;
}

interface SqliteRow {
  name: unknown;
  data: unknown;
  selected?: unknown;
}

/**
 * Reads the profiles of a `maas` CLI or python-libmaas SQLite database, read-only: the file is
 * never changed. Both keep a table `profiles (id, name, data)` where `data` is JSON with `url`,
 * `credentials` (a list of the three key parts, or null) and `description`; the maas CLI adds
 * `cacerts` (PEM text) and python-libmaas a `selected` column marking its default profile.
 */
async function readSqlite(
  file: string,
  origin: Exclude<ProfileOrigin, "libmaas">,
): Promise<ForeignEntry[]> {
  if (!(await checkPrivate(file, "file"))) return [];
  let sqlite: typeof import("node:sqlite");
  try {
    sqlite = await import("node:sqlite");
  } catch (cause) {
    throw new ProfileError(
      `Cannot read ${file}: this runtime has no node:sqlite module (Deno 2.2+, Node 22.5+).`,
      file,
      { cause },
    );
  }
  let db: InstanceType<typeof sqlite.DatabaseSync>;
  try {
    db = new sqlite.DatabaseSync(file, { readOnly: true });
  } catch (cause) {
    throw new ProfileError(`Cannot open ${file} as an SQLite database.`, file, { cause });
  }
  try {
    const columns = db.prepare("PRAGMA table_info(profiles)").all() as { name: string }[];
    if (columns.length === 0) return [];
    const hasSelected = columns.some((c) => c.name === "selected");
    const rows = db.prepare(
      `SELECT name, data${hasSelected ? ", selected" : ""} FROM profiles ORDER BY name`,
    ).all() as unknown as SqliteRow[];
    const entries: ForeignEntry[] = [];
    const decoder = new TextDecoder();
    for (const row of rows) {
      if (typeof row.name !== "string") continue;
      const entry: ForeignEntry = {
        name: row.name,
        origin,
        path: file,
        selected: Boolean(row.selected),
        profile: null,
        error: null,
      };
      try {
        const text = row.data instanceof Uint8Array ? decoder.decode(row.data) : row.data;
        if (typeof text !== "string" || text === "") continue;
        entry.profile = foreignProfile(row.name, JSON.parse(text), file);
      } catch (error) {
        entry.error = error instanceof ProfileError ? error : new ProfileError(
          `The profile ${JSON.stringify(row.name)} in ${file} is not valid JSON.`,
          file,
          { cause: error },
        );
      }
      entries.push(entry);
    }
    return entries;
  } catch (cause) {
    if (cause instanceof ProfileError) throw cause;
    throw new ProfileError(`Cannot read the profiles table of ${file}.`, file, { cause });
  } finally {
    db.close();
  }
}

function foreignProfile(name: string, value: unknown, file: string): Profile {
  const bad = (what: string): never => {
    throw new ProfileError(
      `The profile ${JSON.stringify(name)} in ${file} cannot be used (${what}).`,
      file,
    );
  };
  if (!value || typeof value !== "object" || Array.isArray(value)) bad("not a JSON object");
  const data = value as Record<string, unknown>;
  if (typeof data.url !== "string") bad("no URL");
  let url: string;
  try {
    url = parseMaasUrl(data.url as string).apiUrl;
  } catch {
    return bad("its URL is not valid");
  }
  const credentials = parseStoredCredentials(data.credentials, bad);
  let description: Description;
  try {
    description = validateDescription(data.description ?? EMPTY_DESCRIPTION, `${name} in ${file}`);
  } catch (error) {
    return bad((error as Error).message);
  }
  const profile: Profile = { name, url, credentials, description };
  if (typeof data.cacerts === "string" && data.cacerts.trim() !== "") {
    profile.tls = { caCert: data.cacerts };
  }
  return profile;
}

/**
 * Saved profiles: this library's own (read and written) and those of the `maas` CLI and
 * python-libmaas (read only). A name is looked up in that order.
 *
 * @example
 * ```ts
 * import { ProfileStore } from "@libmaas/client";
 * const store = new ProfileStore({ dir: "/tmp/libmaas-example", maasCliDb: null });
 * for (const summary of await store.list()) console.log(summary.name, summary.url);
 * ```
 */
export class ProfileStore {
  #options: ProfileStoreOptions;
  #paths:
    | Promise<{ dir: string; maasCliDb: string | null; pythonLibmaasDb: string | null }>
    | undefined;

  /** A store over the given directory and databases (defaults: the user's own). */
  constructor(options: ProfileStoreOptions = {}) {
    this.#options = options;
  }

  #resolve(): Promise<{ dir: string; maasCliDb: string | null; pythonLibmaasDb: string | null }> {
    return this.#paths ??= (async () => {
      const { path, os } = await nodeModules();
      const env = this.#options.env ?? processEnvironment();
      const dir = this.#options.dir ? path.resolve(this.#options.dir) : await configDir(env);
      const home = () => homeDirectory(env, os);
      const maasCliDb = this.#options.maasCliDb === undefined
        ? path.join(home(), ".maascli.db")
        : this.#options.maasCliDb;
      const pythonLibmaasDb = this.#options.pythonLibmaasDb === undefined
        ? path.join(home(), ".maas.db")
        : this.#options.pythonLibmaasDb;
      return { dir, maasCliDb, pythonLibmaasDb };
    })();
  }

  /** The directory this store writes to. */
  async dir(): Promise<string> {
    return (await this.#resolve()).dir;
  }

  /** Every place this store reads, for messages that say where was looked. */
  async places(): Promise<
    { libmaas: string; maasCli: string | null; pythonLibmaas: string | null }
  > {
    const paths = await this.#resolve();
    const { path } = await nodeModules();
    return {
      libmaas: path.join(paths.dir, PROFILES_DIR),
      maasCli: paths.maasCliDb,
      pythonLibmaas: paths.pythonLibmaasDb,
    };
  }

  async #ownFile(name: string): Promise<string> {
    const { path } = await nodeModules();
    return path.join((await this.#resolve()).dir, PROFILES_DIR, fileNameOf(checkName(name)));
  }

  async #ownNames(): Promise<string[]> {
    const { fs, path } = await nodeModules();
    const dir = path.join((await this.#resolve()).dir, PROFILES_DIR);
    let files: string[];
    try {
      files = await fs.readdir(dir);
    } catch (error) {
      if (errorCode(error) === "ENOENT") return [];
      throw error;
    }
    await checkPrivate(dir, "directory");
    return files.map(nameOfFile).filter((n): n is string => n !== null).sort();
  }

  async #readOwn(name: string): Promise<Profile | null> {
    const { fs } = await nodeModules();
    const file = await this.#ownFile(name);
    if (!(await checkPrivate(file, "file"))) return null;
    let text: string;
    try {
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if (errorCode(error) === "ENOENT") return null;
      throw new ProfileError(`Cannot read ${file}: ${(error as Error).message}`, file, {
        cause: error,
      });
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new ProfileError(
        `${file} is not valid JSON${text.trim() === "" ? " (it is empty)" : ""}. Remove it, ` +
          "or save the profile again with `repl.ts login`.",
        file,
        { cause },
      );
    }
    return fromStored(value, file);
  }

  async #foreign(): Promise<ForeignEntry[]> {
    const paths = await this.#resolve();
    const entries: ForeignEntry[] = [];
    if (paths.maasCliDb) entries.push(...await readSqlite(paths.maasCliDb, "maas-cli"));
    if (paths.pythonLibmaasDb) {
      entries.push(...await readSqlite(paths.pythonLibmaasDb, "python-libmaas"));
    }
    return entries;
  }

  /** The names of every profile, from all three places, without duplicates. */
  async names(): Promise<string[]> {
    const names = new Set(await this.#ownNames());
    for (const entry of await this.#foreign()) names.add(entry.name);
    return [...names].sort();
  }

  /**
   * Loads the profile called `name`: this library's first, then the maas CLI's, then
   * python-libmaas's. An unknown name raises {@linkcode ProfileNotFound} listing the known ones.
   */
  async load(name: string): Promise<Profile> {
    const own = await this.#readOwn(checkName(name));
    if (own) return own;
    const foreign = (await this.#foreign()).find((entry) => entry.name === name);
    if (foreign?.error) throw foreign.error;
    if (foreign?.profile) return foreign.profile;
    throw new ProfileNotFound(name, await this.names());
  }

  /** Whether a profile called `name` exists anywhere. */
  async has(name: string): Promise<boolean> {
    return (await this.names()).includes(name);
  }

  /** Where `name` comes from, or `null` when it does not exist. */
  async originOf(name: string): Promise<ProfileOrigin | null> {
    if ((await this.#ownNames()).includes(name)) return "libmaas";
    return (await this.#foreign()).find((entry) => entry.name === name)?.origin ?? null;
  }

  /**
   * The name of the default profile: the one chosen with {@linkcode ProfileStore.setDefault},
   * else the one python-libmaas marks as selected, else `null`.
   */
  async defaultName(): Promise<string | null> {
    const { fs, path } = await nodeModules();
    const file = path.join((await this.#resolve()).dir, DEFAULT_FILE);
    if (await checkPrivate(file, "file")) {
      try {
        const name = (await fs.readFile(file, "utf8")).trim();
        if (name) return name;
      } catch (error) {
        if (errorCode(error) !== "ENOENT") throw error;
      }
    }
    return (await this.#foreign()).find((entry) => entry.selected)?.name ?? null;
  }

  /** The default profile, or `null` when there is none. */
  async loadDefault(): Promise<Profile | null> {
    const name = await this.defaultName();
    return name === null ? null : await this.load(name);
  }

  /** One line per profile for tables: never a secret. */
  async list(): Promise<ProfileSummary[]> {
    const summaries: ProfileSummary[] = [];
    const defaultName = await this.defaultName();
    const seen = new Set<string>();
    for (const name of await this.#ownNames()) {
      const profile = await this.#readOwn(name);
      if (!profile) continue;
      seen.add(name);
      summaries.push({
        name,
        url: profile.url,
        username: profile.username ?? null,
        anonymous: profile.credentials === null,
        isDefault: name === defaultName,
        origin: "libmaas",
        path: await this.#ownFile(name),
      });
    }
    for (const entry of await this.#foreign()) {
      if (seen.has(entry.name) || !entry.profile) continue;
      seen.add(entry.name);
      summaries.push({
        name: entry.name,
        url: entry.profile.url,
        username: null,
        anonymous: entry.profile.credentials === null,
        isDefault: entry.name === defaultName,
        origin: entry.origin,
        path: entry.path,
      });
    }
    return summaries;
  }

  /**
   * Saves `profile` (replacing one of the same name) atomically and owner-only; with
   * `makeDefault`, also makes it the default.
   */
  async save(profile: Profile, options: { makeDefault?: boolean } = {}): Promise<void> {
    checkName(profile?.name);
    const stored = toStored(profile);
    await this.#withLock(async () => {
      await this.#writeAtomic(await this.#ownFile(profile.name), JSON.stringify(stored) + "\n");
      if (options.makeDefault) await this.#writeDefault(profile.name);
    });
  }

  /**
   * Removes this library's profile called `name` (and the default mark if it had it). Profiles of
   * the maas CLI and python-libmaas are never changed: removing one of those raises a
   * {@linkcode ProfileError} that says how to remove it with its own program.
   */
  async delete(name: string): Promise<void> {
    checkName(name);
    const { fs } = await nodeModules();
    const file = await this.#ownFile(name);
    await this.#withLock(async () => {
      try {
        await fs.unlink(file);
      } catch (error) {
        if (errorCode(error) !== "ENOENT") throw error;
        const foreign = (await this.#foreign()).find((entry) => entry.name === name);
        if (foreign) {
          throw new ProfileError(
            `The profile ${JSON.stringify(name)} belongs to ${
              foreign.origin === "maas-cli" ? "the maas CLI" : "python-libmaas"
            } (${foreign.path}), which this library only reads. ` +
              (foreign.origin === "maas-cli"
                ? `Remove it with: maas logout ${name}`
                : "Remove it with python-libmaas (bin/maas logout)."),
            foreign.path,
          );
        }
        throw new ProfileNotFound(name, await this.names());
      }
      if ((await this.#ownDefault()) === name) await this.#writeDefault(null);
    });
  }

  /** Makes `name` the default profile (`null`: no default). The profile must exist. */
  async setDefault(name: string | null): Promise<void> {
    if (name !== null && !(await this.has(checkName(name)))) {
      throw new ProfileNotFound(name, await this.names());
    }
    await this.#withLock(() => this.#writeDefault(name));
  }

  /**
   * Downloads the describe document again when the server's `X-MAAS-API-Hash` (seen by
   * `transport` on its last answer) differs from the cached one, and saves the profile when it
   * is this library's. Returns the profile as it is now.
   */
  async refreshDescription(profile: Profile, transport: Transport): Promise<Profile> {
    const hash = transport.apiHash;
    if (hash === null || hash === profile.description.hash) return profile;
    const description = await fetchDescription(profile.url, transport);
    const updated: Profile = { ...profile, description };
    if ((await this.originOf(profile.name)) === "libmaas") {
      await this.#withLock(async () => {
        // Only rewrite a profile that still exists: it may have been logged out meanwhile.
        if (await this.#readOwn(profile.name)) {
          await this.#writeAtomic(
            await this.#ownFile(profile.name),
            JSON.stringify(toStored(updated)) + "\n",
          );
        }
      });
    }
    return updated;
  }

  async #ownDefault(): Promise<string | null> {
    const { fs, path } = await nodeModules();
    try {
      const text = await fs.readFile(path.join((await this.#resolve()).dir, DEFAULT_FILE), "utf8");
      return text.trim() || null;
    } catch (error) {
      if (errorCode(error) === "ENOENT") return null;
      throw error;
    }
  }

  async #writeDefault(name: string | null): Promise<void> {
    const { fs, path } = await nodeModules();
    const file = path.join((await this.#resolve()).dir, DEFAULT_FILE);
    if (name === null) {
      await fs.rm(file, { force: true });
    } else {
      await this.#writeAtomic(file, name + "\n");
    }
  }

  /**
   * Writes `text` to a temporary file in the same directory (owner-only, flushed to disk), then
   * renames it over `file`: readers see the old file or the new one, never a part.
   */
  async #writeAtomic(file: string, text: string): Promise<void> {
    const { fs, path } = await nodeModules();
    const dir = path.dirname(file);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(
      dir,
      `.${path.basename(file)}.${crypto.randomUUID().slice(0, 8)}.tmp`,
    );
    const handle = await fs.open(temp, "wx", 0o600);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    try {
      const handle = await fs.open(dir, "r");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Not every platform can flush a directory; the rename itself is still atomic.
    }
  }

  /**
   * Runs `change` while holding the store's lock file, so that two processes changing profiles
   * at once do it one after the other. A lock left by a process that died is taken over once its
   * process is gone (or, where that cannot be asked, once it is older than 10 s).
   */
  async #withLock<T>(change: () => Promise<T>): Promise<T> {
    const { fs, path } = await nodeModules();
    const dir = (await this.#resolve()).dir;
    await fs.mkdir(path.join(dir, PROFILES_DIR), { recursive: true, mode: 0o700 });
    await checkPrivate(dir, "directory");
    const lock = path.join(dir, LOCK_FILE);
    const deadline = Date.now() + (this.#options.lockTimeout ?? 15_000);
    const pid = (globalThis as { process?: { pid?: number } }).process?.pid ?? 0;
    for (let delay = 2;; delay = Math.min(delay * 2, 50)) {
      try {
        const handle = await fs.open(lock, "wx", 0o600);
        try {
          await handle.writeFile(`${pid} ${Date.now()}\n`);
        } finally {
          await handle.close();
        }
        break;
      } catch (error) {
        if (errorCode(error) !== "EEXIST") throw error;
      }
      if (await isStale(lock)) {
        await fs.rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new ProfileError(
          `Another process has held ${lock} for too long. If no other program using libmaas ` +
            `is running, remove that file.`,
          lock,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
    }
    try {
      await this.#removeAbandonedTemps(dir);
      return await change();
    } finally {
      await fs.rm(lock, { force: true });
    }
  }

  /** Temporary files are only written under the lock, so any found while holding it are a crash's. */
  async #removeAbandonedTemps(dir: string): Promise<void> {
    const { fs, path } = await nodeModules();
    for (const folder of [dir, path.join(dir, PROFILES_DIR)]) {
      let files: string[] = [];
      try {
        files = await fs.readdir(folder);
      } catch {
        continue;
      }
      for (const file of files) {
        if (file.startsWith(".") && file.endsWith(".tmp")) {
          await fs.rm(path.join(folder, file), { force: true });
        }
      }
    }
  }
}

async function isStale(lock: string): Promise<boolean> {
  const { fs } = await nodeModules();
  let text: string;
  let age: number;
  try {
    text = await fs.readFile(lock, "utf8");
    age = Date.now() - (await fs.stat(lock)).mtimeMs;
  } catch {
    // The holder released it between our attempts: not stale, just try again.
    return false;
  }
  const pid = Number(text.split(" ")[0]);
  const process = (globalThis as { process?: { kill?: (pid: number, signal: number) => void } })
    .process;
  if (Number.isInteger(pid) && pid > 0 && process?.kill) {
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      if (errorCode(error) === "ESRCH") return true;
    }
  }
  return age > STALE_LOCK_MS;
}

/**
 * Loads a saved profile by name from the user's profile store (see {@linkcode ProfileStore.load}).
 *
 * @example
 * ```ts
 * import { loadProfile } from "@libmaas/client";
 * try {
 *   const profile = await loadProfile("prod");
 *   console.log(profile.url);
 * } catch (error) {
 *   console.error((error as Error).message);
 * }
 * ```
 */
export async function loadProfile(name: string, store?: ProfileStore): Promise<Profile> {
  return await (store ?? new ProfileStore()).load(name);
}
