/**
 * Shared words for request parameters: what a parameter of a given name is, when an action does
 * not say it in its own `:param` line. The type is MAAS's word (`String`, `Int`, `Boolean`,
 * `Float`, `Content`). A name that is not here gets a type guessed from its form and a plain
 * sentence made from its words.
 *
 * @module
 */

type Entry = readonly [type: "String" | "Int" | "Boolean" | "Float" | "Content", text: string];

const S = "String";
const I = "Int";
const B = "Boolean";
const Content = "Content";

/**
 * What each common parameter name means across the API.
 *
 * @example
 * ```ts
 * import { PARAMETER_GLOSSARY } from "./describe_glossary.ts";
 * console.log(PARAMETER_GLOSSARY.hostname[0]); // "String"
 * ```
 */
export const PARAMETER_GLOSSARY: Readonly<Record<string, Entry>> = {
  accept_all: [B, "Accept every machine waiting to be accepted."],
  accept_ra: [B, "Accept router advertisements on the interface (IPv6)."],
  active_discovery: [B, "Scan the subnet actively to find hosts."],
  add: [S, "A system id to add; repeat for several."],
  address_ttl: [I, "TTL of the addresses' DNS records, in seconds."],
  admins: [S, "A user name to give administrator rights in the group; repeat for several."],
  after: [I, "Only what comes after this id."],
  agent_name: [S, "The name of the agent that works on the nodes (a tag for the owner's own use)."],
  all: [B, "Include everything, not only the current entries."],
  allow_dns: [B, "Let hosts on the subnet use MAAS's DNS."],
  allow_proxy: [B, "Let hosts on the subnet use MAAS's proxy."],
  always_use_ping: [B, "Ping the addresses even when the neighbours answer already."],
  arch: [S, "An architecture such as amd64 or arm64/generic; repeat for several."],
  architecture: [S, "The architecture, as arch/subarch (amd64/generic)."],
  authoritative: [B, "Whether MAAS answers for the domain."],
  autoconf: [B, "Use stateless address autoconfiguration (IPv6)."],
  backing_device: [S, "Id of the block device that holds the data."],
  backing_partition: [S, "Id of the partition that holds the data."],
  base_image: [S, "The image a custom image builds on, such as ubuntu/noble."],
  before: [I, "Only what comes before this id."],
  block_devices: [S, "Id of a block device to use; repeat for several."],
  block_size: [I, "Block size of the device, in bytes."],
  bond_downdelay: [I, "Milliseconds to wait before turning a slave off after a link failure."],
  bond_lacp_rate: [S, "How often LACPDU frames are sent: fast or slow."],
  bond_miimon: [I, "Link monitoring interval, in milliseconds."],
  bond_mode: [S, "The bonding mode, such as balance-rr, active-backup or 802.3ad."],
  bond_num_grat_arp: [I, "How many gratuitous ARPs to send after a failover."],
  bond_updelay: [I, "Milliseconds to wait before turning a slave on after a link recovers."],
  bond_xmit_hash_policy: [S, "The hash policy that picks a slave: layer2, layer2+3, layer3+4…"],
  boot_size: [S, "Size of the boot partition, in bytes or with a unit suffix."],
  bootable: [B, "Mark the partition bootable."],
  bridge_all: [B, "Put a bridge on every configured interface."],
  bridge_fd: [I, "Forward delay of the bridge, in seconds."],
  bridge_stp: [B, "Turn on the spanning tree protocol on the bridge."],
  bridge_type: [S, "The kind of bridge: standard or ovs."],
  cache_device: [S, "Id of the block device used as cache."],
  cache_mode: [S, "The cache mode: writeback, writethrough or writearound."],
  cache_partition: [S, "Id of the partition used as cache."],
  cache_set: [S, "Id or name of the cache set."],
  certificate: [S, "A certificate in PEM form."],
  cidr: [S, "The network in CIDR notation, such as 10.0.0.0/24."],
  comment: [S, "A comment kept in the event log."],
  commission: [B, "Commission the machine once it is created."],
  commissioning_scripts: [S, "Commissioning scripts or tags to run, comma-separated."],
  content: [Content, "The content of the file."],
  cpu_count: [I, "Number of CPU cores."],
  cpu_speed: [I, "CPU speed, in MHz."],
  decompose: [B, "Also delete the virtual machines the host made."],
  default_gateway: [B, "Use this link's gateway as the node's default."],
  definition: [S, "An XPath expression over the nodes' hardware details."],
  deployed: [B, "Mark the new node as already deployed."],
  description: [S, "Free text."],
  destination: [S, "Id or CIDR of the destination subnet."],
  devices: [S, "A device filter (such as vendor_id=8086); repeat for several."],
  dhcp_on: [B, "Whether MAAS serves DHCP on the VLAN."],
  disable_ipv4: [B, "Deploy the machine without IPv4."],
  distro_series: [S, "The release to install, such as noble or ubuntu/noble."],
  dns_servers: [S, "DNS servers for hosts on the subnet, space- or comma-separated."],
  domain: [S, "A domain name or id."],
  dry_run: [B, "Only say what would happen; change nothing."],
  email: [S, "An e-mail address."],
  enable_hw_sync: [B, "Keep the node's hardware information in step while it is deployed."],
  enable_kernel_crash_dump: [B, "Reserve memory for kernel crash dumps."],
  enable_ssh: [B, "Let users log in to the node over SSH while it runs the scripts."],
  enabled: [B, "Whether it is in use."],
  end_ip: [S, "The last address of the range."],
  ephemeral_deploy: [B, "Run the system from memory without installing it on a disk."],
  erase: [B, "Erase the disks when the machine is released."],
  fabric: [S, "A fabric id or name."],
  fabrics: [S, "A fabric name; repeat for several."],
  file: [Content, "The file's content, as a multipart file part."],
  filename: [S, "The file's name."],
  force: [B, "Do it even when it would normally be refused."],
  fqdn: [S, "A fully qualified domain name."],
  fstype: [S, "The filesystem type, such as ext4, xfs, fat32 or swap."],
  gateway_ip: [S, "The subnet's default gateway."],
  hostname: [S, "A host name, without the domain."],
  hwe_kernel: [S, "The kernel to install, such as ga-24.04 or hwe-24.04."],
  id: [S, "An id."],
  include_script: [B, "Include the script's text."],
  install_kvm: [B, "Install KVM on the node so that it becomes a VM host."],
  install_rackd: [B, "Install a rack controller on the node."],
  interfaces: [S, "Interface constraints, as label:key=value pairs."],
  ip: [S, "An IP address."],
  ip_address: [S, "An IP address."],
  ip_addresses: [S, "An IP address; repeat for several."],
  is_superuser: [B, "Make the user an administrator."],
  kernel_opts: [S, "Kernel options for the nodes that carry it."],
  key: [S, "A key."],
  keysource: [S, "Where the keys come from, as protocol:name (lp:alice, gh:alice)."],
  label: [S, "A label."],
  level: [S, "A level: AUDIT, DEBUG, INFO, WARNING, ERROR or CRITICAL."],
  limit: [I, "At most this many."],
  link_connected: [B, "Whether a cable connects the interface."],
  link_id: [I, "Id of the interface's link to a subnet."],
  link_speed: [I, "Speed of the link, in Mbit/s."],
  mac_address: [S, "A MAC address; repeat for several where a list is read."],
  mac_addresses: [S, "A MAC address of the node; repeat for several."],
  managed: [B, "Whether MAAS manages the addresses of the subnet."],
  mem: [I, "Memory, in MiB."],
  memory: [I, "Memory, in MiB."],
  min_hwe_kernel: [S, "The oldest kernel the node may run, such as ga-22.04."],
  mode: [S, "A mode."],
  mount_options: [S, "Options passed to mount."],
  mount_point: [S, "Where the filesystem is mounted, an absolute path."],
  mtu: [I, "Maximum transmission unit, in bytes."],
  name: [S, "A name."],
  not_in_pool: [S, "Leave out nodes in this pool; repeat for several."],
  not_in_zone: [S, "Leave out nodes in this zone; repeat for several."],
  not_tags: [S, "Leave out nodes with this tag; repeat for several."],
  osystem: [S, "An operating system, such as ubuntu."],
  owner: [S, "A user name."],
  parent: [S, "Id of the parent interface."],
  parents: [S, "Id of a parent interface; repeat for several."],
  partitions: [S, "Id of a partition to use; repeat for several."],
  password: [S, "A password."],
  pool: [S, "A resource pool name."],
  power_address: [S, "Address of the power controller."],
  power_pass: [S, "Password of the power controller."],
  power_type: [S, "The power driver, such as ipmi, redfish, virsh, lxd or manual."],
  power_user: [S, "User name of the power controller."],
  prefix: [S, "Only names that start with this."],
  primary_rack: [S, "System id of the rack controller that serves DHCP."],
  priority: [I, "Priority; the highest wins."],
  project: [S, "A project name."],
  quick_erase: [B, "Erase only the start and end of each disk."],
  rack_controller: [S, "System id of a rack controller; repeat for several."],
  recommission: [B, "Commission the node again afterwards."],
  relay_vlan: [S, "Id of the VLAN whose DHCP server relays this one's requests."],
  remove: [S, "A system id to remove; repeat for several."],
  root_device: [S, "The block device that holds the root filesystem."],
  root_size: [S, "Size of the root partition, in bytes or with a unit suffix."],
  rrdata: [S, "The record's data."],
  rrtype: [S, "The record's type, such as A, AAAA, CNAME, MX, SRV or TXT."],
  secure_erase: [B, "Use the disks' secure erase where they have it."],
  size: [S, "A size in bytes, or with a unit suffix (M, G, T)."],
  skip_bmc_config: [B, "Leave the BMC's settings as they are."],
  skip_networking: [B, "Keep the node's network configuration."],
  skip_storage: [B, "Keep the node's storage configuration."],
  space: [S, "A space id or name."],
  start_ip: [S, "The first address of the range."],
  status: [S, "A status."],
  stop_mode: [S, "How to power off: soft or hard."],
  storage: [S, "Storage constraints, as label:size(tags) items separated by commas."],
  storage_layout: [S, "The layout: flat, lvm, bcache, vmfs6, vmfs7, blank or custom."],
  subnet: [S, "A subnet id or CIDR."],
  subnets: [S, "A subnet id or CIDR; repeat for several."],
  swap_size: [S, "Size of the swap file, in bytes or with a unit suffix."],
  system_id: [S, "A node's system id; repeat for several where a list is read."],
  tag: [S, "A tag."],
  tags: [S, "A tag name; repeat for several."],
  testing_scripts: [S, "Testing scripts or tags to run, comma-separated; none runs no tests."],
  token: [S, "An API key, or its token key."],
  token_key: [S, "The token key of an API key."],
  transfer_resources_to: [S, "A user name that takes over what the deleted user owns."],
  ttl: [I, "Time to live, in seconds."],
  type: [S, "A type."],
  url: [S, "An address (URL)."],
  user: [S, "A user name."],
  user_data: [S, "Cloud-init user data, base64-encoded."],
  username: [S, "A user name."],
  uuid: [S, "A UUID."],
  value: [S, "The new value."],
  verbose: [B, "Say more in the answer."],
  vid: [I, "The 802.1Q VLAN id, 0 to 4094."],
  vlan: [S, "A VLAN id."],
  vlans: [S, "A VLAN id; repeat for several."],
  zone: [S, "A zone name."],
};

