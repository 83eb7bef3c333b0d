/**
 * python-libmaas's names and ours, by section, as `docs/python-libmaas.md` shows them
 * (`deno task docs` writes the page from this data and the families' descriptions).
 *
 * @module
 */

/** One python-libmaas name (or call) and ours. */
export interface NameRow {
  /** As python-libmaas writes it. */
  readonly python: string;
  /** As this library writes it (`—` when there is nothing). */
  readonly ours: string;
  /** What differs, if anything. */
  readonly note?: string;
}

/** A section of the table: a title and its rows. */
export interface NameSection {
  /** The section's title (Markdown). */
  readonly title: string;
  /** Its rows. */
  readonly rows: readonly NameRow[];
}

/** What the page says before the table. */
export const INTRO: string =
  "Names follow python-libmaas (`maas.client`) in camelCase; everything that talks to the network is\n`async`. Instead of keyword arguments, a typed method takes what identifies its target, then one\nobject of the op's parameters (camelCase; unknown names are refused; `extra` sends wire names as\ngiven), then the request options (`signal`, `timeout`, `retries`). python-libmaas's facade\n(`maas.client.facade.Client`) has exactly these attributes: `account`, `boot_resources`,\n`boot_sources`, `devices`, `dnsresources`, `dnsresourcerecords`, `domains`, `events`, `fabrics`,\n`files`, `ip_addresses`, `ip_ranges`, `maas`, `machines`, `pods`, `rack_controllers`,\n`region_controllers`, `resource_pools`, `spaces`, `ssh_keys`, `static_routes`, `subnets`, `tags`,\n`users`, `version`, `zones`. Storage, interfaces and VLANs have no facade attribute there: they are\nreached from objects (`machine.block_devices`, `fabric.vlans`…) or from viscera's `origin.X`, and\nare listed under those names.";

