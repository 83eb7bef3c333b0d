import assert from "node:assert/strict";
import { BadRequestError, connect, ForbiddenError, ParameterError, Version } from "../../mod.ts";
import { withClient } from "./support.ts";

Deno.test("maas config: generic get and set, typed by name", async () => {
  await withClient(async (client, sim) => {
    const name: string = await client.maas.getConfig("maas_name");
    assert.equal(typeof name, "string");
    assert.equal(sim.log.at(-1)!.op, "get_config");
    assert.deepEqual(sim.log.at(-1)!.params, { name: ["maas_name"] });

    await client.maas.setConfig("maas_name", "lab-region");
    const set = sim.log.at(-1)!;
    assert.equal(set.method, "POST");
    assert.equal(set.op, "set_config");
    assert.deepEqual(set.params, { name: ["maas_name"], value: ["lab-region"] });
    assert.equal(await client.maas.getConfig("maas_name"), "lab-region");

    const autoImport: boolean = await client.maas.getConfig("boot_images_auto_import");
    assert.equal(autoImport, true);
    await client.maas.setConfig("boot_images_auto_import", false);
    assert.deepEqual(sim.log.at(-1)!.params.value, ["false"]);
    assert.equal(await client.maas.getConfig("boot_images_auto_import"), false);

    assert.equal(await client.maas.getConfig("max_node_testing_results"), 10);
    await client.maas.setConfig("max_node_testing_results", 25);
    assert.equal(await client.maas.getConfig("max_node_testing_results"), 25);
    // The old name of ntp_servers still answers.
    assert.equal(await client.maas.getConfig("ntp_server"), "ntp.ubuntu.com");
  });
});

Deno.test("maas config: typed helpers convert values both ways", async () => {
  await withClient(async (client, sim) => {
    const maas = client.maas;
    await maas.setName("region-one");
    assert.equal(await maas.getName(), "region-one");

    assert.equal(await maas.getDefaultOS(), "ubuntu");
    await maas.setDefaultDistroSeries("jammy");
    assert.equal(await maas.getDefaultDistroSeries(), "jammy");
    await maas.setCommissioningDistroSeries("jammy");
    assert.equal(await maas.getCommissioningDistroSeries(), "jammy");

    assert.equal(await maas.getHttpProxy(), null);
    await maas.setHttpProxy("http://proxy.example.com:3128/");
    assert.equal(await maas.getHttpProxy(), "http://proxy.example.com:3128/");
    await maas.setHttpProxy(null);
    assert.deepEqual(sim.log.at(-1)!.params.value, [""]);
    assert.equal(await maas.getHttpProxy(), null);

    await maas.setEnableHttpProxy(false);
    assert.equal(await maas.getEnableHttpProxy(), false);
    await maas.setUsePeerProxy(true);
    assert.equal(await maas.getUsePeerProxy(), true);

    assert.deepEqual(await maas.getUpstreamDns(), []);
    await maas.setUpstreamDns(["8.8.8.8", "2001:4860:4860::8888"]);
    assert.deepEqual(sim.log.at(-1)!.params.value, ["8.8.8.8 2001:4860:4860::8888"]);
    assert.deepEqual(await maas.getUpstreamDns(), ["8.8.8.8", "2001:4860:4860::8888"]);
    await maas.setUpstreamDns([]);
    assert.deepEqual(await maas.getUpstreamDns(), []);

    assert.equal(await maas.getDnssecValidation(), "auto");
    await maas.setDnssecValidation("no");
    assert.equal(await maas.getDnssecValidation(), "no");
    await maas.setDefaultDnsTtl(300);
    assert.equal(await maas.getDefaultDnsTtl(), 300);

    assert.deepEqual(await maas.getNtpServers(), ["ntp.ubuntu.com"]);
    await maas.setNtpServers(["0.pool.ntp.org", "10.0.0.1"]);
    assert.deepEqual(await maas.getNtpServers(), ["0.pool.ntp.org", "10.0.0.1"]);
    await maas.setNtpExternalOnly(true);
    assert.equal(await maas.getNtpExternalOnly(), true);

    assert.equal(await maas.getKernelOptions(), null);
    await maas.setKernelOptions("console=ttyS0");
    assert.equal(await maas.getKernelOptions(), "console=ttyS0");

    assert.equal(await maas.getDefaultStorageLayout(), "flat");
    await maas.setDefaultStorageLayout("lvm");
    assert.equal(await maas.getDefaultStorageLayout(), "lvm");

    await maas.setEnableDiskErasingOnRelease(true);
    assert.equal(await maas.getEnableDiskErasingOnRelease(), true);
    await maas.setDiskEraseWithSecureErase(false);
    assert.equal(await maas.getDiskEraseWithSecureErase(), false);
    await maas.setDiskEraseWithQuickErase(true);
    assert.equal(await maas.getDiskEraseWithQuickErase(), true);
    await maas.setBootImagesAutoImport(false);
    assert.equal(await maas.getBootImagesAutoImport(), false);

    assert.equal(await maas.getDefaultMinHweKernel(), null);
    await maas.setDefaultMinHweKernel("ga-24.04");
    assert.equal(await maas.getDefaultMinHweKernel(), "ga-24.04");
    await maas.setDefaultMinHweKernel(null);
    assert.equal(await maas.getDefaultMinHweKernel(), null);

    assert.equal(await maas.getNetworkDiscovery(), "enabled");
    await maas.setNetworkDiscovery("disabled");
    assert.equal(await maas.getNetworkDiscovery(), "disabled");
    assert.equal(await maas.getActiveDiscoveryInterval(), 10800);
    await maas.setActiveDiscoveryInterval(3600);
    assert.equal(await maas.getActiveDiscoveryInterval(), 3600);

    assert.equal(await maas.getMaasAutoIpmiUser(), "maas");
    await maas.setMaasAutoIpmiUser("maas-bmc");
    assert.equal(await maas.getMaasAutoIpmiUser(), "maas-bmc");

    await maas.setCurtinVerbose(false);
    assert.equal(await maas.getCurtinVerbose(), false);
    await maas.setEnableThirdPartyDrivers(false);
    assert.equal(await maas.getEnableThirdPartyDrivers(), false);
    await maas.setWindowsKmsHost("kms.example.com");
    assert.equal(await maas.getWindowsKmsHost(), "kms.example.com");
    await maas.setWindowsKmsHost(null);
    assert.equal(await maas.getWindowsKmsHost(), null);

    assert.equal(await maas.getMainArchive(), "http://archive.ubuntu.com/ubuntu");
    await maas.setMainArchive("http://mirror.example.com/ubuntu");
    assert.equal(await maas.getMainArchive(), "http://mirror.example.com/ubuntu");
    assert.equal(await maas.getPortsArchive(), "http://ports.ubuntu.com/ubuntu-ports");
  });
});

