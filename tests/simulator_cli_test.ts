/**
 * The simulator's command line (`lib/testing/main.ts`, exported as `@libmaas/client/simulator`):
 * what it prints, its flags, and the one-line errors with exit status 2.
 */
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { Credentials } from "../mod.ts";
import { authorizationHeader } from "../lib/exports/transport.ts";

const MAIN = new URL("../lib/testing/main.ts", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url).pathname;

/** Runs the command line to its end (a flag it refuses, `--help`). */
async function runToEnd(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", "--allow-env", MAIN, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/**
 * Starts a serving command line, reads the four lines it prints, lets `fn` use them, then stops
 * it with SIGTERM and expects exit status 0.
 */
async function serving(
  command: { args: string[]; cwd?: string },
  fn: (printed: Record<string, string>) => Promise<void>,
): Promise<void> {
  const child = new Deno.Command(Deno.execPath(), {
    args: command.args,
    cwd: command.cwd,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const errors = new Response(child.stderr).text();
  try {
    let printed = "";
    while (printed.split("\n").length < 5) {
      const { value, done } = await reader.read();
      if (done) break;
      printed += value;
    }
    const lines = printed.trim().split("\n");
    assert.deepEqual(
      lines.map((line) => line.split("=")[0]),
      ["MAAS_URL", "MAAS_APIKEY", "MAAS_USERNAME", "MAAS_PASSWORD"],
      printed + (await Promise.race([errors, Promise.resolve("")])),
    );
    await fn(
      Object.fromEntries(
        lines.map((line) => [line.split("=")[0], line.slice(line.indexOf("=") + 1)]),
      ),
    );
  } finally {
    child.kill("SIGTERM");
    const status = await child.status;
    await reader.cancel();
    await errors;
    assert.equal(status.code, 0);
  }
}

async function get(url: string, apikey: string): Promise<unknown> {
  const response = await fetch(url, {
    headers: { Authorization: authorizationHeader(Credentials.parse(apikey)) },
  });
  return await response.json();
}

Deno.test("CLI: prints the URL, the admin's API key, username and password, serves, stops", async () => {
  await serving(
    {
      args: ["run", "--allow-net", "--allow-read", "--allow-env", MAIN, "--machines", "3"],
    },
    async (printed) => {
      assert.match(printed.MAAS_URL, /^http:\/\/127\.0\.0\.1:\d+\/MAAS\/$/);
      assert.match(printed.MAAS_APIKEY, /^[A-Za-z0-9]{18}:[A-Za-z0-9]{18}:[A-Za-z0-9]{32}$/);
      assert.equal(printed.MAAS_USERNAME, "admin");
      assert.equal(printed.MAAS_PASSWORD, "admin");
      const machines = await get(`${printed.MAAS_URL}api/2.0/machines/`, printed.MAAS_APIKEY);
      assert.equal((machines as unknown[]).length, 3);
      // The password logs in, as the printed lines say.
      const login = await fetch(new URL("accounts/authenticate/", printed.MAAS_URL), {
        method: "POST",
        body: new URLSearchParams({ username: "admin", password: printed.MAAS_PASSWORD }),
      });
      assert.equal(login.status, 200);
      await login.body?.cancel();
    },
  );
});

Deno.test("CLI: --maas-version picks the line; --vm-hosts-removed is master", async () => {
  for (
    const [flags, version] of [
      [["--maas-version", "3.7"], "3.7.3"],
      [["--maas-version", "2.9"], "2.9.2"],
      [["--vm-hosts-removed"], "3.9.0"],
    ] as const
  ) {
    await serving(
      { args: ["run", "--allow-net", "--allow-read", "--allow-env", MAIN, ...flags] },
      async (printed) => {
        const answer = await fetch(`${printed.MAAS_URL}api/2.0/version/`);
        assert.equal((await answer.json()).version, version, flags.join(" "));
      },
    );
  }
});

Deno.test("CLI: --help prints the flags and exits 0", async () => {
  const { code, stdout, stderr } = await runToEnd(["--help"]);
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.match(stdout, /^Usage: simulator \[flags\]/);
  for (
    const flag of [
      "--maas-version",
      "--port",
      "--hostname",
      "--machines",
      "--seed",
      "--latency",
      "--lifecycle",
      "--admin-password",
      "--vm-hosts-removed",
      "--help",
    ]
  ) assert.ok(stdout.includes(flag), flag);
  assert.match(stdout, /2\.9, 3\.0, 3\.7, 3\.8, master \(default 3\.8\)/);
});

Deno.test("CLI: a flag it does not know, a bad value, a stray argument: one line, exit 2", async () => {
  for (
    const [args, message] of [
      [["--bogus"], "simulator: unknown flag --bogus (see --help)\n"],
      [["--port"], "simulator: --port needs a value (see --help)\n"],
      [
        ["--port", "70000"],
        'simulator: --port must be a whole number from 0 to 65535, got "70000"\n',
      ],
      [["--machines=-3"], 'simulator: --machines must be a whole number, got "-3"\n'],
      [["--seed", "1.5"], 'simulator: --seed must be a whole number, got "1.5"\n'],
      [
        ["--maas-version", "3.6"],
        'simulator: --maas-version must be one of 2.9, 3.0, 3.7, 3.8, master, got "3.6"\n',
      ],
      [
        ["--vm-hosts-removed", "--maas-version", "3.7"],
        "simulator: --vm-hosts-removed means --maas-version master, not 3.7\n",
      ],
      [["serve"], "simulator: unexpected argument serve (see --help)\n"],
    ] as const
  ) {
    const { code, stdout, stderr } = await runToEnd([...args]);
    assert.equal(code, 2, args.join(" "));
    assert.equal(stderr, message);
    assert.equal(stdout, "");
  }
});

Deno.test("CLI: a port in use is one line and exit 2", async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as { port: number }).port;
    const { code, stdout, stderr } = await runToEnd(["--port", String(port)]);
    assert.equal(code, 2);
    assert.equal(stderr, `simulator: cannot listen on 127.0.0.1:${port}: the port is in use\n`);
    assert.equal(stdout, "");
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

Deno.test("CLI: runs by its export name, jsr:@libmaas/client/simulator, from another folder", async () => {
  const dir = await Deno.makeTempDir({ prefix: "libmaas-simulator-" });
  try {
    // Linking the checkout makes the package resolve to it, through its exports.
    await Deno.writeTextFile(`${dir}/deno.json`, JSON.stringify({ links: [ROOT] }));
    await serving(
      {
        args: ["run", "-A", "jsr:@libmaas/client/simulator", "--port", "0", "--machines", "2"],
        cwd: dir,
      },
      async (printed) => {
        const machines = await get(`${printed.MAAS_URL}api/2.0/machines/`, printed.MAAS_APIKEY);
        assert.equal((machines as unknown[]).length, 2);
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
