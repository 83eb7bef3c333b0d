/**
 * Portable tests: what `repl.ts` does outside its interactive prompt, which is Deno's own REPL
 * and so Deno-only: `-e` evaluation (also with `--demo`) and the profile commands, as a child
 * process. Node cannot run `repl.ts` (it is TypeScript), so these run on Deno and Bun.
 *
 * @module
 */

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import process from "node:process";
import { test } from "./harness.ts";
import { runSameRuntime, RUNTIME, scriptArgs, withSimulator, withTempDir } from "./support.ts";

/**
 * `repl.ts ARGS` with its own config folder (made by the store itself, owner-only), run in the
 * folder above it, and no MAAS settings from this process.
 */
function repl(args: string[], configDir: string) {
  return runSameRuntime([...scriptArgs("repl.ts"), ...args], {
    env: {
      LIBMAAS_CONFIG_DIR: configDir,
      MAAS_URL: "",
      MAAS_APIKEY: "",
      MAAS_PROFILE: "",
      MAAS_USERNAME: "",
      MAAS_PASSWORD: "",
    },
    cwd: dirname(configDir),
  });
}

if (RUNTIME !== "node") {
  test("repl: -e evaluates one expression on the demo inventory and prints JSON", async () => {
    await withTempDir(async (dir) => {
      const result = await repl([
        "--demo",
        "--machines",
        "5",
        "-e",
        "(await client.machines.list()).map(String)",
      ], join(dir, "config"));
      assert.equal(result.code, 0, result.stderr);
      const listed = JSON.parse(result.stdout) as string[];
      assert.equal(listed.length, 5);
      assert.match(listed[0], /^Machine \w+ \S+ /);
      const failed = await repl(
        ["--demo", "-e", "await client.machines.get('nope00')"],
        join(dir, "config"),
      );
      assert.equal(failed.code, 1);
      assert.match(failed.stderr.trim(), /^error: NotFoundError: .*No Machine matches/);
      assert.equal(failed.stderr.trim().split("\n").length, 1, "a one-line error");
    });
  });

  test("repl: login, profiles, switch, -e on a profile and logout", async () => {
    await withSimulator({ machines: 3 }, async (sim) => {
      await withTempDir(async (dir) => {
        const config = join(dir, "config");
        const login = await repl([
          "login",
          "--profile",
          "lab",
          sim.url,
          "--apikey",
          sim.adminApiKey,
        ], config);
        assert.equal(login.code, 0, login.stderr);
        assert.match(login.stdout, /Saved profile "lab"/);
        const profiles = await repl(["profiles", "--format", "json"], config);
        assert.equal(profiles.code, 0, profiles.stderr);
        const [row] = JSON.parse(profiles.stdout) as { name: string; user: string }[];
        assert.deepEqual([row.name, row.user], ["lab", "admin"]);
        assert.ok(!profiles.stdout.includes(sim.adminApiKey.split(":")[2]));
        assert.equal((await repl(["switch", "lab"], config)).code, 0);
        const count = await repl(["-e", "(await client.machines.list()).length"], config);
        assert.equal(count.code, 0, count.stderr);
        assert.equal(count.stdout.trim(), "3");
        assert.equal((await repl(["logout", "lab"], config)).code, 0);
        const gone = await repl(["--profile", "lab", "-e", "1"], config);
        assert.equal(gone.code, 1);
        assert.match(gone.stderr, /ProfileNotFound/);
      });
    });
  });
}

if (RUNTIME === "bun") {
  test("repl: where Bun would have to prompt, it says in one line what to pass instead", async () => {
    await withTempDir(async (dir) => {
      // script(1) gives the command a terminal of its own, so the settings would ask.
      const command = [process.execPath, ...scriptArgs("repl.ts"), "-e", "1"]
        .map((part) => `'${part}'`).join(" ");
      const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn("script", ["-qec", command, "/dev/null"], {
          cwd: dir,
          env: {
            PATH: process.env.PATH,
            HOME: dir,
            LIBMAAS_CONFIG_DIR: join(dir, "config"),
            NO_COLOR: "1",
          },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => output += chunk);
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => output += chunk);
        child.on("close", (code) => resolve({ code, output }));
      });
      assert.equal(result.code, 1, result.output);
      assert.equal(
        result.output.trim(),
        "error: ParameterError: The prompts need Deno: give the connection with --url and " +
          "--apikey (or --apikey-file, a profile, the environment), or run repl.ts with Deno.",
      );
    });
  });

  test("repl: without -e or a command, Bun says the interactive REPL is Deno's", async () => {
    await withTempDir(async (dir) => {
      const result = await repl(["--demo"], join(dir, "config"));
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /interactive REPL runs on Deno .* use -e EXPR or the profile commands/,
      );
    });
  });
}
