import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  BadRequestError,
  BootResource,
  BootSource,
  BootSourceSelection,
  connect,
  ForbiddenError,
  NotFoundError,
  ParameterError,
  UnsupportedError,
} from "../../mod.ts";
import { lastParams, withClient } from "./support.ts";

const MiB = 1024 * 1024;

function image(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function streamOf(bytes: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + piece));
      offset += piece;
    },
  });
}

Deno.test("boot resources: seeded images, type filter, read with sets", async () => {
  await withClient(async (client, sim) => {
    const all = await client.bootResources.list();
    assert.ok(all.length >= 4);
    assert.ok(all.every((r) => r instanceof BootResource && r.type === "Synced"));
    const noble = all.find((r) =>
      r.name === "ubuntu/noble" && r.architecture === "amd64/ga-24.04"
    )!;
    assert.ok(noble, "an Ubuntu image is seeded");
    assert.deepEqual(noble.sets, {}, "a listing carries no sets");
    assert.match(noble.subarches!, /ga-24\.04/);
    assert.equal(String(noble), `BootResource ${noble.id} ubuntu/noble amd64/ga-24.04 (Synced)`);

    assert.deepEqual(await client.bootResources.list({ type: "uploaded" }), []);
    assert.deepEqual(sim.log.at(-1)!.params, { type: ["uploaded"] });
    assert.equal((await client.bootResources.list({ type: "synced" })).length, all.length);
    const before = sim.log.length;
    await assert.rejects(
      // @ts-expect-error: not a type MAAS knows
      client.bootResources.list({ type: "generated" }),
      /Parameter "type" must be one of all, synced, uploaded, got "generated"/,
    );
    assert.equal(sim.log.length, before, "refused before sending");
    await assert.rejects(
      client.bootResources.list({ extra: { type: "generated" } }),
      (error: unknown) =>
        error instanceof BadRequestError && /not a valid boot resource type/.test(error.text),
    );

    const read = await client.bootResources.get(noble.id);
    const [version] = Object.keys(read.sets);
    const set = read.sets[version];
    assert.equal(set.version, version);
    assert.equal(set.complete, true);
    assert.ok(set.files.squashfs.size > 0);
    assert.match(set.files.squashfs.sha256, /^[0-9a-f]{64}$/);
    assert.equal(read.complete, true);
    await assert.rejects(client.bootResources.get(99999), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No BootResource matches the given query.");
      return true;
    });
  });
});

Deno.test("boot resources: import, is_importing, stop_import", async () => {
  await withClient(async (client, sim) => {
    assert.equal(await client.bootResources.isImporting(), false);
    await client.bootResources.import();
    assert.equal(sim.log.at(-1)!.op, "import");
    assert.equal(await client.bootResources.isImporting(), true);
    await client.bootResources.stopImport();
    assert.equal(await client.bootResources.isImporting(), false);
  });
});

Deno.test("boot resources: a custom image uploads in 4 MiB chunks with progress and checksum", async () => {
  await withClient(async (client, sim) => {
    const content = image(10 * MiB + 5);
    const progress: [number, number][] = [];
    const before = sim.log.length;
    const resource = await client.bootResources.upload({
      name: "custom/golden",
      title: "Golden image",
      architecture: "amd64/generic",
      filetype: "ddraw",
      content,
    }, { onProgress: (sent, total) => progress.push([sent, total]) });
    const calls = sim.log.slice(before);
    const create = calls[0];
    assert.equal(create.method, "POST");
    assert.deepEqual(create.params.sha256, [sha256(content)]);
    assert.deepEqual(create.params.size, [String(content.byteLength)]);
    assert.deepEqual(create.params.filetype, ["ddraw"]);
    const puts = calls.filter((e) => e.method === "PUT");
    assert.equal(puts.length, 3);
    assert.ok(puts.every((e) => /\/boot-resources\/\d+\/upload\/\d+\/$/.test(e.path)));
    assert.deepEqual(progress, [
      [4 * MiB, content.byteLength],
      [8 * MiB, content.byteLength],
      [content.byteLength, content.byteLength],
    ]);
    assert.equal(calls.at(-1)!.method, "GET", "the stored resource is read again");

    assert.equal(resource.type, "Uploaded");
    assert.equal(resource.title, "Golden image");
    assert.equal(resource.baseImage, "ubuntu/noble");
    assert.equal(resource.complete, true);
    const file = Object.values(Object.values(resource.sets)[0].files)[0];
    assert.equal(file.filetype, "root-dd.raw");
    assert.equal(file.sha256, sha256(content));
    assert.equal(file.uploadUri, undefined);
    assert.deepEqual(
      (await client.bootResources.list({ type: "uploaded" })).map((r) => r.name),
      ["custom/golden"],
    );

    // The same content again: MAAS already has it, nothing is sent.
    const beforeAgain = sim.log.length;
    const again = await client.bootResources.upload({
      name: "custom/golden",
      architecture: "amd64/generic",
      filetype: "ddraw",
      content,
    });
    assert.equal(again.id, resource.id);
    assert.equal(sim.log.slice(beforeAgain).filter((e) => e.method === "PUT").length, 0);

    await client.bootResources.delete(resource.id);
    await assert.rejects(client.bootResources.get(resource.id), NotFoundError);
  });
});

