/**
 * Portable tests: what each runtime does with the TLS options, against the simulator serving
 * HTTPS with a throw-away CA (made with openssl). The three runtimes differ here, and the README's
 * TLS table states exactly what these tests show:
 *
 * - everywhere, an untrusted certificate is a `ConnectError` of kind `tls`;
 * - Deno and Bun take `caCert` per client; Node's fetch cannot, and trusts the CA given in
 *   `NODE_EXTRA_CA_CERTS` when the process starts;
 * - Bun applies `insecure` per request; Deno needs `--unsafely-ignore-certificate-errors`
 *   (covered by tests/tls_test.ts), Node `NODE_TLS_REJECT_UNAUTHORIZED=0`;
 * - everywhere, `https://` to a plain-HTTP server and `http://` to a TLS-only one are a
 *   `ConnectError` of kind `scheme` that says which scheme to use, though each runtime words the
 *   failure its own way.
 *
 * @module
 */

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { connect, ConnectError } from "../../mod.ts";
import type { MaasSimulator } from "../../lib/testing/mod.ts";
import { test } from "./harness.ts";
import { BUILD_DIR, ROOT, runSameRuntime, RUNTIME, withSimulator, withTempDir } from "./support.ts";

interface Certificates {
  /** The CA certificate's file. */
  caFile: string;
  /** The CA certificate, PEM. */
  ca: string;
  /** The server's certificate (for 127.0.0.1) and key, PEM. */
  cert: string;
  key: string;
}

function makeCertificates(dir: string): Certificates {
  const openssl = (command: string) =>
    execFileSync("openssl", command.split(" "), { cwd: dir, stdio: "pipe" });
  const ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  openssl(`req -x509 ${ec} -keyout ca.key -out ca.pem -days 2 -subj /CN=portable-CA`);
  openssl(`req ${ec} -keyout server.key -out server.csr -subj /CN=127.0.0.1`);
  writeFileSync(
    join(dir, "ext.cnf"),
    "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
  );
  openssl(
    "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 " +
      "-extfile ext.cnf",
  );
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  return {
    caFile: join(dir, "ca.pem"),
    ca: read("ca.pem"),
    cert: read("server.pem"),
    key: read("server.key"),
  };
}

async function whoami(sim: MaasSimulator, tls?: { caCert?: string; insecure?: boolean }) {
  const client = await connect(sim.url, {
    apikey: sim.adminApiKey,
    retries: 0,
    tls,
    warn: () => {},
  });
  try {
    return (await client.users.whoami()).username;
  } catch (error) {
    return error;
  } finally {
    client.close();
  }
}

/** A Node child that imports the library's bundle and calls whoami with `tls` options. */
async function nodeChild(
  dir: string,
  sim: MaasSimulator,
  tls: Record<string, unknown>,
  env: Record<string, string>,
) {
  const script = join(dir, "whoami.mjs");
  writeFileSync(
    script,
    `import { connect } from ${JSON.stringify(pathToFileURL(join(ROOT, BUILD_DIR, "mod.js")).href)};
const client = await connect(process.env.MAAS_URL, {
  apikey: process.env.MAAS_APIKEY, retries: 0, tls: ${JSON.stringify(tls)}, warn: () => {},
});
console.log("whoami:", (await client.users.whoami()).username);
client.close();
`,
  );
  return await runSameRuntime([script], {
    cwd: dir,
    env: { MAAS_URL: sim.url, MAAS_APIKEY: sim.adminApiKey, ...env },
  });
}

