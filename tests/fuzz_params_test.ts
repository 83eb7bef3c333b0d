// Every typed method, called thousands of times with generated arguments of the wrong types,
// missing or odd (parameters, `extra`, request options in any position): only the library's typed
// errors come out, never a bare TypeError and never a hang, and a ParameterError is always raised
// before any request is sent.
import assert from "node:assert/strict";
import { type Client, connect, MaasError, type Machine, ParameterError } from "../mod.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Option names the typed methods take; `wait` and `follow` are left out so no call waits for
// minutes by design.
const KEYS = [
  "extra",
  "signal",
  "timeout",
  "name",
  "hostname",
  "systemId",
  "id",
  "description",
  "cidr",
  "vid",
  "size",
  "key",
  "comment",
  "zone",
  "pool",
  "tags",
  "cpuCount",
  "mem",
  "limit",
  "level",
  "fabric",
  "subnet",
  "mode",
  "type",
  "username",
  "email",
  "password",
  "distroSeries",
  "osystem",
  "value",
  "url",
];

function value(next: () => number, depth = 0): unknown {
  switch (Math.floor(next() * (depth > 1 ? 9 : 11))) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return next() < 0.5;
    case 3:
      return Math.floor(next() * 2000) - 1000;
    case 4:
      return next() * 1e9;
    case 5:
      return "";
    case 6:
      return ["x", "a b", "../..", "%", "🙂", "1", "ready", "default"][Math.floor(next() * 8)];
    case 7:
      return NaN;
    case 8:
      return () => 1;
    case 9:
      return Array.from({ length: Math.floor(next() * 3) }, () => value(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 4); i > 0; i--) {
        object[KEYS[Math.floor(next() * KEYS.length)]] = value(next, depth + 1);
      }
      return object;
    }
  }
}

function methodsOf(target: object): string[] {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(target); proto && proto !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (name !== "constructor" && typeof descriptor?.value === "function") names.add(name);
    }
    proto = Object.getPrototypeOf(proto);
  }
  // Generators only run when consumed; protected helpers are not part of the public surface.
  const skip = [
    "iterate",
    "toString",
    "toJSON",
    "call",
    "op",
    "replace",
    "saveParams",
    "toParams",
    "run",
    "annotate",
    "readPowerState",
  ];
  return [...names].filter((name) => !skip.includes(name));
}

const NAMESPACES: (keyof Client)[] = [
  "account",
  "users",
  "sshKeys",
  "sslKeys",
  "machines",
  "nodes",
  "devices",
  "rackControllers",
  "regionControllers",
  "fabrics",
  "vlans",
  "subnets",
  "spaces",
  "ipRanges",
  "staticRoutes",
  "ipAddresses",
  "domains",
  "dnsResources",
  "dnsResourceRecords",
  "zones",
  "resourcePools",
  "tags",
  "events",
  "files",
  "bootResources",
  "bootSources",
  "maas",
  "version",
  "notifications",
  "packageRepositories",
  "licenseKeys",
  "dhcpSnippets",
  "discoveries",
  "scripts",
  "vmHosts",
];

Deno.test("fuzz: typed methods with generated arguments raise only typed errors, checked first", async () => {
  const sim = await MaasSimulator.start({ machines: 8, lifecycleMs: 60_000 });
  const client = await connect(sim.url, { apikey: sim.adminApiKey, timeout: 2_000, retries: 0 });
  const next = random(9);
  let calls = 0;
  let parameterErrors = 0;
  const failures = new Map<string, string>();
  try {
    const [machine] = await client.machines.list({ status: "ready" }) as Machine[];
    const targets: Array<[string, object]> = NAMESPACES.map((
      name,
    ) => [name, client[name] as object]);
    targets.push(["machine", machine]);
    for (let round = 0; round < 36; round++) {
      for (const [label, target] of targets) {
        for (const name of methodsOf(target)) {
          const args = Array.from({ length: Math.floor(next() * 4) }, () => value(next));
          const before = sim.log.length;
          calls++;
          try {
            const result = (target as Record<string, (...a: unknown[]) => unknown>)[name](...args);
            await Promise.race([
              Promise.resolve(result),
              new Promise((_, reject) => {
                const timer = setTimeout(() => reject(new Error("hung")), 10_000);
                Promise.resolve(result).finally(() => clearTimeout(timer)).catch(() => {});
              }),
            ]);
          } catch (error) {
            const shown = `${label}.${name}(${args.map((a) => Deno.inspect(a)).join(", ")})`;
            if (!(error instanceof MaasError)) {
              failures.set(
                `${label}.${name}`,
                `${shown} raised ${(error as Error)?.stack?.split("\n").slice(0, 3).join(" | ")}`,
              );
              continue;
            }
            if (error instanceof ParameterError) {
              parameterErrors++;
              assert.equal(sim.log.length, before, `${shown} sent a request before refusing`);
              assert.ok(error.message.length > 10);
            }
          }
        }
      }
    }
    assert.deepEqual([...failures.values()], []);
    assert.ok(calls > 2000, `only ${calls} calls`);
    console.log(`fuzzed ${calls} calls; ${parameterErrors} refused before any request`);
  } finally {
    client.close();
    await sim.close();
  }
});
