/**
 * The simulated site (domains, zones, pools, fabrics, VLANs, subnets, tags) and its machines, built
 * in the shape MAAS 3.x renders them: `GET machines/` records with full interface, link, VLAN,
 * subnet, block device and partition objects. A seeded generator fills a site with realistic
 * machines, the same ones for the same seed.
 *
 * @module
 */

import type {
  MachineData,
  NodeData,
  SimController,
  SimMachine,
  SimService,
} from "./families/nodes/model.ts";
import {
  blankInterface,
  InterfacesSection,
  type NodeInterfaceSet,
  type SimInterface,
  type SimLink,
  type SimLinkMode,
} from "./families/interfaces/model.ts";
import { PlacementSection } from "./families/placement/model.ts";
import { TagsSection } from "./families/tags/model.ts";
import { StorageSection } from "./families/storage/model.ts";
import { hostOf } from "./families/storage/node.ts";
import { seedDisks } from "./families/storage/seed.ts";
import { SeededRandom } from "./random.ts";

export type { MachineData, SimController, SimMachine };

/**
 * Node status numbers and their names, index = `status` (MAAS's `NODE_STATUS`).
 *
 * @example
 * ```ts
 * import { STATUS_NAMES } from "./inventory.ts";
 * console.log(STATUS_NAMES[4]); // "Ready"
 * ```
 */
export const STATUS_NAMES: readonly string[] = [
  "New",
  "Commissioning",
  "Failed commissioning",
  "Missing",
  "Ready",
  "Reserved",
  "Deployed",
  "Retired",
  "Broken",
  "Deploying",
  "Allocated",
  "Failed deployment",
  "Releasing",
  "Failed releasing",
  "Disk erasing",
  "Failed disk erasing",
  "Rescue mode",
  "Entering rescue mode",
  "Failed to enter rescue mode",
  "Exiting rescue mode",
  "Failed to exit rescue mode",
  "Testing",
  "Failed testing",
];

/**
 * The words the `status` filter of `GET machines/` accepts, index = `status` (`ready`, `deployed`, …).
 *
 * @example
 * ```ts
 * import { STATUS_KEYWORDS } from "./inventory.ts";
 * console.log(STATUS_KEYWORDS.indexOf("failed_deployment")); // 11
 * ```
 */
export const STATUS_KEYWORDS: readonly string[] = [
  "new",
  "commissioning",
  "failed_commissioning",
  "missing",
  "ready",
  "reserved",
  "deployed",
  "retired",
  "broken",
  "deploying",
  "allocated",
  "failed_deployment",
  "releasing",
  "failed_releasing",
  "disk_erasing",
  "failed_disk_erasing",
  "rescue_mode",
  "entering_rescue_mode",
  "failed_entering_rescue_mode",
  "exiting_rescue_mode",
  "failed_exiting_rescue_mode",
  "testing",
  "failed_testing",
];

/**
 * Status numbers by name, for code that moves machines through their life cycle.
 *
 * @example
 * ```ts
 * import { NodeStatus } from "./inventory.ts";
 * console.log(NodeStatus.DEPLOYED); // 6
 * ```
 */
export const NodeStatus = {
  NEW: 0,
  COMMISSIONING: 1,
  FAILED_COMMISSIONING: 2,
  MISSING: 3,
  READY: 4,
  RESERVED: 5,
  DEPLOYED: 6,
  RETIRED: 7,
  BROKEN: 8,
  DEPLOYING: 9,
  ALLOCATED: 10,
  FAILED_DEPLOYMENT: 11,
  RELEASING: 12,
  FAILED_RELEASING: 13,
  DISK_ERASING: 14,
  FAILED_DISK_ERASING: 15,
  RESCUE_MODE: 16,
  ENTERING_RESCUE_MODE: 17,
  FAILED_ENTERING_RESCUE_MODE: 18,
  EXITING_RESCUE_MODE: 19,
  FAILED_EXITING_RESCUE_MODE: 20,
  TESTING: 21,
  FAILED_TESTING: 22,
} as const;

/**
 * Script result statuses, as the `*_test_status` fields carry them.
 *
 * @example
 * ```ts
 * import { scriptStatusName } from "./inventory.ts";
 * console.log(scriptStatusName(2)); // "Passed"
 * ```
 */
export function scriptStatusName(status: number): string {
  return SCRIPT_STATUS_NAMES[status] ?? "Unknown";
}

const SCRIPT_STATUS_NAMES: Readonly<Record<number, string>> = {
  [-1]: "Unknown",
  0: "Pending",
  1: "Running",
  2: "Passed",
  3: "Failed",
  4: "Timed out",
  5: "Aborted",
  6: "Degraded",
  7: "Installing",
  8: "Failed installing",
  9: "Skipped",
};

/**
 * A DNS domain.
 *
 * @example
 * ```ts
 * import type { SimDomain } from "./inventory.ts";
 * const domain: SimDomain = { id: 0, name: "maas", ttl: null, authoritative: true, isDefault: true };
 * ```
 */
export interface SimDomain {
  /** Database id. */
  id: number;
  /** Domain name. */
  name: string;
  /** Default TTL, or null for MAAS's default. */
  ttl: number | null;
  /** Whether MAAS answers for the domain. */
  authoritative: boolean;
  /** Whether new nodes go in this domain. */
  isDefault: boolean;
}

/**
 * A VLAN on a fabric.
 *
 * @example
 * ```ts
 * import type { SimVlan } from "./inventory.ts";
 * const vlan: SimVlan = {
 *   id: 5001, name: "untagged", vid: 0, fabricId: 0, fabric: "fabric-0", mtu: 1500,
 *   dhcpOn: true, space: "undefined", description: "", primaryRack: "4y3h7n",
 *   secondaryRack: null, relayVlanId: null, externalDhcp: null,
 * };
 * ```
 */
