/**
 * Every way into the REPL ends at a live prompt or at one clear line: secrets from standard input
 * with the REPL on the terminal, key files, prompts that ask again for a refused secret and offer
 * to save a profile, a banner that says truly where each setting came from, and refusals from
 * flags or the environment as one line and exit 1.
 */

import assert from "node:assert/strict";
import { connect, Credentials } from "../mod.ts";
import { banner } from "../lib/repl/banner.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";
import { decoder, hermetic, REPL, repl, replCommand, Terminal, withDir } from "./repl_harness.ts";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Waits for the REPL's first prompt and returns the banner's `via` line. */
async function viaLine(terminal: Terminal): Promise<string> {
  const screen = await terminal.waitFor(/Signed in as admin[\s\S]*\n>$/, 60_000);
  assert.match(screen, /^Connected to http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/$/m);
  return /^ {2}via (.*)$/m.exec(screen)![1];
}

async function leave(terminal: Terminal): Promise<void> {
  await terminal.press("C-d");
  await terminal.waitFor(/REPL-EXITED=0/);
}

Deno.test("REPL entry: a secret from standard input, then a live prompt on the terminal", async () => {
  await withDir(async (dir) => {
    await using sim = await MaasSimulator.start({ machines: 2, seed: 3 });
    const env = await hermetic(dir);
    Deno.writeTextFileSync(`${dir}/maas.key`, sim.adminApiKey + "\n");
    const secret = Credentials.parse(sim.adminApiKey).tokenSecret;
    const api = escape(sim.apiUrl);

    const byKey = await Terminal.open(
      replCommand(`--url ${sim.url} --apikey - < ${dir}/maas.key`),
      env,
    );
    try {
      assert.match(
        await viaLine(byKey),
        new RegExp(
          `^${api} from --url flag; API key \\S+:<redacted> from standard input \\(--apikey -\\)$`,
        ),
      );
      await byKey.type("(await client.users.whoami()).username + ' ' + 6 * 7");
      await byKey.waitFor(/\n"admin 42"\n>$/);
      assert.ok(!(await byKey.screen()).includes(secret), "no secret on the screen");
      await leave(byKey);
    } finally {
      await byKey.close();
    }

    const byPassword = await Terminal.open(
      `printf '%s\\n' '${sim.adminPassword}' | ` +
        replCommand(`--url ${sim.url} --username admin --password-stdin`),
      env,
    );
    try {
      assert.match(
        await viaLine(byPassword),
        new RegExp(
          `^${api} from --url flag; user admin from --username flag, ` +
            "password from standard input \\(--password-stdin\\)$",
        ),
      );
      await byPassword.type("6 * 7");
      await byPassword.waitFor(/\n42\n>$/);
      await leave(byPassword);
    } finally {
      await byPassword.close();
    }
  });
});

