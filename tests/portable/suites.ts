/**
 * Every portable test file, in the order they run. Importing this module registers the tests.
 *
 * @module
 */

import "./signing.ts";
import "./transport.ts";
import "./session.ts";
import "./profiles.ts";
import "./tls.ts";
import "./door.ts";
import "./repl.ts";
import "./examples.ts";
import "./readme.ts";
import "./without_jsr.ts";
