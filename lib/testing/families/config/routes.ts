/**
 * `maas/`: the server's configuration settings, read with `op=get_config` and changed with
 * `op=set_config`. Names are checked against MAAS's own list and values with its form rules and
 * error texts.
 *
 * @module
 */

import {
  booleanField,
  charField,
  type Fields,
  FormErrors,
  getMandatoryParam,
  integerField,
  REQUIRED,
} from "../../maas_forms.ts";
import { FormFields } from "../../request.ts";
import { HTML_TYPE, ReplyError, text } from "../../reply.ts";
import type { RouteTable } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { usableReleases } from "../boot/model.ts";

/** Reads the setting `name` from `data` (which holds the value under that name), as MAAS's form. */
type Cleaner = (data: Fields, name: string, errors: FormErrors, state: SimulatorState) => unknown;

interface Setting {
  initial: unknown;
  clean: Cleaner;
}

function textField(options: { required?: boolean; maxLength?: number } = {}): Cleaner {
  return (data, name, errors) => charField(data, name, errors, options);
}

const boolField: Cleaner = (data, name) => booleanField(data, name);

function intField(options: { min?: number; max?: number } = {}): Cleaner {
  return (data, name, errors) => integerField(data, name, errors, options);
}

function portField(kind: "proxy" | "syslog"): Cleaner {
  return (data, name, errors) => {
    const port = integerField(data, name, errors);
    if (port === null) return null;
    if (port > 65535 || port <= 0) {
      errors.add(name, "Unable to change port number. Port number is not between 0 - 65535.");
    } else if (port <= 1023) {
      errors.add(
        name,
        "Unable to change port number. Port number is reserved for system services.",
      );
    } else if (port >= 5239 && port <= 5284 && !(kind === "syslog" && port === 5247)) {
      errors.add(name, "Unable to change port number. Port number is reserved for MAAS services.");
    }
    return port;
  };
}

/** A choice among fixed values; `what` gives MAAS's own wording, otherwise Django's. */
function choiceField(
  choices: (state: SimulatorState) => readonly (string | number)[],
  options: { what?: string; required?: boolean; asNumber?: boolean } = {},
): Cleaner {
  return (data, name, errors, state) => {
    const value = data.get(name) ?? "";
    if (value === "") {
      if (options.required) errors.add(name, REQUIRED);
      return "";
    }
    const allowed = choices(state);
    if (!allowed.some((choice) => String(choice) === value)) {
      errors.add(
        name,
        options.what
          ? `'${value}' is not a valid ${options.what}.  It should be one of: ${
            allowed.map((choice) => `'${choice}'`).join(", ")
          }.`
          : `Select a valid choice. ${value} is not one of the available choices.`,
      );
    }
    return options.asNumber ? Number(value) : value;
  };
}

const urlField: Cleaner = (data, name, errors) => {
  const cleaned = (data.get(name) ?? "").trim();
  if (cleaned === "") return "";
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(cleaned) ? cleaned : `http://${cleaned}`;
  try {
    const url = new URL(withScheme);
    if (["http:", "https:", "ftp:", "ftps:"].includes(url.protocol) && url.hostname) {
      return withScheme;
    }
  } catch {
    // Not a URL at all: the same message as a URL of another scheme.
  }
  errors.add(name, "Enter a valid URL.");
  return withScheme;
};

const ipListField: Cleaner = (data, name, errors) => {
  const ips = (data.get(name) ?? "").split(/[,\s]+/).filter((ip) => ip !== "");
  const bad = ips.find((ip) => !isIp(ip));
  if (bad !== undefined) {
    errors.add(name, `Invalid IP address: ${bad}; provide a list of space-separated IP addresses`);
  }
  return ips.join(" ");
};

const hostListField: Cleaner = (data, name, errors) => {
  const hosts = (data.get(name) ?? "").split(/[,\s]+/).filter((host) => host !== "");
  for (const host of hosts) {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":")) {
      if (!isIp(host)) {
        errors.add(name, `Failed to detect a valid IP address from '${host}'.`);
        break;
      }
    } else if (
      !/^(?=.{1,255}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i
        .test(host)
    ) {
      errors.add(name, `Invalid hostname: Invalid hostname: ${host}`);
      break;
    }
  }
  return hosts.join(" ");
};

