import assert from "node:assert/strict";
import {
  BadRequestError,
  type Client,
  Event,
  EventLevel,
  MAX_EVENTS_PER_QUERY,
  ParameterError,
  parseEventTime,
  ProtocolError,
} from "../../mod.ts";
import { MaasSimulator, NodeStatus, type SimulatorOptions } from "../../lib/testing/mod.ts";
import { setStatus } from "../../lib/testing/inventory.ts";
import { eventLog } from "../../lib/testing/mod.ts";
import { describedActions, lastEntry, withClient as withSimulatorClient } from "./support.ts";

/** A client of a simulator with eight machines and a fixed seed, as every events test wants. */
function withClient(
  fn: (client: Client, sim: MaasSimulator) => Promise<void>,
  options: SimulatorOptions = { machines: 8, seed: 11 },
): Promise<void> {
  return withSimulatorClient(fn, options);
}

function ids(events: readonly Event[]): number[] {
  return events.map((event) => event.id);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

Deno.test("parseEventTime reads MAAS's event times, with and without the dot", () => {
  assert.equal(
    parseEventTime("Fri, 07 Dec. 2018 20:11:08")?.toISOString(),
    "2018-12-07T20:11:08.000Z",
  );
  assert.equal(
    parseEventTime("Thu, 01 Jan 2026 10:00:00")?.toISOString(),
    "2026-01-01T10:00:00.000Z",
  );
  assert.equal(parseEventTime("2026-01-01T10:00:00Z")?.getTime(), Date.UTC(2026, 0, 1, 10));
  assert.equal(parseEventTime("yesterday-ish"), null);
  assert.equal(parseEventTime(undefined), null);
});

Deno.test("events: the newest page, typed, newest first, with MAAS's next_uri and prev_uri", async () => {
  await withClient(async (client, sim) => {
    const page = await client.events.query({ limit: 5 });
    assert.equal(lastEntry(sim).op, "query");
    assert.deepEqual(lastEntry(sim).params, { limit: ["5"] });
    assert.equal(page.count, 5);
    assert.equal(page.events.length, 5);
    const got = ids(page.events);
    assert.deepEqual(got, [...got].sort((a, b) => b - a), "newest first");
    const newest = page.events[0];
    assert.ok(newest instanceof Event);
    assert.equal(typeof newest.type, "string");
    assert.ok(["INFO", "WARNING", "ERROR", "CRITICAL"].includes(newest.level), "INFO and up");
    assert.match(newest.created, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2}\. \d{4} \d{2}:\d{2}:\d{2}$/);
    assert.ok(newest.createdAt instanceof Date);
    assert.ok(sim.state.machines.has(newest.node!));
    assert.equal(newest.hostname, sim.state.machines.get(newest.node!)!.data.hostname);
    assert.equal(typeof newest.username, "string");
    assert.equal(newest.get("id"), newest.id);
    assert.deepEqual(JSON.parse(JSON.stringify(newest)), newest.data);
    assert.equal(
      String(newest),
      `Event ${newest.id} ${newest.level} ${newest.hostname}: ${newest.type}`,
    );
    assert.equal(page.nextUri, `/MAAS/api/2.0/events/?op=query&limit=5&after=${got[0]}`);
    assert.equal(page.prevUri, `/MAAS/api/2.0/events/?op=query&limit=5&before=${got[4]}`);
  });
});

