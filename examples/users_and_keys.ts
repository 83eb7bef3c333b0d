/**
 * Users and SSH keys: who am I, who else is there, and adding then removing an SSH key.
 *
 * The key added is `SSH_PUBLIC_KEY` when set (the text of an `id_*.pub` file), otherwise a
 * throwaway Ed25519 key made on the spot. It is removed again at the end.
 *
 * Run against the simulator:
 *   deno task simulator --port 5240 &
 *   MAAS_URL=http://127.0.0.1:5240/MAAS/ MAAS_APIKEY=… deno run -A examples/users_and_keys.ts
 */
import { Buffer } from "node:buffer";
import { generateKeyPairSync } from "node:crypto";
import process from "node:process";
import { connect } from "../mod.ts";

/** An OpenSSH public key line for a new Ed25519 key pair (the private half is thrown away). */
function throwawayKey(comment: string): string {
  const der = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "der" });
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  // The last 32 bytes of an Ed25519 SubjectPublicKeyInfo are the raw public key.
  const blob = Buffer.concat([field(Buffer.from("ssh-ed25519")), field(der.subarray(-32))]);
  return `ssh-ed25519 ${blob.toString("base64")} ${comment}`;
}

const url = process.env.MAAS_URL;
const apikey = process.env.MAAS_APIKEY;
if (!url || !apikey) {
  console.error("Set MAAS_URL and MAAS_APIKEY (see `deno task simulator`).");
  process.exit(2);
}

const client = await connect(url, { apikey });
try {
  const me = await client.users.whoami();
  console.log(`signed in as ${me.username}${me.isSuperuser ? " (administrator)" : ""}`);

  const users = await client.users.list();
  console.log(`${users.length} users:`);
  for (const user of users) {
    console.log(
      `  ${user.username.padEnd(16)} ${user.email || "-"}${user.isSuperuser ? "  admin" : ""}`,
    );
  }

  const publicKey = process.env.SSH_PUBLIC_KEY ?? throwawayKey("libmaas-example");
  const key = await client.sshKeys.create(publicKey);
  console.log(`added ${key}`);

  const keys = await client.sshKeys.list();
  console.log(`${me.username} has ${keys.length} SSH key(s):`);
  for (const each of keys) {
    console.log(`  ${each}${each.keysource ? ` from ${each.keysource}` : ""}`);
  }

  await key.delete();
  const left = await client.sshKeys.list();
  console.log(`removed SSH key ${key.id}; ${left.length} left`);
} finally {
  client.close();
}
