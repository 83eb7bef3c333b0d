/**
 * MAAS's `ScriptForm`, which both the scripts and the commissioning scripts handlers read scripts
 * with: names, types given by number or word, Django's durations, JSON packages, hardware
 * identifiers, and the fields MAAS's own scripts refuse to change.
 *
 * @module
 */

import { booleanField, type Fields, FormErrors, REQUIRED } from "../../maas_forms.ts";
import { ReplyError } from "../../reply.ts";
import {
  blankScript,
  HARDWARE_TYPES,
  normaliseTags,
  PARALLEL,
  SCRIPT_TYPES,
  type ScriptsSection,
  type SimScript,
} from "./model.ts";

/** What a handler read before the form: the name and content it found, and a type it imposes. */
export interface ScriptSent {
  /** The name sent (a form field, or the name of the file part that held the content). */
  name?: string;
  /** The content sent, as text. */
  content?: string;
  /** A type the handler imposes (`script_type` set by the handler itself). */
  type?: number;
}

/** What the form gives back: the script's fields, its new content and that content's comment. */
export interface ScriptChanges {
  /** The script's fields after the form (its revisions are the caller's to add). */
  fields: Omit<SimScript, "id">;
  /** New content, if some was sent. */
  content: string | undefined;
  /** The comment given with it, or null. */
  comment: string | null;
}

const BOOLEAN_FIELDS = [
  ["destructive", "destructive"],
  ["may_reboot", "mayReboot"],
  ["recommission", "recommission"],
  ["apply_configured_networking", "applyConfiguredNetworking"],
] as const;

/** The fields of `ScriptForm.Meta` a default script refuses (all but tags and timeout). */
const LOCKED_ON_DEFAULT = [
  "name",
  "title",
  "description",
  "script_type",
  "hardware_type",
  "parallel",
  "packages",
  "destructive",
  "script",
  "for_hardware",
  "may_reboot",
  "recommission",
  "apply_configured_networking",
];

const HARDWARE_ID = new RegExp(
  "^modalias:.+|pci:[\\da-f]{4}:[\\da-f]{4}|usb:[\\da-f]{4}:[\\da-f]{4}|system_vendor:.*|" +
    "system_product:.*|system_version:.*|mainboard_vendor:.*|mainboard_product:.*$",
  "i",
);

/**
 * MAAS's `ScriptForm`, on create (`current` null) or update, where the fields a request leaves
 * out keep their values. `type` is an alias MAAS reads when `script_type` was not sent.
 *
 * @example
 * ```ts
 * import { scriptForm } from "./form.ts";
 * import { ScriptsSection } from "./model.ts";
 * import { FormFields } from "../../request.ts";
 * let last = 0;
 * const section = new ScriptsSection(() => ++last, () => ++last);
 * const data = new FormFields([["type", "commissioning"]]);
 * const made = scriptForm(section, data, { name: "hello", content: "#!/bin/sh\n" }, null);
 * console.log(made.fields.type); // 0
 * ```
 */
export function scriptForm(
  section: ScriptsSection,
  data: Fields,
  sent: ScriptSent,
  current: SimScript | null,
): ScriptChanges {
  const errors = new FormErrors();
  const fields: Omit<SimScript, "id"> = current
    ? { ...current, tags: [...current.tags] }
    : blankScript();
  const { name, content } = sent;

  if (name !== undefined) fields.name = name;
  if (!current && (name === undefined || name === "")) errors.add("name", REQUIRED);
  else if (name !== undefined) {
    const other = section.named(name);
    if (name.toLowerCase() === "none") errors.add("name", '"none" is a reserved name.');
    else if (/^\d+$/.test(name)) errors.add("name", "Cannot be a number.");
    else if (!/^[\w@%+=:,./-]+$/.test(name)) {
      errors.add("name", `Name '${name}' contains disallowed characters, e.g. space or quotes.`);
    } else if (other && other.id !== current?.id) {
      errors.add("name", "Script with this Name already exists.");
    }
  }
  if (!current && (content === undefined || content === "")) errors.add("script", REQUIRED);
  else if (content !== undefined && !content.split(/\r?\n/, 1)[0].startsWith("#!/")) {
    errors.add("script", "Must start with shebang.");
  }
  const comment = data.get("comment");
  if (comment !== undefined && content === undefined) {
    errors.add("comment", '"comment" may only be used when specifying a "script" as well.');
  }

  fields.title = data.get("title") ?? fields.title;
  fields.description = data.get("description") ?? fields.description;
  const tags = data.get("tags");
  if (tags !== undefined) {
    fields.tags = tags.split(",").map((tag) => tag.trim()).filter((tag) => tag !== "");
  }
  const type = sent.type !== undefined
    ? String(sent.type)
    : data.get("script_type") ?? data.get("type");
  readChoice(errors, "script_type", type, scriptType, (value) => fields.type = value);
  readChoice(
    errors,
    "hardware_type",
    data.get("hardware_type"),
    hardwareType,
    (value) => fields.hardwareType = value,
  );
  readChoice(errors, "parallel", data.get("parallel"), parallelType, (v) => fields.parallel = v);
  const timeout = data.get("timeout");
  if (timeout !== undefined && timeout !== "") {
    const seconds = parseDuration(timeout);
    if (seconds === null || seconds < 0) errors.add("timeout", "Enter a valid duration.");
    else fields.timeout = seconds;
  }
  const packages = data.get("packages");
  if (packages !== undefined && packages !== "") {
    try {
      fields.packages = JSON.parse(packages);
    } catch {
      errors.add("packages", "Enter a valid JSON.");
    }
  }
  const forHardware = data.get("for_hardware");
  if (forHardware !== undefined && forHardware !== "") {
    const list = hardwareList(forHardware);
    if (list === null) errors.add("for_hardware", "Must be a list or string");
    else {
      for (const id of list.filter((id) => !HARDWARE_ID.test(id))) {
        errors.add(
          "for_hardware",
          `Hardware identifier '${id}' must be a modalias, PCI ID, USB ID, system vendor, ` +
            "system product, system version, mainboard vendor, or mainboard product.",
        );
      }
      fields.forHardware = list;
    }
  }
  for (const [wire, field] of BOOLEAN_FIELDS) {
    if (data.has(wire)) fields[field] = booleanField(data, wire);
  }
  errors.throwIfAny();
  if (current?.isDefault) {
    const given = (field: string) =>
      field === "name"
        ? name !== undefined
        : field === "script"
        ? content !== undefined
        : field === "script_type"
        ? type !== undefined
        : data.has(field);
    const locked = new FormErrors();
    for (const field of LOCKED_ON_DEFAULT.filter(given)) {
      locked.add(field, "Not allowed to change on default scripts.");
    }
    locked.throwIfAny();
  }
  normaliseTags(fields as SimScript);
  return { fields, content, comment: comment ?? null };
}

