/**
 * Tab completion that offers what a user may call. Deno's REPL completes `x.` with every property
 * of `x` and of each object on its prototype chain: `Object.prototype`'s `__defineGetter__`,
 * `constructor`, and the library's protected helpers alike. It takes no filter, but it cannot see
 * through a `Proxy` (that would run code), so its walk stops at the first one on the chain.
 *
 * {@linkcode shapeForCompletion} uses that, in the REPL's own process only: each library class's
 * prototype keeps (and gets copies of) the members a user may call, and everything else — hidden
 * members, the prototype it extends, `Object.prototype` — moves behind a proxy that forwards every
 * lookup, assignment and `in` unchanged. Methods, getters, `super`, `instanceof` and private fields work as before.
 *
 * What is hidden is decided by rules, not by a list of names: names starting with `_`,
 * `constructor`, `Object.prototype`'s members (unless a library class defines its own), and
 * whatever `hidden(className, name)` says — the REPL passes the documentation's verdict, so
 * `protected` and `private` members stay out whatever the classes look like.
 *
 * @module
 */

// deno-lint-ignore ban-types
type Class = Function & { prototype: object };

/** Says whether the member `name` of the class called `className` is internal. */
export type HiddenRule = (className: string, name: string) => boolean;

const shapedPrototypes = new WeakSet<object>();
const shapedInstances = new WeakSet<object>();

/** A member seen on a prototype chain, nearest first. */
interface Member {
  name: string;
  owner: Class;
  holder: object;
  descriptor: PropertyDescriptor;
}

/**
 * A stand-in for `behind` on a prototype chain: every lookup, assignment and `in` goes to `behind`
 * (with the original receiver, so getters, setters and methods see the real object), and its
 * prototype reads as `parent` (so `instanceof` holds). Its own target is empty: the completer
 * lists the own keys of the first proxy's target before it stops, so nothing must be there.
 */
function veil(behind: object, parent: object | null): object {
  return new Proxy(Object.create(null), {
    get: (_, key, receiver) => Reflect.get(behind, key, receiver),
    set: (_, key, value, receiver) => Reflect.set(behind, key, value, receiver),
    has: (_, key) => Reflect.has(behind, key),
    getPrototypeOf: () => parent,
  });
}

function isClass(value: unknown): value is Class {
  return typeof value === "function" && typeof (value as Class).prototype === "object" &&
    (value as Class).prototype !== null;
}

/** The prototypes on `prototype`'s chain below `Object.prototype`, with their classes. */
function chainOf(prototype: object, known: Map<object, Class>): { holder: object; owner: Class }[] {
  const chain: { holder: object; owner: Class }[] = [];
  for (
    let current: object | null = prototype;
    current && current !== Object.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    const constructor = Object.getOwnPropertyDescriptor(current, "constructor")?.value;
    const owner = known.get(current) ?? (isClass(constructor) ? constructor : undefined);
    if (!owner) break;
    chain.push({ holder: current, owner });
  }
  return chain;
}

function sourceOf(descriptor: PropertyDescriptor): string {
  return [descriptor.value, descriptor.get, descriptor.set]
    .filter((part) => typeof part === "function")
    .map((part) => Function.prototype.toString.call(part))
    .join("\n");
}

