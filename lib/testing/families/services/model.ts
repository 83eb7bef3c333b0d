/**
 * The region services' records: notifications, package repositories, license keys, DHCP
 * snippets, network discoveries and scripts, seeded the way a fresh region has them.
 *
 * @module
 */

import type { SimMachine, Site } from "../../inventory.ts";

const API = "/MAAS/api/2.0/";

/**
 * A notification as the simulator keeps it.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * const store = sim.state.services;
 * for (const n of store.notifications.values()) console.log(n.id, n.category, n.message);
 * ```
 */
export interface SimNotification {
  /** Database id. */
  id: number;
  /** MAAS's own identifier, or null. */
  ident: string | null;
  /** The one user it is for (username), or null. */
  user: string | null;
  /** Shown to every non-administrator. */
  users: boolean;
  /** Shown to every administrator. */
  admins: boolean;
  /** Text with `{name}` placeholders. */
  message: string;
  /** Values of the placeholders. */
  context: Record<string, unknown>;
  /** `error`, `warning`, `success` or `info`. */
  category: string;
  /** Whether users may dismiss it. */
  dismissable: boolean;
  /** Users who dismissed it. */
  dismissedBy: Set<string>;
}

/**
 * A package repository as the simulator keeps it (rendered fields plus `isDefault`).
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * const main = sim.state.services.repositories.get(1)!;
 * console.log(main.data.name, main.isDefault); // main_archive true
 * ```
 */
export interface SimRepository {
  /** What `package-repositories/` renders. */
  data: Record<string, unknown>;
  /** One of the two Ubuntu archives MAAS ships (cannot be deleted or disabled). */
  isDefault: boolean;
}

/**
 * One revision of a versioned text (a DHCP snippet's value, a script's content), newest first in
 * its owner's list.
 *
 * @example
 * ```ts
 * import type { SimRevision } from "./model.ts";
 * const first: SimRevision = { id: 1, data: "#!/bin/sh\n", comment: null, created: new Date() };
 * ```
 */
export interface SimRevision {
  /** Revision id (shared by snippets and scripts, as MAAS's `VersionedTextFile`). */
  id: number;
  /** The text. */
  data: string;
  /** The comment given with it. */
  comment: string | null;
  /** When it was made. */
  created: Date;
}

/**
 * A DHCP snippet as the simulator keeps it.
 *
 * @example
 * ```ts
 * import type { SimSnippet } from "./model.ts";
 * const snippet: SimSnippet = {
 *   id: 1, name: "lease", description: "", enabled: true, node: null, subnet: 1, iprange: null,
 *   revisions: [{ id: 1, data: "default-lease-time 600;", comment: null, created: new Date() }],
 * };
 * ```
 */
export interface SimSnippet {
  /** Database id. */
  id: number;
  /** Name. */
  name: string;
  /** Free text. */
  description: string;
  /** Whether it is used. */
  enabled: boolean;
  /** System id of the node it applies to, or null. */
  node: string | null;
  /** Id of the subnet it applies to, or null. */
  subnet: number | null;
  /** Id of the IP range it applies to, or null (never rendered, as in MAAS). */
  iprange: number | null;
  /** Revisions of its value, newest (current) first. */
  revisions: SimRevision[];
}

/**
 * A device seen on the network.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * console.log(sim.state.services.discoveries.map((d) => d.ip));
 * ```
 */
export interface SimDiscovery {
  /** IP address. */
  ip: string;
  /** MAC address. */
  mac: string;
  /** Hostname from mDNS, or null. */
  hostname: string | null;
  /** Fabric name. */
  fabric: string;
  /** VLAN id. */
  vid: number;
  /** Observing interface: id and name. */
  interfaceId: number;
  /** Observing interface name. */
  interfaceName: string;
  /** Vendor of the MAC address, or null. */
  organization: string | null;
  /** When it was last seen. */
  lastSeen: Date;
}

