import assert from "node:assert/strict";
import {
  BadRequestError,
  ConflictError,
  connect,
  Device,
  ForbiddenError,
  Machine,
  type Node,
  NotFoundError,
  ParameterError,
  RackController,
  Tag,
  UnsupportedError,
} from "../../mod.ts";
import type { MaasSimulator } from "../../lib/testing/mod.ts";
import { describedActions, lastEntry, withClient } from "./support.ts";

function systemIdOf(node: Node): string {
  return node.systemId;
}

/** The names of the tags a machine of the simulator carries (nodes refer to tags by id). */
function tagsOf(sim: MaasSimulator, systemId: string): string[] {
  return sim.state.tags.names(sim.state.machines.get(systemId)!.tagIds);
}

Deno.test("tags: create, list, get, save only what changed, rename through save, delete", async () => {
  await withClient(async (client, sim) => {
    const tag = await client.tags.create({
      name: "fast-nic",
      comment: "25G or better",
      kernelOpts: "console=ttyS0",
    });
    assert.ok(tag instanceof Tag);
    assert.deepEqual(lastEntry(sim).params, {
      name: ["fast-nic"],
      comment: ["25G or better"],
      kernel_opts: ["console=ttyS0"],
    });
    assert.equal(tag.name, "fast-nic");
    assert.equal(tag.comment, "25G or better");
    assert.equal(tag.definition, "");
    assert.equal(tag.kernelOpts, "console=ttyS0");
    assert.equal(String(tag), "Tag fast-nic");
    assert.equal(tag.get("resource_uri"), "/MAAS/api/2.0/tags/fast-nic/");

    const names = (await client.tags.list()).map((each) => each.name);
    assert.ok(names.includes("fast-nic") && names.includes("gpu"));
    assert.deepEqual((await client.tags.get("fast-nic")).toJSON(), tag.toJSON());

    tag.comment = "25G NICs";
    await tag.save();
    assert.equal(lastEntry(sim).method, "PUT");
    assert.deepEqual(lastEntry(sim).params, { comment: ["25G NICs"] });

    tag.name = "nic-25g";
    tag.definition = '//node[@class="network"]/capacity >= 25000000000';
    await tag.save();
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/tags/fast-nic/");
    assert.equal(tag.resourcePath, "tags/nic-25g/");
    assert.equal(String(tag), 'Tag nic-25g (//node[@class="network"]/capacity >= 25000000000)');
    await assert.rejects(client.tags.get("fast-nic"), NotFoundError);
    assert.equal((await client.tags.get("nic-25g")).comment, "25G NICs");

    await tag.delete();
    await assert.rejects(client.tags.get("nic-25g"), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Tag matches the given query.");
      return true;
    });
    await assert.rejects(tag.delete(), NotFoundError);
  });
});

Deno.test("tags: updateNodes answers MAAS's counts, node listings follow, rename and delete reach machines", async () => {
  await withClient(async (client, sim) => {
    const [first, second] = [...sim.state.machines.keys()];
    const tag = await client.tags.create({ name: "rack-a-row-1" });
    assert.deepEqual(await tag.machines(), []);

    const counts = await tag.updateNodes({ add: [first, second, "nosuch"] });
    assert.deepEqual(counts, { added: 2, removed: 0 });
    assert.equal(lastEntry(sim).op, "update_nodes");
    assert.deepEqual(lastEntry(sim).params, { add: [first, second, "nosuch"] });
    const machines = await tag.machines();
    assert.ok(machines.every((machine) => machine instanceof Machine));
    assert.deepEqual(machines.map(systemIdOf), [first, second]);
    const nodes = await tag.nodes();
    assert.ok(nodes.every((node) => node instanceof Machine), "nodes come in their own class");
    assert.deepEqual(nodes.map(systemIdOf), [first, second]);
    assert.deepEqual(await tag.devices(), []);
    assert.deepEqual(await tag.rackControllers(), []);
    assert.deepEqual(await tag.regionControllers(), []);
    assert.equal(lastEntry(sim).op, "region_controllers");

    // The machines' own listing sees the tag too.
    const tagged = await client.call<{ system_id: string }[]>("GET", "machines/", {
      params: { tags: "rack-a-row-1" },
    });
    assert.deepEqual(tagged.map((machine) => machine.system_id), [first, second]);

    assert.deepEqual(await tag.updateNodes({ remove: first, definition: "" }), {
      added: 0,
      removed: 1,
    });
    assert.deepEqual((await tag.machines()).map(systemIdOf), [second]);

    tag.name = "row-1";
    await tag.save();
    assert.ok(tagsOf(sim, second).includes("row-1"));
    assert.ok(!tagsOf(sim, second).includes("rack-a-row-1"));
    await tag.delete();
    assert.ok(!tagsOf(sim, second).includes("row-1"));
  }, { machines: 6 });
});

