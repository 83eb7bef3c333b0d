import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { generateKeyPairSync } from "node:crypto";
import {
  BadRequestError,
  connect,
  Credentials,
  ForbiddenError,
  login,
  NotFoundError,
  SSHKey,
  SSLKey,
  UnauthorizedError,
  User,
} from "../../mod.ts";
import { MaasSimulator } from "../../lib/testing/mod.ts";
import { lastEntry, rejectsLocally, rejectsWith, withClient } from "./support.ts";

/** An OpenSSH public key line for a new Ed25519 key. */
function publicKey(comment: string): string {
  const der = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "der" });
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const blob = Buffer.concat([field(Buffer.from("ssh-ed25519")), field(der.subarray(-32))]);
  return `ssh-ed25519 ${blob.toString("base64")} ${comment}`;
}

/** A self-signed certificate made for these tests (`openssl req -x509`, P-256, CN libmaas-test). */
const CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBhjCCASugAwIBAgIUTUKe3MrSM2g87Z0YxxYRyF1oiuUwCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMbGlibWFhcy10ZXN0MCAXDTI2MTEyMzE0MjQ1MFoYDzIxMjYx
MDMwMTQyNDUwWjAXMRUwEwYDVQQDDAxsaWJtYWFzLXRlc3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAT/cRobXWeI+19A3oUMQlm8yVEIkAFUCYHsitos3bXqM2+s
kOeyadKv0UqN/1HCDU6IyiM/t2iCa5J5D+UwxsXWo1MwUTAdBgNVHQ4EFgQU8yc7
nuAYggxzADZcPjm5EFnbW2UwHwYDVR0jBBgwFoAU8yc7nuAYggxzADZcPjm5EFnb
W2UwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEA2oLNPD8wlX3/
cpQna2q7JYCVYqDsmmXfm7fhZ0+BgCwCIQDHjAlvc8yYKUAOuPzUgw3R4lNwxtKc
r3w4Ly0qU9+x6w==
-----END CERTIFICATE-----
`;

// ---------------------------------------------------------------------------------------------
// Users

Deno.test("users: whoami, list, create, get, log in as the new user, delete", async () => {
  await withClient(async (admin, sim) => {
    const me = await admin.users.whoami();
    assert.equal(lastEntry(sim).op, "whoami");
    assert.ok(me instanceof User);
    assert.equal(me.username, "admin");
    assert.equal(me.isSuperuser, true);
    assert.equal(String(me), "User admin (admin)");

    const bob = await admin.users.create({
      username: "bob",
      email: "bob@example.com",
      password: "s3cret-pw",
    });
    assert.deepEqual(lastEntry(sim).params, {
      username: ["bob"],
      email: ["bob@example.com"],
      password: ["s3cret-pw"],
      is_superuser: ["0"], // MAAS reads this one flag as 0 or 1 only
    });
    assert.equal(bob.isSuperuser, false);
    assert.equal(bob.email, "bob@example.com");
    assert.equal(String(bob), "User bob");
    assert.equal(bob.resourcePath, "users/bob/");

    const users = await admin.users.list();
    assert.deepEqual(users.map((user) => user.username), ["admin", "bob"]);
    const read = await admin.users.get("bob");
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/users/bob/");
    assert.equal(read.email, "bob@example.com");

    const asBob = await login(sim.url, { username: "bob", password: "s3cret-pw" });
    try {
      const whoami = await asBob.users.whoami();
      assert.equal(whoami.username, "bob");
      assert.equal(whoami.isSuperuser, false);
    } finally {
      asBob.close();
    }

    await read.delete();
    assert.equal(lastEntry(sim).method, "DELETE");
    assert.equal(lastEntry(sim).status, 204);
    await rejectsWith(() => admin.users.get("bob"), NotFoundError, (error) => {
      assert.equal(error.text, "No User matches the given query.");
    });
  });
});

Deno.test("users: 403 for non-administrators, 400 field errors, local errors", async () => {
  await withClient(async (admin, sim) => {
    const { apikey } = sim.createUser({ username: "carol" });
    const carol = await connect(sim.url, { apikey });
    try {
      await rejectsWith(
        () => carol.users.create({ username: "dave", email: "d@example.com", password: "pw" }),
        ForbiddenError,
        (error) => assert.match(error.text, /can_edit_identities/),
      );
      const admin2 = await carol.users.get("admin");
      await rejectsWith(() => admin2.delete(), ForbiddenError, () => {});
      assert.equal((await carol.users.list()).length, 2, "anyone may list users");
    } finally {
      carol.close();
    }

    await rejectsWith(
      () => admin.users.create({ username: "carol", email: "c@example.com", password: "pw" }),
      BadRequestError,
      (error) =>
        assert.deepEqual(error.fields, { username: ["A user with that username already exists."] }),
    );
    await rejectsWith(
      () => admin.users.create({ username: "no spaces", email: "x@example.com", password: "pw" }),
      BadRequestError,
      (error) => assert.match(error.fields?.username?.[0] ?? "", /Enter a valid username/),
    );
    await rejectsWith(() => admin.users.get("admin").then((me) => me.delete()), BadRequestError, (
      error,
    ) => assert.equal(error.text, "An administrator cannot self-delete."));

    await rejectsLocally(
      sim,
      () => admin.users.create({ username: "erin", password: "pw" } as never),
      /"email"/,
    );
    await rejectsLocally(sim, () => admin.users.get(""), /"username"/);
  });
});

Deno.test("users: an administrator is created with is_superuser=1; unknown options are refused", async () => {
  await withClient(async (admin, sim) => {
    const root = await admin.users.create({
      username: "root2",
      email: "root2@example.com",
      password: "pw",
      isSuperuser: true,
    });
    assert.equal(lastEntry(sim).params.is_superuser[0], "1");
    assert.equal(root.isSuperuser, true);
    await rejectsLocally(
      sim,
      () =>
        admin.users.create({ username: "x", email: "x@y", password: "p", admin: true } as never),
      /unknown option "admin"/,
    );
    await rejectsLocally(
      sim,
      () =>
        admin.users.create({ username: "x", email: "x@y", password: "p", isSuperuser: 1 } as never),
      /"isSuperuser" must be a boolean/,
    );
  });
});

Deno.test("users: transfer a deleted user's resources", async () => {
  await withClient(async (admin, sim) => {
    sim.createUser({ username: "frank" });
    sim.createUser({ username: "grace" });
    const frank = await admin.users.get("frank");
    await frank.delete({ transferResourcesTo: "grace" });
    assert.deepEqual(lastEntry(sim).params, { transfer_resources_to: ["grace"] });
    assert.equal(lastEntry(sim).status, 204);
  });
});

// ---------------------------------------------------------------------------------------------
// API keys

Deno.test("account: create, list, rename and delete API keys", async () => {
  await withClient(async (admin, sim) => {
    const { name, credentials } = await admin.account.createCredentials({ name: "ci" });
    assert.equal(lastEntry(sim).op, "create_authorisation_token");
    assert.equal(name, "ci");
    assert.ok(credentials instanceof Credentials);

    const listed = await admin.account.listCredentials();
    assert.equal(listed.length, 2);
    const ci = listed.find((token) => token.credentials.tokenKey === credentials.tokenKey);
    assert.equal(ci?.name, "ci");
    assert.equal(ci?.credentials.toString(), credentials.toString());

    const viaKey = await connect(sim.url, { apikey: credentials });
    try {
      assert.equal((await viaKey.users.whoami()).username, "admin");

      await admin.account.renameCredentials(credentials, "ci-runner");
      assert.deepEqual(lastEntry(sim).params, {
        token: [credentials.tokenKey],
        name: ["ci-runner"],
      });
      const renamed = await admin.account.listCredentials();
      assert.equal(
        renamed.find((token) => token.credentials.tokenKey === credentials.tokenKey)?.name,
        "ci-runner",
      );
      // The whole key text works as well as the token key.
      await admin.account.renameCredentials(credentials.toString(), "ci");
      assert.deepEqual(lastEntry(sim).params.token, [credentials.tokenKey]);

      await admin.account.deleteCredentials(credentials);
      assert.deepEqual(lastEntry(sim).params, { token_key: [credentials.tokenKey] });
      assert.equal((await admin.account.listCredentials()).length, 1);
      // The key's consumer went with it, and MAAS checks the consumer first.
      await rejectsWith(() => viaKey.users.whoami(), UnauthorizedError, (error) => {
        assert.equal(error.text, "Authorization Error: Invalid API key.");
      });
    } finally {
      viaKey.close();
    }

    await rejectsWith(() => admin.account.deleteCredentials("nosuchtokenkey0000"), NotFoundError, (
      error,
    ) => assert.equal(error.status, 404));
    await rejectsLocally(sim, () => admin.account.renameCredentials("abc", ""), /"name"/);
    await rejectsLocally(sim, () => admin.account.deleteCredentials(""), /token key/);
  });
});

// ---------------------------------------------------------------------------------------------
// SSH keys

Deno.test("SSH keys: add, list, get, delete, and the failures", async () => {
  await withClient(async (admin, sim) => {
    assert.deepEqual(await admin.sshKeys.list(), []);
    const text = publicKey("admin@laptop");
    const key = await admin.sshKeys.create(`  ${text}\n`);
    assert.equal(lastEntry(sim).status, 201);
    assert.deepEqual(lastEntry(sim).params, { key: [text] });
    assert.ok(key instanceof SSHKey);
    assert.equal(key.key, text);
    assert.ok(!key.keysource, "a key added by hand has no source");
    assert.equal(String(key), `SSHKey ${key.id} ssh-ed25519 admin@laptop`);

    const listed = await admin.sshKeys.list();
    assert.deepEqual(listed.map((each) => each.id), [key.id]);
    const read = await admin.sshKeys.get(key.id);
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/account/prefs/sshkeys/${key.id}/`);
    assert.equal(read.key, text);

    await rejectsWith(() => admin.sshKeys.create(text), BadRequestError, (error) => {
      assert.deepEqual(error.fields, {
        __all__: ["This key has already been added for this user."],
      });
    });
    await rejectsWith(
      () => admin.sshKeys.create("ssh-rsa not-base64!"),
      BadRequestError,
      (error) => {
        assert.match(error.fields?.key?.[0] ?? "", /^Invalid SSH public key/);
      },
    );

    // Someone else's key cannot be deleted.
    const { apikey } = sim.createUser({ username: "heidi" });
    const heidi = await connect(sim.url, { apikey });
    try {
      const theirs = await heidi.sshKeys.create(publicKey("heidi@desk"));
      const seenByAdmin = await admin.sshKeys.get(theirs.id);
      await rejectsWith(() => seenByAdmin.delete(), ForbiddenError, (error) => {
        assert.equal(error.text, "Can't delete a key you don't own.");
      });
      assert.deepEqual((await admin.sshKeys.list()).map((each) => each.id), [key.id]);
    } finally {
      heidi.close();
    }

    await read.delete();
    assert.equal(lastEntry(sim).status, 204);
    await rejectsWith(() => admin.sshKeys.get(key.id), NotFoundError, (error) => {
      assert.equal(error.text, "No SSHKey matches the given query.");
    });
    await rejectsLocally(sim, () => admin.sshKeys.create(""), /"key"/);
    await rejectsLocally(sim, () => admin.sshKeys.get("1" as unknown as number), /"id"/);
  });
});

