import assert from "node:assert/strict";
import { BadRequestError, connect, NotFoundError, ParameterError, StoredFile } from "../../mod.ts";
import { withClient } from "./support.ts";

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

Deno.test("files: upload → list → get → download → delete", async () => {
  await withClient(async (client, sim) => {
    await client.files.upload("notes/hello.txt", "hello, MAAS");
    const upload = sim.log.at(-1)!;
    assert.equal(upload.method, "POST");
    assert.equal(upload.path, "/MAAS/api/2.0/files/");
    assert.deepEqual(upload.params.filename, ["notes/hello.txt"]);
    assert.match(upload.params.file[0], /^<file /, "the content goes as a file part named file");
    assert.equal(upload.status, 201);

    await client.files.upload("notes/binary.bin", everyByte);
    await client.files.upload("other.txt", new Blob(["from a blob"]));

    const all = await client.files.list();
    assert.deepEqual(all.map((f) => f.filename), [
      "notes/binary.bin",
      "notes/hello.txt",
      "other.txt",
    ]);
    assert.ok(all.every((f) => f instanceof StoredFile && f.content === undefined));
    assert.equal(String(all[2]), "StoredFile other.txt");

    const notes = await client.files.list({ prefix: "notes/" });
    assert.deepEqual(notes.map((f) => f.filename), ["notes/binary.bin", "notes/hello.txt"]);
    assert.deepEqual(sim.log.at(-1)!.params, { prefix: ["notes/"] });

    const other = await client.files.get("other.txt");
    assert.equal(other.content, btoa("from a blob"), "content is base64, as MAAS sends it");
    assert.equal(text(other.bytes()), "from a blob");
    assert.match(other.anonResourceUri!, /files\/\?op=get_by_key&key=/);
    assert.ok(other.key && other.key.length > 10);
    assert.equal(other.toJSON().filename, "other.txt");

    assert.equal(text(await client.files.download("notes/hello.txt")), "hello, MAAS");
    assert.equal(text(await other.download()), "from a blob");

    // Replacing keeps one file of that name.
    await client.files.upload("other.txt", "second version");
    assert.equal(text(await client.files.download("other.txt")), "second version");
    assert.equal((await client.files.list({ prefix: "other" })).length, 1);

    await client.files.delete("notes/hello.txt");
    assert.equal(sim.log.at(-1)!.method, "DELETE");
    assert.equal(sim.log.at(-1)!.path, "/MAAS/api/2.0/files/");
    assert.deepEqual(sim.log.at(-1)!.params, { filename: ["notes/hello.txt"] });
    await other.delete();
    assert.equal(sim.log.at(-1)!.path, "/MAAS/api/2.0/files/other.txt/");
    assert.deepEqual((await client.files.list()).map((f) => f.filename), ["notes/binary.bin"]);
  });
});

Deno.test("files: binary content comes back exactly, by name and by download", async () => {
  await withClient(async (client, sim) => {
    await client.files.upload("all-bytes", everyByte);
    assert.deepEqual((await client.files.get("all-bytes")).bytes(), everyByte);
    const before = sim.log.length;
    assert.deepEqual(await client.files.download("all-bytes"), everyByte);
    // MAAS labels file content text/html; it is still taken as the exact bytes, in one request.
    assert.deepEqual(sim.log.slice(before).map((e) => `${e.method} ${e.path} ${e.op}`), [
      "GET /MAAS/api/2.0/files/ get",
    ]);
  });
});

Deno.test("files: names with any character are percent-encoded", async () => {
  await withClient(async (client, sim) => {
    const name = "a b?c#d%e&f=g+h/ü.txt";
    await client.files.upload(name, "odd");
    assert.deepEqual((await client.files.list()).map((f) => f.filename), [name]);
    const file = await client.files.get(name);
    assert.equal(
      sim.log.at(-1)!.path,
      "/MAAS/api/2.0/files/a%20b%3Fc%23d%25e%26f%3Dg%2Bh%2F%C3%BC.txt/",
    );
    assert.equal(file.filename, name);
    assert.equal(text(await client.files.download(name)), "odd");
    await file.delete();
    assert.deepEqual(await client.files.list(), []);
  });
});