Deno.test("REPL entry: with no terminal at all, a secret on standard input gives one line", async () => {
  await withDir(async (dir) => {
    await using sim = await MaasSimulator.start({ machines: 1 });
    // setsid: a session of its own, so the process has no controlling terminal (no /dev/tty).
    const child = new Deno.Command("setsid", {
      args: [
        "-w",
        Deno.execPath(),
        "run",
        "--cached-only",
        "-A",
        REPL,
        "--url",
        sim.url,
        "--apikey",
        "-",
      ],
      cwd: dir,
      env: await hermetic(dir),
      clearEnv: true,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(sim.adminApiKey + "\n"));
    await writer.close();
    const output = await child.output();
    const stderr = decoder.decode(output.stderr);
    assert.equal(output.code, 1);
    assert.equal(decoder.decode(output.stdout), "");
    assert.equal(
      stderr,
      "repl.ts: the interactive REPL needs a terminal and there is none here (standard input " +
        "held the API key); in a script, add -e EXPR to evaluate an expression instead.\n",
    );
  });
});

Deno.test("REPL entry: the banner says where each setting came from", async () => {
  await withDir(async (dir) => {
    await using sim = await MaasSimulator.start({ machines: 2, seed: 3 });
    const api = escape(sim.apiUrl);
    const keyFile = `${dir}/maas.key`;
    Deno.writeTextFileSync(keyFile, sim.adminApiKey + "\n", { mode: 0o600 });
    const cases: [string, Record<string, string>, RegExp][] = [
      [
        `--url ${sim.url} --apikey ${sim.adminApiKey}`,
        {},
        new RegExp(`^${api} from --url flag; API key \\S+:<redacted> from --apikey flag$`),
      ],
      [
        `--url ${sim.url} --apikey-file ${keyFile}`,
        {},
        new RegExp(
          `^${api} from --url flag; API key \\S+:<redacted> from --apikey-file flag ` +
            `\\(${escape(keyFile)}\\)$`,
        ),
      ],
      [
        "",
        { MAAS_URL: sim.url, MAAS_APIKEY_FILE: keyFile },
        new RegExp(
          `^${api} from MAAS_URL; API key \\S+:<redacted> from MAAS_APIKEY_FILE ` +
            `\\(${escape(keyFile)}\\)$`,
        ),
      ],
      [
        "",
        { MAAS_URL: sim.url, MAAS_USERNAME: "admin", MAAS_PASSWORD: sim.adminPassword },
        new RegExp(
          `^${api} from MAAS_URL; user admin from MAAS_USERNAME, password from MAAS_PASSWORD$`,
        ),
      ],
    ];
    for (const [args, extra, expected] of cases) {
      const terminal = await Terminal.open(replCommand(args), await hermetic(dir, extra));
      try {
        assert.match(await viaLine(terminal), expected, args || JSON.stringify(extra));
        await leave(terminal);
      } finally {
        await terminal.close();
      }
    }
    Deno.writeTextFileSync(`${dir}/.env`, `MAAS_URL=${sim.url}\nMAAS_APIKEY=${sim.adminApiKey}\n`);
    const fromDotEnv = await Terminal.open(`cd ${dir} && ${replCommand("")}`, await hermetic(dir));
    try {
      const env = escape(`${dir}/.env`);
      assert.match(
        await viaLine(fromDotEnv),
        new RegExp(
          `^${api} from MAAS_URL in ${env}; API key \\S+:<redacted> from MAAS_APIKEY in ${env}$`,
        ),
      );
      await leave(fromDotEnv);
    } finally {
      await fromDotEnv.close();
    }
  });
});

Deno.test("REPL entry: at the prompts a refused key is asked again, then the sign-in is saved", async () => {
  await withDir(async (dir) => {
    await using sim = await MaasSimulator.start({ machines: 4, seed: 5 });
    const env = await hermetic(dir);
    const terminal = await Terminal.open(replCommand(""), env);
    try {
      await terminal.waitFor(/MAAS URL/, 60_000);
      await terminal.type(sim.url);
      await terminal.waitFor(/How do you sign in\?/);
      await terminal.press("Enter");
      await terminal.waitFor(/API key/);
      await terminal.type("not-a-key");
      await terminal.waitFor(/An API key has three parts: consumer_key:token_key:token_secret/);
      await terminal.press("C-u");
      for (let i = 0; i < 12; i++) await terminal.press("BSpace");
      await terminal.type("aaa:bbb:ccc");
      await terminal.waitFor(
        /MAAS refused the API key \(.*\)\. Copy it from the web UI .* `maas apikey --username NAME` .*\(2 tries left\)\.[\s\S]*◆ {2}API key/,
      );
      await terminal.type(sim.adminApiKey);
      await terminal.waitFor(/Save this sign-in as a profile for next time\?/);
      await terminal.press("Enter");
      await terminal.waitFor(/Profile name/);
      await terminal.type("lab");
      const screen = await terminal.waitFor(/Signed in as admin[\s\S]*\n>$/, 30_000);
      assert.match(
        screen,
        /Saved profile "lab" \(the default profile\)\. Next time: repl\.ts --profile lab/,
      );
      assert.match(
        screen,
        /via http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/ from the prompt; API key \S+:<redacted> from the prompt$/m,
      );
      assert.match(screen, /Machines: 4/);
      assert.ok(
        !screen.includes(Credentials.parse(sim.adminApiKey).tokenSecret),
        "no secret shown",
      );
      await leave(terminal);
    } finally {
      await terminal.close();
    }
    const saved = `${dir}/config/profiles/lab.json`;
    assert.equal(Deno.statSync(saved).mode! & 0o777, 0o600);
    assert.equal(Deno.readTextFileSync(`${dir}/config/default-profile`).trim(), "lab");

    const again = await Terminal.open(replCommand(""), env);
    try {
      assert.match(
        await viaLine(again),
        /^http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/ from profile lab \(the default\); API key \S+:<redacted> from profile lab \(the default\)$/,
      );
      await leave(again);
    } finally {
      await again.close();
    }
  });
});

Deno.test("REPL entry: a refused password at the prompt is asked again (REPL and -e), three tries in all", async () => {
  await withDir(async (dir) => {
    await using sim = await MaasSimulator.start({ machines: 1 });
    const env = await hermetic(dir);
    const second = await Terminal.open(replCommand(`--url ${sim.url} --username admin`), env);
    try {
      await second.waitFor(/Password for admin/, 60_000);
      await second.type("wrong-1");
      await second.waitFor(
        /MAAS refused the password for admin: the username or password is wrong, or the account is inactive \(2 tries left\)\.[\s\S]*◆ {2}Password for admin/,
      );
      await second.type(sim.adminPassword);
      assert.match(
        await viaLine(second),
        /from --url flag; user admin from --username flag, password from the prompt$/,
      );
      assert.doesNotMatch(await second.screen(), /Save this sign-in/, "the server was a flag");
      await leave(second);
    } finally {
      await second.close();
    }

    const evaluated = await Terminal.open(
      replCommand(`--url ${sim.url} --username admin -e "(await client.users.whoami()).username"`),
      env,
    );
    try {
      await evaluated.waitFor(/◆ {2}Password for admin/, 60_000);
      await evaluated.type("wrong-1");
      await evaluated.waitFor(/\(2 tries left\)\.[\s\S]*◆ {2}Password for admin/);
      await evaluated.type(sim.adminPassword);
      await evaluated.waitFor(/\nadmin\nREPL-EXITED=0$/, 30_000);
    } finally {
      await evaluated.close();
    }

    const refused = await Terminal.open(replCommand(`--url ${sim.url} --username admin`), env);
    try {
      await refused.waitFor(/◆ {2}Password for admin/, 60_000);
      for (const [attempt, left] of [[1, "2 tries"], [2, "1 try"]] as const) {
        await refused.type(`wrong-${attempt}`);
        await refused.waitFor(new RegExp(`\\(${left} left\\)\\.[\\s\\S]*◆ {2}Password for admin`));
      }
      await refused.type("wrong-3");
      const screen = await refused.waitFor(/REPL-EXITED=1/);
      assert.match(
        screen,
        /^error: SignInRefused: MAAS refused the password for admin 3 times; nothing was opened\. Check the username, or sign in with an API key \(--apikey-file PATH\)\.$/m,
      );
      assert.doesNotMatch(screen, /Connected/);
    } finally {
      await refused.close();
    }
  });
});

Deno.test("REPL entry: refused by flags or the environment, one line and exit 1", async () => {
  await withDir(async (dir) => {
    await using sim = await MaasSimulator.start({ machines: 1 });
    const notMaas = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen: () => {} },
      () =>
        new Response("<html><body>Not Found</body></html>", {
          status: 404,
          headers: { "content-type": "text/html" },
        }),
    );
    try {
      const runs = await Promise.all([
        repl(["--url", sim.url, "--apikey", "aaa:bbb:ccc"], { dir }),
        repl([], { dir, env: { MAAS_URL: sim.url, MAAS_APIKEY: "aaa:bbb:ccc" } }),
        repl(["--url", `http://127.0.0.1:${notMaas.addr.port}/MAAS/`, "--apikey", "a:b:c"], {
          dir,
        }),
        repl(["--url", sim.url, "--apikey-file", `${dir}/missing.key`], { dir }),
      ]);
      for (const run of runs) {
        assert.equal(run.code, 1, run.stderr);
        assert.equal(run.stdout, "", "no banner, no REPL");
        assert.equal(run.stderr.trimEnd().split("\n").length, 1, run.stderr);
        assert.match(run.stderr, /^error: \w+: /);
      }
      const [flagKey, envKey, notMaasRun, missing] = runs;
      assert.match(flagKey.stderr, /^error: UnauthorizedError: .*401/);
      assert.match(envKey.stderr, /^error: UnauthorizedError: .*401/);
      assert.match(notMaasRun.stderr, /404/);
      assert.match(
        missing.stderr,
        /^error: ParameterError: The API key file .*missing\.key \(--apikey-file flag\) does not exist\.\n$/,
      );
    } finally {
      await notMaas.shutdown();
    }
    // Standard input held the password, so this one needs the terminal it would open the REPL on.
    const terminal = await Terminal.open(
      "printf 'wrong\\n' | " + replCommand(`--url ${sim.url} --username admin --password-stdin`),
      await hermetic(dir),
    );
    try {
      const screen = await terminal.waitFor(/REPL-EXITED=1$/, 60_000);
      assert.match(
        screen,
        /^error: LoginError: MAAS refused the login of "admin"[^\n]*\nREPL-EXITED=1$/m,
      );
      assert.doesNotMatch(screen, /Connected|Password for/);
    } finally {
      await terminal.close();
    }
  });
});