/**
 * A stored script as the simulator keeps it.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * const scripts = [...sim.state.services.scripts.values()];
 * console.log(scripts.filter((s) => s.isDefault).map((s) => s.name));
 * ```
 */
export interface SimScript {
  /** Database id. */
  id: number;
  /** Unique name. */
  name: string;
  /** Title. */
  title: string;
  /** Description. */
  description: string;
  /** Tags. */
  tags: string[];
  /** 0 commissioning, 2 testing, 3 release, 4 deployment. */
  type: number;
  /** 0 node, 1 CPU, 2 memory, 3 storage, 4 network, 5 GPU. */
  hardwareType: number;
  /** 0 disabled, 1 instance, 2 any. */
  parallel: number;
  /** Results declared by the script. */
  results: Record<string, unknown>;
  /** Parameters declared by the script. */
  parameters: Record<string, unknown>;
  /** Packages to install. */
  packages: Record<string, unknown>;
  /** Time limit in seconds (0: none). */
  timeout: number;
  /** Overwrites disks. */
  destructive: boolean;
  /** Shipped with MAAS. */
  isDefault: boolean;
  /** Hardware it always runs on. */
  forHardware: string[];
  /** May reboot. */
  mayReboot: boolean;
  /** Built-in commissioning scripts run again after it. */
  recommission: boolean;
  /** Configured networking applied before it runs. */
  applyConfiguredNetworking: boolean;
  /** Revisions of its content, newest (current) first. */
  revisions: SimRevision[];
}

/**
 * The region services of one simulator.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * const store = sim.state.services;
 * console.log(store.licenseKeys.size); // 0
 * ```
 */
export interface ServicesStore {
  /** Notifications by id. */
  notifications: Map<number, SimNotification>;
  /** Package repositories by id. */
  repositories: Map<number, SimRepository>;
  /** License keys by `osystem/distro_series`. */
  licenseKeys: Map<string, { osystem: string; distroSeries: string; licenseKey: string }>;
  /** DHCP snippets by id. */
  snippets: Map<number, SimSnippet>;
  /** Discoveries, in the order they were added. */
  discoveries: SimDiscovery[];
  /** Scripts by id. */
  scripts: Map<number, SimScript>;
  /** Ids per kind (`notification`, `repository`, `snippet`, `script`, `revision`). */
  nextId: (kind: string) => number;
}

/**
 * The rack controller that observes the seeded discoveries (and runs scans).
 *
 * @example
 * ```ts
 * import { RACK } from "./model.ts";
 * console.log(RACK.systemId); // "4y3h7n"
 * ```
 */
export const RACK = { systemId: "4y3h7n", hostname: "rack-01" };

/**
 * The architectures a package repository may serve, and which of them the main and the ports
 * archive serve.
 *
 * @example
 * ```ts
 * import { KNOWN_ARCHES, MAIN_ARCHES } from "./model.ts";
 * console.log(MAIN_ARCHES.every((arch) => KNOWN_ARCHES.includes(arch))); // true
 * ```
 */
export const KNOWN_ARCHES = ["amd64", "i386", "armhf", "arm64", "ppc64el", "s390x"];
/** The main archive's architectures. */
export const MAIN_ARCHES = ["amd64", "i386"];
/** The ports archive's architectures. */
export const PORTS_ARCHES = ["armhf", "arm64", "ppc64el", "s390x"];

/**
 * The region services of a simulator, seeded as a fresh region has them (two of the discoveries
 * are of `machines`' own MAC and IP addresses, when there are machines).
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start();
 * const store = sim.state.services;
 * console.log([...store.repositories.values()].map((r) => r.data.name)); // main and ports archives
 * ```
 */
export function createServicesSection(
  site: Site,
  machines: Iterable<SimMachine>,
): ServicesStore {
  const last = new Map<string, number>();
  const store: ServicesStore = {
    notifications: new Map(),
    repositories: new Map(),
    licenseKeys: new Map(),
    snippets: new Map(),
    discoveries: [],
    scripts: new Map(),
    nextId: (kind) => {
      const next = (last.get(kind) ?? 0) + 1;
      last.set(kind, next);
      return next;
    },
  };
  seed(store, site, machines);
  return store;
}