function isIp(value: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) {
    return value.split(".").every((part) => Number(part) <= 255);
  }
  if (!value.includes(":")) return false;
  try {
    return new URL(`http://[${value}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

const anyText = textField();
const LINK_TYPES = ["auto", "dhcp", "static", "link_up"];
const STORAGE_LAYOUTS = ["bcache", "blank", "custom", "flat", "lvm", "vmfs6", "vmfs7"];
const DISCOVERY_INTERVALS = [0, 604800, 86400, 43200, 21600, 10800, 3600, 1800, 600];
const MIN_KERNELS = ["", "ga-22.04", "hwe-22.04", "ga-24.04", "hwe-24.04"];

/** Every setting MAAS 3.8 knows, in MAAS's own order (the order of its "valid settings" text). */
const SETTINGS: Record<string, Setting> = {
  maas_name: { initial: "maas-simulator", clean: textField({ required: true }) },
  theme: { initial: "", clean: anyText },
  kernel_opts: { initial: null, clean: anyText },
  enable_http_proxy: { initial: true, clean: boolField },
  maas_proxy_port: { initial: 8000, clean: portField("proxy") },
  use_peer_proxy: { initial: false, clean: boolField },
  prefer_v4_proxy: { initial: false, clean: boolField },
  http_proxy: { initial: null, clean: urlField },
  default_dns_ttl: { initial: 30, clean: intField() },
  upstream_dns: { initial: null, clean: ipListField },
  dnssec_validation: {
    initial: "auto",
    clean: choiceField(() => ["auto", "yes", "no"], { what: "dnssec_validation" }),
  },
  maas_internal_domain: { initial: "maas-internal", clean: anyText },
  dns_trusted_acl: { initial: null, clean: anyText },
  ntp_servers: { initial: "ntp.ubuntu.com", clean: hostListField },
  ntp_external_only: { initial: false, clean: boolField },
  allow_only_trusted_transfers: { initial: true, clean: boolField },
  remote_syslog: { initial: null, clean: anyText },
  maas_syslog_port: { initial: 5247, clean: portField("syslog") },
  network_discovery: {
    initial: "enabled",
    clean: choiceField(() => ["enabled", "disabled"], { what: "network_discovery" }),
  },
  active_discovery_interval: {
    initial: 10800,
    clean: choiceField(() => DISCOVERY_INTERVALS, {
      what: "active_discovery_interval",
      asNumber: true,
    }),
  },
  default_boot_interface_link_type: {
    initial: "auto",
    clean: choiceField(() => LINK_TYPES, { required: true }),
  },
  default_osystem: { initial: "ubuntu", clean: choiceField(() => ["ubuntu"], { what: "osystem" }) },
  default_distro_series: {
    initial: "noble",
    clean: choiceField((state) => usableReleases(state), { what: "release" }),
  },
  default_min_hwe_kernel: {
    initial: "",
    clean: choiceField(() => MIN_KERNELS, { what: "default_min_hwe_kernel" }),
  },
  enable_kernel_crash_dump: { initial: false, clean: boolField },
  default_storage_layout: {
    initial: "flat",
    clean: choiceField(() => STORAGE_LAYOUTS, { required: true }),
  },
  commissioning_distro_series: {
    initial: "noble",
    clean: choiceField((state) => usableReleases(state), { what: "commissioning_distro_series" }),
  },
  enable_third_party_drivers: { initial: true, clean: boolField },
  windows_kms_host: { initial: null, clean: anyText },
  enable_disk_erasing_on_release: { initial: false, clean: boolField },
  disk_erase_with_secure_erase: { initial: true, clean: boolField },
  disk_erase_with_quick_erase: { initial: false, clean: boolField },
  boot_images_auto_import: { initial: true, clean: boolField },
  boot_images_no_proxy: { initial: false, clean: boolField },
  curtin_verbose: { initial: true, clean: boolField },
  force_v1_network_yaml: { initial: false, clean: boolField },
  enable_analytics: { initial: true, clean: boolField },
  experimental_switch_provisioning: { initial: false, clean: boolField },
  completed_intro: { initial: false, clean: boolField },
  max_node_commissioning_results: { initial: 10, clean: intField({ min: 1 }) },
  max_node_testing_results: { initial: 10, clean: intField({ min: 1 }) },
  max_node_installation_results: { initial: 3, clean: intField({ min: 1 }) },
  max_node_release_results: { initial: 3, clean: intField({ min: 1 }) },
  subnet_ip_exhaustion_threshold_count: { initial: 16, clean: intField({ min: 1 }) },
  refresh_token_duration: { initial: 2592000, clean: intField({ min: 600, max: 5184000 }) },
  release_notifications: { initial: true, clean: boolField },
  use_rack_proxy: { initial: true, clean: boolField },
  node_timeout: { initial: 30, clean: intField({ min: 1 }) },
  prometheus_enabled: { initial: false, clean: boolField },
  prometheus_push_gateway: { initial: null, clean: anyText },
  prometheus_push_interval: { initial: 60, clean: intField() },
  promtail_enabled: { initial: false, clean: boolField },
  promtail_port: { initial: 5238, clean: intField() },
  enlist_commissioning: { initial: true, clean: boolField },
  maas_auto_ipmi_user: { initial: "maas", clean: textField({ maxLength: 20 }) },
  maas_auto_ipmi_user_privilege_level: {
    initial: "ADMIN",
    clean: choiceField(() => ["ADMIN", "OPERATOR", "USER"]),
  },
  maas_auto_ipmi_k_g_bmc_key: { initial: "", clean: anyText },
  maas_auto_ipmi_cipher_suite_id: {
    initial: "3",
    clean: choiceField(() => ["17", "3", "8", "12"]),
  },
  maas_auto_ipmi_workaround_flags: { initial: null, clean: anyText },
  vcenter_server: { initial: "", clean: anyText },
  vcenter_username: { initial: "", clean: anyText },
  vcenter_password: { initial: "", clean: anyText },
  vcenter_datacenter: { initial: "", clean: anyText },
  hardware_sync_interval: { initial: "15m", clean: anyText },
  tls_cert_expiration_notification_enabled: { initial: false, clean: boolField },
  tls_cert_expiration_notification_interval: { initial: 30, clean: intField({ min: 1, max: 90 }) },
  session_length: { initial: 1209600, clean: intField({ min: 10, max: 1209600 }) },
  auto_vlan_creation: { initial: true, clean: boolField },
};

/** Settings MAAS moved out of its configuration table but still serves through `maas/`. */
const MIGRATED: Record<string, Setting> = {
  main_archive: { initial: "http://archive.ubuntu.com/ubuntu", clean: urlField },
  ports_archive: { initial: "http://ports.ubuntu.com/ubuntu-ports", clean: urlField },
};

const NAMES = Object.keys(SETTINGS).join(", ");

function setting(name: string): Setting {
  const found = SETTINGS[name] ?? MIGRATED[name];
  if (!found) {
    throw ReplyError.invalid({
      [name]: [`${name} is not a valid config setting (valid settings are: ${NAMES}).`],
    });
  }
  return found;
}

/** MAAS still answers to the old singular name of `ntp_servers`. */
function rewrite(name: string): string {
  return name === "ntp_server" ? "ntp_servers" : name;
}

/**
 * Register `maas/`.
 *
 * @example
 * ```ts
 * import { RouteTable } from "../../routes.ts";
 * import { MaasLine } from "../../maas/lines.ts";
 * import { registerConfig } from "./routes.ts";
 * registerConfig(new RouteTable(MaasLine.get("3.8")));
 * ```
 */
export function registerConfig(table: RouteTable): void {
  table.resource({
    path: "maas/",
    auth: {
      name: "MaasHandler",
      doc: "The MAAS server's configuration.",
      actions: {
        "GET get_config": {
          doc: "Read one of the server's settings.\n\n" +
            ":param name: Required. The setting's name, such as maas_name or ntp_servers.",
          run: (ctx) => {
            const name = rewrite(getMandatoryParam(ctx.query, "name"));
            const known = setting(name);
            const values = ctx.state.config.values;
            const value = values.has(name) ? values.get(name) : known.initial;
            return { status: 200, contentType: "application/json", body: JSON.stringify(value) };
          },
        },
        "POST set_config": {
          doc: "Change one of the server's settings (administrators only), checked as MAAS's " +
            "settings form checks it.\n\n" +
            ":param name: Required. The setting's name, such as maas_name or ntp_servers.\n" +
            ":param value: Required. The new value, as text.",
          run: (ctx) => {
            ctx.requireAdmin("can_edit_configurations");
            const raw = getMandatoryParam(ctx.data, "name");
            if (raw === "") throw ReplyError.badRequest("Invalid name: Please enter a value");
            const name = rewrite(raw);
            const value = getMandatoryParam(ctx.data, "value");
            const known = setting(name);
            const errors = new FormErrors();
            const cleaned = known.clean(new FormFields([[name, value]]), name, errors, ctx.state);
            errors.throwIfAny();
            ctx.state.config.values.set(name, cleaned);
            return text("OK", 200, HTML_TYPE);
          },
        },
      },
    },
  });
}
