/**
 * The users family's objects as MAAS renders them: users, SSH keys, SSL keys and API keys.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimSSHKey, SimSSLKey, SimToken, SimUser } from "./model.ts";

/**
 * A user, as `users/` (and every object that names its owner) renders one.
 *
 * @example
 * ```ts
 * import { userJson } from "./render.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * const view = userJson(MaasLine.get("3.8"), {
 *   id: 1, username: "admin", email: "a@example.com", password: "x", isSuperuser: true, isActive: true,
 * });
 * console.log(view.resource_uri); // "/MAAS/api/2.0/users/admin/"
 * ```
 */
export function userJson(line: MaasLine, user: SimUser): Record<string, unknown> {
  return line.shape("UserHandler", {
    username: user.username,
    email: user.email,
    is_local: true,
    is_superuser: user.isSuperuser,
    resource_uri: apiUri(`users/${encodeURIComponent(user.username)}/`),
  });
}

/**
 * An SSH key.
 *
 * @example
 * ```ts
 * import { sshKeyJson } from "./render.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * const key = sshKeyJson(MaasLine.get("3.8"), { id: 3, userId: 1, key: "ssh-ed25519 AAAA", keysource: "" });
 * console.log(key.resource_uri); // "/MAAS/api/2.0/account/prefs/sshkeys/3/"
 * ```
 */
export function sshKeyJson(line: MaasLine, key: SimSSHKey): Record<string, unknown> {
  return line.shape("SSHKeyHandler", {
    id: key.id,
    key: key.key,
    keysource: key.keysource,
    resource_uri: apiUri(`account/prefs/sshkeys/${key.id}/`),
  });
}

/**
 * An SSL key.
 *
 * @example
 * ```ts
 * import { sslKeyJson } from "./render.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * console.log(sslKeyJson(MaasLine.get("3.8"), { id: 2, userId: 1, key: "PEM" }).id); // 2
 * ```
 */
export function sslKeyJson(line: MaasLine, key: SimSSLKey): Record<string, unknown> {
  return line.shape("SSLKeyHandler", {
    id: key.id,
    key: key.key,
    resource_uri: apiUri(`account/prefs/sslkeys/${key.id}/`),
  });
}

/**
 * A new API key, as `create_authorisation_token` and password login answer it.
 *
 * @example
 * ```ts
 * import { tokenJson } from "./render.ts";
 * const token = tokenJson({ consumerKey: "c", tokenKey: "t", tokenSecret: "s", name: "ci", userId: 1 });
 * console.log(Object.keys(token).sort().join()); // consumer_key,name,token_key,token_secret
 * ```
 */
export function tokenJson(token: SimToken): Record<string, unknown> {
  return {
    token_key: token.tokenKey,
    token_secret: token.tokenSecret,
    consumer_key: token.consumerKey,
    name: token.name,
  };
}
