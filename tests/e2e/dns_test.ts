import assert from "node:assert/strict";
import {
  BadRequestError,
  connect,
  DNSResource,
  DNSResourceRecord,
  Domain,
  ForbiddenError,
  NotFoundError,
  ParameterError,
  UnsupportedError,
} from "../../mod.ts";
import { nodeAddresses } from "../../lib/testing/families/interfaces/render.ts";
import { describedActions, lastEntry, withClient } from "./support.ts";

function fields(expected: Record<string, string[]>) {
  return (error: unknown) => {
    assert.ok(error instanceof BadRequestError, String(error));
    assert.deepEqual(error.fields, expected);
    return true;
  };
}

Deno.test("domains: list, default, create, save only what changed, setDefault, delete", async () => {
  await withClient(async (client, sim) => {
    const domains = await client.domains.list();
    const maas = domains.find((domain) => domain.id === 0);
    assert.ok(maas instanceof Domain);
    assert.equal(maas.name, "maas");
    assert.equal(maas.isDefault, true);
    assert.equal(maas.authoritative, true);
    assert.equal(maas.ttl, null);
    assert.equal(maas.resourceRecordCount, 0);
    assert.equal(String(maas), "Domain 0 maas (default)");
    assert.equal((await client.domains.getDefault()).id, 0);

    const domain = await client.domains.create({ name: "edge.example.com.", ttl: 900 });
    assert.deepEqual(lastEntry(sim).params, { name: ["edge.example.com."], ttl: ["900"] });
    assert.equal(domain.name, "edge.example.com", "MAAS strips the trailing dot");
    assert.equal(domain.ttl, 900);
    assert.equal(domain.isDefault, false);
    assert.equal(domain.resourcePath, `domains/${domain.id}/`);
    assert.equal((await client.domains.get(domain.id)).name, "edge.example.com");

    domain.ttl = 600;
    await domain.save();
    assert.equal(lastEntry(sim).method, "PUT");
    assert.deepEqual(lastEntry(sim).params, { ttl: ["600"] });
    assert.equal(domain.ttl, 600);
    domain.name = "edge.example.org";
    await domain.save();
    assert.deepEqual(lastEntry(sim).params, { name: ["edge.example.org"] });

    assert.equal((await domain.setDefault()).isDefault, true);
    assert.equal(lastEntry(sim).op, "set_default");
    assert.equal((await client.domains.getDefault()).id, domain.id);
    assert.equal((await client.domains.get(0)).isDefault, false);
    await assert.rejects(domain.delete(), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.text, "This domain is the default domain, it cannot be deleted.");
      return true;
    });
    await (await client.domains.get(0)).setDefault();
    await domain.delete();
    await assert.rejects(client.domains.get(domain.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No Domain matches the given query.");
      return true;
    });
  });
});

Deno.test("domains: a node refers to its domain by id and shows it as domains/{id}/ does", async () => {
  await withClient(async (client, sim) => {
    const [machine] = sim.state.machines.values();
    const path = `machines/${machine.data.system_id}/`;
    const domainOf = async () =>
      (await client.call<Record<string, unknown>>("GET", path)) as {
        domain: Record<string, unknown>;
        fqdn: string;
      };
    await client.dnsResources.create({ fqdn: "www.maas", ipAddresses: ["10.20.0.40"] });
    const maas = await client.call<Record<string, unknown>>("GET", "domains/0/");
    assert.equal(maas.resource_record_count, 1);
    assert.deepEqual((await domainOf()).domain, maas, "the DNS family's rendering, counts and all");

    const lab = await client.domains.create({ name: "edge.example.com" });
    await client.call("PUT", path, { params: { domain: lab.name } });
    assert.equal(machine.domainId, lab.id, "the record keeps the id");
    lab.name = "edge.example.org";
    await lab.save();
    const renamed = await domainOf();
    assert.equal(renamed.domain.name, "edge.example.org");
    assert.equal(renamed.fqdn, `${machine.data.hostname}.edge.example.org`);
    await lab.setDefault();
    assert.equal((await domainOf()).domain.is_default, true);
  }, { machines: 2 });
});

