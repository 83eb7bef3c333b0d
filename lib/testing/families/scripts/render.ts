/**
 * Scripts as MAAS renders them: their time limit as Python prints a duration, the revisions of
 * their content as a history (with the content, base64-encoded, when asked for).
 *
 * @module
 */

import { Buffer } from "node:buffer";
import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import { revisionTime } from "../../versioned_text.ts";
import { HARDWARE_TYPES, PARALLEL, SCRIPT_TYPES, type SimScript } from "./model.ts";

/**
 * Python's `str(timedelta)` of whole seconds: `0:05:00`, `1 day, 2:00:00`.
 *
 * @example
 * ```ts
 * import { duration } from "./render.ts";
 * console.log(duration(90_000)); // 1 day, 1:00:00
 * ```
 */
export function duration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds - days * 86_400;
  const clock = `${Math.floor(rest / 3600)}:${
    String(Math.floor(rest / 60) % 60).padStart(2, "0")
  }:${String(rest % 60).padStart(2, "0")}`;
  return days > 0 ? `${days} day${days === 1 ? "" : "s"}, ${clock}` : clock;
}

/**
 * A script, as `scripts/` renders one; `includeScript` adds each revision's content.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { scriptJson } from "./render.ts";
 * await using sim = await MaasSimulator.start();
 * const lshw = sim.state.scripts.find("maas-lshw")!;
 * console.log(scriptJson(sim.state.line, lshw).type_name); // Commissioning script
 * ```
 */
export function scriptJson(
  line: MaasLine,
  script: SimScript,
  includeScript = false,
): Record<string, unknown> {
  return line.shape("NodeScriptHandler", {
    id: script.id,
    name: script.name,
    title: script.title,
    description: script.description,
    tags: script.tags,
    type: script.type,
    type_name: SCRIPT_TYPES[script.type] ?? "unknown",
    hardware_type: script.hardwareType,
    hardware_type_name: HARDWARE_TYPES[script.hardwareType],
    parallel: script.parallel,
    parallel_name: PARALLEL[script.parallel],
    results: script.results,
    parameters: script.parameters,
    packages: script.packages,
    timeout: duration(script.timeout),
    destructive: script.destructive,
    for_hardware: script.forHardware,
    may_reboot: script.mayReboot,
    recommission: script.recommission,
    history: script.revisions.map((revision) => ({
      id: revision.id,
      comment: revision.comment,
      created: revisionTime(revision.created),
      ...(includeScript ? { data: Buffer.from(revision.data).toString("base64") } : {}),
    })),
    default: script.isDefault,
    apply_configured_networking: script.applyConfiguredNetworking,
    resource_uri: apiUri(`scripts/${encodeURIComponent(script.name)}`),
  });
}
