// The engine that runs the families' descriptions, against the simulator: options are checked
// before any request (unknown ones named with the nearest match), `extra` is sent as given, the
// request options cannot replace an op or its parameters, and ops or parameters that the server's
// MAAS line lacks are refused before anything but one `version/` per client is sent.
import assert from "node:assert/strict";
import {
  Client,
  connect,
  ParameterError,
  type Tag,
  TimeoutError,
  UnsupportedError,
} from "../mod.ts";
import { family, invoke, op } from "../lib/objects/mod.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

interface ListOptions {
  /** A parameter only 2.9 and 3.0 read. */
  old?: string;
  /** A parameter named like the request's own time limit: seconds, sent as given. */
  timeout?: number;
  /** A required one. */
  name?: string;
  /** Nodes, through a codec. */
  nodes?: string | readonly string[];
}

// Real paths of the simulator, with made-up lines, so that what is sent can be read in its log.
const TEST = family({
  name: "test",
  handlers: { TagsHandler: "tags/", TagHandler: "tags/{name}/" },
  pathParams: { name: "string" },
  ops: {
    list: op<ListOptions>({
      handler: "TagsHandler",
      method: "GET",
      typed: ["test.list()"],
      params: {
        old: { wire: "old_name", kind: "string", lines: ["2.9", "3.0"] },
        timeout: { wire: "timeout", kind: "integer" },
        name: { wire: "name", kind: "string" },
        nodes: { wire: "nodes", kind: "strings" },
      },
    }),
    newer: op({
      handler: "TagsHandler",
      method: "GET",
      typed: ["test.newer()"],
      lines: ["3.7", "3.8", "master"],
    }),
    gone: op({
      handler: "TagsHandler",
      method: "GET",
      typed: ["test.gone()"],
      lines: ["2.9", "3.0", "3.7", "3.8"],
      gone: "things were removed from MAAS",
    }),
    read: op<{ label: string }>({
      handler: "TagHandler",
      method: "GET",
      typed: ["test.read()"],
      params: { label: { wire: "label", kind: "string", required: true } },
    }),
  },
});

async function withServer(
  version: string,
  fn: (client: Client, sim: MaasSimulator) => Promise<void>,
): Promise<void> {
  const sim = await MaasSimulator.start({ version });
  const client = await connect(sim.url, { apikey: sim.adminApiKey, retries: 0 });
  try {
    await fn(client, sim);
  } finally {
    client.close();
    await sim.close();
  }
}

async function refused(sim: MaasSimulator, call: () => Promise<unknown>, text: RegExp) {
  const before = sim.log.length;
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof ParameterError, `a ParameterError, got ${error}`);
    assert.match(error.message, text);
    return true;
  });
  assert.equal(sim.log.length, before, "nothing was sent");
}

const versionReads = (sim: MaasSimulator) =>
  sim.log.filter((entry) => entry.path.endsWith("/version/")).length;

Deno.test("engine: unknown options are refused with the nearest name, before any request", async () => {
  await withServer("3.8.0", async (client, sim) => {
    await client.tags.create({ name: "engine-tag" });
    await refused(
      sim,
      () => client.tags.create({ name: "x", kernelOtps: "quiet" } as never),
      /unknown option "kernelOtps"; did you mean "kernelOpts"\?/,
    );
    await refused(
      sim,
      () => client.tags.create({ name: "x", kernel_opts: "quiet" } as never),
      /"kernel_opts" is MAAS's wire name: give it as "kernelOpts"/,
    );
    await refused(
      sim,
      () => client.tags.list({ signal: AbortSignal.timeout(1000) } as never),
      /"signal" is a request option: give it in the request options/,
    );
    await refused(
      sim,
      () => client.tags.create({ name: "x", colour: "red" } as never),
      /It takes name, comment, definition, kernelOpts and extra/,
    );
    await refused(sim, () => client.tags.get("engine-tag", "nope" as never), /as an object/);
    await refused(
      sim,
      () => client.tags.create({ comment: "no name" } as never),
      /Missing required parameter "name" of client\.tags\.create\(\)/,
    );
    await refused(
      sim,
      () => client.tags.create({ name: 7 } as never),
      /Parameter "name" must be a string, got a number/,
    );
    await refused(
      sim,
      () => invoke(client, TEST.ops.read, { path: { name: "engine-tag" }, params: {} }),
      /Missing required parameter "label"/,
    );
    await refused(
      sim,
      () => invoke(client, TEST.ops.read, { path: { name: 3 }, params: { label: "x" } }),
      /Parameter "name" must be a non-empty name, got a number/,
    );
    await refused(
      sim,
      () => invoke(client, TEST.ops.list, { params: { nodes: ["a", ""] } }),
      /"nodes" must be a non-empty string or a list of them/,
    );
  });
});

