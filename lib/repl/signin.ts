/**
 * Signing in before the REPL opens, the same way on every path: the client is made from the
 * settings and must answer as MAAS (`version/`) and accept the credentials (`whoami`) before a
 * prompt is shown. A password or key typed at a prompt that MAAS refuses is asked for again (three
 * tries in all); one that came from flags, the environment, a file or a profile is an error the
 * caller prints as one line. After a sign-in at the prompts, {@linkcode offerToSave} offers to
 * keep it as a profile.
 *
 * @module
 */

import { Credentials } from "../auth.ts";
import { Client } from "../client.ts";
import { fetchDescription } from "../description.ts";
import {
  ForbiddenError,
  LoginError,
  LoginNotSupported,
  MaasError,
  ParameterError,
  UnauthorizedError,
} from "../errors.ts";
import type { Profile, ProfileStore } from "../profiles.ts";
import { apiKeyComplaint, type Prompter, Settings } from "../settings.ts";

/** How many times a refused password or key typed at a prompt is asked for in all. */
export const SIGN_IN_TRIES = 3;

/**
 * MAAS refused the password or API key typed at the prompts {@linkcode SIGN_IN_TRIES} times.
 *
 * @example
 * ```ts
 * import { SignInRefused } from "./signin.ts";
 * console.log(new SignInRefused("MAAS refused the password for admin 3 times.").name);
 * ```
 */
export class SignInRefused extends MaasError {}

/** Options of {@linkcode signIn}. */
export interface SignInOptions {
  /** Asks again for a refused secret that was typed at a prompt; `null`: never ask. */
  prompter: Prompter | null;
  /** Tells the user something (standard error). */
  notify(line: string): void;
}

/** What the server said about who is signed in. */
export interface SignedIn {
  /** The connected client, its credentials accepted. */
  client: Client;
  /** The settings it was made from (with the secret typed last, when one was asked again). */
  settings: Settings;
  /** The user, as `whoami` named them (`null` when anonymous). */
  username: string | null;
}

/** Whether `error` says the server refused the credentials (not that it could not be asked). */
function isRefusal(error: unknown): boolean {
  if (error instanceof UnauthorizedError || error instanceof ForbiddenError) return true;
  if (!(error instanceof LoginError) || error instanceof LoginNotSupported) return false;
  const cause = error.cause;
  return cause instanceof UnauthorizedError || cause instanceof ForbiddenError;
}

/** One line of what the server said, without the request. */
function serverSaid(error: unknown): string {
  const text = error instanceof MaasError && "text" in error ? String(error.text).trim() : "";
  return (text || (error as Error)?.message || String(error)).replace(/\s+/g, " ").slice(0, 200);
}

/**
 * Checks that the client's server answers as MAAS and accepts its credentials; returns the user
 * name `whoami` gives (`null` for an anonymous client). Raises what the server answered.
 *
 * @example
 * ```ts
 * import { connect } from "../client.ts";
 * import { verifySignIn } from "./signin.ts";
 * const client = await connect("http://maas:5240/MAAS/", { apikey: "ck:tk:ts" });
 * console.log(await verifySignIn(client));
 * ```
 */
export async function verifySignIn(client: Client): Promise<string | null> {
  await client.call("GET", "version/", { retries: 1 });
  if (client.isAnonymous) return null;
  const me = await client.call<{ username?: unknown }>("GET", "users/", {
    op: "whoami",
    retries: 1,
  });
  return typeof me?.username === "string" ? me.username : null;
}

function withSecret(
  settings: Settings,
  secret: { credentials: Credentials } | { password: string },
): Settings {
  return new Settings({
    url: settings.url,
    credentials: "credentials" in secret ? secret.credentials : settings.credentials,
    username: settings.username,
    password: "password" in secret ? secret.password : settings.password,
    tls: settings.tls,
    profile: settings.profile,
    source: settings.source,
    origins: settings.origins,
  });
}

/**
 * Makes the client and checks it with {@linkcode verifySignIn}. When MAAS refuses a password or
 * key that was typed at a prompt, says so and asks again, at most {@linkcode SIGN_IN_TRIES} times
 * in all ({@linkcode SignInRefused} after the last); every other failure is raised as it is.
 *
 * @example
 * ```ts
 * import { resolveSettings } from "../settings.ts";
 * import { signIn } from "./signin.ts";
 * const settings = await resolveSettings({ env: { MAAS_URL: "http://maas:5240/MAAS/" } });
 * const { client, username } = await signIn(settings, { prompter: null, notify: console.error });
 * console.log(username);
 * client.close();
 * ```
 */