/** The table, section by section. */
export const SECTIONS: readonly NameSection[] = [
  {
    title: "**Entry points**",
    rows: [
      {
        python: "`maas.client.connect(url, apikey=…, insecure=…)`",
        ours: "`connect(url, { apikey, tls: { insecure: true } })`",
        note:
          "No request until the first call. Without a URL, the settings come from the environment (`MAAS_URL`, `MAAS_APIKEY`…), a `.env` file or the default profile. On Deno, `insecure` needs `--unsafely-ignore-certificate-errors`.",
      },
      {
        python: "`maas.client.login(url, username=…, password=…, insecure=…)`",
        ours: "`login(url, { username, password })`",
        note: "Also takes `consumer` (the token name) and a username/password in the URL.",
      },
      {
        python: "`Origin.connect(url, apikey=…)` / `Origin.login(…)` → `(profile, origin)`",
        ours: "`connect()` / `login()` → `Client`",
        note: "The typed client needs no describe document.",
      },
      { python: "`Origin.fromURL(url, credentials=…)`", ours: "`connect(url, { apikey })`" },
      {
        python: "`Origin.fromProfile(profile)` / `Origin.fromProfileName(name)`",
        ours: "`Client.fromProfile(profile)` / `Client.fromProfile(name)`",
        note: "Reads this library's, the maas CLI's and python-libmaas's saved profiles.",
      },
      { python: "`maas.client.utils.profiles.ProfileStore`", ours: "`ProfileStore`" },
      {
        python: "`Credentials.parse(text)`, `str(credentials)`",
        ours: "`Credentials.parse(text)`, `credentials.toString()`",
        note: "`String()`, template strings and `JSON.stringify` give the redacted form.",
      },
      {
        python:
          "`RemoteError`, `CallError`, `SessionError`, `ConnectError`, `LoginError`, `LoginNotSupported`, `PasswordWithoutUsername`, `UsernameWithoutPassword`, `ProfileNotFound`",
        ours: "same names",
        note: "`CallError` has subclasses by status (`NotFoundError`, `ConflictError`…).",
      },
      {
        python: "`MacaroonLoginNotSupported`, `authenticate_with_macaroon`",
        ours: "—",
        note: "No Candid/macaroon login.",
      },
      {
        python: "`ObjectNotLoaded`, `obj.loaded`",
        ours: "—",
        note: "Objects are always made from data the server sent.",
      },
    ],
  },
  {
    title: "**Bones: `SessionAPI`**",
    rows: [
      {
        python: "`SessionAPI.fromURL(url, credentials=…, insecure=…)`",
        ours: "`SessionAPI.fromURL(url, { credentials, tls })`",
      },
      {
        python: "`SessionAPI.fromProfile(profile)`",
        ours: "`SessionAPI.fromProfile(profile)`",
        note: "No network.",
      },
      {
        python: "`SessionAPI.fromProfileName(name)`",
        ours: "`await SessionAPI.fromProfileName(name)`",
        note: "Async here (it reads the profile store).",
      },
      {
        python: "`SessionAPI.connect(url, apikey=…)` → `(profile, session)`",
        ours: "`SessionAPI.connect(url, { apikey })` → `{ profile, session }`",
      },
      {
        python: "`SessionAPI.login(url, username=…, password=…)` → `(profile, session)`",
        ours: "`SessionAPI.login(url, { username, password })` → `{ profile, session }`",
      },
      { python: "`session.is_anonymous`", ours: "`session.isAnonymous`" },
      {
        python: "`session.credentials`, `session.description`",
        ours: "`session.credentials`, `session.description`",
        note: "Also `session.url`, `session.transport`.",
      },
      {
        python: "`session.Machine`; `session.handlers` (yields `(name, handler)` pairs)",
        ours: "`session.handlers.Machine`; `session.handlers` is an object keyed by short name",
        note: "Short names as in `derive_resource_name` (→ `shortName()`).",
      },
      {
        python: "`handler.name`, `.params`, `.path`, `.actions`",
        ours: "`handler.name`, `.params`, `.path`, `.actions`",
        note: "`actions` is an object keyed by action name; also `handlerName`, `doc`.",
      },
      { python: "`handler.uri`", ours: "—", note: "Paths are joined to the client's own URL." },
      {
        python: "`session.Machine.deploy(system_id=…, distro_series=…)`",
        ours: "`session.handlers.Machine.deploy({ system_id, distro_series })`",
        note: "URI parameters are taken from the one parameters object by name.",
      },
      {
        python: "`action.name`, `.op`, `.method`, `.is_restful`",
        ours: "`action.name`, `.op`, `.method`, `.restful`",
        note: "Also `action.doc`.",
      },
      {
        python: "`action.handler` (a `HandlerAPI`)",
        ours: "`action.handler` (the handler's short name)",
      },
      { python: "`action.fullname`", ours: "—" },
      {
        python: "`action.bind(**params).call(**data)`",
        ours: "—",
        note: "Call the action itself with URI parameters and data together.",
      },
      {
        python: "`helpers.fetch_api_description(url)`",
        ours: "`fetchDescription(apiUrl, transport)`",
      },
    ],
  },
  {
    title: "**`client.account`**",
    rows: [
      {
        python: "`client.account.create_credentials()` → `Credentials`",
        ours: "`client.account.createCredentials({ name })` → `{ name, credentials }`",
      },
      {
        python: "`client.account.delete_credentials(credentials)`",
        ours: "`client.account.deleteCredentials(credentials)`",
        note: "Also takes the token key as text.",
      },
    ],
  },
  {
    title: "**`client.machines`**",
    rows: [
      {
        python: "`client.machines.list(hostnames=…)`",
        ours: "`client.machines.list({ hostname, status, zone, pool, tags, … })`",
        note: "Every filter MAAS applies on the server; unknown keys are refused.",
      },
      { python: "`client.machines.get(system_id)`", ours: "`client.machines.get(systemId)`" },
      {
        python:
          "`client.machines.create(architecture, mac_addresses, power_type, power_parameters, …)`",
        ours:
          "`client.machines.create({ architecture, macAddresses, powerType, powerParameters, subarchitecture, minHweKernel, hostname, domain, zone, pool, cpuCount, memory, … })`",
        note:
          "`powerType` is optional here; the power parameters go as JSON in `power_parameters`, as python sends them.",
      },
      {
        python:
          "`client.machines.allocate(hostname=, architectures=, cpus=, memory=, tags=, zone=, not_zones=, …)`",
        ours: "`client.machines.allocate({ name, arch, cpuCount, mem, tags, zone, notInZone, … })`",
        note:
          "Renamed: `hostname` → `name`, `architectures` → `arch`, `cpus` → `cpuCount`, `memory` → `mem`, `not_zones` → `notInZone`; the others are camelCase (`notFabrics`, `podType`, `dryRun`…). 409 → `MachineNotFound` in both.",
      },
      {
        python: "`client.machines.get_power_parameters_for(system_ids)`",
        ours: "`client.machines.powerParameters(machines)`",
      },
    ],
  },
  {
    title: "**Machine objects**",
    rows: [
      {
        python:
          "`machine.deploy(user_data=, distro_series=, hwe_kernel=, comment=, install_kvm=, ephemeral_deploy=, enable_hw_sync=, wait=, wait_interval=)`",
        ours:
          "`machine.deploy({ userData, distroSeries, hweKernel, comment, installKvm, ephemeralDeploy, enableHwSync }, { wait, interval })`",
        note:
          "Every wait here is asked for in the last argument: `wait`, `interval` in milliseconds (python: `wait_interval` in seconds), `waitTimeout` (default one hour; `timeout` stays each request's limit), `signal`, `onProgress`; a failure raises its class (`FailedDeployment`…).",
      },
      {
        python:
          "`machine.commission(enable_ssh=, skip_networking=, skip_storage=, commissioning_scripts=, testing_scripts=, wait=)`",
        ours:
          "`machine.commission({ enableSsh, skipNetworking, skipStorage, commissioningScripts, testingScripts }, { wait })`",
        note: "Also `skipBmcConfig`, `parameters`.",
      },
      {
        python: "`machine.release(comment=, erase=, secure_erase=, quick_erase=, wait=)`",
        ours: "`machine.release({ comment, erase, secureErase, quickErase }, { wait })`",
        note: "Also `force`, `scripts`.",
      },
      {
        python: "`machine.power_on(comment=, wait=)`",
        ours: "`machine.powerOn({ comment, userData }, { wait })`",
      },
      {
        python: "`machine.power_off(stop_mode=, comment=, wait=)`",
        ours: "`machine.powerOff({ stopMode, comment }, { wait })`",
      },
      {
        python: "`machine.query_power_state()`",
        ours: "`machine.queryPowerState()`",
        note: 'Answers `"on"`, `"off"`, `"unknown"` or `"error"` (`PowerState`).',
      },
      {
        python: "`machine.enter_rescue_mode(wait=)`",
        ours: "`machine.rescueMode({}, { wait })`",
      },
      {
        python: "`machine.exit_rescue_mode(wait=)`",
        ours: "`machine.exitRescueMode({}, { wait })`",
      },
      { python: "`machine.abort(comment=)`", ours: "`machine.abort({ comment })`" },
      {
        python: "`machine.mark_broken(comment=)` / `machine.mark_fixed(comment=)`",
        ours: "`machine.markBroken({ comment })` / `machine.markFixed({ comment })`",
      },
      {
        python: "`machine.lock(comment=)` / `machine.unlock(comment=)`",
        ours: "`machine.lock({ comment })` / `machine.unlock({ comment })`",
      },
      {
        python: "`machine.get_details()`",
        ours: "`machine.getDetails()`",
        note: "BSON decoded by the library; values are raw bytes (`lshw`, `lldp` XML).",
      },
      {
        python: "`machine.get_curtin_config()`",
        ours: "`machine.getCurtinConfig()`",
        note: "YAML text.",
      },
      {
        python: "`machine.get_power_parameters()`",
        ours: "`machine.getPowerParameters()`",
        note: "On every node kind.",
      },
      {
        python: "`machine.set_power(power_type, power_parameters)`",
        ours: "`machine.setPower(powerType, powerParameters, { powerParametersSkipCheck })`",
        note:
          "On machines and controllers, whose update reads a power driver (a device's does not).",
      },
      { python: "`machine.clear_default_gateways()`", ours: "`machine.clearDefaultGateways()`" },
      {
        python:
          "`machine.restore_default_configuration()`, `restore_networking_configuration()`, `restore_storage_configuration()`",
        ours:
          "`machine.restoreDefaultConfiguration()`, `restoreNetworkingConfiguration()`, `restoreStorageConfiguration()`",
      },
      {
        python: "`machine.save()` / `machine.delete()` / `machine.refresh()`",
        ours: "`machine.save()` / `machine.delete({ force })` / `machine.refresh()`",
        note: "`save()` sends only the changed fields.",
      },
      {
        python: "`machine.owner_data` (saved with `set_owner_data`)",
        ours:
          "`machine.ownerData` (read-only), `machine.setOwnerData({ key: value })` and `machine.setWorkloadAnnotations({ key: value })`",
        note:
          "MAAS deprecates `set_owner_data` for `set_workload_annotations` (3.0 and later); both are typed, on devices too.",
      },
      {
        python: "—",
        ours: "`machine.test({ testingScripts }, { wait })`",
        note: "python-libmaas has no `test`.",
      },
      {
        python:
          "fields: `system_id`, `cpus`, `memory`, `power_state`, `power_type`, `status_name`, `ip_addresses`, `node_type`",
        ours:
          "`systemId`, `cpuCount`, `memory`, `powerState`, `powerType`, `statusName`, `ipAddresses`, `nodeType`",
        note:
          'snake_case → camelCase; unknown fields stay reachable with `machine.get("wire_name")` and `machine.data`.',
      },
      {
        python: "`node.owner` (a `User`), `node.domain`, `node.zone`, `machine.pool`",
        ours: "`node.owner` (a username), `node.domain`, `node.zone`, `machine.pool`",
        note:
          "Assign a name (or an object with one) and `save()` to move; only machines have a pool.",
      },
      {
        python: "`node.tags`; `node.tags.add(tag)` / `.remove(tag)`",
        ours: "`node.tagNames`; `tag.updateNodes({ add: [node] })` / `({ remove: [node] })`",
      },
      {
        python: "`machine.boot_disk`, `machine.boot_interface`",
        ours: "`machine.bootDisk`, `machine.bootInterface`",
        note: "Wire data as sent, not objects.",
      },
      {
        python: "`machine.pod`",
        ours: "`machine.pod` (`{ id, name }`, MAAS up to 3.8)",
      },
      {
        python:
          "`node.as_machine()`, `as_device()`, `as_rack_controller()`, `as_region_controller()`",
        ours: "—",
        note:
          "`client.nodes.list()` already hands out `Machine`, `Device`, `RackController`, `RegionController`.",
      },
    ],
  },
  {
    title: "**`client.devices`, `client.rack_controllers`, `client.region_controllers`**",
    rows: [
      {
        python: "`client.devices.create(mac_addresses, hostname=, domain=, zone=)`",
        ours:
          "`client.devices.create({ macAddresses, hostname, domain, zone, description, parent })`",
      },
      {
        python: "`client.devices.get(system_id)` / `.list()`",
        ours: "`client.devices.get(systemId)` / `.list(filters)`",
        note: "`device.delete()` takes no `force`: MAAS's device delete does not read it.",
      },
      {
        python: "`client.rack_controllers.get(system_id)` / `.list()`",
        ours: "`client.rackControllers.get(systemId)` / `.list(filters)`",
      },
      {
        python: "`client.region_controllers.get(system_id)` / `.list()`",
        ours: "`client.regionControllers.get(systemId)` / `.list(filters)`",
      },
    ],
  },
  {
    title: "**Interfaces** (`node.interfaces`)",
    rows: [
      {
        python: "`node.interfaces` (from the node's data)",
        ours: "`node.interfaces.list()`; the data as sent: `node.interfaceSet`",
      },
      {
        python: "`origin.Interfaces.create(node, interface_type, …)`",
        ours:
          "`node.interfaces.createPhysical()`, `createBond()`, `createBridge()`, `createVlan()`",
        note: "One method per type.",
      },
      {
        python: "`interface.save()`, `interface.delete()`, `interface.disconnect()`",
        ours: "`iface.save()`, `iface.delete()`, `iface.disconnect()`",
        note: "`iface.update({ parents, … })` also changes what no field holds.",
      },
      {
        python: "`interface.links.create(mode, subnet=, ip_address=, force=, default_gateway=)`",
        ours: "`iface.linkSubnet({ mode, subnet, ipAddress, force, defaultGateway })`",
        note: "Answers the interface.",
      },
      { python: "`link.delete()`", ours: "`link.unlink()` (or `iface.unlinkSubnet(link)`)" },
      { python: "`link.set_as_default_gateway()`", ours: "`link.setAsDefaultGateway()`" },
      {
        python: "`interfaces.get_by_name(name)` / `by_name`",
        ours: "—",
        note: "`list()` then `find()`.",
      },
    ],
  },
  {
    title: "**Storage** (`machine.block_devices` …)",
    rows: [
      {
        python: "`machine.block_devices`; `origin.BlockDevice.read(node, id)`",
        ours:
          "`machine.blockDevices.list()`, `.get(id)`; the data as sent: `machine.blockdeviceSet`",
      },
      {
        python:
          "`origin.BlockDevices.create(node, name, size=, block_size=512, model=, serial=, id_path=, tags=)`",
        ours:
          "`machine.blockDevices.create({ name, size, blockSize, model, serial, idPath, numaNode })`",
        note: "`blockSize` is required; tags are added with `addTag()`.",
      },
      {
        python: "`block_device.save()` / `.delete()`",
        ours: "`blockDevice.save()` / `.delete()`",
        note: "python's `save()` also diffs `tags`; here use `addTag()` / `removeTag()`.",
      },
      { python: "`block_device.set_as_boot_disk()`", ours: "`blockDevice.setBootDisk()`" },
      {
        python:
          "`block_device.format(fstype, uuid=)`, `unformat()`, `mount(mount_point, mount_options=)`, `unmount()`",
        ours:
          "`blockDevice.format(fstype, { uuid, label })`, `unformat()`, `mount(mountPoint, { mountOptions })`, `unmount()`",
      },
      {
        python: "`block_device.partitions`; `origin.Partitions.create(block_device, size)`",
        ours:
          "`blockDevice.partitions` (iterable, from the device's data), `.list()`, `.get(id)`, `.create({ size, uuid, bootable })`",
      },
      {
        python: "`partition.format()`, `unformat()`, `mount()`, `umount()`, `delete()`",
        ours: "`partition.format()`, `unformat()`, `mount()`, `unmount()`, `delete()`",
        note: "`umount` → `unmount`; also `addTag()` / `removeTag()`.",
      },
      {
        python: "`machine.volume_groups`; `origin.VolumeGroups.create(node, name, devices, uuid=)`",
        ours:
          "`machine.volumeGroups.list()`, `.get(id)`, `.create({ name, blockDevices, partitions, uuid })`",
        note: "`devices` is split into `blockDevices` and `partitions`.",
      },
      {
        python:
          "`volume_group.logical_volumes`; `origin.LogicalVolumes.create(volume_group, name, size, uuid=, tags=)`",
        ours:
          "`volumeGroup.logicalVolumes`; `volumeGroup.createLogicalVolume({ name, size, uuid })`",
      },
      { python: "`logical_volume.delete()`", ours: "`volumeGroup.deleteLogicalVolume(volume)`" },
      {
        python:
          "`machine.raids`; `origin.Raids.create(node, level, devices, name=, uuid=, spare_devices=)`",
        ours:
          "`machine.raids.list()`, `.get(id)`, `.create({ level, blockDevices, partitions, spareDevices, sparePartitions, name, uuid })`",
      },
      {
        python:
          "`machine.bcaches`; `origin.Bcaches.create(node, name, backing_device, cache_set, cache_mode, uuid=)`",
        ours:
          "`machine.bcaches.list()`, `.get(id)`, `.create({ cacheSet, cacheMode, backingDevice, name, uuid })`",
        note: "`backingPartition` instead of `backingDevice` for a partition.",
      },
      {
        python: "`machine.cache_sets`; `origin.BcacheCacheSets.create(node, cache_device)`",
        ours: "`machine.bcacheCacheSets.list()`, `.get(id)`, `.create({ cacheDevice })`",
        note: "`cachePartition` for a partition.",
      },
      {
        python: "`volume_group.delete()`, `raid.delete()`, `bcache.delete()`, `cache_set.delete()`",
        ours: "same",
        note: "Changes go through `update({…})`, or writable fields and `save()`.",
      },
      {
        python:
          "`block_devices.get_by_name(name)` / `by_name` (also raids, bcaches, volume groups)",
        ours: "—",
        note: "`list()` then `find()`.",
      },
    ],
  },
  {
    title: "**Networking**",
    rows: [
      {
        python: "`client.fabrics.create(name=, description=, class_type=)`",
        ours: "`client.fabrics.create({ name, description, classType })`",
      },
      {
        python: "`client.fabrics.get(id)` / `.list()`",
        ours: "`client.fabrics.get(id)` / `.list()`",
      },
      {
        python: "`client.fabrics.get_default()`",
        ours: "`client.fabrics.get(0)`",
        note: "python reads fabric 0 too.",
      },
      {
        python: "`fabric.vlans`; `origin.Vlans.read(fabric)`",
        ours: "`fabric.vlans` (from the fabric's data); `client.vlans.list(fabric)`",
      },
      { python: "`fabric.vlans.get_default()`", ours: "`fabric.defaultVlan`" },
      { python: "`origin.Vlan.read(fabric, vid)`", ours: "`client.vlans.get(fabric, vid)`" },
      {
        python:
          "`origin.Vlans.create(fabric, vid, name=, description=, mtu=, relay_vlan=, dhcp_on=, primary_rack=, secondary_rack=, space=)`",
        ours:
          "`client.vlans.create(fabric, { vid, name, description, mtu, relayVlan, dhcpOn, primaryRack, secondaryRack, space })`",
      },
      { python: "`fabric.delete()`, `vlan.save()`, `vlan.delete()`", ours: "same" },
      {
        python:
          "`client.subnets.create(cidr, vlan=, name=, description=, gateway_ip=, rdns_mode=, dns_servers=, managed=)`",
        ours:
          "`client.subnets.create({ cidr, vlan, name, description, gatewayIp, rdnsMode, dnsServers, managed, … })`",
      },
      {
        python: "`client.subnets.get(id)` / `.list()`",
        ours: "`client.subnets.get(id)` / `.list()`",
        note: '`get` also takes `"cidr:…"` / `"name:…"`.',
      },
      {
        python: "`subnet.save()` / `subnet.delete()`",
        ours: "`subnet.save()` / `subnet.delete({ force })`",
      },
      {
        python: "`client.spaces.create(name=, description=)` / `.get(id)` / `.list()`",
        ours: "`client.spaces.create({ name, description })` / `.get(id)` / `.list()`",
      },
      {
        python: "`client.spaces.get_default()`",
        ours: "`client.spaces.get(0)`",
        note: "python reads space 0 too.",
      },
      {
        python: "`client.ip_ranges.create(start_ip, end_ip, type=RESERVED, comment=, subnet=)`",
        ours: "`client.ipRanges.create({ type, startIp, endIp, comment, subnet })`",
        note: "`type` is required here.",
      },
      {
        python: "`client.ip_ranges.get(id)` / `.list()`",
        ours: "`client.ipRanges.get(id)` / `.list()`",
      },
      {
        python: "`client.static_routes.create(destination, source, gateway_ip, metric)`",
        ours: "`client.staticRoutes.create({ source, destination, gatewayIp, metric })`",
        note: "`metric` is optional here.",
      },
      {
        python: "`client.static_routes.get(id)` / `.list()`",
        ours: "`client.staticRoutes.get(id)` / `.list()`",
      },
      {
        python: "`client.ip_addresses.list()`",
        ours: "`client.ipAddresses.list({ ip, all, owner })`",
      },
      {
        python: "`space.delete()`, `ip_range.delete()`, `static_route.delete()` (and `save()`)",
        ours: "same",
      },
    ],
  },
  {
    title: "**DNS**",
    rows: [
      {
        python: "`client.domains.create(name, authoritative=True, ttl=)`",
        ours: "`client.domains.create({ name, authoritative, ttl, forwardDnsServers })`",
      },
      {
        python: "`client.domains.get(id)` / `.list()`",
        ours: "`client.domains.get(id)` / `.list()`",
      },
      {
        python: "`domain.save()` / `domain.delete()`",
        ours: "`domain.save()` / `domain.delete()`",
      },
      {
        python: "`client.dnsresources.get(id)` / `.list()`",
        ours: "`client.dnsResources.get(id)` / `.list({ fqdn, domain, name, rrtype, all })`",
      },
      {
        python: "`client.dnsresourcerecords.get(id)` / `.list()`",
        ours: "`client.dnsResourceRecords.get(id)` / `.list({ fqdn, domain, name, rrtype })`",
      },
      {
        python: "`dnsresource.save()`, `dnsresourcerecord.save()` (and `delete()`)",
        ours: "`dnsResource.save()`, `dnsResourceRecord.save()` (and `delete()`)",
        note: "Also `dnsResource.update({ name, domain, … })`.",
      },
    ],
  },
  {
    title: "**Placement and tags**",
    rows: [
      {
        python: "`client.zones.create(name, description=)` / `.get(name)` / `.list()`",
        ours: "`client.zones.create({ name, description })` / `.get(name)` / `.list()`",
      },
      {
        python: "`client.resource_pools.create(name, description=)` / `.get(id)` / `.list()`",
        ours: "`client.resourcePools.create({ name, description })` / `.get(idOrName)` / `.list()`",
      },
      { python: "`zone.save()` / `.delete()`, `pool.save()` / `.delete()`", ours: "same" },
      {
        python: "`client.tags.create(name, comment=, definition=, kernel_opts=)`",
        ours: "`client.tags.create({ name, comment, definition, kernelOpts })`",
      },
      {
        python: "`client.tags.get(name)` / `.list()`",
        ours: "`client.tags.get(name)` / `.list()`",
      },
      { python: "`tag.save()` / `tag.delete()`", ours: "`tag.save()` / `tag.delete()`" },
    ],
  },
  {
    title: "**Users and keys**",
    rows: [
      {
        python: "`client.users.create(username, password, email=None, is_admin=False)`",
        ours: "`client.users.create({ username, email, password, isSuperuser })`",
        note: "`email` is required here (python made up `USER@null.maas.io`).",
      },
      {
        python: "`client.users.list()` / `.whoami()`",
        ours: "`client.users.list()` / `.whoami()`",
      },
      {
        python: "`origin.User.read(username)`",
        ours: "`client.users.get(username)`",
        note: "Not in python's facade.",
      },
      { python: "`user.is_admin`", ours: "`user.isSuperuser`" },
      {
        python: "`client.ssh_keys.create(key)` / `.get(id)` / `.list()`",
        ours: "`client.sshKeys.create(key)` / `.get(id)` / `.list()`",
      },
      { python: "`ssh_key.delete()`", ours: "`sshKey.delete()`" },
    ],
  },
  {
    title: "**Events**",
    rows: [
      {
        python:
          "`client.events.query(hostnames=, domains=, zones=, macs=, system_ids=, agent_name=, level=, before=, after=, limit=, owner=)`",
        ours:
          "`client.events.query({ hostname, domain, zone, macAddress, id, agentName, level, before, after, limit, owner, pool })`",
        note: "Answers `{ count, events, nextUri, prevUri }`; `zone` is one name here.",
      },
      {
        python: "`events.prev()` / `events.next()`",
        ours: "—",
        note: "Query again with `before` / `after`, or iterate.",
      },
      {
        python: "`events.backwards()` / `events.forwards()`",
        ours:
          '`client.events.iterate(filters, { order: "newer-to-older" })` / `(filters, { order: "older-to-newer" })`',
        note: "An async generator; `follow: true` keeps waiting for new events.",
      },
      {
        python: "`client.events.AUDIT`, `.DEBUG`, `.INFO`, `.WARNING`, `.ERROR`, `.CRITICAL`",
        ours: "`EventLevel.AUDIT` … `EventLevel.CRITICAL`",
        note: 'Strings here (`"ERROR"`), not integers.',
      },
    ],
  },
  {
    title: "**Files**",
    rows: [
      {
        python: "`client.files.list()`",
        ours: "`client.files.list({ prefix })`",
        note: "Objects are `StoredFile` (python: `File`).",
      },
    ],
  },
  {
    title: "**Images**",
    rows: [
      {
        python:
          "`client.boot_resources.create(name, architecture, content, title=, filetype=, chunk_size=, progress_callback=)`",
        ours:
          "`client.bootResources.upload({ name, architecture, content, title, filetype, … }, { chunkSize, onProgress })`",
        note:
          "`onProgress(sentBytes, totalBytes)`; content may be bytes, a `Blob` or a stream. `create()` is MAAS's op alone; `bootResource.uploadChunk()` sends one chunk.",
      },
      {
        python: "`client.boot_resources.get(id)` / `.list()`",
        ours: "`client.bootResources.get(id)` / `.list({ type })`",
      },
      {
        python: "`client.boot_resources.start_import()` / `.stop_import()`",
        ours: "`client.bootResources.import()` / `.stopImport()`",
      },
      {
        python: "`boot_resource.delete()`",
        ours: "`bootResource.delete()` or `client.bootResources.delete(id)`",
      },
      {
        python: "`client.boot_sources.create(url, keyring_filename=, keyring_data=)`",
        ours: "`client.bootSources.create({ url, keyringFilename, keyringData })`",
      },
      {
        python: "`client.boot_sources.get(id)` / `.list()`",
        ours: "`client.bootSources.get(id)` / `.list()`",
      },
      { python: "`boot_source.delete()`", ours: "`bootSource.delete()`", note: "Also `save()`." },
      {
        python:
          "`origin.BootSourceSelections.read(boot_source)` / `.create(boot_source, os, release, arches=, subarches=, labels=)`",
        ours:
          "`bootSource.selections.list()` / `.create({ os, release, arches, subarches, labels })`",
        note: "Or `client.bootSources.selections(id)`.",
      },
      {
        python: "`boot_source_selection.delete()`",
        ours: "`bootSourceSelection.delete()`",
        note: "Also `save()`.",
      },
    ],
  },
  {
    title: "**VM hosts**",
    rows: [
      {
        python:
          "`client.pods.create(type, power_address, power_user=, power_pass=, name=, zone=, tags=)`",
        ours:
          "`client.vmHosts.create({ type, powerAddress, powerUser, powerPass, name, zone, tags, … })`",
        note:
          "Uses `vm-hosts/`; `client.pods` is the same under `pods/`. After MAAS 3.8 every call raises `UnsupportedError` (VM hosts were removed) before sending.",
      },
      { python: "`client.pods.get(id)` / `.list()`", ours: "`client.vmHosts.get(id)` / `.list()`" },
      {
        python: "`pod.save()`",
        ours: "`vmHost.save()`",
        note:
          "Tags go in the update (python sent `add_tag` / `remove_tag`); also `vmHost.addTag()` / `removeTag()`, and `vmHost.update({ … })` for what is no field (power address and password, default storage pool).",
      },
      {
        python: "`pod.refresh()`",
        ours: "`vmHost.refresh()`",
        note: "Both ask MAAS to refresh the host (`POST refresh`), not a re-read.",
      },
      { python: "`pod.parameters()`", ours: "`vmHost.parameters()`" },
      {
        python:
          "`pod.compose(cores=, memory=, cpu_speed=, architecture=, storage=, hostname=, domain=, zone=, interfaces=)`",
        ours:
          "`vmHost.compose({ cores, memory, cpuSpeed, architecture, storage, hostname, domain, zone, interfaces, … })`",
        note: "`domain` and `zone` are ids here; answers `{ systemId, resourceUri }`.",
      },
      { python: "`pod.delete()`", ours: "`vmHost.delete({ decompose })`" },
    ],
  },
  {
    title: "**`client.maas`**",
    rows: [
      {
        python: "`get_config(name)` / `set_config(name, value)`",
        ours: "`getConfig(name)` / `setConfig(name, value)`",
        note: "Typed for the common settings; any name works.",
      },
      { python: "`get_name` / `set_name`", ours: "`getName` / `setName`" },
      {
        python: "`get_main_archive` / `set_main_archive`",
        ours: "`getMainArchive` / `setMainArchive`",
      },
      {
        python: "`get_ports_archive` / `set_ports_archive`",
        ours: "`getPortsArchive` / `setPortsArchive`",
      },
      { python: "`get_default_os` / `set_default_os`", ours: "`getDefaultOS` / `setDefaultOS`" },
      {
        python: "`get_default_distro_series` / `set_default_distro_series`",
        ours: "`getDefaultDistroSeries` / `setDefaultDistroSeries`",
      },
      {
        python: "`get_commissioning_distro_series` / `set_commissioning_distro_series`",
        ours: "`getCommissioningDistroSeries` / `setCommissioningDistroSeries`",
      },
      { python: "`get_http_proxy` / `set_http_proxy`", ours: "`getHttpProxy` / `setHttpProxy`" },
      {
        python: "`get_enable_http_proxy` / `set_enable_http_proxy`",
        ours: "`getEnableHttpProxy` / `setEnableHttpProxy`",
      },
      {
        python: "`get_curtin_verbose` / `set_curtin_verbose`",
        ours: "`getCurtinVerbose` / `setCurtinVerbose`",
      },
      {
        python: "`get_kernel_options` / `set_kernel_options`",
        ours: "`getKernelOptions` / `setKernelOptions`",
      },
      {
        python: "`get_upstream_dns` / `set_upstream_dns`",
        ours: "`getUpstreamDns` / `setUpstreamDns`",
        note: "Lists of addresses.",
      },
      {
        python: "`get_dnssec_validation` / `set_dnssec_validation`; `client.maas.DNSSEC`",
        ours: "`getDnssecValidation` / `setDnssecValidation`",
        note: '`"auto"`, `"yes"`, `"no"` (type `DNSSECValidation`); no enum object.',
      },
      {
        python: "`get_default_dns_ttl` / `set_default_dns_ttl`",
        ours: "`getDefaultDnsTtl` / `setDefaultDnsTtl`",
      },
      {
        python: "`get_enable_disk_erasing_on_release` / `set_enable_disk_erasing_on_release`",
        ours: "`getEnableDiskErasingOnRelease` / `setEnableDiskErasingOnRelease`",
      },
      {
        python: "`get_windows_kms_host` / `set_windows_kms_host`",
        ours: "`getWindowsKmsHost` / `setWindowsKmsHost`",
      },
      {
        python: "`get_boot_images_auto_import` / `set_boot_images_auto_import`",
        ours: "`getBootImagesAutoImport` / `setBootImagesAutoImport`",
      },
      {
        python: "`get_ntp_server` / `set_ntp_server`",
        ours: "`getNtpServers` / `setNtpServers`",
        note: "The `ntp_servers` setting, as a list (python used the old name `ntp_server`).",
      },
      {
        python:
          "`get_default_storage_layout` / `set_default_storage_layout`; `client.maas.StorageLayout`",
        ours: "`getDefaultStorageLayout` / `setDefaultStorageLayout`; `StorageLayout`",
        note: '`StorageLayout.FLAT` is `"flat"`; also `VMFS6`, `VMFS7`, `BLANK`, `CUSTOM`.',
      },
      {
        python: "`get_default_min_hwe_kernel` / `set_default_min_hwe_kernel`",
        ours: "`getDefaultMinHweKernel` / `setDefaultMinHweKernel`",
      },
      {
        python: "`get_enable_third_party_drivers` / `set_enable_third_party_drivers`",
        ours: "`getEnableThirdPartyDrivers` / `setEnableThirdPartyDrivers`",
      },
    ],
  },
  {
    title: "**`client.version`**",
    rows: [
      {
        python: "`client.version.get()`",
        ours: "`client.version.get()`",
        note:
          "Answers a `Version` with `version`, `subversion`, `capabilities`, `hasCapability()`, `atLeast()`.",
      },
    ],
  },
];

