/**
 * The form fields MAAS's storage forms use, on top of Django's in `maas_forms.ts`: MAAS's
 * `BytesField` (sizes with an SI suffix), `UUID4Field`, `AbsolutePathField`, and the model choice
 * fields that take a block device, partition or cache set by id or by name. A form gathers its
 * field errors and answers them together, as Django does.
 *
 * @module
 */

import { booleanField, choiceField, FormErrors, integerField } from "../../maas_forms.ts";
import type { Fields } from "../../maas_forms.ts";
import { ReplyError } from "../../reply.ts";

const REQUIRED = "This field is required.";

/**
 * Something a model choice field can pick: an id and the name MAAS also takes for it.
 *
 * @example
 * ```ts
 * import type { Choice } from "./forms.ts";
 * const sda: Choice = { id: 7, name: "sda" };
 * ```
 */
export interface Choice {
  /** Database id. */
  id: number;
  /** Name. */
  name: string;
}

function invalidChoice(value: string): string {
  return `Select a valid choice. ${value} is not one of the available choices.`;
}

/**
 * One storage form: its fields read with MAAS's rules, its errors gathered.
 *
 * @example
 * ```ts
 * import { StorageForm } from "./forms.ts";
 * import { FormFields } from "../../request.ts";
 * const form = new StorageForm(new FormFields([["size", "20G"]]));
 * console.log(form.bytes("size")); // 20000000000
 * form.check();
 * ```
 */
export class StorageForm {
  /** The request's fields. */
  readonly data: Fields;
  /** The errors gathered so far. */
  readonly errors: FormErrors = new FormErrors();

  /** A form over a request's fields. */
  constructor(data: Fields) {
    this.data = data;
  }

  /** Adds an error to a field (`__all__` for the whole form). */
  add(field: string, message: string): void {
    this.errors.add(field, message);
  }

  /** Whether a field has an error. */
  has(field: string): boolean {
    return this.errors.has(field);
  }

  /** Answers 400 with the errors gathered, if there is one. */
  check(): void {
    this.errors.throwIfAny();
  }

  /** A field's value; empty counts as not sent. */
  value(name: string): string | undefined {
    const value = this.data.get(name);
    return value === undefined || value === "" ? undefined : value;
  }

  /** Django's `CharField`: the value, or `This field is required.` when asked for. */
  string(name: string, required = false): string | undefined {
    const value = this.value(name);
    if (value === undefined && required) this.add(name, REQUIRED);
    return value;
  }

  /**
   * MAAS's `BytesField`: a whole number of bytes, optionally with an SI suffix (`20G` is
   * 20 000 000 000), within Django's bounds.
   */
  bytes(
    name: string,
    options: { required?: boolean; min?: number; max?: number } = {},
  ): number | undefined {
    const value = this.value(name);
    if (value === undefined) {
      if (options.required) this.add(name, REQUIRED);
      return undefined;
    }
    const match = /^(-?[0-9]+)([KkMmGgTtPpEe])?$/.exec(value);
    if (!match) {
      this.add(name, "Enter a valid value.");
      return undefined;
    }
    const scale = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15, e: 1e18 }[
      (match[2] ?? "").toLowerCase() as "k"
    ] ?? 1;
    const bytes = Number(match[1]) * scale;
    if (options.min !== undefined && bytes < options.min) {
      this.add(name, `Ensure this value is greater than or equal to ${options.min}.`);
      return undefined;
    }
    if (options.max !== undefined && bytes > options.max) {
      this.add(name, `Ensure this value is less than or equal to ${options.max}.`);
      return undefined;
    }
    return bytes;
  }

  /** Django's `IntegerField` with a lower bound. */
  integer(name: string, min?: number): number | undefined {
    const before = this.has(name);
    const value = integerField(this.data, name, this.errors, { min });
    return value === null || (!before && this.has(name)) ? undefined : value;
  }

  /** Django's `BooleanField`. */
  boolean(name: string): boolean {
    return booleanField(this.data, name);
  }

  /** MAAS's `UUID4Field`: 32 to 36 characters of a version 4 UUID. */
  uuid(name: string): string | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (value.length < 32) {
      this.add(name, `Ensure this value has at least 32 characters (it has ${value.length}).`);
    } else if (value.length > 36) {
      this.add(name, `Ensure this value has at most 36 characters (it has ${value.length}).`);
    } else if (
      !/[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?4[0-9a-fA-F]{3}-?[89abAB][0-9a-fA-F]{3}-?[0-9a-fA-F]{12}/
        .test(value)
    ) {
      this.add(name, "Enter a valid value.");
    } else {
      return value;
    }
    return undefined;
  }

  /** MAAS's `AbsolutePathField`: an absolute path of at most 4095 characters. */
  absolutePath(name: string, required: boolean): string | undefined {
    const value = this.string(name, required);
    if (value === undefined) return undefined;
    if (!/^(?:\/[^/]*)*$/.test(value) || value.length > 4095) {
      this.add(name, "Enter a valid value.");
      return undefined;
    }
    return value;
  }

  /** Django's `ChoiceField`. */
  choice(name: string, choices: readonly string[], required: boolean): string | undefined {
    const before = this.has(name);
    const value = choiceField(this.data, name, choices, this.errors, { required });
    return value === "" || (!before && this.has(name)) ? undefined : value;
  }

  /** A model choice field that takes an object by id or name: the id chosen. */
  pick(name: string, choices: readonly Choice[], required = false): number | undefined {
    const value = this.string(name, required);
    if (value === undefined) return undefined;
    const found = choices.find((choice) => String(choice.id) === value || choice.name === value);
    if (!found) {
      this.add(name, invalidChoice(value));
      return undefined;
    }
    return found.id;
  }

  /** A model multiple choice field (the name repeated), by id or name: the ids chosen. */
  pickMany(name: string, choices: readonly Choice[]): number[] {
    const ids: number[] = [];
    for (const value of this.data.getAll(name)) {
      const found = choices.find((choice) => String(choice.id) === value || choice.name === value);
      if (!found) {
        this.add(name, invalidChoice(value));
        return [];
      }
      if (!ids.includes(found.id)) ids.push(found.id);
    }
    return ids;
  }
}

/**
 * A validation error of a model's `clean()`: the message under `__all__` (or the field it names).
 *
 * @example
 * ```ts
 * import { modelError } from "./forms.ts";
 * console.log(modelError("Nope.").reply.status); // 400
 * ```
 */
export function modelError(message: string, field = "__all__"): ReplyError {
  return ReplyError.invalid({ [field]: [message] });
}
