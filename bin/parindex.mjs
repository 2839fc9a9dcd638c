#!/usr/bin/env node
// Entry point of the `parindex` command: runs the TypeScript sources through tsx, no build step.
import { register } from "tsx/esm/api";

register();
await import("../cli/parindex.ts");
