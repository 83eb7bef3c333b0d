import assert from "node:assert/strict";
import {
  Client,
  connect,
  ConnectError,
  Credentials,
  NoServerError,
  ParameterError,
  PasswordWithoutUsername,
  ProfileNotFound,
  UsernameWithoutPassword,
} from "../mod.ts";
import {
  parseEnvFile,
  ProfileStore,
  type Prompter,
  type ResolveOptions,
  resolveSettings,
} from "../lib/exports/profiles.ts";
import type { Description } from "../lib/session.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

const SECRET = "tokenSecretNeverShown123";
const FLAG_KEY = `fck:ftk:${SECRET}`;
const ENV_KEY = `eck:etk:${SECRET}`;
const FILE_KEY = `dck:dtk:${SECRET}`;
const PROFILE_KEY = `pck:ptk:${SECRET}`;

const DESCRIPTION: Description = { doc: "MAAS API", hash: "h", resources: [] };

interface Scene {
  dir: string;
  store: ProfileStore;
  resolve(options?: ResolveOptions): ReturnType<typeof resolveSettings>;
}

async function scene(fn: (s: Scene) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "libmaas-settings-" });
  try {
    const store = new ProfileStore({
      dir: `${dir}/config`,
      maasCliDb: null,
      pythonLibmaasDb: null,
    });
    await fn({
      dir,
      store,
      resolve: (options = {}) =>
        resolveSettings({ env: {}, cwd: dir, store, isTerminal: false, ...options }),
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function saveDefault(store: ProfileStore, name = "home"): Promise<void> {
  await store.save({
    name,
    url: "http://profile.example.com:5240/MAAS/",
    credentials: Credentials.parse(PROFILE_KEY),
    description: DESCRIPTION,
  }, { makeDefault: true });
}

function writeEnvFile(dir: string, text: string, name = ".env"): void {
  Deno.writeTextFileSync(`${dir}/${name}`, text);
}

Deno.test("settings: flags come first", async () => {
  await scene(async ({ dir, store, resolve }) => {
    await saveDefault(store);
    writeEnvFile(dir, "MAAS_URL=http://file.example.com/MAAS/\nMAAS_APIKEY=" + FILE_KEY);
    const settings = await resolve({
      flags: { url: "http://flag.example.com/MAAS/", apikey: FLAG_KEY },
      env: { MAAS_URL: "http://env.example.com/MAAS/", MAAS_APIKEY: ENV_KEY },
    });
    assert.equal(settings.url, "http://flag.example.com/MAAS/api/2.0/");
    assert.equal(settings.credentials?.toString(), FLAG_KEY);
    assert.equal(settings.source, "flags");
    assert.deepEqual(settings.origins, {
      server: "--url flag",
      credentials: "--apikey flag",
      password: null,
      tls: null,
    });
  });
});

Deno.test("settings: the environment comes before .env and the default profile", async () => {
  await scene(async ({ dir, store, resolve }) => {
    await saveDefault(store);
    writeEnvFile(dir, "MAAS_URL=http://file.example.com/MAAS/\nMAAS_APIKEY=" + FILE_KEY);
    const settings = await resolve({
      env: { MAAS_URL: "http://env.example.com/MAAS/", MAAS_APIKEY: ENV_KEY },
    });
    assert.equal(settings.url, "http://env.example.com/MAAS/api/2.0/");
    assert.equal(settings.credentials?.toString(), ENV_KEY);
    assert.equal(settings.source, "environment");
    assert.equal(settings.origins.server, "MAAS_URL");
    assert.equal(settings.origins.credentials, "MAAS_APIKEY");
  });
});

Deno.test("settings: a .env file comes before the default profile; --env-file names another", async () => {
  await scene(async ({ dir, store, resolve }) => {
    await saveDefault(store);
    writeEnvFile(
      dir,
      "# MAAS lab\nexport MAAS_URL='http://file.example.com/MAAS/'\nMAAS_APIKEY=\"" + FILE_KEY +
        '"  \nMAAS_INSECURE=yes # lab only\n',
    );
    const settings = await resolve();
    assert.equal(settings.url, "http://file.example.com/MAAS/api/2.0/");
    assert.equal(settings.credentials?.toString(), FILE_KEY);
    assert.equal(settings.source, "env-file");
    assert.equal(settings.origins.server, `MAAS_URL in ${dir}/.env`);
    assert.deepEqual(settings.tls, { insecure: true });

    writeEnvFile(dir, "MAAS_URL=http://other.example.com/MAAS/\n", "lab.env");
    const other = await resolve({ flags: { envFile: "lab.env" } });
    assert.equal(other.url, "http://other.example.com/MAAS/api/2.0/");
    assert.equal(other.credentials, null, "the .env key is for another file's server");
    await assert.rejects(resolve({ flags: { envFile: "missing.env" } }), ParameterError);
  });
});

Deno.test("settings: the default profile is used last, before prompts", async () => {
  await scene(async ({ store, resolve }) => {
    await saveDefault(store);
    const settings = await resolve();
    assert.equal(settings.url, "http://profile.example.com:5240/MAAS/api/2.0/");
    assert.equal(settings.credentials?.toString(), PROFILE_KEY);
    assert.equal(settings.source, "profile");
    assert.equal(settings.origins.server, "profile home (the default)");
    assert.equal(settings.profile?.name, "home");
    const keyed = await resolve({ env: { MAAS_APIKEY: ENV_KEY } });
    assert.equal(keyed.url, "http://profile.example.com:5240/MAAS/api/2.0/");
    assert.equal(keyed.credentials?.toString(), ENV_KEY, "a key without a URL beats the profile's");
  });
});

Deno.test("settings: a named profile keeps its key unless a key is given beside the name", async () => {
  await scene(async ({ store, resolve }) => {
    await saveDefault(store, "home");
    await store.save({
      name: "prod",
      url: "http://prod.example.com/MAAS/",
      credentials: Credentials.parse(PROFILE_KEY),
      description: DESCRIPTION,
      tls: { insecure: true },
    });
    const byFlag = await resolve({ flags: { profile: "prod" }, env: { MAAS_APIKEY: ENV_KEY } });
    assert.equal(byFlag.url, "http://prod.example.com/MAAS/api/2.0/");
    assert.equal(byFlag.credentials?.toString(), PROFILE_KEY);
    assert.equal(byFlag.origins.server, "profile prod (--profile flag)");
    assert.deepEqual(byFlag.tls, { insecure: true });

    const byEnv = await resolve({ flags: { apikey: FLAG_KEY }, env: { MAAS_PROFILE: "prod" } });
    assert.equal(byEnv.credentials?.toString(), FLAG_KEY);
    assert.equal(byEnv.source, "environment");

    await assert.rejects(resolve({ flags: { profile: "nope" } }), (error) => {
      assert.ok(error instanceof ProfileNotFound);
      assert.match(error.message, /Known profiles: home, prod/);
      return true;
    });
    await assert.rejects(
      resolve({ flags: { profile: "prod", url: "http://x/MAAS/" } }),
      /give one of them/,
    );
  });
});

Deno.test("settings: a key is never sent to a server named in another place", async () => {
  await scene(async ({ resolve }) => {
    const settings = await resolve({
      flags: { url: "http://flag.example.com/MAAS/" },
      env: { MAAS_URL: "http://env.example.com/MAAS/", MAAS_APIKEY: ENV_KEY },
    });
    assert.equal(settings.credentials, null);
    assert.equal(settings.isAnonymous, true);
    const same = await resolve({
      flags: { url: "http://env.example.com/MAAS" },
      env: { MAAS_URL: "http://env.example.com/MAAS/api/2.0/", MAAS_APIKEY: ENV_KEY },
    });
    assert.equal(same.credentials?.toString(), ENV_KEY, "the same server, written differently");
    const keyOnly = await resolve({
      flags: { url: "http://flag.example.com/MAAS/" },
      env: { MAAS_APIKEY: ENV_KEY },
    });
    assert.equal(keyOnly.credentials?.toString(), ENV_KEY);
    assert.equal(keyOnly.origins.credentials, "MAAS_APIKEY");
  });
});

Deno.test("settings: username and password, never shown", async () => {
  await scene(async ({ resolve }) => {
    const settings = await resolve({
      env: {
        MAAS_URL: "http://env.example.com/MAAS/",
        MAAS_USERNAME: "alice",
        MAAS_PASSWORD: SECRET,
      },
    });
    assert.equal(settings.username, "alice");
    assert.equal(settings.password, SECRET);
    assert.equal(settings.credentials, null);
    assert.equal(settings.isAnonymous, false);
    for (
      const shown of [
        settings.describe(),
        String(settings),
        `${settings}`,
        JSON.stringify(settings),
        Deno.inspect(settings, { depth: 10 }),
      ]
    ) {
      assert.ok(!shown.includes(SECRET), shown);
    }
    assert.match(
      settings.describe(),
      /; user alice from MAAS_USERNAME, password from MAAS_PASSWORD$/,
    );
    await assert.rejects(
      resolve({ env: { MAAS_URL: "http://e/MAAS/", MAAS_USERNAME: "alice" } }),
      (error) => {
        assert.ok(error instanceof UsernameWithoutPassword);
        assert.match(error.message, /--password-stdin|MAAS_PASSWORD/);
        return true;
      },
    );
    await assert.rejects(
      resolve({ env: { MAAS_URL: "http://e/MAAS/", MAAS_PASSWORD: SECRET } }),
      PasswordWithoutUsername,
    );
    await assert.rejects(resolve({ flags: { password: SECRET } }), PasswordWithoutUsername);
    const inUrl = await resolve({ env: { MAAS_URL: `http://bob:${SECRET}@h:5240/MAAS/` } });
    assert.equal(inUrl.username, "bob");
    assert.equal(inUrl.password, SECRET);
    assert.equal(inUrl.url, "http://h:5240/MAAS/api/2.0/");
    assert.ok(!inUrl.describe().includes(SECRET));
    assert.match(inUrl.describe(), /; user bob and password from MAAS_URL \(user in the URL\)$/);
  });
});

Deno.test("settings: describe() says truly where each setting came from", async () => {
  await scene(async ({ dir, store, resolve }) => {
    const url = "http://flag.example.com/MAAS/";
    const shown = "http://flag.example.com/MAAS/api/2.0/";
    const key = "fck:ftk:<redacted>";
    const line = async (options: ResolveOptions) => (await resolve(options)).describe();
    assert.equal(
      await line({ flags: { url, apikey: FLAG_KEY } }),
      `${shown} from --url flag; API key ${key} from --apikey flag`,
    );
    assert.equal(
      await line({ flags: { url, apikey: FLAG_KEY, stdin: "apikey" } }),
      `${shown} from --url flag; API key ${key} from standard input (--apikey -)`,
    );
    assert.equal(
      await line({ flags: { url, username: "ann", password: SECRET, stdin: "password" } }),
      `${shown} from --url flag; user ann from --username flag, ` +
        "password from standard input (--password-stdin)",
    );
    Deno.writeTextFileSync(`${dir}/key`, FLAG_KEY + "\n", { mode: 0o600 });
    assert.equal(
      await line({ flags: { url, apikeyFile: "key" } }),
      `${shown} from --url flag; API key ${key} from --apikey-file flag (${dir}/key)`,
    );
    assert.equal(
      await line({ env: { MAAS_URL: url, MAAS_APIKEY_FILE: `${dir}/key` } }),
      `${shown} from MAAS_URL; API key ${key} from MAAS_APIKEY_FILE (${dir}/key)`,
    );
    assert.equal(
      await line({ env: { MAAS_URL: url, MAAS_APIKEY: ENV_KEY } }),
      `${shown} from MAAS_URL; API key eck:etk:<redacted> from MAAS_APIKEY`,
    );
    writeEnvFile(dir, `MAAS_URL=${url}\nMAAS_USERNAME=ann\nMAAS_PASSWORD=${SECRET}\n`);
    assert.equal(
      await line({}),
      `${shown} from MAAS_URL in ${dir}/.env; user ann from MAAS_USERNAME in ${dir}/.env, ` +
        `password from MAAS_PASSWORD in ${dir}/.env`,
    );
    Deno.removeSync(`${dir}/.env`);
    await saveDefault(store);
    assert.equal(
      await line({}),
      "http://profile.example.com:5240/MAAS/api/2.0/ from profile home (the default); " +
        "API key pck:ptk:<redacted> from profile home (the default)",
    );
    const prompter: Prompter = {
      text: () => Promise.resolve(url),
      password: () => Promise.resolve(SECRET),
      select: <T extends string>() => Promise.resolve("password" as T),
    };
    await store.delete("home");
    assert.equal(
      await line({ flags: { username: "ann" }, prompter, isTerminal: true }),
      `${shown} from the prompt; user ann from --username flag, password from the prompt`,
    );
    assert.equal(
      await line({ flags: { apikey: FLAG_KEY, stdin: "apikey" }, prompter, isTerminal: true }),
      `${shown} from the prompt; API key ${key} from standard input (--apikey -)`,
    );
    assert.equal(
      await line({
        prompter: {
          ...prompter,
          text: (message) => Promise.resolve(message === "MAAS URL" ? url : "ann"),
        },
        isTerminal: true,
      }),
      `${shown} from the prompt; user ann and password from the prompt`,
    );
    assert.equal(
      await line({ flags: { url, username: "ann" }, prompter, isTerminal: true }),
      `${shown} from --url flag; user ann from --username flag, password from the prompt`,
    );
  });
});

Deno.test("settings: an API key file must exist, be private and hold one key", async () => {
  await scene(async ({ dir, resolve }) => {
    const url = "http://flag.example.com/MAAS/";
    const file = `${dir}/maas.key`;
    const refused = async (flags: ResolveOptions["flags"], pattern: RegExp) => {
      await assert.rejects(resolve({ flags: { url, ...flags } }), (error) => {
        assert.ok(error instanceof ParameterError, String(error));
        assert.match(error.message, pattern);
        assert.ok(!error.message.includes(SECRET), "the key is never shown");
        return true;
      });
    };
    await refused(
      { apikeyFile: file },
      new RegExp(`^The API key file ${file} \\(--apikey-file flag\\) does not exist\\.$`),
    );
    Deno.mkdirSync(`${dir}/keys`);
    await refused({ apikeyFile: `${dir}/keys` }, /is a directory, not a file/);
    Deno.writeTextFileSync(file, "", { mode: 0o600 });
    await refused({ apikeyFile: file }, /maas\.key \(--apikey-file flag\) is empty\.$/);
    Deno.writeTextFileSync(file, `not a key ${SECRET}\n`);
    await refused({ apikeyFile: file }, /does not hold an API key: expected one line of the form/);
    Deno.writeTextFileSync(file, `${FLAG_KEY}\n${ENV_KEY}\n`);
    await refused({ apikeyFile: file }, /does not hold an API key/);
    Deno.writeTextFileSync(file, `${FLAG_KEY}\n`);
    Deno.chmodSync(file, 0o644);
    await refused(
      { apikeyFile: file },
      new RegExp(
        `can be read by other users \\(mode 644\\); an API key must be private\\. ` +
          `If the file is yours: chmod 600 ${file}$`,
      ),
    );
    Deno.chmodSync(file, 0o620);
    await refused({ apikeyFile: file }, /can be changed by other users \(mode 620\)/);
    Deno.chmodSync(file, 0o000);
    if (Deno.uid() !== 0) {
      await refused(
        { apikeyFile: file },
        /maas\.key \(--apikey-file flag\) cannot be read: permission denied\.$/,
      );
    }
    Deno.chmodSync(file, 0o400);
    await refused(
      { apikeyFile: file, apikey: FLAG_KEY },
      /Both an API key \(--apikey flag\) and an API key file \(--apikey-file flag\)/,
    );
    const settings = await resolve({ flags: { url, apikeyFile: "maas.key" } });
    assert.equal(settings.credentials?.toString(), FLAG_KEY, "relative to the working directory");
    Deno.writeTextFileSync(file, `\uFEFF  ${FLAG_KEY}  \r\n\r\n`);
    const spaced = await resolve({ env: { MAAS_URL: url, MAAS_APIKEY_FILE: file } });
    assert.equal(spaced.credentials?.toString(), FLAG_KEY, "blanks and a BOM are ignored");
    writeEnvFile(dir, `MAAS_URL=${url}\nMAAS_APIKEY_FILE=${file}\n`);
    const fromEnvFile = await resolve({});
    assert.equal(fromEnvFile.origins.credentials, `MAAS_APIKEY_FILE in ${dir}/.env (${file})`);
  });
});

Deno.test("settings: TLS options from flags, environment and files", async () => {
  await scene(async ({ dir, resolve }) => {
    Deno.writeTextFileSync(
      `${dir}/ca.pem`,
      "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n",
    );
    const env = await resolve({
      env: { MAAS_URL: "https://m/MAAS/", MAAS_CA_CERT: "ca.pem", MAAS_INSECURE: "0" },
    });
    assert.match(env.tls?.caCert ?? "", /BEGIN CERTIFICATE/);
    assert.equal(env.tls?.insecure, undefined);
    assert.equal(env.origins.tls, "MAAS_CA_CERT (ca.pem)");
    const flagged = await resolve({
      flags: { url: "https://m/MAAS/", insecure: true },
      env: { MAAS_INSECURE: "false" },
    });
    assert.deepEqual(flagged.tls, { insecure: true });
    assert.match(flagged.describe(), /TLS verification off/);
    const off = await resolve({
      env: { MAAS_URL: "https://m/MAAS/", MAAS_INSECURE: "false" },
    });
    assert.equal(off.tls, undefined);
    await assert.rejects(
      resolve({ env: { MAAS_URL: "https://m/MAAS/", MAAS_INSECURE: "maybe" } }),
      /MAAS_INSECURE must be true or false/,
    );
    await assert.rejects(
      resolve({ flags: { url: "https://m/MAAS/", caCert: "nope.pem" } }),
      /does not exist/,
    );
  });
});

Deno.test("settings: nothing found and no terminal gives NoServerError naming every place", async () => {
  await scene(async ({ dir, resolve }) => {
    let asked = 0;
    const prompter: Prompter = {
      text: () => Promise.resolve(String(++asked)),
      password: () => Promise.resolve(String(++asked)),
      select: () => Promise.resolve(null),
    };
    await assert.rejects(resolve({ prompter, isTerminal: false }), (error) => {
      assert.ok(error instanceof NoServerError);
      const message = error.message;
      for (
        const place of [
          "--url and --profile",
          "MAAS_URL and MAAS_PROFILE",
          `${dir}/.env (no such file)`,
          "the default profile",
          "no profiles saved",
          "standard input is not a terminal",
          "set MAAS_URL and MAAS_APIKEY",
          "repl.ts login",
        ]
      ) {
        assert.ok(message.includes(place), `${place} in: ${message}`);
      }
      assert.equal(error.searched.length, 5);
      return true;
    });
    assert.equal(asked, 0, "no prompt without a terminal");
    await assert.rejects(resolve({ prompter: null, isTerminal: true }), NoServerError);
  });
});

Deno.test("settings: in a terminal, prompts ask for the URL and the key", async () => {
  await scene(async ({ resolve }) => {
    const asked: string[] = [];
    const prompter: Prompter = {
      text: (message, options) => {
        asked.push(message);
        assert.equal(options?.validate?.("not a url") !== undefined, true);
        return Promise.resolve("http://typed.example.com:5240/MAAS/");
      },
      password: (message, options) => {
        asked.push(message);
        assert.match(options?.validate?.("abc") ?? "", /three parts: consumer_key:token_key/);
        assert.equal(options?.validate?.(FLAG_KEY), undefined);
        return Promise.resolve(FLAG_KEY);
      },
      select: <T extends string>(message: string) => {
        asked.push(message);
        return Promise.resolve("apikey" as T);
      },
    };
    const settings = await resolve({ prompter, isTerminal: true });
    assert.deepEqual(asked, ["MAAS URL", "How do you sign in?", "API key"]);
    assert.equal(settings.url, "http://typed.example.com:5240/MAAS/api/2.0/");
    assert.equal(settings.credentials?.toString(), FLAG_KEY);
    assert.equal(settings.source, "prompt");

    const password = await resolve({
      prompter: {
        ...prompter,
        password: () => Promise.resolve(SECRET),
      },
      isTerminal: true,
      flags: { url: "http://x/MAAS/", username: "bob" },
    });
    assert.equal(password.password, SECRET, "a missing password is asked for");
    await assert.rejects(
      resolve({
        prompter: { ...prompter, text: () => Promise.resolve(null) },
        isTerminal: true,
      }),
      /Cancelled/,
    );
  });
});

Deno.test("settings: .env files are parsed as shells and dotenv write them", () => {
  assert.deepEqual(
    parseEnvFile(
      [
        "\uFEFF# comment",
        "",
        "A=plain value # trailing comment",
        "export B='single # not a comment'",
        'C="line one\\nline \\"two\\""',
        'D="spans',
        'lines"',
        "E=",
        "  F = spaced  ",
      ].join("\r\n"),
    ),
    {
      A: "plain value",
      B: "single # not a comment",
      C: 'line one\nline "two"',
      D: "spans\r\nlines".replace("\r\n", "\n"),
      E: "",
      F: "spaced",
    },
  );
  assert.throws(() => parseEnvFile("just words"), /line 1: expected NAME=value/);
  assert.throws(() => parseEnvFile("A='open"), /not closed/);
  assert.throws(() => parseEnvFile(`K="${SECRET}`), (error) => {
    assert.ok(!(error as Error).message.includes(SECRET));
    return true;
  });
});

Deno.test("client records: nothing lost, no secret unless asked", async () => {
  const sim = await MaasSimulator.start({ machines: 1, seed: 1 });
  try {
    const client = await connect(sim.url, { apikey: sim.adminApiKey, timeout: 7000, retries: 2 });
    await client.users.whoami();
    const record = client.export();
    const secret = Credentials.parse(sim.adminApiKey).tokenSecret;
    assert.ok(!JSON.stringify(record).includes(secret), "no secret by default");
    assert.equal(record.credentials?.tokenSecret, undefined);
    assert.deepEqual(record.settings, { timeout: 7000, retries: 2 });
    assert.equal(record.descriptionHash, client.transport.apiHash);
    assert.equal(record.url, sim.apiUrl);

    assert.throws(() => Client.resume(record), (error) => {
      assert.ok(error instanceof ParameterError);
      assert.match(error.message, /includeSecret/);
      return true;
    });
    assert.throws(() => Client.resume(record, { apikey: "other:key:x" }), /not the one/);
    const resumed = Client.resume(JSON.parse(JSON.stringify(record)), { apikey: sim.adminApiKey });
    assert.deepEqual(resumed.export(), record, "export(resume(record)) is the record");
    const before = sim.log.length;
    assert.equal((await resumed.users.whoami()).username, "admin");
    assert.equal(sim.log.length, before + 1, "resuming made no request of its own");

    const full = client.export({ includeSecret: true });
    assert.equal(full.credentials?.tokenSecret, secret);
    const again = Client.resume(JSON.parse(JSON.stringify(full)));
    assert.equal(again.credentials?.toString(), sim.adminApiKey);
    assert.equal(await again.isValid(), true);

    const anonymous = Client.resume({ ...record, credentials: null });
    assert.equal(anonymous.isAnonymous, true);
    assert.equal(await anonymous.isValid(), false, "an anonymous client has no working key");
    assert.throws(() => Client.resume({ ...record, kind: "other" } as never), ParameterError);
    for (const c of [client, resumed, again, anonymous]) c.close();
  } finally {
    await sim.close();
  }
});

Deno.test("client: isValid says false for a refused key, and raises other failures", async () => {
  const sim = await MaasSimulator.start({ machines: 0, seed: 1 });
  try {
    const good = Credentials.parse(sim.adminApiKey);
    const wrong = await connect(sim.url, {
      apikey: `${good.consumerKey}:${good.tokenKey}:wrong-secret`,
    });
    assert.equal(await wrong.isValid(), false);
    const unknown = await connect(sim.url, { apikey: "aaaa:bbbb:cccc" });
    assert.equal(await unknown.isValid(), false);
    const right = await connect(sim.url, { apikey: sim.adminApiKey });
    assert.equal(await right.isValid(), true);
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = listener.addr.port;
    listener.close();
    const closed = await connect(`http://127.0.0.1:${port}/MAAS/`, {
      apikey: sim.adminApiKey,
      retries: 0,
    });
    await assert.rejects(closed.isValid(), ConnectError);
    for (const c of [wrong, unknown, right, closed]) c.close();
  } finally {
    await sim.close();
  }
});

async function runScript(
  code: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = `${cwd}/script.ts`;
  Deno.writeTextFileSync(file, code);
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-config", file],
    cwd,
    env: { ...env, NO_COLOR: "1" },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: output.code,
    stdout: new TextDecoder().decode(output.stdout),
    stderr: new TextDecoder().decode(output.stderr),
  };
}

Deno.test("connect() with no URL resolves the settings of the process", async () => {
  const sim = await MaasSimulator.start({ machines: 0, seed: 1 });
  const dir = await Deno.makeTempDir({ prefix: "libmaas-connect-" });
  try {
    const mod = new URL("../mod.ts", import.meta.url).href;
    const script = `
      import { connect } from ${JSON.stringify(mod)};
      try {
        const client = await connect();
        console.log((await client.users.whoami()).username);
      } catch (error) {
        console.log(error.name + ": " + error.message);
      }`;
    const base = { HOME: dir, LIBMAAS_CONFIG_DIR: `${dir}/config`, PATH: Deno.env.get("PATH")! };
    const fromEnv = await runScript(script, {
      ...base,
      MAAS_URL: sim.url,
      MAAS_APIKEY: sim.adminApiKey,
    }, dir);
    assert.equal(fromEnv.stdout.trim(), "admin", fromEnv.stderr);

    Deno.writeTextFileSync(`${dir}/.env`, `MAAS_URL=${sim.url}\nMAAS_APIKEY=${sim.adminApiKey}\n`);
    const fromFile = await runScript(script, base, dir);
    assert.equal(fromFile.stdout.trim(), "admin", fromFile.stderr);
    Deno.removeSync(`${dir}/.env`);

    const nothing = await runScript(script, base, dir);
    assert.match(nothing.stdout, /^NoServerError: No MAAS server was given\. Looked in: /);
    assert.ok(!nothing.stdout.includes(Credentials.parse(sim.adminApiKey).tokenSecret));
  } finally {
    await sim.close();
    await Deno.remove(dir, { recursive: true });
  }
});
