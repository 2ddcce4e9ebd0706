// The abilities the presenters send, role by role, and the compound rules of the policy (comments, lists, credits).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Comment } from "../../server/domain/comments.ts";
import {
  type Actor,
  anonymous,
  canSeeComment,
  commentAbilities,
  episodeAbilities,
  instanceAbilities,
  listedProgrammes,
  mayBeCredited,
  moderationScope,
  programmeAbilities,
  reviewAbilities,
  roleMay,
} from "../../server/domain/policy.ts";
import type { EpisodeStatus, Role } from "../../server/domain/types.ts";

const P = "p1";
const user = (role?: Role, isAdmin = false, userId = `u-${role ?? (isAdmin ? "admin" : "reader")}`): Actor => ({
  kind: "user",
  userId,
  isAdmin,
  roles: new Map(role ? [[P, role]] : []),
});
const fromTerritory = (actor: Actor): Actor => (actor.kind === "user" ? { ...actor, territoryId: "t1" } : actor);
const actors = {
  anonymous,
  reader: user(),
  partner: fromTerritory(user("partner")),
  editor: user("editor"),
  lead: user("lead"),
  admin: user(undefined, true),
} as const;
type Who = keyof typeof actors;

/** For each ability, who has it: the rest of the actors must not. */
function check<T extends Record<string, boolean>>(compute: (actor: Actor) => T, expected: Record<keyof T, Who[]>): void {
  for (const [who, actor] of Object.entries(actors) as [Who, Actor][]) {
    const got = compute(actor);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(expected).sort(), "the abilities listed");
    for (const [ability, holders] of Object.entries(expected) as [keyof T, Who[]][])
      assert.equal(got[ability], holders.includes(who), `${who} → ${String(ability)}`);
  }
}

const TEAM: Who[] = ["editor", "lead", "admin"];
const MEMBERS: Who[] = ["partner", ...TEAM];
const episode = (status: EpisodeStatus, commentsClosed = false) => ({ programmeId: P, status, commentsClosed });

describe("abilities: what each role is told it may do", () => {
  it("on the instance", () => {
    check(instanceAbilities, { administer: ["admin"], createProgramme: ["admin"], exportInstance: ["admin"] });
  });

  it("on a programme", () => {
    check((a) => programmeAbilities(a, P), {
      edit: ["lead", "admin"],
      manageMembers: ["lead", "admin"],
      createEpisode: TEAM,
      readDrafts: TEAM,
      moderate: TEAM,
      seeSubscribers: TEAM,
      exportProgramme: ["lead", "admin"],
    });
  });

  it("on a draft", () => {
    check((a) => episodeAbilities(a, episode("draft")), {
      edit: TEAM,
      submit: TEAM,
      returnToDraft: [],
      publish: TEAM,
      schedule: TEAM,
      unpublish: [],
      update: [],
      readRevisions: TEAM,
      review: [],
      // Admins may do everything, a draft's comments included.
      comment: ["admin"],
      closeComments: ["lead", "admin"],
      markRead: [],
      readReviewMarks: MEMBERS,
    });
  });

  it("on an episode in review: partners follow it read-only and comment", () => {
    check((a) => episodeAbilities(a, episode("review")), {
      edit: TEAM,
      submit: [],
      returnToDraft: TEAM,
      publish: TEAM,
      schedule: TEAM,
      unpublish: [],
      update: [],
      readRevisions: TEAM,
      review: ["partner"],
      comment: MEMBERS,
      closeComments: ["lead", "admin"],
      // In the name of their territory: the admin has none.
      markRead: ["partner"],
      readReviewMarks: MEMBERS,
    });
  });

  it("marks \"Relu\" only as a partner with a territory", () => {
    const inReview = episode("review");
    assert.equal(episodeAbilities(user("partner"), inReview).markRead, false, "a partner without a territory");
    assert.equal(episodeAbilities(fromTerritory(user("editor")), inReview).markRead, false, "an editor from a territory");
    assert.equal(episodeAbilities(fromTerritory(user("partner")), inReview).markRead, true);
  });

  it("on a published episode, and nobody comments once comments are closed", () => {
    const published = {
      edit: TEAM,
      submit: [],
      returnToDraft: [],
      publish: [],
      schedule: [],
      unpublish: TEAM,
      update: TEAM,
      readRevisions: TEAM,
      review: [],
      comment: MEMBERS,
      closeComments: ["lead", "admin"],
      markRead: [],
      readReviewMarks: MEMBERS,
    } satisfies Record<string, Who[]>;
    check((a) => episodeAbilities(a, episode("published")), published);
    check((a) => episodeAbilities(a, episode("published", true)), { ...published, comment: [] });
  });

  it("on a comment: its author edits and deletes it, moderators hide and delete it, members reply", () => {
    const now = new Date("2026-05-01T12:00:00Z");
    const comment = (over: Partial<Comment> = {}): Comment => ({
      _id: "c1",
      episodeId: "e1",
      programmeId: P,
      parentId: null,
      authorId: "u-partner",
      authorName: "Une partenaire",
      authorTerritory: null,
      body: "Bonjour",
      status: "visible",
      audience: "public",
      createdAt: new Date(now.getTime() - 60_000),
      editedAt: null,
      ...over,
    });
    const on = (c: Comment) => (a: Actor) => commentAbilities(a, episode("published"), c, now);
    check(on(comment()), { edit: ["partner"], hide: TEAM, delete: ["partner", ...TEAM], reply: MEMBERS });
    check(on(comment({ parentId: "c0" })), { edit: ["partner"], hide: TEAM, delete: ["partner", ...TEAM], reply: [] });
    check(on(comment({ createdAt: new Date(now.getTime() - 3_600_000) })), {
      edit: [],
      hide: TEAM,
      delete: ["partner", ...TEAM],
      reply: MEMBERS,
    });
    // A hidden comment shows in full to moderators only: its author sees a placeholder, which allows nothing.
    check(on(comment({ status: "hidden" })), { edit: [], hide: TEAM, delete: TEAM, reply: [] });
  });
});