Deno.test("maas config: unknown names and bad values are 400s like MAAS's", async () => {
  await withClient(async (client, sim) => {
    for (
      const call of [
        () => client.maas.getConfig("no_such_setting"),
        () => client.maas.setConfig("no_such_setting", "x"),
      ]
    ) {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        const [message] = error.fields!.no_such_setting;
        assert.match(
          message,
          /^no_such_setting is not a valid config setting \(valid settings are: maas_name, /,
        );
        return true;
      });
    }

    const invalid = async (call: Promise<void>, field: string, message: RegExp) => {
      await assert.rejects(call, (error: unknown) => {
        assert.ok(error instanceof BadRequestError, String(error));
        assert.deepEqual(Object.keys(error.fields!), [field]);
        assert.match(error.fields![field][0], message);
        return true;
      });
    };
    await invalid(
      client.maas.setUpstreamDns(["8.8.8.8", "not-an-ip"]),
      "upstream_dns",
      /Invalid IP address: not-an-ip/,
    );
    await invalid(
      client.maas.setConfig("dnssec_validation" as string, "maybe"),
      "dnssec_validation",
      /'maybe' is not a valid dnssec_validation/,
    );
    await invalid(
      client.maas.setMaasAutoIpmiUser("x".repeat(21)),
      "maas_auto_ipmi_user",
      /at most 20 characters/,
    );
    await invalid(
      client.maas.setActiveDiscoveryInterval(42),
      "active_discovery_interval",
      /'42' is not a valid/,
    );
    await invalid(
      client.maas.setDefaultDistroSeries("warty"),
      "default_distro_series",
      /'warty' is not a valid release/,
    );
    await invalid(
      client.maas.setConfig("max_node_testing_results", 0),
      "max_node_testing_results",
      /greater than or equal to 1/,
    );
    await invalid(client.maas.setConfig("maas_name", ""), "maas_name", /This field is required/);
    await invalid(client.maas.setHttpProxy("http://"), "http_proxy", /Enter a valid URL/);
    assert.equal(
      await client.maas.getDnssecValidation(),
      "auto",
      "a refused value changes nothing",
    );

    const missing = await client.call("POST", "maas/", {
      op: "set_config",
      params: { name: "theme" },
    })
      .catch((e) => e);
    assert.ok(missing instanceof BadRequestError);
    assert.equal(missing.text, "No provided value!");

    const before = sim.log.length;
    await assert.rejects(client.maas.getConfig(""), ParameterError);
    await assert.rejects(
      client.maas.setConfig("theme", { a: 1 } as unknown as string),
      /text, a number, a boolean or null/,
    );
    // @ts-expect-error: not a choice the library knows
    await assert.rejects(client.maas.setDnssecValidation("maybe"), ParameterError);
    await assert.rejects(client.maas.setUpstreamDns(["8.8.8.8", ""]), ParameterError);
    await assert.rejects(client.maas.setDefaultDnsTtl(1.5), /whole number/);
    // @ts-expect-error: a boolean is needed
    await assert.rejects(client.maas.setEnableHttpProxy("yes"), /boolean/);
    assert.equal(sim.log.length, before, "no request before the arguments are checked");

    const alice = sim.createUser({ username: "alice" });
    const user = await connect(sim.url, { apikey: alice.apikey });
    try {
      assert.equal(typeof await user.maas.getName(), "string", "anyone may read settings");
      await assert.rejects(user.maas.setName("mine"), ForbiddenError);
    } finally {
      user.close();
    }
  });
});

