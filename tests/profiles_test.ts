import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { Client, Credentials, ProfileError, ProfileNotFound } from "../mod.ts";
import { type Profile, ProfileStore } from "../lib/exports/profiles.ts";
import { Transport } from "../lib/exports/transport.ts";
import { type Description, SessionAPI } from "../lib/session.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

const SECRET = "s3cr3tTokenSecretXYZ";
const KEY = `ck123:tk456:${SECRET}`;

const DESCRIPTION: Description = {
  doc: "MAAS API",
  hash: "hash-one",
  resources: [{
    name: "UsersHandler",
    anon: null,
    auth: {
      name: "UsersHandler",
      doc: "Manage users.",
      params: [],
      path: "/MAAS/api/2.0/users/",
      actions: [{ name: "whoami", method: "GET", op: "whoami", restful: false, doc: "Who am I." }],
    },
  }],
};

function profile(name: string, extra: Partial<Profile> = {}): Profile {
  return {
    name,
    url: "http://maas.example.com:5240/MAAS/",
    credentials: Credentials.parse(KEY),
    description: DESCRIPTION,
    ...extra,
  };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "libmaas-profiles-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function storeIn(dir: string, extra: Partial<ConstructorParameters<typeof ProfileStore>[0]> = {}) {
  return new ProfileStore({
    dir: `${dir}/config`,
    maasCliDb: null,
    pythonLibmaasDb: null,
    ...extra,
  });
}

function mode(path: string): number {
  return Deno.statSync(path).mode! & 0o777;
}

Deno.test("profiles: save and load keep everything, owner-only, never listing a secret", async () => {
  await withDir(async (dir) => {
    const store = storeIn(dir);
    await store.save(profile("lab", {
      username: "admin",
      tls: { caCert: "-----BEGIN CERTIFICATE-----\nxyz\n-----END CERTIFICATE-----\n" },
    }));
    const loaded = await store.load("lab");
    assert.equal(loaded.name, "lab");
    assert.equal(loaded.url, "http://maas.example.com:5240/MAAS/api/2.0/");
    assert.equal(loaded.credentials?.toString(), KEY);
    assert.equal(loaded.username, "admin");
    assert.match(loaded.tls?.caCert ?? "", /BEGIN CERTIFICATE/);
    assert.deepEqual(JSON.parse(JSON.stringify(loaded.description)), DESCRIPTION);
    assert.equal(mode(`${dir}/config/profiles/lab.json`), 0o600);
    assert.equal(mode(`${dir}/config`), 0o700);
    assert.equal(mode(`${dir}/config/profiles`), 0o700);
    const list = await store.list();
    assert.equal(list.length, 1);
    assert.equal(list[0].username, "admin");
    assert.equal(list[0].origin, "libmaas");
    assert.equal(list[0].isDefault, false);
    assert.ok(!JSON.stringify(list).includes(SECRET));
    assert.ok(!Deno.inspect(loaded, { depth: 10 }).includes(SECRET));
    assert.deepEqual(await store.names(), ["lab"]);
  });
});

Deno.test("profiles: names with any characters stay inside the directory", async () => {
  await withDir(async (dir) => {
    const store = storeIn(dir);
    const names = ["a/b", "..", ".", "prod eu", "ünïcode", "x%2Fy"];
    for (const name of names) await store.save(profile(name));
    assert.deepEqual(await store.names(), [...names].sort());
    for (const name of names) assert.equal((await store.load(name)).name, name);
    for (const entry of Deno.readDirSync(`${dir}/config/profiles`)) {
      assert.ok(entry.isFile, `${entry.name} is a file`);
    }
    await assert.rejects(store.save(profile("")), /non-empty/);
    await assert.rejects(store.save(profile("bad\nname")), /control characters/);
  });
});

Deno.test("profiles: default, switch and logout", async () => {
  await withDir(async (dir) => {
    const store = storeIn(dir);
    assert.equal(await store.defaultName(), null);
    assert.equal(await store.loadDefault(), null);
    await store.save(profile("a"), { makeDefault: true });
    await store.save(profile("b"));
    assert.equal(await store.defaultName(), "a");
    await store.setDefault("b");
    assert.equal((await store.loadDefault())?.name, "b");
    assert.equal(mode(`${dir}/config/default-profile`), 0o600);
    await assert.rejects(store.setDefault("nope"), (error) => {
      assert.ok(error instanceof ProfileNotFound);
      assert.match(error.message, /Known profiles: a, b/);
      return true;
    });
    await store.delete("b");
    assert.equal(await store.defaultName(), null, "removing the default removes the mark");
    assert.deepEqual(await store.names(), ["a"]);
    await assert.rejects(store.delete("b"), ProfileNotFound);
    await assert.rejects(store.load("zzz"), (error) => {
      assert.ok(error instanceof ProfileNotFound);
      assert.deepEqual(error.known, ["a"]);
      return true;
    });
  });
});