Deno.test("events: every filter reaches the server under MAAS's name and filters", async () => {
  await withClient(async (client, sim) => {
    const [first, second] = [...sim.state.machines.values()];
    const one = await client.events.query({ hostname: first.data.hostname, level: "DEBUG" });
    assert.ok(one.count > 0);
    assert.ok(one.events.every((event) => event.node === first.data.system_id));
    assert.ok(one.events.some((event) => event.level === "DEBUG"));

    const byId = await client.events.query({ id: [first.data.system_id, second.data.system_id] });
    assert.deepEqual(lastEntry(sim).params, {
      id: [first.data.system_id, second.data.system_id],
    });
    assert.ok(
      byId.events.every((event) =>
        event.node === first.data.system_id || event.node === second.data.system_id
      ),
    );

    const mac = sim.state.interfaces.of(first.data.system_id).list[0].macAddress!;
    const byMac = await client.events.query({ macAddress: mac.toUpperCase(), level: "DEBUG" });
    assert.deepEqual(ids(byMac.events), ids(one.events));

    const zone = sim.state.placement.zone(first.zoneId).name;
    const inZone = await client.events.query({ zone, agentName: "nobody" });
    assert.deepEqual(lastEntry(sim).params, { zone: [zone], agent_name: ["nobody"] });
    assert.equal(inZone.count, 0, "no machine was allocated with that agent name");
    assert.equal(inZone.prevUri, null);

    const audit = await client.events.query({ level: EventLevel.AUDIT, limit: 1000 });
    assert.ok(audit.events.every((event) => event.level === "AUDIT"));
    const errors = await client.events.query({ level: "ERROR", limit: 1000 });
    assert.ok(
      errors.events.every((event) => event.level === "ERROR" || event.level === "CRITICAL"),
    );

    const log = eventLog(sim.state);
    const mine = log.add({
      type: "Node",
      level: "AUDIT",
      description: "Tested by carol",
      systemId: first.data.system_id,
      username: "carol",
    });
    const owned = await client.events.query({ owner: "carol", level: "AUDIT" });
    assert.deepEqual(ids(owned.events), [mine.id]);
    assert.equal(owned.events[0].username, "carol");

    await client.events.query({ domain: ["maas"], pool: "default", macAddress: [mac] });
    assert.deepEqual(lastEntry(sim).params, {
      mac_address: [mac],
      domain: ["maas"],
      pool: ["default"],
    });
  });
});

Deno.test("events: parameter errors come before any request; the server's own checks answer 400", async () => {
  await withClient(async (client, sim) => {
    const before = sim.log.length;
    await assert.rejects(
      client.events.query({ limit: MAX_EVENTS_PER_QUERY + 1 }),
      (error: unknown) => {
        assert.ok(error instanceof ParameterError);
        assert.match(error.message, /"limit" must be an integer from 1 to 1000/);
        return true;
      },
    );
    await assert.rejects(client.events.query({ limit: 0 }), ParameterError);
    await assert.rejects(client.events.query({ limit: 2.5 }), ParameterError);
    await assert.rejects(client.events.query({ before: 10, after: 2 }), /not both/);
    await assert.rejects(client.events.query({ before: -1 }), ParameterError);
    await assert.rejects(
      client.events.query({ level: "NOISY" as unknown as EventLevel }),
      /must be one of AUDIT, DEBUG, INFO, WARNING, ERROR, CRITICAL/,
    );
    await assert.rejects(client.events.query({ hostname: [""] }), ParameterError);
    await assert.rejects(client.events.query({ zone: 3 as unknown as string }), ParameterError);
    assert.throws(() => client.events.iterate({}, { pageSize: 1001 }), ParameterError);
    assert.throws(() => client.events.iterate({ limit: 5 } as never), /takes no "limit"/);
    assert.throws(
      () => client.events.iterate({ order: "older-to-newer" } as never),
      /unknown option "order"/,
    );
    assert.throws(
      () => client.events.iterate({}, { levl: "INFO" } as never),
      /unknown request option/,
    );
    assert.throws(() => client.events.iterate({ after: 3 }), /use "before" here/);
    assert.throws(
      () => client.events.iterate({ before: 3 }, { order: "older-to-newer" }),
      ParameterError,
    );
    assert.throws(
      () => client.events.iterate({}, { follow: true }),
      /needs order "older-to-newer"/,
    );
    assert.throws(
      () => client.events.iterate({}, { order: "sideways" as unknown as "older-to-newer" }),
      ParameterError,
    );
    assert.equal(sim.log.length, before, "no request was sent");

    const raw = (params: Record<string, string>) =>
      client.call("GET", "events/", { op: "query", params });
    await assert.rejects(raw({ limit: "1001" }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.text, "Requested number of events 1001 is greater than limit: 1000");
      return true;
    });
    await assert.rejects(raw({ level: "NOISY" }), /Unrecognised log level: NOISY/);
    await assert.rejects(
      raw({ before: "5", after: "1" }),
      /There is undetermined behaviour when both `after` and `before` are specified\./,
    );
    await assert.rejects(raw({ after: "x" }), /Invalid after: Please enter an integer value/);
    await assert.rejects(raw({ mac_address: "zz" }), /Invalid MAC address\(es\): zz/);
  });
});

