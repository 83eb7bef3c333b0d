// The contract test's drivers of the files family: one per typed method its description names.
import type { MaasObject } from "../../../mod.ts";
import { type Driver, file, without } from "../support.ts";

type FileLike = { download(o: unknown): Promise<unknown> };

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.files.list()": { run: (c, _, o) => c.files.list(o) },
  "client.files.upload()": {
    run: (c, _, o) =>
      c.files.upload(o.filename as string, o.file as string, without(o, "filename", "file")),
  },
  "client.files.download()": {
    run: (c, _, o) => c.files.download(o.filename as string, without(o, "filename")),
  },
  "storedFile.download()": {
    setup: file,
    run: (_, f, o) => (f as FileLike).download(without(o, "filename")),
    skip: { filename: "the file object gives its own name" },
  },
  "client.files.getByKey()": {
    run: (c, _, o) => c.files.getByKey(o.key as string, without(o, "key")),
  },
  "client.files.delete()": {
    run: (c, _, o) => c.files.delete(o.filename as string, without(o, "filename")),
  },
  "client.files.get()": {
    setup: file,
    run: (c, f, o) => c.files.get((f as { filename: string }).filename, o),
  },
  "storedFile.refresh()": { setup: file, run: (_, f, o) => (f as MaasObject).refresh(o) },
  "storedFile.delete()": { setup: file, run: (_, f, o) => (f as MaasObject).delete(o) },
};
