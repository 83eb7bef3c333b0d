// The reference pages in docs/ are what `deno task docs` writes from the descriptions, the
// fixtures and docs/data/: a change to any of them without regenerating the pages fails here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { render } from "../docs/generate.ts";

Deno.test("docs: the generated pages are up to date (run `deno task docs`)", () => {
  for (const [path, text] of Object.entries(render())) {
    const written = readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
    assert.ok(written === text, `${path} is out of date: run \`deno task docs\``);
  }
});

Deno.test("docs: the coverage page has every op of every line, and the typed method of each", () => {
  const page = render()["docs/api-coverage.md"];
  for (const line of ["2.9", "3.0", "3.7", "3.8", "master"]) {
    const api = JSON.parse(
      readFileSync(new URL(`fixtures/maas-api/maas-${line}.json`, import.meta.url), "utf8"),
    );
    for (const [name, handler] of Object.entries(api.handlers) as [string, { path: string }][]) {
      const heading = page.split("\n").find((text) =>
        text.startsWith("### ") && text.includes(` — ${name}`)
      );
      assert.ok(heading?.includes(`\`${handler.path}\``), `${name} at ${handler.path} (${line})`);
      for (const key of Object.keys((handler as unknown as { ops: object }).ops)) {
        const section = page.slice(
          page.indexOf(heading!),
          page.indexOf("\n### ", page.indexOf(heading!) + 1),
        );
        assert.ok(section.includes(`| \`${key}\` |`), `${name} ${key} (${line})`);
      }
    }
  }
  assert.match(
    page,
    /\| `POST update_nodes` \| ✓ \| ✓ \| ✓ \| ✓ \| ✓ \| `tag\.updateNodes\(\)` \|/,
  );
  assert.match(page, /`rackController` → `rack_controller`: string \(2\.9, 3\.0 only\)/);
  // Every op of every line has a typed method, or the reason it has none.
  assert.doesNotMatch(page, /none yet/);
});
