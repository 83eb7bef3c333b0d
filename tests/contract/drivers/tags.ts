// The contract test's drivers of the tags family: one per typed method its description names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, saving, tag } from "../support.ts";

type TagLike =
  & Record<
    "nodes" | "machines" | "devices" | "rackControllers" | "regionControllers" | "rebuild",
    (o: unknown) => Promise<unknown>
  >
  & { updateNodes(o: unknown): Promise<unknown> };

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.tags.list()": { run: (c, _, o) => c.tags.list(o) },
  "client.tags.create()": { run: (c, _, o) => c.tags.create(o as never) },
  "client.tags.get()": {
    setup: tag,
    run: (c, t, o) => c.tags.get((t as { name: string }).name, o),
  },
  "tag.refresh()": { setup: tag, run: (_, t, o) => (t as MaasObject).refresh(o) },
  "tag.save()": saving(tag),
  "tag.delete()": { setup: tag, run: (_, t, o) => (t as MaasObject).delete(o) },
  "tag.nodes()": { setup: tag, run: (_, t, o) => (t as TagLike).nodes(o) },
  "tag.machines()": { setup: tag, run: (_, t, o) => (t as TagLike).machines(o) },
  "tag.devices()": { setup: tag, run: (_, t, o) => (t as TagLike).devices(o) },
  "tag.rackControllers()": { setup: tag, run: (_, t, o) => (t as TagLike).rackControllers(o) },
  "tag.regionControllers()": {
    setup: tag,
    run: (_, t, o) => (t as TagLike).regionControllers(o),
  },
  "tag.updateNodes()": {
    setup: tag,
    // Without nodes the method refuses to send anything: every case names one to add.
    run: (_, t, o) => (t as TagLike).updateNodes({ add: "contract", ...o }),
  },
  "tag.rebuild()": { setup: tag, run: (_, t, o) => (t as TagLike).rebuild(o) },
};
