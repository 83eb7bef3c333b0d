/**
 * DHCP snippets as MAAS renders them: the node and the subnet they apply to rendered whole, the
 * value's revisions as a history.
 *
 * @module
 */

import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import type { SimulatorState } from "../../state.ts";
import { revisionTime } from "../../versioned_text.ts";
import { subnetJson } from "../networking/render.ts";
import { nodeJson } from "../nodes/render.ts";
import type { SimSnippet } from "./model.ts";

/**
 * A DHCP snippet, as `dhcp-snippets/` renders one.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { snippetJson } from "./render.ts";
 * await using sim = await MaasSimulator.start();
 * const snippet = sim.state.dhcpSnippets.add({
 *   name: "ntp", description: "", enabled: true, nodeId: null, subnetId: null, iprangeId: null,
 *   revisions: [{ id: 1, data: "option ntp-servers 10.0.0.1;", comment: null, created: new Date() }],
 * });
 * console.log(snippetJson(sim.state, sim.state.line, snippet).global_snippet); // true
 * ```
 */
export function snippetJson(
  state: SimulatorState,
  line: MaasLine,
  snippet: SimSnippet,
): Record<string, unknown> {
  const node = snippet.nodeId === null ? undefined : state.node(snippet.nodeId);
  const subnet = state.networking.subnet(snippet.subnetId);
  return line.shape("DHCPSnippetHandler", {
    id: snippet.id,
    name: snippet.name,
    value: snippet.revisions[0]?.data ?? "",
    history: snippet.revisions.map((revision) => ({
      id: revision.id,
      value: revision.data,
      created: revisionTime(revision.created),
    })),
    description: snippet.description,
    enabled: snippet.enabled,
    node: node ? nodeJson(state, line, node) : null,
    subnet: subnet ? subnetJson(state, subnet) : null,
    global_snippet: snippet.nodeId === null && snippet.subnetId === null,
    resource_uri: apiUri(`dhcp-snippets/${snippet.id}/`),
  });
}
