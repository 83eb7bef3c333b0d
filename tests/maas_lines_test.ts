/**
 * The simulator's MAAS line data (`lib/testing/maas/lines.json`) is generated from the fixtures
 * by `deno task gen:maas-lines`; this fails when it is out of date, and checks what it says.
 */
import assert from "node:assert/strict";
import { MAAS_LINES, MaasLine } from "../lib/testing/mod.ts";
import { generateLines } from "./gen_maas_lines.ts";

Deno.test("lib/testing/maas/lines.json is what gen:maas-lines makes from the fixtures", async () => {
  const committed = await Deno.readTextFile(
    new URL("../lib/testing/maas/lines.json", import.meta.url),
  );
  assert.ok(
    committed === await generateLines(),
    "lib/testing/maas/lines.json is out of date: run `deno task gen:maas-lines`",
  );
});

Deno.test("each line has the fixture's handlers, ops and fields, and a version", async () => {
  for (const name of MAAS_LINES) {
    const fixture = JSON.parse(
      await Deno.readTextFile(new URL(`./fixtures/maas-api/maas-${name}.json`, import.meta.url)),
    ) as {
      handlers: Record<string, { path: string; fields: string[] | null; ops: object }>;
    };
    const line = MaasLine.get(name);
    assert.deepEqual(
      [...line.handlers()].map(([handler]) => handler).sort(),
      Object.keys(fixture.handlers).sort(),
      name,
    );
    for (const [handler, data] of Object.entries(fixture.handlers)) {
      assert.equal(line.handler(handler)?.path, data.path, `${name} ${handler}`);
      assert.deepEqual(line.fields(handler), data.fields, `${name} ${handler}`);
      assert.deepEqual(
        Object.keys(line.handler(handler)!.ops).sort(),
        Object.keys(data.ops).sort(),
        `${name} ${handler}`,
      );
    }
  }
  assert.deepEqual(
    MAAS_LINES.map((name) => MaasLine.get(name).version),
    ["2.9.2", "3.0.2", "3.7.3", "3.8.0", "3.9.0"],
  );
  assert.deepEqual(MAAS_LINES.map((name) => MaasLine.get(name).vmHostsRemoved), [
    false,
    false,
    false,
    false,
    true,
  ]);
});

Deno.test("an op honours the parameters it reads, its renamed ones and its name patterns", () => {
  const line = MaasLine.get("3.8");
  const zone = line.reads("ZoneHandler", "PUT update")!;
  assert.ok(zone("description") && zone("name") && zone("op"));
  assert.ok(!zone("hostname"));
  const update = line.reads("MachineHandler", "PUT update")!;
  assert.ok(update("power_parameters_power_address"), "a pattern: power_parameters_*");
  assert.ok(!update("power_type_x"));
  assert.equal(line.reads("MachinesHandler", "POST allocate"), null, "it reads every key");
  assert.equal(line.reads("NoSuchHandler", "GET read"), null);
  assert.throws(() => MaasLine.get("3.6"), /unknown MAAS line "3\.6": use one of 2\.9, 3\.0/);
});

Deno.test("shape gives the line's fields of a handler, and the resource_uri, in JSON", () => {
  const every = new Set(MAAS_LINES.flatMap((name) => MaasLine.get(name).fields("MachineHandler")!));
  const rendered: Record<string, unknown> = { internal: 1, resource_uri: "/x/" };
  for (const field of every) rendered[field] = null;
  const json = (name: string) =>
    Object.keys(
      JSON.parse(JSON.stringify(MaasLine.get(name).shape("MachineHandler", { ...rendered }))),
    ).sort();
  for (const name of MAAS_LINES) {
    assert.deepEqual(
      json(name),
      [...MaasLine.get(name).fields("MachineHandler")!, "resource_uri"].sort(),
    );
  }
  assert.ok(json("3.8").includes("pod") && !json("master").includes("pod"));
  assert.ok(
    json("2.9").includes("iscsiblockdevice_set") && !json("3.0").includes("iscsiblockdevice_set"),
  );
  const zone = { id: 1, name: "a", description: "", resource_uri: "/z/", internal: 2 };
  assert.equal(MaasLine.get("3.8").shape("ZoneHandler", zone), zone, "changed in place");
  assert.equal(JSON.stringify(zone), '{"id":1,"name":"a","description":"","resource_uri":"/z/"}');
  assert.deepEqual(MaasLine.get("3.8").shape("VersionHandler", { ...rendered }), rendered);
});
