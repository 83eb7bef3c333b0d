/**
 * Getting in: an API key, or a username and password exchanged for one.
 *
 * @module
 */

import { Credentials } from "./auth.ts";
import { fetchDescription } from "./description.ts";
import {
  CallError,
  ConnectError,
  ForbiddenError,
  LoginError,
  LoginNotSupported,
  ParameterError,
  PasswordWithoutUsername,
  UsernameWithoutPassword,
} from "./errors.ts";
import type { Profile } from "./profiles.ts";
import { hostName } from "./runtime.ts";
import type { ProfileSession, SessionOptions } from "./session.ts";
import { SessionAPI } from "./session.ts";
import { Transport, type TransportOptions } from "./transport.ts";
import { type MaasAddress, parseMaasUrl } from "./url.ts";

/** The name this library gives the API tokens it creates at login. */
export const CONSUMER_PREFIX = "@libmaas/client";

/** Turns `apikey` (text or credentials) into credentials, or `null` when absent. */
export function toCredentials(apikey: string | Credentials | null | undefined): Credentials | null {
  if (apikey === undefined || apikey === null || apikey === "") return null;
  if (apikey instanceof Credentials) return apikey;
  return Credentials.parse(apikey);
}

/** Checks an address given to connect(): no username or password may be in it. */
export function addressForConnect(url: string | URL): MaasAddress {
  const address = parseMaasUrl(url);
  if (address.username !== null || address.password !== null) {
    throw new ConnectError(
      "The URL holds a username or password; connect() takes an API key. " +
        "Use login() to sign in with a username and password.",
      { kind: "url" },
    );
  }
  return address;
}

/** What login() needs besides the URL. */
export interface LoginOptions extends TransportOptions {
  /** The MAAS username. */
  username?: string;
  /** The password. */
  password?: string;
  /** Name of the API token to create or reuse (default: this library and host). */
  consumer?: string;
}

/**
 * Exchanges a username and password for an API key through `accounts/authenticate/`, after
 * checking that the server supports password logins. Returns the address and the credentials.
 */
export async function obtainCredentials(
  url: string | URL,
  options: LoginOptions,
  transport: Transport = new Transport({ ...options, credentials: null }),
): Promise<{ address: MaasAddress; credentials: Credentials }> {
  const address = parseMaasUrl(url);
  const fromUrl = address.username !== null || address.password !== null;
  const fromOptions = options.username !== undefined || options.password !== undefined;
  if (fromUrl && fromOptions) {
    throw new LoginError(
      "A username or password was given both in the URL and as an option; give them once.",
    );
  }
  const username = fromUrl ? address.username : options.username;
  const password = fromUrl ? address.password : options.password;
  if ((username === null || username === undefined || username === "") && password) {
    throw new PasswordWithoutUsername("A password was given without a username.");
  }
  if (username && (password === null || password === undefined)) {
    throw new UsernameWithoutPassword(
      `A username (${username}) was given without a password.`,
    );
  }
  if (!username) {
    throw new ParameterError("login() needs a username and a password.");
  }
  const version = await transport.request<{ capabilities?: unknown }>(
    "GET",
    address.apiUrl + "version/",
    { anonymous: true, signal: options.signal },
  );
  const capabilities = Array.isArray(version?.capabilities) ? version.capabilities : [];
  if (!capabilities.includes("authenticate-api")) {
    throw new LoginNotSupported(
      "This MAAS does not accept logins with a username and password (it is older than 2.2, " +
        "or it uses external authentication). Use an API key instead: connect(url, { apikey }), " +
        "with the key from the MAAS web UI or `maas apikey --username NAME`.",
    );
  }
  const consumer = options.consumer ?? `${CONSUMER_PREFIX} on ${await hostName()}`;
  let token: Record<string, unknown>;
  try {
    token = await transport.request<Record<string, unknown>>(
      "POST",
      address.rootUrl + "accounts/authenticate/",
      {
        anonymous: true,
        params: { username, password: password as string, consumer },
        signal: options.signal,
        retries: 0,
      },
    );
  } catch (error) {
    if (error instanceof ForbiddenError) {
      throw new LoginError(
        `MAAS refused the login of ${JSON.stringify(username)}: the username or password is ` +
          "wrong, or the account is inactive or managed by external authentication.",
        { cause: error },
      );
    }
    if (error instanceof CallError) {
      throw new LoginError(`Login failed: ${error.message}`, { cause: error });
    }
    throw error;
  }
  const parts = [token?.consumer_key, token?.token_key, token?.token_secret];
  if (!parts.every((part) => typeof part === "string" && part !== "")) {
    throw new LoginError("The server's answer to the login holds no API key.");
  }
  return {
    address,
    credentials: new Credentials(...(parts as [string, string, string])),
  };
}

function profileName(address: MaasAddress, name: string | undefined): string {
  return name ?? new URL(address.apiUrl).hostname;
}

/** Implements {@linkcode SessionAPI.connect}. */
export async function connectProfile(
  url: string | URL,
  options: SessionOptions & { apikey?: string | Credentials | null; name?: string },
): Promise<ProfileSession> {
  const address = addressForConnect(url);
  if (options.transport && options.apikey) {
    throw new ParameterError("Give an API key or a transport (which has its own), not both.");
  }
  const transport = options.transport ??
    new Transport({ ...options, credentials: toCredentials(options.apikey) });
  const credentials = transport.credentials;
  const description = await fetchDescription(address.apiUrl, transport, {
    signal: options.signal,
  });
  const session = new SessionAPI(description, address.apiUrl, { transport });
  const profile: Profile = {
    name: profileName(address, options.name),
    url: address.apiUrl,
    credentials,
    description,
    ...(options.tls ? { tls: options.tls } : {}),
  };
  return { profile, session };
}

/** Implements {@linkcode SessionAPI.login}. */
export async function loginProfile(
  url: string | URL,
  options: SessionOptions & LoginOptions & { name?: string },
): Promise<ProfileSession> {
  const anonymous = new Transport({ ...options, credentials: null });
  try {
    const { address, credentials } = await obtainCredentials(url, options, anonymous);
    const transport = anonymous.withCredentials(credentials);
    const description = await fetchDescription(address.apiUrl, transport, {
      signal: options.signal,
    });
    const session = new SessionAPI(description, address.apiUrl, { transport });
    const profile: Profile = {
      name: profileName(address, options.name),
      url: address.apiUrl,
      credentials,
      description,
      ...(options.tls ? { tls: options.tls } : {}),
    };
    return { profile, session };
  } finally {
    anonymous.close();
  }
}
