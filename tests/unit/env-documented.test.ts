// Every variable server/config.ts reads is documented where an operator looks: docker-compose.yml and .env.example.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { ENV_NAMES } from "../../server/config.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

describe("configuration: every variable is documented", () => {
  it("reads the variables from the schema itself", () => {
    for (const name of ["PUBLIC_URL", "SESSION_SECRET", "OIDC_PROVIDERS", "OIDC_CREATE_ACCOUNTS", "PASSWORD_SIGN_IN"])
      assert.ok(ENV_NAMES.includes(name), `${name} is read by server/config.ts`);
  });

  it("docker-compose.yml names each one, set or in a comment", () => {
    const compose = read("docker-compose.yml");
    const missing = ENV_NAMES.filter((name) => !new RegExp(`\\b${name}\\b`).test(compose));
    assert.deepEqual(missing, [], `missing from docker-compose.yml: ${missing.join(", ")}`);
  });

  it(".env.example gives each one a line of its own, set or commented out", () => {
    const example = read(".env.example");
    const missing = ENV_NAMES.filter((name) => !new RegExp(`^(# )?${name}=`, "m").test(example));
    assert.deepEqual(missing, [], `missing from .env.example: ${missing.join(", ")}`);
  });
});
