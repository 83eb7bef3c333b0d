// The contract test's drivers of the scripts family: one per typed method its description names.
import type { Client, MaasObject, Script } from "../../../mod.ts";
import { type Driver, saving, unique, without } from "../support.ts";

export const script = (client: Client) =>
  client.scripts.create({ name: unique("contract"), script: "#!/bin/sh\necho contract\n" });

const CONTENT = "#!/bin/sh\necho changed\n";

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.scripts.list()": { run: (c, _, o) => c.scripts.list(o) },
  "client.scripts.create()": { run: (c, _, o) => c.scripts.create(o as never) },
  "client.scripts.get()": {
    setup: script,
    run: (c, s, o) => c.scripts.get((s as Script).name, o),
  },
  "script.refresh()": { setup: script, run: (_, s, o) => (s as MaasObject).refresh(o) },
  "script.save()": {
    ...saving(script),
    skip: {
      script: "new content goes with upload()",
      comment: "a comment belongs to new content: upload() sends it",
    },
  },
  "script.upload()": {
    setup: script,
    run: (_, s, o) => (s as Script).upload(CONTENT, without(o, "script")),
    skip: { script: "the content is the method's first argument" },
  },
  "script.delete()": { setup: script, run: (_, s, o) => (s as MaasObject).delete(o) },
  "script.download()": { setup: script, run: (_, s, o) => (s as Script).download(o) },
  "script.downloadText()": { setup: script, run: (_, s, o) => (s as Script).downloadText(o) },
  "script.addTag()": {
    setup: script,
    run: (_, s, o) => (s as Script).addTag(o.tag as string, without(o, "tag")),
  },
  "script.removeTag()": {
    setup: script,
    run: (_, s, o) => (s as Script).removeTag(o.tag as string, without(o, "tag")),
  },
  "script.revert()": {
    setup: script,
    run: (_, s, o) => (s as Script).revert(o.to as number, without(o, "to")),
  },
};