/** Names that a method of `holder` reaches with `super`: they must stay where they are. */
function superNames(holder: object): Set<string> | "any" {
  const names = new Set<string>();
  for (const key of Object.getOwnPropertyNames(holder)) {
    const source = sourceOf(Object.getOwnPropertyDescriptor(holder, key)!);
    if (/\bsuper\s*\[/.test(source)) return "any";
    for (const match of source.matchAll(/\bsuper\s*\.\s*([A-Za-z_$][\w$]*)/g)) names.add(match[1]);
  }
  return names;
}

/** A function that calls `method` on its `this`: the same behaviour, an identity of its own. */
function forwarder(method: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const forward = function (this: unknown, ...args: unknown[]) {
    return method.apply(this, args);
  };
  Object.defineProperty(forward, "name", { value: method.name });
  Object.defineProperty(forward, "length", { value: method.length });
  return forward;
}

/**
 * Shapes the prototypes of `classes` (and of the library classes they extend, when listed) so
 * that Deno's REPL completes only what a user may call. Safe to call again: each prototype is
 * shaped once. Returns how many prototypes were shaped.
 *
 * @example
 * ```ts
 * import { shapeForCompletion } from "./completion.ts";
 * class Store {
 *   protected cache = new Map<string, string>();
 *   get(key: string) {
 *     return this.cache.get(key);
 *   }
 * }
 * shapeForCompletion([Store], (className, name) => className === "Store" && name === "cache");
 * ```
 */
export function shapeForCompletion(classes: readonly unknown[], hidden: HiddenRule): number {
  const known = new Map<object, Class>();
  for (const value of classes) {
    // Plain functions have a prototype too; only classes make the objects a user completes on.
    if (isClass(value) && Function.prototype.toString.call(value).startsWith("class")) {
      known.set(value.prototype, value);
    }
  }
  // What the classes themselves define stays (their own toString, toJSON…); what they inherit
  // from Object.prototype is behind the proxy with the rest.
  const hide = ({ name, owner }: Member) =>
    name === "constructor" || name.startsWith("_") || hidden(owner.name, name);

  // Everything is read from the chains before any of them changes.
  const plans: { prototype: object; parent: object | null; members: Member[] }[] = [];
  for (const [prototype] of known) {
    if (shapedPrototypes.has(prototype)) continue;
    const chain = chainOf(prototype, known);
    const members: Member[] = [];
    const seen = new Set<string>();
    for (const { holder, owner } of chain) {
      for (const name of Object.getOwnPropertyNames(holder)) {
        if (seen.has(name)) continue;
        seen.add(name);
        members.push({
          name,
          owner,
          holder,
          descriptor: Object.getOwnPropertyDescriptor(holder, name)!,
        });
      }
    }
    plans.push({ prototype, parent: Object.getPrototypeOf(prototype), members });
  }

  for (const { prototype, parent, members } of plans) {
    const reachedBySuper = superNames(prototype);
    const behind = Object.create(parent) as object;
    for (const member of members) {
      const own = member.holder === prototype;
      const internal = hide(member);
      if (own && internal) {
        if (reachedBySuper === "any" || reachedBySuper.has(member.name)) continue;
        Object.defineProperty(behind, member.name, member.descriptor);
        delete (prototype as Record<string, unknown>)[member.name];
      } else if (!own && !internal) {
        const descriptor = { ...member.descriptor };
        if (typeof descriptor.value === "function") {
          descriptor.value = forwarder(descriptor.value);
        }
        Object.defineProperty(prototype, member.name, descriptor);
      }
    }
    Object.setPrototypeOf(prototype, veil(behind, parent));
    shapedPrototypes.add(prototype);
  }
  return plans.length;
}

/**
 * Hides the internal fields an object holds itself (a namespace's `context`, set by its
 * constructor), for an object whose class {@linkcode shapeForCompletion} shaped. Returns whether
 * anything was hidden.
 *
 * @example
 * ```ts
 * import { shapeForCompletion, shapeInstance } from "./completion.ts";
 * class Namespace {
 *   protected readonly context = { apiUrl: "http://maas/MAAS/api/2.0/" };
 *   get url() {
 *     return this.context.apiUrl;
 *   }
 * }
 * const rule = (_: string, name: string) => name === "context";
 * shapeForCompletion([Namespace], rule);
 * shapeInstance(new Namespace(), rule);
 * ```
 */
export function shapeInstance(object: object, hidden: HiddenRule): boolean {
  if (shapedInstances.has(object)) return false;
  const prototype = Object.getPrototypeOf(object);
  if (!prototype || !shapedPrototypes.has(prototype)) return false;
  const className = (object as { constructor?: { name?: string } }).constructor?.name ?? "";
  const internal = Object.getOwnPropertyNames(object).filter((name) =>
    name.startsWith("_") || hidden(className, name)
  );
  shapedInstances.add(object);
  if (internal.length === 0) return false;
  const behind = Object.create(prototype) as object;
  for (const name of internal) {
    Object.defineProperty(behind, name, Object.getOwnPropertyDescriptor(object, name)!);
    delete (object as Record<string, unknown>)[name];
  }
  const front = Object.create(veil(behind, prototype)) as object;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    Object.defineProperty(front, name, Object.getOwnPropertyDescriptor(prototype, name)!);
  }
  Object.setPrototypeOf(object, front);
  return true;
}

/**
 * Makes the getters of `owner`'s prototype shape, with {@linkcode shapeInstance}, the objects
 * they return: a client's namespaces are made on first use, and this is where they are met.
 *
 * @example
 * ```ts
 * import { shapeGetterResults } from "./completion.ts";
 * class Client {
 *   #machines = new Map<string, string>();
 *   get machines() {
 *     return this.#machines;
 *   }
 * }
 * shapeGetterResults(Client, () => false);
 * ```
 */
export function shapeGetterResults(owner: Class, hidden: HiddenRule): void {
  const prototype = owner.prototype;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    const get = descriptor.get;
    if (!get || (get as { shapes?: boolean }).shapes) continue;
    const shaping = function (this: unknown) {
      const value = get.call(this);
      if (value !== null && typeof value === "object") shapeInstance(value, hidden);
      return value;
    };
    Object.defineProperty(shaping, "name", { value: get.name });
    Object.defineProperty(shaping, "shapes", { value: true });
    Object.defineProperty(prototype, name, { ...descriptor, get: shaping });
  }
}