Deno.test("DNS resources nest an address as ipaddresses/ renders it, its subnet as subnets/ does", async () => {
  await withClient(async (client) => {
    await client.call("PUT", "subnets/1/", {
      params: { description: "management", allow_dns: "false" },
    });
    await client.ipAddresses.reserve({
      ip: "10.20.0.61",
      mac: "52:54:00:aa:00:61",
      hostname: "printer.maas",
    });
    const [resource] = await client.call<Record<string, unknown>[]>("GET", "dnsresources/", {
      params: { name: "printer" },
    });
    const [nested] = resource.ip_addresses as Record<string, unknown>[];
    const listed = (await client.call<Record<string, unknown>[]>("GET", "ipaddresses/"))
      .find((address) => address.ip === "10.20.0.61");
    assert.deepEqual(nested, listed, "one renderer for a reserved address");
    assert.equal((nested.interface_set as unknown[]).length, 1, "the MAC's interface of no node");
    const subnet = await client.call<Record<string, unknown>>("GET", "subnets/1/");
    assert.deepEqual(nested.subnet, subnet, "the networking family's subnet, as changed");
    assert.equal((nested.subnet as Record<string, unknown>).description, "management");

    const snippet = await client.dhcpSnippets.create({
      name: "ntp",
      value: "option ntp-servers 10.20.0.2;",
      subnet: "10.20.0.0/20",
    });
    const rendered = await client.call<Record<string, unknown>>(
      "GET",
      `dhcp-snippets/${snippet.id}/`,
    );
    assert.deepEqual(rendered.subnet, subnet, "DHCP snippets embed the same subnet");
  });
});

Deno.test("domains: forward DNS servers, field errors, set_serial, parameter errors", async () => {
  await withClient(async (client, sim) => {
    const forwarded = await client.domains.create({
      name: "corp.example.com",
      authoritative: false,
      forwardDnsServers: ["10.0.0.53", "10.0.1.53:5353"],
    });
    assert.deepEqual(lastEntry(sim).params, {
      name: ["corp.example.com"],
      authoritative: ["false"],
      forward_dns_servers: ["10.0.0.53 10.0.1.53:5353"],
    });
    assert.equal(forwarded.authoritative, false);
    forwarded.forwardDnsServers = ["10.0.2.53"];
    await forwarded.save();
    assert.deepEqual(lastEntry(sim).params, { forward_dns_servers: ["10.0.2.53"] });

    await assert.rejects(
      client.domains.create({ name: "auth.example.com", forwardDnsServers: ["10.0.0.53"] }),
      fields({ __all__: ["a domain cannot be both authoritative and have forward dns servers"] }),
    );
    await assert.rejects(
      client.domains.create({
        name: "x.example.com",
        authoritative: false,
        forwardDnsServers: ["nope"],
      }),
      fields({
        forward_dns_servers: [
          "Invalid IP and port combination: nope;please provide a list of space-separated IP addresses ",
        ],
      }),
    );
    await assert.rejects(
      client.domains.create({ name: "maas" }),
      fields({ name: ["Domain with this Name already exists."] }),
    );
    await assert.rejects(
      client.domains.create({ name: "bad_name" }),
      fields({ name: ["Domain name contains invalid characters."] }),
    );
    await assert.rejects(
      client.domains.create({ name: "-bad.example.com" }),
      fields({ name: ["Invalid domain name: -bad.example.com."] }),
    );
    await assert.rejects(
      client.domains.create({ name: "ttl.example.com", ttl: 0 }),
      fields({ ttl: ["Ensure this value is greater than or equal to 1."] }),
    );

    await client.domains.setSerial(2026010101);
    assert.equal(lastEntry(sim).op, "set_serial");
    assert.deepEqual(lastEntry(sim).params, { serial: ["2026010101"] });
    await assert.rejects(
      client.call("POST", "domains/", { op: "set_serial", params: { serial: 0 } }),
      fields({ serial: ["Expected a serial number between 1 and 2147483647"] }),
    );
    await assert.rejects(
      client.call("POST", "domains/", { op: "set_serial" }),
      fields({ serial: ["Missing parameter"] }),
    );

    const before = sim.log.length;
    await assert.rejects(client.domains.setSerial(0), /from 1 to 2147483647/);
    await assert.rejects(client.domains.setSerial(2 ** 31), ParameterError);
    await assert.rejects(client.domains.setSerial(1.5), ParameterError);
    await assert.rejects(client.domains.get(1.5), /a non-empty name or a whole number/);
    await assert.rejects(
      client.domains.create({ name: "x", forwardDnsServer: ["10.0.0.1"] } as never),
      /unknown option "forwardDnsServer"; did you mean "forwardDnsServers"\?/,
    );
    await assert.rejects(
      client.domains.create({ name: "x", ttl: "60" as unknown as number }),
      ParameterError,
    );
    await assert.rejects(
      client.domains.create({ name: "x", forwardDnsServers: "10.0.0.1" as unknown as string[] }),
      ParameterError,
    );
    assert.equal(sim.log.length, before, "no request was sent");

    const { apikey } = sim.createUser({ username: "erin" });
    const erin = await connect(sim.url, { apikey });
    try {
      assert.ok((await erin.domains.list()).length >= 2);
      await assert.rejects(erin.domains.create({ name: "mine.example.com" }), ForbiddenError);
      await assert.rejects(erin.domains.setSerial(5), ForbiddenError);
    } finally {
      erin.close();
    }
  });
});

