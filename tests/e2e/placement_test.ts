import assert from "node:assert/strict";
import {
  BadRequestError,
  connect,
  ForbiddenError,
  NotFoundError,
  ParameterError,
  ResourcePool,
  Zone,
} from "../../mod.ts";
import { describedActions, lastEntry, withClient } from "./support.ts";

Deno.test("zones: create, list, get, save only what changed, rename through save, delete", async () => {
  await withClient(async (client, sim) => {
    const names = (await client.zones.list()).map((zone) => zone.name);
    assert.deepEqual(names, [...names].sort(), "zones come sorted by name");
    assert.ok(names.includes("default"));

    const zone = await client.zones.create({ name: "row-9", description: "Row 9" });
    assert.ok(zone instanceof Zone);
    assert.equal(zone.name, "row-9");
    assert.equal(zone.description, "Row 9");
    assert.equal(typeof zone.id, "number");
    assert.equal(zone.resourcePath, "zones/row-9/");
    assert.equal(String(zone), `Zone ${zone.id} row-9`);
    assert.deepEqual(lastEntry(sim).params, { name: ["row-9"], description: ["Row 9"] });
    assert.ok((await client.zones.list()).some((other) => other.name === "row-9"));

    const again = await client.zones.get("row-9");
    assert.equal(again.id, zone.id);
    assert.deepEqual(again.toJSON(), zone.toJSON());

    zone.description = "Row 9, cold aisle";
    await zone.save();
    assert.equal(lastEntry(sim).method, "PUT");
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/zones/row-9/");
    assert.deepEqual(lastEntry(sim).params, { description: ["Row 9, cold aisle"] });
    assert.equal(zone.description, "Row 9, cold aisle");

    // A rename goes to the path of the old name, and the object follows the new one afterwards.
    zone.name = "row-09";
    assert.equal(zone.resourcePath, "zones/row-9/", "the path keeps the saved name");
    await zone.save();
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/zones/row-9/");
    assert.deepEqual(lastEntry(sim).params, { name: ["row-09"] });
    assert.equal(zone.resourcePath, "zones/row-09/");
    await assert.rejects(client.zones.get("row-9"), NotFoundError);
    assert.equal((await zone.refresh()).description, "Row 9, cold aisle");

    const before = sim.log.length;
    await zone.save();
    assert.equal(sim.log.length, before, "nothing changed, nothing sent");

    await zone.delete();
    assert.equal(lastEntry(sim).method, "DELETE");
    await assert.rejects(client.zones.get("row-09"), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Zone matches the given query.");
      return true;
    });
  });
});

Deno.test("zones: names with spaces and slashes are percent-encoded in paths", async () => {
  await withClient(async (client, sim) => {
    const zone = await client.zones.create({ name: "lab zone" });
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/zones/");
    assert.equal((await client.zones.get("lab zone")).id, zone.id);
    assert.equal(lastEntry(sim).path, "/MAAS/api/2.0/zones/lab%20zone/");
    await assert.rejects(client.zones.get("a/b"), NotFoundError);
  });
});

Deno.test("zones: failures — 400 field errors, the default zone, 404, 403 and parameter errors", async () => {
  await withClient(async (client, sim) => {
    await assert.rejects(client.zones.create({ name: "default" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { name: ["Physical zone with this Name already exists."] });
      return true;
    });
    await assert.rejects(client.zones.create({ name: "-starts-with-dash" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { name: ["Enter a valid value."] });
      return true;
    });

    const fallback = await client.zones.get("default");
    await assert.rejects(fallback.delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.text, "This zone is the default zone, it cannot be deleted.");
      assert.equal(error.fields, null);
      return true;
    });

    const taken = await client.zones.create({ name: "taken" });
    const other = await client.zones.create({ name: "other" });
    other.name = "taken";
    await assert.rejects(other.save(), BadRequestError);
    assert.equal(other.name, "taken", "a refused change stays pending");
    assert.equal(other.resourcePath, "zones/other/");
    await taken.delete();

    const before = sim.log.length;
    await assert.rejects(client.zones.get(""), ParameterError);
    await assert.rejects(client.zones.create(undefined as never), ParameterError);
    await assert.rejects(client.zones.create(null as never), ParameterError);
    await assert.rejects(
      client.zones.create({ name: undefined as unknown as string }),
      /Missing required parameter "name"/,
    );
    await assert.rejects(
      client.zones.create({ name: "x", description: 7 as unknown as string }),
      ParameterError,
    );
    assert.throws(() => {
      (fallback as unknown as { id: number }).id = 9;
    }, ParameterError);
    assert.equal(sim.log.length, before, "parameter errors are raised before any request");

    const { apikey } = sim.createUser({ username: "carol" });
    const carol = await connect(sim.url, { apikey });
    try {
      assert.equal((await carol.zones.list()).length, (await client.zones.list()).length);
      await assert.rejects(carol.zones.create({ name: "mine" }), ForbiddenError);
    } finally {
      carol.close();
    }
  });
});