export async function signIn(settings: Settings, options: SignInOptions): Promise<SignedIn> {
  const { prompter, notify } = options;
  for (let attempt = 1;; attempt++) {
    let client: Client | null = null;
    try {
      client = await Client.fromSettings(settings);
      const username = await verifySignIn(client);
      return { client, settings, username };
    } catch (error) {
      client?.close();
      const typedKey = settings.credentials !== null &&
        settings.origins.credentials === "the prompt";
      const typedPassword = settings.username !== null &&
        settings.origins.password === "the prompt";
      if (!prompter || !isRefusal(error) || !(typedKey || typedPassword)) throw error;
      const what = typedKey ? "the API key" : `the password for ${settings.username}`;
      if (attempt >= SIGN_IN_TRIES) {
        throw new SignInRefused(
          `MAAS refused ${what} ${SIGN_IN_TRIES} times; nothing was opened. ` +
            (typedKey
              ? "Copy the key again from the web UI (your user's preferences, API keys) or " +
                "`maas apikey --username NAME`, and pass it with --apikey-file PATH."
              : "Check the username, or sign in with an API key (--apikey-file PATH)."),
          { cause: error },
        );
      }
      const left = SIGN_IN_TRIES - attempt;
      if (typedKey) {
        notify(
          `MAAS refused the API key (${serverSaid(error)}). Copy it from the web UI (your ` +
            "user's preferences, API keys) or run `maas apikey --username NAME` on the MAAS " +
            `server, then paste it here (${left} ${left === 1 ? "try" : "tries"} left).`,
        );
        const key = await prompter.password("API key", { validate: apiKeyComplaint });
        if (key === null) throw new ParameterError("Cancelled: nothing was entered.");
        settings = withSecret(settings, { credentials: Credentials.parse(key.trim()) });
      } else {
        notify(
          `MAAS refused the password for ${settings.username}: the username or password is ` +
            `wrong, or the account is inactive (${left} ${left === 1 ? "try" : "tries"} left).`,
        );
        const password = await prompter.password(`Password for ${settings.username}`);
        if (password === null) throw new ParameterError("Cancelled: nothing was entered.");
        settings = withSecret(settings, { password });
      }
    }
  }
}

/** Options of {@linkcode offerToSave}. */
export interface SaveOffer {
  /** Asks whether and under which name. */
  prompter: Prompter;
  /** Where profiles are saved. */
  store: ProfileStore;
  /** Tells the user what was saved (standard error). */
  notify(line: string): void;
}

/**
 * After a sign-in at the prompts, offers to save it as a profile (atomically, owner-only, by the
 * {@linkcode ProfileStore}); the first profile saved becomes the default. Returns the name saved
 * under, or `null` when the user declined.
 *
 * @example
 * ```ts
 * import { ProfileStore } from "../profiles.ts";
 * import { resolveSettings } from "../settings.ts";
 * import { offerToSave, signIn } from "./signin.ts";
 * declare const prompter: import("../settings.ts").Prompter;
 * const settings = await resolveSettings({ prompter, isTerminal: true });
 * const signedIn = await signIn(settings, { prompter, notify: console.error });
 * await offerToSave(signedIn, { prompter, store: new ProfileStore(), notify: console.error });
 * ```
 */
export async function offerToSave(signedIn: SignedIn, offer: SaveOffer): Promise<string | null> {
  const { client, settings, username } = signedIn;
  const { prompter, store, notify } = offer;
  if (!client.credentials) return null;
  const suggested = new URL(client.apiUrl).hostname;
  const answer = await prompter.select("Save this sign-in as a profile for next time?", [
    { value: "yes", label: "Yes", hint: "the key is kept in a file only you can read" },
    { value: "no", label: "No" },
  ]);
  if (answer !== "yes") return null;
  const taken = new Set(await store.names());
  const typed = await prompter.text("Profile name", {
    placeholder: suggested,
    validate: (value) => {
      const name = value.trim() || suggested;
      if (taken.has(name)) return `A profile called ${name} exists already: pick another name.`;
      if ([...name].some((c) => c.charCodeAt(0) < 0x20)) return "No control characters.";
      return undefined;
    },
  });
  if (typed === null) return null;
  const name = typed.trim() || suggested;
  const profile: Profile = {
    name,
    url: client.apiUrl,
    credentials: client.credentials,
    description: await fetchDescription(client.apiUrl, client.transport),
    tls: settings.tls,
    ...(username ? { username } : {}),
  };
  const makeDefault = (await store.defaultName()) === null;
  await store.save(profile, { makeDefault });
  notify(
    `Saved profile ${JSON.stringify(name)}${makeDefault ? " (the default profile)" : ""}. ` +
      `Next time: repl.ts --profile ${name}`,
  );
  return name;
}