Deno.test("boot resources: Blob, stream, stream factory and async iterable content", async () => {
  await withClient(async (client, sim) => {
    const content = image(3 * MiB + 17, 7);
    const digest = sha256(content);
    const count = () => sim.log.filter((e) => e.method === "PUT").length;

    let puts = count();
    const fromBlob = await client.bootResources.upload({
      name: "from-blob",
      architecture: "amd64/generic",
      content: new Blob([content]),
    }, { chunkSize: MiB });
    assert.equal(fromBlob.complete, true);
    assert.equal(count() - puts, 4);

    puts = count();
    const fromStream = await client.bootResources.upload({
      name: "from-stream",
      architecture: "amd64/generic",
      content: streamOf(image(3 * MiB + 17, 8), 100_000),
      size: content.byteLength,
      sha256: sha256(image(3 * MiB + 17, 8)),
    }, { chunkSize: 2 * MiB });
    assert.equal(fromStream.complete, true);
    assert.equal(count() - puts, 2);

    const fromFactory = await client.bootResources.upload({
      name: "from-factory",
      architecture: "amd64/generic",
      content: () => streamOf(image(MiB, 9), 65_536),
      size: MiB,
    });
    assert.equal(fromFactory.complete, true);
    assert.equal(
      Object.values(Object.values(fromFactory.sets)[0].files)[0].sha256,
      sha256(image(MiB, 9)),
    );

    async function* pieces(): AsyncGenerator<Uint8Array> {
      yield content.subarray(0, 10);
      yield content.subarray(10);
    }
    const fromIterable = await client.bootResources.upload({
      name: "from-iterable",
      architecture: "amd64/generic",
      content: pieces(),
      size: content.byteLength,
      sha256: digest,
    });
    assert.equal(fromIterable.complete, true);
  });
});

Deno.test("boot resources: a wrong checksum is refused by the server", async () => {
  await withClient(async (client, sim) => {
    const content = image(MiB + 1);
    const wrong = sha256(image(MiB + 1, 2));
    await assert.rejects(
      client.bootResources.upload({
        name: "custom/broken",
        architecture: "amd64/generic",
        content,
        sha256: wrong,
      }, { chunkSize: MiB }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.text, "Saved content does not match given SHA256 value.");
        assert.equal(error.method, "PUT");
        return true;
      },
    );
    assert.equal(sim.log.filter((e) => e.method === "PUT").length, 2);
    const [broken] = await client.bootResources.list({ type: "uploaded" });
    const read = await client.bootResources.get(broken.id);
    assert.equal(read.complete, false);
    const file = Object.values(Object.values(read.sets)[0].files)[0];
    assert.match(file.uploadUri!, /\/upload\//);
  });
});