function readChoice(
  errors: FormErrors,
  field: string,
  value: string | undefined,
  parse: (value: string) => number | string,
  apply: (value: number) => void,
): void {
  if (value === undefined || value === "") return;
  const parsed = parse(value);
  if (typeof parsed === "string") errors.add(field, parsed);
  else apply(parsed);
}

/** `for_hardware` as JSON, or as comma-separated text; null when it is neither a list nor text. */
function hardwareList(value: string): string[] | null {
  let list: unknown;
  try {
    list = JSON.parse(value);
  } catch {
    list = value;
  }
  if (typeof list === "string") list = list.split(",");
  return Array.isArray(list) ? list.map(String) : null;
}

/** Django's `parse_duration` for the forms MAAS users send: seconds, `[D days, ][H:]M:S`, ISO. */
function parseDuration(value: string): number | null {
  const standard = /^\s*(?:(-?\d+) (?:days?,? )?)?(?:(\d+):)??(?:(\d+):)?(\d+)(?:[.,]\d{1,6})?\s*$/
    .exec(value);
  if (standard) {
    const [, days, hours, minutes, seconds] = standard;
    return Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 +
      Number(seconds);
  }
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value.trim());
  if (iso && value.trim() !== "P") {
    const [, days, hours, minutes, seconds] = iso;
    return Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 +
      Number(seconds ?? 0);
  }
  return null;
}

/**
 * MAAS's `translate_script_type`: a number, or `testing`/`test`, `commissioning`/`commission`,
 * `release`, `deployment`; anything else is the message of a field error.
 *
 * @example
 * ```ts
 * import { scriptType } from "./form.ts";
 * console.log(scriptType("commission"), scriptType("9")); // 0 "Invalid script type numeric value."
 * ```
 */
export function scriptType(value: string): number | string {
  if (/^\d+$/.test(value)) {
    return Number(value) in SCRIPT_TYPES ? Number(value) : "Invalid script type numeric value.";
  }
  if (value === "test" || value === "testing") return 2;
  if (value === "commission" || value === "commissioning") return 0;
  if (value === "release") return 3;
  if (value === "deployment") return 4;
  return "Script type must be commissioning, testing, release or deployment";
}

const HARDWARE_ALIASES: Readonly<Record<string, number>> = {
  node: 0,
  machine: 0,
  controller: 0,
  other: 0,
  generic: 0,
  cpu: 1,
  processor: 1,
  memory: 2,
  ram: 2,
  storage: 3,
  disk: 3,
  ssd: 3,
  network: 4,
  net: 4,
  interface: 4,
  gpu: 5,
  graphics: 5,
};

/**
 * MAAS's `translate_hardware_type`: a number or a word (`cpu`, `storage`…); anything else is the
 * message of a field error.
 *
 * @example
 * ```ts
 * import { hardwareType } from "./form.ts";
 * console.log(hardwareType("disk")); // 3
 * ```
 */
export function hardwareType(value: string): number | string {
  if (/^\d+$/.test(value)) {
    return Number(value) < HARDWARE_TYPES.length
      ? Number(value)
      : "Invalid hardware type numeric value.";
  }
  return HARDWARE_ALIASES[value.toLowerCase()] ??
    "Hardware type must be node, cpu, memory, storage, or gpu";
}

function parallelType(value: string): number | string {
  if (/^\d+$/.test(value)) {
    return Number(value) < PARALLEL.length
      ? Number(value)
      : "Invalid script parallel numeric value.";
  }
  if (value === "disabled" || value === "none") return 0;
  if (value === "instance" || value === "name") return 1;
  if (value === "any" || value === "enabled") return 2;
  return "Script parallel must be disabled, instance, or any.";
}

/**
 * Refuses a default script's revert or deletion, as MAAS's script handler does.
 *
 * @example
 * ```ts
 * import { refuseOnDefault } from "./form.ts";
 * import { blankScript } from "./model.ts";
 * refuseOnDefault({ ...blankScript(), id: 1 }, "delete");
 * ```
 */
export function refuseOnDefault(script: SimScript, what: "delete" | "revert"): void {
  if (script.isDefault) throw ReplyError.badRequest(`Unable to ${what} default script`);
}
