/**
 * The REPL as people and scripts use it: `repl.ts -e` and the profile commands as real
 * subprocesses, and the interactive REPL in a real terminal (tmux).
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Credentials } from "../mod.ts";
import { type Description, SessionAPI } from "../lib/session.ts";
import { evaluate } from "../lib/repl/context.ts";
import { renderValue } from "../lib/repl/format.ts";
import { csv, table } from "../lib/format.ts";
import { Helper } from "../lib/repl/help.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";
import { decoder, hermetic, REPL, repl, replCommand, Terminal, withDir } from "./repl_harness.ts";

Deno.test("repl -e: JSON when piped, and each --format on request", async () => {
  await withDir(async (dir) => {
    const [whoami, table, csv, yaml, json, statements] = await Promise.all([
      repl(["--demo", "-e", "await client.users.whoami()"], { dir }),
      repl(["--demo", "-e", "await client.machines.list()", "--format", "table"], { dir }),
      repl(["--demo", "--machines", "5", "-e", "await client.machines.list()", "--format", "csv"], {
        dir,
      }),
      repl(["--demo", "-e", "await client.users.whoami()", "--format", "yaml"], { dir }),
      repl(["--demo", "-e", "await client.machines.list()", "--format", "json"], { dir }),
      repl(["--demo", "-e", "const all = await client.machines.list(); return all.length"], {
        dir,
      }),
    ]);
    for (const run of [whoami, table, csv, yaml, json, statements]) {
      assert.equal(run.code, 0, run.stderr);
    }
    assert.equal(JSON.parse(whoami.stdout).username, "admin");
    const lines = table.stdout.trimEnd().split("\n");
    assert.match(lines[0], /^system_id\s+hostname\s+status_name/);
    assert.match(lines[1], /^-+\s+-+/);
    assert.equal(lines.at(-1), "(40 rows)");
    assert.equal(lines.length, 43);
    const rows = csv.stdout.trimEnd().split("\n");
    assert.equal(rows.length, 6);
    assert.match(rows[0], /^system_id,hostname,status_name,/);
    assert.match(yaml.stdout, /^username: admin$/m);
    assert.match(yaml.stdout, /^is_superuser: true$/m);
    const machines = JSON.parse(json.stdout);
    assert.equal(machines.length, 40);
    assert.equal(typeof machines[0].system_id, "string");
    assert.equal(statements.stdout.trim(), "40");
  });
});

Deno.test("repl -e: text made by table(), csv() and help() is printed as it is", async () => {
  await withDir(async (dir) => {
    const list = "await client.machines.list()";
    const [csvRun, tableRun, helpRun, asJson] = await Promise.all([
      repl(["--demo", "--machines", "4", "-e", `csv(${list}, ["system_id", "hostname"])`], { dir }),
      repl(["--demo", "--machines", "4", "-e", `table(${list}, ["hostname"])`], { dir }),
      repl(["--demo", "--machines", "1", "-e", "help()"], { dir }),
      repl(["--demo", "--machines", "4", "-e", `csv(${list})`, "--format", "json"], { dir }),
    ]);
    for (const run of [csvRun, tableRun, helpRun, asJson]) assert.equal(run.code, 0, run.stderr);
    const rows = csvRun.stdout.trimEnd().split("\n");
    assert.equal(rows[0], "system_id,hostname");
    assert.equal(rows.length, 5);
    assert.match(rows[1], /^[a-z0-9]{6},\S+$/);
    assert.match(tableRun.stdout, /^hostname\n-+\n(\S+\n){4}\(4 rows\)\n$/);
    assert.match(helpRun.stdout, /^Globals:\n {2}client /);
    assert.match(asJson.stdout, /^system_id,hostname,status_name,/, "not a JSON string");
  });
});

Deno.test("repl -e: a reader that leaves early (| head -1) ends it quietly with 0", async () => {
  await withDir(async (dir) => {
    const command = `set -o pipefail; ${Deno.execPath()} run --cached-only -A ${REPL} --demo ` +
      `--machines 300 -e "await client.machines.list()" --format json | head -1`;
    const output = await new Deno.Command("bash", {
      args: ["-c", command],
      cwd: dir,
      env: await hermetic(dir),
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(decoder.decode(output.stderr), "");
    assert.equal(decoder.decode(output.stdout), "[\n");
    assert.equal(output.code, 0);
  });
});

Deno.test("repl -e: failures are one line on stderr with a non-zero exit", async () => {
  await withDir(async (dir) => {
    const nowhere = "http://127.0.0.1:1/MAAS/";
    const [missing, syntax, format, command, nothing, noKey, noPassword] = await Promise.all([
      repl(["--demo", "-e", "await client.machines.get('nope')"], { dir }),
      repl(["--demo", "-e", "await ("], { dir }),
      repl(["--demo", "-e", "1", "--format", "xml"], { dir }),
      repl(["launch"], { dir }),
      repl(["-e", "1"], { dir }),
      repl(["--url", nowhere, "--apikey", "-", "-e", "1"], { dir, stdin: "\n" }),
      repl(["--url", nowhere, "--username", "a", "--password-stdin", "-e", "1"], {
        dir,
        stdin: "",
      }),
    ]);
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /^repl\.ts: --apikey - read nothing from standard input\n/);
    assert.equal(noPassword.code, 2);
    assert.match(
      noPassword.stderr,
      /^repl\.ts: --password-stdin read nothing from standard input\n/,
    );
    assert.equal(missing.code, 1);
    assert.equal(missing.stdout, "");
    assert.equal(missing.stderr.trimEnd().split("\n").length, 1, missing.stderr);
    assert.match(
      missing.stderr,
      /^error: NotFoundError: GET .*machines\/nope\/ -> 404 .*No Machine matches/,
    );
    assert.equal(syntax.code, 1);
    assert.match(syntax.stderr, /^error: SyntaxError: /);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be one of table, json, yaml, csv/);
    assert.equal(command.code, 2);
    assert.match(command.stderr, /Unknown command "launch"/);
    assert.equal(nothing.code, 1);
    assert.equal(nothing.stderr.trimEnd().split("\n").length, 1);
    assert.match(nothing.stderr, /^error: NoServerError: No MAAS server was given\. Looked in: /);
    assert.match(nothing.stderr, /skipped: standard input is not a terminal/);
  });
});

Deno.test("repl -e: the connection from flags, stdin, the environment and a .env file", async () => {
  await withDir(async (dir) => {
    const sim = await MaasSimulator.start({ machines: 3, seed: 2 });
    try {
      const who = "(await client.users.whoami()).username";
      const secret = Credentials.parse(sim.adminApiKey).tokenSecret;
      const runs = await Promise.all([
        repl(["--url", sim.url, "--apikey", sim.adminApiKey, "-e", who], { dir }),
        repl(["--url", sim.url, "--apikey", "-", "-e", who], {
          dir,
          stdin: sim.adminApiKey + "\n",
        }),
        repl(["--url", sim.url, "--username", "admin", "--password-stdin", "-e", who], {
          dir,
          stdin: sim.adminPassword + "\n",
        }),
        repl(["-e", who], { dir, env: { MAAS_URL: sim.url, MAAS_APIKEY: sim.adminApiKey } }),
      ]);
      for (const run of runs) {
        assert.equal(run.code, 0, run.stderr);
        assert.equal(JSON.parse(run.stdout), "admin");
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret));
      }
      const shown = "[client, client.export(), client.credentials, await client.users.whoami()]";
      for (const format of ["json", "yaml", "csv", "table"]) {
        const run = await repl(
          ["--url", sim.url, "--apikey", sim.adminApiKey, "-e", shown, "--format", format],
          { dir },
        );
        assert.equal(run.code, 0, run.stderr);
        assert.ok(!run.stdout.includes(secret), `${format}: ${run.stdout}`);
      }
      Deno.writeTextFileSync(
        `${dir}/.env`,
        `MAAS_URL=${sim.url}\nMAAS_APIKEY=${sim.adminApiKey}\n`,
      );
      const fromFile = await repl(["-e", "client.apiUrl"], { dir });
      assert.equal(JSON.parse(fromFile.stdout), sim.apiUrl, fromFile.stderr);
      const wrong = await repl(["-e", who], {
        dir,
        env: { MAAS_URL: sim.url, MAAS_APIKEY: "aaa:bbb:ccc" },
      });
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /^error: UnauthorizedError: /);
    } finally {
      await sim.close();
    }
  });
});

Deno.test("repl profile commands: login, profiles, switch, logout, maas CLI profiles", async () => {
  await withDir(async (dir) => {
    const sim = await MaasSimulator.start({ machines: 3, seed: 2 });
    try {
      const secret = Credentials.parse(sim.adminApiKey).tokenSecret;
      const login = await repl(
        ["login", "--profile", "lab", sim.url, "--apikey", sim.adminApiKey],
        {
          dir,
        },
      );
      assert.equal(login.code, 0, login.stderr);
      assert.match(login.stdout, /Saved profile "lab" for .* as admin \(the default profile\)/);
      assert.equal(Deno.statSync(`${dir}/config/profiles/lab.json`).mode! & 0o777, 0o600);

      const refused = await repl(["login", "--profile", "bad", sim.url, "--apikey", "x:y:z"], {
        dir,
      });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /nothing was saved/);

      const byPassword = await repl(["login", sim.url, "admin", "--password-stdin"], {
        dir,
        stdin: sim.adminPassword + "\n",
      });
      assert.equal(byPassword.code, 0, byPassword.stderr);
      assert.match(byPassword.stdout, /Saved profile "127\.0\.0\.1" .* as admin\. /);

      const listed = await repl(["profiles", "--format", "json"], { dir });
      assert.equal(listed.code, 0, listed.stderr);
      assert.ok(!listed.stdout.includes(secret));
      assert.deepEqual(
        JSON.parse(listed.stdout).map((p: Record<string, string>) => [p.name, p.user, p.default]),
        [
          ["127.0.0.1", "admin", ""],
          ["lab", "admin", "*"],
        ],
      );
      const table = await repl(["profiles", "--format", "table"], { dir });
      assert.match(table.stdout, /^name\s+url\s+user\s+default\s+origin$/m);
      assert.match(
        table.stdout,
        /^lab\s+http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/\s+admin\s+\*\s+libmaas$/m,
      );

      const who = "(await client.users.whoami()).username";
      const fromDefault = await repl(["-e", who], { dir });
      assert.equal(JSON.parse(fromDefault.stdout), "admin", fromDefault.stderr);

      assert.equal((await repl(["switch", "127.0.0.1"], { dir })).code, 0);
      const switched = await repl(["profiles", "--format", "json"], { dir });
      assert.equal(JSON.parse(switched.stdout)[0].default, "*");
      const unknown = await repl(["switch", "nope"], { dir });
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /ProfileNotFound: .*Known profiles: 127\.0\.0\.1, lab/);

      assert.equal((await repl(["logout", "lab"], { dir })).code, 0);
      const again = await repl(["logout", "lab"], { dir });
      assert.equal(again.code, 1);
      assert.match(again.stderr, /No profile named "lab"/);

      const db = new DatabaseSync(`${dir}/.maascli.db`);
      db.exec(
        "CREATE TABLE profiles (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB)",
      );
      db.prepare("INSERT INTO profiles (name, data) VALUES (?, ?)").run(
        "cli",
        JSON.stringify({
          credentials: sim.adminApiKey.split(":"),
          description: { doc: "MAAS API", hash: "x", resources: [] },
          name: "cli",
          url: sim.apiUrl,
          cacerts: null,
        }),
      );
      db.close();
      Deno.chmodSync(`${dir}/.maascli.db`, 0o600);
      const cli = await repl(["--profile", "cli", "-e", who], { dir });
      assert.equal(JSON.parse(cli.stdout), "admin", cli.stderr);
      const all = await repl(["profiles", "--format", "csv"], { dir });
      assert.match(all.stdout, /^cli,http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/,,,maas-cli$/m);
      const foreign = await repl(["logout", "cli"], { dir });
      assert.equal(foreign.code, 1);
      assert.match(foreign.stderr, /maas logout cli/);
    } finally {
      await sim.close();
    }
  });
});

Deno.test("REPL in a terminal: demo, machines, errors, completion, help, Ctrl-C", async () => {
  await withDir(async (dir) => {
    const terminal = await Terminal.open(replCommand("--demo"), await hermetic(dir));
    try {
      const banner = await terminal.waitFor(/Machines: 40 — [\s\S]*\n>$/, 60_000);
      assert.match(banner, /via the demo: a simulated MAAS at http:\/\/127\.0\.0\.1:\d+\/MAAS\//);
      assert.match(banner, /Signed in as admin \(administrator\)/);
      assert.match(banner, /MAAS \d+\.\d+/);

      await terminal.type("await client.machines.list()");
      await terminal.waitFor(/Machine [a-z0-9]{6} \S+ [A-Z][\s\S]*\]\n>$/);

      await terminal.type("await client.machines.get('no-such-machine')");
      await terminal.waitFor(/Uncaught NotFoundError: GET .*no-such-machine\/ -> 404[\s\S]*\n>$/);
      await terminal.type("6 * 7");
      await terminal.waitFor(/\n42\n>$/);

      await terminal.type("client.machi", false);
      await terminal.press("Tab");
      await terminal.waitFor(/> client\.machines$/m);
      await terminal.press("C-u");

      await terminal.type("table(await client.machines.list(), ['hostname', 'status_name'])");
      await terminal.waitFor(/hostname\s+status_name\n-+\s+-+\n[\s\S]*\(40 rows\)\n>$/);

      await terminal.type("help(client.machines.list)");
      await terminal.waitFor(/\.list\(params\?: [\s\S]*\n>$/);

      await terminal.type("(await session).url");
      await terminal.waitFor(/"http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/"\n>$/);

      await terminal.type(
        "simulator.faults.inject({ path: '/MAAS/api/2.0/users/', stall: true }); " +
          "await client.users.whoami()",
      );
      await new Promise((resolve) => setTimeout(resolve, 700));
      await terminal.press("C-c");
      await terminal.waitFor(/cancelling 1 request in flight\nUncaught CancelledError[\s\S]*\n>$/);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await terminal.type("(await client.users.whoami()).username");
      await terminal.waitFor(/\n"admin"\n>$/);

      await terminal.press("C-d");
      await terminal.waitFor(/REPL-EXITED=0/);
    } finally {
      await terminal.close();
    }
  });
});

Deno.test("REPL in a terminal: history survives a restart and stays private", async () => {
  await withDir(async (dir) => {
    const env = await hermetic(dir);
    const marker = `const marker = "history-${crypto.randomUUID().slice(0, 8)}"`;
    const first = await Terminal.open(replCommand("--demo --machines 2"), env);
    try {
      await first.waitFor(/Machines: 2[\s\S]*\n>$/, 60_000);
      await first.type(marker);
      await first.waitFor(/undefined\n>$/);
      await first.press("C-d");
      await first.waitFor(/REPL-EXITED=0/);
    } finally {
      await first.close();
    }
    const history = `${dir}/config/history`;
    assert.ok(Deno.readTextFileSync(history).includes(marker));
    assert.equal(Deno.statSync(history).mode! & 0o777, 0o600);

    const second = await Terminal.open(replCommand("--demo --machines 2"), env);
    try {
      await second.waitFor(/Machines: 2[\s\S]*\n>$/, 60_000);
      await second.press("Up");
      await second.waitFor(new RegExp(`> ${marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
      await second.press("C-u", "C-d");
      await second.waitFor(/REPL-EXITED=0/);
    } finally {
      await second.close();
    }
  });
});

Deno.test("REPL output: -e renders values in the format asked, helper text as it is", () => {
  const rows = [{ hostname: "node-1", status_name: "Ready" }];
  assert.equal(renderValue(undefined, "json"), "");
  assert.equal(renderValue("plain text", "table"), "plain text");
  assert.equal(renderValue("plain text", "json"), '"plain text"');
  assert.deepEqual(JSON.parse(renderValue(rows, "json")), rows);
  assert.equal(renderValue(rows, "csv"), "hostname,status_name\nnode-1,Ready");
  for (const format of ["json", "yaml", "csv", "table"] as const) {
    assert.equal(renderValue(csv(rows), format), "hostname,status_name\nnode-1,Ready", format);
    assert.equal(renderValue(table(rows), format), table(rows).text, format);
  }
});

const HELP_DESCRIPTION: Description = {
  doc: "MAAS API",
  hash: "h",
  resources: [{
    name: "MachineHandler",
    anon: null,
    auth: {
      name: "MachineHandler",
      doc: "Manage an individual machine.",
      params: ["system_id"],
      path: "/MAAS/api/2.0/machines/{system_id}/",
      actions: [{
        name: "deploy",
        method: "POST",
        op: "deploy",
        restful: false,
        doc: "Deploy an operating system to a machine.",
      }],
    },
  }],
};

Deno.test("REPL helpers: help() from the library's documentation and the describe document", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", new URL("../mod.ts", import.meta.url).href],
    stdout: "piped",
    stderr: "null",
  }).output();
  const docs = JSON.parse(decoder.decode(output.stdout));
  const library = await import("../mod.ts");
  const session = new SessionAPI(HELP_DESCRIPTION, "http://maas.example.com/MAAS/", {
    credentials: Credentials.parse("a:b:c"),
  });
  const helper = new Helper({
    docs: () => docs,
    classes: Object.values(library).filter((v) => typeof v === "function"),
    session: () => session,
  });
  const client = await library.connect("http://maas.example.com/MAAS/", { apikey: "a:b:c" });
  try {
    const whoami = helper.help(client.users.whoami).text;
    assert.match(
      whoami,
      /^Users\.whoami\(params\?: ExtraParams, options\?: CallOptions\): Promise<User>/,
    );
    assert.match(whoami, /signal\?: AbortSignal/, "the options' fields are spelled out");
    assert.match(
      helper.help(client.users).text,
      /^An object of class: Users\n[\s\S]*Methods:\n[\s\S]*whoami\(/,
    );
    const machines = helper.help(client.machines).text;
    assert.match(
      machines,
      /^ {2}list\(params\?: NodeFilters, options\?: CallOptions\): Promise<Machine\[\]>/m,
    );
    assert.match(
      machines,
      /^ {2}get\(systemId: string, params\?: ExtraParams, options\?: CallOptions\): Promise<Machine>/m,
    );
    assert.doesNotMatch(machines, /Promise<T\b/, "type parameters are resolved");
    assert.match(
      helper.help("Devices.list").text,
      /^Devices\.list\(params\?: NodeFilters, options\?: CallOptions\): Promise<Device\[\]> {2}\(from NodeCollection\)/,
    );
    assert.match(helper.help("Credentials").text, /^Class: Credentials/);
    assert.match(helper.help("connect").text, /^connect\(url\?: /);
    const action = helper.help(session.handlers.Machine.deploy).text;
    assert.match(
      action,
      /^Machine\.deploy: POST \/MAAS\/api\/2\.0\/machines\/\{system_id\}\/\?op=deploy/,
    );
    assert.match(action, /URI parameters \(give them in the object\): system_id/);
    assert.match(action, /Deploy an operating system/);
    assert.match(helper.help(session.handlers.Machine).text, /deploy\s+POST\s+op=deploy/);
    assert.match(helper.help(session).text, /1 handlers/);
    assert.match(
      helper.help("Machine.deploy").text,
      /^Machine\.deploy\(params\?: /,
      "typed first",
    );
    assert.match(helper.help().text, /^Globals:/);
    assert.match(helper.help(Promise.resolve(1)).text, /put await in front/);
    const bare = new Helper({
      docs: () => {
        throw new Error("no deno doc here");
      },
      classes: [],
      session: () => null,
    });
    assert.match(bare.help(client.users).text, /^A Users/);
  } finally {
    client.close();
    session.transport.close();
  }
});

Deno.test("REPL helpers: evaluate takes an expression or statements, with a lazy session", async () => {
  let loads = 0;
  const context: Record<string, unknown> = { base: 20 };
  Object.defineProperty(context, "session", {
    get: () => {
      loads++;
      return "the session";
    },
    enumerable: true,
  });
  assert.equal(await evaluate("base + 1", context), 21);
  assert.equal(await evaluate("await Promise.resolve(base * 2)", context), 40);
  assert.equal(await evaluate("const x = base; return x + 2", context), 22);
  assert.equal(loads, 0, "the session is not loaded until used");
  assert.equal(await evaluate("session", context), "the session");
  assert.equal(loads, 1);
  assert.equal(await evaluate("typeof NotFoundError", context), "function");
  await assert.rejects(evaluate("await (", context), SyntaxError);
});

Deno.test("repl.ts loads the prompt library pinned in deno.json, and only by a computed specifier", async () => {
  const { PROMPTS_PACKAGE } = await import("../repl.ts");
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  assert.equal(PROMPTS_PACKAGE, config.imports["@clack/prompts"]);
  // A literal import of the package would put it in every module graph Deno builds after start-up,
  // and with it a fetch of the registry's metadata on every run (see repl.ts).
  const source = await Deno.readTextFile(new URL("../repl.ts", import.meta.url));
  assert.doesNotMatch(source, /(?<!typeof )import\s*\(\s*["'](npm:)?@clack\/prompts/);
  assert.doesNotMatch(source, /^import [^;]* from ["'](npm:)?@clack\/prompts/m);
});
