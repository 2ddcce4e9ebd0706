#!/usr/bin/env node
// `carnet` command: runs the TypeScript admin CLI through tsx.
import { register } from "tsx/esm/api";

register();
await import("../server/cli/main.ts");
