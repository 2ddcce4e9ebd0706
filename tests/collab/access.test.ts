// Who may open a room, read-only partners, verified presence, and access re-checked on role or status changes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as encoding from "lib0/encoding";
import type WebSocket from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CloseCode } from "../../collab/server/closeCodes.ts";
import { colourFor } from "../../collab/server/presence.ts";
import { buildCast, buildEpisodeRecord, buildMembership, buildUser, type Cast, sessionCookieFor } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { connect, disconnectAll, upgradeStatus, waitFor } from "./helpers.ts";

describe("collaboration: access and presence", () => {
  let server: TestServer;
  let cast: Cast;
  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
  });
  after(async () => {
    await server.close();
  });

  const episode = (status: "draft" | "review" | "published" = "draft", programmeId = cast.programme._id) =>
    buildEpisodeRecord(server.ctx, programmeId, { status });

  it("refuses on the upgrade: 401 without session, 403 without right or from another origin, 404 for an unknown room", async () => {
    const draft = await episode("draft");
    const review = await episode("review");
    const path = (id: string) => `/collab/episode-${id}`;
    const ask = (p: string, cookie: string | null, origin = server.origin) =>
      upgradeStatus(server.url, p, { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) });
    const anonymous = await ask(path(draft._id), null);
    assert.equal(anonymous.status, 401);
    assert.equal(JSON.parse(anonymous.body).error.code, "unauthenticated");
    assert.equal((await ask(path(draft._id), "carnet_session=forged")).status, 401);
    assert.equal((await ask(path(draft._id), cast.cookies.reader)).status, 403);
    assert.equal((await ask(path(draft._id), cast.cookies.partner)).status, 403, "partners do not see drafts");
    assert.equal((await ask(path(draft._id), cast.cookies.otherEditor)).status, 403);
    assert.equal((await ask(path(review._id), cast.cookies.otherPartner)).status, 403);
    assert.equal((await ask(path(draft._id), cast.cookies.editor, "http://evil.example")).status, 403);
    assert.equal((await ask(path("000000000000000000000000"), cast.cookies.editor)).status, 404);
    assert.equal((await ask("/collab/not-a-room", cast.cookies.editor)).status, 404);
    assert.equal((await ask(path(draft._id), cast.cookies.editor)).status, 101);
    assert.equal((await ask(path(review._id), cast.cookies.partner)).status, 101);
    assert.equal((await ask(path(draft._id), cast.cookies.admin)).status, 101);
  });

  it("limits connections per address: the next upgrade gets 429", async () => {
    const small = await startTestServer({ env: { COLLAB_MAX_CONNECTIONS_PER_IP: "2" } });
    try {
      const c = await buildCast(small.ctx);
      const room = `episode-${(await buildEpisodeRecord(small.ctx, c.programme._id))._id}`;
      const open = [connect(small.url, room, c.cookies.editor, small.origin), connect(small.url, room, c.cookies.lead, small.origin)];
      try {
        await Promise.all(open.map((o) => o.synced));
        const third = await upgradeStatus(small.url, `/collab/${room}`, { Origin: small.origin, Cookie: c.cookies.admin });
        assert.equal(third.status, 429);
      } finally {
        disconnectAll(open);
      }
    } finally {
      await small.close();
    }
  });

  it("a partner reads an episode in review live, and its injected updates reach neither the store nor anyone", async () => {
    const e = await episode("review");
    const room = `episode-${e._id}`;
    const editor = connect(server.url, room, cast.cookies.editor, server.origin);
    const partner = connect(server.url, room, cast.cookies.partner, server.origin);
    const other = connect(server.url, room, cast.cookies.lead, server.origin);
    try {
      await Promise.all([editor.synced, other.synced]);
      editor.text.insert(0, "brouillon");
      await waitFor(() => partner.text.toString() === "brouillon", "the partner reads live");
      // The stock provider sends local edits as update messages: exactly what an attacker would inject.
      partner.text.insert(0, "INJECTÉ ");
      // And a hand-made sync step 2 on the partner's socket.
      const rogue = new Y.Doc();
      rogue.getText("t").insert(0, "AUSSI ");
      const e2 = encoding.createEncoder();
      encoding.writeVarUint(e2, 0);
      encoding.writeVarUint(e2, 1);
      encoding.writeVarUint8Array(e2, Y.encodeStateAsUpdate(rogue));
      (partner.provider.ws as unknown as WebSocket).send(encoding.toUint8Array(e2));
      // A later edit from the editor is a marker: once it arrives, the injected ones would have too.
      editor.text.insert(editor.text.length, " suite");
      await waitFor(() => other.text.toString().endsWith(" suite"), "the marker reaches the lead");
      await waitFor(() => partner.text.toString().endsWith(" suite"), "the marker reaches the partner");
      assert.equal(other.text.toString(), "brouillon suite");
      assert.equal(editor.text.toString(), "brouillon suite");
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await server.ctx.repos.docs.load(room)).update);
      assert.equal(stored.getText("t").toString(), "brouillon suite");
    } finally {
      disconnectAll([editor, partner, other]);
    }
  });

  it("presence carries the verified name, territory and colour; a client cannot speak for another client id", async () => {
    const e = await episode("review");
    const room = `episode-${e._id}`;
    const partner = connect(server.url, room, cast.cookies.partner, server.origin);
    const editor = connect(server.url, room, cast.cookies.editor, server.origin);
    try {
      await Promise.all([partner.synced, editor.synced]);
      partner.provider.awareness.setLocalStateField("user", { name: "Le Maire", color: "#000000" });
      const partnerId = partner.doc.clientID;
      await waitFor(() => editor.provider.awareness.getStates().get(partnerId)?.user !== undefined, "presence arrives");
      assert.deepEqual(editor.provider.awareness.getStates().get(partnerId)?.user, {
        id: cast.users.partner._id,
        name: cast.users.partner.name,
        territory: cast.territory.name,
        color: colourFor(cast.users.partner._id),
      });
      // The partner's socket now claims to be the editor's client id.
      const fake = new awarenessProtocol.Awareness(new Y.Doc());
      fake.clientID = editor.doc.clientID;
      fake.setLocalState({ user: { name: "Usurpateur" }, marker: "fake" });
      fake.setLocalState({ user: { name: "Usurpateur" }, marker: "fake" });
      const e1 = encoding.createEncoder();
      encoding.writeVarUint(e1, 1);
      encoding.writeVarUint8Array(e1, awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID]));
      (partner.provider.ws as unknown as WebSocket).send(encoding.toUint8Array(e1));
      fake.destroy();
      // Marker: a later legitimate presence change from the partner.
      partner.provider.awareness.setLocalStateField("cursor", 42);
      await waitFor(() => editor.provider.awareness.getStates().get(partnerId)?.cursor === 42, "marker presence");
      const lead = connect(server.url, room, cast.cookies.lead, server.origin);
      try {
        await lead.synced;
        await waitFor(() => lead.provider.awareness.getStates().has(partnerId), "the lead sees the partner");
        const seen = lead.provider.awareness.getStates().get(editor.doc.clientID);
        assert.notEqual(seen?.marker, "fake");
      } finally {
        disconnectAll([lead]);
      }
    } finally {
      disconnectAll([partner, editor]);
    }
  });

  it("disconnects a member whose membership is removed, and downgrades a partner when the episode leaves review", async () => {
    const e = await episode("review");
    const room = `episode-${e._id}`;
    const user = await buildUser(server.ctx);
    const membership = await buildMembership(server.ctx, user._id, cast.programme._id, "editor");
    const cookie = await sessionCookieFor(server.ctx, user._id);
    const member = connect(server.url, room, cookie, server.origin);
    const partner = connect(server.url, room, cast.cookies.partner, server.origin);
    const closes: Record<string, number[]> = { member: [], partner: [] };
    member.provider.on("connection-close", (ev) => closes.member!.push(ev?.code ?? 0));
    partner.provider.on("connection-close", (ev) => closes.partner!.push(ev?.code ?? 0));
    try {
      await Promise.all([member.synced, partner.synced]);
      await server.ctx.store.collection("memberships").deleteOne({ _id: membership._id });
      server.ctx.events.emit("access.changed", { userId: user._id, programmeId: cast.programme._id });
      await waitFor(() => closes.member!.includes(CloseCode.ACCESS_REVOKED), "the removed member is disconnected");
      await server.ctx.repos.episodes.update(e._id, { status: "draft" });
      server.ctx.events.emit("episode.statusChanged", { episodeId: e._id, programmeId: cast.programme._id, status: "draft" });
      await waitFor(() => closes.partner!.includes(CloseCode.ACCESS_REVOKED), "the partner loses the draft");
    } finally {
      disconnectAll([member, partner]);
    }
  });
});
