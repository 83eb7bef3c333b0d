/**
 * Saved profiles (this library's, the maas CLI's and python-libmaas's) and where connection
 * settings come from (flags, the environment, a `.env` file, the default profile, prompts), and
 * the plain-JSON record a client can be written down as.
 *
 * @example
 * ```ts
 * import { Client } from "@libmaas/client";
 * import { ProfileStore, resolveSettings } from "@libmaas/client/profiles";
 * const store = new ProfileStore();
 * console.log((await store.list()).map((profile) => profile.name));
 * const client = await Client.fromSettings(await resolveSettings({ prompter: null }));
 * console.log(client.apiUrl);
 * ```
 *
 * @module
 */

export {
  configDir,
  type Environment,
  loadProfile,
  type Profile,
  type ProfileOrigin,
  ProfileStore,
  type ProfileStoreOptions,
  type ProfileSummary,
} from "../profiles.ts";
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
} from "../settings.ts";