Deno.test("maas config: extra and request options reach the op; positional values cannot be repeated", async () => {
  await withClient(async (client, sim) => {
    await client.maas.setConfig("maas_name", "lab", { extra: { note: "x" } }, { timeout: 5_000 });
    assert.deepEqual(sim.log.at(-1)!.params, { name: ["maas_name"], value: ["lab"], note: ["x"] });
    assert.equal(await client.maas.getName({}, { retries: 0 }), "lab");
    const before = sim.log.length;
    await assert.rejects(
      client.maas.getConfig("maas_name", { name: "other" } as never),
      /name is given as an argument/,
    );
    await assert.rejects(client.maas.getName({ signal: 1 } as never), /request option/);
    await assert.rejects(client.maas.getConfig("", {}), /Missing required parameter "name"/);
    assert.equal(sim.log.length, before);
  });
});

Deno.test("version: typed, with capabilities read once", async () => {
  await withClient(async (client, sim) => {
    const version = await client.version.get();
    assert.ok(version instanceof Version);
    assert.equal(version.version, "3.6.1");
    assert.equal(version.subversion, "");
    assert.deepEqual(version.numbers, [3, 6, 1]);
    assert.ok(version.capabilities.includes("authenticate-api"));
    assert.ok(version.hasCapability("authenticate-api"));
    assert.equal(version.hasCapability("teleportation"), false);
    assert.ok(version.atLeast("3.6"));
    assert.ok(version.atLeast("3.6.1"));
    assert.ok(version.atLeast("2"));
    assert.equal(version.atLeast("3.7"), false);
    assert.equal(version.atLeast("3.6.2"), false);
    assert.throws(() => version.atLeast("three"), ParameterError);
    assert.equal(String(version), "MAAS 3.6.1");
    assert.deepEqual(version.toJSON(), version.data);
    assert.equal(version.get("version"), "3.6.1");

    const before = sim.log.length;
    assert.equal(await client.version.hasCapability("authenticate-api"), true);
    assert.equal(await client.version.hasCapability("no-such-thing"), false);
    assert.equal(sim.log.length, before, "the version read by get() is kept");

    const fresh = await connect(sim.url, { apikey: sim.adminApiKey });
    try {
      assert.equal(await fresh.version.hasCapability("authenticate-api"), true);
      assert.equal(await fresh.version.hasCapability("authenticate-api"), true);
      assert.equal(sim.log.length, before + 1, "one request for both questions");
    } finally {
      fresh.close();
    }
  }, { version: "3.6.1" });
});