Deno.test("events: iterate newer-to-older follows `before` ids across pages", async () => {
  await withClient(async (client, sim) => {
    const all = (await client.events.query({ limit: 1000, level: "DEBUG" })).events;
    assert.ok(all.length > 10, `enough seeded events (${all.length})`);
    const start = sim.log.length;
    const walked = await collect(client.events.iterate({ level: "DEBUG" }, { pageSize: 7 }));
    assert.deepEqual(ids(walked), ids(all));
    const requests = sim.log.slice(start);
    assert.equal(requests.length, Math.floor(all.length / 7) + 1);
    assert.equal(requests[0].params.before, undefined);
    assert.deepEqual(requests[1].params.before, [String(all[6].id)]);
    assert.ok(requests.every((entry) => entry.params.limit?.[0] === "7"));

    const from = all[4].id;
    const older = await collect(client.events.iterate({ level: "DEBUG", before: from }));
    assert.deepEqual(ids(older), ids(all.slice(5)));
  });
});

Deno.test("events: iterate older-to-newer follows `after` ids, in time order", async () => {
  await withClient(async (client, sim) => {
    const newestFirst = (await client.events.query({ limit: 1000 })).events;
    const start = sim.log.length;
    const walked = await collect(
      client.events.iterate({}, { order: "older-to-newer", pageSize: 5 }),
    );
    assert.deepEqual(ids(walked), ids(newestFirst).reverse());
    const requests = sim.log.slice(start);
    assert.deepEqual(requests[0].params.after, ["0"]);
    assert.deepEqual(requests[1].params.after, [String(walked[4].id)]);

    const middle = walked[Math.floor(walked.length / 2)].id;
    const rest = await collect(
      client.events.iterate({ after: middle }, { order: "older-to-newer" }),
    );
    assert.deepEqual(ids(rest), ids(walked).filter((id) => id > middle));
  });
});

Deno.test("events: leaving the loop stops the iteration without another request", async () => {
  await withClient(async (client, sim) => {
    const start = sim.log.length;
    let seen = 0;
    for await (const _event of client.events.iterate({}, { pageSize: 2 })) {
      if (++seen === 3) break;
    }
    assert.equal(seen, 3);
    assert.equal(sim.log.length - start, 2, "two pages of two were enough");
  });
});

Deno.test("events: following picks up new events and machines' life-cycle changes; the signal ends it", async () => {
  await withClient(async (client, sim) => {
    const newest = (await client.events.query({ limit: 1 })).events[0];
    const machine = [...sim.state.machines.values()].find((each) =>
      each.data.status === NodeStatus.READY
    )!;
    assert.ok(machine, "a Ready machine to deploy");
    const controller = new AbortController();
    const seen: Event[] = [];
    const following = (async () => {
      for await (
        const event of client.events.iterate({ after: newest.id, level: "DEBUG" }, {
          order: "older-to-newer",
          follow: true,
          pollInterval: 20,
          signal: controller.signal,
        })
      ) {
        seen.push(event);
        if (event.type === "Deployed") controller.abort(new Error("seen enough"));
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 60));
    eventLog(sim.state).add({
      type: "Rebooting",
      systemId: machine.data.system_id,
      description: "added by the test",
    });
    setStatus(machine, NodeStatus.DEPLOYING);
    await new Promise((resolve) => setTimeout(resolve, 60));
    setStatus(machine, NodeStatus.DEPLOYED);

    await assert.rejects(following, /seen enough/);
    const types = seen.map((event) => event.type);
    assert.deepEqual(types, [
      "Rebooting",
      "Node changed status",
      "Deploying",
      "Node changed status",
      "Deployed",
    ]);
    assert.equal(seen[1].description, "From 'Ready' to 'Deploying'");
    assert.equal(seen[1].level, "DEBUG");
    assert.ok(seen.every((event) => event.node === machine.data.system_id));
    const order = ids(seen);
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  });
});

Deno.test("events: an aborted signal ends a follow that is waiting between polls", async () => {
  await withClient(async (client) => {
    const signal = AbortSignal.timeout(150);
    const started = Date.now();
    await assert.rejects(
      collect(client.events.iterate({ after: 1_000_000 }, {
        order: "older-to-newer",
        follow: true,
        pollInterval: 10_000,
        signal,
      })),
      (error: unknown) => (error as Error).name === "TimeoutError",
    );
    assert.ok(Date.now() - started < 5_000, "the wait between polls was cut short");
  });
});

Deno.test("examples/follow_events.ts prints the newest events, then new ones, and exits by itself", async () => {
  const sim = await MaasSimulator.start({ machines: 4, seed: 2 });
  try {
    const [machine] = sim.state.machines.values();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("../../examples/follow_events.ts", import.meta.url).pathname],
      env: { MAAS_URL: sim.url, MAAS_APIKEY: sim.adminApiKey, FOLLOW_SECONDS: "3" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // Add an event while the example follows (it polls every half second).
    const timer = setInterval(() => {
      eventLog(sim.state).add({
        type: "Rebooting",
        systemId: machine.data.system_id,
        description: "from the test",
      });
    }, 700);
    let output;
    try {
      output = await child.output();
    } finally {
      clearInterval(timer);
    }
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, stderr);
    assert.match(stdout, /^Newest 10 events:/m);
    assert.match(stdout, /Following new events for 3 s/);
    assert.match(stdout, /Rebooting - from the test/);
    assert.match(stdout, /^Done: [1-9]\d* new events in 3 s\.$/m);
    assert.ok(!stdout.includes(sim.adminApiKey.split(":")[2]), "no secret printed");
  } finally {
    await sim.close();
  }
});

