/**
 * MAAS addresses: turning what a user types into the API root, and filling path templates.
 *
 * @module
 */

import { ConnectError, ParameterError } from "./errors.ts";

/** A MAAS address split into what the library needs. */
export interface MaasAddress {
  /** The API root, always ending in `/api/<version>/`, e.g. `http://h:5240/MAAS/api/2.0/`. */
  apiUrl: string;
  /** The server root, e.g. `http://h:5240/MAAS/` (where `accounts/authenticate/` lives). */
  rootUrl: string;
  /** A username found in the URL (`http://user:pass@host/`), if any. */
  username: string | null;
  /** A password found in the URL, if any. */
  password: string | null;
}

const API_SUFFIX = /\/api\/\d+\.\d+\/$/;

/**
 * Normalises a MAAS URL as the server expects: user information is taken out, a trailing `/` is
 * ensured and `api/2.0/` is appended unless the path already ends in `/api/<digits.digits>/`.
 *
 * @example
 * ```ts
 * import { parseMaasUrl } from "@libmaas/client";
 * console.log(parseMaasUrl("http://h:5240/MAAS").apiUrl); // http://h:5240/MAAS/api/2.0/
 * ```
 */
export function parseMaasUrl(input: string | URL): MaasAddress {
  if (typeof input !== "string" && !(input instanceof URL)) {
    throw new ParameterError(
      "A MAAS URL must be a string or URL, such as http://maas.example.com:5240/MAAS/",
    );
  }
  let url: URL;
  try {
    url = new URL(String(input).trim());
  } catch (cause) {
    throw new ConnectError(
      `Not a valid URL: ${JSON.stringify(redactText(String(input)))}. ` +
        "Give the MAAS address in full, such as http://maas.example.com:5240/MAAS/",
      { cause, kind: "url" },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConnectError(
      `A MAAS URL must start with http:// or https://, not ${url.protocol}// ` +
        "(for example http://maas.example.com:5240/MAAS/)",
      { kind: "url" },
    );
  }
  const username = url.username ? decodeUserInfo(url.username) : null;
  const password = url.password ? decodeUserInfo(url.password) : null;
  url.username = "";
  url.password = "";
  url.hash = "";
  url.search = "";
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  const apiUrl = API_SUFFIX.test(url.pathname) ? url.href : new URL("api/2.0/", url).href;
  const rootUrl = apiUrl.replace(API_SUFFIX, "/");
  return { apiUrl, rootUrl, username, password };
}

/** Percent-decodes user information, keeping it as typed when it is not valid encoding. */
function decodeUserInfo(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Removes user information from a URL so it can be shown in a message or a log.
 *
 * @example
 * ```ts
 * import { redactUrl } from "@libmaas/client";
 * console.log(redactUrl("http://admin:pw@h/MAAS/")); // http://h/MAAS/
 * ```
 */
export function redactUrl(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    if (!parsed.username && !parsed.password) return parsed.href;
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return redactText(String(url));
  }
}

/** Blanks out anything that looks like `user:password@` in text that is not a URL. */
function redactText(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/, "//");
}

/**
 * Fills a path template such as `machines/{system_id}/` with percent-encoded values taken from
 * `params`; the names used are removed from `params`. A missing value raises a
 * {@linkcode ParameterError} naming it.
 *
 * @example
 * ```ts
 * import { fillPath } from "@libmaas/client";
 * console.log(fillPath("tags/{name}/", { name: "gpu/a100" })); // tags/gpu%2Fa100/
 * ```
 */
export function fillPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === "") {
      throw new ParameterError(`Missing parameter ${JSON.stringify(name)} for ${template}`);
    }
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "bigint") {
      throw new ParameterError(
        `Parameter ${JSON.stringify(name)} for ${template} must be a string or number`,
      );
    }
    delete params[name];
    return encodeURIComponent(String(value));
  });
}
