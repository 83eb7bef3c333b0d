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
  BootResourceFileUploadHandler: {
    "PUT update": ["client.bootResources.create()"],
  },
};