Deno.test("DNS resources: create by fqdn or name+domain, filter, save, addresses, delete", async () => {
  await withClient(async (client, sim) => {
    const www = await client.dnsResources.create({
      fqdn: "www.maas",
      ipAddresses: ["10.20.0.50", "10.20.0.51"],
      addressTtl: 120,
    });
    assert.ok(www instanceof DNSResource);
    assert.deepEqual(lastEntry(sim).params, {
      fqdn: ["www.maas"],
      address_ttl: ["120"],
      ip_addresses: ["10.20.0.50 10.20.0.51"],
    });
    assert.equal(www.fqdn, "www.maas");
    assert.equal(www.addressTtl, 120);
    assert.deepEqual(www.addresses, ["10.20.0.50", "10.20.0.51"]);
    assert.equal(www.ipAddresses?.[0].alloc_type_name, "User reserved");
    assert.equal((www.ipAddresses?.[0].subnet as { cidr: string }).cidr, "10.20.0.0/20");
    assert.deepEqual(www.resourceRecords, []);
    assert.equal(String(www), `DNSResource ${www.id} www.maas (10.20.0.50, 10.20.0.51)`);

    const lab = (await client.domains.list()).find((domain) => domain.name === "lab.example.com")!;
    const api = await client.dnsResources.create({ name: "api", domain: lab });
    assert.deepEqual(lastEntry(sim).params, { name: ["api"], domain: [String(lab.id)] });
    assert.equal(api.fqdn, "api.lab.example.com");
    assert.deepEqual(api.addresses, []);

    assert.deepEqual((await client.dnsResources.list()).map((each) => each.fqdn), [
      "www.maas",
      "api.lab.example.com",
    ]);
    assert.deepEqual(
      (await client.dnsResources.list({ domain: "lab.example.com" })).map((each) => each.id),
      [api.id],
    );
    assert.deepEqual((await client.dnsResources.list({ name: "www" })).map((each) => each.id), [
      www.id,
    ]);
    assert.deepEqual(
      (await client.dnsResources.list({ fqdn: "www.maas" })).map((each) => each.id),
      [
        www.id,
      ],
    );
    assert.equal((await client.dnsResources.get(www.id)).fqdn, "www.maas");
    assert.equal((await client.domains.get(0)).resourceRecordCount, 2);

    www.addressTtl = 300;
    await www.save();
    assert.equal(lastEntry(sim).method, "PUT");
    assert.deepEqual(lastEntry(sim).params, { address_ttl: ["300"] });
    www.addresses = ["10.20.0.52"];
    assert.deepEqual(www.addresses, ["10.20.0.52"], "the pending change reads back");
    await www.save();
    assert.deepEqual(lastEntry(sim).params, { ip_addresses: ["10.20.0.52"] });
    assert.deepEqual(www.addresses, ["10.20.0.52"]);
    www.fqdn = "web.lab.example.com";
    await www.save();
    assert.equal(www.fqdn, "web.lab.example.com");
    await www.update({ name: "site", domain: 0, extra: { address_ttl: "600" } });
    assert.deepEqual(lastEntry(sim).params, {
      name: ["site"],
      domain: ["0"],
      address_ttl: ["600"],
    });
    assert.equal(www.fqdn, "site.maas");
    assert.equal(www.addressTtl, 600);

    await api.delete();
    await assert.rejects(client.dnsResources.get(api.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No DNSResource matches the given query.");
      return true;
    });
  });
});

