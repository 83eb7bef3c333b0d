/**
 * Portable tests: every file in `examples/` runs as a real child process of the runtime running
 * these tests (Deno and Bun run the TypeScript itself, Node its bundle), against a simulator this
 * process serves. An example without a check below fails, so a new example cannot skip a runtime.
 *
 * @module
 */

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import {
  eventLog,
  type MaasSimulator,
  NodeStatus,
  type SimulatorOptions,
} from "../../lib/testing/mod.ts";
import { test } from "./harness.ts";
import { ROOT, runSameRuntime, RUNTIME, scriptArgs, withSimulator } from "./support.ts";

interface ExampleCheck {
  /** The simulator to run against. */
  simulator: SimulatorOptions;
  /** Arguments after the script. */
  args?: string[];
  /** Environment beyond MAAS_URL and MAAS_APIKEY; may look at the simulator. */
  env?: (sim: MaasSimulator) => Record<string, string>;
  /** Runs beside the example (e.g. adds events while it follows them); returns a stop function. */
  meanwhile?: (sim: MaasSimulator) => () => void;
  /** What standard output must show, and what the simulator must hold afterwards. */
  check: (stdout: string, sim: MaasSimulator) => void;
}

const SECRET_OF = (sim: MaasSimulator) => sim.adminApiKey.split(":")[2];

const CHECKS: Record<string, ExampleCheck> = {
  "allocate_deploy.ts": {
    simulator: { machines: 12, seed: 6, lifecycleMs: 20 },
    args: ["pool=default", "--release"],
    env: () => ({ POLL_INTERVAL_MS: "20" }),
    check(stdout) {
      assert.match(stdout, /^allocated Machine \w+ /m);
      assert.match(stdout, /Deploying/);
      assert.match(stdout, /^deployed Machine \w+ .* Deployed: ubuntu\//m);
      assert.match(stdout, /^released Machine \w+ .* Ready$/m);
    },
  },
  "build_network.ts": {
    simulator: {},
    check(stdout, sim) {
      assert.match(stdout, /^Fabric \d+ fabric-\d+$/m);
      assert.match(stdout, /Vlan \d+ fabric-\d+\.100 tenant-100/);
      assert.match(stdout, /Subnet \d+ 10\.0\.0\.0\/24/);
      assert.match(stdout, /IPRange \d+ dynamic 10\.0\.0\.100-10\.0\.0\.199/);
      assert.ok([...sim.state.site.vlans].some((vlan) => vlan.vid === 100));
    },
  },
  "follow_events.ts": {
    simulator: { machines: 3, seed: 2 },
    env: () => ({ FOLLOW_SECONDS: "2" }),
    meanwhile(sim) {
      const [machine] = sim.state.machines.values();
      const timer = setInterval(() => {
        eventLog(sim.state).add({
          type: "Rebooting",
          systemId: machine.data.system_id,
          description: `from the ${RUNTIME} test`,
        });
      }, 400);
      return () => clearInterval(timer);
    },
    check(stdout) {
      assert.match(stdout, /^Newest \d+ events:/m);
      assert.match(stdout, new RegExp(`Rebooting - from the ${RUNTIME} test`));
      assert.match(stdout, /^Done: [1-9]\d* new events in 2 s\.$/m);
    },
  },
  "list_machines.ts": {
    simulator: { machines: 9, seed: 6 },
    check(stdout, sim) {
      assert.match(stdout.split("\n")[0], /^HOSTNAME\s+SYSTEM ID\s+STATUS\s+POWER/);
      assert.match(stdout, /^9 machines: /m);
      for (const machine of sim.state.machines.values()) {
        assert.ok(stdout.includes(machine.data.hostname), machine.data.hostname);
      }
    },
  },
  "raw_http.ts": {
    simulator: {},
    check(stdout, sim) {
      assert.match(stdout, /^signed in as admin$/m);
      assert.match(stdout, /^created API token made-with-fetch /m);
      assert.ok(
        sim.state.users.tokensOf("admin").some((token) => token.name === "made-with-fetch"),
      );
    },
  },
  "storage_layout.ts": {
    simulator: { machines: 8, seed: 5 },
    env(sim) {
      const ready = [...sim.state.machines.values()].find((m) =>
        m.data.status === NodeStatus.READY
      );
      assert.ok(ready, "the seeded inventory has a Ready machine");
      return { MAAS_SYSTEM_ID: ready.data.system_id };
    },
    check(stdout) {
      assert.match(stdout, /fat32 formatted filesystem mounted at \/boot\/efi/);
      assert.match(stdout, /VolumeGroup \d+ vgdata /);
      assert.match(stdout, /vgdata-srv {2}xfs formatted filesystem mounted at \/srv/);
    },
  },
  "users_and_keys.ts": {
    simulator: {},
    check(stdout, sim) {
      assert.match(stdout, /^signed in as admin \(administrator\)$/m);
      assert.match(stdout, /^added SSHKey \d+ ssh-ed25519 libmaas-example$/m);
      assert.match(stdout, /^removed SSH key \d+; 0 left$/m);
      assert.equal(sim.state.users.sshKeys.size, 0);
    },
  },
};

const files = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".ts")).sort();

test("examples: every example has a portable check", () => {
  const unchecked = files.filter((file) => !(file in CHECKS));
  assert.deepEqual(unchecked, [], "add these to CHECKS in tests/portable/examples.ts");
});

for (const file of files) {
  const example = CHECKS[file];
  if (!example) continue;
  test(`examples: ${file} runs against the simulator`, async () => {
    await withSimulator(example.simulator, async (sim) => {
      const stop = example.meanwhile?.(sim);
      let result;
      try {
        result = await runSameRuntime([...scriptArgs(`examples/${file}`), ...example.args ?? []], {
          env: {
            MAAS_URL: sim.url,
            MAAS_APIKEY: sim.adminApiKey,
            ...example.env?.(sim),
          },
          timeout: 30_000,
        });
      } finally {
        stop?.();
      }
      assert.equal(result.code, 0, `exit code ${result.code}\n${result.stderr}`);
      example.check(result.stdout, sim);
      assert.ok(!result.stdout.includes(SECRET_OF(sim)), "the token secret is never printed");
      assert.ok(!result.stderr.includes(SECRET_OF(sim)), "the token secret is never printed");
    });
  }, { timeout: 40_000 });
}
