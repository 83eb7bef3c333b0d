// Generated inputs at the parsing edges: only the library's typed errors may come out, never a bare
// TypeError from deep inside, never a hang.
import assert from "node:assert/strict";
import { connect, Credentials, MaasError } from "../mod.ts";
import { parseMaasUrl } from "../lib/exports/transport.ts";
import { SessionAPI, validateDescription } from "../lib/session.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = "abcXYZ019:/@?#%&=+ .-_[]{}\"'\\\n\t\u00e9\u{1F600}\u0000";

function text(next: () => number, max = 40): string {
  let out = "";
  const length = Math.floor(next() * max);
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return out;
}

function value(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return Math.floor(next() * 1e6) * (next() < 0.5 ? -1 : 1);
    case 3:
      return next() * 1e300;
    case 4:
      return text(next);
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      const keys = ["name", "path", "actions", "params", "op", "method", "anon", "auth", "doc"];
      for (let i = Math.floor(next() * 5); i > 0; i--) {
        object[next() < 0.7 ? keys[Math.floor(next() * keys.length)] : text(next, 8)] = value(
          next,
          depth + 1,
        );
      }
      return object;
    }
  }
}

function onlyTyped(fn: () => unknown, input: unknown): void {
  try {
    fn();
  } catch (error) {
    assert.ok(
      error instanceof MaasError,
      `${(error as Error)?.name}: ${(error as Error)?.message} for ${JSON.stringify(input)}`,
    );
  }
}

Deno.test("fuzz: API key text gives Credentials or a ParameterError", () => {
  const next = random(1);
  for (let i = 0; i < 5000; i++) {
    const parts = Array.from({ length: Math.floor(next() * 5) }, () => text(next, 12));
    const input = next() < 0.5 ? parts.join(":") : text(next);
    onlyTyped(() => {
      const credentials = Credentials.parse(input);
      assert.equal(credentials.toString(), input.trim());
    }, input);
  }
});

Deno.test("fuzz: MAAS URLs give an address or a typed error", () => {
  const next = random(2);
  const prefixes = ["http://", "https://", "ftp://", "", "http://u:p@", "HTTP://", "http://[::1]"];
  for (let i = 0; i < 5000; i++) {
    const input = prefixes[Math.floor(next() * prefixes.length)] + text(next);
    onlyTyped(() => {
      const address = parseMaasUrl(input);
      assert.match(address.apiUrl, /\/api\/\d+\.\d+\/$/);
      const parsed = new URL(address.apiUrl);
      assert.equal(parsed.username + parsed.password, "");
    }, input);
  }
  for (const input of [null, undefined, 42, {}, []]) {
    onlyTyped(() => parseMaasUrl(input as unknown as string), input);
  }
});

Deno.test("fuzz: describe documents, generated and mutated, give a session or a SessionError", async () => {
  const sim = await MaasSimulator.start();
  let real: Record<string, unknown>;
  try {
    real = await (await fetch(sim.apiUrl + "describe/")).json();
  } finally {
    await sim.close();
  }
  const next = random(3);
  const build = (document: unknown) => {
    const description = validateDescription(document);
    const session = new SessionAPI(description, "http://127.0.0.1:1/MAAS/", {
      credentials: Credentials.parse("a:b:c"),
    });
    for (const handler of Object.values(session.handlers)) {
      for (const action of Object.values(handler.actions)) assert.equal(typeof action, "function");
    }
    session.transport.close();
  };
  for (let i = 0; i < 3000; i++) {
    const generated = next() < 0.3 ? value(next) : { resources: [value(next), value(next)] };
    onlyTyped(() => build(generated), generated);
  }
  const serialised = JSON.stringify(real);
  for (let i = 0; i < 2000; i++) {
    const mutated = structuredClone(real) as { resources: Record<string, unknown>[] };
    const resource = mutated.resources[Math.floor(next() * mutated.resources.length)];
    const side = (next() < 0.5 ? resource.auth : resource.anon) as Record<string, unknown> | null;
    const target = side ?? resource;
    const keys = Object.keys(target);
    const key = keys[Math.floor(next() * keys.length)];
    if (next() < 0.5) delete target[key];
    else target[key] = value(next);
    onlyTyped(() => build(mutated), key);
    // Truncated text never parses; the library reports it as not MAAS rather than crashing.
    const cut = serialised.slice(0, Math.floor(next() * serialised.length));
    onlyTyped(() => {
      try {
        build(JSON.parse(cut));
      } catch (error) {
        if (error instanceof SyntaxError) return;
        throw error;
      }
    }, cut.length);
  }
  const huge = {
    resources: Array.from({ length: 20000 }, (_, i) => ({ name: `R${i}`, anon: null, auth: null })),
  };
  build(huge);
});

Deno.test("fuzz: malformed API answers raise typed errors from typed calls", async () => {
  const sim = await MaasSimulator.start();
  const client = await connect(sim.url, { apikey: sim.adminApiKey, retries: 0 });
  const next = random(4);
  const bodies = [
    "<html><body>Login</body></html>",
    '{"username": "adm',
    "",
    "null",
    "[]",
    "42",
    '"text"',
    '{"username": 42, "email": ["x"], "is_superuser": "yes", "unknown": {"deep": [1]}}',
    "{}",
    "\u0000\u0001\u0002",
  ];
  const types = ["application/json", "text/html", "text/plain", "application/octet-stream", ""];
  try {
    for (let i = 0; i < 1500; i++) {
      const body = next() < 0.7 ? bodies[Math.floor(next() * bodies.length)] : text(next, 60);
      const contentType = types[Math.floor(next() * types.length)];
      const status = [200, 200, 200, 201, 204, 400, 404, 500][Math.floor(next() * 8)];
      sim.faults.inject({ path: "/MAAS/api/2.0/users/*", status, body, contentType });
      const call = next() < 0.5 ? client.users.whoami() : client.users.list();
      try {
        const result = await call;
        // What comes back is still usable: printing and reading fields never throws.
        String(result);
        JSON.stringify(result);
      } catch (error) {
        assert.ok(
          error instanceof MaasError,
          `${(error as Error)?.name}: ${(error as Error)?.message} (${status} ${contentType} ${
            JSON.stringify(body)
          })`,
        );
      }
    }
  } finally {
    client.close();
    await sim.close();
  }
});