export interface SimVlan {
  /** Database id (what `vlans/{id}/` takes). */
  id: number;
  /** Name; `untagged` for VID 0. */
  name: string;
  /** 802.1Q VLAN id, 0 when untagged. */
  vid: number;
  /** The fabric's id. */
  fabricId: number;
  /** The fabric's name. */
  fabric: string;
  /** MTU. */
  mtu: number;
  /** Whether MAAS serves DHCP on it. */
  dhcpOn: boolean;
  /** The space's name, `undefined` when none. */
  space: string;
  /** Description. */
  description: string;
  /** System id of the rack controller serving DHCP, or null. */
  primaryRack: string | null;
  /** System id of the standby rack controller, or null. */
  secondaryRack: string | null;
  /** Id of the VLAN whose DHCP this one relays to, or null. */
  relayVlanId: number | null;
  /** An external DHCP server seen on the VLAN, or null. */
  externalDhcp: string | null;
}

/**
 * An IP subnet on a VLAN.
 *
 * @example
 * ```ts
 * import type { SimSubnet } from "./inventory.ts";
 * const subnet: SimSubnet = {
 *   id: 1, name: "10.0.0.0/20", cidr: "10.0.0.0/20", vlanId: 5001, gatewayIp: "10.0.0.1",
 *   dnsServers: [], managed: true, description: "", rdnsMode: 2, allowDns: true,
 *   allowProxy: true, activeDiscovery: false, disabledBootArchitectures: [],
 * };
 * ```
 */
export interface SimSubnet {
  /** Database id. */
  id: number;
  /** Name (MAAS names subnets after their CIDR by default). */
  name: string;
  /** Network in CIDR notation (IPv4 only in the simulator). */
  cidr: string;
  /** The VLAN's id. */
  vlanId: number;
  /** Default gateway, or null. */
  gatewayIp: string | null;
  /** DNS servers handed to hosts on the subnet. */
  dnsServers: string[];
  /** Whether MAAS manages address allocation. */
  managed: boolean;
  /** Description. */
  description: string;
  /** Reverse DNS: 0 disabled, 1 enabled, 2 RFC 2317. */
  rdnsMode: number;
  /** Whether MAAS DNS answers the subnet. */
  allowDns: boolean;
  /** Whether the MAAS proxy serves the subnet. */
  allowProxy: boolean;
  /** Whether MAAS probes the subnet for devices. */
  activeDiscovery: boolean;
  /** Boot architectures DHCP ignores on the subnet. */
  disabledBootArchitectures: string[];
}

/**
 * The networks and domains nodes are on: domains, VLANs and subnets (zones, pools and tags are
 * sections of the state of their own).
 *
 * @example
 * ```ts
 * import { defaultSite } from "./inventory.ts";
 * const site = defaultSite();
 * console.log(site.vlans.map((vlan) => vlan.vid));
 * ```
 */
export interface Site {
  /** DNS domains; the first default one takes new machines. */
  domains: SimDomain[];
  /** VLANs of every fabric. */
  vlans: SimVlan[];
  /** Subnets. */
  subnets: SimSubnet[];
}

/**
 * The simulator's standard site: a default domain and one more, and two fabrics with three VLANs
 * and their subnets.
 *
 * @example
 * ```ts
 * import { defaultSite } from "./inventory.ts";
 * console.log(defaultSite().domains[0].name); // "maas"
 * ```
 */
export function defaultSite(): Site {
  return {
    domains: [
      { id: 0, name: "maas", ttl: null, authoritative: true, isDefault: true },
      { id: 1, name: "lab.example.com", ttl: 300, authoritative: true, isDefault: false },
    ],
    vlans: [
      {
        id: 5001,
        name: "untagged",
        vid: 0,
        fabricId: 0,
        fabric: "fabric-0",
        mtu: 1500,
        dhcpOn: true,
        space: "management",
        description: "",
        primaryRack: "4y3h7n",
        secondaryRack: null,
        relayVlanId: null,
        externalDhcp: null,
      },
      {
        id: 5002,
        name: "storage",
        vid: 100,
        fabricId: 0,
        fabric: "fabric-0",
        mtu: 9000,
        dhcpOn: false,
        space: "storage",
        description: "",
        primaryRack: null,
        secondaryRack: null,
        relayVlanId: null,
        externalDhcp: null,
      },
      {
        id: 5003,
        name: "untagged",
        vid: 0,
        fabricId: 1,
        fabric: "fabric-1",
        mtu: 1500,
        dhcpOn: false,
        space: "undefined",
        description: "",
        primaryRack: null,
        secondaryRack: null,
        relayVlanId: null,
        externalDhcp: null,
      },
    ],
    subnets: [
      {
        id: 1,
        name: "10.20.0.0/20",
        cidr: "10.20.0.0/20",
        vlanId: 5001,
        gatewayIp: "10.20.0.1",
        dnsServers: ["10.20.0.2"],
        managed: true,
        description: "",
        rdnsMode: 2,
        allowDns: true,
        allowProxy: true,
        activeDiscovery: false,
        disabledBootArchitectures: [],
      },
      {
        id: 2,
        name: "10.100.0.0/22",
        cidr: "10.100.0.0/22",
        vlanId: 5002,
        gatewayIp: null,
        dnsServers: [],
        managed: true,
        description: "",
        rdnsMode: 2,
        allowDns: true,
        allowProxy: true,
        activeDiscovery: false,
        disabledBootArchitectures: [],
      },
      {
        id: 3,
        name: "192.168.50.0/24",
        cidr: "192.168.50.0/24",
        vlanId: 5003,
        gatewayIp: "192.168.50.254",
        dnsServers: [],
        managed: false,
        description: "",
        rdnsMode: 2,
        allowDns: true,
        allowProxy: true,
        activeDiscovery: false,
        disabledBootArchitectures: [],
      },
    ],
  };
}

