/**
 * The configuration family's record: the settings changed from MAAS's defaults.
 *
 * @module
 */

/**
 * The configuration section of the state: values of the settings that differ from MAAS's
 * defaults, by setting name (the defaults live with the settings' rules in `routes.ts`).
 *
 * @example
 * ```ts
 * import { ConfigSection } from "./model.ts";
 * const config = new ConfigSection();
 * config.values.set("maas_name", "lab");
 * ```
 */
export class ConfigSection {
  /** Values set through `set_config` (or by a test), by name. */
  readonly values: Map<string, unknown> = new Map();
}