Deno.test("boot resources: MAAS's form errors and the library's own checks", async () => {
  await withClient(async (client, sim) => {
    const content = image(1000);
    await assert.rejects(
      client.bootResources.upload({ name: "ubuntu/noble", architecture: "amd64/generic", content }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, { name: ["ubuntu/noble is a reserved name"] });
        return true;
      },
    );
    await assert.rejects(
      client.bootResources.upload({ name: "mine", architecture: "sparc/generic", content }),
      (error: unknown) =>
        error instanceof BadRequestError &&
        /'sparc\/generic' is not a valid architecture/.test(error.fields!.architecture[0]),
    );

    const before = sim.log.length;
    const base = { name: "x", architecture: "amd64/generic" };
    await assert.rejects(
      client.bootResources.upload({ ...base, architecture: "amd64", content }),
      /arch\/subarch/,
    );
    await assert.rejects(
      // @ts-expect-error: not a file type MAAS takes
      client.bootResources.upload({ ...base, filetype: "zip", content }),
      /Parameter "filetype" must be one of tgz, tbz/,
    );
    await assert.rejects(
      client.bootResources.upload({ ...base, content }, { chunkSize: 0 }),
      /chunkSize/,
    );
    await assert.rejects(client.bootResources.upload({ ...base, content, size: 5 }), /size/);
    await assert.rejects(
      client.bootResources.upload({ ...base, content, sha256: "abc" }),
      /sha256/,
    );
    await assert.rejects(
      client.bootResources.upload({ ...base, content: new Uint8Array() }),
      /empty/,
    );
    await assert.rejects(
      client.bootResources.upload({ ...base, content: streamOf(content, 10) }),
      (error: unknown) =>
        error instanceof ParameterError && /"size" is required/.test(error.message),
    );
    await assert.rejects(
      client.bootResources.upload({ ...base, content: streamOf(content, 10), size: 1000 }),
      (error: unknown) =>
        error instanceof ParameterError && /"sha256" is required/.test(error.message),
    );
    // @ts-expect-error: missing architecture
    await assert.rejects(client.bootResources.upload({ name: "x", content }), /architecture/);
    await assert.rejects(
      client.bootResources.upload({ ...base, content, titel: "x" } as never),
      /unknown option "titel"; did you mean "title"\?/,
    );
    await assert.rejects(
      client.bootResources.upload({ ...base, content }, { chunkSize: 5, timeot: 1 } as never),
      /unknown request option "timeot"/,
    );
    assert.equal(sim.log.length, before, "no request before the arguments are checked");

    // A stream that is shorter than announced stops before its last chunk is sent.
    await assert.rejects(
      client.bootResources.upload({
        ...base,
        name: "short",
        content: streamOf(content, 100),
        size: 2000,
        sha256: sha256(content),
      }),
      /ended after 1000 bytes/,
    );
  });
});

Deno.test("boot sources: list, create, save only changes, delete", async () => {
  await withClient(async (client, sim) => {
    const [seeded] = await client.bootSources.list();
    assert.ok(seeded instanceof BootSource);
    assert.match(seeded.url, /images\.maas\.io/);
    assert.equal(seeded.keyringFilename, "/usr/share/keyrings/ubuntu-cloudimage-keyring.gpg");
    assert.equal(seeded.keyringData, "");
    assert.equal(String(seeded), `BootSource ${seeded.id} ${seeded.url}`);

    const mirror = await client.bootSources.create({
      url: "http://mirror.example.com/images/",
      keyringFilename: "/etc/maas/mirror.gpg",
      priority: 5,
    });
    assert.equal(sim.log.at(-1)!.status, 201);
    assert.equal(mirror.priority, 5);
    assert.equal(
      (await client.bootSources.get(mirror.id)).url,
      "http://mirror.example.com/images/",
    );

    mirror.url = "http://mirror.example.com/images/v3/";
    await mirror.save();
    assert.deepEqual(sim.log.at(-1)!.params, { url: ["http://mirror.example.com/images/v3/"] });
    assert.equal(mirror.url, "http://mirror.example.com/images/v3/");

    const keyring = new TextEncoder().encode("-----BEGIN PGP PUBLIC KEY BLOCK-----");
    const withData = await client.bootSources.create({
      url: "http://other.example.com/",
      keyringData: keyring,
    });
    assert.match(sim.log.at(-1)!.params.keyring_data[0], /^<file /, "keyring data is a file part");
    assert.equal(atob(withData.keyringData), new TextDecoder().decode(keyring));
    withData.keyringData = btoa("new keyring");
    await withData.save();
    assert.equal(atob(withData.keyringData), "new keyring");

    await assert.rejects(
      client.bootSources.create({ url: "http://none.example.com/" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          __all__: ["One of keyring_data or keyring_filename must be specified."],
        });
        return true;
      },
    );
    await assert.rejects(
      client.bootSources.create({ url: seeded.url, keyringFilename: "/k.gpg" }),
      (error: unknown) =>
        error instanceof BadRequestError &&
        error.fields!.url[0] === "Boot source with this Url already exists.",
    );
    const before = sim.log.length;
    await assert.rejects(
      client.bootSources.create({ url: "http://a/", keyringData: "x" }),
      /must be base64 text/,
    );
    await assert.rejects(
      client.bootSources.create({ url: "http://a/", keyringData: 5 as unknown as Uint8Array }),
      /the keyring's bytes \(Uint8Array or Blob\) or base64 text/,
    );
    // @ts-expect-error: missing url
    await assert.rejects(client.bootSources.create({ keyringFilename: "/k" }), /url/);
    assert.equal(sim.log.length, before);

    await mirror.delete();
    await assert.rejects(client.bootSources.get(mirror.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No BootSource matches the given query.");
      return true;
    });
    // A boot source's priority is MAAS 3.8's.
  }, { maasVersion: "3.8" });
});

