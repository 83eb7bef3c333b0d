/**
 * The typed client against each MAAS line the whole end-to-end suite does not run on (2.9, 3.0
 * and master): connecting, the version, a machine's life, placement, tags, users, keys, files,
 * settings and events. The whole suite runs on 3.8 (`deno task test`) and on 3.7
 * (`e2e on MAAS 3.7` below).
 */
import assert from "node:assert/strict";
import { connect, NodeStatus } from "../mod.ts";
import { type MaasLineName, MaasSimulator } from "../lib/testing/mod.ts";

const FAST = { interval: 10 };

for (const line of ["2.9", "3.0", "master"] as const satisfies readonly MaasLineName[]) {
  Deno.test(`smoke on MAAS ${line}: the typed client's everyday calls`, async () => {
    await using sim = await MaasSimulator.start({
      maasVersion: line,
      machines: 20,
      seed: 8,
      lifecycleMs: 15,
    });
    const client = await connect(sim.url, { apikey: sim.adminApiKey });
    const suffix = line.replace(".", "-");
    try {
      assert.equal((await client.version.get()).version, sim.state.line.version);
      assert.equal((await client.users.whoami()).username, "admin");

      const machines = await client.machines.list();
      assert.equal(machines.length, 20);
      const ready = await client.machines.list({ status: "ready" });
      const machine = await client.machines.get(ready[0].systemId);
      assert.equal(machine.hostname, ready[0].hostname);
      await machine.deploy({}, { wait: true, ...FAST });
      assert.equal(machine.status, NodeStatus.DEPLOYED);
      await machine.release({}, { wait: true, ...FAST });
      assert.equal(machine.status, NodeStatus.READY);

      const zone = await client.zones.create({ name: `zone-${suffix}`, description: "smoke" });
      assert.equal((await client.zones.get(zone.name)).description, "smoke");
      const pool = await client.resourcePools.create({ name: `pool-${suffix}` });
      assert.equal((await client.resourcePools.get(pool.id)).name, `pool-${suffix}`);
      const tag = await client.tags.create({ name: "smoke", comment: "made by the smoke test" });
      await tag.updateNodes({ add: machine.systemId });
      assert.deepEqual((await tag.machines()).map((m) => m.systemId), [machine.systemId]);

      await client.files.upload("notes.txt", new TextEncoder().encode("hello"));
      assert.equal(new TextDecoder().decode(await client.files.download("notes.txt")), "hello");

      await client.maas.setConfig("maas_name", `lab-${line}`);
      assert.equal(await client.maas.getConfig("maas_name"), `lab-${line}`);

      const events = await client.events.query({ hostname: machine.hostname, level: "DEBUG" });
      assert.ok(events.events.length > 0);
    } finally {
      client.close();
    }
  });
}

Deno.test("e2e on MAAS 3.7: the whole end-to-end suite passes against the 3.7 line", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "test",
      "--allow-net=127.0.0.1,localhost",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-run",
      "--allow-sys",
      "--sanitize-ops",
      "--sanitize-resources",
      "tests/e2e/",
    ],
    cwd: new URL("../", import.meta.url).pathname,
    env: { SIM_MAAS_VERSION: "3.7", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  assert.equal(
    output.code,
    0,
    text.split("\n").filter((line) => /FAILED|error/.test(line)).join("\n"),
  );
  assert.match(text, /^ok \| \d+ passed \| 0 failed/m);
});
