/**
 * Subnets (`subnets/`, `subnets/{id}/`, by id or specifier) and their reports: the ranges in use
 * and free, usage statistics, and the addresses in use with who uses them.
 *
 * @module
 */

import type { SimSubnet, SimVlan } from "../../inventory.ts";
import { booleanField, FormErrors, stringBool } from "../../maas_forms.ts";
import { deleted, json, ReplyError } from "../../reply.ts";
import type { AuthContext, RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import {
  contains,
  formatAddress,
  networkText,
  parseAddress,
  parseNetwork,
  usable,
} from "./addresses.ts";
import {
  findFabric,
  INVALID_CHOICE,
  INVALID_IP,
  requireGlobalEdit,
  sentInteger,
  subnetBySpecifier,
} from "./forms.ts";
import type { SimFabric } from "./model.ts";
import { subnetJson } from "./render.ts";
import {
  type Span,
  spanJson,
  spansFree,
  spansInUse,
  usedAddresses,
  USER_RESERVED,
} from "./usage.ts";
import { nodeFqdn } from "../nodes/render.ts";

const REQUIRED = "This field is required.";

// MAAS's boot method names (what `disabled_boot_architectures` takes).
const BOOT_ARCHITECTURES = new Set([
  "pxe",
  "uefi_amd64_tftp",
  "uefi_amd64_http",
  "uefi_ebc_tftp",
  "uefi_arm64_tftp",
  "uefi_arm64_http",
  "open-firmware_ppc64el",
  "powernv",
  "s390x",
  "s390x_partition",
  "ipxe",
  "windows",
]);

function checkAddressList(values: string[], field: string, errors: FormErrors): string[] {
  const addresses: string[] = [];
  for (const value of values) {
    for (const item of value.split(/[,\s]+/).filter((part) => part !== "")) {
      if (parseAddress(item)) addresses.push(item);
      else {
        errors.add(
          field,
          `Invalid IP address: ${item}; provide a list of space-separated IP addresses`,
        );
      }
    }
  }
  return addresses;
}

/** The VLAN SubnetForm picks from `vlan`, or from `fabric` and `vid` when no VLAN is given. */
function pickVlan(
  state: SimulatorState,
  data: AuthContext["data"],
  errors: FormErrors,
  creating: boolean,
): SimVlan | undefined {
  const networking = state.networking;
  const vlanGiven = (data.get("vlan") ?? "").trim();
  let vlan: SimVlan | undefined;
  if (vlanGiven !== "") {
    vlan = /^\d+$/.test(vlanGiven) ? networking.vlan(Number(vlanGiven)) : undefined;
    if (!vlan) errors.add("vlan", INVALID_CHOICE);
  }
  const fabricGiven = (data.get("fabric") ?? "").trim();
  let fabric: SimFabric | undefined;
  if (fabricGiven !== "") {
    fabric = findFabric(state, fabricGiven);
    if (!fabric) errors.add("fabric", INVALID_CHOICE);
  }
  const vid = sentInteger(data, "vid", errors, { min: 0, max: 4094 });
  if (errors.has("vlan") || errors.has("fabric") || errors.has("vid")) return undefined;
  if (!vlan && !fabric && (creating || vid)) {
    if (!vid) return networking.defaultVlanOf(0);
    vlan = networking.vlansOf(0).find((candidate) => candidate.vid === vid);
    if (!vlan) errors.add("vid", `No VLAN with vid ${vid} in default fabric.`);
  } else if (fabric && !vlan) {
    if (!vid) return networking.defaultVlanOf(fabric.id);
    vlan = networking.vlansOf(fabric.id).find((candidate) => candidate.vid === vid);
    if (!vlan) errors.add("vid", `No VLAN with vid ${vid} in fabric ${fabric.name}.`);
  } else if (fabric && vlan && vlan.fabricId !== fabric.id) {
    errors.add(
      "vlan",
      `VLAN ${vlan.fabric}.${vlan.name || vlan.vid} is not in fabric ${fabric.name}.`,
    );
  }
  return vlan;
}

/** SubnetForm: create (`current` null) or change a subnet; what an update leaves out stays. */
function saveSubnet(ctx: AuthContext, current: SimSubnet | null): SimSubnet {
  const { state, data } = ctx;
  const networking = state.networking;
  const errors = new FormErrors();
  if (data.has("space")) {
    errors.add(
      "space",
      "Spaces may no longer be set on subnets. Set the space on the underlying VLAN.",
    );
  }
  let cidr = current?.cidr;
  let network = cidr ? parseNetwork(cidr) : null;
  if (data.has("cidr") || !current) {
    const given = (data.get("cidr") ?? "").trim();
    const parsed = given === "" ? null : parseNetwork(given);
    if (given === "") errors.add("cidr", REQUIRED);
    else if (!parsed) errors.add("cidr", "Required format: <network>/<prefixlen>.");
    else if (parsed.bits === 0) errors.add("cidr", "Prefix length must be greater than 0.");
    else {
      network = parsed;
      cidr = networkText(parsed);
    }
  }
  const vlan = pickVlan(state, data, errors, current === null);
  if (!vlan && !current && !errors.has("vlan") && !errors.has("vid") && !errors.has("fabric")) {
    errors.add("vlan", REQUIRED);
  }
  let gatewayIp = current?.gatewayIp ?? null;
  if (data.has("gateway_ip")) {
    const given = (data.get("gateway_ip") ?? "").trim();
    if (given === "") gatewayIp = null;
    else if (!parseAddress(given)) errors.add("gateway_ip", INVALID_IP);
    else gatewayIp = given;
  }
  let dnsServers = current?.dnsServers ?? [];
  if (data.has("dns_servers")) {
    const values = data.getAll("dns_servers").filter((value) => value !== "");
    dnsServers = checkAddressList(values, "dns_servers", errors);
  }
  let rdnsMode = current?.rdnsMode ?? 2;
  if (data.has("rdns_mode") && data.get("rdns_mode") !== "") {
    const given = data.get("rdns_mode")!.trim();
    if (!["0", "1", "2"].includes(given)) {
      errors.add(
        "rdns_mode",
        `Select a valid choice. ${given} is not one of the available choices.`,
      );
    } else rdnsMode = Number(given);
  }
  let disabled = current?.disabledBootArchitectures ?? [];
  if (data.has("disabled_boot_architectures")) {
    disabled = [];
    const given = (data.get("disabled_boot_architectures") ?? "").split(/[,\s]+/).filter(Boolean);
    for (const arch of given) {
      if (BOOT_ARCHITECTURES.has(arch)) {
        if (!disabled.includes(arch)) disabled.push(arch);
      } else errors.add("disabled_boot_architectures", `Unknown boot architecture ${arch}`);
    }
  }
  errors.throwIfAny();

  // The model's checks: the gateway in the network, no overlap with other subnets.
  if (gatewayIp && network) {
    const gateway = parseAddress(gatewayIp)!;
    const linkLocal = gateway.version === 6 && (gateway.value >> 118n) === 0x3fan;
    if (!contains(network, gateway) && !(network.version === 6 && linkLocal)) {
      throw ReplyError.invalid({ gateway_ip: ["Gateway IP must be within CIDR range."] });
    }
  }
  if (network) {
    const overlapping = networking.subnets.some((subnet) => {
      if (subnet === current) return false;
      const other = parseNetwork(subnet.cidr);
      return other !== null && other.version === network!.version &&
        other.first <= network!.last && network!.first <= other.last;
    });
    if (overlapping) {
      throw ReplyError.invalid({
        __all__: [`Subnet ${cidr} would overlap with existing subnets.`],
      });
    }
  }

  const flag = (name: string, fallback: boolean) =>
    data.has(name) ? booleanField(data, name) : fallback;
  const name = (data.get("name") ?? "").trim();
  const previousCidr = current?.cidr;
  const subnet: SimSubnet = current ?? {
    id: networking.nextId("subnet"),
    name: "",
    cidr: cidr!,
    vlanId: vlan!.id,
    gatewayIp,
    dnsServers,
    managed: flag("managed", true),
    description: "",
    rdnsMode,
    allowDns: true,
    allowProxy: true,
    activeDiscovery: false,
    disabledBootArchitectures: [],
  };
  // An unnamed subnet is named after its CIDR, and keeps following it.
  if (data.has("name") && name !== "") subnet.name = name;
  else if (!current || data.has("name") || subnet.name === previousCidr) subnet.name = cidr!;
  subnet.cidr = cidr!;
  if (vlan) subnet.vlanId = vlan.id;
  subnet.gatewayIp = gatewayIp;
  subnet.dnsServers = dnsServers;
  if (current && data.has("managed")) subnet.managed = booleanField(data, "managed");
  if (data.has("description")) subnet.description = data.get("description") ?? "";
  subnet.rdnsMode = rdnsMode;
  subnet.allowDns = flag("allow_dns", subnet.allowDns);
  subnet.allowProxy = flag("allow_proxy", subnet.allowProxy);
  subnet.activeDiscovery = flag("active_discovery", subnet.activeDiscovery);
  subnet.disabledBootArchitectures = disabled;
  if (!current) networking.addSubnet(subnet);
  return subnet;
}

function deleteSubnet(ctx: AuthContext, subnet: SimSubnet): void {
  const { state } = ctx;
  const networking = state.networking;
  const force = stringBool(ctx.query, "force", false);
  const vlan = networking.vlan(subnet.vlanId);
  if (vlan?.dhcpOn && networking.rangesOf(subnet.id).some((range) => range.type === "dynamic")) {
    throw ReplyError.badRequest(
      "Cannot delete a subnet that is actively servicing a dynamic IP range. (Delete the " +
        "dynamic range or disable DHCP first.)",
    );
  }
  const inUse = usedAddresses(state, subnet).some((used) =>
    used.node !== null && used.allocType !== 5
  );
  if (inUse && !force) {
    throw ReplyError.badRequest(
      "Cannot delete a subnet that has IP addresses in use by nodes. (Use the 'force' " +
        "parameter to override.)",
    );
  }
  // The links to it go with it.
  for (const node of state.everyNode()) {
    for (const nic of state.interfaces.of(node.data.system_id).list) {
      nic.links = nic.links.filter((link) => link.subnetId !== subnet.id);
    }
  }
  networking.removeSubnet(subnet);
}

function statistics(ctx: AuthContext, subnet: SimSubnet): Record<string, unknown> {
  const network = parseNetwork(subnet.cidr)!;
  const used = spansInUse(ctx.state, subnet, network);
  const free = spansFree(used, network);
  const [low, high] = usable(network);
  const total = Number(high - low + 1n);
  const unavailable = used.reduce((sum, span) => sum + Number(span.end - span.start + 1n), 0);
  const usage = total === 0 ? 0 : unavailable / total;
  const stats: Record<string, unknown> = {
    num_available: total - unavailable,
    largest_available: free.reduce(
      (max, span) => Math.max(max, Number(span.end - span.start + 1n)),
      0,
    ),
    num_unavailable: unavailable,
    total_addresses: total,
    usage,
    usage_string: `${Math.round(usage * 100)}%`,
    available_string: `${Math.round((1 - usage) * 100)}%`,
    first_address: formatAddress(network.version, low),
    last_address: formatAddress(network.version, high),
    ip_version: network.version,
  };
  if (stringBool(ctx.query, "include_ranges", false)) {
    stats.ranges = [...used, ...free]
      .sort((a, b) => (a.start < b.start ? -1 : 1))
      .map((span) => spanJson(network, span, true));
  }
  if (stringBool(ctx.query, "include_suggestions", false)) {
    const gatewayFree = free.find((span) => span.start === low);
    stats.suggested_gateway = subnet.gatewayIp || !gatewayFree
      ? null
      : formatAddress(network.version, low);
    const largest = free.reduce<Span | null>(
      (best, span) => (!best || span.end - span.start > best.end - best.start ? span : best),
      null,
    );
    if (largest && largest.end - largest.start >= 3n) {
      const start = largest.start + (largest.end - largest.start + 1n) / 2n;
      stats.suggested_dynamic_range = spanJson(
        network,
        { start, end: largest.end, purpose: ["dynamic"] },
        false,
      );
    } else stats.suggested_dynamic_range = null;
  }
  return stats;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Django's `"%a, %d %b. %Y %H:%M:%S"`, as MAAS formats dates in subnet reports. */
function reportDate(iso: unknown): string {
  const date = typeof iso === "string" && !Number.isNaN(Date.parse(iso + "Z"))
    ? new Date(iso + "Z")
    : new Date();
  const two = (value: number) => String(value).padStart(2, "0");
  return `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]}. ` +
    `${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:` +
    two(date.getUTCSeconds());
}

function subnetAddresses(ctx: AuthContext, subnet: SimSubnet): Record<string, unknown>[] {
  const withUsername = stringBool(ctx.query, "with_username", true);
  const withNodeSummary = stringBool(ctx.query, "with_node_summary", true);
  const withSummary = withNodeSummary && stringBool(ctx.query, "with_summary", true);
  const { state } = ctx;
  return usedAddresses(state, subnet)
    .sort((a, b) => (parseAddress(a.ip)!.value < parseAddress(b.ip)!.value ? -1 : 1))
    .map((used) => {
      const created = reportDate(used.reserved?.created ?? used.node?.data.created);
      const entry: Record<string, unknown> = {
        ip: used.ip,
        alloc_type: used.allocType,
        created,
        updated: created,
      };
      const owner = used.reserved ? used.reserved.username : used.node?.data.owner ?? null;
      if (withUsername && owner) entry.user = owner;
      if (withSummary && used.node) {
        entry.node_summary = {
          system_id: used.node.data.system_id,
          node_type: used.node.data.node_type ?? 0,
          fqdn: nodeFqdn(state, used.node),
          hostname: used.node.data.hostname,
          is_container: false,
          via: used.nic?.name,
        };
      }
      if (withSummary && used.allocType === USER_RESERVED && used.reserved) {
        const records = [...state.dns.resources.values()]
          .filter((resource) => resource.addressIds.includes(used.reserved!.id))
          .map((resource) => {
            const domain = state.site.domains.find((d) => d.id === resource.domainId);
            return { name: resource.name, domain: domain?.name ?? "" };
          });
        if (records.length > 0) entry.dns_records = records;
      }
      return entry;
    });
}

/**
 * Register `subnets/` and `subnets/{id}/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerSubnets } from "./subnets.ts";
 * registerSubnets(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerSubnets(table: RouteTable): void {
  const subnetParams = ":param name: Optional. The subnet's name (its CIDR by default).\n" +
    ":param description: Optional. What the subnet is for.\n" +
    ":param vlan: Optional. Id of the subnet's VLAN.\n" +
    ":param fabric: Optional. The fabric (id or name) whose VLAN `vid` to use when no VLAN " +
    "is given.\n" +
    ":param vid: Optional. The tag of the VLAN to use on `fabric` when no VLAN is given.\n" +
    ":param gateway_ip: Optional. The gateway address, inside the subnet.\n" +
    ":param rdns_mode: Optional. Reverse DNS: 0 off, 1 on, 2 RFC 2317 (the default).\n" +
    ":param allow_dns: Optional. Let hosts on the subnet use MAAS's DNS.\n" +
    ":param allow_proxy: Optional. Let hosts on the subnet use MAAS's proxy.\n" +
    ":param dns_servers: Optional. DNS servers for hosts on the subnet, separated by spaces " +
    "or commas.\n" +
    ":param active_discovery: Optional. Scan the subnet for hosts.\n" +
    ":param managed: Optional. Let MAAS manage the subnet's addresses (the default).\n" +
    ":param disabled_boot_architectures: Optional. Boot architectures DHCP ignores on the " +
    "subnet, separated by spaces or commas.";
  table.resource({
    path: "subnets/",
    auth: {
      name: "SubnetsHandler",
      doc: "The subnets.",
      actions: {
        "GET read": {
          doc: "List every subnet.",
          run: ({ state }) =>
            json(state.networking.subnets.map((subnet) => subnetJson(state, subnet))),
        },
        "POST create": {
          doc: "Create a subnet (administrators only).\n\n" +
            ":param cidr: Required. The network, as address/prefix length.\n" + subnetParams,
          run: (ctx) => {
            requireGlobalEdit(ctx);
            return json(subnetJson(ctx.state, saveSubnet(ctx, null)));
          },
        },
      },
    },
  });
  const subnetOf = (ctx: AuthContext) => subnetBySpecifier(ctx.state, ctx.params.id);
  table.resource({
    path: "subnets/{id}/",
    auth: {
      name: "SubnetHandler",
      doc: "One subnet, by id or specifier (`cidr:`, `name:`, `ip:`).",
      actions: {
        "GET read": {
          doc: "Read a subnet.",
          run: (ctx) => json(subnetJson(ctx.state, subnetOf(ctx))),
        },
        "PUT update": {
          doc: "Change a subnet (administrators only); what is left out stays. Its space is " +
            "its VLAN's.\n\n:param cidr: Optional. The network, as address/prefix length.\n" +
            subnetParams,
          run: (ctx) => {
            const subnet = subnetOf(ctx);
            ctx.requireAdmin();
            return json(subnetJson(ctx.state, saveSubnet(ctx, subnet)));
          },
        },
        "DELETE delete": {
          doc: "Delete a subnet (administrators only).\n\n" +
            ":param force: Optional. Delete it even when nodes hold addresses of it.",
          run: (ctx) => {
            const subnet = subnetOf(ctx);
            ctx.requireAdmin();
            deleteSubnet(ctx, subnet);
            return deleted();
          },
        },
        "GET reserved_ip_ranges": {
          doc: "List the ranges of the subnet in use, with their purposes.",
          run: (ctx) => {
            const subnet = subnetOf(ctx);
            const network = parseNetwork(subnet.cidr)!;
            return json(
              spansInUse(ctx.state, subnet, network).map((span) => spanJson(network, span, true)),
            );
          },
        },
        "GET unreserved_ip_ranges": {
          doc: "List the free ranges of the subnet.",
          run: (ctx) => {
            const subnet = subnetOf(ctx);
            const network = parseNetwork(subnet.cidr)!;
            const free = spansFree(spansInUse(ctx.state, subnet, network), network);
            return json(free.map((span) => spanJson(network, span, false)));
          },
        },
        "GET statistics": {
          doc: "How much of the subnet is in use.\n\n" +
            ":param include_ranges: Optional. List every range, in use or free.\n" +
            ":param include_suggestions: Optional. Suggest a gateway and a dynamic range.",
          run: (ctx) => json(statistics(ctx, subnetOf(ctx))),
        },
        "GET ip_addresses": {
          doc: "The addresses in use in the subnet, with who holds them.\n\n" +
            ":param with_username: Optional. Name the user of each address (the default).\n" +
            ":param with_summary: Optional. Describe the node or DNS records of each address " +
            "(the default).\n" +
            ":param with_node_summary: Optional. The older name of with_summary.",
          run: (ctx) => json(subnetAddresses(ctx, subnetOf(ctx))),
        },
      },
    },
  });
}
