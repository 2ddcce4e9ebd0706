// The access policy against the brief's table, role by role.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Action, type Actor, anonymous, can, collabAccess } from "../../server/domain/policy.ts";
import type { Role } from "../../server/domain/types.ts";

const P = "p1";
const user = (role?: Role, isAdmin = false): Actor => ({
  kind: "user",
  userId: "u",
  isAdmin,
  roles: new Map(role ? [[P, role]] : []),
});
const actors = {
  reader: anonymous,
  signedInReader: user(),
  partner: user("partner"),
  editor: user("editor"),
  lead: user("lead"),
  admin: user(undefined, true),
} as const;

// Rows of the brief's "Who may do what" table: which of the actors above may act.
const table: [Action, (keyof typeof actors)[]][] = [
  ["episode.readPublished", ["reader", "signedInReader", "partner", "editor", "lead", "admin"]],
  ["subscription.create", ["reader", "signedInReader", "partner", "editor", "lead", "admin"]],
  ["episode.readReview", ["partner", "editor", "lead", "admin"]],
  ["episode.readDraft", ["editor", "lead", "admin"]],
  ["episode.create", ["editor", "lead", "admin"]],
  ["episode.edit", ["editor", "lead", "admin"]],
  ["episode.publish", ["editor", "lead", "admin"]],
  ["comment.moderate", ["editor", "lead", "admin"]],
  ["programme.update", ["lead", "admin"]],
  ["programme.members.manage", ["lead", "admin"]],
  ["programme.create", ["admin"]],
  ["territory.manage", ["admin"]],
  ["user.manage", ["admin"]],
];

describe("policy: the brief's table", () => {
  for (const [action, allowed] of table) {
    it(action, () => {
      for (const [name, actor] of Object.entries(actors)) {
        assert.equal(can(actor, action, { programmeId: P }), allowed.includes(name as keyof typeof actors), `${name} → ${action}`);
      }
    });
  }

  it("a role in another programme grants nothing here", () => {
    const elsewhere: Actor = { kind: "user", userId: "u", isAdmin: false, roles: new Map([["p2", "lead"]]) };
    for (const [action] of table.filter(([, allowed]) => !allowed.includes("reader")))
      assert.equal(can(elsewhere, action, { programmeId: P }), false, action);
  });

  it("members comment on published and in-review episodes only", () => {
    assert.equal(can(actors.partner, "episode.comment", { programmeId: P, episodeStatus: "published" }), true);
    assert.equal(can(actors.partner, "episode.comment", { programmeId: P, episodeStatus: "draft" }), false);
    assert.equal(can(actors.signedInReader, "episode.comment", { programmeId: P, episodeStatus: "published" }), false);
  });

  it("the collaboration socket: team writes, partners read in review only, others get nothing", () => {
    assert.equal(collabAccess(actors.editor, P, "draft"), "write");
    assert.equal(collabAccess(actors.lead, P, "published"), "write");
    assert.equal(collabAccess(actors.partner, P, "review"), "read");
    assert.equal(collabAccess(actors.partner, P, "draft"), "none");
    assert.equal(collabAccess(actors.partner, P, "published"), "none");
    assert.equal(collabAccess(actors.signedInReader, P, "review"), "none");
    assert.equal(collabAccess(anonymous, P, "review"), "none");
  });
});
