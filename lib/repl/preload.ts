/**
 * Runs inside `deno repl` before the first prompt: reads (and deletes) the launcher's handoff,
 * connects (or starts the demo simulator), installs the globals, prints the banner and makes
 * Ctrl-C cancel requests in flight.
 *
 * @module
 */

import * as library from "../../mod.ts";
import { Client, connect } from "../client.ts";
import { type Profile, ProfileStore } from "../profiles.ts";
import { banner } from "./banner.ts";
import { CancelSignal, installCtrlC } from "./cancel.ts";
import { shapeForCompletion, shapeGetterResults } from "./completion.ts";
import { createContext, installGlobals, loadLibraryDocs } from "./context.ts";
import { internalMembers } from "./help.ts";
import type { Handoff } from "./launch.ts";

/** What the demo needs from the simulator (`@libmaas/client/testing`). */
export interface DemoServer {
  /** The server's MAAS URL. */
  url: string;
  /** The admin user's API key. */
  adminApiKey: string;
  /** Stops the server. */
  close(): Promise<void> | void;
}

/**
 * Starts the simulator with a seeded inventory, for `--demo`.
 *
 * @example
 * ```ts
 * import { startDemo } from "./preload.ts";
 * const server = await startDemo({ machines: 10, seed: 1 });
 * console.log(server.url);
 * await server.close();
 * ```
 */
export async function startDemo(options: { machines: number; seed: number }): Promise<DemoServer> {
  const testing = await import("../testing/mod.ts");
  return await testing.MaasSimulator.start({ machines: options.machines, seed: options.seed });
}

/** The banner's line for the demo. */
function demoSource(
  server: DemoServer,
  options: { machines: number; seed: number },
): string {
  return `the demo: a simulated MAAS at ${server.url} with ${options.machines} machines ` +
    `(seed ${options.seed}); nothing here touches a real server`;
}

/**
 * The preload's entry point; `handoffFile` is deleted as soon as it is read.
 *
 * @example
 * ```ts
 * import { start } from "./preload.ts";
 * await start("/tmp/libmaas-repl-x/handoff.json");
 * ```
 */
export async function start(handoffFile: string): Promise<void> {
  const fs = await import("node:fs/promises");
  const process = (await import("node:process")).default;
  let handoff: Handoff;
  try {
    handoff = JSON.parse(await fs.readFile(handoffFile, "utf8"));
  } finally {
    await fs.rm(handoffFile, { force: true });
  }
  const docs = loadLibraryDocs().catch(() => null);
  const cancel = new CancelSignal();
  let client: Client;
  let source = handoff.source;
  let profile: Profile | null = null;
  let store: ProfileStore | null = null;
  if (handoff.demo) {
    const server = await startDemo(handoff.demo);
    client = await connect(server.url, { apikey: server.adminApiKey, signal: cancel.signal });
    source = demoSource(server, handoff.demo);
    Object.defineProperty(globalThis, "simulator", {
      value: server,
      writable: true,
      configurable: true,
    });
  } else {
    if (!handoff.record) throw new Error("The REPL was started without a connection.");
    client = Client.resume(handoff.record, { signal: cancel.signal });
    if (handoff.profile) {
      store = new ProfileStore();
      profile = await store.load(handoff.profile).catch(() => null);
    }
  }
  const [text, docJson] = await Promise.all([banner(client, { source }), docs]);
  if (docJson) {
    // Tab completion then offers what a user may call: see completion.ts.
    const internal = internalMembers(docJson);
    shapeForCompletion(Object.values(library), internal);
    shapeGetterResults(Client, internal);
  }
  installGlobals(
    await createContext({
      client,
      profile,
      store,
      docs: () => {
        if (!docJson) throw new Error("The library's documentation could not be read.");
        return docJson;
      },
    }),
  );
  console.log(text);
  await installCtrlC({
    inFlight: () => client.transport.inFlight,
    signal: cancel,
    write: (line) => console.error(line),
    exit: (code) => process.exit(code),
  });
}
