/**
 * Everything the simulator knows, as one typed model: one section per family, each holding that
 * family's records (see `families/<family>/model.ts`). Records refer to each other by id (a node's
 * zone, pool and tags; an SSH key's or a file's owner) and are rendered to MAAS's JSON on read, so
 * a change shows everywhere at once. Route families read and change the state; tests reach it
 * through `sim.state`.
 *
 * @module
 */

import { ConfigSection } from "./families/config/model.ts";
import { type BootSection, seedBootSection } from "./families/boot/model.ts";
import { DHCPSnippetsSection } from "./families/dhcp_snippets/model.ts";
import { DnsSection } from "./families/dns/model.ts";
import { EventsSection } from "./families/events/model.ts";
import { FilesSection } from "./families/files/model.ts";
import { LicenseKeysSection } from "./families/license_keys/model.ts";
import { NetworkingSection } from "./families/networking/model.ts";
import { InterfacesSection } from "./families/interfaces/model.ts";
import { DiscoveriesSection } from "./families/discoveries/model.ts";
import { NodesSection, type SimMachine } from "./families/nodes/model.ts";
import { NotificationsSection } from "./families/notifications/model.ts";
import { OidcProvidersSection } from "./families/oidc_providers/model.ts";
import { PackageRepositoriesSection } from "./families/package_repositories/model.ts";
import { PlacementSection } from "./families/placement/model.ts";
import { ScriptsSection } from "./families/scripts/model.ts";
import { TagsSection } from "./families/tags/model.ts";
import { StorageSection } from "./families/storage/model.ts";
import { UserGroupsSection } from "./families/user_groups/model.ts";
import { UsersSection } from "./families/users/model.ts";
import { VmHostsSection } from "./families/vmhosts/model.ts";
import { defaultSite, generateControllers, generateMachines, type Site } from "./inventory.ts";
import { DEFAULT_MAAS_LINE, MaasLine } from "./maas/lines.ts";
import { SeededRandom } from "./random.ts";

/**
 * Everything the simulator knows. Maps keep insertion order, which is MAAS's id order.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * await using sim = await MaasSimulator.start({ machines: 5 });
 * for (const machine of sim.state.machines.values()) console.log(machine.data.hostname);
 * console.log(sim.state.placement.zone(1).name, sim.state.users.get("admin")?.isSuperuser);
 * ```
 */
export class SimulatorState {
  /** The MAAS line whose fields every object is rendered with. */
  readonly line: MaasLine;
  /** Users, their API keys, SSH and SSL keys. */
  readonly users: UsersSection;
  /** Zones and resource pools. */
  readonly placement: PlacementSection;
  /** Tags. */
  readonly tags: TagsSection;
  /** The server's settings changed from MAAS's defaults. */
  readonly config: ConfigSection;
  /** The event log. */
  readonly events: EventsSection;
  /** Users' stored files. */
  readonly files: FilesSection;
  /** Notifications and who dismissed them. */
  readonly notifications: NotificationsSection;
  /** Package repositories. */
  readonly packageRepositories: PackageRepositoriesSection;
  /** License keys. */
  readonly licenseKeys: LicenseKeysSection;
  /** DHCP snippets and their revisions. */
  readonly dhcpSnippets: DHCPSnippetsSection;
  /** Scripts and their revisions (served at `scripts/` and `commissioning-scripts/`). */
  readonly scripts: ScriptsSection;
  /** User groups, their members and entitlements. */
  readonly userGroups: UserGroupsSection;
  /** OIDC providers. */
  readonly oidcProviders: OidcProvidersSection;
  /** Domains, VLANs and subnets. */
  readonly site: Site;
  /** Machines by system_id. */
  readonly machines: Map<string, SimMachine> = new Map();
  /** Devices and controllers. */
  readonly nodes: NodesSection;
  /** Fabrics, spaces, IP ranges, static routes, reserved IPs, fan networks, with the site's VLANs and subnets. */
  readonly networking: NetworkingSection;
  /** Every node's interfaces. */
  readonly interfaces: InterfacesSection = new InterfacesSection();
  /** Devices the rack controllers have seen on the network. */
  readonly discoveries: DiscoveriesSection;
  /** DNS resources and records. */
  readonly dns: DnsSection;
  /** Boot resources, sources and selections. */
  readonly boot: BootSection;
  /** Block devices, partitions, filesystems, volume groups, RAIDs, bcaches, cache sets, per node. */
  readonly storage: StorageSection;
  /** VM hosts, VM clusters and virtual machines. */
  readonly vmhosts: VmHostsSection;
  /** Seeded randomness for objects made after start (new machines' hardware, hostnames). */
  readonly random: SeededRandom;
  /** Hands out ids per kind (`user`, `sshkey`, `interface`, …), above those already used. */
  readonly nextId: (kind: string) => number;

