import assert from "node:assert/strict";
import {
  BadRequestError,
  CallError,
  DHCPSnippet,
  ForbiddenError,
  LicenseKey,
  NotFoundError,
  Notification,
  PackageRepository,
  Script,
  TimeoutError,
  UnsupportedError,
  User,
} from "../../mod.ts";
import {
  lastEntry,
  rejectsLocally,
  rejectsWith,
  withAdminAndUser as withWorld,
} from "./support.ts";

// ---------------------------------------------------------------------------------------------
// Notifications

Deno.test("notifications: create, read, update only what changed, dismiss, delete", async () => {
  await withWorld(async ({ sim, admin, user }) => {
    const seeded = await admin.notifications.list();
    assert.ok(seeded.some((n) => n.ident === "dhcp_disabled_all_vlans"));
    assert.ok(seeded.every((n) => n instanceof Notification));

    const created = await admin.notifications.create({
      message: "Rack {rack} lost power at {time}.",
      context: { rack: "A-07", time: "03:12" },
      category: "warning",
      admins: true,
      ident: "power-a07",
    });
    assert.deepEqual(lastEntry(sim).params, {
      message: ["Rack {rack} lost power at {time}."],
      category: ["warning"],
      ident: ["power-a07"],
      admins: ["true"],
      context: ['{"rack":"A-07","time":"03:12"}'],
    });
    assert.equal(created.category, "warning");
    assert.equal(created.admins, true);
    assert.equal(created.users, false);
    assert.equal(created.dismissable, true);
    assert.equal(created.user, null);
    assert.deepEqual(created.context, { rack: "A-07", time: "03:12" });
    assert.equal(created.renderedMessage, "Rack A-07 lost power at 03:12.");
    assert.equal(
      String(created),
      `Notification ${created.id} warning: Rack A-07 lost power at 03:12.`,
    );
    assert.equal(created.resourcePath, `notifications/${created.id}/`);

    const read = await admin.notifications.get(created.id);
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/notifications/${created.id}/`);
    assert.deepEqual(read.toJSON(), created.toJSON());
    assert.ok((await admin.notifications.list()).some((n) => n.id === created.id));

    read.category = "error";
    read.context = { rack: "A-08", time: "03:15" };
    await read.save();
    assert.equal(lastEntry(sim).method, "PUT");
    assert.deepEqual(lastEntry(sim).params, {
      category: ["error"],
      context: ['{"rack":"A-08","time":"03:15"}'],
    });
    assert.equal(read.category, "error");
    assert.equal(read.renderedMessage, "Rack A-08 lost power at 03:15.");
    assert.equal(read.message, "Rack {rack} lost power at {time}.", "unsent fields kept");
    const count = sim.log.length;
    await read.save();
    assert.equal(sim.log.length, count, "nothing changed, nothing sent");

    // Aimed at one user: the nested user comes back as a User.
    read.setUser("alice");
    read.admins = false;
    await read.save();
    assert.deepEqual(lastEntry(sim).params, { user: ["alice"], admins: ["false"] });
    assert.ok(read.user instanceof User);
    assert.equal(read.user?.username, "alice");
    assert.ok((await user.notifications.list()).some((n) => n.id === read.id));
    assert.ok(!(await admin.notifications.list()).some((n) => n.id === read.id));
    read.setUser(null);
    read.users = true;
    await read.save();
    assert.deepEqual(lastEntry(sim).params, { user: [""], users: ["true"] });
    assert.equal(read.user, null);

    // Dismissing hides it from that user only, and may be repeated.
    const mine = await user.notifications.get(read.id);
    await mine.dismiss();
    assert.equal(lastEntry(sim).op, "dismiss");
    await mine.dismiss();
    assert.ok(!(await user.notifications.list()).some((n) => n.id === read.id));

    await read.delete();
    assert.equal(lastEntry(sim).status, 204);
    await rejectsWith(() => admin.notifications.get(read.id), NotFoundError, (error) => {
      assert.equal(error.text, "No Notification matches the given query.");
    });
  });
});

Deno.test("notifications: who sees what, and the failures", async () => {
  await withWorld(async ({ sim, admin, user }) => {
    // The seeded ones: admin-only warnings and errors, and one for everybody.
    const forUser = await user.notifications.list();
    assert.deepEqual(forUser.map((n) => n.id), [2]);
    await rejectsWith(() => user.notifications.get(1), ForbiddenError, () => {});
    await rejectsWith(
      () => user.notifications.create({ message: "hi", users: true }),
      ForbiddenError,
      (
        error,
      ) => assert.match(error.text, /can_edit_notifications/),
    );

    // MAAS fails a non-dismissable notification's dismissal with a bare 500.
    const stuck = await admin.notifications.get(3);
    assert.equal(stuck.dismissable, false);
    await rejectsWith(() => stuck.dismiss(), CallError, (error) => assert.equal(error.status, 500));

    await rejectsLocally(sim, () => admin.notifications.create({ message: "" }), /"message"/);
    await rejectsLocally(
      sim,
      () => admin.notifications.create({ message: "x", category: "fatal" as "error" }),
      /"category" must be one of/,
    );
    await rejectsLocally(
      sim,
      () => admin.notifications.create({ message: "x", users: "yes" as unknown as boolean }),
      /"users" must be a boolean/,
    );
    await rejectsLocally(sim, () => admin.notifications.get(1.5), /"id"/);

    await rejectsWith(
      () => admin.notifications.create({ message: "Hello {name}", admins: true }),
      BadRequestError,
      (error) => assert.deepEqual(error.fields, { __all__: ["Notification cannot be rendered."] }),
    );
    await rejectsWith(
      () => admin.notifications.create({ message: "x", ident: "dhcp_disabled_all_vlans" }),
      BadRequestError,
      (error) =>
        assert.deepEqual(error.fields, { ident: ["Notification with this Ident already exists."] }),
    );
    await rejectsWith(
      () => admin.notifications.create({ message: "x", user: "nobody" }),
      BadRequestError,
      (error) => assert.deepEqual(error.fields, { user: ["Enter a valid user id or username."] }),
    );
    await rejectsWith(() => admin.notifications.get(999), NotFoundError, () => {});
  });
});

// ---------------------------------------------------------------------------------------------
// Package repositories

Deno.test("package repositories: create with lists, update only what changed, delete", async () => {
  await withWorld(async ({ sim, admin }) => {
    const [main, ports] = await admin.packageRepositories.list();
    assert.ok(main instanceof PackageRepository);
    assert.equal(String(main), "PackageRepository 1 main_archive http://archive.ubuntu.com/ubuntu");
    assert.deepEqual(ports.arches, ["armhf", "arm64", "ppc64el", "s390x"]);

    const repo = await admin.packageRepositories.create({
      name: "tools",
      url: "ppa:example/tools",
      distributions: ["jammy", "noble"],
      components: ["main"],
      arches: ["amd64", "arm64"],
      disableSources: false,
    });
    assert.deepEqual(lastEntry(sim).params, {
      name: ["tools"],
      url: ["ppa:example/tools"],
      distributions: ["jammy", "noble"],
      disable_sources: ["false"],
      components: ["main"],
      arches: ["amd64", "arm64"],
    });
    assert.deepEqual(repo.distributions, ["jammy", "noble"]);
    assert.deepEqual(repo.arches, ["amd64", "arm64"]);
    assert.equal(repo.disableSources, false);
    assert.equal(repo.enabled, true);
    assert.equal(repo.key, "");

    const again = await admin.packageRepositories.get(repo.id);
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/package-repositories/${repo.id}/`);
    again.enabled = false;
    again.arches = ["amd64"];
    await again.save();
    assert.deepEqual(lastEntry(sim).params, { enabled: ["false"], arches: ["amd64"] });
    assert.equal(again.enabled, false);
    assert.match(String(again), /\(disabled\)$/);

    // The default archives take disabled pockets and components, which an empty list clears.
    main.disabledPockets = ["backports", "security"];
    main.disabledComponents = ["multiverse"];
    await main.save();
    assert.deepEqual(main.disabledPockets, ["backports", "security"]);
    assert.deepEqual(main.disabledComponents, ["multiverse"]);
    main.disabledPockets = [];
    await main.save();
    assert.deepEqual(lastEntry(sim).params, { disabled_pockets: [""] });
    assert.deepEqual(main.disabledPockets, []);
    assert.deepEqual(main.disabledComponents, ["multiverse"]);

    // Other lists cannot be emptied through MAAS's API: refused before any request.
    again.distributions = [];
    await rejectsLocally(sim, () => again.save(), /cannot empty "distributions"/);

    await repo.delete();
    await rejectsWith(() => admin.packageRepositories.get(repo.id), NotFoundError, (error) => {
      assert.equal(error.text, "No PackageRepository matches the given query.");
    });
  });
});