test(`tls: what ${RUNTIME} does with an untrusted certificate, caCert and insecure`, async () => {
  await withTempDir(async (dir) => {
    const certs = makeCertificates(dir);
    await withSimulator({ tls: { cert: certs.cert, key: certs.key } }, async (sim) => {
      const untrusted = await whoami(sim);
      assert.ok(untrusted instanceof ConnectError, String(untrusted));
      assert.equal(untrusted.kind, "tls", untrusted.message);
      assert.match(untrusted.message, /caCert/);

      const withCa = await whoami(sim, { caCert: certs.ca });
      const insecure = await whoami(sim, { insecure: true });
      if (RUNTIME === "deno") {
        assert.equal(withCa, "admin");
        assert.ok(insecure instanceof ConnectError, "Deno needs its flag for insecure");
        return;
      }
      if (RUNTIME === "bun") {
        assert.equal(withCa, "admin");
        assert.equal(insecure, "admin");
        return;
      }
      assert.ok(withCa instanceof ConnectError && withCa.kind === "tls", String(withCa));
      assert.ok(insecure instanceof ConnectError && insecure.kind === "tls", String(insecure));
      const viaEnvCa = await nodeChild(dir, sim, {}, { NODE_EXTRA_CA_CERTS: certs.caFile });
      assert.equal(viaEnvCa.code, 0, viaEnvCa.stderr);
      assert.match(viaEnvCa.stdout, /^whoami: admin$/m);
      const viaEnvInsecure = await nodeChild(dir, sim, { insecure: true }, {
        NODE_TLS_REJECT_UNAUTHORIZED: "0",
      });
      assert.equal(viaEnvInsecure.code, 0, viaEnvInsecure.stderr);
      assert.match(viaEnvInsecure.stdout, /^whoami: admin$/m);
    });
  });
});

/** The error of the first call of a client for `url`. */
async function firstCallError(url: string, apikey: string): Promise<unknown> {
  const client = await connect(url, { apikey, retries: 0, warn: () => {} });
  try {
    return await client.users.whoami().then(() => "no error", (error) => error);
  } finally {
    client.close();
  }
}

test(`tls: on ${RUNTIME}, https:// to a plain-HTTP server says to use http://`, async () => {
  await withSimulator({}, async (sim) => {
    const host = new URL(sim.url).host;
    const error = await firstCallError(sim.url.replace("http:", "https:"), sim.adminApiKey);
    assert.ok(error instanceof ConnectError, String(error));
    assert.equal(error.kind, "scheme", error.message);
    assert.equal(
      error.message,
      `GET https://${host}/MAAS/api/2.0/users/?op=whoami: the server at ${host} speaks plain ` +
        `HTTP, not TLS: use http://${host}/MAAS/ (MAAS serves HTTPS on port 5443 once TLS is ` +
        "enabled).",
    );
    // Only the probe reached the server, unsigned: the signed request never left in clear.
    assert.deepEqual(sim.log.map((entry) => `${entry.method} ${entry.path} ${entry.nonce}`), [
      "GET / null",
    ]);
  });
});

test(`tls: on ${RUNTIME}, http:// to a TLS-only server says to use https://`, async () => {
  await withTempDir(async (dir) => {
    const certs = makeCertificates(dir);
    await withSimulator({ tls: { cert: certs.cert, key: certs.key } }, async (sim) => {
      const host = new URL(sim.url).host;
      for (const url of [sim.url.replace("https:", "http:"), `http://${host}/`]) {
        const error = await firstCallError(url, sim.adminApiKey);
        assert.ok(error instanceof ConnectError, String(error));
        assert.equal(error.kind, "scheme", error.message);
        const root = url.endsWith("/MAAS/") ? "/MAAS/" : "/";
        const path = `${root}api/2.0/users/?op=whoami`;
        assert.equal(
          error.message,
          `GET http://${host}${path}: the server at ${host} expects TLS, not plain HTTP: use ` +
            `https://${host}${root}`,
        );
      }
    });
  });
});

test(`tls: on ${RUNTIME}, a port that speaks neither HTTP nor TLS is not taken for either`, async () => {
  // An SSH server, say: it greets every connection with its banner.
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.end("SSH-2.0-OpenSSH_9.6\r\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const https = await firstCallError(`https://${host}/MAAS/`, "ck:tk:ts");
    assert.ok(https instanceof ConnectError, String(https));
    assert.notEqual(https.kind, "scheme", https.message);
    const http = await firstCallError(`http://${host}/MAAS/`, "ck:tk:ts");
    assert.ok(http instanceof ConnectError, String(http));
    assert.notEqual(http.kind, "scheme", http.message);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});
