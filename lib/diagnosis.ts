/**
 * Telling what went wrong at the door from what the server answered (or failed to answer): a
 * server that is not MAAS, a scheme that does not match the port, a refused API key, a clock
 * that is off. The transport asks these questions; the words of every resulting message live here.
 *
 * @module
 */

import { ConnectError, NotMaasError } from "./errors.ts";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The API root inside a request URL: everything up to `/api/<digits.digits>/`. */
const API_ROOT = /^(https?:\/\/[^/?#]+)(\/(?:[^?#]*?\/)?)api\/\d+\.\d+\//;

/** Where to get an API key, said wherever a key is refused or missing. */
const WHERE_KEYS_ARE =
  "`maas apikey --username NAME` on the region controller, or the MAAS web UI (your user " +
  "preferences, API keys)";

/** How far in the past MAAS accepts an OAuth timestamp, in seconds. */
const TIMESTAMP_WINDOW = 300;

/**
 * Whether `url` is a request to a MAAS API (its path holds `/api/<digits.digits>/`). Only answers
 * to such requests are judged by {@linkcode notMaasAnswer}.
 */
export function isApiRequest(url: string): boolean {
  return API_ROOT.test(url);
}

/** What the first answer of a client showed. */
export interface FirstAnswer {
  /** HTTP method of the request. */
  method: string;
  /** The request URL, without user information. */
  url: string;
  /** HTTP status of the answer. */
  status: number;
  /** The status text of the answer. */
  statusText: string;
  /** The answer's headers. */
  headers: Headers;
  /** The body, when it was read (error statuses); `null` for a success not read yet. */
  content: Uint8Array | null;
}

/**
 * Judges the first answer of a client to a MAAS API request: a {@linkcode NotMaasError} when it
 * cannot come from MAAS, else `null`.
 *
 * MAAS's API resources add `X-MAAS-API-Hash` to everything they answer, errors included, so an
 * answer carrying it is MAAS's. Without it, only shapes MAAS never produces count against the
 * server: a success as an HTML page or as JSON (only the describe document, a plain view, comes
 * without the header), and a 404 or 405 that is not plain text (MAAS renders its 404s, down to
 * `Unknown API endpoint`, as `text/plain`). A 400 that says a plain HTTP request reached an HTTPS
 * port (nginx, as MAAS's TLS front end answers) is a wrong scheme rather than a wrong server.
 */
export function notMaasAnswer(answer: FirstAnswer): ConnectError | null {
  if (answer.headers.has("x-maas-api-hash")) return null;
  const { status } = answer;
  const type = (answer.headers.get("content-type") ?? "").toLowerCase();
  const html = type.includes("html");
  let seen: string | null = null;
  if (status >= 200 && status < 300) {
    if (html) seen = "with a web page (text/html)";
    else if (type.includes("json") && !isDescribe(answer.url)) {
      seen = "with JSON that is not MAAS's (no X-MAAS-API-Hash header)";
    }
  } else if (status === 404 || status === 405) {
    if (html) seen = "with a web page (text/html)";
    else if (!type.startsWith("text/plain")) seen = `with content type ${type || "none"}`;
  } else if (status === 400 && html && answer.url.startsWith("http:")) {
    const text = decoder.decode(answer.content ?? new Uint8Array());
    if (/plain HTTP request was sent to HTTPS port/i.test(text)) {
      return expectsTls(answer.method, answer.url, null);
    }
  }
  if (seen === null) return null;
  const [apiRoot, origin, prefix] = API_ROOT.exec(answer.url)!;
  const advice = /\/MAAS\//i.test(prefix)
    ? "Check the host and port: MAAS serves its API on port 5240 (http://HOST:5240/MAAS/), or " +
      "5443 with TLS (https://HOST:5443/MAAS/)."
    : `A MAAS URL ends in /MAAS/: try ${origin}${prefix}MAAS/ (such as ` +
      "http://maas.example.com:5240/MAAS/).";
  return new NotMaasError(
    `${answer.method} ${answer.url} -> ${status}${
      answer.statusText ? " " + answer.statusText : ""
    }: this is probably not a MAAS API root; the server answered ${seen}, where MAAS answers ` +
      `its API with JSON or plain text. URL tried: ${apiRoot}. ${advice}`,
    { url: answer.url, status },
  );
}

function isDescribe(url: string): boolean {
  return url.replace(/[?#].*$/, "").replace(API_ROOT, "") === "describe/";
}

/** The server root of a request URL with the other scheme, e.g. `https://h:5240/MAAS/`. */
function otherSchemeRoot(url: string): { host: string; root: string } {
  const parsed = new URL(url);
  const prefix = API_ROOT.exec(url)?.[2] ?? "/";
  const scheme = parsed.protocol === "https:" ? "http" : "https";
  return { host: parsed.host, root: `${scheme}://${parsed.host}${prefix}` };
}

/**
 * The error for `http://` sent to a server that expects TLS.
 */
export function expectsTls(method: string, url: string, cause: unknown): ConnectError {
  const { host, root } = otherSchemeRoot(url);
  return new ConnectError(
    `${method} ${url}: the server at ${host} expects TLS, not plain HTTP: use ${root}`,
    { cause, kind: "scheme", url },
  );
}

/**
 * The error for `https://` sent to a server that speaks plain HTTP.
 */
export function speaksPlainHttp(method: string, url: string, cause: unknown): ConnectError {
  const { host, root } = otherSchemeRoot(url);
  return new ConnectError(
    `${method} ${url}: the server at ${host} speaks plain HTTP, not TLS: use ${root} ` +
      "(MAAS serves HTTPS on port 5443 once TLS is enabled).",
    { cause, kind: "scheme", url },
  );
}

/**
 * Whether a failed `https://` request failed because the server answered the TLS handshake with
 * something that is not TLS, in the words of Deno (rustls), Node (OpenSSL) and Bun.
 */
export function handshakeGotPlaintext(failure: string): boolean {
  return /wrong version number|InvalidContentType|corrupt message|packet length too long|EPROTO|does the server speak TLS/i
    .test(failure);
}

/** Whether a failed `https://` request failed on the server's certificate (so it speaks TLS). */
export function certificateRefused(failure: string): boolean {
  return /certificate|self.signed|CERT_|UnknownIssuer/i.test(failure);
}

/**
 * What to do about a 401: where to get a key when MAAS refused the key given (its text names an
 * invalid key, token or signature), or when an unsigned call needs one; `null` for other 401s
 * (an expired timestamp is the clock's business).
 */
export function keyHint(text: string, signed: boolean): string | null {
  if (!signed) {
    return `This call needs an API key: connect with one, from ${WHERE_KEYS_ARE}.`;
  }
  if (/Invalid (?:API key|access token|signature|consumer)/i.test(text)) {
    return `MAAS refused the API key. Get a valid key with ${WHERE_KEYS_ARE}; ` +
      "it has three parts, consumer_key:token_key:token_secret.";
  }
  return null;
}

/**
 * The body of a 401 without the signature MAAS expected, should the server print it: the OAuth
 * library behind MAAS explains a bad PLAINTEXT signature with the expected "signature base
 * string", which is the token secret itself.
 */
export function withoutExpectedSignature(content: Uint8Array): Uint8Array {
  const text = decoder.decode(content);
  const cleaned = text.replace(
    /(Expected signature base string:\s*)[^'"\s]*/gi,
    "$1<redacted>",
  );
  return cleaned === text ? content : encoder.encode(cleaned);
}

/** Whether a 401's text is MAAS refusing an OAuth timestamp as too old. */
export function isExpiredTimestamp(text: string): boolean {
  return /Expired timestamp/i.test(text);
}

/**
 * The server's clock in seconds since the epoch, from the answer's `Date` header, else from the
 * "now N" that MAAS's expired-timestamp message quotes; `null` when neither is there.
 */
export function serverSeconds(headers: Headers, text: string): number | null {
  const date = Date.parse(headers.get("date") ?? "");
  if (Number.isFinite(date)) return date / 1000;
  const quoted = /Expired timestamp: given \d+ and now (\d+)/i.exec(text);
  return quoted ? Number(quoted[1]) : null;
}

function duration(seconds: number): string {
  const size = Math.abs(seconds);
  if (size < 120) return `${size} s`;
  if (size < 3600) return `${size} s (${Math.round(size / 60)} min)`;
  return `${size} s (${(size / 3600).toFixed(1)} h)`;
}

/** The one-time warning of a client that corrects its timestamps by `offset` seconds. */
export function clockWarning(offset: number, url: string): string {
  return `Warning: this computer's clock is ${duration(offset)} ${
    offset >= 0 ? "behind" : "ahead of"
  } the clock of the MAAS server at ${new URL(url).host}, which refuses requests signed more ` +
    `than ${TIMESTAMP_WINDOW} s in its past. This client now signs its requests with the ` +
    "server's time. Set this computer's clock right (NTP) to be rid of this warning.";
}

/**
 * What to do about an expired timestamp that signing with the server's time (`offset` seconds
 * from the local clock) did not cure, or that gave no server time to sign with (`null`).
 */
export function clockHint(offset: number | null): string {
  if (offset === null) {
    return `MAAS refuses requests signed more than ${TIMESTAMP_WINDOW} s behind its own clock, ` +
      "and its answer gave no time to correct by: set this computer's clock right (NTP).";
  }
  return "MAAS refused the request although it was signed with the server's time " +
    `(${offset} s from this computer's clock, by its Date header): check the clocks of this ` +
    "computer and of the MAAS server (NTP on both).";
}
