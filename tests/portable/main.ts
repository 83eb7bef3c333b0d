/**
 * Runs the portable suite on whichever runtime runs this file and prints
 * `RUNTIME: N passed, N failed` last; the exit code is 1 when a test failed.
 *
 *     bun tests/portable/main.ts [NAME-FILTER]
 *     deno run -A tests/portable/main.ts
 *     node .tools/build/portable/tests/portable/main.js   (after `deno task build:portable`)
 *
 * @module
 */

import process from "node:process";
import { runAll } from "./harness.ts";
import { runtimeLabel } from "./support.ts";
import "./suites.ts";

const totals = await runAll(runtimeLabel(), process.argv[2]);
// A test that leaked a timer or a socket must not keep the run alive once everything is counted.
process.stdout.write("", () => process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1));