/**
 * The domain new nodes get: the default one.
 *
 * @example
 * ```ts
 * import { defaultDomain, defaultSite } from "./inventory.ts";
 * console.log(defaultDomain(defaultSite()).name); // "maas"
 * ```
 */
export function defaultDomain(site: Site): SimDomain {
  return site.domains.find((domain) => domain.isDefault) ?? site.domains[0];
}

/**
 * Hands out database ids per kind of object, so that ids stay unique across the generator and
 * objects created later through the API.
 *
 * @example
 * ```ts
 * import type { NextId } from "./inventory.ts";
 * let last = 0;
 * const nextId: NextId = () => ++last;
 * ```
 */
export type NextId = (
  kind: "interface" | "link" | "blockdevice" | "partition" | "result",
) => number;

const ADJECTIVES = (
  "able amber bold brave bright calm civil clear clever cosmic crisp daring eager early " +
  "exact fair famous fast fine frank gentle glad grand handy happy hardy honest humble " +
  "ideal keen kind lively loyal lucid mellow merry modest neat nimble noble polite proper " +
  "quick quiet rapid ready rich robust royal sharp shiny smart solid steady sunny swift " +
  "tidy upbeat valid vivid warm wise witty zesty"
).split(" ");
const NOUNS = (
  "badger beetle bison bobcat condor cougar coyote crane cricket dingo dolphin eagle egret " +
  "falcon ferret finch gannet gazelle gecko gibbon heron hornet husky ibex impala jackal " +
  "jaguar kestrel koala lemur lizard llama lynx magpie marmot marten moose narwhal newt " +
  "ocelot osprey otter panda parrot pelican puffin quail rabbit raven salmon shrew skink " +
  "sloth spider stork tapir tern toucan trout walrus weasel wombat yak zebra"
).split(" ");

const STATUS_MIX: readonly (readonly [number, number])[] = [
  [NodeStatus.READY, 33],
  [NodeStatus.DEPLOYED, 30],
  [NodeStatus.ALLOCATED, 7],
  [NodeStatus.NEW, 5],
  [NodeStatus.COMMISSIONING, 3],
  [NodeStatus.TESTING, 2],
  [NodeStatus.DEPLOYING, 3],
  [NodeStatus.FAILED_COMMISSIONING, 2],
  [NodeStatus.FAILED_DEPLOYMENT, 3],
  [NodeStatus.FAILED_TESTING, 2],
  [NodeStatus.BROKEN, 3],
  [NodeStatus.RELEASING, 2],
  [NodeStatus.DISK_ERASING, 1],
  [NodeStatus.RESCUE_MODE, 1],
  [NodeStatus.RETIRED, 1],
  [NodeStatus.MISSING, 1],
];

const POWER_MIX: readonly (readonly [string, number])[] = [
  ["ipmi", 50],
  ["redfish", 20],
  ["virsh", 12],
  ["lxd", 12],
  ["manual", 6],
];

const RELEASES: Record<string, string> = { noble: "24.04", jammy: "22.04", focal: "20.04" };

const OWNED = new Set<number>([
  NodeStatus.ALLOCATED,
  NodeStatus.DEPLOYING,
  NodeStatus.DEPLOYED,
  NodeStatus.FAILED_DEPLOYMENT,
  NodeStatus.RELEASING,
  NodeStatus.DISK_ERASING,
  NodeStatus.RESCUE_MODE,
]);

const HARDWARE = [
  {
    vendor: "Dell Inc.",
    product: "PowerEdge R650",
    board: "0PYXKY",
    cpu: "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
    speed: 2000,
    nic: ["Broadcom Inc. and subsidiaries", "NetXtreme BCM5720 Gigabit Ethernet PCIe"],
  },
  {
    vendor: "HPE",
    product: "ProLiant DL380 Gen10 Plus",
    board: "ProLiant DL380 Gen10 Plus",
    cpu: "Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz",
    speed: 2400,
    nic: ["Intel Corporation", "Ethernet Controller E810-XXV for SFP"],
  },
  {
    vendor: "Supermicro",
    product: "AS -1124US-TNRP",
    board: "H12DSU-iN",
    cpu: "AMD EPYC 7543 32-Core Processor",
    speed: 2800,
    nic: ["Mellanox Technologies", "MT27800 Family [ConnectX-5]"],
  },
  {
    vendor: "Lenovo",
    product: "ThinkSystem SR630 V2",
    board: "7Z71CTO1WW",
    cpu: "Intel(R) Xeon(R) Gold 5318Y CPU @ 2.10GHz",
    speed: 2100,
    nic: ["Intel Corporation", "Ethernet Controller X710 for 10GbE SFP+"],
  },
  {
    vendor: "Ampere",
    product: "Mt.Collins",
    board: "Mt.Collins",
    cpu: "Ampere(R) Altra(R) Processor Q80-30",
    speed: 3000,
    nic: ["Mellanox Technologies", "MT2892 Family [ConnectX-6 Dx]"],
  },
] as const;

/**
 * Generate `count` machines on `site`, the same ones for the same seed: varied statuses, owners,
 * zones and pools (of `placement`), tags (of `tags`), two to four NICs (sometimes bonded), one to
 * three disks with partitions on the boot disk, about 12 KB of JSON each.
 *
 * @example
 * ```ts
 * import { generateMachines } from "./inventory.ts";
 * const machines = generateMachines(100, 7);
 * console.log(machines[0].data.hostname, machines.length); // same name for seed 7, 100
 * ```
 */