const BOOLEAN_NAME =
  /^(is_|enable_|skip_|allow_|include_|with_|disable_|has_|can_)|(_on|_only|_check)$/;
const INT_NAME = /(_count|_size|_speed|_ttl|_id|_port|_ratio|_interval|_limit)$|^(cores|threads)$/;

/**
 * The words for `name`: from the glossary, or made from the name (a `not_` name leaves out what
 * the name without it selects).
 *
 * @example
 * ```ts
 * import { glossaryEntry } from "./describe_glossary.ts";
 * console.log(glossaryEntry("not_hostname").text); // "Leave out what hostname selects."
 * ```
 */
export function glossaryEntry(name: string): { required: boolean; type: string; text: string } {
  const entry = PARAMETER_GLOSSARY[name];
  if (entry) return { required: false, type: entry[0], text: entry[1] };
  if (name.startsWith("not_") && name.length > 4) {
    const positive = name.slice(4);
    return {
      required: false,
      type: PARAMETER_GLOSSARY[positive]?.[0] ?? S,
      text: `Leave out what ${positive} selects.`,
    };
  }
  const words = name.replace(/_/g, " ");
  const type = BOOLEAN_NAME.test(name) ? B : INT_NAME.test(name) ? I : S;
  return { required: false, type, text: `The ${words}.` };
}
