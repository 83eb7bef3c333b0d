/**
 * How MAAS reads request parameters, with its own rules and Django's, each named after the
 * original so that a handler says which one MAAS uses:
 *
 * - MAAS's API helpers: {@linkcode getMandatoryParam} (400 `No provided NAME!`),
 *   {@linkcode getOptionalParam}, {@linkcode getOptionalList}, {@linkcode extractBool} (`0`/`1`
 *   only, anything else a 500);
 * - formencode's validators as those helpers apply them: {@linkcode stringBool} (400
 *   `Invalid NAME: Value should be 'true' or 'false'`), {@linkcode intParam};
 * - Django's form fields: {@linkcode booleanField} (a checkbox: missing, empty, `false` and `0` are
 *   false, any other text true), {@linkcode nullBooleanField} (only `true`/`True`/`false`/`False`
 *   mean something), {@linkcode charField} (an optional text left out of a form is `""`, never
 *   null), {@linkcode integerField}, {@linkcode choiceField};
 * - Django's form errors: {@linkcode FormErrors} gathers them and answers one 400 whose body is the
 *   JSON object `{"field": ["message", …]}` (`__all__` for errors of the whole form).
 *
 * MAAS's API forms that change an object first fill the fields a request leaves out with the
 * object's current values (`get_overridden_query_dict`): read those with {@linkcode overridden}.
 *
 * @module
 */

import { ReplyError, text } from "./reply.ts";

/**
 * What the rules read from: a request's fields (`ctx.data`, `ctx.query`, `ctx.form`).
 *
 * @example
 * ```ts
 * import type { Fields } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * const fields: Fields = new FormFields([["name", "rack-a"]]);
 * ```
 */
export interface Fields {
  /** The last value sent under `name`. */
  get(name: string): string | undefined;
  /** Every value sent under `name`, in order. */
  getAll(name: string): string[];
  /** Whether `name` was sent. */
  has(name: string): boolean;
}

/** Django's message for a required field left out or empty. */
export const REQUIRED = "This field is required.";

/**
 * MAAS's `get_mandatory_param`: the value, or 400 `No provided NAME!` when it was not sent.
 *
 * @example
 * ```ts
 * import { getMandatoryParam } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * console.log(getMandatoryParam(new FormFields([["name", "x"]]), "name")); // "x"
 * ```
 */
export function getMandatoryParam(data: Fields, name: string): string {
  const value = data.get(name);
  if (value === undefined) throw missingParam(name);
  return value;
}

/**
 * MAAS's answer for a mandatory parameter that was not sent, for handlers that look first:
 * 400 `No provided NAME!`.
 *
 * @example
 * ```ts
 * import { missingParam } from "./maas_forms.ts";
 * console.log(missingParam("username").message); // No provided username!
 * ```
 */
export function missingParam(name: string): ReplyError {
  return ReplyError.badRequest(`No provided ${name}!`);
}

/**
 * MAAS's `get_optional_param` without a validator: the value, or `fallback` when not sent.
 *
 * @example
 * ```ts
 * import { getOptionalParam } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * console.log(getOptionalParam(new FormFields(), "name", "MAAS consumer")); // "MAAS consumer"
 * ```
 */
export function getOptionalParam<T>(data: Fields, name: string, fallback: T): string | T {
  return data.get(name) ?? fallback;
}

/**
 * MAAS's `get_optional_list`: every value sent under `name`, or `fallback` when none was.
 *
 * @example
 * ```ts
 * import { getOptionalList } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * console.log(getOptionalList(new FormFields([["id", "a"], ["id", "b"]]), "id", null)); // ["a", "b"]
 * ```
 */
export function getOptionalList<T>(data: Fields, name: string, fallback: T): string[] | T {
  const values = data.getAll(name);
  return values.length > 0 ? values : fallback;
}

const TRUE_WORDS = new Set(["true", "t", "yes", "y", "on", "1"]);
const FALSE_WORDS = new Set(["false", "f", "no", "n", "off", "0"]);

/**
 * formencode's `StringBool` as MAAS's parameter helpers apply it to `name`: `true`, `t`, `yes`,
 * `y`, `on`, `1` (any case) are true, their opposites false, not sent `fallback`; anything else
 * 400 `Invalid NAME: Value should be 'true' or 'false'`. Empty text is formencode's empty value,
 * None, which MAAS's code takes as false (null when `fallback` is null, to tell it apart).
 *
 * @example
 * ```ts
 * import { stringBool } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * console.log(stringBool(new FormFields([["force", "Yes"]]), "force", false)); // true
 * ```
 */