describe("policy: the compound rules", () => {
  const base = { programmeId: P, authorId: "u-partner", audience: "public" as const };

  it("a hidden comment stays visible to its author and moderators; a deleted one to nobody", () => {
    for (const [who, actor] of Object.entries(actors) as [Who, Actor][]) {
      assert.equal(canSeeComment(actor, { ...base, status: "visible" }), true, `${who} visible`);
      assert.equal(canSeeComment(actor, { ...base, status: "hidden" }), ["partner", ...TEAM].includes(who), `${who} hidden`);
      assert.equal(canSeeComment(actor, { ...base, status: "deleted" }), false, `${who} deleted`);
      assert.equal(canSeeComment(actor, { ...base, status: "visible", audience: "members" }), MEMBERS.includes(who), `${who} members`);
    }
  });

  it("lists: admins and anonymous readers see every programme, others their own", () => {
    assert.equal(listedProgrammes(actors.admin), "all");
    assert.equal(listedProgrammes(anonymous), "all");
    assert.deepEqual(listedProgrammes(actors.partner), [P]);
    assert.deepEqual(listedProgrammes(actors.reader), []);
  });

  it("moderation reaches every programme for admins, the team's programmes for others", () => {
    assert.equal(moderationScope(actors.admin), "all");
    assert.deepEqual(moderationScope(actors.editor), [P]);
    assert.deepEqual(moderationScope(actors.partner), []);
    assert.deepEqual(moderationScope(anonymous), []);
  });

  it("a role alone: the team moderates, partners do not", () => {
    assert.equal(roleMay("editor", "comment.moderate"), true);
    assert.equal(roleMay("lead", "comment.moderate"), true);
    assert.equal(roleMay("partner", "comment.moderate"), false);
    assert.equal(roleMay("editor", "programme.members.manage"), false);
  });

  it("members and admins may be credited as authors", () => {
    assert.equal(mayBeCredited({ isAdmin: false }, true), true);
    assert.equal(mayBeCredited({ isAdmin: true }, false), true);
    assert.equal(mayBeCredited({ isAdmin: false }, false), false);
  });

  it("review threads: the team on every status, partners once the draft is shared; authors and the team delete", () => {
    const episode = (status: EpisodeStatus) => ({ programmeId: P, status });
    check((a) => reviewAbilities(a, episode("draft")), {
      comment: ["editor", "lead", "admin"],
      suggest: ["editor", "lead", "admin"],
      reply: [],
      resolve: [],
      reopen: [],
      delete: [],
      accept: [],
      reject: [],
    });
    for (const status of ["review", "published"] as const) {
      check((a) => reviewAbilities(a, episode(status), { authorId: "u-partner", resolved: false }), {
        comment: ["partner", "editor", "lead", "admin"],
        suggest: status === "review" ? ["partner", "editor", "lead", "admin"] : [],
        reply: ["partner", "editor", "lead", "admin"],
        resolve: ["partner", "editor", "lead", "admin"],
        reopen: [],
        delete: ["partner", "editor", "lead", "admin"],
        accept: [],
        reject: [],
      });
    }
    check((a) => reviewAbilities(a, episode("review"), { authorId: "u-editor", resolved: true }), {
      comment: ["partner", "editor", "lead", "admin"],
      suggest: ["partner", "editor", "lead", "admin"],
      reply: ["partner", "editor", "lead", "admin"],
      resolve: [],
      reopen: ["partner", "editor", "lead", "admin"],
      delete: ["editor", "lead", "admin"],
      accept: [],
      reject: [],
    });
  });

  it("suggestions: the team that holds the pen accepts or rejects an open one; a decided one stays closed", () => {
    const inReview = { programmeId: P, status: "review" as const };
    const open = { authorId: "u-partner", resolved: false, suggestion: "open" as const };
    check((a) => reviewAbilities(a, inReview, open), {
      comment: MEMBERS,
      suggest: MEMBERS,
      reply: MEMBERS,
      resolve: MEMBERS,
      reopen: [],
      delete: MEMBERS,
      accept: TEAM,
      reject: TEAM,
    });
    for (const decided of ["accepted", "rejected"] as const)
      check((a) => reviewAbilities(a, inReview, { ...open, resolved: true, suggestion: decided }), {
        comment: MEMBERS,
        suggest: MEMBERS,
        reply: MEMBERS,
        resolve: [],
        reopen: [],
        delete: MEMBERS,
        accept: [],
        reject: [],
      });
    // Partners never decide, even where they may read and suggest; nobody suggests on a published episode.
    assert.equal(reviewAbilities(actors.partner, { programmeId: P, status: "published" }, open).accept, false);
    assert.equal(reviewAbilities(actors.editor, { programmeId: P, status: "published" }).suggest, false);
  });
});