Deno.test("boot source selections: list, create, save, delete", async () => {
  await withClient(async (client, sim) => {
    const [source] = await client.bootSources.list();
    const [noble] = await source.selections.list();
    assert.ok(noble instanceof BootSourceSelection);
    assert.equal(noble.bootSourceId, source.id);
    assert.equal(`${noble.os}/${noble.release}`, "ubuntu/noble");
    assert.equal(String(noble), `BootSourceSelection ${noble.id} ubuntu/noble amd64`);

    const jammy = await client.bootSources.selections(source.id).create({
      os: "ubuntu",
      release: "jammy",
      arches: ["amd64", "arm64"],
    });
    assert.deepEqual(sim.log.at(-1)!.params.arches, ["amd64", "arm64"]);
    assert.deepEqual(jammy.subarches, ["*"]);
    assert.deepEqual(jammy.labels, ["*"]);
    assert.equal(
      sim.log.at(-1)!.path,
      `/MAAS/api/2.0/boot-sources/${source.id}/selections/`,
    );

    jammy.arches = ["amd64"];
    await jammy.save();
    assert.deepEqual(sim.log.at(-1)!.params, { arches: ["amd64"] });
    assert.deepEqual((await source.selections.get(jammy.id)).arches, ["amd64"]);
    assert.equal((await client.bootSources.selections(source).list()).length, 2);

    await assert.rejects(
      source.selections.create({ os: "ubuntu", release: "warty" }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.deepEqual(error.fields, {
          os: ["OS ubuntu with release warty has no available images for download"],
        });
        return true;
      },
    );
    await assert.rejects(
      source.selections.create({ os: "ubuntu", release: "noble", arches: ["vax"] }),
      (error: unknown) =>
        error instanceof BadRequestError &&
        error.fields!.arches[0] === "No available images to download for ['vax']",
    );
    await assert.rejects(
      source.selections.create({ os: "ubuntu", release: "noble" }),
      (error: unknown) => error instanceof BadRequestError && "__all__" in error.fields!,
    );

    const alice = sim.createUser({ username: "alice" });
    const user = await connect(sim.url, { apikey: alice.apikey });
    try {
      assert.equal((await user.bootSources.selections(source.id).list()).length, 2);
      await assert.rejects(
        user.bootSources.selections(source.id).create({ os: "ubuntu", release: "focal" }),
        ForbiddenError,
      );
      await assert.rejects(user.bootResources.import(), ForbiddenError);
    } finally {
      user.close();
    }

    await jammy.delete();
    await assert.rejects(source.selections.get(jammy.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No BootSourceSelection matches the given query.");
      return true;
    });
    await assert.rejects(client.bootSources.selections(9999).list(), NotFoundError);
    const before = sim.log.length;
    // @ts-expect-error: missing release
    await assert.rejects(source.selections.create({ os: "ubuntu" }), /release/);
    await assert.rejects(
      source.selections.create({ os: "u", release: "r", arches: 5 as unknown as string[] }),
      /a non-empty string or a list of them/,
    );
    assert.equal(sim.log.length, before);
  });
});

