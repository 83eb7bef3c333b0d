// What the contract test's drivers share: the Driver shape, sample objects made outside the
// measured requests, and small helpers. One file per family under drivers/ holds its drivers.
import { Buffer } from "node:buffer";
import { generateKeyPairSync } from "node:crypto";
import type { Client, MaasObject } from "../../mod.ts";
import type { MaasSimulator } from "../../lib/testing/mod.ts";

/** How to call one typed method with a set of options (camelCase, as the op describes them). */
export interface Driver {
  /** Makes what the method is called on (an object), outside the measured requests. */
  setup?(client: Client, sim: MaasSimulator): Promise<unknown>;
  /** Calls the method. */
  run(client: Client, target: unknown, options: Record<string, unknown>): Promise<unknown>;
  /** Options of the op this method does not take, with the reason. */
  skip?: Readonly<Record<string, string>>;
  /** Without options the method has nothing to send (a `save()` with no change). */
  quietWithoutOptions?: boolean;
  /** The method takes no parameters object (it reads the client's kept state or checks a key). */
  noParams?: boolean;
}

let serial = 0;
export const unique = (prefix: string) => `${prefix}${++serial}`;

/** Everything but the listed keys of `options`. */
export function without(
  options: Record<string, unknown>,
  ...keys: string[]
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !keys.includes(key)));
}

export async function first<T>(iterator: AsyncGenerator<T>): Promise<void> {
  for await (const _ of iterator) break;
}

/** An OpenSSH public key line for a new Ed25519 key. */
export function publicKey(): string {
  const der = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "der" });
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const blob = Buffer.concat([field(Buffer.from("ssh-ed25519")), field(der.subarray(-32))]);
  return `ssh-ed25519 ${blob.toString("base64")} contract`;
}

export const tag = (client: Client) => client.tags.create({ name: unique("contract") });
export const zone = (client: Client) => client.zones.create({ name: unique("contract") });
export const pool = (client: Client) => client.resourcePools.create({ name: unique("contract") });
export const user = (client: Client, sim: MaasSimulator) =>
  client.users.get(sim.createUser({ username: unique("contract") }).username);
export const sshKey = (client: Client) => client.sshKeys.create(publicKey());
export const sslKey = async (client: Client) =>
  (await client.sslKeys.list())[0] ?? await client.sslKeys.create(CERTIFICATE);
export const file = async (client: Client) => {
  const name = unique("contract");
  await client.files.upload(name, "content");
  return await client.files.get(name);
};

/** Assigns each option to the object's property of that name, then saves. */
export function saving(make: (client: Client, sim: MaasSimulator) => Promise<MaasObject>): Driver {
  return {
    setup: make,
    run: (_, target, options) => {
      const object = target as MaasObject & Record<string, unknown>;
      for (const [name, value] of Object.entries(options)) object[name] = value;
      return object.save();
    },
    quietWithoutOptions: true,
  };
}

/** A self-signed certificate (P-256, CN libmaas-test). */
export const CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBhjCCASugAwIBAgIUTUKe3MrSM2g87Z0YxxYRyF1oiuUwCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMbGlibWFhcy10ZXN0MCAXDTI2MTEyMzE0MjQ1MFoYDzIxMjYx
MDMwMTQyNDUwWjAXMRUwEwYDVQQDDAxsaWJtYWFzLXRlc3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAT/cRobXWeI+19A3oUMQlm8yVEIkAFUCYHsitos3bXqM2+s
kOeyadKv0UqN/1HCDU6IyiM/t2iCa5J5D+UwxsXWo1MwUTAdBgNVHQ4EFgQU8yc7
nuAYggxzADZcPjm5EFnbW2UwHwYDVR0jBBgwFoAU8yc7nuAYggxzADZcPjm5EFnb
W2UwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEA2oLNPD8wlX3/
cpQna2q7JYCVYqDsmmXfm7fhZ0+BgCwCIQDHjAlvc8yYKUAOuPzUgw3R4lNwxtKc
r3w4Ly0qU9+x6w==
-----END CERTIFICATE-----
`;
