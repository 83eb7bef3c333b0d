/**
 * Tab completion offers what a user may call: the names V8's inspector gives Deno's REPL for an
 * object (`Runtime.getProperties`, as the completer asks), before and after the shaping, and
 * everything the shaped classes do still working as before.
 */

import assert from "node:assert/strict";
import { Session } from "node:inspector";
import { shapeForCompletion, shapeGetterResults, shapeInstance } from "../lib/repl/completion.ts";
import { internalMembers } from "../lib/repl/help.ts";

/** The names Deno's completer would offer after `expression.` (V8 inspector, as the REPL asks). */
async function completions(expression: string): Promise<string[]> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (error, result) => error ? reject(error) : resolve(result as T))
    );
  try {
    const evaluated = await post<{ result: { objectId?: string } }>("Runtime.evaluate", {
      expression,
      throwOnSideEffect: true,
    });
    const properties = await post<{ result: { name: string }[] }>("Runtime.getProperties", {
      objectId: evaluated.result.objectId,
    });
    return properties.result.map((property) => property.name).filter((name) =>
      !name.startsWith("Symbol(")
    );
  } finally {
    session.disconnect();
  }
}

const INSPECT = Symbol.for("Deno.customInspect");

/** A small family shaped like the library's: a generic base, protected helpers, overrides. */
function family() {
  class Base<T> {
    #secret = "kept";
    protected readonly context: { log: string[] };
    constructor(context: { log: string[] }) {
      this.context = context;
    }
    /** Public, inherited. */
    list(): T[] {
      return [this.wrap("one")];
    }
    /** Public accessor, inherited. */
    get secret(): string {
      return this.#secret;
    }
    protected wrap(value: string): T {
      this.context.log.push(`base wrap ${value}`);
      return value as T;
    }
    protected describe(): string {
      return "base";
    }
    _internal(): string {
      return "underscored";
    }
    toString(): string {
      return `[${this.describe()}]`;
    }
    [INSPECT](): string {
      return "inspected";
    }
  }
  class Child extends Base<string> {
    protected readonly path = "children/";
    /** Public, own. */
    create(): string {
      return `${this.path}${this.describe()}`;
    }
    protected override describe(): string {
      return "child";
    }
  }
  /** Reaches a hidden member of its own name with `super`: that one has to stay in place. */
  class Override extends Base<string> {
    protected override wrap(value: string): string {
      return super.wrap(value).toUpperCase();
    }
  }
  return { Base, Child, Override };
}

const DOCS_RULE = (className: string, name: string) =>
  ["context", "wrap", "path"].includes(name) ||
  (name === "describe" && ["Base", "Child"].includes(className));

Deno.test("completion: only what a user may call, and the objects work as before", async () => {
  const { Base, Child, Override } = family();
  const log: string[] = [];
  const global = globalThis as Record<string, unknown>;
  try {
    global.__before = new Child({ log });
    const before = await completions("globalThis.__before");
    for (const name of ["context", "path", "wrap", "constructor", "__defineGetter__"]) {
      assert.ok(before.includes(name), `${name} is offered before the shaping`);
    }

    assert.equal(shapeForCompletion([Base, Child, Override], DOCS_RULE), 3);
    assert.equal(shapeForCompletion([Base, Child, Override], DOCS_RULE), 0, "shaped once");
    const child = new Child({ log });
    assert.equal(shapeInstance(child, DOCS_RULE), true);
    const override = new Override({ log });
    shapeInstance(override, DOCS_RULE);
    global.__child = child;
    global.__override = override;
    assert.deepEqual(
      (await completions("globalThis.__child")).sort(),
      ["create", "list", "secret", "toString"],
    );
    assert.deepEqual(
      (await completions("globalThis.__override")).sort(),
      ["list", "secret", "toString", "wrap"],
      "a hidden method reached by super stays where it is",
    );

    assert.ok(child instanceof Child && child instanceof Base && child instanceof Object);
    assert.equal(child.constructor, Child);
    assert.deepEqual(child.list(), ["one"], "hidden helpers still run");
    assert.equal(child.create(), "children/child", "hidden fields and overrides too");
    assert.deepEqual(override.list(), ["ONE"], "super reaches the parent's hidden method");
    assert.deepEqual(log, ["base wrap one", "base wrap one"]);
    assert.equal(child.secret, "kept", "private fields work through the copied accessors");
    assert.equal(String(child), "[child]");
    assert.equal(Deno.inspect(child), "inspected");
    assert.ok("wrap" in child && "hasOwnProperty" in child);
    assert.equal(Object.hasOwn(child, "context"), false);
    assert.equal(child.hasOwnProperty, Object.prototype.hasOwnProperty, "still inherited");
    assert.equal(child._internal(), "underscored");
  } finally {
    delete global.__before;
    delete global.__child;
    delete global.__override;
  }
});

Deno.test("completion: getters hand out shaped objects; the docs rule reads protected members", async () => {
  const { Base, Child } = family();
  class Owner {
    #child = new Child({ log: [] });
    get child(): InstanceType<typeof Child> {
      return this.#child;
    }
  }
  shapeForCompletion([Base, Child, Owner], DOCS_RULE);
  shapeGetterResults(Owner, DOCS_RULE);
  const owner = new Owner();
  const global = globalThis as Record<string, unknown>;
  try {
    global.__child = owner.child;
    assert.deepEqual(
      (await completions("globalThis.__child")).sort(),
      ["create", "list", "secret", "toString"],
    );
    assert.equal(owner.child, owner.child, "the same object every time");
  } finally {
    delete global.__child;
  }

  const docs = {
    nodes: {
      "file:///x.ts": {
        symbols: [
          {
            name: "Base",
            declarations: [{
              kind: "class",
              def: {
                methods: [{ name: "wrap", accessibility: "protected" }, { name: "list" }],
                properties: [{ name: "context", accessibility: "protected" }],
              },
            }],
          },
          {
            name: "Child",
            declarations: [{ kind: "class", def: { extends: "Base", methods: [] } }],
          },
        ],
      },
    },
  };
  const internal = internalMembers(docs);
  assert.equal(internal("Child", "wrap"), true, "inherited protected members count");
  assert.equal(internal("Child", "context"), true);
  assert.equal(internal("Child", "list"), false);
  assert.equal(internal("Unknown", "list"), false);
});