Deno.test("profiles: files other users can write are refused with the fix", async () => {
  await withDir(async (dir) => {
    const store = storeIn(dir);
    await store.save(profile("lab"));
    const file = `${dir}/config/profiles/lab.json`;
    Deno.chmodSync(file, 0o666);
    await assert.rejects(store.load("lab"), (error) => {
      assert.ok(error instanceof ProfileError);
      assert.match(error.message, /other users can write/);
      assert.ok(error.message.includes(`chmod 600 ${file}`));
      assert.ok(!error.message.includes(SECRET));
      return true;
    });
    Deno.chmodSync(file, 0o644);
    assert.equal((await store.load("lab")).name, "lab", "readable by others is fine");
    Deno.chmodSync(file, 0o600);
    Deno.chmodSync(`${dir}/config/profiles`, 0o777);
    await assert.rejects(store.names(), /chmod 700/);
    Deno.chmodSync(`${dir}/config/profiles`, 0o700);
  });
});

Deno.test("profiles: corrupt files raise ProfileError, never a bare error", async () => {
  await withDir(async (dir) => {
    const store = storeIn(dir);
    await store.save(profile("lab"));
    const file = `${dir}/config/profiles/lab.json`;
    for (
      const text of [
        "",
        "{",
        "[]",
        '{"format":"other"}',
        JSON.stringify({ format: "libmaas-profile", name: "lab", url: "ftp://x" }),
        JSON.stringify({
          format: "libmaas-profile",
          name: "lab",
          url: "http://x/MAAS/",
          credentials: `only:two${SECRET}`,
        }),
      ]
    ) {
      Deno.writeTextFileSync(file, text, { mode: 0o600 });
      await assert.rejects(store.load("lab"), (error) => {
        assert.ok(error instanceof ProfileError, `${text}: ${error}`);
        assert.ok(!(error as Error).message.includes(SECRET));
        return true;
      });
    }
  });
});

/** A child process that saves profiles as fast as it can (for crash and race tests). */
const SAVER = `
import { Credentials } from ${JSON.stringify(new URL("../mod.ts", import.meta.url).href)};
import { ProfileStore } from ${
  JSON.stringify(new URL("../lib/exports/profiles.ts", import.meta.url).href)
};
const [dir, prefix, count, mode] = Deno.args;
const store = new ProfileStore({ dir, maasCliDb: null, pythonLibmaasDb: null });
const big = "x".repeat(400_000);
const description = (tag) => ({ doc: "MAAS API", hash: tag, resources: [{ name: "R", anon: null,
  auth: { name: "R", doc: big, params: [], path: "/MAAS/api/2.0/r/", actions: [] } }] });
const credentials = Credentials.parse("ck:tk:secret");
if (mode === "forever") {
  console.log("ready");
  for (let i = 0;; i++) {
    await store.save({ name: "victim", url: "http://m/MAAS/", credentials, description: description(i % 2 ? "odd" : "even") });
  }
}
for (let i = 0; i < Number(count); i++) {
  await store.save({ name: prefix + i, url: "http://m/MAAS/", credentials, description: description(prefix + i) });
  await store.save({ name: "shared", url: "http://m/MAAS/", credentials, description: description(prefix + i) }, { makeDefault: i % 3 === 0 });
}
`;

async function saverFile(dir: string): Promise<string> {
  const file = `${dir}/saver.mjs`;
  await Deno.writeTextFile(file, SAVER);
  return file;
}

Deno.test("profiles: a process killed mid-write leaves the previous file whole", async () => {
  await withDir(async (dir) => {
    const script = await saverFile(dir);
    const config = `${dir}/config`;
    const store = new ProfileStore({ dir: config, maasCliDb: null, pythonLibmaasDb: null });
    for (let round = 0; round < 4; round++) {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", script, config, "", "0", "forever"],
        stdout: "piped",
        stderr: "inherit",
      }).spawn();
      const reader = child.stdout.getReader();
      await reader.read();
      await new Promise((resolve) => setTimeout(resolve, 150 + round * 70));
      child.kill("SIGKILL");
      await child.status;
      await reader.cancel();
      const survived = await store.load("victim");
      assert.ok(["odd", "even"].includes(survived.description.hash), "a whole version");
      assert.equal(survived.description.resources[0].auth?.doc.length, 400_000);
    }
    await store.save(profile("after"));
    const leftovers = [...Deno.readDirSync(`${config}/profiles`)].filter((e) =>
      e.name.endsWith(".tmp")
    );
    assert.deepEqual(leftovers, [], "abandoned temporary files are cleaned up under the lock");
    assert.deepEqual(await store.names(), ["after", "victim"]);
  });
});

