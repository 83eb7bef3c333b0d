/**
 * The parameter block the describe document ends each action's doc with, as MAAS writes it: one
 * `:param NAME: Required.|Optional. …` and one `:type NAME: …` line per documented parameter.
 */
import assert from "node:assert/strict";
import { withParameterBlock } from "../lib/testing/describe.ts";

Deno.test("describe: the block follows the line's documented parameters, in the line's order", () => {
  const doc = "Create a zone.\n\n" +
    ":param description: Optional. What the zone is.\n" +
    ":param name: Required. The new zone's name.\n" +
    ":param legacy: Optional. A parameter this line does not document.";
  assert.equal(
    withParameterBlock(doc, ["name", "description"]),
    "Create a zone.\n\n" +
      ":param name: Required. The new zone's name.\n:type name: String\n\n" +
      ":param description: Optional. What the zone is.\n:type description: String\n",
  );
  assert.equal(withParameterBlock(doc, []), "Create a zone.", "no block without parameters");
});

Deno.test("describe: words from the glossary, types from the glossary or the name, braces skipped", () => {
  const doc = withParameterBlock("List things.\n\n:param hostname: Optional, repeatable.", [
    "hostname",
    "cpu_count",
    "is_dpu",
    "not_hostname",
    "power_parameters_{param}",
    "{discovery_id",
  ]);
  assert.match(
    doc,
    /^:param hostname: Optional\. A host name, without the domain\. Repeatable\.$/m,
  );
  assert.match(doc, /^:param cpu_count: Optional\. Number of CPU cores\.\n:type cpu_count: Int$/m);
  assert.match(doc, /^:type is_dpu: Boolean$/m);
  assert.match(doc, /^:param not_hostname: Optional\. Leave out what hostname selects\.$/m);
  assert.ok(!doc.includes("{"), "MAAS leaves out names in braces");
  const typed = withParameterBlock("X.\n\n:param size: Required. Bytes.\n:type size: Int", [
    "size",
  ]);
  assert.match(typed, /^:param size: Required\. Bytes\.\n:type size: Int$/m);
});
