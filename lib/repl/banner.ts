/**
 * The REPL's opening lines: where it is connected and how that was decided, the MAAS version,
 * who you are and the machines by status. Never a secret: credentials appear only in their
 * redacted form.
 *
 * @module
 */

import type { Client } from "../client.ts";
import { redactUrl } from "../url.ts";

/** What the banner says about where the connection came from. */
export interface BannerOptions {
  /** One line: the server and where it came from (`Settings.describe()`), or the demo's text. */
  source: string;
  /** How long to wait for the machine count before giving up on it (ms, default 5 000). */
  machineTimeout?: number;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, " ").slice(0, 300);
}

/**
 * Builds the banner by asking the server for its version, the current user and the machines.
 * It says "Connected" only when the server answered as MAAS and (unless anonymous) accepted the
 * credentials; each failure becomes a line saying what went wrong, so the REPL still opens.
 *
 * @example
 * ```ts
 * import { connect } from "../client.ts";
 * import { banner } from "./banner.ts";
 * const client = await connect("http://maas:5240/MAAS/", { apikey: "ck:tk:ts" });
 * console.log(await banner(client, { source: "MAAS_URL" }));
 * ```
 */
export async function banner(client: Client, options: BannerOptions): Promise<string> {
  const [version, user, machines] = await Promise.allSettled([
    client.call<{ version?: string; subversion?: string }>("GET", "version/", { retries: 1 }),
    client.isAnonymous
      ? Promise.resolve(null)
      : client.call<{ username?: string; is_superuser?: boolean }>("GET", "users/", {
        op: "whoami",
        retries: 1,
      }),
    client.isAnonymous ? Promise.resolve(null) : client.call<unknown[]>("GET", "machines/", {
      timeout: options.machineTimeout ?? 5000,
      retries: 0,
    }),
  ]);
  const url = redactUrl(client.apiUrl);
  const answered = version.status === "fulfilled" && typeof version.value?.version === "string";
  const lines = [
    answered && user.status === "fulfilled"
      ? `Connected to ${url}`
      : answered
      ? `Reached MAAS at ${url}, but not signed in`
      : `Not connected: ${url} did not answer as MAAS`,
    `  via ${options.source}`,
  ];
  if (version.status === "fulfilled") {
    const v = version.value;
    lines.push(
      `  MAAS ${v?.version ?? "(version unknown)"}${v?.subversion ? ` (${v.subversion})` : ""}`,
    );
  } else {
    lines.push(`  MAAS version unknown: ${oneLine(version.reason)}`);
  }
  if (client.isAnonymous) {
    lines.push("  Anonymous: only a few read-only endpoints answer without an API key.");
  } else if (user.status === "fulfilled") {
    const u = user.value;
    lines.push(`  Signed in as ${u?.username ?? "?"}${u?.is_superuser ? " (administrator)" : ""}`);
  } else {
    lines.push(`  Not signed in: ${oneLine(user.reason)}`);
  }
  if (!client.isAnonymous) {
    if (machines.status === "fulfilled" && Array.isArray(machines.value)) {
      lines.push(`  ${machineSummary(machines.value)}`);
    } else if (machines.status === "rejected" && user.status === "fulfilled") {
      lines.push(`  Machines not counted: ${oneLine(machines.reason)}`);
    }
  }
  lines.push("Type help() for what is here; await client.machines.list() to start.");
  return lines.join("\n");
}

/**
 * `Machines: 40 — Ready 20, Deployed 12, New 8`.
 *
 * @example
 * ```ts
 * import { machineSummary } from "./banner.ts";
 * console.log(machineSummary([{ status_name: "Ready" }, { status_name: "Ready" }]));
 * // Machines: 2 — Ready 2
 * ```
 */
export function machineSummary(machines: readonly unknown[]): string {
  const counts = new Map<string, number>();
  for (const machine of machines) {
    const status = (machine as { status_name?: unknown })?.status_name;
    const name = typeof status === "string" ? status : "Unknown";
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map((
    [name, count],
  ) => `${name} ${count}`);
  return `Machines: ${machines.length}${parts.length ? " — " + parts.join(", ") : ""}`;
}
