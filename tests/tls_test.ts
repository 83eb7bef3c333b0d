import assert from "node:assert/strict";
import process from "node:process";
import { connect, ConnectError } from "../mod.ts";
import { MaasSimulator } from "../lib/testing/mod.ts";

/** A throw-away CA and a server certificate for 127.0.0.1, made with openssl. */
async function makeCertificates(): Promise<{ dir: string; ca: string; cert: string; key: string }> {
  const dir = await Deno.makeTempDir({ prefix: "libmaas-tls-" });
  const run = async (...args: string[]) => {
    const { code, stderr } = await new Deno.Command("openssl", { args, cwd: dir, stderr: "piped" })
      .output();
    if (code !== 0) throw new Error(`openssl ${args[0]}: ${new TextDecoder().decode(stderr)}`);
  };
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await run(
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=libmaas test CA",
  );
  await run("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  await Deno.writeTextFile(
    `${dir}/ext.cnf`,
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n" +
      "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
  );
  await run(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "2",
    "-extfile",
    "ext.cnf",
  );
  return {
    dir,
    ca: await Deno.readTextFile(`${dir}/ca.pem`),
    cert: await Deno.readTextFile(`${dir}/server.pem`),
    key: await Deno.readTextFile(`${dir}/server.key`),
  };
}

Deno.test("TLS: verification on by default, a CA makes it work, insecure says so once", async () => {
  const certs = await makeCertificates();
  const sim = await MaasSimulator.start({ tls: { cert: certs.cert, key: certs.key } });
  try {
    assert.match(sim.url, /^https:\/\/127\.0\.0\.1:\d+\/MAAS\/$/);

    const untrusted = await connect(sim.url, { apikey: sim.adminApiKey, retries: 0 });
    await assert.rejects(untrusted.users.whoami(), (error: unknown) => {
      assert.ok(error instanceof ConnectError);
      assert.equal(error.kind, "tls");
      assert.match(error.message, /certificate/);
      assert.match(error.message, /caCert/);
      return true;
    });
    untrusted.close();

    const trusted = await connect(sim.url, { apikey: sim.adminApiKey, tls: { caCert: certs.ca } });
    assert.equal((await trusted.users.whoami()).username, "admin");
    trusted.close();

    // Deno's fetch only skips verification when the process allows it, so this runs in a child.
    const script = `
      import { connect } from "${new URL("../mod.ts", import.meta.url).href}";
      const client = await connect(Deno.env.get("MAAS_URL"), {
        apikey: Deno.env.get("MAAS_APIKEY"), tls: { insecure: true },
      });
      console.log("whoami:", (await client.users.whoami()).username);
      await client.users.whoami();
      client.close();
    `;
    const child = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--unsafely-ignore-certificate-errors=127.0.0.1", script],
      env: { ...process.env, MAAS_URL: sim.url, MAAS_APIKEY: sim.adminApiKey, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const out = new TextDecoder().decode(child.stdout);
    const err = new TextDecoder().decode(child.stderr);
    assert.equal(child.code, 0, err);
    assert.match(out, /whoami: admin/);
    assert.equal(err.match(/verification is off/g)?.length, 1, err);
    assert.ok(!(out + err).includes(sim.adminApiKey.split(":")[2]));
  } finally {
    await sim.close();
    await Deno.remove(certs.dir, { recursive: true });
  }
});