Deno.test("SSH keys: an administrator adds a key for another user; others may not", async () => {
  await withClient(async (admin, sim) => {
    const { apikey } = sim.createUser({ username: "ivan" });
    const key = publicKey("for-ivan");
    await admin.sshKeys.create(key, { user: "ivan" });
    assert.deepEqual(lastEntry(sim).params, { key: [key], user: ["ivan"] });
    assert.equal(lastEntry(sim).status, 201);
    const ivan = await connect(sim.url, { apikey });
    try {
      assert.deepEqual((await ivan.sshKeys.list()).map((each) => each.key), [key]);
      assert.deepEqual(await admin.sshKeys.list(), [], "the key is Ivan's, not the admin's");
      await rejectsWith(
        () => ivan.sshKeys.create(publicKey("x"), { user: "admin" }),
        BadRequestError,
        (error) => assert.match(error.text, /Only administrators can specify a user/),
      );
    } finally {
      ivan.close();
    }
    await rejectsLocally(
      sim,
      () => admin.sshKeys.create(key, { key } as never),
      /given as an argument/,
    );
    await rejectsLocally(sim, () => admin.sshKeys.create(key, { usr: "ivan" } as never), /"user"/);
  });
});

Deno.test("SSH keys: import from Launchpad and GitHub", async () => {
  await withClient(async (admin, sim) => {
    const launchpad = await admin.sshKeys.import("lp:alice");
    assert.equal(lastEntry(sim).op, "import");
    assert.deepEqual(lastEntry(sim).params, { keysource: ["lp:alice"] });
    assert.equal(launchpad.length, 2);
    assert.ok(launchpad.every((key) => key instanceof SSHKey && key.keysource === "lp:alice"));
    assert.match(launchpad[0].key, /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\S+ alice@/);

    // The same source gives the same keys: importing again adds nothing.
    const again = await admin.sshKeys.import("lp:alice");
    assert.deepEqual(again.map((key) => key.id), launchpad.map((key) => key.id));
    const github = await admin.sshKeys.import("gh:alice");
    assert.equal(github.length, 2);
    assert.ok(github.every((key) => key.keysource === "gh:alice"));
    assert.notEqual(github[0].key, launchpad[0].key);
    assert.equal((await admin.sshKeys.list()).length, 4);
    assert.equal((await admin.sshKeys.get(github[1].id)).keysource, "gh:alice");

    await rejectsWith(() => admin.sshKeys.import("lp:No_Such_User"), BadRequestError, (error) => {
      assert.equal(
        error.text,
        "Unable to import SSH keys. Launchpad user No_Such_User doesn't exist.",
      );
    });
    await rejectsWith(() => admin.sshKeys.import("gh:-bad-"), BadRequestError, (error) => {
      assert.equal(error.text, "Unable to import SSH keys. Github user -bad- doesn't exist.");
    });
    // The typed method refuses an unknown source before sending; the server answers 400 too.
    await rejectsLocally(sim, () => admin.sshKeys.import("xx:alice"), /lp:USER/);
    await rejectsWith(
      () =>
        admin.call("POST", "account/prefs/sshkeys/", {
          op: "import",
          params: { keysource: "xx:alice" },
        }),
      BadRequestError,
      (error) => assert.match(error.text, /Unknown protocol xx/),
    );
    await rejectsWith(
      () => admin.call("POST", "account/prefs/sshkeys/", { op: "import" }),
      BadRequestError,
      (error) => assert.match(error.text, /^Importing SSH keys failed/),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// SSL keys

Deno.test("SSL keys: add, list, get, delete, and the failures", async () => {
  await withClient(async (admin, sim) => {
    assert.deepEqual(await admin.sslKeys.list(), []);
    const key = await admin.sslKeys.create(CERTIFICATE);
    assert.equal(lastEntry(sim).status, 201);
    assert.ok(key instanceof SSLKey);
    assert.equal(key.key, CERTIFICATE);
    assert.equal(String(key), `SSLKey ${key.id}`);
    assert.deepEqual((await admin.sslKeys.list()).map((each) => each.id), [key.id]);
    const read = await admin.sslKeys.get(key.id);
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/account/prefs/sslkeys/${key.id}/`);
    assert.equal(read.key, CERTIFICATE);

    await rejectsWith(() => admin.sslKeys.create(CERTIFICATE), BadRequestError, (error) => {
      assert.deepEqual(error.fields, { key: ["This key has already been added for this user."] });
    });
    await rejectsWith(() => admin.sslKeys.create("not a certificate"), BadRequestError, (error) => {
      assert.deepEqual(error.fields, { key: ["Invalid SSL key."] });
    });

    const { apikey } = sim.createUser({ username: "ivan" });
    const ivan = await connect(sim.url, { apikey });
    try {
      assert.deepEqual(await ivan.sslKeys.list(), [], "keys are per user");
      await rejectsWith(() => ivan.sslKeys.get(key.id), ForbiddenError, (error) => {
        assert.equal(error.text, "Can't get a key you don't own.");
      });
    } finally {
      ivan.close();
    }

    await read.delete();
    await rejectsWith(() => admin.sslKeys.get(key.id), NotFoundError, (error) => {
      assert.equal(error.text, "No SSLKey matches the given query.");
    });
    await rejectsLocally(sim, () => admin.sslKeys.create(""), /"key"/);
  });
});

// ---------------------------------------------------------------------------------------------
// The example

Deno.test("examples/users_and_keys.ts runs against a simulator", async () => {
  const sim = await MaasSimulator.start();
  try {
    sim.createUser({ username: "judy", email: "judy@example.com" });
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("../../examples/users_and_keys.ts", import.meta.url).pathname],
      env: { MAAS_URL: sim.url, MAAS_APIKEY: sim.adminApiKey, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, stderr);
    assert.match(stdout, /^signed in as admin \(administrator\)$/m);
    assert.match(stdout, /^2 users:$/m);
    assert.match(stdout, /^ {2}judy {13}judy@example\.com$/m);
    assert.match(stdout, /^added SSHKey 1 ssh-ed25519 libmaas-example$/m);
    assert.match(stdout, /^admin has 1 SSH key\(s\):$/m);
    assert.match(stdout, /^removed SSH key 1; 0 left$/m);
    assert.ok(!stdout.includes(sim.adminApiKey.split(":")[2]), "the secret is never printed");
    assert.equal(sim.state.users.sshKeys.size, 0, "the key was removed again");
  } finally {
    await sim.close();
  }
});

Deno.test("users: an administrator created with a key gets it in the same call; others do not", async () => {
  await withClient(async (admin, sim) => {
    const key = publicKey("ops@laptop");
    await admin.users.create({
      username: "ops",
      email: "ops@example.com",
      password: "pw",
      isSuperuser: true,
      key,
    });
    const sent = lastEntry(sim);
    assert.deepEqual(sent.params.key, [key]);
    const opsKeys = [...sim.state.users.sshKeys.values()].filter((k) =>
      sim.state.users.get("ops")?.id === k.userId
    );
    assert.equal(opsKeys.length, 1);
    assert.equal(opsKeys[0].key, key);

    await admin.users.create({ username: "dev", email: "dev@example.com", password: "pw", key });
    const devKeys = [...sim.state.users.sshKeys.values()].filter((k) =>
      sim.state.users.get("dev")?.id === k.userId
    );
    assert.equal(devKeys.length, 0, "MAAS adds the key for administrators only");
  });
});