Deno.test("engine: an argument given again as an option is refused", async () => {
  await withServer("3.8.0", async (client, sim) => {
    await refused(
      sim,
      () => client.sshKeys.create("ssh-ed25519 AAAA x", { key: "other" } as never),
      /key is given as an argument of the method, not as an option/,
    );
    await refused(
      sim,
      () => client.maas.setConfig("maas_name", "a", { value: "b" } as never),
      /value is given as an argument/,
    );
  });
});

Deno.test("engine: extra is sent as given, and may not repeat a typed option or set the op", async () => {
  await withServer("3.8.0", async (client, sim) => {
    await client.tags.create({
      name: "engine-tag",
      extra: { some_new_field: "x", repeated: ["a", "b"] },
    });
    assert.deepEqual(sim.log.at(-1)!.params, {
      name: ["engine-tag"],
      some_new_field: ["x"],
      repeated: ["a", "b"],
    });
    await refused(
      sim,
      () => client.tags.create({ name: "engine-tag", extra: { name: "other" } }),
      /extra\.name repeats a typed option's wire name/,
    );
    await refused(
      sim,
      () => client.tags.list({ extra: { op: "delete" } }),
      /extra cannot set "op"/,
    );
    await refused(sim, () => client.tags.list({ extra: "x" } as never), /extra must be an object/);
    const tag = await client.tags.get("engine-tag");
    await tag.save({ extra: { comment: "from extra" } });
    assert.equal(sim.log.at(-1)!.method, "PUT");
    assert.deepEqual(sim.log.at(-1)!.params, { comment: ["from extra"] });
    assert.equal(tag.comment, "from extra");
  });
});

Deno.test("engine: request options are apart from MAAS's parameters and cannot replace the op", async () => {
  await withServer("3.8.0", async (client, sim) => {
    // A parameter named timeout is MAAS's (seconds) and goes on the wire as given…
    await invoke(client, TEST.ops.list, { params: { timeout: 5 } });
    assert.deepEqual(sim.log.at(-1)!.params, { timeout: ["5"] });
    // …while the request's own time limit is the last argument's.
    sim.faults.inject({ delayMs: 300, count: 1 });
    await assert.rejects(
      invoke(client, TEST.ops.list, { params: { timeout: 5 }, call: { timeout: 50 } }),
      TimeoutError,
    );
    sim.faults.clear();
    for (const bad of [{ op: "delete" }, { params: { x: 1 } }, { wait: true }]) {
      await refused(
        sim,
        () => client.tags.list({}, bad as never),
        /unknown request option/,
      );
    }
    await refused(
      sim,
      () => client.tags.list({}, { timout: 5 } as never),
      /unknown request option "timout"; it takes signal, timeout and retries; did you mean timeout\?/,
    );
    await refused(
      sim,
      () => client.tags.create({ name: "x" }, { comment: "y" } as never),
      /comment is a parameter of the op: give it in the parameters object/,
    );
    await refused(
      sim,
      () => client.tags.list({}, { signal: {} } as never),
      /signal must be an AbortSignal, got an object/,
    );
    await refused(
      sim,
      () => client.call("GET", "tags/", { signal: "stop" as never }),
      /signal must be an AbortSignal, got a string/,
    );
    const controller = new AbortController();
    controller.abort(new Error("stopped"));
    await assert.rejects(client.tags.list({}, { signal: controller.signal }), /stopped/);
  });
});

