/**
 * Where a node's interfaces meet the node's own record. Nodes belong to the machines and nodes
 * families, which keep what MAAS renders of a node in `data` and make a new node's interfaces
 * there (`interface_set`). This family reads those as long as it has changed nothing of them;
 * the first time it changes a node's interfaces (or a VLAN or subnet they use) it takes them over
 * (`state.interfaces`), and the node's `interface_set`, `boot_interface` and `default_gateways`
 * then show the records, rendered on every read.
 *
 * @module
 */

import type { SimulatorState } from "../../state.ts";
import type { SimMachine } from "../nodes/model.ts";
import { importInterfaces, type NodeInterfaceSet, type SimInterface } from "./model.ts";
import { bootInterfaceJson, gatewaysJson, interfaceSetJson, nodeAddresses } from "./render.ts";

/**
 * A node's interfaces: the records when the section holds them, else read afresh from the node.
 * Only read what this gives for a node the section does not hold; change a node's interfaces
 * through {@linkcode takeOver}.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { interfacesOf } from "./view.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * console.log(interfacesOf(state, machine).list.length > 0); // true
 * ```
 */
export function interfacesOf(state: SimulatorState, node: SimMachine): NodeInterfaceSet {
  const systemId = node.data.system_id;
  if (state.interfaces.holds(node.data, systemId)) return state.interfaces.of(systemId)!;
  return importInterfaces(systemId, node.data);
}

/**
 * The interfaces of a node, taken over by the section if they were not yet: from now on the
 * node shows the records.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { takeOver } from "./view.ts";
 * const state = new SimulatorState({ machines: 1 });
 * const [machine] = state.machines.values();
 * takeOver(state, machine).list[0].tags.push("uplink");
 * console.log((machine.data.interface_set as { tags: string[] }[])[0].tags); // ["uplink"]
 * ```
 */
export function takeOver(state: SimulatorState, node: SimMachine): NodeInterfaceSet {
  const data = node.data;
  const systemId = data.system_id;
  const section = state.interfaces;
  if (section.holds(data, systemId)) return section.of(systemId)!;
  section.take(data, systemId, importInterfaces(systemId, data));
  const current = () => section.of(systemId)!;
  const retake = (fields: Record<string, unknown>) =>
    section.take(data, systemId, importInterfaces(systemId, { ...renderedFields(), ...fields }));
  const renderedFields = () => ({
    interface_set: interfaceSetJson(state, current()),
    boot_interface: bootInterfaceJson(state, current()),
    default_gateways: gatewaysJson(state, current()),
  });
  for (const field of ["interface_set", "boot_interface", "default_gateways"] as const) {
    Object.defineProperty(data, field, {
      configurable: true,
      enumerable: true,
      get: () => renderedFields()[field],
      // The node's families still assign these whole (a new boot interface, say).
      set: (value: unknown) => retake({ [field]: value }),
    });
  }
  return current();
}

/**
 * The interfaces of every node that has one on the VLANs or subnets `touches` names, taken over
 * before those change (so the nodes show the change).
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { takeOverUsers } from "./view.ts";
 * const state = new SimulatorState({ machines: 2 });
 * takeOverUsers(state, { vlanIds: new Set([5001]) });
 * ```
 */
export function takeOverUsers(
  state: SimulatorState,
  touches: { vlanIds?: ReadonlySet<number>; subnetIds?: ReadonlySet<number> },
): void {
  const uses = (nic: SimInterface) =>
    (nic.vlanId !== null && touches.vlanIds?.has(nic.vlanId)) ||
    nic.links.some((link) => link.subnetId !== null && touches.subnetIds?.has(link.subnetId));
  for (const node of state.everyNode()) {
    if (interfacesOf(state, node).list.some(uses)) takeOver(state, node);
  }
}

/**
 * Writes what a node shows of its links' addresses (`ip_addresses`) after they change.
 *
 * @example
 * ```ts
 * import { SimulatorState } from "../../state.ts";
 * import { publishAddresses } from "./view.ts";
 * const state = new SimulatorState({ machines: 1 });
 * publishAddresses(state, [...state.machines.values()][0]);
 * ```
 */
export function publishAddresses(state: SimulatorState, node: SimMachine): void {
  node.data.ip_addresses = nodeAddresses(interfacesOf(state, node));
}
