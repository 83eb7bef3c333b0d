/**
 * The small seams where Deno, Bun and Node differ: how TLS options reach `fetch`.
 * Everything else in the library uses web-standard APIs only.
 *
 * @module
 */

/** TLS settings for the connection to MAAS. Verification is on unless `insecure` is set. */
export interface TlsOptions {
  /** PEM text of a CA certificate (or several) to trust in addition to the system store. */
  caCert?: string;
  /** Skip certificate verification. Only for tests and labs: anyone on the path can listen in. */
  insecure?: boolean;
}

type FetchInit = RequestInit & Record<string, unknown>;

/** What the transport needs from the runtime to send requests with the TLS settings applied. */
export interface FetchSeam {
  /** Extra fields to merge into the `fetch` init of GET, PUT and DELETE requests. */
  init: Record<string, unknown>;
  /**
   * Extra fields for the `fetch` init of one POST, and how to let go of them once its answer has
   * been read.
   */
  post(): { init: Record<string, unknown>; release(): void };
  /** Human-readable notes about how the settings were applied (shown once to the user). */
  notes: string[];
  /** Releases runtime resources (Deno's HTTP clients). */
  close(): void;
}

interface DenoHttpClient {
  close(): void;
}

interface DenoLike {
  createHttpClient?: (
    options: { caCerts?: string[]; poolMaxIdlePerHost?: number },
  ) => DenoHttpClient;
}

/** Which runtime the library is running on. */
export function runtimeName(): "deno" | "bun" | "node" | "other" {
  const g = globalThis as Record<string, unknown>;
  if (g.Deno) return "deno";
  if (g.Bun) return "bun";
  const process = g.process as { versions?: { node?: string } } | undefined;
  return process?.versions?.node ? "node" : "other";
}

/**
 * Turns TLS options into what the current runtime's `fetch` understands, and keeps POSTs from
 * being sent twice.
 *
 * Deno takes a CA through an HTTP client. Its `fetch` also sends a request again, unasked, when a
 * reused keep-alive connection closes before the answer: harmless for GET, PUT and DELETE, but a
 * POST (`deploy`, `allocate`) might then run twice. So on Deno every POST goes out on a
 * connection of its own, which is never retried that way. Bun takes both TLS options in `fetch`'s
 * `tls` field. Node's built-in `fetch` has no per-request TLS settings, so there the CA comes
 * from the `NODE_EXTRA_CA_CERTS` environment variable and `insecure` from
 * `NODE_TLS_REJECT_UNAUTHORIZED=0`.
 */
export function fetchSeam(tls: TlsOptions | undefined): FetchSeam {
  const runtime = runtimeName();
  const notes: string[] = [];
  if (tls?.insecure) notes.push("TLS certificate verification is off for this client.");
  if (runtime === "bun") {
    const options: Record<string, unknown> = {};
    if (tls?.caCert) options.ca = tls.caCert;
    if (tls?.insecure) options.rejectUnauthorized = false;
    const init = Object.keys(options).length ? { tls: options } : EMPTY;
    return { init, post: () => ({ init, release() {} }), notes, close() {} };
  }
  if (runtime === "deno") {
    const deno = (globalThis as { Deno?: DenoLike }).Deno;
    if (tls?.insecure) {
      notes.push(
        "Deno verifies certificates unless it runs with --unsafely-ignore-certificate-errors; " +
          "pass that flag (or give the CA with caCert) for `insecure` to take effect.",
      );
    }
    const caCerts = tls?.caCert ? [tls.caCert] : undefined;
    const create = typeof deno?.createHttpClient === "function";
    const shared = create && caCerts ? deno!.createHttpClient!({ caCerts }) : undefined;
    const init: Record<string, unknown> = shared ? { client: shared } : EMPTY;
    return {
      init,
      // A client of its own per POST: a fresh connection, closed with it, so nothing lingers
      // for a caller who never closes the transport.
      post: () => {
        if (!create) return { init, release() {} };
        const client = deno!.createHttpClient!({ caCerts, poolMaxIdlePerHost: 0 });
        return { init: { client }, release: () => client.close() };
      },
      notes,
      close: () => shared?.close(),
    };
  }
  if (tls?.caCert) {
    notes.push(
      "Node's fetch cannot take a CA per request: start Node with NODE_EXTRA_CA_CERTS=<file>.",
    );
  }
  if (tls?.insecure) {
    notes.push("Node's fetch verifies certificates unless NODE_TLS_REJECT_UNAUTHORIZED=0 is set.");
  }
  return { init: EMPTY, post: () => ({ init: EMPTY, release() {} }), notes, close() {} };
}

/** Merges the seam's fields into a fetch init. */
export function withSeam(init: FetchInit, extra: Record<string, unknown>): RequestInit {
  if (extra === EMPTY) return init;
  for (const key in extra) init[key] = extra[key];
  return init;
}

/** The seam of a runtime with nothing to add. */
const EMPTY: Record<string, unknown> = Object.freeze({});

interface DenoPermissions {
  permissions?: { querySync?: (d: { name: string; kind?: string }) => { state: string } };
}

/**
 * The name of this machine, for naming the API tokens this library creates; `"unknown host"`
 * where the runtime does not allow asking (Deno without `--allow-sys`).
 */
export async function hostName(): Promise<string> {
  try {
    const deno = (globalThis as { Deno?: DenoPermissions }).Deno;
    const state = deno?.permissions?.querySync?.({ name: "sys", kind: "hostname" }).state;
    if (deno && state !== "granted") return "unknown host";
    const os = await import("node:os");
    return os.hostname() || "unknown host";
  } catch {
    return "unknown host";
  }
}
