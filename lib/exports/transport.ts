/**
 * The transport: signed requests to MAAS, with their limits, time-outs and retries, and the
 * pieces they are made of (the OAuth header, parameter encoding, MAAS addresses). For scripts that
 * call the API by path, or build their own client on the same transport. (`CallOptions`, the
 * per-call options, comes from `@libmaas/client`.)
 *
 * @example
 * ```ts
 * import { Credentials } from "@libmaas/client";
 * import { parseMaasUrl, Transport } from "@libmaas/client/transport";
 * const transport = new Transport({ credentials: Credentials.parse("ck:tk:ts"), retries: 2 });
 * const { apiUrl } = parseMaasUrl("http://maas.example.com:5240/MAAS");
 * // const me = await transport.request("GET", apiUrl + "users/", { op: "whoami" });
 * transport.close();
 * ```
 *
 * @module
 */

export {
  type Answer,
  appendParams,
  type Params,
  type ParamValue,
  type RequestOptions,
  Transport,
  type TransportOptions,
} from "../transport.ts";
export { authorizationHeader, oauthEncode } from "../auth.ts";
export { fillPath, type MaasAddress, parseMaasUrl, redactUrl } from "../url.ts";
export type { TlsOptions } from "../runtime.ts";