Deno.test("package repositories: the failures", async () => {
  await withWorld(async ({ sim, admin, user }) => {
    const [main] = await admin.packageRepositories.list();
    await rejectsWith(() => main.delete(), BadRequestError, (error) => {
      assert.equal(error.text, "Cannot delete default Ubuntu archives.");
    });
    main.enabled = false;
    await rejectsWith(() => main.save(), BadRequestError, (error) => {
      assert.deepEqual(error.fields, { __all__: ["Default repositories may not be disabled."] });
    });
    await rejectsWith(
      () => admin.packageRepositories.create({ name: "main_archive", url: "http://x.example/" }),
      BadRequestError,
      (error) => assert.deepEqual(Object.keys(error.fields ?? {}), ["name"]),
    );
    await rejectsWith(
      () =>
        admin.packageRepositories.create({
          name: "odd",
          url: "http://x.example/",
          arches: ["sparc"],
        }),
      BadRequestError,
      (error) =>
        assert.match(error.fields?.arches?.[0] ?? "", /'sparc' is not a valid architecture/),
    );
    await rejectsWith(
      () => user.packageRepositories.create({ name: "mine", url: "http://x.example/" }),
      ForbiddenError,
      (error) => assert.match(error.text, /can_edit_global_entities/),
    );
    await rejectsLocally(
      sim,
      () => admin.packageRepositories.create({ name: "x" } as never),
      /Missing required parameter "url"/,
    );
    await rejectsLocally(
      sim,
      () =>
        admin.packageRepositories.create({
          name: "x",
          url: "http://x.example/",
          arches: 5 as unknown as string[],
        }),
      /"arches" must be a list of strings/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// License keys

Deno.test("license keys: create, read without a trailing slash, update, delete", async () => {
  await withWorld(async ({ sim, admin }) => {
    assert.deepEqual(await admin.licenseKeys.list(), []);
    const key = await admin.licenseKeys.create({
      osystem: "windows",
      distroSeries: "win2016",
      licenseKey: "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY",
    });
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/license-keys/");
    assert.deepEqual(lastEntry(sim).params, {
      osystem: ["windows"],
      distro_series: ["win2016"],
      license_key: ["ABCDE-FGHIJ-KLMNO-PQRST-UVWXY"],
    });
    assert.ok(key instanceof LicenseKey);
    assert.equal(String(key), "LicenseKey windows/win2016");
    assert.equal(key.resourcePath, "license-key/windows/win2016");

    const read = await admin.licenseKeys.get("windows", "win2016");
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/license-key/windows/win2016");
    assert.equal(read.licenseKey, "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY");
    assert.equal(read.distroSeries, "win2016");

    read.licenseKey = "12345-67890-ABCDE-FGHIJ-KLMNO";
    await read.save();
    assert.equal(lastEntry(sim).method, "PUT");
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/license-key/windows/win2016");
    assert.deepEqual(lastEntry(sim).params, { license_key: ["12345-67890-ABCDE-FGHIJ-KLMNO"] });
    assert.equal((await admin.licenseKeys.list())[0].licenseKey, "12345-67890-ABCDE-FGHIJ-KLMNO");

    await read.delete();
    assert.equal(lastEntry(sim).status, 204);
    await rejectsWith(() => admin.licenseKeys.get("windows", "win2016"), NotFoundError, (error) => {
      assert.equal(error.text, "No LicenseKey matches the given query.");
    });
    await read.delete(); // MAAS: deleting a key that is not there succeeds.
  });
});

Deno.test("license keys: the failures", async () => {
  await withWorld(async ({ sim, admin, user }) => {
    const create = (distroSeries: string, licenseKey = "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY") =>
      admin.licenseKeys.create({ osystem: "windows", distroSeries, licenseKey });
    await rejectsWith(() => create("win2019", "not-a-key"), BadRequestError, (error) => {
      assert.deepEqual(error.fields, { __all__: ["Invalid license key."] });
    });
    await rejectsWith(() => create("win95"), BadRequestError, (error) => {
      assert.match(error.fields?.distro_series?.[0] ?? "", /'windows\/win95' is not a valid/);
    });
    await create("win2019");
    await rejectsWith(() => create("win2019"), BadRequestError, (error) => {
      assert.deepEqual(error.fields, {
        __all__: ["License key with this operating system and distro series already exists."],
      });
    });
    await rejectsWith(() => user.licenseKeys.list(), ForbiddenError, (error) => {
      assert.match(error.text, /can_view_license_keys/);
    });
    await rejectsLocally(
      sim,
      () => admin.licenseKeys.create({ osystem: "windows", distroSeries: "win2019" } as never),
      /"licenseKey"/,
    );
    await rejectsLocally(sim, () => admin.licenseKeys.get("windows", ""), /"distro_series"/);
  });
});

// ---------------------------------------------------------------------------------------------
// DHCP snippets

const subnetOf = (snippet: DHCPSnippet) => snippet.subnet;

Deno.test("DHCP snippets: global, subnet and node snippets, revisions, revert", async () => {
  await withWorld(async ({ sim, admin }) => {
    const [machine] = sim.state.machines.values();
    const global = await admin.dhcpSnippets.create({
      name: "vendor class",
      value:
        'class "pxe" { match if substring(option vendor-class-identifier, 0, 9) = "PXEClient"; }',
      description: "PXE clients",
    });
    assert.ok(global instanceof DHCPSnippet);
    assert.equal(global.globalSnippet, true);
    assert.equal(global.node, null);
    assert.equal(global.subnet, null);
    assert.equal(global.enabled, true);
    assert.equal(String(global), `DHCPSnippet ${global.id} "vendor class" global`);

    const onSubnet = await admin.dhcpSnippets.create({
      name: "short leases",
      value: "default-lease-time 600;",
      subnet: "10.20.0.0/20",
      enabled: false,
    });
    assert.deepEqual(lastEntry(sim).params, {
      name: ["short leases"],
      value: ["default-lease-time 600;"],
      enabled: ["false"],
      subnet: ["10.20.0.0/20"],
    });
    assert.equal(onSubnet.subnet?.cidr, "10.20.0.0/20");
    assert.equal(onSubnet.subnet?.id, 1);
    assert.equal(onSubnet.globalSnippet, false);
    assert.match(String(onSubnet), /on subnet 10\.20\.0\.0\/20 \(disabled\)$/);

    const onNode = await admin.dhcpSnippets.create({
      name: "boot elsewhere",
      value: "next-server 10.20.0.9;",
      node: { systemId: machine.data.system_id },
    });
    assert.equal(onNode.node?.systemId, machine.data.system_id);
    assert.equal(onNode.node?.hostname, machine.data.hostname);

    // A new value becomes a revision; only the value is sent.
    const first = onSubnet.history[0];
    onSubnet.value = "default-lease-time 300;";
    await onSubnet.save();
    assert.deepEqual(lastEntry(sim).params, { value: ["default-lease-time 300;"] });
    assert.equal(onSubnet.history.length, 2);
    assert.equal(onSubnet.history[0].value, "default-lease-time 300;");
    assert.equal(onSubnet.history[1].id, first.id);
    onSubnet.value = "default-lease-time 120;";
    await onSubnet.save();

    await onSubnet.revert(-1);
    assert.equal(lastEntry(sim).op, "revert");
    assert.deepEqual(lastEntry(sim).params, { to: ["-1"] });
    assert.equal(onSubnet.value, "default-lease-time 300;");
    await onSubnet.revert(first.id);
    assert.equal(onSubnet.value, "default-lease-time 600;");
    assert.equal(onSubnet.history.length, 1);
    await rejectsWith(() => onSubnet.revert(-3), BadRequestError, (error) => {
      assert.equal(error.text, "Goes too far back.");
    });

    // Moving it: to a node (which drops the subnet), then global.
    onSubnet.setNode(machine.data.system_id);
    await onSubnet.save();
    assert.deepEqual(lastEntry(sim).params, { node: [machine.data.system_id] });
    assert.equal(onSubnet.subnet, null);
    assert.equal(onSubnet.node?.systemId, machine.data.system_id);
    onSubnet.setSubnet(3);
    await onSubnet.save();
    assert.equal(onSubnet.node, null);
    // A function call, since TypeScript narrowed the getter to null above.
    assert.equal(subnetOf(onSubnet)?.cidr, "192.168.50.0/24");
    onSubnet.globalSnippet = true;
    await onSubnet.save();
    assert.equal(onSubnet.subnet, null);
    assert.equal(onSubnet.globalSnippet, true);

    const listed = await admin.dhcpSnippets.list();
    assert.deepEqual(listed.map((s) => s.name), ["vendor class", "short leases", "boot elsewhere"]);
    await onNode.delete();
    await rejectsWith(() => admin.dhcpSnippets.get(onNode.id), NotFoundError, (error) => {
      assert.equal(error.text, "No DHCPSnippet matches the given query.");
    });
  }, { machines: 1 });
});

Deno.test("DHCP snippets: the failures", async () => {
  await withWorld(async ({ sim, admin, user }) => {
    await rejectsLocally(
      sim,
      () => admin.dhcpSnippets.create({ name: "x" } as never),
      /Missing required parameter "value"/,
    );
    // MAAS itself refuses a node and a subnet together, and an IP range without its subnet.
    const [machine] = sim.state.machines.values();
    await rejectsWith(
      () =>
        admin.dhcpSnippets.create({
          name: "x",
          value: "y;",
          node: machine.data.system_id,
          subnet: 1,
        }),
      BadRequestError,
      (error) =>
        assert.deepEqual(error.fields, {
          __all__: ["A DHCP snippet cannot be enabled on a node and subnet at the same time."],
        }),
    );
    await rejectsWith(
      () => admin.dhcpSnippets.create({ name: "x", value: "y;", iprange: 4 }),
      BadRequestError,
      (error) => assert.match(error.fields?.__all__?.[0] ?? "", /iprange withouta parent subnet/),
    );
    await rejectsLocally(
      sim,
      () => admin.dhcpSnippets.create({ name: "x", value: "y;", node: 42 as unknown as string }),
      /"node" takes system ids or nodes/,
    );
    await rejectsLocally(
      sim,
      () =>
        admin.dhcpSnippets.create({ name: "x", value: "y;", subnet: true as unknown as number }),
      /"subnet" must be a subnet id, CIDR or specifier/,
    );
    const snippet = await admin.dhcpSnippets.create({ name: "x", value: "y;" });
    await rejectsLocally(sim, () => snippet.revert(0.5), /"to" must be a whole number/);
    await rejectsWith(
      () => admin.dhcpSnippets.create({ name: "x", value: "y;", node: "nosuch" }),
      BadRequestError,
      (error) => assert.match(error.fields?.node?.[0] ?? "", /Select a valid choice/),
    );
    await rejectsWith(
      () => user.dhcpSnippets.create({ name: "x", value: "y;" }),
      ForbiddenError,
      () => {},
    );
  }, { machines: 1 });
});

// ---------------------------------------------------------------------------------------------
// Scripts

const CHECK_NTP =
  "#!/bin/sh\n# Fails when the clock is not synchronised.\ntimedatectl show -p NTPSynchronized\n";

Deno.test("scripts: list with filters, create as a file, read, download", async () => {
  await withWorld(async ({ sim, admin }) => {
    const builtIn = await admin.scripts.list();
    assert.deepEqual(builtIn.map((s) => s.name), [
      "maas-support-info",
      "maas-lshw",
      "smartctl-validate",
    ]);
    assert.ok(builtIn.every((s) => s instanceof Script && s.isDefault));
    const commissioning = await admin.scripts.list({ type: "commissioning" });
    assert.deepEqual(lastEntry(sim).params, { type: ["commissioning"] });
    assert.deepEqual(commissioning.map((s) => s.type), [0, 0]);
    const storage = await admin.scripts.list({ hardwareType: "storage" });
    assert.deepEqual(storage.map((s) => String(s)), ["Script 3 smartctl-validate (testing)"]);
    assert.equal(storage[0].hardwareTypeName, "Storage");
    assert.equal(storage[0].parallelName, "Run along any other script.");
    const filtered = await admin.scripts.list({ filters: ["maas-lshw", "storage"] });
    assert.deepEqual(lastEntry(sim).params, { filters: ["maas-lshw,storage"] });
    assert.deepEqual(filtered.map((s) => s.name), ["maas-lshw", "smartctl-validate"]);
    const withContent = await admin.scripts.list({ filters: "maas-lshw", includeScript: true });
    assert.equal(atob(withContent[0].history[0].data!), "#!/bin/bash\nexec lshw -xml\n");

    const script = await admin.scripts.create({
      name: "check-ntp",
      script: CHECK_NTP,
      title: "NTP",
      description: "Is the clock synchronised?",
      tags: ["time", "ntp"],
      type: "testing",
      hardwareType: "network",
      parallel: "any",
      timeout: 90,
      comment: "first version",
      mayReboot: false,
    });
    const sent = lastEntry(sim).params;
    assert.deepEqual(sent.script, [`<file blob ${new TextEncoder().encode(CHECK_NTP).length}>`]);
    assert.deepEqual(sent.tags, ["time,ntp"]);
    assert.deepEqual(sent.hardware_type, ["network"]);
    assert.equal(script.typeName, "Testing script");
    assert.equal(script.type, 2);
    assert.equal(script.hardwareType, 4);
    assert.equal(script.parallel, 2);
    assert.equal(script.timeout, "0:01:30");
    assert.equal(script.timeoutSeconds, 90);
    assert.deepEqual(script.tags, ["time", "ntp", "network"], "MAAS adds the hardware type");
    assert.equal(script.isDefault, false);
    assert.equal(script.history.length, 1);
    assert.equal(script.history[0].comment, "first version");
    assert.equal(String(script), `Script ${script.id} check-ntp (testing)`);
    assert.equal(script.resourcePath, "scripts/check-ntp");

    const byName = await admin.scripts.get("check-ntp");
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/scripts/check-ntp");
    assert.equal(byName.id, script.id);
    assert.equal((await admin.scripts.get(script.id)).name, "check-ntp");

    assert.equal(await byName.downloadText(), CHECK_NTP);
    assert.equal(lastEntry(sim).op, "download");
    const bytes = await byName.download();
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(bytes), CHECK_NTP);

    await rejectsWith(() => admin.scripts.get("nosuch"), NotFoundError, (error) => {
      assert.equal(error.text, "No Script matches the given query.");
    });
  });
});

Deno.test("scripts: update only what changed, new content, tags, revert, rename", async () => {
  await withWorld(async ({ sim, admin }) => {
    const script = await admin.scripts.create({ name: "check-ntp", script: CHECK_NTP });
    assert.equal(script.typeName, "Testing script");
    assert.deepEqual(script.tags, ["node"]);

    script.description = "Clock check";
    script.tags = ["time", "node"];
    script.timeout = "0:10:00";
    await script.save();
    assert.equal(lastEntry(sim).method, "PUT");
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/scripts/check-ntp");
    assert.deepEqual(lastEntry(sim).params, {
      description: ["Clock check"],
      tags: ["time,node"],
      timeout: ["0:10:00"],
    });
    assert.equal(script.timeoutSeconds, 600);

    const firstRevision = script.history[0].id;
    const second = CHECK_NTP + "chronyc tracking\n";
    await script.upload(second, { comment: "also chrony" });
    assert.deepEqual(lastEntry(sim).params.comment, ["also chrony"]);
    assert.equal(script.history.length, 2);
    assert.equal(script.history[0].comment, "also chrony");
    assert.equal(await script.downloadText(), second);
    assert.equal(await script.downloadText({ revision: firstRevision }), CHECK_NTP);
    assert.deepEqual(lastEntry(sim).params, { revision: [String(firstRevision)] });

    await script.addTag("burn-in");
    assert.equal(lastEntry(sim).op, "add_tag");
    assert.ok(script.tags.includes("burn-in"));
    await script.removeTag("burn-in");
    assert.ok(!script.tags.includes("burn-in"));
    await rejectsWith(() => script.addTag("a,b"), BadRequestError, (error) => {
      assert.equal(error.text, 'Tag may not contain a ",".');
    });

    await script.revert(-1);
    assert.equal(lastEntry(sim).op, "revert");
    assert.equal(await script.downloadText(), CHECK_NTP);
    assert.equal(script.history.length, 1);
    await rejectsWith(() => script.revert(-1), BadRequestError, (error) => {
      assert.equal(error.text, "Goes too far back.");
    });

    // Renaming: the request goes to the old name, later ones to the new.
    script.name = "check-time";
    await script.save();
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/scripts/check-ntp");
    assert.equal(script.resourcePath, "scripts/check-time");
    await script.refresh();
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/scripts/check-time");

    await script.delete();
    assert.equal(lastEntry(sim).status, 204);
    await rejectsWith(() => admin.scripts.get("check-time"), NotFoundError, () => {});
  });
});

Deno.test("scripts: default scripts and the failures", async () => {
  await withWorld(async ({ sim, admin, user }) => {
    const lshw = await admin.scripts.get("maas-lshw");
    await rejectsWith(() => lshw.delete(), BadRequestError, (error) => {
      assert.equal(error.text, "Unable to delete default script");
    });
    await rejectsWith(() => lshw.revert(-1), BadRequestError, (error) => {
      assert.equal(error.text, "Unable to revert default script");
    });
    lshw.description = "mine now";
    await rejectsWith(() => lshw.save(), BadRequestError, (error) => {
      assert.deepEqual(error.fields, {
        description: ["Not allowed to change on default scripts."],
      });
    });
    const fresh = await admin.scripts.get("maas-lshw");
    fresh.timeout = "0:20:00";
    await fresh.save();
    assert.equal(fresh.timeoutSeconds, 1200, "a default script's timeout may change");

    await rejectsWith(
      () => admin.scripts.create({ name: "bad", script: "echo no shebang\n" }),
      BadRequestError,
      (error) => assert.deepEqual(error.fields, { script: ["Must start with shebang."] }),
    );
    await rejectsWith(
      () => admin.scripts.create({ name: "maas-lshw", script: CHECK_NTP }),
      BadRequestError,
      (error) =>
        assert.deepEqual(error.fields, { name: ["Script with this Name already exists."] }),
    );
    await rejectsWith(
      () => admin.scripts.create({ name: "two words", script: CHECK_NTP }),
      BadRequestError,
      (error) => assert.match(error.fields?.name?.[0] ?? "", /disallowed characters/),
    );
    await rejectsWith(
      () => user.scripts.create({ name: "mine", script: CHECK_NTP }),
      ForbiddenError,
      (error) => assert.match(error.text, /can_edit_global_entities/),
    );
    await rejectsLocally(
      sim,
      () => admin.scripts.create({ name: "x" } as never),
      /Missing required parameter "script"/,
    );
    await rejectsLocally(
      sim,
      () => admin.scripts.create({ name: "x", script: CHECK_NTP, type: "weekly" as "testing" }),
      /"type" must be one of/,
    );
    await rejectsWith(
      () => admin.scripts.create({ name: "x", script: CHECK_NTP, timeout: "1m" }),
      BadRequestError,
      (error) => assert.deepEqual(error.fields, { timeout: ["Enter a valid duration."] }),
    );
    await rejectsLocally(
      sim,
      () => admin.scripts.create({ name: "x", script: CHECK_NTP, timeout: -1 }),
      /"timeout" must be a number of seconds or a duration text/,
    );
    await rejectsLocally(
      sim,
      () => admin.scripts.list({ hardwareType: "fpga" as "gpu" }),
      /"hardwareType"/,
    );
    await rejectsLocally(sim, () => lshw.revert(Number.NaN), /"to" must be a whole number/);
  });
});

Deno.test("scripts: a script's timeout is a parameter in seconds; the call's own time limit is the last argument's", async () => {
  await withWorld(async ({ sim, admin }) => {
    const script = await admin.scripts.create(
      { name: "quick", script: CHECK_NTP, timeout: 5 },
      { timeout: 5_000 },
    );
    assert.deepEqual(lastEntry(sim).params.timeout, ["5"], "5 seconds are sent as 5");
    assert.equal(script.timeoutSeconds, 5);
    assert.equal(script.timeout, "0:00:05");

    // The request's own limit: the answer comes after 300 ms, the call gives up after 50.
    sim.faults.inject({ delayMs: 300, count: 1 });
    await assert.rejects(
      admin.scripts.create({ name: "slow", script: CHECK_NTP, timeout: 5 }, { timeout: 50 }),
      TimeoutError,
    );
    sim.faults.clear();
    await rejectsLocally(
      sim,
      () => admin.scripts.list({ timeout: 5 } as never),
      /"timeout" is a request option/,
    );

    // A number of seconds saved as a number; MAAS's duration text as text.
    script.timeout = 90;
    await script.save();
    assert.deepEqual(lastEntry(sim).params, { timeout: ["90"] });
    assert.equal(script.timeout, "0:01:30");
  });
});

Deno.test("scripts: types by word or number, packages, content with settings, extra", async () => {
  await withWorld(async ({ sim, admin }) => {
    const script = await admin.scripts.create({
      name: "fio",
      script: "#!/bin/sh\nfio --version\n",
      type: 2,
      hardwareType: "storage",
      parallel: 1,
      packages: { apt: ["fio"] },
      forHardware: ["pci:8086:1572"],
      applyConfiguredNetworking: true,
      extra: { some_new_field: "1" },
    });
    assert.deepEqual(lastEntry(sim).params.type, ["2"]);
    assert.deepEqual(lastEntry(sim).params.packages, ['{"apt":["fio"]}']);
    assert.deepEqual(lastEntry(sim).params.for_hardware, ["pci:8086:1572"]);
    assert.deepEqual(lastEntry(sim).params.some_new_field, ["1"]);
    assert.equal(script.typeName, "Testing script");
    assert.equal(script.parallelName, "Run along other instances of this script");
    assert.deepEqual(script.packages, { apt: ["fio"] });
    assert.deepEqual(script.forHardware, ["pci:8086:1572"]);
    assert.equal(script.applyConfiguredNetworking, true);

    script.type = "commissioning";
    await script.save();
    assert.deepEqual(lastEntry(sim).params, { type: ["commissioning"] });
    assert.equal(script.type, 0);
    assert.equal(String(script), `Script ${script.id} fio (commissioning)`);

    // New content with settings: a new name and a comment for the revision, in one request.
    await script.upload("#!/bin/sh\nfio --showcmd\n", { name: "fio-check", comment: "v2" });
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/scripts/fio");
    assert.deepEqual(lastEntry(sim).params.name, ["fio-check"]);
    assert.equal(script.name, "fio-check");
    assert.equal(script.history[0].comment, "v2");
    assert.equal((await script.refresh({ includeScript: true })).history.length, 2);
    assert.deepEqual(lastEntry(sim).params, { include_script: ["true"] });
    assert.ok(script.history.every((version) => typeof version.data === "string"));

    await rejectsLocally(
      sim,
      () => script.upload("#!/bin/sh\n", { script: "x" } as never),
      /script/,
    );
    await rejectsLocally(
      sim,
      () => admin.scripts.create({ name: "x", script: CHECK_NTP, type: 1 }),
      /"type" must be one of commissioning, testing, release, deployment \(or 0, 2, 3, 4\)/,
    );
    await rejectsLocally(
      sim,
      () => admin.scripts.create({ name: "x", script: CHECK_NTP, packages: [] as never }),
      /"packages" must be an object or JSON text/,
    );
    await rejectsLocally(
      sim,
      () => admin.scripts.create({ name: "x", script: CHECK_NTP, hardware_type: "cpu" } as never),
      /"hardware_type" is MAAS's wire name: give it as "hardwareType"/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Commissioning scripts

Deno.test("commissioning scripts: list, create with a content file, download, update, delete", async () => {
  await withWorld(async ({ sim, admin, user }) => {
    assert.deepEqual(await admin.commissioningScripts.list(), ["maas-lshw", "maas-support-info"]);
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/commissioning-scripts/");

    const burnIn = "#!/bin/sh\nbadblocks -sv /dev/sda\n";
    const created = await admin.commissioningScripts.create({
      name: "25-burn-in",
      content: burnIn,
      description: "Read every block.",
      timeout: 3600,
    });
    const sent = lastEntry(sim).params;
    assert.deepEqual(sent.content, [`<file blob ${burnIn.length}>`]);
    assert.deepEqual(sent.name, ["25-burn-in"]);
    assert.deepEqual(sent.timeout, ["3600"]);
    assert.equal(created.name, "25-burn-in");
    assert.equal(new TextDecoder().decode(created.content), burnIn);
    assert.match(created.deprecated, /deprecated/);

    // The same script through scripts/: a commissioning script with the settings given.
    const script = await admin.scripts.get("25-burn-in");
    assert.equal(script.typeName, "Commissioning script");
    assert.equal(script.timeoutSeconds, 3600);
    assert.equal(script.description, "Read every block.");

    const bytes = await admin.commissioningScripts.download("25-burn-in");
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/commissioning-scripts/25-burn-in");
    assert.equal(new TextDecoder().decode(bytes), burnIn);

    // Changing a testing script through this address makes it a commissioning script.
    const testing = await admin.scripts.create({ name: "probe", script: CHECK_NTP });
    assert.equal(testing.typeName, "Testing script");
    await admin.commissioningScripts.update("probe", {
      content: CHECK_NTP + "date\n",
      name: "30-probe",
      comment: "renamed",
    });
    assert.equal(lastEntry(sim).method, "PUT");
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/commissioning-scripts/probe");
    const moved = await admin.scripts.get("30-probe");
    assert.equal(moved.typeName, "Commissioning script");
    assert.equal(moved.history[0].comment, "renamed");
    assert.deepEqual(await admin.commissioningScripts.list(), [
      "25-burn-in",
      "30-probe",
      "maas-lshw",
      "maas-support-info",
    ]);

    // MAAS's own scripts refuse new content, but this address deletes them.
    await rejectsWith(
      () => admin.commissioningScripts.update("maas-lshw", { content: CHECK_NTP }),
      BadRequestError,
      (error) =>
        assert.deepEqual(error.fields, {
          script_type: ["Not allowed to change on default scripts."],
          script: ["Not allowed to change on default scripts."],
        }),
    );
    await admin.commissioningScripts.delete("maas-lshw");
    assert.equal(lastEntry(sim).status, 204);
    await rejectsWith(
      () => admin.commissioningScripts.download("maas-lshw"),
      NotFoundError,
      (e) => {
        assert.equal(e.text, "No Script matches the given query.");
      },
    );

    await rejectsWith(() => user.commissioningScripts.list(), ForbiddenError, (error) => {
      assert.equal(error.text, "User is not allowed access to this API.");
    });
    await rejectsWith(
      () => admin.commissioningScripts.create({ name: "bad", content: "no shebang\n" }),
      BadRequestError,
      (error) => assert.deepEqual(error.fields, { script: ["Must start with shebang."] }),
    );
    await rejectsLocally(
      sim,
      () => admin.commissioningScripts.create({ name: "x" } as never),
      /Missing required parameter "content"/,
    );
    await rejectsLocally(
      sim,
      () => admin.commissioningScripts.create({ name: "x", content: CHECK_NTP, type: 0 } as never),
      /unknown option "type"/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Lines and moves

Deno.test("DHCP snippets: an IP range on MAAS 2.9 is refused before anything is sent", async () => {
  await withWorld(async ({ sim, admin }) => {
    const snippet = await admin.dhcpSnippets.create({ name: "lease", value: "option x 1;" });
    const before = sim.log.length;
    await assert.rejects(
      admin.dhcpSnippets.create({ name: "x", value: "y;", subnet: 1, iprange: 1 }),
      (error: unknown) => {
        assert.ok(error instanceof UnsupportedError);
        assert.equal(
          error.message,
          "client.dhcpSnippets.create(): iprange is not in MAAS 2.9.2; of the known lines, " +
            "3.0, 3.7, 3.8 and master have it",
        );
        return true;
      },
    );
    snippet.setSubnet(1, 4);
    await assert.rejects(snippet.save(), UnsupportedError);
    assert.deepEqual(
      sim.log.slice(before).map((entry) => entry.path),
      ["/MAAS/api/2.0/version/"],
      "only the version, read once",
    );
  }, { maasVersion: "2.9" });
});

Deno.test("license keys: a new release in save() moves the key there", async () => {
  await withWorld(async ({ sim, admin }) => {
    const key = await admin.licenseKeys.create({
      osystem: "windows",
      distroSeries: "win2016",
      licenseKey: "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY",
    });
    key.distroSeries = "win2019";
    await key.save();
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/license-key/windows/win2016");
    assert.deepEqual(lastEntry(sim).params, { distro_series: ["win2019"] });
    assert.equal(key.resourcePath, "license-key/windows/win2019");
    assert.deepEqual((await admin.licenseKeys.list()).map(String), ["LicenseKey windows/win2019"]);

    await admin.licenseKeys.create({
      osystem: "windows",
      distroSeries: "win2022",
      licenseKey: "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY",
    });
    key.distroSeries = "win2022";
    await rejectsWith(() => key.save(), BadRequestError, (error) => {
      assert.deepEqual(error.fields, {
        __all__: ["License key with this operating system and distro series already exists."],
      });
    });
  });
});
