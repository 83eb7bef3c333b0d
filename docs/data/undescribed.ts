/**
 * The typed methods of the families that have no description yet, by MAAS handler and op
 * (`"GET read"`, `"POST deploy"`), for the coverage page and the contract test's counts. A family
 * leaves this table when its description is written: from then on its description says which
 * methods send each op.
 *
 * @module
 */

/** Typed methods by handler, then by op (`METHOD name`, as in `tests/fixtures/maas-api/`). */
export const UNDESCRIBED: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  BcacheCacheSetHandler: {
    "DELETE delete": ["cacheSet.delete()"],
    "GET read": ["machine.bcacheCacheSets.get()"],
    "PUT update": ["cacheSet.update()"],
  },
  BcacheCacheSetsHandler: {
    "GET read": ["machine.bcacheCacheSets.list()"],
    "POST create": ["machine.bcacheCacheSets.create()"],
  },
  BcacheHandler: {
    "DELETE delete": ["bcache.delete()"],
    "GET read": ["machine.bcaches.get()"],
    "PUT update": ["bcache.update()", "bcache.save()"],
  },
  BcachesHandler: {
    "GET read": ["machine.bcaches.list()"],
    "POST create": ["machine.bcaches.create()"],
  },
  BlockDeviceHandler: {
    "DELETE delete": ["blockDevice.delete()"],
    "GET read": ["machine.blockDevices.get()"],
    "POST add_tag": ["blockDevice.addTag()"],
    "POST format": ["blockDevice.format()"],
    "POST mount": ["blockDevice.mount()"],
    "POST remove_tag": ["blockDevice.removeTag()"],
    "POST set_boot_disk": ["blockDevice.setBootDisk()"],
    "POST unformat": ["blockDevice.unformat()"],
    "POST unmount": ["blockDevice.unmount()"],
    "PUT update": ["blockDevice.save()"],
  },
  BlockDevicesHandler: {
    "GET read": ["machine.blockDevices.list()"],
    "POST create": ["machine.blockDevices.create()"],
  },
  BootResourceFileUploadHandler: {
    "PUT update": ["client.bootResources.create()"],
  },
  BootResourceHandler: {
    "DELETE delete": ["client.bootResources.delete()"],
    "GET read": ["client.bootResources.get()"],
  },
  BootResourcesHandler: {
    "GET is_importing": ["client.bootResources.isImporting()"],
    "GET read": ["client.bootResources.list()"],
    "POST create": ["client.bootResources.create()"],
    "POST import": ["client.bootResources.import()"],
    "POST stop_import": ["client.bootResources.stopImport()"],
  },
  BootSourceHandler: {
    "DELETE delete": ["bootSource.delete()"],
    "GET read": ["client.bootSources.get()"],
    "PUT update": ["bootSource.save()"],
  },
  BootSourceSelectionHandler: {
    "DELETE delete": ["selection.delete()"],
    "GET read": ["bootSource.selections.get()"],
    "PUT update": ["selection.save()"],
  },
  BootSourceSelectionsHandler: {
    "GET read": ["bootSource.selections.list()"],
    "POST create": ["bootSource.selections.create()"],
  },
  BootSourcesHandler: {
    "GET read": ["client.bootSources.list()"],
    "POST create": ["client.bootSources.create()"],
  },
  DHCPSnippetHandler: {
    "DELETE delete": ["snippet.delete()"],
    "GET read": ["client.dhcpSnippets.get()"],
    "POST revert": ["snippet.revert()"],
    "PUT update": ["snippet.save()"],
  },
  DHCPSnippetsHandler: {
    "GET read": ["client.dhcpSnippets.list()"],
    "POST create": ["client.dhcpSnippets.create()"],
  },
  DNSResourceHandler: {
    "DELETE delete": ["dnsResource.delete()"],
    "GET read": ["client.dnsResources.get()"],
    "PUT update": ["dnsResource.save()"],
  },
  DNSResourceRecordHandler: {
    "DELETE delete": ["record.delete()"],
    "GET read": ["client.dnsResourceRecords.get()"],
    "PUT update": ["record.save()"],
  },
  DNSResourceRecordsHandler: {
    "GET read": ["client.dnsResourceRecords.list()"],
    "POST create": ["client.dnsResourceRecords.create()"],
  },
  DNSResourcesHandler: {
    "GET read": ["client.dnsResources.list()"],
    "POST create": ["client.dnsResources.create()"],
  },
  DiscoveriesHandler: {
    "GET by_unknown_ip": ["client.discoveries.byUnknownIp()"],
    "GET by_unknown_ip_and_mac": ["client.discoveries.byUnknownIpAndMac()"],
    "GET by_unknown_mac": ["client.discoveries.byUnknownMac()"],
    "GET read": ["client.discoveries.list()"],
    "POST clear": ["client.discoveries.clear()"],
    "POST clear_by_mac_and_ip": ["client.discoveries.clearByMacAndIp()", "discovery.delete()"],
    "POST scan": ["client.discoveries.scan()"],
  },
  DiscoveryHandler: {
    "GET read": ["client.discoveries.get()"],
  },
  DomainHandler: {
    "DELETE delete": ["domain.delete()"],
    "GET read": ["client.domains.get()"],
    "POST set_default": ["domain.setDefault()"],
    "PUT update": ["domain.save()"],
  },
  DomainsHandler: {
    "GET read": ["client.domains.list()", "client.domains.getDefault()"],
    "POST create": ["client.domains.create()"],
    "POST set_serial": ["client.domains.setSerial()"],
  },
  FabricHandler: {
    "DELETE delete": ["fabric.delete()"],
    "GET read": ["client.fabrics.get()"],
    "PUT update": ["fabric.save()"],
  },
  FabricsHandler: {
    "GET read": ["client.fabrics.list()"],
    "POST create": ["client.fabrics.create()"],
  },
  IPAddressesHandler: {
    "GET read": ["client.ipAddresses.list()", "ipAddress.refresh()"],
    "POST release": ["client.ipAddresses.release()", "ipAddress.release()", "ipAddress.delete()"],
    "POST reserve": ["client.ipAddresses.reserve()"],
  },
  IPRangeHandler: {
    "DELETE delete": ["ipRange.delete()"],
    "GET read": ["client.ipRanges.get()"],
    "PUT update": ["ipRange.save()"],
  },
  IPRangesHandler: {
    "GET read": ["client.ipRanges.list()"],
    "POST create": ["client.ipRanges.create()"],
  },
  InterfaceHandler: {
    "DELETE delete": ["iface.delete()"],
    "GET read": ["node.interfaces.get()"],
    "POST add_tag": ["iface.addTag()"],
    "POST disconnect": ["iface.disconnect()"],
    "POST link_subnet": ["iface.linkSubnet()"],
    "POST remove_tag": ["iface.removeTag()"],
    "POST set_default_gateway": ["iface.setDefaultGateway()", "link.setAsDefaultGateway()"],
    "POST unlink_subnet": ["iface.unlinkSubnet()", "link.unlink()"],
    "PUT update": ["iface.save()"],
  },
  InterfacesHandler: {
    "GET read": ["node.interfaces.list()"],
    "POST create_bond": ["node.interfaces.createBond()"],
    "POST create_bridge": ["node.interfaces.createBridge()"],
    "POST create_physical": ["node.interfaces.createPhysical()"],
    "POST create_vlan": ["node.interfaces.createVlan()"],
  },
  LicenseKeyHandler: {
    "DELETE delete": ["licenseKey.delete()"],
    "GET read": ["client.licenseKeys.get()"],
    "PUT update": ["licenseKey.save()"],
  },
  LicenseKeysHandler: {
    "GET read": ["client.licenseKeys.list()"],
    "POST create": ["client.licenseKeys.create()"],
  },
  NodeScriptHandler: {
    "DELETE delete": ["script.delete()"],
    "GET download": ["script.download()", "script.downloadText()"],
    "GET read": ["client.scripts.get()"],
    "POST add_tag": ["script.addTag()"],
    "POST remove_tag": ["script.removeTag()"],
    "POST revert": ["script.revert()"],
    "PUT update": ["script.save()", "script.upload()"],
  },
  NodeScriptsHandler: {
    "GET read": ["client.scripts.list()"],
    "POST create": ["client.scripts.create()"],
  },
  NotificationHandler: {
    "DELETE delete": ["notification.delete()"],
    "GET read": ["client.notifications.get()"],
    "POST dismiss": ["notification.dismiss()"],
    "PUT update": ["notification.save()"],
  },
  NotificationsHandler: {
    "GET read": ["client.notifications.list()"],
    "POST create": ["client.notifications.create()"],
  },
  PackageRepositoriesHandler: {
    "GET read": ["client.packageRepositories.list()"],
    "POST create": ["client.packageRepositories.create()"],
  },
  PackageRepositoryHandler: {
    "DELETE delete": ["repository.delete()"],
    "GET read": ["client.packageRepositories.get()"],
    "PUT update": ["repository.save()"],
  },
  PartitionHandler: {
    "DELETE delete": ["partition.delete()"],
    "GET read": ["blockDevice.partitions.get()"],
    "POST add_tag": ["partition.addTag()"],
    "POST format": ["partition.format()"],
    "POST mount": ["partition.mount()"],
    "POST remove_tag": ["partition.removeTag()"],
    "POST unformat": ["partition.unformat()"],
    "POST unmount": ["partition.unmount()"],
  },
  PartitionsHandler: {
    "GET read": ["blockDevice.partitions.list()"],
    "POST create": ["blockDevice.partitions.create()"],
  },
  PodHandler: {
    "DELETE delete": ["vmHost.delete()"],
    "GET parameters": ["vmHost.parameters()"],
    "GET read": ["client.vmHosts.get()"],
    "POST add_tag": ["vmHost.addTag()"],
    "POST compose": ["vmHost.compose()"],
    "POST refresh": ["vmHost.refresh()"],
    "POST remove_tag": ["vmHost.removeTag()"],
    "PUT update": ["vmHost.save()"],
  },
  PodsHandler: {
    "GET read": ["client.vmHosts.list()"],
    "POST create": ["client.vmHosts.create()"],
  },
  RaidHandler: {
    "DELETE delete": ["raid.delete()"],
    "GET read": ["machine.raids.get()"],
    "PUT update": ["raid.update()", "raid.save()"],
  },
  RaidsHandler: {
    "GET read": ["machine.raids.list()"],
    "POST create": ["machine.raids.create()"],
  },
  SpaceHandler: {
    "DELETE delete": ["space.delete()"],
    "GET read": ["client.spaces.get()"],
    "PUT update": ["space.save()"],
  },
  SpacesHandler: {
    "GET read": ["client.spaces.list()"],
    "POST create": ["client.spaces.create()"],
  },
  StaticRouteHandler: {
    "DELETE delete": ["route.delete()"],
    "GET read": ["client.staticRoutes.get()"],
    "PUT update": ["route.save()"],
  },
  StaticRoutesHandler: {
    "GET read": ["client.staticRoutes.list()"],
    "POST create": ["client.staticRoutes.create()"],
  },
  SubnetHandler: {
    "DELETE delete": ["subnet.delete()"],
    "GET ip_addresses": ["subnet.ipAddresses()"],
    "GET read": ["client.subnets.get()"],
    "GET reserved_ip_ranges": ["subnet.reservedIpRanges()"],
    "GET statistics": ["subnet.statistics()"],
    "GET unreserved_ip_ranges": ["subnet.unreservedIpRanges()"],
    "PUT update": ["subnet.save()"],
  },
  SubnetsHandler: {
    "GET read": ["client.subnets.list()"],
    "POST create": ["client.subnets.create()"],
  },
  VlanHandler: {
    "DELETE delete": ["vlan.delete()"],
    "GET read": ["client.vlans.get()"],
    "PUT update": ["vlan.save()"],
  },
  VlansHandler: {
    "GET read": ["client.vlans.list()"],
    "POST create": ["client.vlans.create()"],
  },
  VmHostHandler: {
    "DELETE delete": ["vmHost.delete()"],
    "GET parameters": ["vmHost.parameters()"],
    "GET read": ["client.vmHosts.get()"],
    "POST add_tag": ["vmHost.addTag()"],
    "POST compose": ["vmHost.compose()"],
    "POST refresh": ["vmHost.refresh()"],
    "POST remove_tag": ["vmHost.removeTag()"],
    "PUT update": ["vmHost.save()"],
  },
  VmHostsHandler: {
    "GET read": ["client.vmHosts.list()"],
    "POST create": ["client.vmHosts.create()"],
  },
  VmfsDatastoreHandler: {
    "DELETE delete": ["datastore.delete()"],
    "GET read": ["machine.vmfsDatastores.get()"],
    "PUT update": ["datastore.update()", "datastore.save()"],
  },
  VmfsDatastoresHandler: {
    "GET read": ["machine.vmfsDatastores.list()"],
    "POST create": ["machine.vmfsDatastores.create()"],
  },
  VolumeGroupHandler: {
    "DELETE delete": ["volumeGroup.delete()"],
    "GET read": ["machine.volumeGroups.get()"],
    "POST create_logical_volume": ["volumeGroup.createLogicalVolume()"],
    "POST delete_logical_volume": ["volumeGroup.deleteLogicalVolume()"],
    "PUT update": ["volumeGroup.update()", "volumeGroup.save()"],
  },
  VolumeGroupsHandler: {
    "GET read": ["machine.volumeGroups.list()"],
    "POST create": ["machine.volumeGroups.create()"],
  },
};