Deno.test("engine: what the server's line lacks is refused before sending, saying which lines have it", async () => {
  await withServer("3.8.0", async (client, sim) => {
    await client.tags.list();
    assert.equal(versionReads(sim), 0, "ops on every line need no version");
    const before = sim.log.length;
    await assert.rejects(
      invoke(client, TEST.ops.list, { params: { old: "x" } }),
      (error: unknown) => {
        assert.ok(error instanceof UnsupportedError);
        assert.equal(
          error.message,
          "test.list(): old is not in MAAS 3.8.0; of the known lines, 2.9 and 3.0 have it",
        );
        assert.equal(error.version, "3.8.0");
        assert.deepEqual(error.lines, ["2.9", "3.0"]);
        return true;
      },
    );
    assert.deepEqual(sim.log.slice(before).map((entry) => entry.path), ["/MAAS/api/2.0/version/"]);
    await invoke(client, TEST.ops.newer);
    await invoke(client, TEST.ops.gone);
    assert.equal(versionReads(sim), 1, "the version is read once per client");
    const tag = await client.tags.create({ name: "engine-tag" });
    await assert.rejects(
      tag.updateNodes({ add: "abc", rackController: "rack1" }),
      /rackController is not in MAAS 3\.8\.0; of the known lines, 2\.9 and 3\.0 have it/,
    );
  });
  await withServer("2.9.2", async (client, sim) => {
    await invoke(client, TEST.ops.list, { params: { old: "x" } });
    assert.deepEqual(sim.log.at(-1)!.params, { old_name: ["x"] });
    await assert.rejects(
      invoke(client, TEST.ops.newer),
      /^UnsupportedError: test\.newer\(\) is not in MAAS 2\.9\.2; of the known lines, 3\.7, 3\.8 and master have it$/,
    );
    const tag: Tag = await client.tags.create({ name: "engine-tag" });
    await tag.updateNodes({ add: "abc", rackController: "rack1" });
    assert.deepEqual(sim.log.at(-1)!.params, { add: ["abc"], rack_controller: ["rack1"] });
  });
});

Deno.test("engine: newer versions count as master, older as 2.9, in-between ones as either neighbour", async () => {
  await withServer("4.1.0", async (client) => {
    await invoke(client, TEST.ops.newer);
    await assert.rejects(
      invoke(client, TEST.ops.gone),
      /^UnsupportedError: test\.gone\(\) is not in MAAS 4\.1\.0: things were removed from MAAS; of the known lines, 2\.9, 3\.0, 3\.7 and 3\.8 have it$/,
    );
  });
  await withServer("2.6.1", async (client) => {
    await assert.rejects(invoke(client, TEST.ops.newer), UnsupportedError);
    await invoke(client, TEST.ops.list, { params: { old: "x" } });
  });
  await withServer("3.4.1", async (client) => {
    // 3.0 reads `old`, 3.7 has `newer`: a 3.4 server may have either.
    await invoke(client, TEST.ops.newer);
    await invoke(client, TEST.ops.list, { params: { old: "x" } });
  });
  await withServer("3.9.0~alpha1", async (client) => {
    await assert.rejects(invoke(client, TEST.ops.gone), /things were removed/);
  });
  await withServer("devel", async (client) => {
    // No version number: nothing to check against, so nothing is refused.
    await invoke(client, TEST.ops.gone);
    await invoke(client, TEST.ops.list, { params: { old: "x" } });
  });
});

Deno.test("engine: the version read is kept in the client's record and by a resumed client", async () => {
  await withServer("2.9.2", async (client, sim) => {
    assert.equal(client.export().server, undefined, "nothing read yet");
    await invoke(client, TEST.ops.list, { params: { old: "x" } });
    const record = client.export();
    assert.equal(record.server?.version, "2.9.2");
    const resumed = Client.resume(JSON.parse(JSON.stringify(record)), {
      apikey: sim.adminApiKey,
    });
    try {
      const reads = versionReads(sim);
      await assert.rejects(invoke(resumed, TEST.ops.newer), UnsupportedError);
      assert.equal(await resumed.version.hasCapability("authenticate-api"), true);
      assert.equal(versionReads(sim), reads, "the resumed client reads no version");
    } finally {
      resumed.close();
    }
  });
});

// The descriptions are checked by the compiler: each line below must fail to type-check.
const _checked = [
  op<{ name: string }>({
    handler: "TagsHandler",
    method: "POST",
    typed: [],
    // @ts-expect-error: a string option cannot be described as a number
    params: { name: { wire: "name", kind: "integer", required: true } },
  }),
  op<{ name: string }>({
    handler: "TagsHandler",
    method: "POST",
    typed: [],
    // @ts-expect-error: a required option must say so
    params: { name: { wire: "name", kind: "string" } },
  }),
  op<{ name?: string }>({
    handler: "TagsHandler",
    method: "POST",
    typed: [],
    // @ts-expect-error: every option needs a parameter
    params: {},
  }),
  op<{ name?: string }>({
    handler: "TagsHandler",
    method: "POST",
    typed: [],
    // @ts-expect-error: a parameter must be an option of the interface
    params: { name: { wire: "name", kind: "string" }, other: { wire: "other", kind: "string" } },
  }),
];