Deno.test("tags: rebuild, and update_nodes refused when the definition moved on (409)", async () => {
  await withClient(async (client) => {
    const tag = await client.tags.create({
      name: "virtual-hw",
      definition: '//node[@id="cpu"]/vendor = "QEMU"',
    });
    assert.equal(await tag.rebuild(), "virtual-hw");
    await assert.rejects(
      tag.updateNodes({ add: "abc123", definition: "//node" }),
      (error: unknown) => {
        assert.ok(error instanceof ConflictError);
        assert.equal(
          error.text,
          `Definition supplied '//node' doesn't match current definition '//node[@id="cpu"]/vendor = "QEMU"'`,
        );
        return true;
      },
    );
  });
});

Deno.test("tags: failures — field errors, 404s, 403s and parameter errors before any request", async () => {
  await withClient(async (client, sim) => {
    await assert.rejects(client.tags.create({ name: "has space" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { name: ["Enter a valid value."] });
      return true;
    });
    await assert.rejects(client.tags.create({ name: "gpu" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { name: ["Tag with this Name already exists."] });
      return true;
    });
    await assert.rejects(
      client.tags.create({ name: "broken", definition: '//node[@id="cpu"' }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          definition: ["Invalid xpath expression: Invalid predicate"],
        });
        return true;
      },
    );
    await assert.rejects(client.tags.get("nosuch"), NotFoundError);
    const missing = new Tag(client, { name: "nosuch" });
    await assert.rejects(missing.machines(), NotFoundError);
    await assert.rejects(missing.updateNodes({ add: "abc" }), NotFoundError);
    await assert.rejects(missing.rebuild(), NotFoundError);

    const gpu = await client.tags.get("gpu");
    const before = sim.log.length;
    await assert.rejects(gpu.updateNodes({}), /needs nodes in "add" or "remove"/);
    await assert.rejects(gpu.updateNodes({ add: [] }), ParameterError);
    await assert.rejects(gpu.updateNodes({ add: [42 as unknown as string] }), ParameterError);
    await assert.rejects(
      gpu.updateNodes({ add: "abc", definition: 1 as unknown as string }),
      ParameterError,
    );
    await assert.rejects(client.tags.create({ name: "" }), ParameterError);
    await assert.rejects(
      client.tags.create({ name: "ok", comment: ["x"] as unknown as string }),
      ParameterError,
    );
    assert.equal(sim.log.length, before, "no request was sent");

    const { apikey } = sim.createUser({ username: "dave" });
    const dave = await connect(sim.url, { apikey });
    try {
      const tag = await dave.tags.get("gpu");
      await assert.rejects(tag.updateNodes({ add: "abc" }), ForbiddenError);
      await assert.rejects(dave.tags.create({ name: "mine" }), ForbiddenError);
      await assert.rejects(tag.rebuild(), ForbiddenError);
    } finally {
      dave.close();
    }
  });
});

Deno.test("tags: rackController reaches MAAS 2.9 and 3.0; 3.7, 3.8 and master refuse it before sending", async () => {
  for (const version of ["2.9.2", "3.0.2"]) {
    await withClient(async (client, sim) => {
      const gpu = await client.tags.get("gpu");
      const counts = await gpu.updateNodes({ add: "nosuch", rackController: "rack01" });
      assert.deepEqual(counts, { added: 0, removed: 0 });
      assert.deepEqual(lastEntry(sim).params, { add: ["nosuch"], rack_controller: ["rack01"] });
    }, { version });
  }
  for (const version of ["3.7.3", "3.8.0", "3.9.0"]) {
    await withClient(async (client, sim) => {
      const gpu = await client.tags.get("gpu");
      await gpu.updateNodes({ add: "nosuch" });
      const before = sim.log.length;
      await assert.rejects(
        gpu.updateNodes({ add: "nosuch", rackController: "rack01" }),
        (error: unknown) => {
          assert.ok(error instanceof UnsupportedError);
          assert.equal(
            error.message,
            `tag.updateNodes(): rackController is not in MAAS ${version}; of the known lines, ` +
              "2.9 and 3.0 have it",
          );
          return true;
        },
      );
      const sent = sim.log.slice(before).map((entry) => entry.path);
      assert.deepEqual(sent, ["/MAAS/api/2.0/version/"], "only the version, read once");
      await assert.rejects(gpu.updateNodes({ add: "x", rackController: "r" }), UnsupportedError);
      assert.equal(sim.log.length, before + 1);
    }, { version });
  }
});

