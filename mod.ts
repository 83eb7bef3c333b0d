/**
 * A client for the MAAS (Metal as a Service) HTTP API 2.0.
 *
 * Three ways in, one core: {@linkcode connect} and {@linkcode login} for the typed client,
 * {@linkcode SessionAPI} for every action the server describes, and the simulator in
 * `@libmaas/client/testing` for tests and demos.
 *
 * @example
 * ```ts
 * import { SessionAPI } from "@libmaas/client";
 * const { session } = await SessionAPI.connect("http://maas.example.com:5240/MAAS/", {
 *   apikey: "consumer_key:token_key:token_secret",
 * });
 * console.log(await session.handlers.Users.whoami());
 * ```
 *
 * @module
 */

export { authorizationHeader, Credentials, oauthEncode } from "./lib/auth.ts";
export * from "./lib/errors.ts";
export { fillPath, type MaasAddress, parseMaasUrl, redactUrl } from "./lib/url.ts";
export {
  type Answer,
  appendParams,
  type CallOptions,
  type Params,
  type ParamValue,
  type RequestOptions,
  sleep,
  Transport,
  type TransportOptions,
} from "./lib/transport.ts";
export type { TlsOptions } from "./lib/runtime.ts";
export {
  type DescribedAction,
  type DescribedHandler,
  type DescribedResource,
  type Description,
  fetchDescription,
  validateDescription,
} from "./lib/description.ts";
export {
  type Action,
  type ActionInfo,
  Handler,
  type HandlerActions,
  type Handlers,
  type ProfileSession,
  SessionAPI,
  type SessionOptions,
  shortName,
} from "./lib/session.ts";
export {
  configDir,
  type Environment,
  loadProfile,
  type Profile,
  ProfileError,
  type ProfileOrigin,
  ProfileStore,
  type ProfileStoreOptions,
  type ProfileSummary,
} from "./lib/profiles.ts";
export {
  type ClientRecord,
  parseEnvFile,
  type Prompter,
  type ResolveOptions,
  resolveSettings,
  type SerialisableTransportOptions,
  Settings,
  type SettingsFlags,
  type SettingsOrigins,
  type SettingsSource,
} from "./lib/settings.ts";
export { Client, connect, type ConnectOptions, login } from "./lib/client.ts";
export type { LoginOptions } from "./lib/connect.ts";
export {
  apiPath,
  type ClientContext,
  defineFields,
  type FieldSpec,
  MaasObject,
  Namespace,
  type WireData,
} from "./lib/objects/base.ts";
export * from "./lib/objects/users.ts";
export * from "./lib/objects/enums.ts";
export * from "./lib/objects/nodes.ts";
export * from "./lib/objects/machines.ts";
export * from "./lib/objects/interfaces.ts";
export * from "./lib/objects/storage.ts";
export * from "./lib/objects/networking.ts";
export * from "./lib/objects/dns.ts";
export * from "./lib/objects/placement.ts";
export * from "./lib/objects/tags.ts";
export * from "./lib/objects/events.ts";
export * from "./lib/objects/files.ts";
export * from "./lib/objects/boot.ts";
export * from "./lib/objects/config.ts";
export * from "./lib/objects/services.ts";
export * from "./lib/objects/vmhosts.ts";