function seed(store: ServicesStore, site: Site, inventory: Iterable<SimMachine>): void {
  const now = Date.now();
  const notify = (fields: Omit<SimNotification, "id" | "dismissedBy">) => {
    const id = store.nextId("notification");
    store.notifications.set(id, { id, dismissedBy: new Set(), ...fields });
  };
  notify({
    ident: "dhcp_disabled_all_vlans",
    user: null,
    users: false,
    admins: true,
    message: "DHCP is not enabled on any VLAN.  This will prevent machines from being able to " +
      "PXE boot, unless an external DHCP server is being used.",
    context: {},
    category: "warning",
    dismissable: true,
  });
  notify({
    ident: null,
    user: null,
    users: true,
    admins: true,
    message: "The region will be upgraded to MAAS {version} on {date}; expect a short outage.",
    context: { version: "3.8.1", date: "Saturday" },
    category: "info",
    dismissable: true,
  });
  notify({
    ident: "boot_images_missing",
    user: null,
    users: false,
    admins: true,
    message: "Boot image import process not started. Machines will not be able to provision " +
      "without boot images.",
    context: {},
    category: "error",
    dismissable: false,
  });

  const repository = (name: string, url: string, arches: string[]) => {
    const id = store.nextId("repository");
    store.repositories.set(id, {
      isDefault: true,
      data: {
        name,
        url,
        distributions: [],
        disabled_pockets: [],
        disabled_components: [],
        disable_sources: true,
        components: [],
        arches,
        key: "",
        enabled: true,
        id,
        resource_uri: `${API}package-repositories/${id}/`,
      },
    });
  };
  repository("main_archive", "http://archive.ubuntu.com/ubuntu", MAIN_ARCHES);
  repository("ports_archive", "http://ports.ubuntu.com/ubuntu-ports", PORTS_ARCHES);

  const seen = (
    ip: string,
    mac: string,
    hostname: string | null,
    minutesAgo: number,
    organization: string | null = null,
  ) => {
    const vlan = site.vlans.find((candidate) =>
      site.subnets.some((subnet) => subnet.vlanId === candidate.id && inCidr(ip, subnet.cidr))
    );
    store.discoveries.push({
      ip,
      mac,
      hostname,
      fabric: vlan?.fabric ?? "fabric-0",
      vid: vlan?.vid ?? 0,
      interfaceId: vlan?.fabric === "fabric-1" ? 3 : 1,
      interfaceName: vlan?.fabric === "fabric-1" ? "eth1" : "eth0",
      organization,
      lastSeen: new Date(now - minutesAgo * 60_000),
    });
  };
  seen("10.20.0.57", "52:54:00:3c:19:a8", "printer-2f", 3, "QEMU virtual NIC");
  seen("10.20.1.200", "b8:27:eb:41:07:9d", null, 12, "Raspberry Pi Foundation");
  seen("192.168.50.17", "3c:ec:ef:10:22:5e", "bmc-spare", 45);
  // When the inventory has machines, two discoveries are of things MAAS knows: the MAC address of
  // one machine and the IP address of another, so the by_unknown_* filters have work to do.
  const machines = [...inventory];
  const mac = machines.flatMap((machine) => nodeInterfaces(machine.data))[0]?.mac_address;
  if (typeof mac === "string") seen("10.20.3.31", mac, null, 30);
  const ip = machines.flatMap((machine) => nodeAddresses(machine.data))[0];
  if (ip) seen(ip, "0e:7a:52:00:ab:01", null, 60);

  const script = (
    fields: Partial<SimScript> & Pick<SimScript, "name" | "title" | "description" | "type">,
    content: string,
  ) => {
    const id = store.nextId("script");
    const created: SimScript = {
      id,
      tags: [],
      hardwareType: 0,
      parallel: 0,
      results: {},
      parameters: {},
      packages: {},
      timeout: 0,
      destructive: false,
      isDefault: true,
      forHardware: [],
      mayReboot: false,
      recommission: false,
      applyConfiguredNetworking: false,
      revisions: [{
        id: store.nextId("revision"),
        data: content,
        comment: "Created by maas-3.8.0",
        created: new Date(now - 86_400_000),
      }],
      ...fields,
    };
    normaliseTags(created);
    store.scripts.set(id, created);
  };
  script(
    {
      name: "maas-support-info",
      title: "",
      description: "Gather information about the machine to help diagnose problems.",
      type: 0,
      tags: ["commissioning"],
      timeout: 300,
    },
    "#!/bin/bash\n# Collects what support staff usually ask for.\nuname -a\nlsblk\nip addr\n",
  );
  script(
    {
      name: "maas-lshw",
      title: "",
      description: "Report the hardware inventory with lshw.",
      type: 0,
      tags: ["commissioning"],
      timeout: 300,
      packages: { apt: ["lshw"] },
    },
    "#!/bin/bash\nexec lshw -xml\n",
  );
  script(
    {
      name: "smartctl-validate",
      title: "Storage status",
      description: "Validate SMART health for all drives in parallel.",
      type: 2,
      hardwareType: 3,
      parallel: 2,
      tags: ["storage"],
      timeout: 300,
      packages: { apt: ["smartmontools"] },
    },
    '#!/bin/bash\nsmartctl --xall "$storage"\n',
  );
}

