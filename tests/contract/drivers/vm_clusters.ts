// The contract test's drivers of the VM clusters family: one per typed method its description
// names. MAAS makes a cluster when it finds one behind an LXD host it is given; the simulator
// seeds one, and these drivers add more to its state, one per call that deletes one.
import type { Client, MaasObject, VMCluster } from "../../../mod.ts";
import type { MaasSimulator } from "../../../lib/testing/mod.ts";
import { type Driver, saving, unique } from "../support.ts";

const cluster = (client: Client, sim: MaasSimulator): Promise<VMCluster> => {
  const section = sim.state.vmhosts;
  const id = section.nextId("cluster");
  section.clusters.set(id, {
    id,
    name: unique("contract"),
    project: "maas",
    zoneId: sim.state.placement.defaultZoneId,
    poolId: sim.state.placement.defaultPool.id,
  });
  return client.vmClusters.get(id);
};

export const DRIVERS: Readonly<Record<string, Driver>> = {
  "client.vmClusters.list()": { run: (c, _, o) => c.vmClusters.list(o) },
  "client.vmClusters.get()": {
    setup: cluster,
    run: (c, v, o) => c.vmClusters.get((v as VMCluster).id, o),
  },
  "vmCluster.refresh()": { setup: cluster, run: (_, v, o) => (v as MaasObject).refresh(o) },
  "vmCluster.save()": {
    ...saving(cluster),
    skip: {
      pool: "not a field of a VM cluster: update() sends it",
      zone: "not a field of a VM cluster: update() sends it",
    },
  },
  "vmCluster.update()": { setup: cluster, run: (_, v, o) => (v as VMCluster).update(o) },
  "vmCluster.delete()": { setup: cluster, run: (_, v, o) => (v as MaasObject).delete(o) },
};