Deno.test("boot resources: create and uploadChunk, MAAS's two ops of an upload, one by one", async () => {
  await withClient(async (client, sim) => {
    const content = image(3000, 5);
    const announced = await client.bootResources.create({
      name: "custom/by-hand",
      architecture: "amd64/generic",
      sha256: sha256(content),
      size: content.byteLength,
      keepOld: true,
    });
    assert.deepEqual(lastParams(sim), {
      name: ["custom/by-hand"],
      architecture: ["amd64/generic"],
      sha256: [sha256(content)],
      size: ["3000"],
      keep_old: ["true"],
    });
    assert.equal(announced.complete, false);
    await announced.uploadChunk(content.subarray(0, 1000));
    await announced.uploadChunk(new Blob([content.subarray(1000)]));
    assert.equal(sim.log.at(-1)!.method, "PUT");
    assert.match(sim.log.at(-1)!.path, new RegExp(`/boot-resources/${announced.id}/upload/\\d+/$`));
    assert.equal((await announced.refresh()).complete, true);

    const before = sim.log.length;
    await assert.rejects(announced.uploadChunk(content), /has no incomplete file to upload to/);
    await assert.rejects(
      announced.uploadChunk("bytes" as unknown as Uint8Array),
      /takes the chunk as a Uint8Array or Blob, got a string/,
    );
    const [listed] = await client.bootResources.list({ type: "uploaded" });
    await assert.rejects(listed.uploadChunk(content), /read it by id for its sets/);
    assert.equal(sim.log.length, before + 1, "only the listing was sent");
  });
});

Deno.test("boot resources: the whole image in the create request, on the lines that take it", async () => {
  await withClient(async (client, sim) => {
    const content = image(2000, 3);
    const resource = await client.bootResources.create({
      name: "custom/whole",
      architecture: "amd64/generic",
      content,
      baseImage: "ubuntu/jammy",
    });
    assert.deepEqual(lastParams(sim).content, ["<file blob 2000>"]);
    assert.equal(resource.complete, true);
    assert.equal(resource.baseImage, "ubuntu/jammy");
    const file = Object.values(Object.values(resource.sets)[0].files)[0];
    assert.equal(file.sha256, sha256(content));
  }, { maasVersion: "3.7" });
});

Deno.test("boot resources: what a line lacks is refused before sending (content on 3.8, base image on 2.9)", async () => {
  await withClient(async (client, sim) => {
    await assert.rejects(
      client.bootResources.create({
        name: "custom/whole",
        architecture: "amd64/generic",
        content: image(10),
      }),
      (error: unknown) => {
        assert.ok(error instanceof UnsupportedError);
        assert.equal(
          error.message,
          "client.bootResources.create(): content is not in MAAS 3.8.0; of the known lines, " +
            "2.9, 3.0 and 3.7 have it",
        );
        return true;
      },
    );
    assert.ok(!sim.log.some((entry) => entry.path.endsWith("/boot-resources/")));
  }, { maasVersion: "3.8" });
  await withClient(async (client, sim) => {
    await assert.rejects(
      client.bootResources.upload({
        name: "custom/based",
        architecture: "amd64/generic",
        content: image(10),
        baseImage: "ubuntu/jammy",
      }),
      /baseImage is not in MAAS 2\.9\.2; of the known lines, 3\.7, 3\.8 and master have it/,
    );
    assert.ok(!sim.log.some((entry) => entry.path.endsWith("/boot-resources/")));
    await assert.rejects(
      client.bootSources.create({
        url: "http://m.example.com/",
        keyringFilename: "/k",
        priority: 2,
      }),
      /priority is not in MAAS 2\.9\.2; of the known lines, 3\.8 and master have it/,
    );
    const [source] = await client.bootSources.list();
    assert.equal(source.priority, undefined, "2.9's boot sources have no priority");
  }, { maasVersion: "2.9" });
});