export function generateMachines(
  count: number,
  seed = 1,
  options: {
    site?: Site;
    placement?: PlacementSection;
    tags?: TagsSection;
    nextId?: NextId;
    owner?: string;
    storage?: StorageSection;
    interfaces?: InterfacesSection;
  } = {},
): SimMachine[] {
  const site = options.site ?? defaultSite();
  const placement = options.placement ?? PlacementSection.standard();
  const zones = [...placement.zones.values()];
  const pools = [...placement.pools.values()];
  const tagIds = [...(options.tags ?? TagsSection.standard()).values()].map((tag) => tag.id);
  const nextId = options.nextId ?? counterIds();
  const storage = options.storage ?? new StorageSection(nextId as (kind: string) => number);
  const interfaces = options.interfaces ?? new InterfacesSection();
  const owner = options.owner ?? "admin";
  const random = new SeededRandom(seed);
  const systemIds = new Set<string>();
  const hostnames = new Set<string>();
  const machines: SimMachine[] = [];
  for (let index = 0; index < count; index++) {
    let systemId = random.string("abcdefghijklmnopqrstuvwxyz0123456789", 6);
    while (systemIds.has(systemId)) {
      systemId = random.string("abcdefghijklmnopqrstuvwxyz0123456789", 6);
    }
    systemIds.add(systemId);
    let hostname = `${random.pick(ADJECTIVES)}-${random.pick(NOUNS)}`;
    if (hostnames.has(hostname)) hostname = `${hostname}-${index}`;
    hostnames.add(hostname);
    const status = random.weighted(STATUS_MIX);
    const machine = blankMachine({
      systemId,
      hostname,
      site,
      nextId,
      zoneId: placement.defaultZoneId,
      poolId: placement.defaultPool.id,
      architecture: random.chance(0.85) ? "amd64/generic" : "arm64/generic",
      powerType: random.weighted(POWER_MIX),
      macs: [],
      interfaces,
    });
    const data = machine.data;
    machine.powerParameters = powerParameters(data.power_type, hostname, index, random);
    const nics = random.int(2, 4);
    for (let n = 0; n < nics; n++) {
      addPhysicalInterface(
        interfaces.of(systemId),
        systemId,
        macFor(seed, index, n),
        nextId,
        random,
      );
    }
    // A New machine has not been commissioned, so MAAS knows nothing of its hardware yet.
    if (status !== NodeStatus.NEW) {
      fillHardware(machine, site, nextId, random, {
        bond: random.chance(0.2),
        storage,
        interfaces,
      });
    }
    machine.zoneId = random.weighted(zones.map((zone, i) => [zone, i === 0 ? 4 : 2])).id;
    machine.poolId = random.weighted(pools.map((pool, i) => [pool, i === 0 ? 5 : 2])).id;
    machine.tagIds = random.sample(tagIds, random.weighted([[0, 3], [1, 4], [2, 3], [3, 1]]));
    if (random.chance(0.1)) machine.domainId = (site.domains[1] ?? site.domains[0]).id;
    setStatus(machine, status);
    if (OWNED.has(status)) {
      data.owner = owner;
      if (random.chance(0.4)) machine.agentName = random.pick(["juju", "terraform", "ci-runner"]);
    }
    if (status === NodeStatus.DEPLOYED || status === NodeStatus.DEPLOYING) {
      data.osystem = "ubuntu";
      data.distro_series = random.weighted([["noble", 6], ["jammy", 3], ["focal", 1]]);
      data.hwe_kernel = `ga-${RELEASES[data.distro_series as string]}`;
      data.netboot = status !== NodeStatus.DEPLOYED;
      data.power_state = "on";
      data.locked = random.chance(0.05);
      if (random.chance(0.5)) {
        const annotations = {
          team: random.pick(["web", "data", "ml", "infra"]),
          ticket: `OPS-${random.int(100, 999)}`,
        };
        data.workload_annotations = annotations;
      }
      assignAddresses(interfaces.of(systemId), site, random);
    } else {
      data.power_state = status === NodeStatus.NEW || status === NodeStatus.MISSING
        ? "unknown"
        : random.weighted([["off", 9], ["unknown", 1]]);
    }
    if (status === NodeStatus.BROKEN) data.error_description = "Replaced PSU pending";
    data.description = random.chance(0.1) ? "Spare capacity, ask infra before use" : "";
    machines.push(machine);
  }
  return machines;
}

/**
 * A node's own fields with nothing known yet: what every kind starts from (the fields a kind
 * does not render keep these values and are never shown).
 *
 * @example
 * ```ts
 * import { blankNodeData } from "./inventory.ts";
 * const data = blankNodeData("abc123", "n1");
 * console.log(data.status_name); // "New"
 * ```
 */
export function blankNodeData(systemId: string, hostname: string): NodeData {
  return {
    system_id: systemId,
    hostname,
    description: "",
    hardware_uuid: null,
    node_type: 0,
    owner: null,
    locked: false,
    bios_boot_method: null,
    architecture: "",
    min_hwe_kernel: "",
    hwe_kernel: null,
    cpu_count: 0,
    cpu_speed: 0,
    memory: 0,
    swap_size: null,
    status: NodeStatus.NEW,
    status_name: STATUS_NAMES[NodeStatus.NEW],
    status_action: "",
    status_message: "",
    osystem: "",
    distro_series: "",
    ephemeral_deploy: false,
    error_description: "",
    netboot: true,
    power_type: "",
    power_state: "unknown",
    address_ttl: null,
    disable_ipv4: false,
    parent: null,
    pod: null,
    virtualmachine_id: null,
    current_commissioning_result_id: null,
    current_testing_result_id: null,
    current_installation_result_id: null,
    commissioning_status: -1,
    testing_status: -1,
    cpu_test_status: -1,
    memory_test_status: -1,
    network_test_status: -1,
    storage_test_status: -1,
    other_test_status: -1,
    interface_test_status: -1,
    hardware_info: { ...UNKNOWN_HARDWARE },
    numanode_set: [],
    workload_annotations: {},
    last_sync: null,
    sync_interval: null,
    next_sync: null,
    enable_hw_sync: false,
    enable_kernel_crash_dump: false,
    is_dpu: false,
    version: "",
  };
}