  #timers = new Set<ReturnType<typeof setTimeout>>();
  #stopped = false;

  /** A state with the standard site and `machines` seeded machines, rendered as `line` renders. */
  constructor(options: { seed?: number; machines?: number; line?: MaasLine } = {}) {
    const seed = options.seed ?? 1;
    this.line = options.line ?? MaasLine.get(DEFAULT_MAAS_LINE);
    this.random = new SeededRandom(seed ^ 0x5bd1e995);
    const last = new Map<string, number>();
    this.nextId = (kind: string): number => {
      const next = (last.get(kind) ?? 0) + 1;
      last.set(kind, next);
      return next;
    };
    this.users = new UsersSection(this.nextId);
    this.placement = PlacementSection.standard();
    this.tags = TagsSection.standard();
    this.config = new ConfigSection();
    this.files = new FilesSection();
    this.notifications = NotificationsSection.seeded(() => this.nextId("notification"));
    this.packageRepositories = PackageRepositoriesSection.seeded(() => this.nextId("repository"));
    this.licenseKeys = new LicenseKeysSection();
    this.dhcpSnippets = new DHCPSnippetsSection(() => this.nextId("snippet"));
    this.scripts = ScriptsSection.seeded(
      () => this.nextId("script"),
      () => this.nextId("revision"),
    );
    this.userGroups = UserGroupsSection.seeded(() => this.nextId("usergroup"));
    this.oidcProviders = new OidcProvidersSection(() => this.nextId("oidcprovider"));
    this.site = defaultSite();
    this.storage = new StorageSection(this.nextId);
    const inventory = generateMachines(options.machines ?? 0, seed, {
      site: this.site,
      placement: this.placement,
      tags: this.tags,
      nextId: this.nextId,
      storage: this.storage,
      interfaces: this.interfaces,
    });
    for (const machine of inventory) this.machines.set(machine.data.system_id, machine);
    this.nodes = new NodesSection(generateControllers({
      site: this.site,
      zoneId: this.placement.defaultZoneId,
      poolId: this.placement.defaultPool.id,
      nextId: this.nextId,
      interfaces: this.interfaces,
    }));
    this.networking = new NetworkingSection(this.site);
    this.dns = new DnsSection();
    this.boot = seedBootSection(this.nextId);
    this.vmhosts = VmHostsSection.seeded({
      zoneId: this.placement.defaultZoneId,
      poolId: this.placement.defaultPool.id,
    });
    const known: { mac?: string; ip?: string } = {};
    for (const systemId of this.machines.keys()) {
      const nics = this.interfaces.of(systemId).list;
      known.mac ??= nics[0]?.macAddress ?? undefined;
      known.ip ??= nics.flatMap((nic) => nic.links).find((link) => link.ipAddress)?.ipAddress ??
        undefined;
      if (known.mac && known.ip) break;
    }
    this.discoveries = DiscoveriesSection.standard(this.site, known);
    this.events = new EventsSection({
      machines: () => this.machines.values(),
      node: (systemId) => this.node(systemId),
    });
  }

  /** The node of any kind (machine, device, controller) with this system id. */
  node(systemId: string): SimMachine | undefined {
    return this.machines.get(systemId) ?? this.nodes.devices.get(systemId) ??
      this.nodes.controllers.get(systemId);
  }

  /** Every node: machines, then devices, then controllers. */
  *everyNode(): IterableIterator<SimMachine> {
    yield* this.machines.values();
    yield* this.nodes.devices.values();
    yield* this.nodes.controllers.values();
  }

  /** Forget a node of any kind, with its interfaces and storage. */
  removeNode(systemId: string): void {
    this.machines.delete(systemId);
    this.nodes.devices.delete(systemId);
    this.nodes.controllers.delete(systemId);
    this.interfaces.drop(systemId);
    this.storage.drop(systemId);
  }

  /** A system_id no node has. */
  newSystemId(): string {
    let id: string;
    do id = this.random.string("abcdefghijklmnopqrstuvwxyz0123456789", 6); while (
      this.node(id)
    );
    return id;
  }

  /**
   * Run `task` after `ms` milliseconds unless the simulator closes first. Life-cycle steps use this
   * so that closing the simulator leaves no timer behind.
   */
  schedule(ms: number, task: () => void): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      task();
    }, ms);
    this.#timers.add(timer);
  }

  /** Cancel every scheduled task and refuse new ones (called by `MaasSimulator.close`). */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