/** What this library has that python-libmaas has not. */
export const ONLY_HERE: ReadonlyArray<{ readonly what: string; readonly how: string }> = [
  {
    what: "Every node, typed by kind",
    how:
      "`client.nodes.list(filters)` hands out `Machine`, `Device`, `RackController`, `RegionController`.",
  },
  {
    what: "More allocation constraints",
    how:
      "`client.machines.allocate({ pool, notInPool, notArch, cpuSpeed, vlans, notVlans, devices, linkSpeed, … })`.",
  },
  {
    what: "Bulk operations, a result per machine",
    how:
      "`client.machines.deployAll(machines, params, { wait, concurrency })`; also `commissionAll`, `releaseAll`, `testAll`, `powerOnAll`, `powerOffAll`, and `runAll(machines, fn)`.",
  },
  {
    what: "Waiting for many machines at once",
    how:
      "Every `{ wait: true }` and `machine.waitFor(operation)` of a client joins one poller (`client.machines.poller`) that reads all waited machines with one `GET machines/?id=…` per round (100 per request).",
  },
  {
    what: "Machine operations python lacks",
    how:
      "`test`, `overrideFailedTesting`, `setStorageLayout`, `mountSpecial`, `unmountSpecial`, `getToken`, `setWorkloadAnnotations`; on the collection `accept`, `acceptAll`, `clone`, `addChassis`, `release`, `listAllocated`, `isRegistered`, `setZone`, `getByHostname`; on every node `results` (script runs, their output and downloads) and `nodeDevices` (PCI/USB devices); across nodes `client.nodeResults`.",
  },
  { what: "Event streams", how: "`client.events.iterate(filters, { order, pageSize, follow })`." },
  {
    what: "Families python lacks",
    how:
      "`client.sslKeys`, `notifications`, `packageRepositories`, `licenseKeys`, `dhcpSnippets`, `discoveries`, `scripts`, `commissioningScripts`, `userGroups`, `oidcProviders`; `dnsResources.create`, `dnsResourceRecords.create`; `ipAddresses.reserve` / `release`; `files.upload` / `download` / `getByKey` / `delete`; subnet `statistics`, `ipAddresses`, `reservedIpRanges`, `unreservedIpRanges`; `domains.setSerial`, `domain.setDefault`; `tag.rebuild()`, `tag.machines()` and the other node lists of a tag; `rackControllers.describePowerTypes`; `account.listCredentials`, `renameCredentials`.",
  },
  {
    what: "Client records and checks",
    how:
      "`client.export()` / `Client.resume(record)` (the secret is left out), `client.isValid()`, `Client.fromSettings(await resolveSettings())`.",
  },
  {
    what: "Faults handled in one place",
    how:
      "409/503 with `Retry-After` retried with a fresh nonce, per-call `timeout` and `signal` (every typed method's last argument), a concurrency limit, errors classed by status.",
  },
  {
    what: "The simulator",
    how:
      "`MaasSimulator.start()` from `@libmaas/client/testing`: a real HTTP server that behaves like MAAS, with fault injection.",
  },
  { what: "The REPL", how: "`repl.ts` (`deno task repl`, `deno task demo`)." },
];