Deno.test("tags: the parameters object takes extra; the request options come last", async () => {
  await withClient(async (client, sim) => {
    const tag = await client.tags.create({ name: "extra", extra: { some_future_field: "1" } });
    assert.deepEqual(lastEntry(sim).params, { name: ["extra"], some_future_field: ["1"] });
    const controller = new AbortController();
    const listed = await client.tags.list({}, { signal: controller.signal, timeout: 5_000 });
    assert.ok(listed.some((each) => each.name === "extra"));
    await tag.refresh({}, { retries: 0 });
    await tag.machines(undefined, { timeout: 5_000 });
    const before = sim.log.length;
    await assert.rejects(client.tags.list({ timeout: 5 } as never), /unknown option "timeout"/);
    await assert.rejects(
      tag.delete({}, { force: true } as never),
      /unknown request option "force"/,
    );
    assert.equal(sim.log.length, before);
    await tag.delete({}, { timeout: 5_000 });
    assert.equal(lastEntry(sim).method, "DELETE");
  });
});

Deno.test("tags: updateNodes takes nodes as objects too", async () => {
  await withClient(async (client, sim) => {
    const [first, second] = [...sim.state.machines.keys()];
    const tag = await client.tags.create({ name: "objects" });
    const counts = await tag.updateNodes({ add: [{ systemId: first }] });
    assert.deepEqual(counts, { added: 1, removed: 0 });
    const [machine] = await tag.machines();
    assert.deepEqual(await tag.updateNodes({ add: second, remove: machine }), {
      added: 1,
      removed: 1,
    });
    assert.deepEqual(lastEntry(sim).params, { add: [second], remove: [first] });
  }, { machines: 2 });
});

Deno.test("describe: tags are served with MAAS 3.8's paths and actions", async () => {
  await withClient(async (client) => {
    const handlers = await describedActions(client);
    assert.deepEqual(handlers.get("TagsHandler"), {
      path: "/MAAS/api/2.0/tags/",
      actions: ["GET read", "POST create"],
    });
    assert.deepEqual(handlers.get("TagHandler"), {
      path: "/MAAS/api/2.0/tags/{name}/",
      actions: [
        "DELETE delete",
        "GET devices (op)",
        "GET machines (op)",
        "GET nodes (op)",
        "GET rack_controllers (op)",
        "GET read",
        "GET region_controllers (op)",
        "POST rebuild (op)",
        "POST update_nodes (op)",
        "PUT update",
      ],
    });
  });
});

Deno.test("tags: devices and controllers are tagged too, each listed in its own class", async () => {
  await withClient(async (client, sim) => {
    const [machineId] = sim.state.machines.keys();
    const device = await client.devices.create({ macAddresses: ["52:54:00:aa:bb:01"] });
    const racks = await client.rackControllers.list();
    const regions = await client.regionControllers.list();
    const both = racks.find((rack) => regions.some((region) => region.systemId === rack.systemId));
    const rackOnly = racks.find((rack) => rack !== both);
    assert.ok(both && rackOnly, "the simulator has a region+rack and a rack controller");

    const tag = await client.tags.create({ name: "site-a" });
    assert.deepEqual(
      await tag.updateNodes({ add: [machineId, device, both, rackOnly] }),
      { added: 4, removed: 0 },
    );
    const devices = await tag.devices();
    assert.ok(devices[0] instanceof Device);
    assert.deepEqual(devices.map(systemIdOf), [device.systemId]);
    const rackControllers = await tag.rackControllers();
    assert.ok(rackControllers.every((rack) => rack instanceof RackController));
    assert.deepEqual(
      rackControllers.map(systemIdOf).sort(),
      [both.systemId, rackOnly.systemId].sort(),
    );
    const regionControllers = await tag.regionControllers();
    assert.deepEqual(regionControllers.map(systemIdOf), [both.systemId]);
    assert.equal(
      regionControllers[0].get("resource_uri"),
      `/MAAS/api/2.0/rackcontrollers/${both.systemId}/`,
      "a region and rack controller renders as a rack controller",
    );
    const nodes = await tag.nodes();
    assert.equal(nodes.length, 4);
    assert.ok(nodes.some((node) => node instanceof Machine));
    assert.ok(nodes.some((node) => node instanceof Device));
    assert.deepEqual((await tag.machines()).map(systemIdOf), [machineId]);

    tag.name = "site-b";
    await tag.save();
    assert.deepEqual((await client.devices.get(device.systemId)).tagNames, ["site-b"]);
    await tag.delete();
    assert.deepEqual((await client.devices.get(device.systemId)).tagNames, []);
  }, { machines: 2 });
});
