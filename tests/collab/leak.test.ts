// 1,000 open–edit–close room cycles leave the heap, after GC, within 10 % of where it started.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "leak.ts");
const CYCLES = 1000;

describe("collaboration: memory", () => {
  it(`frees every room after ${CYCLES} open–edit–close cycles`, { timeout: 120_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--import", "tsx", fixture, String(CYCLES)], {
      env: { ...process.env, NODE_ENV: "test" },
    });
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as { baseline: number; final: number; editsInFirstRoom: number };
    // Every cycle's edit was stored: rooms 0, 10, 20… of 1,100 cycles, over 10 rooms.
    assert.equal(result.editsInFirstRoom, (CYCLES + 100) / 10);
    const growth = (result.final - result.baseline) / result.baseline;
    assert.ok(growth <= 0.1, `heap grew ${(growth * 100).toFixed(1)} % (${result.baseline} → ${result.final} bytes)`);
  });
});