/**
 * A node's rendered interfaces.
 *
 * @example
 * ```ts
 * import { nodeInterfaces } from "./model.ts";
 * console.log(nodeInterfaces({}).length); // 0
 * ```
 */
export function nodeInterfaces(data: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(data.interface_set) ? data.interface_set : [];
}

/**
 * A node's rendered IP addresses.
 *
 * @example
 * ```ts
 * import { nodeAddresses } from "./model.ts";
 * console.log(nodeAddresses({ ip_addresses: ["10.0.0.1"] })); // ["10.0.0.1"]
 * ```
 */
export function nodeAddresses(data: Record<string, unknown>): string[] {
  return Array.isArray(data.ip_addresses)
    ? data.ip_addresses.filter((ip): ip is string => typeof ip === "string")
    : [];
}

/**
 * Whether an IPv4 address is in a network.
 *
 * @example
 * ```ts
 * import { inCidr } from "./model.ts";
 * console.log(inCidr("10.0.0.9", "10.0.0.0/24")); // true
 * ```
 */
export function inCidr(ip: string, cidr: string): boolean {
  const [network, bits] = cidr.split("/");
  const value = ipv4(ip);
  const base = ipv4(network);
  if (value === null || base === null) return false;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((value & mask) >>> 0) === ((base & mask) >>> 0);
}

/**
 * An IPv4 address as a number, or null.
 *
 * @example
 * ```ts
 * import { ipv4 } from "./model.ts";
 * console.log(ipv4("0.0.1.1")); // 257
 * ```
 */
export function ipv4(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
    return null;
  }
  return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

// ---------------------------------------------------------------------------------------------
// Form helpers, reading values the way Django's form fields do.

const HARDWARE_TYPE_LABELS = ["Node", "CPU", "Memory", "Storage", "Network", "GPU"];

/**
 * As `Script.save`: the hardware type's label and `destructive` are tags kept in step.
 *
 * @example
 * ```ts
 * import { normaliseTags, type SimScript } from "./model.ts";
 * const keep = (script: SimScript) => normaliseTags(script);
 * ```
 */
export function normaliseTags(script: SimScript): void {
  const labels = HARDWARE_TYPE_LABELS.map((name) => name.toLowerCase());
  let tags = script.tags.filter((tag) => !labels.includes(tag) && tag !== "destructive");
  tags = [...tags, labels[script.hardwareType]];
  if (script.destructive) tags.push("destructive");
  script.tags = [...new Set(tags)];
}
