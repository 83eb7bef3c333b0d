/**
 * The package's entry points as a user outside the repository reaches them: `deno run -A
 * jsr:@libmaas/client/repl` and `import … from "jsr:@libmaas/client/format"`, started by their
 * export names. JSR cannot be reached here, so a folder of its own links the package name to this
 * checkout (its `deno.json` exports decide what each name opens), or maps the names with an
 * import map as a user without JSR would.
 */

import assert from "node:assert/strict";
import { decoder, hermetic, replCommand, Terminal, withDir } from "./repl_harness.ts";

const ROOT = new URL("..", import.meta.url);

async function deno(
  args: string[],
  dir: string,
): Promise<{ code: number; out: string; err: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: dir,
    env: await hermetic(dir),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: output.code,
    out: decoder.decode(output.stdout),
    err: decoder.decode(output.stderr),
  };
}

Deno.test("exports: ./repl and ./format work by their names from a folder outside the repo", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  assert.equal(config.exports["./repl"], "./repl.ts");
  assert.equal(config.exports["./format"], "./lib/format.ts");
  await withDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/deno.json`, JSON.stringify({ links: [ROOT.pathname] }));
    const count = "(await client.machines.list()).length";
    const run = await deno(
      [
        "run",
        "--cached-only",
        "-A",
        "jsr:@libmaas/client/repl",
        "--demo",
        "--machines",
        "3",
        "-e",
        count,
      ],
      dir,
    );
    assert.equal(run.code, 0, run.err);
    assert.equal(run.out, "3\n");
    assert.equal(run.err, "", "no download or resolution noise");

    await Deno.writeTextFile(
      `${dir}/report.ts`,
      [
        'import { connect } from "jsr:@libmaas/client";',
        'import { csv, table } from "jsr:@libmaas/client/format";',
        'import { MaasSimulator } from "jsr:@libmaas/client/testing";',
        "await using sim = await MaasSimulator.start({ machines: 2, seed: 9 });",
        "const client = await connect(sim.url, { apikey: sim.adminApiKey });",
        "const machines = await client.machines.list();",
        'console.log(String(csv(machines, ["system_id", "hostname"])));',
        'console.log(`${await table(client.machines.list(), ["hostname"])}`);',
        "client.close();",
      ].join("\n"),
    );
    const script = await deno(["run", "--cached-only", "-A", "report.ts"], dir);
    assert.equal(script.code, 0, script.err);
    const lines = script.out.trimEnd().split("\n");
    assert.equal(lines[0], "system_id,hostname");
    assert.match(lines[1], /^[a-z0-9]{6},\S+$/);
    assert.equal(lines[3], "hostname");
    assert.equal(lines.at(-1), "(2 rows)");

    // A user without JSR: an import map gives each export name its file in the checkout.
    const imports: Record<string, string> = {};
    for (const [name, file] of Object.entries(config.exports as Record<string, string>)) {
      imports[`@libmaas/client${name.slice(1)}`] = new URL(file, ROOT).href;
    }
    await Deno.mkdir(`${dir}/mapped`);
    await Deno.writeTextFile(`${dir}/mapped/deno.json`, JSON.stringify({ imports }));
    const mapped = await deno(
      [
        "run",
        "--cached-only",
        "-A",
        "@libmaas/client/repl",
        "--demo",
        "--machines",
        "2",
        "-e",
        count,
      ],
      `${dir}/mapped`,
    );
    assert.equal(mapped.code, 0, mapped.err);
    assert.equal(mapped.out, "2\n");
  });
});

Deno.test("exports: the REPL opened as jsr:@libmaas/client/repl reaches a live prompt", async () => {
  await withDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/deno.json`, JSON.stringify({ links: [ROOT.pathname] }));
    const command = replCommand("--demo --machines 2").replace(
      /\S*repl\.ts /,
      "jsr:@libmaas/client/repl ",
    );
    assert.match(command, / jsr:@libmaas\/client\/repl --demo/);
    const terminal = await Terminal.open(`cd ${dir} && ${command}`, await hermetic(dir));
    try {
      await terminal.waitFor(/Machines: 2[\s\S]*\n>$/, 60_000);
      await terminal.type("(await client.users.whoami()).username");
      await terminal.waitFor(/\n"admin"\n>$/);
      await terminal.press("C-d");
      await terminal.waitFor(/REPL-EXITED=0/);
    } finally {
      await terminal.close();
    }
  });
});