const HARDWARE_INFO_FIELDS = [
  "system_vendor",
  "system_product",
  "system_family",
  "system_version",
  "system_sku",
  "system_serial",
  "cpu_model",
  "mainboard_vendor",
  "mainboard_product",
  "mainboard_serial",
  "mainboard_version",
  "mainboard_firmware_vendor",
  "mainboard_firmware_date",
  "mainboard_firmware_version",
  "chassis_vendor",
  "chassis_type",
  "chassis_serial",
  "chassis_version",
];
const UNKNOWN_HARDWARE: Readonly<Record<string, string>> = Object.fromEntries(
  HARDWARE_INFO_FIELDS.map((field) => [field, "Unknown"]),
);

/**
 * A machine as it exists right after `POST machines/`: interfaces for the given MACs, no hardware
 * known yet, status New. Used by the API and by the generator.
 *
 * @example
 * ```ts
 * import { blankMachine, defaultSite } from "./inventory.ts";
 * import { InterfacesSection } from "./families/interfaces/model.ts";
 * let id = 0;
 * const machine = blankMachine({
 *   systemId: "abc123", hostname: "new-node", site: defaultSite(), nextId: () => ++id,
 *   zoneId: 1, poolId: 0, architecture: "amd64/generic", powerType: "manual",
 *   macs: ["52:54:00:00:00:01"], interfaces: new InterfacesSection(),
 * });
 * console.log(machine.data.status_name); // "New"
 * ```
 */
export function blankMachine(spec: {
  systemId: string;
  hostname: string;
  site: Site;
  nextId: NextId;
  zoneId: number;
  poolId: number;
  architecture: string;
  powerType: string;
  macs: string[];
  interfaces: InterfacesSection;
  domain?: SimDomain;
  powerParameters?: Record<string, string>;
  description?: string;
}): SimMachine {
  const domain = spec.domain ?? defaultDomain(spec.site);
  const data: NodeData = {
    ...blankNodeData(spec.systemId, spec.hostname),
    description: spec.description ?? "",
    architecture: spec.architecture,
    power_type: spec.powerType,
    status: NodeStatus.NEW,
    status_name: STATUS_NAMES[NodeStatus.NEW],
    numanode_set: [{ index: 0, cores: [], memory: 0, hugepages_set: [] }],
  };
  const machine: SimMachine = {
    data,
    domainId: domain.id,
    zoneId: spec.zoneId,
    poolId: spec.poolId,
    tagIds: [],
    agentName: "",
    powerParameters: { ...(spec.powerParameters ?? {}) },
  };
  const interfaces = spec.interfaces.of(spec.systemId);
  for (const mac of spec.macs) {
    addPhysicalInterface(interfaces, spec.systemId, mac, spec.nextId, null);
  }
  return machine;
}

/**
 * Set a machine's status with the fields that follow it (`status_name`, `status_message`, and the
 * script results once it has been commissioned).
 *
 * @example
 * ```ts
 * import { generateMachines, NodeStatus, setStatus } from "./inventory.ts";
 * const [machine] = generateMachines(1);
 * setStatus(machine, NodeStatus.BROKEN, "Marked broken");
 * console.log(machine.data.status_name); // "Broken"
 * ```
 */
export function setStatus(machine: SimMachine, status: number, message?: string): void {
  const data = machine.data;
  data.status = status;
  data.status_name = STATUS_NAMES[status] ?? "Unknown";
  data.status_message = message ?? STATUS_MESSAGES[status] ?? data.status_name;
  if (status === NodeStatus.NEW || status === NodeStatus.COMMISSIONING) return;
  const commissioning = status === NodeStatus.FAILED_COMMISSIONING ? 3 : 2;
  const testing = status === NodeStatus.FAILED_TESTING ? 3 : status === NodeStatus.TESTING ? 1 : 2;
  data.commissioning_status = commissioning;
  data.testing_status = testing;
  data.cpu_test_status = testing === 1 ? 1 : 2;
  data.memory_test_status = testing === 1 ? 1 : 2;
  data.network_test_status = -1;
  data.storage_test_status = testing;
  data.other_test_status = -1;
  data.interface_test_status = -1;
}

const STATUS_MESSAGES: Record<number, string> = {
  [NodeStatus.NEW]: "",
  [NodeStatus.COMMISSIONING]: "Commissioning",
  [NodeStatus.FAILED_COMMISSIONING]: "Failed commissioning: 50-maas-01-commissioning failed",
  [NodeStatus.READY]: "Ready",
  [NodeStatus.DEPLOYED]: "Deployed",
  [NodeStatus.DEPLOYING]: "Installing OS",
  [NodeStatus.ALLOCATED]: "Allocated",
  [NodeStatus.FAILED_DEPLOYMENT]:
    "Failed deployment: Installation failed (refer to the installation log for more information).",
  [NodeStatus.TESTING]: "Running test: smartctl-validate on sda",
  [NodeStatus.FAILED_TESTING]: "Failed testing: smartctl-validate failed",
  [NodeStatus.RELEASING]: "Releasing",
  [NodeStatus.DISK_ERASING]: "Erasing disks",
  [NodeStatus.RESCUE_MODE]: "Rescue mode",
  [NodeStatus.BROKEN]: "Marked broken",
  [NodeStatus.MISSING]: "Power state queried: unknown",
  [NodeStatus.RETIRED]: "Retired",
};