export function stringBool(data: Fields, name: string, fallback: boolean): boolean;
/**
 * {@linkcode stringBool} with a fallback that may be null.
 *
 * @example
 * ```ts
 * import { stringBool } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * console.log(stringBool(new FormFields(), "force", null)); // null
 * ```
 */
export function stringBool(data: Fields, name: string, fallback: null): boolean | null;
export function stringBool(data: Fields, name: string, fallback: boolean | null): boolean | null {
  const value = data.get(name);
  if (value === undefined) return fallback;
  const word = value.trim().toLowerCase();
  if (word === "") return fallback === null ? null : false;
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw ReplyError.badRequest(`Invalid ${name}: Value should be 'true' or 'false'`);
}

/**
 * formencode's `Int` as MAAS's parameter helpers apply it: the number, `fallback` when not sent,
 * 400 `Invalid NAME: Please enter an integer value` otherwise; `mandatory` makes a missing value
 * MAAS's `No provided NAME!`.
 *
 * @example
 * ```ts
 * import { intParam } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * console.log(intParam(new FormFields([["limit", " 20 "]]), "limit", { fallback: 100 })); // 20
 * ```
 */
export function intParam(
  data: Fields,
  name: string,
  options: { fallback?: number; mandatory?: boolean } = {},
): number | undefined {
  const value = data.get(name);
  if (value === undefined) {
    if (options.mandatory) throw missingParam(name);
    return options.fallback;
  }
  if (!/^\s*[-+]?\d+\s*$/.test(value)) {
    throw ReplyError.badRequest(`Invalid ${name}: Please enter an integer value`);
  }
  return Number(value);
}

/**
 * MAAS's `extract_bool`, which knows only `0` and `1`; anything else fails inside MAAS, which
 * answers 500 `Not a valid Boolean value (0 or 1): 'VALUE'`.
 *
 * @example
 * ```ts
 * import { extractBool } from "./maas_forms.ts";
 * console.log(extractBool("1")); // true
 * ```
 */
export function extractBool(value: string): boolean {
  if (value === "0") return false;
  if (value === "1") return true;
  throw new ReplyError(text(`Not a valid Boolean value (0 or 1): '${value}'`, 500));
}

/**
 * Django's `BooleanField` read through its checkbox widget: not sent, empty, `false` (any case) and
 * `0` are false, any other text is true.
 *
 * @example
 * ```ts
 * import { booleanField } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * console.log(booleanField(new FormFields([["managed", "no"]]), "managed")); // true
 * ```
 */
export function booleanField(data: Fields, name: string): boolean {
  const value = data.get(name);
  if (value === undefined || value === "") return false;
  const lower = value.toLowerCase();
  return lower !== "false" && lower !== "0";
}

/**
 * Django's `NullBooleanField` through its select widget: `true`/`True` and `false`/`False` (and
 * the old `2`/`3`) mean something; anything else, or nothing, is null.
 *
 * @example
 * ```ts
 * import { nullBooleanField } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * console.log(nullBooleanField(new FormFields([["x", "1"]]), "x")); // null
 * ```
 */
export function nullBooleanField(data: Fields, name: string): boolean | null {
  switch (data.get(name)) {
    case "true":
    case "True":
    case "2":
      return true;
    case "false":
    case "False":
    case "3":
      return false;
    default:
      return null;
  }
}

/**
 * Django's `CharField`: the text stripped of surrounding space, `""` when it was not sent or is
 * empty (an optional text left out of a form is stored as `""`, never null); a required one
 * adds `This field is required.` to `errors`, and one longer than `maxLength` Django's message.
 *
 * @example
 * ```ts
 * import { charField, FormErrors } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * const errors = new FormErrors();
 * console.log(JSON.stringify(charField(new FormFields(), "label", errors))); // ""
 * ```
 */
export function charField(
  data: Fields,
  name: string,
  errors: FormErrors,
  options: { required?: boolean; maxLength?: number; strip?: boolean } = {},
): string {
  const raw = data.get(name) ?? "";
  const value = options.strip === false ? raw : raw.trim();
  if (value === "") {
    if (options.required) errors.add(name, REQUIRED);
    return "";
  }
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    errors.add(
      name,
      `Ensure this value has at most ${options.maxLength} characters (it has ${value.length}).`,
    );
  }
  return value;
}

