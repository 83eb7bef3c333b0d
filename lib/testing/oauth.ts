/**
 * OAuth 1.0 PLAINTEXT checks, in the order and with the words of MAAS (Piston's OAuth server with
 * MAAS's `OAuthUnauthorized` wrapping): version, consumer, token, timestamp, nonce, signature method,
 * signature. A request without every `oauth_*` field is not an error here: it is anonymous, and the
 * resource decides what an anonymous caller gets.
 *
 * @module
 */

import type { FormFields } from "./request.ts";
import { HTML_TYPE, type Reply, text } from "./reply.ts";
import type { SimToken, SimUser } from "./families/users/model.ts";
import type { SimulatorState } from "./state.ts";

/** How old a timestamp may be, in seconds (newer ones always pass). */
const TIMESTAMP_THRESHOLD = 300;

const REQUIRED = [
  "oauth_consumer_key",
  "oauth_token",
  "oauth_signature_method",
  "oauth_signature",
  "oauth_timestamp",
  "oauth_nonce",
] as const;

/**
 * The `oauth_*` fields of a request, from the `Authorization: OAuth …` header, or from the query
 * string when the header does not carry them all (Piston accepts both). Values are percent-decoded;
 * `realm` is ignored.
 *
 * @example
 * ```ts
 * import { readOAuth } from "./oauth.ts";
 * import { FormFields } from "./request.ts";
 * const fields = readOAuth('OAuth realm="", oauth_nonce="a%20b"', new FormFields());
 * console.log(fields.oauth_nonce); // "a b"
 * ```
 */
export function readOAuth(header: string | undefined, query: FormFields): Record<string, string> {
  const fields: Record<string, string> = {};
  if (header?.startsWith("OAuth ")) {
    for (const part of header.slice(6).split(",")) {
      const equals = part.indexOf("=");
      if (equals === -1) continue;
      const name = part.slice(0, equals).trim();
      if (name === "realm") continue;
      fields[name] = percentDecode(part.slice(equals + 1).trim().replace(/^"|"$/g, ""));
    }
  }
  if (!isSigned(fields) && REQUIRED.every((name) => query.has(name))) {
    for (const name of query.names()) {
      if (name.startsWith("oauth_")) fields[name] = query.get(name)!;
    }
  }
  return fields;
}

/**
 * Whether the request carries every field OAuth needs; only then is it checked (and possibly
 * refused). Anything less is an anonymous request.
 *
 * @example
 * ```ts
 * import { isSigned } from "./oauth.ts";
 * console.log(isSigned({ oauth_consumer_key: "ck" })); // false
 * ```
 */
export function isSigned(fields: Record<string, string>): boolean {
  return REQUIRED.every((name) => name in fields);
}

/**
 * The outcome of checking a signed request: the caller, or the answer that refuses it.
 *
 * @example
 * ```ts
 * import type { Verdict } from "./oauth.ts";
 * function who(verdict: Verdict): string {
 *   return verdict.ok ? verdict.user.username : `refused with ${verdict.reply.status}`;
 * }
 * ```
 */
export type Verdict =
  | { ok: true; user: SimUser; token: SimToken }
  | { ok: false; reply: Reply };

/**
 * Check a signed request against the state, consuming its nonce as MAAS does (before the signature
 * is checked, so even a badly signed request burns its nonce).
 *
 * @example
 * ```ts
 * import { verify } from "./oauth.ts";
 * import { SimulatorState } from "./state.ts";
 * const state = new SimulatorState();
 * const verdict = verify(state, {
 *   oauth_consumer_key: "nope", oauth_token: "t", oauth_signature_method: "PLAINTEXT",
 *   oauth_signature: "&s", oauth_nonce: "n", oauth_timestamp: String(Date.now() / 1000 | 0),
 * });
 * console.log(verdict.ok); // false: 401 Authorization Error: Invalid API key.
 * ```
 */
export function verify(
  state: SimulatorState,
  fields: Record<string, string>,
  now: number = Date.now(),
): Verdict {
  const version = fields.oauth_version;
  if (version !== undefined && version !== "" && version !== "1.0") {
    return refuse(`OAuth version ${version} not supported.`);
  }
  const consumerKey = fields.oauth_consumer_key;
  const tokenKey = fields.oauth_token;
  if (!state.users.hasConsumer(consumerKey)) {
    return refuse("Authorization Error: Invalid API key.", false);
  }
  const token = state.users.findToken(tokenKey);
  if (!token || token.consumerKey !== consumerKey) {
    return refuse(`Invalid access token: ${tokenKey}`);
  }
  const timestamp = fields.oauth_timestamp;
  if (!/^\s*[+-]?\d+\s*$/.test(timestamp)) {
    return { ok: false, reply: text(`Invalid OAuth timestamp: ${pythonRepr(timestamp)}`, 400) };
  }
  const seconds = Number(timestamp);
  const nowSeconds = Math.floor(now / 1000);
  if (nowSeconds - seconds > TIMESTAMP_THRESHOLD) {
    return refuse(
      `Expired timestamp: given ${seconds} and now ${nowSeconds} has a greater difference than ` +
        `threshold ${TIMESTAMP_THRESHOLD}`,
    );
  }
  const nonce = fields.oauth_nonce;
  if (!state.users.useNonce(consumerKey, tokenKey, nonce)) {
    return refuse(`Nonce already used: ${nonce}`);
  }
  const method = fields.oauth_signature_method;
  if (method !== "PLAINTEXT") {
    return refuse(
      `Signature method ${method} not supported try one of the following: PLAINTEXT`,
    );
  }
  // RFC 5849 §3.4.4: encode(consumer secret) + "&" + encode(token secret), the consumer secret
  // always empty. The header's value was decoded once already, as MAAS's OAuth library does.
  if (fields.oauth_signature !== `&${encodeRfc3986(token.tokenSecret)}`) {
    // MAAS would also print the expected signature, i.e. the secret; a test double should not.
    return refuse("Invalid signature.");
  }
  const user = state.users.byId(token.userId);
  if (!user) return refuse(`Invalid access token: ${tokenKey}`);
  return { ok: true, user, token };
}

function refuse(message: string, wrap = true): Verdict {
  return {
    ok: false,
    reply: {
      status: 401,
      contentType: HTML_TYPE,
      body: wrap ? `Authorization Error: ${pythonRepr(message)}` : message,
      headers: { "WWW-Authenticate": 'OAuth realm="OAuth"' },
    },
  };
}

/** How Python's `%r` prints a string, which is how MAAS quotes OAuth error messages. */
function pythonRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  const escaped = value.replace(/\\/g, "\\\\").replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