/**
 * Give a machine what commissioning discovers: CPU, memory, NUMA, hardware info, its NICs' VLANs
 * and links (in `interfaces`), disks with a flat storage layout (EFI + root on the boot disk, in
 * `storage`), and a bond of the first two NICs when asked.
 *
 * @example
 * ```ts
 * import { blankMachine, defaultSite, fillHardware } from "./inventory.ts";
 * import { InterfacesSection } from "./families/interfaces/model.ts";
 * import { StorageSection } from "./families/storage/model.ts";
 * import { SeededRandom } from "./random.ts";
 * let id = 0;
 * const site = defaultSite();
 * const random = new SeededRandom(3);
 * const nextId = () => ++id;
 * const storage = new StorageSection(nextId);
 * const interfaces = new InterfacesSection();
 * const machine = blankMachine({
 *   systemId: "abc123", hostname: "n1", site, nextId, zoneId: 1, poolId: 0,
 *   architecture: "amd64/generic", powerType: "manual", macs: ["52:54:00:00:00:01"], interfaces,
 * });
 * fillHardware(machine, site, nextId, random, { storage, interfaces });
 * console.log(Number(machine.data.cpu_count) > 0, storage.of("abc123").devices.size > 0); // true true
 * ```
 */
export function fillHardware(
  machine: SimMachine,
  site: Site,
  nextId: NextId,
  random: SeededRandom,
  options: { bond?: boolean; storage: StorageSection; interfaces: InterfacesSection },
): void {
  const data = machine.data;
  const systemId = data.system_id;
  const arm = data.architecture.startsWith("arm64");
  const hardware = arm ? HARDWARE[4] : random.pick(HARDWARE.slice(0, 4));
  const sockets = random.chance(0.7) ? 2 : 1;
  const cpuCount = random.pick([8, 16, 24, 32, 48, 64]) * sockets;
  const memory = random.pick([32768, 65536, 131072, 262144, 524288]);
  data.cpu_count = cpuCount;
  data.cpu_speed = hardware.speed;
  data.memory = memory;
  data.hardware_uuid = random.uuid();
  data.bios_boot_method = random.chance(0.85) ? "uefi" : "pxe";
  const serial = random.string("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 7);
  data.hardware_info = {
    system_vendor: hardware.vendor,
    system_product: hardware.product,
    system_family: hardware.product.split(" ")[0],
    system_version: "Not Specified",
    system_sku: `SKU=${random.string("0123456789ABCDEF", 4)};ModelName=${hardware.product}`,
    system_serial: serial,
    cpu_model: hardware.cpu,
    mainboard_vendor: hardware.vendor,
    mainboard_product: hardware.board,
    mainboard_serial: `.${serial}.CNFCP00${random.int(10, 99)}.`,
    mainboard_version: `A0${random.int(0, 9)}`,
    mainboard_firmware_vendor: hardware.vendor,
    mainboard_firmware_date: `0${random.int(1, 9)}/${random.int(10, 28)}/202${random.int(2, 5)}`,
    mainboard_firmware_version: `${random.int(1, 2)}.${random.int(0, 19)}.${random.int(0, 9)}`,
    chassis_vendor: hardware.vendor,
    chassis_type: "Rack Mount Chassis",
    chassis_serial: serial,
    chassis_version: "Not Specified",
  };
  const perNode = cpuCount / sockets;
  data.numanode_set = Array.from({ length: sockets }, (_, index) => ({
    index,
    cores: Array.from({ length: perNode }, (_, core) => index * perNode + core),
    memory: memory / sockets,
    hugepages_set: [],
  }));
  data.current_commissioning_result_id = nextId("result");
  data.current_testing_result_id = nextId("result");

  const set = options.interfaces.of(systemId);
  const interfaces = set.list;
  for (const nic of interfaces) {
    nic.vendor = hardware.nic[0];
    nic.product = hardware.nic[1];
    nic.firmwareVersion = `${random.int(14, 22)}.${random.int(0, 35)}.${random.int(1000, 9999)}`;
  }
  const management = site.vlans[0];
  if (interfaces.length > 0) {
    interfaces[0].vlanId = management.id;
    interfaces[0].links = [];
  }
  if (options.bond && interfaces.length >= 2) {
    const [first, second] = interfaces;
    second.vlanId = management.id;
    interfaces.push(blankInterface({
      id: nextId("interface"),
      systemId,
      type: "bond",
      name: "bond0",
      macAddress: first.macAddress,
      vlanId: management.id,
      parentIds: [first.id, second.id],
      params: {
        bond_mode: "802.3ad",
        bond_miimon: 100,
        bond_downdelay: 0,
        bond_updelay: 0,
        bond_lacp_rate: "fast",
        bond_xmit_hash_policy: "layer3+4",
      },
      interfaceSpeed: 2 * first.interfaceSpeed,
      linkSpeed: 2 * first.interfaceSpeed,
      numaNode: 0,
    }));
  }
  const link = (vlanId: number, mode: SimLinkMode): SimLink[] => {
    const subnet = site.subnets.find((candidate) => candidate.vlanId === vlanId);
    return subnet ? [{ id: nextId("link"), mode, subnetId: subnet.id, ipAddress: null }] : [];
  };
  const primary = interfaces.find((nic) => nic.type === "bond") ?? interfaces[0];
  if (primary) primary.links = link(management.id, "auto");
  const storageVlan = site.vlans.find((vlan) => vlan.vid !== 0);
  const spare = interfaces.find((nic) =>
    nic.type === "physical" && nic !== interfaces[0] &&
    !interfaces.some((other) => other.parentIds.includes(nic.id))
  );
  if (spare && storageVlan) {
    spare.vlanId = storageVlan.id;
    spare.links = link(storageVlan.id, "link_up");
  }
  set.bootId = interfaces[0]?.id ?? null;

  seedDisks(options.storage.of(systemId), hostOf(machine), random);
}

/**
 * Add a physical NIC with `mac` to a node's interfaces (unconnected until commissioning finds its
 * VLAN).
 *
 * @example
 * ```ts
 * import { addPhysicalInterface } from "./inventory.ts";
 * import { InterfacesSection } from "./families/interfaces/model.ts";
 * const set = new InterfacesSection().of("abc123");
 * addPhysicalInterface(set, "abc123", "52:54:00:aa:bb:cc", () => 999, null);
 * console.log(set.list[0].name); // "eno1"
 * ```
 */
export function addPhysicalInterface(
  set: NodeInterfaceSet,
  systemId: string,
  mac: string,
  nextId: NextId,
  random: SeededRandom | null,
): SimInterface {
  const physical = set.list.filter((nic) => nic.type === "physical").length;
  const speed = random ? random.pick([1000, 10000, 25000]) : 0;
  const nic = blankInterface({
    id: nextId("interface"),
    systemId,
    type: "physical",
    name: random && random.chance(0.5) ? `enp${physical + 1}s0f0` : `eno${physical + 1}`,
    macAddress: mac,
    interfaceSpeed: speed,
    linkSpeed: speed,
    numaNode: 0,
  });
  set.list.push(nic);
  return nic;
}

/** A deployed machine's addresses: one on each link, the first gateway its default. */
function assignAddresses(set: NodeInterfaceSet, site: Site, random: SeededRandom): void {
  let first = true;
  for (const nic of set.list) {
    for (const link of nic.links) {
      const subnet = site.subnets.find((candidate) => candidate.id === link.subnetId);
      if (!subnet) continue;
      const [network] = subnet.cidr.split("/");
      const octets = network.split(".").map(Number);
      link.mode = "auto";
      link.ipAddress = `${octets[0]}.${octets[1]}.${octets[2] + random.int(0, 3)}.${
        random.int(10, 250)
      }`;
      if (subnet.gatewayIp && first) set.gateways = { ipv4: link.id, ipv6: null };
      first = false;
    }
  }
}

function powerParameters(
  powerType: string,
  hostname: string,
  index: number,
  random: SeededRandom,
): Record<string, string> {
  const bmc = `10.30.${(index >> 8) & 0xff}.${index & 0xff}`;
  const password = random.string("abcdefghjkmnpqrstuvwxyz23456789", 12);
  switch (powerType) {
    case "ipmi":
      return {
        power_address: bmc,
        power_user: "maas",
        power_pass: password,
        power_driver: "LAN_2_0",
      };
    case "redfish":
      return { power_address: bmc, power_user: "maas", power_pass: password, node_id: "1" };
    case "virsh":
      return { power_address: "qemu+ssh://virsh@10.30.255.1/system", power_id: hostname };
    case "lxd":
      return {
        power_address: "https://10.30.255.2:8443",
        instance_name: hostname,
        project: "maas",
      };
    default:
      return {};
  }
}

function macFor(seed: number, machine: number, nic: number): string {
  const serial = (machine * 4 + nic) & 0xffffff;
  const bytes = [
    0x0c,
    0xc4,
    (seed * 37 + 0x7a) & 0xff,
    serial >> 16,
    (serial >> 8) & 0xff,
    serial & 0xff,
  ];
  return bytes.map((byte) => byte.toString(16).padStart(2, "0")).join(":");
}

function counterIds(): NextId {
  const last = new Map<string, number>();
  return (kind) => {
    const next = (last.get(kind) ?? 0) + 1;
    last.set(kind, next);
    return next;
  };
}

/**
 * The fields MAAS shows to anonymous callers (an unsigned `POST machines/` answers these).
 *
 * @example
 * ```ts
 * import { anonymousView, generateMachines } from "./inventory.ts";
 * const [machine] = generateMachines(1);
 * console.log(Object.keys(anonymousView(machine.data)).includes("owner")); // false
 * ```
 */
export function anonymousView(rendered: Record<string, unknown>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (
    const field of [
      "system_id",
      "hostname",
      "domain",
      "fqdn",
      "architecture",
      "status",
      "power_type",
      "power_state",
      "zone",
      "status_action",
      "status_message",
      "status_name",
      "node_type",
      "resource_uri",
    ]
  ) view[field] = rendered[field];
  return view;
}

/**
 * Node type names, index = `node_type`.
 *
 * @example
 * ```ts
 * import { NODE_TYPE_NAMES } from "./inventory.ts";
 * console.log(NODE_TYPE_NAMES[4]); // "Region and rack controller"
 * ```
 */
export const NODE_TYPE_NAMES: readonly string[] = [
  "Machine",
  "Device",
  "Rack controller",
  "Region controller",
  "Region and rack controller",
];

/**
 * What a new controller is made in: the site, its zone and pool, the ids, and the interfaces
 * section its NIC goes in.
 *
 * @example
 * ```ts
 * import { type ControllerWorld, defaultSite } from "./inventory.ts";
 * import { InterfacesSection } from "./families/interfaces/model.ts";
 * let id = 0;
 * const world: ControllerWorld = {
 *   site: defaultSite(), zoneId: 1, poolId: 0, nextId: () => ++id,
 *   interfaces: new InterfacesSection(),
 * };
 * ```
 */
export interface ControllerWorld {
  /** The site. */
  site: Site;
  /** The zone's id. */
  zoneId: number;
  /** The resource pool's id. */
  poolId: number;
  /** Hands out ids. */
  nextId: NextId;
  /** Where the controller's interfaces go. */
  interfaces: InterfacesSection;
}

/**
 * A controller as it registers itself with the region: one NIC with a static address on the
 * management VLAN, deployed with Ubuntu, rack services when it runs a rack (`nodeType` 2 or 4).
 * Its `version` is left empty: it runs the MAAS the simulator is, which renders it.
 *
 * @example
 * ```ts
 * import { defaultSite, makeController } from "./inventory.ts";
 * import { InterfacesSection } from "./families/interfaces/model.ts";
 * let id = 0;
 * const rack = makeController(
 *   { site: defaultSite(), zoneId: 1, poolId: 0, nextId: () => ++id, interfaces: new InterfacesSection() },
 *   { systemId: "r4ck01", hostname: "rack-9", nodeType: 2, mac: "0c:c4:7a:00:00:09", ip: "10.20.0.9" },
 * );
 * console.log(rack.services.length > 0); // true
 * ```
 */
export function makeController(
  world: ControllerWorld,
  spec: { systemId: string; hostname: string; nodeType: number; mac: string; ip: string },
): SimController {
  const { systemId, hostname, nodeType, mac, ip } = spec;
  const site = world.site;
  // The second rack is a server with a BMC; the region runs on a machine MAAS cannot power.
  const bmc = nodeType === 2;
  const data: NodeData = {
    ...blankNodeData(systemId, hostname),
    node_type: nodeType,
    status: NodeStatus.DEPLOYED,
    status_name: STATUS_NAMES[NodeStatus.DEPLOYED],
    architecture: "amd64/generic",
    cpu_count: 8,
    cpu_speed: 2400,
    memory: 32768,
    osystem: "ubuntu",
    distro_series: "noble",
    power_type: bmc ? "ipmi" : "manual",
    power_state: "on",
    commissioning_status: 2,
    testing_status: 2,
    storage_test_status: 2,
    hardware_info: {
      ...UNKNOWN_HARDWARE,
      system_vendor: "Dell Inc.",
      system_product: "PowerEdge R350",
      system_family: "PowerEdge",
      system_serial: `SN${systemId.toUpperCase()}`,
      cpu_model: "Intel(R) Xeon(R) E-2378 CPU @ 2.60GHz",
      mainboard_vendor: "Dell Inc.",
      mainboard_product: "0R7RF8",
      mainboard_firmware_vendor: "Dell Inc.",
      mainboard_firmware_date: "06/15/2023",
      mainboard_firmware_version: "1.9.2",
      chassis_vendor: "Dell Inc.",
      chassis_type: "Rack Mount Chassis",
    },
  };
  const services: SimService[] = nodeType === 3 ? [] : [
    { name: "rackd", status: "running", info: "" },
    { name: "dhcpd", status: nodeType === 4 ? "running" : "off", info: "" },
    { name: "dhcpd6", status: "off", info: "" },
    { name: "tftp", status: "running", info: "" },
    { name: "http", status: "running", info: "" },
    { name: "ntp_rack", status: "running", info: "" },
    { name: "dns_rack", status: "running", info: "" },
    { name: "syslog_rack", status: "running", info: "" },
  ];
  const controller: SimController = {
    data,
    domainId: defaultDomain(site).id,
    zoneId: world.zoneId,
    poolId: world.poolId,
    tagIds: [],
    agentName: "",
    powerParameters: bmc
      ? {
        power_driver: "LAN_2_0",
        power_address: "10.20.0.250",
        power_user: "maas",
        power_pass: "maas",
      }
      : {},
    status: NodeStatus.DEPLOYED,
    services,
  };
  const nic = addPhysicalInterface(
    world.interfaces.of(systemId),
    systemId,
    mac,
    world.nextId,
    null,
  );
  const vlan = site.vlans[0];
  const subnet = site.subnets.find((s) => s.vlanId === vlan.id);
  nic.vlanId = vlan.id;
  nic.links = subnet
    ? [{ id: world.nextId("link"), mode: "static", subnetId: subnet.id, ipAddress: ip }]
    : [];
  return controller;
}

/**
 * The site's controllers: one region-and-rack controller (`region-1`, `4y3h7n`, the primary rack
 * of the DHCP VLAN) and one more rack controller (`rack-2`, `rk9x2m`), in `zoneId`.
 *
 * @example
 * ```ts
 * import { defaultSite, generateControllers } from "./inventory.ts";
 * import { InterfacesSection } from "./families/interfaces/model.ts";
 * let id = 0;
 * const controllers = generateControllers({
 *   site: defaultSite(), zoneId: 1, poolId: 0, nextId: () => ++id,
 *   interfaces: new InterfacesSection(),
 * });
 * console.log(controllers.map((c) => c.data.hostname)); // ["region-1", "rack-2"]
 * ```
 */
export function generateControllers(
  world: ControllerWorld,
): SimController[] {
  return [
    makeController(world, {
      systemId: "4y3h7n",
      hostname: "region-1",
      nodeType: 4,
      mac: "0c:c4:7a:00:00:01",
      ip: "10.20.0.2",
    }),
    makeController(world, {
      systemId: "rk9x2m",
      hostname: "rack-2",
      nodeType: 2,
      mac: "0c:c4:7a:00:00:02",
      ip: "10.20.0.3",
    }),
  ];
}