Deno.test("DNS resources: failures and the implicit records of machines (all: true)", async () => {
  await withClient(async (client, sim) => {
    await client.dnsResources.create({ fqdn: "dup.maas" });
    await assert.rejects(
      client.dnsResources.create({ name: "dup", domain: 0 }),
      fields({ __all__: ["Labels must be unique within their zone."] }),
    );
    await assert.rejects(
      client.dnsResources.create({ name: "bad_label", domain: "maas", ipAddresses: ["10.0.0.1"] }),
      fields({ __all__: ["Invalid dnsresource name: bad_label."] }),
    );
    await assert.rejects(
      client.dnsResources.create({ name: "ip", domain: "maas", ipAddresses: ["10.0.0.300"] }),
      fields({ ip_addresses: ["Enter a valid IPv4 or IPv6 address."] }),
    );
    await assert.rejects(
      client.dnsResources.create({ name: "x", domain: "nosuch" }),
      NotFoundError,
    );
    await assert.rejects(client.dnsResources.list({ domain: "nosuch" }), NotFoundError);

    await assert.rejects(
      client.dnsResources.create({}),
      fields({ name: ["This field is required."], domain: ["This field is required."] }),
    );
    await assert.rejects(
      client.dnsResources.create({ name: "x" }),
      fields({ domain: ["This field is required."] }),
    );

    const before = sim.log.length;
    await assert.rejects(
      client.dnsResources.create({
        fqdn: "x.maas",
        ipAddresses: "10.0.0.1" as unknown as string[],
      }),
      ParameterError,
    );
    await assert.rejects(
      client.dnsResources.list({ all: "yes" as unknown as boolean }),
      ParameterError,
    );
    await assert.rejects(client.dnsResources.get(undefined as unknown as number), ParameterError);
    assert.equal(sim.log.length, before, "no request was sent");

    const addressesOf = (systemId: string) => nodeAddresses(sim.state.interfaces.of(systemId));
    const withAddresses = [...sim.state.machines.values()].find((machine) =>
      addressesOf(machine.data.system_id).length > 0
    );
    assert.ok(withAddresses, "the seeded inventory has machines with addresses");
    const all = await client.dnsResources.list({ all: true });
    assert.deepEqual(lastEntry(sim).params, { all: ["true"] });
    const domain = sim.state.site.domains.find((one) => one.id === withAddresses.domainId)!;
    const fqdn = `${withAddresses.data.hostname}.${domain.name}`;
    const implicit = all.find((resource) => resource.fqdn === fqdn);
    assert.ok(implicit);
    assert.equal(implicit.id, -1);
    assert.equal(implicit.ipAddresses, null);
    assert.deepEqual(implicit.addresses, []);
    assert.deepEqual(
      implicit.resourceRecords.map((record) => record.rrdata),
      addressesOf(withAddresses.data.system_id),
    );
    assert.equal(implicit.resourceRecords[0].system_id, withAddresses.data.system_id);
    assert.ok(all.some((resource) => resource.fqdn === "dup.maas"));
    const [rack] = await client.rackControllers.list();
    const rackRecord = all.find((resource) => resource.fqdn === rack.fqdn);
    assert.ok(rackRecord, "controllers have implicit records too");
    assert.deepEqual(rackRecord.resourceRecords.map((record) => record.rrdata), rack.ipAddresses);
    assert.ok(!(await client.dnsResources.list()).some((resource) => resource.id === -1));
  }, { machines: 12, seed: 4 });
});

