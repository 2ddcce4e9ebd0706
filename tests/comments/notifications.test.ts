// E-mails about comments, read from the .eml outbox: grouped team digests, replies, and each person's switches.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Episode } from "../../server/domain/types.ts";
import { commentNotificationService } from "../../server/services/commentNotifications.ts";
import { newId } from "../../server/store/ids.ts";
import { readOutbox } from "../helpers/accounts.ts";
import type { CastRole } from "../helpers/factories.ts";
import { type CommentWorld, commentWorld } from "./setup.ts";

type Mail = { to: string; subject: string; text: string };

describe("comment notifications", () => {
  let w: CommentWorld;
  let episode: Episode;
  let t = Date.now();
  const read = new Set<string>();

  before(async () => {
    w = await commentWorld();
    w.server.ctx.services.commentNotifications.options.now = () => new Date(t);
    episode = await w.newEpisode({ title: "Le terrain à Grenoble" });
  });
  after(async () => {
    await w.server.close();
  });

  /** E-mails written since the last call, once every notification under way is done. */
  async function newMail(): Promise<Mail[]> {
    await w.server.ctx.services.commentNotifications.idle();
    const mails = (await readOutbox(w.server.dataDir)).filter((m) => !read.has(m.file));
    for (const m of mails) read.add(m.file);
    return mails;
  }
  const to = (mails: Mail[], role: keyof CommentWorld["cast"]["users"]) =>
    mails.filter((m) => m.to === w.cast.users[role].email);
  const post = async (as: CastRole, body: string, parentId?: unknown) => {
    const res = await w.api("POST", `/api/episodes/${episode._id}/comments`, { as, body: { body, ...(parentId ? { parentId } : {}) } });
    assert.equal(res.status, 201);
    return String(res.json.id);
  };

  it("tells the team about a new comment at once, but not its author nor the partners", async () => {
    await newMail();
    const id = await post("partner", "Nous avons testé le guichet mobile.");
    const mails = await newMail();
    assert.equal(to(mails, "lead").length, 1);
    assert.equal(to(mails, "editor").length, 1);
    assert.equal(mails.length, 2, JSON.stringify(mails.map((m) => m.to)));
    const [mail] = to(mails, "lead");
    assert.equal(mail!.subject, "Un nouveau commentaire");
    assert.match(mail!.text, /Nous avons testé le guichet mobile\./);
    assert.match(mail!.text, new RegExp(w.cast.territory.name));
    assert.match(mail!.text, /Le terrain à Grenoble/);
    assert.ok(mail!.text.includes(`/carnets/${w.cast.programme.slug}/${episode.number}-${episode.slug}#commentaire-${id}`));
  });

  it("groups what follows into one e-mail per person after 10 minutes", async () => {
    await post("partner", "Deuxième remarque.");
    await post("admin", "Troisième remarque.");
    assert.deepEqual(await newMail(), []);
    assert.equal((await w.server.ctx.repos.commentDigest.pendingFor(w.cast.users.lead._id)).length, 2, "kept in the store");
    t += 9 * 60_000;
    await w.server.ctx.services.commentNotifications.flushDue();
    assert.deepEqual(await newMail(), []);
    t += 60_000;
    await w.server.ctx.services.commentNotifications.flushDue();
    const mails = await newMail();
    assert.equal(to(mails, "lead").length, 1);
    assert.equal(to(mails, "editor").length, 1);
    const [digest] = to(mails, "editor");
    assert.equal(digest!.subject, "2 nouveaux commentaires");
    assert.match(digest!.text, /Deuxième remarque\.[\s\S]*Troisième remarque\./);
    assert.equal((await w.server.ctx.repos.commentDigest.pendingFor(w.cast.users.lead._id)).length, 0);
  });

  it("tells a comment's author about a reply", async () => {
    t += 10 * 60_000;
    const parent = await post("partner", "Une question pour l'équipe ?");
    await newMail();
    await post("editor", "Voici la réponse.", parent);
    const mails = await newMail();
    const [reply] = to(mails, "partner");
    assert.ok(reply, JSON.stringify(mails.map((m) => m.to)));
    assert.match(reply.subject, /vous a répondu sur « Le terrain à Grenoble »/);
    assert.match(reply.text, /> Voici la réponse\./);
    assert.equal(to(mails, "editor").length, 0, "not about one's own reply");
  });

  it("sends one digest when one instance's immediate flush and another instance's sweep run at once", async () => {
    const { ctx } = w.server;
    // A second instance: the same store and mailer, its own per-person chains.
    const other = commentNotificationService({
      comments: ctx.repos.comments,
      digest: ctx.repos.commentDigest,
      prefs: ctx.repos.notificationPrefs,
      users: ctx.repos.users,
      memberships: ctx.repos.memberships,
      episodes: ctx.repos.episodes,
      programmes: ctx.repos.programmes,
      sessions: ctx.services.sessions,
      mailer: ctx.mailer,
      publicUrl: ctx.config.publicUrl,
      instanceName: ctx.config.instanceName,
      log: ctx.log,
    });
    other.options.now = () => new Date(t);
    t += 10 * 60_000;
    const commentId = await post("partner", "Une remarque que deux instances voudraient envoyer.");
    await newMail();
    for (let round = 1; round <= 5; round++) {
      t += 10 * 60_000;
      for (const role of ["lead", "editor"] as const)
        await ctx.repos.commentDigest.add({ _id: newId(), userId: w.cast.users[role]._id, commentId, at: new Date(t) });
      await Promise.all([ctx.services.commentNotifications.flushDue(), other.flushDue()]);
      await other.idle();
      const mails = await newMail();
      assert.equal(to(mails, "lead").length, 1, `round ${round}: ${JSON.stringify(mails.map((m) => m.to))}`);
      assert.equal(to(mails, "editor").length, 1, `round ${round}`);
    }
  });

  it("respects each person's switches", async () => {
    t += 60 * 60_000;
    assert.equal((await w.api("PUT", "/api/me/notifications", { as: "lead", body: { newComments: false } })).status, 200);
    assert.equal((await w.api("PUT", "/api/me/notifications", { as: "partner", body: { replies: false } })).status, 200);
    const parent = await post("partner", "Encore une question.");
    let mails = await newMail();
    assert.equal(to(mails, "lead").length, 0);
    assert.equal(to(mails, "editor").length, 1);
    await post("editor", "Encore une réponse.", parent);
    mails = await newMail();
    assert.equal(to(mails, "partner").length, 0);
  });
});
