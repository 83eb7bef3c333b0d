// The contract test's drivers of the VM hosts family, under `vm-hosts/` (client.vmHosts) and
// under `pods/` (client.pods): one per typed method their descriptions name.
import type { Client, MaasObject, VMHost } from "../../../mod.ts";
import { type Driver, saving, unique, without } from "../support.ts";

type Hosts = "vmHosts" | "pods";

/** The drivers of one of the two namespaces, whose objects are called `object`. */
function drivers(namespace: Hosts, object: "vmHost" | "pod"): Record<string, Driver> {
  const host = (client: Client): Promise<VMHost> =>
    client[namespace].create({ type: "lxd", powerAddress: `${unique("contract")}:8443` });
  const save = saving(host);
  return {
    [`client.${namespace}.list()`]: { run: (c, _, o) => c[namespace].list(o) },
    [`client.${namespace}.create()`]: { run: (c, _, o) => c[namespace].create(o as never) },
    [`client.${namespace}.get()`]: {
      setup: host,
      run: (c, h, o) => c[namespace].get((h as VMHost).id, o),
    },
    [`${object}.save()`]: {
      ...save,
      skip: {
        defaultStoragePool: "not a field of a VM host: update() sends it",
        powerAddress: "not a field of a VM host: update() sends it",
        powerPass: "not a field of a VM host: update() sends it",
      },
    },
    [`${object}.update()`]: { setup: host, run: (_, h, o) => (h as VMHost).update(o) },
    [`${object}.delete()`]: { setup: host, run: (_, h, o) => (h as MaasObject).delete(o) },
    [`${object}.refresh()`]: { setup: host, run: (_, h, o) => (h as VMHost).refresh(o) },
    [`${object}.parameters()`]: { setup: host, run: (_, h, o) => (h as VMHost).parameters(o) },
    [`${object}.compose()`]: { setup: host, run: (_, h, o) => (h as VMHost).compose(o) },
    [`${object}.addTag()`]: {
      setup: host,
      run: (_, h, o) => (h as VMHost).addTag(o.tag as string, without(o, "tag")),
    },
    [`${object}.removeTag()`]: {
      setup: host,
      run: (_, h, o) => (h as VMHost).removeTag(o.tag as string, without(o, "tag")),
    },
  };
}

export const DRIVERS: Readonly<Record<string, Driver>> = {
  ...drivers("vmHosts", "vmHost"),
  ...drivers("pods", "pod"),
};
