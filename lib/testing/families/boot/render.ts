/**
 * Boot resources (with their sets and files), boot sources and their selections, as MAAS renders
 * them.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import type { MaasLine } from "../../maas/lines.ts";
import { apiUri } from "../../routes.ts";
import {
  type SimBootFile,
  type SimBootResource,
  type SimBootSet,
  type SimBootSource,
  type SimSelection,
  SYNCED,
  UPLOADED,
} from "./model.ts";

/**
 * Whether the line's boot resources carry `base_image` and `last_deployed`: the lines whose upload
 * form reads `base_image` (MAAS added both with custom images built on a base).
 *
 * @example
 * ```ts
 * import { MaasLine } from "../../maas/lines.ts";
 * import { hasCustomImages } from "./render.ts";
 * console.log(hasCustomImages(MaasLine.get("2.9")), hasCustomImages(MaasLine.get("3.8"))); // false true
 * ```
 */
export function hasCustomImages(line: MaasLine): boolean {
  return line.op("BootResourcesHandler", "POST create")?.params.includes("base_image") ?? false;
}

function fileJson(resource: SimBootResource, file: SimBootFile): Record<string, unknown> {
  const view: Record<string, unknown> = {
    filename: file.filename,
    filetype: file.filetype,
    sha256: file.sha256,
    filename_on_disk: file.sha256.slice(0, 7),
    size: file.size,
    complete: file.complete,
  };
  if (!file.complete) {
    view.progress = file.size ? (100 * file.received) / file.size : 0;
    if (resource.rtype === UPLOADED) {
      view.upload_uri = apiUri(`boot-resources/${resource.id}/upload/${file.id}/`);
    }
  }
  return view;
}

function setJson(resource: SimBootResource, set: SimBootSet): Record<string, unknown> {
  const size = set.files.reduce((sum, file) => sum + file.size, 0);
  const received = set.files.reduce((sum, file) => sum + file.received, 0);
  const complete = set.files.every((file) => file.complete);
  const view: Record<string, unknown> = { version: set.version, label: set.label, size, complete };
  if (!complete) view.progress = size ? (100 * received) / size : 0;
  view.files = Object.fromEntries(
    set.files.map((file) => [file.filename, fileJson(resource, file)]),
  );
  return view;
}

/**
 * A boot resource; read by id (`withSets`) it carries its sets, newest first, and their files.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { bootResourceJson } from "./render.ts";
 * await using sim = await MaasSimulator.start();
 * console.log(bootResourceJson(sim.state.line, sim.state.boot.resources[0], false).type); // "Synced"
 * ```
 */
export function bootResourceJson(
  line: MaasLine,
  resource: SimBootResource,
  withSets: boolean,
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: resource.id,
    type: resource.rtype === SYNCED ? "Synced" : "Uploaded",
    name: resource.name,
    architecture: resource.architecture,
    resource_uri: apiUri(`boot-resources/${resource.id}/`),
    ...resource.extra,
  };
  if (hasCustomImages(line)) {
    view.last_deployed = null;
    if (resource.baseImage) view.base_image = resource.baseImage;
  }
  if (withSets) {
    view.sets = Object.fromEntries(
      [...resource.sets].reverse().map((set) => [set.version, setJson(resource, set)]),
    );
  }
  return view;
}

/**
 * A boot source, its keyring bytes in base64.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { bootSourceJson } from "./render.ts";
 * await using sim = await MaasSimulator.start({ maasVersion: "3.7" });
 * const source = bootSourceJson(sim.state.line, sim.state.boot.sources[0]);
 * console.log(JSON.stringify(source).includes("priority")); // false
 * ```
 */
export function bootSourceJson(line: MaasLine, source: SimBootSource): Record<string, unknown> {
  return line.shape("BootSourceHandler", {
    id: source.id,
    name: source.name,
    url: source.url,
    priority: source.priority,
    enabled: source.enabled,
    keyring_filename: source.keyringFilename,
    keyring_data: Buffer.from(source.keyringData).toString("base64"),
    skip_keyring_verification: source.skipKeyringVerification,
    created: source.created,
    updated: source.updated,
    resource_uri: apiUri(`boot-sources/${source.id}/`),
  });
}

/**
 * A selection of a boot source.
 *
 * @example
 * ```ts
 * import { MaasSimulator } from "@libmaas/client/testing";
 * import { selectionJson } from "./render.ts";
 * await using sim = await MaasSimulator.start();
 * console.log(selectionJson(sim.state.line, sim.state.boot.selections[0]).release); // "noble"
 * ```
 */
export function selectionJson(line: MaasLine, selection: SimSelection): Record<string, unknown> {
  return line.shape("BootSourceSelectionHandler", {
    boot_source_id: selection.bootSourceId,
    id: selection.id,
    os: selection.os,
    release: selection.release,
    arches: selection.arches,
    subarches: selection.subarches,
    labels: selection.labels,
    resource_uri: apiUri(`boot-sources/${selection.bootSourceId}/selections/${selection.id}/`),
  });
}