Deno.test("DNS resource records: create, list with filters, save, delete, and MAAS's checks", async () => {
  await withClient(async (client, sim) => {
    const mx = await client.dnsResourceRecords.create({
      name: "@",
      domain: "maas",
      rrtype: "MX",
      rrdata: "10 mail.example.com",
    });
    assert.ok(mx instanceof DNSResourceRecord);
    assert.deepEqual(lastEntry(sim).params, {
      name: ["@"],
      domain: ["maas"],
      rrtype: ["MX"],
      rrdata: ["10 mail.example.com"],
    });
    assert.equal(mx.fqdn, "maas");
    assert.equal(mx.rrtype, "MX");
    assert.equal(mx.ttl, null);
    assert.equal(String(mx), `DNSResourceRecord ${mx.id} maas MX 10 mail.example.com`);

    const cname = await client.dnsResourceRecords.create({
      fqdn: "ftp.maas",
      rrtype: "cname",
      rrdata: "www.maas",
      ttl: 60,
    });
    assert.equal(cname.rrtype, "CNAME", "MAAS upper-cases the type");
    assert.equal(cname.fqdn, "ftp.maas");
    const srv = await client.dnsResourceRecords.create({
      fqdn: "_ldap._tcp.maas",
      rrtype: "SRV",
      rrdata: "0 5 389 ldap.maas",
    });
    assert.equal(srv.fqdn, "_ldap._tcp.maas");

    const ftp = (await client.dnsResources.list({ name: "ftp" }))[0];
    assert.deepEqual(ftp.resourceRecords.map((record) => record.rrtype), ["CNAME"]);

    assert.deepEqual(
      (await client.dnsResourceRecords.list({ rrtype: "MX" })).map((record) => record.id),
      [mx.id],
    );
    assert.deepEqual(
      (await client.dnsResourceRecords.list({ fqdn: "ftp.maas" })).map((record) => record.id),
      [cname.id],
    );
    assert.equal((await client.dnsResourceRecords.list({ domain: 0 })).length, 3);
    assert.equal((await client.dnsResourceRecords.get(mx.id)).rrdata, "10 mail.example.com");

    mx.rrdata = "20 mail2.example.com";
    await mx.save();
    assert.equal(lastEntry(sim).method, "PUT");
    assert.deepEqual(lastEntry(sim).params, { rrdata: ["20 mail2.example.com"] });
    assert.equal(mx.rrdata, "20 mail2.example.com");

    await assert.rejects(
      client.dnsResourceRecords.create({ fqdn: "ftp.maas", rrtype: "TXT", rrdata: "hello" }),
      fields({
        __all__: ["CNAME records for a name cannot coexist with non-CNAME records."],
      }),
    );
    await assert.rejects(
      client.dnsResourceRecords.create({ fqdn: "mail.maas", rrtype: "MX", rrdata: "mail" }),
      fields({
        __all__: [
          "Invalid MX: Should be '<preference> <server>'. Range for preference is 0-65535.",
        ],
      }),
    );
    await assert.rejects(
      client.dnsResourceRecords.create({ fqdn: "a.maas", rrtype: "A", rrdata: "10.0.0.1" }),
      fields({ rrtype: ["A is not one of CNAME MX NS SRV SSHFP TXT."] }),
    );
    assert.equal(
      (await client.dnsResources.list({ name: "mail" })).length,
      0,
      "a refused record leaves no DNS resource behind",
    );
    await assert.rejects(
      client.dnsResourceRecords.create({ rrtype: "TXT", rrdata: "x" }),
      (error: unknown) =>
        error instanceof BadRequestError &&
        error.text === "Either name and domain (or fqdn) must be specified",
    );
    await assert.rejects(
      client.call("POST", "dnsresourcerecords/", { params: { fqdn: "x.maas", rrdata: "x" } }),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.text, "rrtype must be provided.");
        return true;
      },
    );

    await cname.delete();
    assert.equal(
      (await client.dnsResources.list({ name: "ftp" })).length,
      0,
      "the DNS resource went with its last record",
    );
    await assert.rejects(client.dnsResourceRecords.get(cname.id), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.text, "No DNSData matches the given query.");
      return true;
    });

    const before = sim.log.length;
    await assert.rejects(
      client.dnsResourceRecords.create({ fqdn: "x.maas", rrdata: "x" } as never),
      /Missing required parameter "rrtype"/,
    );
    await assert.rejects(
      client.dnsResourceRecords.create({
        fqdn: "x.maas",
        rrtype: "TXT",
        rrdata: "x",
        ttl: "1" as never,
      }),
      ParameterError,
    );
    assert.equal(sim.log.length, before, "no request was sent");
  });
});

