// User groups (members, entitlements) and OIDC providers: MAAS 3.8 and later, refused before
// anything is sent on the lines that lack them.
import assert from "node:assert/strict";
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  OidcProvider,
  UnsupportedError,
  UserGroup,
} from "../../mod.ts";
import {
  type AdminAndUser,
  lastEntry,
  rejectsLocally,
  rejectsWith,
  withAdminAndUser,
  withClient,
} from "./support.ts";

/** A line that has the identity handlers: 3.8, unless the suite runs on master. */
function withWorld(fn: (world: AdminAndUser) => Promise<void>) {
  const line = Deno.env.get("SIM_MAAS_VERSION") === "master" ? "master" : "3.8";
  return withAdminAndUser(fn, { maasVersion: line });
}

// ---------------------------------------------------------------------------------------------
// User groups

Deno.test("user groups: MAAS's two groups, create, rename, members", async () => {
  await withWorld(async ({ sim, admin }) => {
    const seeded = await admin.userGroups.list();
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/groups/");
    assert.ok(seeded.every((group) => group instanceof UserGroup));
    assert.deepEqual(seeded.map(String), ["UserGroup 1 Administrators", "UserGroup 2 Users"]);
    const [administrators, users] = seeded;
    assert.deepEqual((await administrators.members()).map((m) => m.username), ["admin"]);
    assert.equal(lastEntry(sim).op, "list_members");
    const alice = sim.state.users.get("alice")!;
    assert.deepEqual(await users.members(), [{ username: "alice", email: alice.email }]);
    const held = await users.entitlements();
    assert.deepEqual(held.map((e) => e.entitlement).sort(), [
      "can_deploy_machines",
      "can_view_available_machines",
      "can_view_global_entities",
    ]);
    assert.ok(held.every((e) => e.resourceType === "maas" && e.resourceId === 0));

    const group = await admin.userGroups.create({ name: "operators", description: "Night shift" });
    assert.deepEqual(lastEntry(sim).params, {
      name: ["operators"],
      description: ["Night shift"],
    });
    assert.equal(group.description, "Night shift");
    assert.equal(group.resourcePath, `groups/${group.id}/`);
    assert.equal((await admin.userGroups.get(group.id)).name, "operators");

    group.name = "ops";
    await group.save();
    assert.equal(lastEntry(sim).method, "PUT");
    assert.deepEqual(lastEntry(sim).params, { name: ["ops"] });
    assert.equal(group.name, "ops");
    assert.equal(group.description, "Night shift", "unsent fields kept");

    assert.deepEqual(await group.members(), []);
    await group.addMember({ username: "alice" });
    assert.equal(lastEntry(sim).op, "add_member");
    assert.deepEqual(lastEntry(sim).params, { username: ["alice"] });
    const admins = await admin.users.get("admin");
    await group.addMember({ username: admins });
    assert.deepEqual(lastEntry(sim).params, { username: ["admin"] });
    assert.deepEqual((await group.members()).map((m) => m.username), ["alice", "admin"]);
    await rejectsWith(() => group.addMember({ username: "alice" }), ConflictError, (error) => {
      assert.equal(
        error.text,
        `User \`alice\` is already a member of the group with ID \`${group.id}\`.`,
      );
    });
    await rejectsWith(() => group.addMember({ username: "nobody" }), NotFoundError, (error) => {
      assert.equal(error.text, "User 'nobody' not found.");
    });

    await group.removeMember({ username: "alice" });
    assert.equal(lastEntry(sim).op, "remove_member");
    assert.equal(lastEntry(sim).status, 204);
    await group.removeMember({ username: "alice" }); // not a member any more: not an error
    assert.deepEqual((await group.members()).map((m) => m.username), ["admin"]);

    // A deleted user leaves every group.
    await (await admin.users.get("alice")).delete();
    assert.deepEqual(await users.members(), []);

    await group.delete();
    assert.equal(lastEntry(sim).status, 204);
    await rejectsWith(() => admin.userGroups.get(group.id), NotFoundError, (error) => {
      assert.equal(error.text, `UserGroup with id ${group.id} not found.`);
    });
  });
});

Deno.test("user groups: a user joins their default group when created, and leaves it when deleted", async () => {
  await withWorld(async ({ sim, admin }) => {
    await admin.users.create({ username: "bob", email: "bob@example.com", password: "pw" });
    await admin.users.create({
      username: "root2",
      email: "root2@example.com",
      password: "pw",
      isSuperuser: true,
    });
    // Read from the state before any user-group handler runs: membership is made at creation.
    const members = (name: string) =>
      sim.state.userGroups.named(name)!.memberIds.map((id) => sim.state.users.byId(id)?.username);
    assert.deepEqual(members("Administrators"), ["admin", "root2"]);
    assert.deepEqual(members("Users"), ["alice", "bob"]);

    await (await admin.users.get("bob")).delete();
    assert.deepEqual(members("Users"), ["alice"]);
    const [, users] = await admin.userGroups.list();
    assert.deepEqual((await users.members()).map((member) => member.username), ["alice"]);
  });
});