Deno.test("profiles: processes saving at the same time lose nothing", async () => {
  await withDir(async (dir) => {
    const script = await saverFile(dir);
    const config = `${dir}/config`;
    const children = ["p", "q", "r", "s"].map((prefix) =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", script, config, prefix, "8"],
        stdout: "null",
        stderr: "piped",
      }).output()
    );
    const results = await Promise.all(children);
    for (const result of results) {
      assert.equal(result.code, 0, new TextDecoder().decode(result.stderr));
    }
    const store = new ProfileStore({ dir: config, maasCliDb: null, pythonLibmaasDb: null });
    const names = await store.names();
    assert.equal(names.length, 4 * 8 + 1);
    for (const name of names) {
      const loaded = await store.load(name);
      assert.equal(loaded.description.resources[0].auth?.doc.length, 400_000);
    }
    assert.equal(await store.defaultName(), "shared");
    const stray = [...Deno.readDirSync(config)].map((e) => e.name).filter((n) =>
      n === ".lock" || n.endsWith(".tmp")
    );
    assert.deepEqual(stray, []);
  });
});

function describedAs(hash: string): string {
  return JSON.stringify({ ...DESCRIPTION, hash });
}

function fileFingerprint(path: string): string {
  const stat = Deno.statSync(path);
  const bytes = Deno.readFileSync(path);
  let sum = 0;
  for (const byte of bytes) sum = (sum * 31 + byte) >>> 0;
  return `${stat.mtime?.getTime()}:${stat.size}:${sum}`;
}

Deno.test("profiles: the maas CLI's ~/.maascli.db is read, never changed", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/.maascli.db`;
    const db = new DatabaseSync(path);
    db.exec(
      "CREATE TABLE IF NOT EXISTS profiles (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB)",
    );
    const insert = db.prepare("INSERT INTO profiles (name, data) VALUES (?, ?)");
    const data = (name: string, credentials: unknown, extra: Record<string, unknown> = {}) => ({
      credentials,
      description: JSON.parse(describedAs("cli-hash")),
      name,
      url: "http://10.0.0.2:5240/MAAS/api/2.0/",
      ...extra,
    });
    insert.run("cli", JSON.stringify(data("cli", ["ck1", "tk1", SECRET], { cacerts: null })));
    insert.run(
      "tls",
      new TextEncoder().encode(JSON.stringify(data("tls", ["ck2", "tk2", SECRET], {
        cacerts: "-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n",
      }))),
    );
    insert.run("anon", JSON.stringify(data("anon", null)));
    insert.run("broken", JSON.stringify({ url: 42 }));
    db.close();
    Deno.chmodSync(path, 0o600);
    const before = fileFingerprint(path);

    const store = storeIn(dir, { maasCliDb: path });
    const cli = await store.load("cli");
    assert.equal(cli.url, "http://10.0.0.2:5240/MAAS/api/2.0/");
    assert.equal(cli.credentials?.toString(), `ck1:tk1:${SECRET}`);
    assert.equal(cli.description.hash, "cli-hash");
    assert.equal(cli.tls, undefined);
    assert.match((await store.load("tls")).tls?.caCert ?? "", /BEGIN CERTIFICATE/);
    assert.equal((await store.load("anon")).credentials, null);
    await assert.rejects(store.load("broken"), ProfileError);
    const list = await store.list();
    assert.deepEqual(list.map((s) => [s.name, s.origin]), [
      ["anon", "maas-cli"],
      ["cli", "maas-cli"],
      ["tls", "maas-cli"],
    ]);
    assert.ok(!JSON.stringify(list).includes(SECRET));
    await assert.rejects(store.delete("cli"), /maas logout cli/);
    await store.setDefault("cli");
    assert.equal((await store.loadDefault())?.name, "cli");
    await store.save(profile("cli"));
    assert.equal((await store.load("cli")).url, "http://maas.example.com:5240/MAAS/api/2.0/");
    assert.equal(fileFingerprint(path), before, "the database was not touched");
    assert.deepEqual(
      [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.startsWith(".maascli")),
      [".maascli.db"],
      "no journal or WAL file was made",
    );

    Deno.chmodSync(path, 0o606);
    await assert.rejects(store.list(), /chmod 600/);
    Deno.chmodSync(path, 0o600);
  });
});

Deno.test("profiles: python-libmaas's ~/.maas.db with its selected default is read", async () => {
  await withDir(async (dir) => {
    const path = `${dir}/.maas.db`;
    const db = new DatabaseSync(path);
    db.exec(`CREATE TABLE IF NOT EXISTS profiles
      (id INTEGER PRIMARY KEY,
       name TEXT NOT NULL UNIQUE,
       data BLOB NOT NULL,
       selected BOOLEAN NOT NULL DEFAULT FALSE)`);
    db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS only_one_profile_selected ON profiles
      (selected IS NOT NULL) WHERE selected`);
    const insert = db.prepare("INSERT INTO profiles (name, data, selected) VALUES (?, ?, ?)");
    const data = (name: string) =>
      JSON.stringify({
        name,
        url: `http://${name}.example.com:5240/MAAS/api/2.0/`,
        credentials: ["pk", "pt", SECRET],
        description: JSON.parse(describedAs(`${name}-hash`)),
      });
    insert.run("staging", data("staging"), 0);
    insert.run("prod", data("prod"), 1);
    db.close();
    Deno.chmodSync(path, 0o600);
    const before = fileFingerprint(path);

    const store = storeIn(dir, { pythonLibmaasDb: path });
    assert.equal(await store.defaultName(), "prod");
    const prod = await store.loadDefault();
    assert.equal(prod?.url, "http://prod.example.com:5240/MAAS/api/2.0/");
    assert.equal(prod?.credentials?.tokenSecret, SECRET);
    const list = await store.list();
    assert.deepEqual(list.map((s) => [s.name, s.origin, s.isDefault]), [
      ["prod", "python-libmaas", true],
      ["staging", "python-libmaas", false],
    ]);
    await store.save(profile("mine"), { makeDefault: true });
    assert.equal(await store.defaultName(), "mine", "this library's own default comes first");
    const session = await SessionAPI.fromProfileName("staging", { store });
    assert.equal(session.description.hash, "staging-hash");
    assert.ok(session.handlers.Users);
    assert.equal(fileFingerprint(path), before);
  });
});

