/**
 * The REPL as people and scripts use it: `repl.ts -e` and the profile commands as real
 * subprocesses, and the interactive REPL in a real terminal (tmux).
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Credentials } from "../mod.ts";
import { type Description, SessionAPI } from "../lib/session.ts";
import { evaluate } from "../lib/repl/context.ts";
import { csv, json, renderValue, table, yaml } from "../lib/repl/format.ts";
import { Helper } from "../lib/repl/help.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

const REPL = new URL("../repl.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

let denoDir: string | undefined;

/** The Deno cache of this run, so subprocesses with their own HOME need not download anything. */
async function cacheDir(): Promise<string> {
  if (denoDir) return denoDir;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  return denoDir = JSON.parse(decoder.decode(output.stdout)).denoDir as string;
}

/** An environment that reads nothing of the user's: own HOME, config dir and working directory. */
async function hermetic(dir: string, extra: Record<string, string> = {}) {
  return {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: dir,
    LIBMAAS_CONFIG_DIR: `${dir}/config`,
    DENO_DIR: await cacheDir(),
    DENO_NO_UPDATE_CHECK: "1",
    NO_COLOR: "1",
    ...extra,
  };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function repl(
  args: string[],
  options: { dir: string; env?: Record<string, string>; stdin?: string },
): Promise<Run> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--cached-only", "-A", REPL, ...args],
    cwd: options.dir,
    env: await hermetic(options.dir, options.env),
    clearEnv: true,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const output = await child.output();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "libmaas-repl-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

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

Deno.test("repl -e: failures are one line on stderr with a non-zero exit", async () => {
  await withDir(async (dir) => {
    const [missing, syntax, format, command, nothing] = await Promise.all([
      repl(["--demo", "-e", "await client.machines.get('nope')"], { dir }),
      repl(["--demo", "-e", "await ("], { dir }),
      repl(["--demo", "-e", "1", "--format", "xml"], { dir }),
      repl(["launch"], { dir }),
      repl(["-e", "1"], { dir }),
    ]);
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

/** A terminal of its own (a private tmux server), driven as a person would. */
class Terminal {
  readonly #socket = `libmaas-test-${crypto.randomUUID().slice(0, 8)}`;

  static async open(command: string, env: Record<string, string>): Promise<Terminal> {
    const terminal = new Terminal();
    const output = await new Deno.Command("tmux", {
      args: [
        "-L",
        terminal.#socket,
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "200",
        "-y",
        "50",
        `${command}; echo REPL-EXITED=$?; sleep 600`,
      ],
      env: { ...env, TERM: "xterm-256color" },
      clearEnv: true,
      stdout: "null",
      stderr: "piped",
    }).output().catch((error) => {
      throw new Error(
        `tmux is needed for the terminal tests (apt-get install -y tmux): ${error.message}`,
      );
    });
    assert.equal(output.code, 0, decoder.decode(output.stderr));
    return terminal;
  }

  async #tmux(...args: string[]): Promise<string> {
    const output = await new Deno.Command("tmux", {
      args: ["-L", this.#socket, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    return decoder.decode(output.stdout);
  }

  /** Types text (sent literally) and, unless told otherwise, Enter. */
  async type(text: string, enter = true): Promise<void> {
    await this.#tmux("send-keys", "-t", "t", "-l", text);
    if (enter) await this.#tmux("send-keys", "-t", "t", "Enter");
  }

  /** Presses keys by tmux name: Tab, C-c, C-d, Up, Enter… */
  async press(...keys: string[]): Promise<void> {
    await this.#tmux("send-keys", "-t", "t", ...keys);
  }

  /** The whole screen and scroll-back, wrapped lines joined. */
  screen(): Promise<string> {
    return this.#tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", "t");
  }

  /** Waits until the screen matches `pattern` (at most `timeout` ms), and returns it. */
  async waitFor(pattern: RegExp, timeout = 30_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      // Trailing blanks (the empty rest of the terminal) do not count.
      const screen = (await this.screen()).trimEnd();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${pattern}; the screen shows:\n${screen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  /** Counts the matches of `pattern` on the screen. */
  async count(pattern: RegExp): Promise<number> {
    return (await this.screen()).match(new RegExp(pattern, "g"))?.length ?? 0;
  }

  async close(): Promise<void> {
    await this.#tmux("kill-server");
  }
}

function replCommand(args: string): string {
  return `${Deno.execPath()} run --cached-only -A ${REPL} ${args}`;
}

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
      await terminal.waitFor(/\.list\(filters\?: [\s\S]*\n>$/);

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

Deno.test("REPL in a terminal: with nothing configured, it asks (URL, then API key)", async () => {
  await withDir(async (dir) => {
    const sim = await MaasSimulator.start({ machines: 4, seed: 5 });
    const terminal = await Terminal.open(replCommand(""), await hermetic(dir));
    try {
      await terminal.waitFor(/MAAS URL/, 60_000);
      await terminal.type(sim.url);
      await terminal.waitFor(/How do you sign in\?/);
      await terminal.press("Enter");
      await terminal.waitFor(/API key/);
      await terminal.type(sim.adminApiKey);
      const screen = await terminal.waitFor(/Signed in as admin[\s\S]*\n>$/, 30_000);
      assert.match(screen, /via http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/ from the prompt/);
      assert.match(screen, /Machines: 4/);
      assert.ok(
        !screen.includes(Credentials.parse(sim.adminApiKey).tokenSecret),
        "no secret shown",
      );
      await terminal.press("C-d");
      await terminal.waitFor(/REPL-EXITED=0/);
    } finally {
      await terminal.close();
      await sim.close();
    }
  });
});

Deno.test("REPL helpers: table, json, yaml and csv", () => {
  const rows = [
    { system_id: "abc123", hostname: "node-1", zone: { name: "rack-a", id: 1 }, cpu_count: 8 },
    { system_id: "def456", hostname: "a-long-hostname-".repeat(5), zone: null, cpu_count: 128 },
  ];
  const text = table(rows).text.split("\n");
  assert.match(text[0], /^system_id\s+hostname\s+zone\s+cpu_count$/);
  assert.match(text[2], /^abc123\s+node-1\s+rack-a\s+8$/);
  assert.ok(text[3].includes("…"), "long cells are cut");
  assert.ok(text[2].endsWith("  8") && text[3].endsWith("128"), "numbers are right-aligned");
  assert.equal(text.at(-1), "(2 rows)");
  assert.match(table(rows, ["hostname", "zone.name"]).text, /^hostname\s+zone\.name\n/);
  assert.match(table(rows[0]).text, /^field\s+value\n-+\s+-+\nsystem_id\s+abc123\n/);
  assert.equal(table([]).text, "(no rows)");
  assert.equal(table(["a", "b"]).text, "a\nb");

  const cyclic: Record<string, unknown> = { n: 10n, list: [1, "x"] };
  cyclic.self = cyclic;
  assert.deepEqual(JSON.parse(json(cyclic).text), { n: "10", list: [1, "x"], self: "[Circular]" });

  const document = {
    a: "plain",
    b: "yes",
    c: "3.5.4",
    d: "has: colon",
    e: [],
    f: [{ g: 1, h: [true] }],
    i: null,
  };
  assert.equal(
    yaml(document).text,
    [
      "a: plain",
      'b: "yes"',
      'c: "3.5.4"',
      'd: "has: colon"',
      "e: []",
      "f:",
      "  - g: 1",
      "    h:",
      "      - true",
      "i: null",
    ].join("\n"),
  );
  assert.equal(
    csv([{ name: 'say "hi"', tags: ["a", "b"], note: "x,y" }]).text,
    'name,tags,note\n"say ""hi""","a, b","x,y"',
  );
  assert.equal(renderValue(undefined, "json"), "");
  assert.equal(renderValue("plain text", "table"), "plain text");
  assert.equal(renderValue("plain text", "json"), '"plain text"');
  assert.equal(Deno.inspect(table(rows)), table(rows).text, "the REPL shows the text itself");
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
      /^Machine\.deploy\(options\?: /,
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
