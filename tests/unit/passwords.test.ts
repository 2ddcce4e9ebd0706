// Password rules: length in characters, and the bundled list of common passwords.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCommonPassword, passwordProblem } from "../../server/domain/passwords.ts";

describe("password rules", () => {
  it("wants 12 to 128 characters, counted as characters", () => {
    assert.equal(passwordProblem("court-mais-1"), null);
    assert.equal(passwordProblem("trop-court1"), "too_short");
    assert.equal(passwordProblem("é".repeat(6) + "àç€ü-x"), null);
    const long = "une phrase assez longue ".repeat(6).slice(0, 128);
    assert.equal(passwordProblem(long), null);
    assert.equal(passwordProblem(`${long}!`), "too_long");
  });

  it("refuses common passwords whatever their case", () => {
    for (const weak of ["motdepasse123", "MotDePasse123", "azertyuiop123", "123456789012", "Password1234", "qwertyuiopasdfghjkl"])
      assert.equal(passwordProblem(weak), "too_common", weak);
    assert.equal(isCommonPassword("correct horse battery staple"), false);
  });

  it("refuses a run of one or two characters repeated", () => {
    assert.equal(passwordProblem("abababababababab"), "too_common");
    assert.equal(passwordProblem("zzzzzzzzzzzzzz"), "too_common");
  });
});
