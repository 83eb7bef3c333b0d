/**
 * Follow MAAS events: print the newest ones, then the new ones as they happen, for a few seconds.
 *
 *   MAAS_URL=http://127.0.0.1:5240/MAAS/ MAAS_APIKEY=ck:tk:ts deno run -A examples/follow_events.ts
 *
 * FOLLOW_SECONDS (default 5) sets how long to follow; EVENT_LEVEL (default INFO) the least severe
 * level shown.
 *
 * @module
 */

import process from "node:process";
import { connect, type Event, type EventLevel } from "../mod.ts";

const url = process.env.MAAS_URL;
if (!url) {
  console.error("Set MAAS_URL (and MAAS_APIKEY) to the MAAS to follow.");
  process.exit(2);
}
const seconds = Number(process.env.FOLLOW_SECONDS ?? 5);
const level = (process.env.EVENT_LEVEL ?? "INFO") as EventLevel;

function show(event: Event): void {
  const when = event.createdAt?.toISOString() ?? event.created;
  console.log(
    `${String(event.id).padStart(6)}  ${when}  ${event.level.padEnd(8)} ${
      (event.hostname ?? "-").padEnd(16)
    } ${event.type}${event.description ? ` - ${event.description}` : ""}`,
  );
}

const client = await connect(url, { apikey: process.env.MAAS_APIKEY });
try {
  const newest = await client.events.query({ level, limit: 10 });
  console.log(`Newest ${newest.count} events:`);
  // A page comes newest first; a log reads better oldest first.
  for (const event of newest.events.toReversed()) show(event);

  console.log(`Following new events for ${seconds} s…`);
  const stop = AbortSignal.timeout(seconds * 1000);
  let seen = 0;
  try {
    for await (
      const event of client.events.iterate({ level, after: newest.events[0]?.id ?? 0 }, {
        order: "older-to-newer",
        follow: true,
        pollInterval: 500,
        signal: stop,
      })
    ) {
      show(event);
      seen++;
    }
  } catch (error) {
    // The time limit ends the loop through the signal; anything else is a real failure.
    if (!stop.aborted) throw error;
  }
  console.log(`Done: ${seen} new events in ${seconds} s.`);
} finally {
  client.close();
}
