/**
 * Generates `lib/testing/maas/lines.json`, what the simulator knows of each MAAS line, from the
 * MAAS API fixtures in `tests/fixtures/maas-api/` (which the published package does not carry):
 *
 *     deno task gen:maas-lines
 *
 * For each line: the version `version/` reports and, per handler, its path (and other routes),
 * whether it is hidden, its fields, and per op the parameters it reads, the name patterns it
 * reads, whether that list is complete, and the parameters it documents. Handlers that are the
 * same in several lines are stored once. `tests/maas_lines_test.ts` fails when the file is out of
 * date.
 *
 * @module
 */

const FIXTURES = new URL("./fixtures/maas-api/", import.meta.url);
const OUTPUT = new URL("../lib/testing/maas/lines.json", import.meta.url);

/** The lines, oldest first, and the fixture each is read from. */
const LINES = ["2.9", "3.0", "3.7", "3.8", "master"] as const;

interface FixtureOp {
  params: string[];
  complete: boolean;
  unresolved?: string[];
  patterns?: string[];
  dropped_url_params?: string[];
  doc_params?: string[];
}

interface FixtureHandler {
  path: string;
  paths?: string[];
  fields: string[] | null;
  hidden?: boolean;
  ops: Record<string, FixtureOp>;
}

interface Fixture {
  rev: string;
  commit: string;
  handlers: Record<string, FixtureHandler>;
}

/** The version `version/` answers for a line: its fixture's release, or the next one for master. */
function versionOf(line: string, rev: string, previous: string | null): string {
  const full = /^(\d+\.\d+\.\d+)(?:\s|$)/.exec(rev);
  if (full) return full[1];
  const branch = /^(\d+\.\d+)\s/.exec(rev);
  if (branch) return `${branch[1]}.0`;
  if (line === "master" && previous) {
    const [major, minor] = previous.split(".").map(Number);
    return `${major}.${minor + 1}.0`;
  }
  throw new Error(`cannot tell the version of ${line} from ${JSON.stringify(rev)}`);
}

/**
 * Whether an op's parameter list is complete once its name patterns are counted: names read only
 * by prefix (`power_parameters_*`) or built from one (`'storage_layout_%s' % key`) are covered by
 * the patterns; anything else (every key of the request, fields added under computed names) is
 * not.
 */
function completeWithPatterns(op: FixtureOp): boolean {
  if (op.complete) return true;
  const patterns = op.patterns ?? [];
  return patterns.length > 0 &&
    (op.unresolved ?? []).every((reason) =>
      /reads keys by prefix/.test(reason) ||
      /reads a computed key \('[a-z_]+%s' % \w+\)/.test(reason)
    );
}

function compactOp(op: FixtureOp): Record<string, unknown> {
  const out: Record<string, unknown> = { params: [...op.params].sort() };
  if (!completeWithPatterns(op)) out.complete = false;
  if (op.patterns?.length) out.patterns = [...op.patterns].sort();
  if (op.dropped_url_params?.length) out.renamed = [...op.dropped_url_params].sort();
  if (op.doc_params?.length) out.doc = op.doc_params;
  return out;
}

function compactHandler(handler: FixtureHandler): Record<string, unknown> {
  const out: Record<string, unknown> = { path: handler.path };
  if (handler.paths) out.paths = handler.paths;
  if (handler.hidden) out.hidden = true;
  out.fields = handler.fields;
  const ops: Record<string, unknown> = {};
  for (const key of Object.keys(handler.ops).sort()) ops[key] = compactOp(handler.ops[key]);
  out.ops = ops;
  return out;
}

/**
 * The text of `lib/testing/maas/lines.json` for the fixtures in `fixtures` (a folder URL): one
 * handler per line, so that a change shows as a small diff.
 *
 * @example
 * ```ts
 * import { generateLines } from "./gen_maas_lines.ts";
 * const text = await generateLines();
 * console.log(JSON.parse(text).lines["3.8"].version); // "3.8.0"
 * ```
 */
export async function generateLines(fixtures: URL = FIXTURES): Promise<string> {
  const bodies: string[] = [];
  const index = new Map<string, number>();
  const lines: Record<string, unknown> = {};
  let previous: string | null = null;
  for (const line of LINES) {
    const fixture = JSON.parse(
      await Deno.readTextFile(new URL(`maas-${line}.json`, fixtures)),
    ) as Fixture;
    const handlers: Record<string, number> = {};
    for (const name of Object.keys(fixture.handlers).sort()) {
      const body = JSON.stringify(compactHandler(fixture.handlers[name]));
      let at = index.get(body);
      if (at === undefined) {
        at = bodies.length;
        bodies.push(body);
        index.set(body, at);
      }
      handlers[name] = at;
    }
    const version = versionOf(line, fixture.rev, previous);
    previous = version;
    lines[line] = { version, source: fixture.rev, commit: fixture.commit, handlers };
  }
  const lineEntries = Object.entries(lines).map(([name, value]) =>
    `    ${JSON.stringify(name)}: ${JSON.stringify(value)}`
  );
  return "{\n" +
    `  "capabilities": ${JSON.stringify(CAPABILITIES)},\n` +
    `  "lines": {\n${lineEntries.join(",\n")}\n  },\n` +
    `  "handlers": [\n${bodies.map((body) => `    ${body}`).join(",\n")}\n  ]\n}\n`;
}

/**
 * What `version/` lists in every line from 2.9 to master: MAAS's own capability list, which has
 * not changed across these lines.
 */
const CAPABILITIES = [
  "networks-management",
  "static-ipaddresses",
  "ipv6-deployment-ubuntu",
  "devices-management",
  "storage-deployment-ubuntu",
  "network-deployment-ubuntu",
  "bridging-interface-ubuntu",
  "bridging-automatic-ubuntu",
  "authenticate-api",
];

if (import.meta.main) {
  const text = await generateLines();
  await Deno.writeTextFile(OUTPUT, text);
  console.log(`wrote ${OUTPUT.pathname} (${text.length} bytes)`);
}
