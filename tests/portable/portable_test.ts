/**
 * The portable suite inside Deno's own test runner, so that `deno task test` (and CI's full Deno
 * run) checks it with the op and resource sanitizers; Bun and Node run it through `main.ts`.
 *
 * @module
 */

import { registered } from "./harness.ts";
import "./suites.ts";

for (const testCase of registered()) {
  Deno.test(`portable: ${testCase.name}`, testCase.fn);
}