/**
 * Django's `IntegerField`: the number, null when not sent or empty (or `This field is required.`),
 * `Enter a whole number.` for text that is not one, and Django's bounds messages.
 *
 * @example
 * ```ts
 * import { FormErrors, integerField } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * const errors = new FormErrors();
 * console.log(integerField(new FormFields([["mtu", "9000"]]), "mtu", errors, { max: 65535 })); // 9000
 * ```
 */
export function integerField(
  data: Fields,
  name: string,
  errors: FormErrors,
  options: { required?: boolean; min?: number; max?: number } = {},
): number | null {
  const value = (data.get(name) ?? "").trim();
  if (value === "") {
    if (options.required) errors.add(name, REQUIRED);
    return null;
  }
  const number = Number(value.replace(/\.0*$/, ""));
  if (!/^[+-]?\d+(\.0*)?$/.test(value) || !Number.isSafeInteger(number)) {
    errors.add(name, "Enter a whole number.");
    return null;
  }
  if (options.min !== undefined && number < options.min) {
    errors.add(name, `Ensure this value is greater than or equal to ${options.min}.`);
  }
  if (options.max !== undefined && number > options.max) {
    errors.add(name, `Ensure this value is less than or equal to ${options.max}.`);
  }
  return number;
}

/**
 * Django's `ChoiceField`: one of `choices`, `""` when not sent (or `This field is required.`),
 * and Django's `Select a valid choice. VALUE is not one of the available choices.` otherwise.
 *
 * @example
 * ```ts
 * import { choiceField, FormErrors } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * const errors = new FormErrors();
 * console.log(choiceField(new FormFields([["mode", "x"]]), "mode", ["a"], errors), errors.count);
 * // "x" 1
 * ```
 */
export function choiceField(
  data: Fields,
  name: string,
  choices: readonly string[],
  errors: FormErrors,
  options: { required?: boolean } = {},
): string {
  const value = data.get(name) ?? "";
  if (value === "") {
    if (options.required) errors.add(name, REQUIRED);
    return "";
  }
  if (!choices.includes(value)) {
    errors.add(name, `Select a valid choice. ${value} is not one of the available choices.`);
  }
  return value;
}

/**
 * The fields of a request with the ones it left out taken from `current` (MAAS's
 * `get_overridden_query_dict`, which its API forms use to change an object): a field is read from
 * the request when sent, else from the object.
 *
 * @example
 * ```ts
 * import { overridden } from "./maas_forms.ts";
 * import { FormFields } from "./request.ts";
 * const data = overridden(new FormFields([["name", "new"]]), { name: "old", description: "kept" });
 * console.log(data.get("name"), data.get("description")); // "new" "kept"
 * ```
 */
export function overridden(data: Fields, current: Record<string, string | null>): Fields {
  return {
    get: (name) => data.get(name) ?? current[name] ?? undefined,
    getAll: (name) => {
      const sent = data.getAll(name);
      if (sent.length > 0) return sent;
      const value = current[name];
      return value === null || value === undefined ? [] : [value];
    },
    has: (name) => data.has(name) || (current[name] !== undefined && current[name] !== null),
  };
}

/**
 * Django's form errors: messages gathered per field, answered together as one 400 whose body is
 * `{"field": ["message", …]}`.
 *
 * @example
 * ```ts
 * import { FormErrors } from "./maas_forms.ts";
 * const errors = new FormErrors();
 * errors.add("name", "This field is required.");
 * try {
 *   errors.throwIfAny();
 * } catch (error) {
 *   console.log((error as { reply: { status: number } }).reply.status); // 400
 * }
 * ```
 */
export class FormErrors {
  #errors: Record<string, string[]> = {};

  /** Add a message for `field` (`__all__` for the whole form). */
  add(field: string, message: string): void {
    (this.#errors[field] ??= []).push(message);
  }

  /** Whether `field` has a message already. */
  has(field: string): boolean {
    return field in this.#errors;
  }

  /** How many fields have messages. */
  get count(): number {
    return Object.keys(this.#errors).length;
  }

  /** Answer 400 with every message gathered, if there is one. */
  throwIfAny(): void {
    if (this.count > 0) throw ReplyError.invalid(this.#errors);
  }
}