Deno.test("describe: domains, DNS resources and records are served with MAAS 3.8's actions", async () => {
  await withClient(async (client) => {
    const handlers = await describedActions(client);
    const expected: Record<string, [string, string[]]> = {
      DomainsHandler: ["domains/", ["GET read", "POST create", "POST set_serial (op)"]],
      DomainHandler: [
        "domains/{id}/",
        ["DELETE delete", "GET read", "POST set_default (op)", "PUT update"],
      ],
      DNSResourcesHandler: ["dnsresources/", ["GET read", "POST create"]],
      DNSResourceHandler: ["dnsresources/{id}/", ["DELETE delete", "GET read", "PUT update"]],
      DNSResourceRecordsHandler: ["dnsresourcerecords/", ["GET read", "POST create"]],
      DNSResourceRecordHandler: [
        "dnsresourcerecords/{id}/",
        ["DELETE delete", "GET read", "PUT update"],
      ],
    };
    for (const [name, [path, actions]] of Object.entries(expected)) {
      assert.deepEqual(handlers.get(name), { path: `/MAAS/api/2.0/${path}`, actions }, name);
    }
  });
});

Deno.test("domains: forward DNS servers are refused before sending on MAAS 2.9, which lacks them", async () => {
  await withClient(async (client, sim) => {
    const refused = (error: unknown) => {
      assert.ok(error instanceof UnsupportedError, String(error));
      assert.equal(
        error.message,
        "client.domains.create(): forwardDnsServers is not in MAAS 2.9.2; of the known lines, " +
          "3.7, 3.8 and master have it",
      );
      assert.deepEqual(error.lines, ["3.7", "3.8", "master"]);
      return true;
    };
    await assert.rejects(
      client.domains.create({
        name: "corp.example.com",
        authoritative: false,
        forwardDnsServers: ["10.0.0.53"],
      }),
      refused,
    );
    assert.ok(!sim.log.some((entry) => entry.path.endsWith("/domains/")), "nothing was sent");
    const domain = await client.domains.create({ name: "corp.example.com", authoritative: false });
    domain.forwardDnsServers = ["10.0.0.53"];
    await assert.rejects(domain.save(), (error: unknown) => {
      assert.ok(error instanceof UnsupportedError);
      assert.match(error.message, /^domain\.save\(\): forwardDnsServers is not in MAAS 2\.9\.2/);
      return true;
    });
    assert.equal(lastEntry(sim).method, "POST", "the save sent nothing");
  }, { maasVersion: "2.9" });
});
