// Saved profile files that are corrupt, empty, truncated, of the wrong shape or readable by others:
// loading them gives a typed error (or the profile), never a bare TypeError.
import assert from "node:assert/strict";
import { MaasError } from "../mod.ts";
import { ProfileStore } from "../lib/exports/profiles.ts";

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

Deno.test("fuzz: generated profile files load or fail with a typed error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "libmaas-fuzz-profiles-" });
  try {
    const store = new ProfileStore({ dir, maasCliDb: null, pythonLibmaasDb: null });
    await store.save({
      name: "good",
      url: "http://127.0.0.1:5240/MAAS/api/2.0/",
      credentials: null,
      description: { doc: "MAAS API", hash: "h", resources: [] },
    });
    const file = `${dir}/profiles/good.json`;
    const good = await Deno.readTextFile(file);
    const next = random(3);
    const samples = [
      "",
      " ",
      "null",
      "[]",
      "{}",
      "42",
      '"text"',
      "{",
      "\u0000\u0001",
      '{"format": "libmaas-profile"}',
      '{"format": "libmaas-profile", "profile": 5}',
    ];
    let loaded = 0;
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      let text: string;
      const roll = next();
      if (roll < 0.3) text = samples[Math.floor(next() * samples.length)];
      else if (roll < 0.6) text = good.slice(0, Math.floor(next() * good.length));
      else {
        const value = JSON.parse(good);
        const keys = Object.keys(value.profile ?? value);
        const target = value.profile ?? value;
        const key = keys[Math.floor(next() * keys.length)];
        target[key] = [null, 1, "x", [], {}, true][Math.floor(next() * 6)];
        text = JSON.stringify(value);
      }
      await Deno.writeTextFile(file, text, { mode: 0o600 });
      const shared = next() < 0.1;
      await Deno.chmod(file, shared ? 0o666 : 0o600);
      try {
        await store.load("good");
        assert.ok(!shared, "a profile file others can write was read");
        loaded++;
      } catch (error) {
        assert.ok(
          error instanceof MaasError,
          `${(error as Error)?.stack} for ${JSON.stringify(text).slice(0, 200)}`,
        );
        refused++;
      }
    }
    assert.ok(refused > 1000, `only ${refused} refused`);
    console.log(`profiles fuzzed: ${loaded} loaded, ${refused} refused with typed errors`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
