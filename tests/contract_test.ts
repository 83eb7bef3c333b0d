// The contract between the typed client and MAAS's API as MAAS's own source defines it
// (tests/fixtures/maas-api/, one file per line):
//
// 1. every description agrees with the fixtures: its handlers' paths, the lines of each op (the
//    op is on exactly the lines it claims), the lines of each parameter (read on exactly the lines
//    it claims), writable fields sent by an update op, reasons given for what is left untyped;
// 2. every typed method, driven against the simulator with no option and then with every option
//    alone, sends only its op, only wire names that op reads on every line it claims, and sends
//    each option given;
// 3. the reach on MAAS 3.8 (the parameters of its non-hidden ops that typed methods send) is
//    measured and may not fall, and every non-hidden 3.8 op has a typed method or a reason for
//    none in its family's description.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CallError, connect, ParameterError } from "../mod.ts";
import { type AnyFamily, DESCRIBED } from "../lib/objects/families.ts";
import type { AnyParamSpec as ParamSpec, Codec, Op } from "../lib/objects/spec.ts";
import { MAAS_LINES, type MaasLine } from "../lib/objects/lines.ts";
import { MaasSimulator, type RequestLogEntry } from "../lib/testing/mod.ts";
import { DRIVERS } from "./contract/drivers/mod.ts";
import { unique } from "./contract/support.ts";

// ---------------------------------------------------------------------------------------------
// The fixtures

interface FixtureOp {
  params: string[];
  patterns?: string[];
  dropped_url_params?: string[];
  complete?: boolean;
  doc_params?: string[];
}
interface FixtureHandler {
  path: string;
  paths?: string[];
  hidden?: boolean;
  ops: Record<string, FixtureOp>;
}
type Fixture = { handlers: Record<string, FixtureHandler> };

const FIXTURES: Record<MaasLine, Fixture> = Object.fromEntries(
  MAAS_LINES.map((line) => [
    line,
    JSON.parse(
      readFileSync(new URL(`fixtures/maas-api/maas-${line}.json`, import.meta.url), "utf8"),
    ),
  ]),
) as Record<MaasLine, Fixture>;

const RESTFUL: Record<string, string> = {
  GET: "read",
  POST: "create",
  PUT: "update",
  DELETE: "delete",
};

/** An op's key in the fixtures: `POST update_nodes`, `GET read`. */
function keyOf(op: Op<unknown>): string {
  return `${op.method} ${op.op ?? RESTFUL[op.method]}`;
}

function fixtureOp(line: MaasLine, handler: string, key: string): FixtureOp | undefined {
  return FIXTURES[line].handlers[handler]?.ops[key];
}

/**
 * Whether the fixture's op reads `wire`: a listed name, a rename of a URL parameter, a pattern,
 * or, for an op that reads names its list could not give (`complete: false`, such as the power
 * parameters a VM host's form adds for its type), a name MAAS documents for it.
 */
function reads(op: FixtureOp, wire: string): boolean {
  return op.params.includes(wire) || (op.dropped_url_params ?? []).includes(wire) ||
    (op.patterns ?? []).some((pattern) =>
      new RegExp(`^${pattern.replaceAll("*", ".*")}$`).test(wire)
    ) || (op.complete === false && (op.doc_params ?? []).includes(wire));
}

const linesOf = (op: Op<unknown>): readonly MaasLine[] => op.lines ?? MAAS_LINES;
const paramsOf = (op: Op<unknown>) => op.params as Readonly<Record<string, ParamSpec>>;

