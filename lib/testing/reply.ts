/**
 * What a simulated handler answers, and the errors it throws to answer the way MAAS does.
 *
 * MAAS renders its errors in a handful of fixed ways (Django and Piston decide, not the handler), so
 * the helpers here carry those exact content types: plain text for most errors, JSON for form
 * validation errors, Django's default `text/html; charset=utf-8` for Piston's canned answers.
 *
 * @module
 */

/**
 * One HTTP answer of the simulator.
 *
 * @example
 * ```ts
 * import type { Reply } from "./reply.ts";
 * const reply: Reply = { status: 200, contentType: "text/plain", body: "OK" };
 * ```
 */
export interface Reply {
  /** HTTP status code. */
  status: number;
  /** The `Content-Type` header, or `null` to send none. */
  contentType: string | null;
  /** The body: text is sent as UTF-8. */
  body: string | Uint8Array;
  /** More headers (`Allow`, `WWW-Authenticate`, `Retry-After`, …). */
  headers?: Record<string, string>;
}

/** Piston's JSON emitter and MAAS's own JSON answers use this. */
export const JSON_TYPE = "application/json; charset=utf-8";
/** MAAS's API exceptions render as this. */
export const TEXT_TYPE = "text/plain; charset=utf-8";
/** Django's default, used by Piston's canned answers (`rc.FORBIDDEN`, `rc.DELETED`, …). */
export const HTML_TYPE = "text/html; charset=utf-8";

/**
 * A JSON answer, as Piston emits it.
 *
 * @example
 * ```ts
 * import { json } from "./reply.ts";
 * const reply = json({ state: "on" });
 * console.log(reply.status, reply.contentType); // 200 application/json; charset=utf-8
 * ```
 */
export function json(value: unknown, status = 200): Reply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

/**
 * A plain-text answer, as MAAS's exceptions render.
 *
 * @example
 * ```ts
 * import { text } from "./reply.ts";
 * const reply = text("OK");
 * ```
 */
export function text(body: string, status = 200, contentType: string = TEXT_TYPE): Reply {
  return { status, contentType, body };
}

/**
 * The empty 204 answer MAAS sends after a DELETE (Piston's `rc.DELETED`).
 *
 * @example
 * ```ts
 * import { deleted } from "./reply.ts";
 * console.log(deleted().status); // 204
 * ```
 */
export function deleted(): Reply {
  return { status: 204, contentType: HTML_TYPE, body: "" };
}

/**
 * An error a handler throws to answer with `reply` (MAAS's `MAASAPIException` and Django's
 * `Http404`, `PermissionDenied`, `ValidationError`).
 *
 * @example
 * ```ts
 * import { ReplyError } from "./reply.ts";
 * const error = ReplyError.notFound("Machine");
 * console.log(error.reply.status, error.message); // 404 No Machine matches the given query.
 * ```
 */
export class ReplyError extends Error {
  /** The answer the simulator sends for this error. */
  readonly reply: Reply;

  /** Wrap a ready-made answer. */
  constructor(reply: Reply) {
    super(typeof reply.body === "string" ? reply.body : `HTTP ${reply.status}`);
    this.name = "ReplyError";
    this.reply = reply;
  }

  /** 400 with a text message (`MAASAPIBadRequest`, or a validation error with one message). */
  static badRequest(message: string): ReplyError {
    return new ReplyError(text(message, 400));
  }

  /** 400 with a JSON object of field errors, as a Django form's `errors`. */
  static invalid(fields: Record<string, string[]>): ReplyError {
    return new ReplyError(json(fields, 400));
  }

  /** 403 with a text message (Django's `PermissionDenied`). */
  static forbidden(message: string): ReplyError {
    return new ReplyError(text(message, 403));
  }

  /** 404 the way `get_object_or_404` words it: `No <Thing> matches the given query.` */
  static notFound(thing: string): ReplyError {
    return new ReplyError(text(`No ${thing} matches the given query.`, 404, "text/plain"));
  }

  /** 409 without `Retry-After`: a real conflict (wrong node state, nothing to allocate). */
  static conflict(message: string): ReplyError {
    return new ReplyError(text(message, 409));
  }

  /** 401 with a text message (MAAS's `Unauthorized`). */
  static unauthorized(message: string): ReplyError {
    return new ReplyError(text(message, 401));
  }
}
