/**
 * What the networking family's handlers share: MAAS's lookups by the specifiers its URLs and
 * forms take, its permission for global objects, and the form rules its networking forms add to
 * Django's.
 *
 * @module
 */

import type { SimSubnet, SimVlan } from "../../inventory.ts";
import { type Fields, FormErrors } from "../../maas_forms.ts";
import { ReplyError } from "../../reply.ts";
import type { AuthContext } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import type { SimFabric, SimSpace } from "./model.ts";
import { UNDEFINED_SPACE } from "./model.ts";
import { findSubnet } from "./usage.ts";

/** Django's message for a value that is not one of a field's choices. */
export const INVALID_CHOICE =
  "Select a valid choice. That choice is not one of the available choices.";
/** Django's message for text that is no IP address. */
export const INVALID_IP = "Enter a valid IPv4 or IPv6 address.";

/**
 * MAAS's permission to change global networking objects: administrators only.
 *
 * @example
 * ```ts
 * import type { AuthContext } from "../../routes.ts";
 * import { requireGlobalEdit } from "./forms.ts";
 * const guard = (ctx: AuthContext) => requireGlobalEdit(ctx);
 * ```
 */
export function requireGlobalEdit(ctx: AuthContext): void {
  ctx.requireAdmin("can_edit_global_entities");
}

/**
 * A fabric by id or name (`name:` optional), or 404.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { fabricBySpecifier } from "./forms.ts";
 * console.log(fabricBySpecifier(new SimulatorState(), "fabric-1").id); // 1
 * ```
 */
export function fabricBySpecifier(state: SimulatorState, specifier: string): SimFabric {
  const fabric = findFabric(state, specifier);
  if (!fabric) throw ReplyError.notFound("Fabric");
  return fabric;
}

/**
 * A fabric by id or name (`name:` optional).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { findFabric } from "./forms.ts";
 * console.log(findFabric(new SimulatorState(), "0")?.name); // fabric-0
 * ```
 */
export function findFabric(state: SimulatorState, specifier: string): SimFabric | undefined {
  const text = specifier.trim();
  const fabrics = state.networking.fabrics;
  return /^\d+$/.test(text)
    ? fabrics.get(Number(text))
    : [...fabrics.values()].find((fabric) => fabric.name === text.replace(/^name:/, ""));
}

/**
 * The VLAN tagged `vid` on a fabric, or 404.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { vlanOfFabric } from "./forms.ts";
 * const state = new SimulatorState();
 * console.log(vlanOfFabric(state, state.networking.fabric(0)!, "100").name); // storage
 * ```
 */
export function vlanOfFabric(state: SimulatorState, fabric: SimFabric, vid: string): SimVlan {
  const found = /^\d+$/.test(vid.trim())
    ? state.networking.vlansOf(fabric.id).find((vlan) => vlan.vid === Number(vid))
    : undefined;
  if (!found) throw ReplyError.notFound("VLAN");
  return found;
}

/**
 * A subnet by a MAAS specifier, or 404.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { subnetBySpecifier } from "./forms.ts";
 * console.log(subnetBySpecifier(new SimulatorState(), "1").cidr); // 10.20.0.0/20
 * ```
 */
export function subnetBySpecifier(state: SimulatorState, specifier: string): SimSubnet {
  const found = findSubnet(state, specifier);
  if (!found) throw ReplyError.notFound("Subnet");
  return found;
}

/**
 * A space by id or name (`name:` optional).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { findSpace } from "./forms.ts";
 * console.log(findSpace(new SimulatorState(), "storage")?.name); // storage
 * ```
 */
export function findSpace(state: SimulatorState, specifier: string): SimSpace | undefined {
  const text = specifier.trim();
  if (/^\d+$/.test(text)) return state.networking.spaces.get(Number(text));
  return state.networking.spaceNamed(text.replace(/^name:/, ""));
}

/**
 * Whether `systemId` is a rack controller's (a rack, or a region-and-rack controller).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { isRackController } from "./forms.ts";
 * console.log(isRackController(new SimulatorState(), "rk9x2m")); // true
 * ```
 */
export function isRackController(state: SimulatorState, systemId: string): boolean {
  const node = state.nodes.controllers.get(systemId);
  return node !== undefined && (node.data.node_type === 2 || node.data.node_type === 4);
}

/**
 * Django's `IntegerField` for a form that changes only the fields sent: undefined when `field`
 * was not sent, null when sent empty, else the number (bounds checked, as Django words them).
 *
 * @example
 * ```ts
 * import { FormErrors } from "../../maas_forms.ts";
 * import { FormFields } from "../../request.ts";
 * import { sentInteger } from "./forms.ts";
 * console.log(sentInteger(new FormFields(), "mtu", new FormErrors())); // undefined
 * ```
 */
export function sentInteger(
  data: Fields,
  field: string,
  errors: FormErrors,
  bounds: { min?: number; max?: number } = {},
): number | null | undefined {
  const value = data.get(field);
  if (value === undefined) return undefined;
  if (value.trim() === "") return null;
  if (!/^[-+]?\d+$/.test(value.trim())) {
    errors.add(field, "Enter a whole number.");
    return undefined;
  }
  const number = Number(value);
  if (bounds.min !== undefined && number < bounds.min) {
    errors.add(field, `Ensure this value is greater than or equal to ${bounds.min}.`);
    return undefined;
  }
  if (bounds.max !== undefined && number > bounds.max) {
    errors.add(field, `Ensure this value is less than or equal to ${bounds.max}.`);
    return undefined;
  }
  return number;
}

/**
 * The name a fabric or space form gives (the current one when none is sent, `""` for none),
 * with MAAS's checks: its characters, the names it reserves (`fabric-N`, `space-N` but the
 * object's own, `undefined`), and that no other has it. A problem is a 400 of field errors.
 *
 * @example
 * ```ts
 * import { FormFields } from "../../request.ts";
 * import { nameField } from "./forms.ts";
 * console.log(nameField(new FormFields([["name", "san"]]), "space", null, [])); // san
 * ```
 */
export function nameField(
  data: Fields,
  kind: "fabric" | "space",
  current: { id: number; name: string } | null,
  all: Iterable<{ name: string }>,
): string {
  const name = (data.get("name") ?? current?.name ?? "").trim();
  if (name === "") return name;
  const errors = new FormErrors();
  const reserved = kind === "fabric" ? /^fabric-\d+$/ : /^space-\d+$/;
  const taken = [...all].some((other) => other.name === name && other !== current);
  if (!/^[\w-]+$/.test(name)) errors.add("name", `Invalid ${kind} name: ${name}.`);
  else if (name === UNDEFINED_SPACE && kind === "space") errors.add("name", "Reserved space name.");
  else if (reserved.test(name) && name !== (current ? `${kind}-${current.id}` : null)) {
    errors.add("name", `Reserved ${kind} name.`);
  } else if (taken) {
    errors.add("name", `${kind === "fabric" ? "Fabric" : "Space"} with this Name already exists.`);
  }
  errors.throwIfAny();
  return name;
}