Deno.test("describe: events are served with MAAS 3.8's path and action", async () => {
  await withClient(async (client) => {
    assert.deepEqual((await describedActions(client)).get("EventsHandler"), {
      path: "/MAAS/api/2.0/events/",
      actions: ["GET query (op)"],
    });
  });
});

Deno.test("events: answers of the wrong shape, or pages that do not move, raise ProtocolError", async () => {
  await withClient(async (client, sim) => {
    const stuck = JSON.stringify({
      count: 2,
      events: [
        { id: 5, type: "Ready", level: "INFO", created: "Thu, 01 Jan. 2026 10:00:00" },
        { id: 4, type: "Testing", level: "INFO", created: "Thu, 01 Jan. 2026 09:59:00" },
      ],
      next_uri: null,
      prev_uri: null,
    });
    const answer = { path: "/MAAS/api/2.0/events/", status: 200, contentType: "application/json" };
    sim.faults.inject({ ...answer, body: stuck, count: 2 });
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of client.events.iterate({}, { pageSize: 2 })) seen.push(event.id);
      })(),
      (error: unknown) => {
        assert.ok(error instanceof ProtocolError);
        assert.match(error.message, /Paging back from event 4 returned event 5/);
        return true;
      },
    );
    assert.deepEqual(seen, [5, 4], "nothing is yielded twice");

    sim.faults.inject({ ...answer, body: stuck });
    await assert.rejects(
      collect(client.events.iterate({ after: 4 }, { order: "older-to-newer", pageSize: 2 })),
      /Paging forward from event 4 returned event 4/,
    );

    sim.faults.inject({ ...answer, body: JSON.stringify({ events: "none" }) });
    await assert.rejects(client.events.query(), ProtocolError);
    sim.faults.inject({ ...answer, body: JSON.stringify({ events: [{ id: "7" }] }) });
    await assert.rejects(client.events.query(), /numeric ids/);
    assert.equal(sim.faults.pending(), 0);
  });
});

Deno.test("events: controllers' events are listed, devices' are not (as in MAAS)", async () => {
  await withClient(async (client, sim) => {
    const [rack] = await client.rackControllers.list();
    const device = await client.devices.create({ macAddresses: ["52:54:00:aa:bb:02"] });
    const log = eventLog(sim.state);
    const onRack = log.add({ type: "Rack import info", systemId: rack.systemId });
    assert.equal(onRack.hostname, rack.hostname);
    log.add({ type: "Rebooting", systemId: device.systemId });
    const page = await client.events.query({ id: [rack.systemId, device.systemId] });
    assert.deepEqual(ids(page.events), [onRack.id]);
    assert.equal(page.events[0].hostname, rack.hostname);
  });
});