Deno.test("user groups: entitlements on MAAS and on a resource pool", async () => {
  await withWorld(async ({ sim, admin }) => {
    const group = await admin.userGroups.create({ name: "rack-a" });
    const pool = await admin.resourcePools.create({ name: "rack-a" });
    await group.addEntitlement({
      resourceType: "pool",
      resourceId: pool.id,
      entitlement: "can_deploy_machines",
    });
    assert.equal(lastEntry(sim).op, "add_entitlement");
    assert.deepEqual(lastEntry(sim).params, {
      resource_type: ["pool"],
      resource_id: [String(pool.id)],
      entitlement: ["can_deploy_machines"],
    });
    await group.addEntitlement({
      resourceType: "pool",
      resourceId: pool.id,
      entitlement: "can_deploy_machines",
    });
    await group.addEntitlement({
      resourceType: "maas",
      resourceId: 0,
      entitlement: "can_view_global_entities",
    });
    assert.deepEqual(await group.entitlements(), [
      { resourceType: "pool", resourceId: pool.id, entitlement: "can_deploy_machines" },
      { resourceType: "maas", resourceId: 0, entitlement: "can_view_global_entities" },
    ]);
    assert.equal(lastEntry(sim).op, "list_entitlements");

    await group.removeEntitlement({
      resourceType: "pool",
      resourceId: pool.id,
      entitlement: "can_deploy_machines",
    });
    assert.equal(lastEntry(sim).status, 204);
    assert.deepEqual((await group.entitlements()).map((e) => e.resourceType), ["maas"]);

    await rejectsWith(
      () =>
        group.addEntitlement({
          resourceType: "maas",
          resourceId: 1,
          entitlement: "can_view_machines",
        }),
      BadRequestError,
      (error) => assert.equal(error.text, "resource_id must be 0 for 'maas' type."),
    );
    await rejectsWith(
      () =>
        group.addEntitlement({
          resourceType: "pool",
          resourceId: pool.id,
          entitlement: "can_edit_identities",
        }),
      BadRequestError,
      (error) =>
        assert.match(
          error.text,
          /^Entitlement can_edit_identities is not defined the requested resource type\. Valid entitlements are: \['can_edit_machines', /,
        ),
    );
    await rejectsWith(
      () =>
        group.addEntitlement({
          resourceType: "pool",
          resourceId: 999,
          entitlement: "can_view_machines",
        }),
      NotFoundError,
      (error) => assert.equal(error.text, "ResourcePool with id 999 not found."),
    );
    await rejectsLocally(
      sim,
      () =>
        group.addEntitlement({
          resourceType: "zone" as "pool",
          resourceId: 1,
          entitlement: "can_view_machines",
        }),
      /"resourceType" must be one of maas, pool/,
    );
    // The names are MAAS's to check: a newer MAAS may know more.
    await rejectsWith(
      () =>
        group.addEntitlement({
          resourceType: "maas",
          resourceId: 0,
          entitlement: "can_fly" as "can_view_machines",
        }),
      BadRequestError,
      (error) => assert.match(error.text, /^Entitlement can_fly is not defined/),
    );
    await rejectsLocally(
      sim,
      () =>
        group.addEntitlement({ resourceType: "maas", entitlement: "can_view_machines" } as never),
      /Missing required parameter "resourceId"/,
    );
    await rejectsLocally(sim, () => group.addMember({} as never), /Missing required parameter/);
  });
});

Deno.test("user groups: only administrators see or change them", async () => {
  await withWorld(async ({ admin, user }) => {
    await rejectsWith(() => user.userGroups.list(), ForbiddenError, (error) => {
      assert.match(error.text, /can_view_identities/);
    });
    await rejectsWith(() => user.userGroups.create({ name: "mine" }), ForbiddenError, (error) => {
      assert.match(error.text, /can_edit_identities/);
    });
    await rejectsWith(() => admin.userGroups.create({ name: "Users" }), ConflictError, () => {});
  });
});

// ---------------------------------------------------------------------------------------------
// OIDC providers

const CORP = {
  name: "corp",
  issuerUrl: "https://id.example.com/realms/corp",
  clientId: "maas",
  clientSecret: "s3cret",
  redirectUri: "https://maas.example.com/MAAS/r/login/oidc/callback",
};

Deno.test("OIDC providers: none, create, the active one, update, delete", async () => {
  await withWorld(async ({ sim, admin }) => {
    // MAAS answers a sentence instead of an empty list.
    assert.equal(await admin.call("GET", "oidc-providers/"), "No OIDC providers found.");
    assert.deepEqual(await admin.oidcProviders.list(), []);
    await rejectsWith(() => admin.oidcProviders.getActive(), NotFoundError, (error) => {
      assert.equal(error.text, "No enabled OIDC provider found.");
    });
    assert.equal(lastEntry(sim).op, "get_active");

    const corp = await admin.oidcProviders.create({
      ...CORP,
      tokenType: "Opaque",
      scopes: "openid profile email",
      vendor: "keycloak",
    });
    assert.equal(lastEntry(sim).status, 201);
    assert.deepEqual(lastEntry(sim).params, {
      name: ["corp"],
      issuer_url: [CORP.issuerUrl],
      client_id: ["maas"],
      client_secret: ["s3cret"],
      redirect_uri: [CORP.redirectUri],
      token_type: ["Opaque"],
      scopes: ["openid profile email"],
      vendor: ["keycloak"],
    });
    assert.ok(corp instanceof OidcProvider);
    assert.equal(corp.enabled, false);
    assert.equal(corp.tokenType, "Opaque");
    assert.equal(corp.vendor, "keycloak");
    assert.equal(String(corp), `OidcProvider ${corp.id} corp ${CORP.issuerUrl}`);
    assert.ok(!String(corp).includes("s3cret"));
    assert.equal(corp.resourcePath, `oidc-providers/${corp.id}/`);

    corp.enabled = true;
    await corp.save();
    assert.deepEqual(lastEntry(sim).params, { enabled: ["true"] });
    assert.equal((await admin.oidcProviders.getActive()).id, corp.id);
    assert.match(String(corp), /\(enabled\)$/);

    const spare = await admin.oidcProviders.create({ ...CORP, name: "spare" });
    assert.deepEqual((await admin.oidcProviders.list()).map((p) => p.name), ["corp", "spare"]);
    spare.enabled = true;
    await rejectsWith(() => spare.save(), ConflictError, (error) => {
      assert.equal(
        error.text,
        "An enabled provider already exists. Disable the existing provider before enabling " +
          "this one.",
      );
    });
    await rejectsWith(
      () => admin.oidcProviders.create({ ...CORP, name: "third", enabled: true }),
      ConflictError,
      (error) => assert.match(error.text, /before creating a new one\.$/),
    );
    await rejectsWith(() => admin.oidcProviders.create(CORP), ConflictError, (error) => {
      assert.equal(error.text, "An OIDC provider with the same name already exists.");
    });

    await rejectsWith(() => corp.delete(), ConflictError, (error) => {
      assert.equal(error.text, "Provider is currently enabled and cannot be deleted.");
    });
    corp.enabled = false;
    await corp.save();
    await corp.delete();
    assert.equal(lastEntry(sim).status, 204);
    await rejectsWith(() => admin.oidcProviders.get(corp.id), NotFoundError, (error) => {
      assert.equal(error.text, `No OIDC provider found with ID: ${corp.id}`);
    });
    const again = await admin.oidcProviders.get(spare.id);
    assert.equal(again.clientSecret, "s3cret");
  });
});

Deno.test("OIDC providers: the failures", async () => {
  await withWorld(async ({ sim, admin, user }) => {
    await rejectsWith(
      () => admin.oidcProviders.create({ ...CORP, issuerUrl: "ftp://id.example.com" }),
      BadRequestError,
      (error) => assert.equal(error.text, "Issuer URL must be a valid HTTP or HTTPS address."),
    );
    await rejectsWith(
      () => admin.oidcProviders.create({ ...CORP, extra: { token_type: "saml" } }),
      BadRequestError,
      (error) => assert.equal(error.text, "Invalid token type: SAML. Must be 'JWT' or 'Opaque'."),
    );
    await rejectsWith(() => user.oidcProviders.list(), ForbiddenError, (error) => {
      assert.match(error.text, /can_view_identities/);
    });
    await rejectsLocally(
      sim,
      () => admin.oidcProviders.create({ ...CORP, tokenType: "SAML" as "JWT" }),
      /"tokenType" must be one of JWT, Opaque/,
    );
    await rejectsLocally(
      sim,
      () => admin.oidcProviders.create({ name: "x", issuerUrl: CORP.issuerUrl } as never),
      /Missing required parameter "clientId"/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Lines that lack them

Deno.test("user groups and OIDC providers: refused before sending on MAAS 3.7 and 2.9", async () => {
  for (const [maasVersion, version] of [["3.7", "3.7.3"], ["2.9", "2.9.2"]] as const) {
    await withClient(async (client, sim) => {
      const before = sim.log.length;
      await assert.rejects(client.userGroups.list(), (error: unknown) => {
        assert.ok(error instanceof UnsupportedError);
        assert.equal(
          error.message,
          `client.userGroups.list() is not in MAAS ${version}; of the known lines, 3.8 and ` +
            "master have it",
        );
        return true;
      });
      await assert.rejects(client.oidcProviders.create(CORP), (error: unknown) => {
        assert.ok(error instanceof UnsupportedError);
        assert.match(error.message, /^client\.oidcProviders\.create\(\) is not in MAAS /);
        return true;
      });
      await assert.rejects(client.oidcProviders.getActive(), UnsupportedError);
      assert.deepEqual(
        sim.log.slice(before).map((entry) => entry.path),
        ["/MAAS/api/2.0/version/"],
        "only the version, read once",
      );
      // The line itself has no such address.
      await assert.rejects(client.call("GET", "groups/"), NotFoundError);
    }, { maasVersion });
  }
});