function* everyOp(): Generator<[AnyFamily, string, Op<unknown>]> {
  for (const family of DESCRIBED) {
    for (const [name, op] of Object.entries(family.ops)) yield [family, name, op as Op<unknown>];
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Descriptions against the fixtures

Deno.test("contract: every description agrees with MAAS's API on every line", () => {
  const problems: string[] = [];
  for (const family of DESCRIBED) {
    for (const [handler, path] of Object.entries(family.handlers)) {
      const known = MAAS_LINES.map((line) => FIXTURES[line].handlers[handler]).filter(Boolean);
      if (known.length === 0) problems.push(`${family.name}: no handler ${handler} on any line`);
      for (const fixture of known) {
        // Parameter names may change between lines (`{file_id}` became `{id}`); the places hold.
        const shape = (template: string) => template.replace(/\{\w+\}/g, "{}");
        if (![fixture.path, ...(fixture.paths ?? [])].some((each) => shape(each) === shape(path))) {
          problems.push(`${family.name}: ${handler} is at ${fixture.path}, not ${path}`);
        }
      }
    }
  }
  for (const [family, name, op] of everyOp()) {
    const where = `${family.name}.${name} (${op.handler} ${keyOf(op)})`;
    // A removed op stays in the fixtures of the lines that removed it, its handler hidden there.
    const having = MAAS_LINES.filter((line) =>
      fixtureOp(line, op.handler, keyOf(op)) &&
      !(op.gone !== undefined && FIXTURES[line].handlers[op.handler].hidden)
    );
    if (having.join() !== linesOf(op).join()) {
      problems.push(`${where}: claims lines ${linesOf(op)}, the fixtures have it on ${having}`);
    }
    if (op.gone !== undefined && linesOf(op).includes("master")) {
      problems.push(`${where}: says it is gone, but claims the newest line`);
    }
    if (op.typed.length === 0) problems.push(`${where}: no typed method sends it`);
    for (const [option, spec] of Object.entries(paramsOf(op))) {
      const reading = having.filter((line) =>
        reads(fixtureOp(line, op.handler, keyOf(op))!, spec.wire)
      );
      const claimed = spec.lines ?? linesOf(op);
      if (reading.join() !== claimed.join()) {
        problems.push(
          `${where}: ${option} (${spec.wire}) claims lines ${claimed}, read on ${reading}`,
        );
      }
    }
  }
  for (const family of DESCRIBED) {
    const updates = Object.values(family.ops).filter((op) => op.method === "PUT");
    for (const [field, spec] of Object.entries(family.fields)) {
      if (!spec.writable) continue;
      const sent = updates.some((op) =>
        Object.values(op.params as Record<string, ParamSpec>).some((param) =>
          param.wire === spec.wire
        )
      );
      if (!sent) problems.push(`${family.name}: field ${field} is writable but no update sends it`);
    }
    for (const key of Object.keys(family.untyped)) {
      const [handler, method, op, wire] = key.split(" ");
      const fixture = fixtureOp("3.8", handler, `${method} ${op}`);
      if (!fixture) problems.push(`${family.name}: untyped ${key} is not an op of MAAS 3.8`);
      else if (wire !== undefined && !reads(fixture, wire)) {
        problems.push(`${family.name}: untyped ${key}: the op does not read ${wire}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

// ---------------------------------------------------------------------------------------------
// 2. Typed methods driven against the simulator

/** A value each kind takes; for a codec, the first candidate it accepts. */
function sample(spec: ParamSpec, option: string): unknown {
  if (spec.values !== undefined) return spec.values[0];
  switch (spec.kind) {
    case "string":
    case "strings":
    case "file":
      return unique("contract");
    case "integer":
    case "integers":
      return 10;
    case "number":
      return 1.5;
    case "boolean":
      return true;
  }
  const codec = spec.kind as Codec;
  for (const candidate of [unique("contract"), true, 10, [unique("contract")]]) {
    try {
      codec.encode(candidate, option);
      return candidate;
    } catch {
      // The next candidate.
    }
  }
  throw new Error(`no sample value for ${option} (${codec.takes})`);
}

/** The request's path template: the handler of the line's fixture whose path matches. */
function handlerOf(entry: RequestLogEntry, line: MaasLine): string | undefined {
  const path = entry.path.replace(/^\/MAAS\/api\/2\.0\//, "");
  const candidates = Object.entries(FIXTURES[line].handlers).filter(([, handler]) =>
    [handler.path, ...(handler.paths ?? [])].some((template) =>
      new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`).test(decodeURIComponent(path))
    )
  );
  // A literal path beats a template (`files/` is not `files/{filename}/`).
  candidates.sort((a, b) => a[1].path.split("{").length - b[1].path.split("{").length);
  return candidates[0]?.[0];
}

/** What the drives saw on MAAS 3.8, by `Handler METHOD op`: the wire names sent. */
const reached = new Map<string, Set<string>>();

Deno.test("contract: every typed method, every option alone, sends only what its op reads", async () => {
  const sims = new Map<MaasLine, MaasSimulator>();
  const simFor = async (line: MaasLine) => {
    let sim = sims.get(line);
    if (!sim) sims.set(line, sim = await MaasSimulator.start({ maasVersion: line }));
    return sim;
  };
  const problems: string[] = [];
  let calls = 0;
  try {
    for (const [, , op] of everyOp()) {
      for (const method of op.typed) {
        const driver = DRIVERS[method];
        if (!driver) {
          problems.push(`${method}: no driver`);
          continue;
        }
        const specs = paramsOf(op);
        const required = Object.keys(specs).filter((name) => specs[name].required);
        const optional = Object.keys(specs).filter((name) =>
          !specs[name].required && !(name in (driver.skip ?? {}))
        );
        if (!driver.quietWithoutOptions && !driver.noParams) {
          // An option the op does not have is refused, named, before anything is sent.
          const sim = await simFor(linesOf(op).includes("3.8") ? "3.8" : linesOf(op)[0]);
          const client = await connect(sim.url, { apikey: sim.adminApiKey, retries: 0 });
          try {
            const target = await driver.setup?.(client, sim);
            const options: Record<string, unknown> = { notAnOption: 1 };
            for (const name of required) options[name] = sample(specs[name], name);
            const before = sim.log.length;
            calls++;
            const refused = await Promise.resolve()
              .then(() => driver.run(client, target, options))
              .then(() => null, (error: unknown) => error);
            if (
              !(refused instanceof ParameterError) ||
              !refused.message.includes('unknown option "notAnOption"')
            ) {
              problems.push(`${method}: an unknown option was not refused (${refused})`);
            }
            if (sim.log.length !== before) problems.push(`${method}: sent before refusing`);
          } finally {
            client.close();
          }
        }
        for (const option of [undefined, ...optional]) {
          const lines = option === undefined ? linesOf(op) : specs[option].lines ?? linesOf(op);
          const line = lines.includes("3.8") ? "3.8" : lines[0];
          const sim = await simFor(line);
          const client = await connect(sim.url, { apikey: sim.adminApiKey, retries: 0 });
          const options: Record<string, unknown> = {};
          for (const name of required) options[name] = sample(specs[name], name);
          if (option !== undefined) options[option] = sample(specs[option], option);
          const shown = `${method} with ${option ?? "no option"} on ${line}`;
          try {
            const target = await driver.setup?.(client, sim);
            const before = sim.log.length;
            calls++;
            try {
              await driver.run(client, target, options);
            } catch (error) {
              if (error instanceof ParameterError || !(error instanceof CallError)) {
                problems.push(`${shown}: ${error}`);
                continue;
              }
            }
            const sent = sim.log.slice(before).filter((entry) =>
              op.handler === "VersionHandler" || !entry.path.endsWith("/version/")
            );
            if (sent.length === 0 && !(option === undefined && driver.quietWithoutOptions)) {
              problems.push(`${shown}: sent nothing`);
            }
            for (const entry of sent) {
              const handler = handlerOf(entry, line);
              const key = `${entry.method} ${entry.op ?? RESTFUL[entry.method]}`;
              if (handler !== op.handler || key !== keyOf(op)) {
                problems.push(`${shown}: sent ${handler} ${key}, not ${op.handler} ${keyOf(op)}`);
                continue;
              }
              for (const wire of Object.keys(entry.params)) {
                const spec = Object.values(specs).find((each) => each.wire === wire);
                if (!spec) {
                  problems.push(`${shown}: sent ${wire}, which the description does not have`);
                  continue;
                }
                for (const claimed of spec.lines ?? linesOf(op)) {
                  const fixture = fixtureOp(claimed, op.handler, keyOf(op));
                  if (!fixture || !reads(fixture, wire)) {
                    problems.push(`${shown}: sent ${wire}, which MAAS ${claimed} does not read`);
                  }
                }
                if (line === "3.8") {
                  const seen = reached.get(`${op.handler} ${key}`) ?? new Set<string>();
                  reached.set(`${op.handler} ${key}`, seen.add(wire));
                }
              }
              if (option !== undefined && !(specs[option].wire in entry.params)) {
                problems.push(`${shown}: ${specs[option].wire} was not sent`);
              }
            }
          } finally {
            client.close();
          }
        }
      }
    }
  } finally {
    for (const sim of sims.values()) await sim.close();
  }
  assert.deepEqual(problems, []);
  assert.ok(calls > 100, `only ${calls} calls`);

  // 3. Reach on MAAS 3.8: the parameters of its non-hidden ops that a typed method was seen to
  // send. Every parameter of a described handler is reached, or listed in its family's untyped
  // reasons; the other handlers' parameters count once their families are described.
  const described = new Set(DESCRIBED.flatMap((family) => Object.keys(family.handlers)));
  const explained = new Set(DESCRIBED.flatMap((family) => Object.keys(family.untyped)));
  let universe = 0;
  let hit = 0;
  let describedUniverse = 0;
  let describedHit = 0;
  const missed: string[] = [];
  for (const [handler, fixture] of Object.entries(FIXTURES["3.8"].handlers)) {
    if (fixture.hidden) continue;
    for (const [key, op] of Object.entries(fixture.ops)) {
      const seen = reached.get(`${handler} ${key}`) ?? new Set<string>();
      for (const wire of new Set([...op.params, ...(op.dropped_url_params ?? [])])) {
        universe++;
        if (seen.has(wire)) hit++;
        if (!described.has(handler)) continue;
        describedUniverse++;
        if (seen.has(wire)) describedHit++;
        else if (!explained.has(`${handler} ${key} ${wire}`)) {
          missed.push(`${handler} ${key} ${wire}`);
        }
      }
    }
  }
  assert.deepEqual(missed, [], "parameters of described handlers that no typed method sends");
  assert.equal(describedUniverse, universe, "every non-hidden handler of MAAS 3.8 is described");
  // What no typed method sends is listed with its reason in the family's `untyped` (MAAS reads it
  // only to refuse it, sets it itself, or it is another name of a typed parameter); the reach may
  // only grow.
  assert.ok(hit >= REACHED_AT_LEAST, `reach fell to ${hit} of ${universe}`);
  const percent = (part: number, whole: number) => `${(100 * part / whole).toFixed(1)} %`;
  console.log(
    `contract: ${Object.keys(DRIVERS).length} typed methods driven in ${calls} calls; reach on ` +
      `MAAS 3.8: ${hit} of ${universe} parameters (${percent(hit, universe)}) through described ` +
      `families; of their own handlers' parameters ${describedHit} of ${describedUniverse} ` +
      `(${percent(describedHit, describedUniverse)}), the rest explained`,
  );
});

/** Parameters of MAAS 3.8's non-hidden ops that typed methods send, at the least. */
const REACHED_AT_LEAST = 1160;

Deno.test("contract: every non-hidden op of MAAS 3.8 has a typed method, or its reason for none", () => {
  const typed = new Set<string>();
  for (const [, , op] of everyOp()) {
    if (linesOf(op).includes("3.8") && op.typed.length > 0) typed.add(`${op.handler} ${keyOf(op)}`);
  }
  const explained = new Set(DESCRIBED.flatMap((family) => Object.keys(family.untyped)));
  const untyped: string[] = [];
  let total = 0;
  for (const [handler, fixture] of Object.entries(FIXTURES["3.8"].handlers)) {
    if (fixture.hidden) continue;
    for (const key of Object.keys(fixture.ops)) {
      total++;
      const name = `${handler} ${key}`;
      if (!typed.has(name) && !explained.has(name)) untyped.push(name);
    }
  }
  assert.deepEqual(untyped, []);
  console.log(
    `contract: ${total - untyped.length} of ${total} non-hidden MAAS 3.8 ops typed ` +
      `(${untyped.length} without a typed method)`,
  );
});
