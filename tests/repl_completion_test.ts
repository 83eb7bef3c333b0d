/**
 * Tab completion and help() in the REPL, in a real terminal: what a user may call is offered,
 * internals are not, and help() shows the types a generic method has for the object at hand.
 */

import assert from "node:assert/strict";
import { hermetic, replCommand, Terminal, withDir } from "./repl_harness.ts";

/** What Object.prototype puts on every object, and the class plumbing. */
const PLUMBING = [
  "constructor",
  "__defineGetter__",
  "__lookupSetter__",
  "__proto__",
  "hasOwnProperty",
];

function offers(listed: string[], wanted: string[], unwanted: string[], what: string): void {
  for (const name of wanted) assert.ok(listed.includes(name), `${what} offers ${name}: ${listed}`);
  for (const name of unwanted) {
    assert.ok(!listed.includes(name), `${what} does not offer ${name}: ${listed}`);
  }
}

Deno.test("REPL completion: what a user may call, not internals; help() with resolved types", async () => {
  await withDir(async (dir) => {
    const terminal = await Terminal.open(
      replCommand("--demo --machines 3"),
      await hermetic(dir),
      { columns: 220, rows: 80 },
    );
    try {
      await terminal.waitFor(/Machines: 3[\s\S]*\n>$/, 60_000);

      offers(
        await terminal.completions("client."),
        ["machines", "users", "zones", "session", "call", "close", "export", "apiUrl"],
        PLUMBING,
        "client.",
      );
      offers(
        await terminal.completions("client.machines."),
        ["list", "get", "allocate", "deployAll", "getByHostname", "poller"],
        [...PLUMBING, "context", "collectionPath", "memberName", "wrap", "toParams", "memberPath"],
        "client.machines.",
      );
      // Only one name starts with "co" once context, collectionPath and constructor are gone.
      await terminal.type("client.machines.co", false);
      await terminal.press("Tab");
      await terminal.waitFor(/\n> client\.machines\.commissionAll$/);
      await terminal.press("C-u");

      await terminal.type("var m = (await client.machines.list())[0]; String(m)");
      await terminal.waitFor(/\n"Machine \w+ [\s\S]*\n>$/);
      offers(
        await terminal.completions("m."),
        [
          "deploy",
          "release",
          "hostname",
          "statusName",
          "zone",
          "refresh",
          "save",
          "toJSON",
          "data",
        ],
        [...PLUMBING, "postOp", "take", "encodeUserData", "saveParams", "sendPowerOn"],
        "m.",
      );

      await terminal.type("help(client.machines.list)");
      const help = await terminal.waitFor(/CallOptions:[\s\S]*\n>$/);
      assert.match(
        help,
        /^Machines\.list\(params\?: NodeFilters, options\?: CallOptions\): Promise<Machine\[\]> {2}\(from NodeCollection\)$/m,
      );
      assert.doesNotMatch(help, /Promise<T/);
      await terminal.type("help(client.machines)");
      const members = await terminal.waitFor(/help\(x\.method\) tells more about one method\.\n>$/);
      assert.match(
        members,
        /^ {2}get\(systemId: string, params\?: ExtraParams, options\?: CallOptions\): Promise<Machine>/m,
      );

      await terminal.type("(await client.machines.get(m.systemId)).hostname === m.hostname");
      await terminal.waitFor(/\ntrue\n>$/);
      await terminal.press("C-d");
      await terminal.waitFor(/REPL-EXITED=0/);
    } finally {
      await terminal.close();
    }
  });
});
