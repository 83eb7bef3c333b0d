/**
 * Portable tests: saved profiles (file paths, owner-only permissions, atomic writes through
 * `node:fs`) and reading the `maas` CLI's SQLite database, which needs `node:sqlite` (Deno 2.2+,
 * Bun 1.2+, Node 22.5+). Where the runtime has none, the test checks the typed error instead.
 *
 * @module
 */

import assert from "node:assert/strict";
import { chmod, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { Client, ProfileError, ProfileNotFound } from "../../mod.ts";
import { ProfileStore } from "../../lib/exports/profiles.ts";
import { SessionAPI } from "../../lib/session.ts";
import { test } from "./harness.ts";
import { withSimulator, withTempDir } from "./support.ts";

type SqliteModule = typeof import("node:sqlite");

/** `node:sqlite` where the runtime has it, else null. */
async function sqliteModule(): Promise<SqliteModule | null> {
  try {
    return await import("node:sqlite");
  } catch {
    return null;
  }
}

test("profiles: a saved profile round-trips and opens a session with no describe request", async () => {
  await withSimulator({ machines: 2 }, async (sim) => {
    await withTempDir(async (dir) => {
      const store = new ProfileStore({
        dir: join(dir, "config"),
        maasCliDb: null,
        pythonLibmaasDb: null,
      });
      const { profile, session } = await SessionAPI.connect(sim.url, { apikey: sim.adminApiKey });
      session.transport.close();
      await store.save({ ...profile, name: "lab", username: "admin" }, { makeDefault: true });

      const file = join(dir, "config", "profiles", "lab.json");
      assert.equal((await stat(file)).mode & 0o777, 0o600, "owner-only");
      assert.deepEqual(await store.names(), ["lab"]);
      assert.equal(await store.defaultName(), "lab");
      const [summary] = await store.list();
      assert.equal(summary.url, sim.apiUrl);
      assert.ok(!JSON.stringify(summary).includes(sim.adminApiKey.split(":")[2]));
      assert.deepEqual(
        (await readdir(join(dir, "config", "profiles"))).filter((f) => f.endsWith(".tmp")),
        [],
        "no temporary file is left behind",
      );

      const loaded = await store.load("lab");
      assert.equal(loaded.credentials?.toString(), sim.adminApiKey);
      assert.equal(loaded.description.hash, profile.description.hash);
      const before = sim.log.length;
      const again = SessionAPI.fromProfile(loaded);
      const me = await again.handlers.Users.whoami() as { username: string };
      again.transport.close();
      assert.equal(me.username, "admin");
      assert.deepEqual(sim.log.slice(before).map((e) => e.path), ["/MAAS/api/2.0/users/"]);

      const client = await Client.fromProfile("lab", { store });
      assert.equal((await client.machines.list()).length, 2);
      client.close();
      await assert.rejects(store.load("nope"), (error: unknown) => {
        assert.ok(error instanceof ProfileNotFound);
        assert.match(error.message, /lab/);
        return true;
      });
      await store.delete("lab");
      assert.deepEqual(await store.names(), []);
    });
  });
});

test("profiles: a profile file others can write is refused with how to fix it", async () => {
  await withTempDir(async (dir) => {
    const store = new ProfileStore({ dir, maasCliDb: null, pythonLibmaasDb: null });
    await store.save({
      name: "open",
      url: "http://maas.example.com:5240/MAAS/",
      credentials: null,
      description: { doc: "MAAS API", hash: "h", resources: [] },
    });
    await chmod(join(dir, "profiles", "open.json"), 0o666);
    await assert.rejects(store.load("open"), (error: unknown) => {
      assert.ok(error instanceof ProfileError, String(error));
      assert.match(error.message, /chmod/);
      return true;
    });
  });
});

test("profiles: the maas CLI's SQLite database is read where node:sqlite exists", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, ".maascli.db");
    const sqlite = await sqliteModule();
    const store = new ProfileStore({
      dir: join(dir, "config"),
      maasCliDb: file,
      pythonLibmaasDb: null,
    });
    if (sqlite === null) {
      // Node before 22.5: the database cannot be read, and saying so is all that can be done.
      const { writeFile } = await import("node:fs/promises");
      await writeFile(file, "SQLite format 3\u0000", { mode: 0o600 });
      await assert.rejects(store.load("cli"), (error: unknown) => {
        assert.ok(error instanceof ProfileError, String(error));
        assert.match(error.message, /node:sqlite/);
        return true;
      });
      return;
    }
    const db = new sqlite.DatabaseSync(file);
    db.exec(
      "CREATE TABLE profiles (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB)",
    );
    db.prepare("INSERT INTO profiles (name, data) VALUES (?, ?)").run(
      "cli",
      JSON.stringify({
        name: "cli",
        url: "http://10.0.0.2:5240/MAAS/api/2.0/",
        credentials: ["ck1", "tk1", "cliTokenSecret"],
        description: { doc: "MAAS API", hash: "cli-hash", resources: [] },
        cacerts: null,
      }),
    );
    db.close();
    await chmod(file, 0o600);
    const before = await stat(file);

    const cli = await store.load("cli");
    assert.equal(cli.url, "http://10.0.0.2:5240/MAAS/api/2.0/");
    assert.equal(cli.credentials?.toString(), "ck1:tk1:cliTokenSecret");
    assert.equal(await store.originOf("cli"), "maas-cli");
    assert.deepEqual(await store.names(), ["cli"]);
    const after = await stat(file);
    assert.equal(after.mtimeMs, before.mtimeMs, "the database is never changed");
    assert.equal(after.size, before.size);
  });
});