Deno.test("zones: a renamed zone is renamed in the machines that are in it; deleting moves them", async () => {
  await withClient(async (client, sim) => {
    const inZone = (name: string) =>
      [...sim.state.machines.values()].filter((machine) =>
        sim.state.placement.zone(machine.zoneId).name === name
      );
    const machines = inZone("rack-a");
    assert.ok(machines.length > 0, "the seeded inventory uses rack-a");
    const zone = await client.zones.get("rack-a");
    zone.name = "rack-a1";
    await zone.save();
    assert.equal(inZone("rack-a1").length, machines.length);
    await zone.delete();
    assert.equal(inZone("rack-a1").length, 0);
    assert.ok(inZone("default").length >= machines.length);
  }, { machines: 30, seed: 3 });
});

Deno.test("resource pools: create, list, get by id and name, save, delete", async () => {
  await withClient(async (client, sim) => {
    const pools = await client.resourcePools.list();
    const names = pools.map((pool) => pool.name);
    assert.deepEqual(names, [...names].sort());
    const fallback = pools.find((pool) => pool.id === 0);
    assert.ok(fallback instanceof ResourcePool);
    assert.equal(fallback.name, "default");
    assert.equal(String(fallback), "ResourcePool 0 default");
    assert.equal(fallback.resourcePath, "resourcepool/0/");

    const pool = await client.resourcePools.create({ name: "gpu-farm", description: "GPUs" });
    assert.deepEqual(lastEntry(sim).params, { name: ["gpu-farm"], description: ["GPUs"] });
    assert.equal((await client.resourcePools.get(pool.id)).name, "gpu-farm");
    assert.equal(lastEntry(sim).path, `/MAAS/api/2.0/resourcepool/${pool.id}/`);
    assert.equal((await client.resourcePools.get("gpu-farm")).id, pool.id);

    pool.description = "Every GPU machine";
    await pool.save();
    assert.equal(lastEntry(sim).method, "PUT");
    assert.deepEqual(lastEntry(sim).params, { description: ["Every GPU machine"] });
    pool.name = "gpus";
    await pool.save();
    assert.deepEqual(lastEntry(sim).params, { name: ["gpus"] });
    assert.equal((await client.resourcePools.get(pool.id)).name, "gpus");

    await pool.delete();
    await assert.rejects(client.resourcePools.get(pool.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No ResourcePool matches the given query.");
      return true;
    });
  });
});

Deno.test("resource pools: failures — default pool, pool with machines, duplicates, parameters", async () => {
  await withClient(async (client, sim) => {
    const fallback = await client.resourcePools.get(0);
    await assert.rejects(fallback.delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.text, "This is the default pool, it cannot be deleted.");
      return true;
    });
    const used = [...sim.state.machines.values()]
      .map((machine) => machine.poolId)
      .find((id) => id !== 0);
    assert.ok(used !== undefined, "the seeded inventory uses a pool besides default");
    await assert.rejects((await client.resourcePools.get(used)).delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.text, "Pool has machines in it, it cannot be deleted.");
      return true;
    });
    await assert.rejects(client.resourcePools.create({ name: "default" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.deepEqual(error.fields, { name: ["Resource pool with this Name already exists."] });
      return true;
    });
    // The server's own check, reached without the typed layer's.
    await assert.rejects(
      client.call("POST", "resourcepools/", { params: { name: "  " } }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, { name: ["This field is required."] });
        return true;
      },
    );
    const before = sim.log.length;
    await assert.rejects(client.resourcePools.create({ name: "" }), ParameterError);
    await assert.rejects(client.resourcePools.get(null as unknown as number), ParameterError);
    await assert.rejects(client.resourcePools.create({} as never), ParameterError);
    assert.equal(sim.log.length, before);
    await assert.rejects(client.resourcePools.get(999), NotFoundError);
  }, { machines: 30, seed: 5 });
});

Deno.test("describe: zones and resource pools are served with MAAS 3.8's paths and actions", async () => {
  await withClient(async (client) => {
    const handlers = await describedActions(client);
    assert.deepEqual(handlers.get("ZonesHandler"), {
      path: "/MAAS/api/2.0/zones/",
      actions: ["GET read", "POST create"],
    });
    assert.deepEqual(handlers.get("ZoneHandler"), {
      path: "/MAAS/api/2.0/zones/{name}/",
      actions: ["DELETE delete", "GET read", "PUT update"],
    });
    assert.deepEqual(handlers.get("ResourcePoolsHandler"), {
      path: "/MAAS/api/2.0/resourcepools/",
      actions: ["GET read", "POST create"],
    });
    assert.deepEqual(handlers.get("ResourcePoolHandler"), {
      path: "/MAAS/api/2.0/resourcepool/{id}/",
      actions: ["DELETE delete", "GET read", "PUT update"],
    });
  });
});