Deno.test("REPL banner: Connected only when the server answered as MAAS and took the key", async () => {
  await using sim = await MaasSimulator.start({ machines: 2 });
  const notMaas = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    () => new Response("<html>Not Found</html>", { status: 404 }),
  );
  const clients = [
    await connect(sim.url, { apikey: sim.adminApiKey }),
    await connect(sim.url, { apikey: "aaa:bbb:ccc" }),
    await connect(`http://127.0.0.1:${notMaas.addr.port}/MAAS/`, { apikey: "a:b:c", retries: 0 }),
  ];
  try {
    const [good, wrongKey, other] = await Promise.all(
      clients.map((client) => banner(client, { source: "the test" })),
    );
    assert.match(
      good,
      /^Connected to http:\/\/127\.0\.0\.1:\d+\/MAAS\/api\/2\.0\/\n {2}via the test\n/,
    );
    assert.match(good, /^ {2}Signed in as admin \(administrator\)$/m);
    assert.match(wrongKey, /^Reached MAAS at http:\/\/\S+, but not signed in\n/);
    assert.match(wrongKey, /^ {2}Not signed in: UnauthorizedError: /m);
    assert.match(other, /^Not connected: http:\/\/\S+ did not answer as MAAS\n/);
    for (const text of [wrongKey, other]) assert.doesNotMatch(text, /Connected to/);
  } finally {
    for (const client of clients) client.close();
    await notMaas.shutdown();
  }
});