Deno.test("files: get by key works anonymously and across users", async () => {
  await withClient(async (client, sim) => {
    await client.files.upload("shared.yaml", "agents: 3\n");
    const [listed] = await client.files.list();
    const key = listed.key!;

    const anonymous = await connect(sim.url);
    try {
      assert.equal(text(await anonymous.files.getByKey(key)), "agents: 3\n");
      assert.equal(sim.log.at(-1)!.user, null);
      await assert.rejects(anonymous.files.getByKey("no-such-key"), NotFoundError);
    } finally {
      anonymous.close();
    }

    const alice = sim.createUser({ username: "alice" });
    const other = await connect(sim.url, { apikey: alice.apikey });
    try {
      assert.deepEqual(await other.files.list(), [], "files belong to their owner");
      await assert.rejects(other.files.get("shared.yaml"), NotFoundError);
      assert.equal(text(await other.files.getByKey(key)), "agents: 3\n");
    } finally {
      other.close();
    }

    await client.files.upload("blob.bin", everyByte);
    const binary = (await client.files.list({ prefix: "blob" }))[0];
    assert.deepEqual(await client.files.getByKey(binary.key!), everyByte);
  });
});

Deno.test("files: list by prefix; every method takes extra and request options last", async () => {
  await withClient(async (client, sim) => {
    await client.files.upload("a/one", "1", {}, { timeout: 5_000 });
    await client.files.upload("b/two", "2", { extra: { note: "x" } });
    const entry = sim.log.at(-1)!;
    assert.deepEqual(entry.params.note, ["x"]);
    assert.deepEqual((await client.files.list({ prefix: "a/" })).map((f) => f.filename), ["a/one"]);
    assert.deepEqual(sim.log.at(-1)!.params, { prefix: ["a/"] });
    const bytes = await client.files.download("b/two", {}, { retries: 0 });
    assert.equal(new TextDecoder().decode(bytes), "2");
    await client.files.delete("a/one", {}, { timeout: 5_000 });
    assert.equal(sim.log.at(-1)!.method, "DELETE");
    await assert.rejects(client.files.list({ prefx: "a" } as never), /did you mean "prefix"/);
  });
});

Deno.test("files: missing files are 404s, bad uploads 400s", async () => {
  await withClient(async (client, sim) => {
    await assert.rejects(client.files.get("nope"), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "Not Found");
      return true;
    });
    await assert.rejects(client.files.download("nope"), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "File not found");
      return true;
    });
    await assert.rejects(client.files.delete("nope"), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No FileStorage matches the given query.");
      return true;
    });
    const noFile = await client.call("POST", "files/", { params: { filename: "x" } }).catch((e) =>
      e
    );
    assert.ok(noFile instanceof BadRequestError);
    assert.equal(noFile.text, "File not supplied");
    const noName = await client.call("POST", "files/", { params: { file: new Blob(["x"]) } })
      .catch((e) => e);
    assert.ok(noName instanceof BadRequestError);
    assert.equal(noName.text, "Filename not supplied");
    const noParam = await client.call("DELETE", "files/").catch((e) => e);
    assert.ok(noParam instanceof BadRequestError);
    assert.equal(noParam.text, "No provided filename!");

    const before = sim.log.length;
    await assert.rejects(client.files.upload("", "x"), ParameterError);
    // @ts-expect-error: content of the wrong type
    await assert.rejects(client.files.upload("x", 42), /Uint8Array, Blob or string/);
    // @ts-expect-error: missing file name
    await assert.rejects(client.files.get(undefined), /filename/);
    // @ts-expect-error: prefix of the wrong type
    await assert.rejects(client.files.list({ prefix: 3 }), ParameterError);
    await assert.rejects(client.files.getByKey(""), ParameterError);
    assert.equal(sim.log.length, before, "no request before the arguments are checked");
  });
});
