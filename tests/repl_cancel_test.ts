/**
 * Ctrl-C in the REPL, in a real terminal: it cancels what the line is doing (a wait too) and the
 * session goes on; only Ctrl-C twice on an empty line (or Ctrl-D) leaves, and a line stuck in
 * code of its own can still be left with Ctrl-C twice.
 */

import { hermetic, replCommand, Terminal, withDir } from "./repl_harness.ts";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("REPL Ctrl-C: a deploy({}, { wait: true }) ends with CancelledError and the session goes on", async () => {
  await withDir(async (dir) => {
    const terminal = await Terminal.open(replCommand("--demo --machines 12"), await hermetic(dir));
    try {
      await terminal.waitFor(/Machines: 12[\s\S]*\n>$/, 60_000);
      await terminal.type(
        "var m = (await client.machines.list()).find((m) => m.statusName === 'Ready'); String(m)",
      );
      await terminal.waitFor(/\n"Machine \w+ \S+ Ready"\n>$/);
      await terminal.type("await m.deploy({}, { wait: true })");
      // The poller reads the machine every 5 s: this Ctrl-C falls between two reads.
      await pause(1_000);
      await terminal.press("C-c");
      await terminal.waitFor(
        /\^C cancelling the wait\nUncaught CancelledError: Cancelled with Ctrl-C\n>$/,
      );
      await terminal.type("[(await m.refresh()).statusName, client.machines.poller.watching]");
      await terminal.waitFor(/\n\[ "Deploy(ing|ed)", 0 \]\n>$/);

      // The same signal works again: a wait that is not cancelled runs to its end.
      await terminal.type("(await m.release({}, { wait: true, interval: 100 })).statusName");
      await terminal.waitFor(/\n"Ready"\n>$/, 30_000);

      await terminal.press("C-d");
      await terminal.waitFor(/REPL-EXITED=0/);
    } finally {
      await terminal.close();
    }
  });
});

Deno.test("REPL Ctrl-C: twice on an empty line leaves; twice on a line of its own too", async () => {
  await withDir(async (dir) => {
    const env = await hermetic(dir);
    const idle = await Terminal.open(replCommand("--demo --machines 1"), env);
    try {
      await idle.waitFor(/Machines: 1[\s\S]*\n>$/, 60_000);
      await idle.press("C-c");
      await idle.waitFor(/press ctrl\+c again to exit\n>$/);
      await idle.press("C-c");
      await idle.waitFor(/REPL-EXITED=0/);
    } finally {
      await idle.close();
    }

    const stuck = await Terminal.open(replCommand("--demo --machines 1"), env);
    try {
      await stuck.waitFor(/Machines: 1[\s\S]*\n>$/, 60_000);
      await stuck.type("await new Promise(() => {})");
      await pause(300);
      await stuck.press("C-c");
      await stuck.waitFor(
        /\(nothing of the client's is running to cancel; press Ctrl-C again to leave the REPL\)$/,
      );
      await stuck.press("C-c");
      await stuck.waitFor(/REPL-EXITED=130/);
    } finally {
      await stuck.close();
    }
  });
});
