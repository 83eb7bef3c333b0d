/**
 * The formatting module `@libmaas/client/format`: tables, JSON, YAML and CSV for scripts, from
 * plain data and from the library's own objects.
 */

import assert from "node:assert/strict";
import { connect } from "../mod.ts";
import { csv, json, Rendered, table, yaml } from "../lib/format.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

Deno.test("format: table, json, yaml and csv of plain data", () => {
  const rows = [
    { system_id: "abc123", hostname: "node-1", zone: { name: "rack-a", id: 1 }, cpu_count: 8 },
    { system_id: "def456", hostname: "a-long-hostname-".repeat(5), zone: null, cpu_count: 128 },
  ];
  const text = table(rows).text.split("\n");
  assert.match(text[0], /^system_id\s+hostname\s+zone\s+cpu_count$/);
  assert.match(text[2], /^abc123\s+node-1\s+rack-a\s+8$/);
  assert.ok(text[3].includes("…"), "long cells are cut");
  assert.ok(text[2].endsWith("  8") && text[3].endsWith("128"), "numbers are right-aligned");
  assert.equal(text.at(-1), "(2 rows)");
  assert.match(table(rows, ["hostname", "zone.name"]).text, /^hostname\s+zone\.name\n/);
  assert.match(table(rows[0]).text, /^field\s+value\n-+\s+-+\nsystem_id\s+abc123\n/);
  assert.equal(table([]).text, "(no rows)");
  assert.equal(table(["a", "b"]).text, "a\nb");

  const cyclic: Record<string, unknown> = { n: 10n, list: [1, "x"] };
  cyclic.self = cyclic;
  assert.deepEqual(JSON.parse(json(cyclic).text), { n: "10", list: [1, "x"], self: "[Circular]" });

  const document = {
    a: "plain",
    b: "yes",
    c: "3.5.4",
    d: "has: colon",
    e: [],
    f: [{ g: 1, h: [true] }],
    i: null,
  };
  assert.equal(
    yaml(document).text,
    [
      "a: plain",
      'b: "yes"',
      'c: "3.5.4"',
      'd: "has: colon"',
      "e: []",
      "f:",
      "  - g: 1",
      "    h:",
      "      - true",
      "i: null",
    ].join("\n"),
  );
  assert.equal(
    csv([{ name: 'say "hi"', tags: ["a", "b"], note: "x,y" }]).text,
    'name,tags,note\n"say ""hi""","a, b","x,y"',
  );
  assert.equal(Deno.inspect(table(rows)), table(rows).text, "the REPL shows the text itself");
});

Deno.test("format: library objects by wire names, typed names and dotted paths", async () => {
  await using sim = await MaasSimulator.start({ machines: 3, seed: 4 });
  const client = await connect(sim.url, { apikey: sim.adminApiKey });
  try {
    const machines = await client.machines.list();
    const wire = machines.map((machine) => machine.toJSON() as Record<string, unknown>);
    const lines = table(machines, ["hostname", "statusName", "zone.name"]).text.split("\n");
    assert.match(lines[0], /^hostname\s+statusName\s+zone\.name$/);
    assert.equal(lines.length, 2 + machines.length + 1);
    for (const [i, data] of wire.entries()) {
      const zone = (data.zone as { name: string }).name;
      assert.match(
        lines[2 + i],
        new RegExp(`^${data.hostname}\\s+${data.status_name}\\s+${zone}$`),
      );
    }
    assert.equal(lines.at(-1), "(3 rows)");

    const rows = csv(machines, ["system_id", "zone"]).text.split("\n");
    assert.equal(rows[0], "system_id,zone");
    assert.deepEqual(
      rows.slice(1),
      wire.map((data) => `${data.system_id},${(data.zone as { name: string }).name}`),
      "a nested object is shown by its name",
    );
    assert.deepEqual(JSON.parse(json(machines[0]).text), wire[0], "JSON is the wire data");
    assert.match(yaml(machines[0]).text, new RegExp(`^system_id: ${wire[0].system_id}$`, "m"));

    const pending = table(client.machines.list(), ["hostname"]);
    assert.ok(pending instanceof Promise, "a promise gives a promise of the table");
    assert.equal((await pending).text.split("\n").length, 2 + machines.length + 1);
  } finally {
    client.close();
  }
});

Deno.test("format: Rendered is the text for String(), templates, JSON and the inspectors", async () => {
  const rendered = csv([{ a: 1, b: "x" }]);
  assert.ok(rendered instanceof Rendered);
  assert.equal(String(rendered), "a,b\n1,x");
  assert.equal(`${rendered}`, "a,b\n1,x");
  assert.equal(JSON.stringify({ rendered }), '{"rendered":"a,b\\n1,x"}');
  assert.equal(Deno.inspect(rendered), "a,b\n1,x");
  const { inspect } = await import("node:util");
  assert.equal(inspect(rendered), "a,b\n1,x");
});

Deno.test("format: the module depends on nothing", async () => {
  const source = await Deno.readTextFile(new URL("../lib/format.ts", import.meta.url));
  assert.doesNotMatch(source, /^\s*import\b/m, "no import of any kind");
  const code = source.replaceAll('Symbol.for("Deno.customInspect")', "");
  assert.doesNotMatch(code, /\bDeno\./, "no Deno API: Bun and Node use it as it is");
});
