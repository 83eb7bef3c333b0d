/**
 * The engine behind the typed client, and the conventions every family of MAAS objects follows.
 * Each family is described once, as data the compiler checks; a small engine turns the
 * description into requests; the typed classes and their JSDoc stay explicit. (`MaasObject`,
 * `Namespace`, `ExtraParams`, `WireData` and `MAAS_LINES` come from `@libmaas/client` itself.)
 *
 * ## A family
 *
 * One file per family (`tags.ts`: `tags/` and `tags/{name}/`). It holds, in this order:
 *
 * 1. The options interfaces of its typed methods, each extending `ExtraParams`: camelCase names,
 *    with JSDoc saying what MAAS does with each.
 * 2. Its description, `export const TAGS = family({ name, handlers, pathParams, fields, ops,
 *    untyped })`:
 *    - `handlers`: MAAS's handler names (as in `tests/fixtures/maas-api/`) and their paths;
 *      `pathParams`: what each path parameter takes when a method is given it (`"string"`,
 *      `"integer"`, `"integer or string"`);
 *    - `fields`: each typed property of the family's objects, `{ wire, kind, writable }`
 *      (writable exactly when the update op reads it);
 *    - `ops`: one entry per op, written `op<Options>({ handler, method, op, typed, params,
 *      lines, gone })`. `params` has one entry per option of `Options`: `{ wire, kind, lines?,
 *      values?, required? }`. The compiler refuses a missing option, an extra one, a kind that
 *      does not fit the option's type, and `required` that does not match the interface.
 *      `typed` lists the methods that send the op as a user writes them (`client.tags.create()`,
 *      `tag.rebuild()`): the coverage page and the contract test read it;
 *    - `lines`, on an op or a parameter, only when not every known line (2.9, 3.0, 3.7, 3.8,
 *      master) has it, exactly as the fixtures say (the contract test checks both ways); `gone`
 *      on an op says why the lines after its last one lack it (`VM hosts were removed from
 *      MAAS`): the fixtures keep such a handler, hidden, on the lines that removed it;
 *    - `untyped`: the ops (`"MachineHandler POST set_owner_data"`) or parameters
 *      (`"UsersHandler POST create key"`) of its handlers that no method sends, with the reason.
 * 3. Its classes: the object class extends `MaasObject`, declares its typed properties with
 *    `declare`, computes `resourcePath` with {@linkcode pathOf} from the read op's path, and is
 *    wired with {@linkcode defineObject} (fields, and the read, update and delete ops its
 *    `refresh()`, `save()` and `delete()` send). The namespace extends `Namespace`.
 *
 * ## A typed method
 *
 * Every typed method has the shape `method(...what identifies the target, params?, options?)`:
 * - positional arguments only for path parameters and values the method has always taken
 *   positionally (`sshKeys.create(key)`); the method hands those to the engine as `set`, and the
 *   engine refuses the same option in `params`;
 * - `params`: the op's parameters as camelCase options plus `extra` (wire names sent as given,
 *   never `op`, never a typed option's wire name); an unknown option is a `ParameterError`
 *   naming the nearest one;
 * - `options`: the request's own options, `signal`, `timeout` (ms) and `retries`, never mixed
 *   with MAAS's parameters (a script's `timeout` is a parameter, in seconds); methods that make
 *   more than one request (waits, iterations) add their own options there
 *   (`EventIterateOptions`; for every method that can wait, `OperationOptions` in `wait.ts`:
 *   `wait`, `interval`, `waitTimeout` — the whole wait's limit, since `timeout` stays each
 *   request's — and `onProgress`, checked by {@linkcode splitOperationOptions}).
 *
 * Its body is one call: {@linkcode listOf} or {@linkcode oneOf} to wrap answers in a class,
 * {@linkcode invoke} for anything else, then hand-written code only for what the answer needs
 * (counts, bytes). Anything else hand-written is a MAAS quirk and says which: a {@linkcode Codec}
 * for a value MAAS reads its own way (`ZERO_ONE`, `SYSTEM_IDS`), `defaults` for a parameter MAAS
 * requires. An op or option that not every line has costs one `version/` per client, read when
 * first needed ({@linkcode Client.readVersion}); everything else adds no request.
 *
 * ## Converting a family
 *
 * 1. Give the family its own file if it shares one; move any error class to `lib/errors.ts`.
 * 2. Write its description from the fixtures: every op of every line (including those only the
 *    session reached), every parameter of each op, `lines` where a line lacks one. Add options
 *    for the parameters the methods lacked, and their JSDoc.
 * 3. Rewrite each method as `(…ids, params?, options?)` calling the engine; drop `WIRE_NAMES`,
 *    `toParams`, `saveParams`, `optionsOf` and direct `this.data.snake_case` reads (use the typed
 *    fields or `pathOf`); move the family's remaining checks into codecs or `values`.
 * 4. In `mod.ts`, export the family's classes and option types by name (its description stays
 *    inside the library); add it to `lib/objects/families.ts`.
 * 5. In `tests/contract/drivers/`, add a driver for each method in `typed`; extend the family's
 *    e2e test with the new options (on the lines that have them, and the refusal on one that
 *    does not); run `deno task docs`.
 *
 * `tags.ts` is the worked example: a collection, an object keyed by name with a rename through
 * `save()`, ops answering other families' objects, a codec, and a parameter only 2.9 and 3.0
 * have.
 *
 * @example
 * ```ts
 * import { family, invoke, op } from "@libmaas/client/objects";
 * import type { CallOptions, Client, ExtraParams } from "@libmaas/client";
 *
 * interface RebuildOptions extends ExtraParams {}
 * const THINGS = family({
 *   name: "things",
 *   handlers: { ThingHandler: "things/{name}/" },
 *   ops: {
 *     rebuild: op<RebuildOptions>({
 *       handler: "ThingHandler",
 *       method: "POST",
 *       op: "rebuild",
 *       typed: ["thing.rebuild()"],
 *     }),
 *   },
 * });
 *
 * async function rebuild(client: Client, name: string, params?: RebuildOptions, options?: CallOptions) {
 *   return await invoke(client, THINGS.ops.rebuild, { path: { name }, params, call: options });
 * }
 * ```
 *
 * @module
 */

export {
  apiPath,
  type ClientContext,
  defineFields,
  defineObject,
  type FieldMapping,
  nested,
  nestedList,
  type ObjectOps,
  type ParamValueLike,
  refValue,
  type Wrapper,
} from "./base.ts";
export { checkParams, type Invocation, invoke, listOf, oneOf, requestOptions } from "./engine.ts";
export {
  type AnyParamSpec,
  type Codec,
  type Family,
  family,
  type FamilySpec,
  type FieldKind,
  type FieldSpec,
  type FieldSpecs,
  type HttpMethod,
  type KindOf,
  type Op,
  op,
  type OpSpec,
  type ParamKind,
  type ParamSpec,
  type ParamSpecs,
  type PathKind,
  pathOf,
  type RequiredFlag,
} from "./spec.ts";
export { linesInWords, placeVersion, type VersionPlace } from "./lines.ts";
export { SYSTEM_IDS, ZERO_ONE } from "./codecs.ts";
export {
  isTransientError,
  type PollSource,
  type SplitContext,
  splitOperationOptions,
  type SplitOptions,
  StatusPoller,
  type WatchOptions,
} from "./wait.ts";
export { type Outcomes, runBounded } from "./bulk.ts";