Deno.test("profiles: Client.fromProfile and SessionAPI.fromProfileName reach the server", async () => {
  await withDir(async (dir) => {
    const sim = await MaasSimulator.start({ machines: 2, seed: 3 });
    try {
      const store = storeIn(dir);
      const { profile: made, session } = await SessionAPI.connect(sim.url, {
        apikey: sim.adminApiKey,
        name: "sim",
      });
      session.transport.close();
      await store.save({ ...made, description: { ...made.description, hash: "stale" } });

      const client = await Client.fromProfile("sim", { store });
      assert.equal(client.profileName, "sim");
      assert.equal(client.descriptionHash, "stale");
      assert.equal((await client.users.whoami()).username, "admin");
      assert.notEqual(client.descriptionHash, "stale", "the server's hash was seen");
      client.close();

      const fromName = await SessionAPI.fromProfileName("sim", { store });
      const me = await fromName.handlers.Users.whoami() as { username: string };
      assert.equal(me.username, "admin");

      const transport = new Transport({ credentials: Credentials.parse(sim.adminApiKey) });
      await transport.request("GET", sim.apiUrl + "version/");
      const stale = await store.load("sim");
      const logged = sim.log.length;
      const refreshed = await store.refreshDescription(stale, transport);
      assert.equal(refreshed.description.hash, transport.apiHash);
      assert.equal((await store.load("sim")).description.hash, transport.apiHash, "saved");
      assert.ok(sim.log.slice(logged).some((entry) => entry.path.endsWith("/describe/")));
      const again = sim.log.length;
      assert.equal(await store.refreshDescription(refreshed, transport), refreshed);
      assert.equal(sim.log.length, again, "no download when the hash matches");
      transport.close();

      await assert.rejects(Client.fromProfile("missing", { store }), ProfileNotFound);
      await assert.rejects(SessionAPI.fromProfileName("missing", { store }), ProfileNotFound);
    } finally {
      await sim.close();
    }
  });
});

Deno.test("profiles: a lock left by a dead process is taken over; a live one is waited for", async () => {
  await withDir(async (dir) => {
    const store = storeIn(dir, { lockTimeout: 300 });
    await store.save(profile("first"));
    const lock = `${dir}/config/.lock`;
    Deno.writeTextFileSync(lock, `999999 ${Date.now()}\n`, { mode: 0o600 });
    const started = Date.now();
    await store.save(profile("second"));
    assert.ok(Date.now() - started < 2000, "no wait for a dead holder");
    Deno.writeTextFileSync(lock, `${Deno.pid} ${Date.now()}\n`, { mode: 0o600 });
    await assert.rejects(store.save(profile("third")), (error) => {
      assert.ok(error instanceof ProfileError);
      assert.match(error.message, /held .*\.lock for too long/);
      return true;
    });
    Deno.removeSync(lock);
    await store.save(profile("third"));
    assert.deepEqual(await store.names(), ["first", "second", "third"]);
  });
});
