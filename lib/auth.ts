/**
 * API keys and the OAuth 1.0 PLAINTEXT Authorization header that MAAS expects.
 *
 * @module
 */

import { ParameterError } from "./errors.ts";

const KEY_FORMAT = "consumer_key:token_key:token_secret";
const REDACTED = "<redacted>";
const INSPECT_DENO = Symbol.for("Deno.customInspect");
const INSPECT_NODE = Symbol.for("nodejs.util.inspect.custom");

/**
 * The three parts of a MAAS API key. The consumer secret is always empty in MAAS, so the token
 * secret is the only secret part. Printing, inspecting, serialising or interpolating a
 * `Credentials` never shows it; only an explicit {@linkcode Credentials.toString} call does.
 *
 * @example
 * ```ts
 * import { Credentials } from "@libmaas/client";
 * const credentials = Credentials.parse("ck:tk:ts");
 * console.log(`${credentials}`); // ck:tk:<redacted>
 * console.log(credentials.toString()); // ck:tk:ts
 * ```
 */
export class Credentials {
  /** The OAuth consumer key (first part of the API key). */
  readonly consumerKey: string;
  /** The OAuth token key (second part). */
  readonly tokenKey: string;
  #tokenSecret: string;

  /** Creates credentials from their three parts; none may be empty or contain `:`. */
  constructor(consumerKey: string, tokenKey: string, tokenSecret: string) {
    for (const part of [consumerKey, tokenKey, tokenSecret]) {
      if (typeof part !== "string" || part === "" || part.includes(":") || /\s/.test(part)) {
        throw new ParameterError(
          `An API key has three non-empty parts without white space: ${KEY_FORMAT}`,
        );
      }
    }
    this.consumerKey = consumerKey;
    this.tokenKey = tokenKey;
    this.#tokenSecret = tokenSecret;
  }

  /** The OAuth token secret (third part). Handle with care. */
  get tokenSecret(): string {
    return this.#tokenSecret;
  }

  /**
   * Parses API key text of the form `consumer_key:token_key:token_secret` (surrounding white space
   * is ignored). Anything else raises a {@linkcode ParameterError} that states the expected format
   * and never repeats the text it was given.
   *
   * @example
   * ```ts
   * import { Credentials } from "@libmaas/client";
   * const credentials = Credentials.parse("  ck:tk:ts\n");
   * console.log(credentials.consumerKey); // ck
   * ```
   */
  static parse(text: string): Credentials {
    if (typeof text !== "string") {
      throw new ParameterError(
        `An API key must be text of the form ${KEY_FORMAT}, got ${describeType(text)}`,
      );
    }
    const parts = text.trim().split(":");
    if (parts.length !== 3 || parts.some((part) => part === "" || /\s/.test(part))) {
      throw new ParameterError(
        `An API key must have exactly three non-empty parts, ${KEY_FORMAT}; the text given has ` +
          `${parts.length} part${parts.length === 1 ? "" : "s"}. Copy the whole key from the ` +
          "MAAS web UI (user preferences, API keys) or from `maas apikey --username NAME`.",
      );
    }
    return new Credentials(parts[0], parts[1], parts[2]);
  }

  /** The whole API key text, secret included: `consumer_key:token_key:token_secret`. */
  toString(): string {
    return `${this.consumerKey}:${this.tokenKey}:${this.#tokenSecret}`;
  }

  /** The key with its secret hidden, for display. */
  toRedactedString(): string {
    return `${this.consumerKey}:${this.tokenKey}:${REDACTED}`;
  }

  /** Template strings and `String()` get the redacted form. */
  [Symbol.toPrimitive](hint: string): string {
    return hint === "number" ? "NaN" : this.toRedactedString();
  }

  /** `JSON.stringify` gets the redacted form. */
  toJSON(): { consumerKey: string; tokenKey: string; tokenSecret: string } {
    return { consumerKey: this.consumerKey, tokenKey: this.tokenKey, tokenSecret: REDACTED };
  }

  /** Deno's inspector shows the redacted form. */
  [INSPECT_DENO](): string {
    return `Credentials(${this.toRedactedString()})`;
  }

  /** Node's and Bun's inspectors show the redacted form. */
  [INSPECT_NODE](): string {
    return `Credentials(${this.toRedactedString()})`;
  }
}

function describeType(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

/**
 * Percent-encodes as RFC 5849 §3.6 asks: everything but unreserved characters.
 *
 * @example
 * ```ts
 * import { oauthEncode } from "@libmaas/client";
 * console.log(oauthEncode("&secret")); // %26secret
 * ```
 */
export function oauthEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** A fresh, unguessable nonce for one request. */
function nonce(): string {
  return crypto.randomUUID();
}

/**
 * The PLAINTEXT signature of RFC 5849 §3.4.4: the encoded consumer secret (always empty in MAAS),
 * `&`, the encoded token secret. The header encodes this value once more (§3.5.1), so a secret
 * with reserved characters is encoded twice on the wire, which is what MAAS compares against.
 */
function plaintextSignature(credentials: Credentials): string {
  return "&" + oauthEncode(credentials.tokenSecret);
}

const prefixes = new WeakMap<Credentials, string>();

/**
 * Returns the value of the `Authorization` header for one request signed with `credentials`:
 * OAuth 1.0 PLAINTEXT with a fresh nonce and the current integer timestamp, so every call
 * (and every retry) gets a header MAAS has not seen before. Use it to call the API with plain
 * `fetch` or curl. `options.timestamp` (seconds) replaces the local clock, e.g. with the server's
 * time when the two disagree by more than MAAS's 300 s window.
 *
 * @example
 * ```ts
 * import { authorizationHeader, Credentials } from "@libmaas/client";
 * const credentials = Credentials.parse("ck:tk:ts");
 * const headers = { Authorization: authorizationHeader(credentials) };
 * console.log(headers.Authorization.startsWith("OAuth "));
 * ```
 */
export function authorizationHeader(
  credentials: Credentials,
  options?: { nonce?: string; timestamp?: number },
): string {
  let prefix = prefixes.get(credentials);
  if (prefix === undefined) {
    prefix = `OAuth oauth_version="1.0", oauth_signature_method="PLAINTEXT", ` +
      `oauth_consumer_key="${oauthEncode(credentials.consumerKey)}", ` +
      `oauth_token="${oauthEncode(credentials.tokenKey)}", ` +
      `oauth_signature="${oauthEncode(plaintextSignature(credentials))}", oauth_nonce="`;
    prefixes.set(credentials, prefix);
  }
  const timestamp = Math.floor(options?.timestamp ?? Date.now() / 1000);
  // A generated nonce is hex and dashes, which need no encoding.
  const value = options?.nonce === undefined ? nonce() : oauthEncode(options.nonce);
  return `${prefix}${value}", oauth_timestamp="${timestamp}"`;
}
