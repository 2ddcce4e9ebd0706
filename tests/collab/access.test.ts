// Who may open a room, read-only partners, verified presence, access re-checked live on role or status changes, keepalive.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CloseCode } from "../../collab/server/closeCodes.ts";
import { collab } from "../../collab/server/index.ts";
import { colourFor } from "../../collab/server/presence.ts";
import { buildCast, buildEpisodeRecord, buildMembership, buildUser, type Cast, sessionCookieFor } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { useCastServer } from "../helpers/suite.ts";
import { api } from "../episodes/client.ts";
import { bodyText, connect, disconnectAll, upgradeStatus, waitFor } from "./helpers.ts";

describe("collaboration: access and presence", () => {
  let server: TestServer;
  let cast: Cast;
  useCastServer((s, c) => {
    [server, cast] = [s, c];
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

  it("behind a proxy on this machine, counts connections per forwarded client address, as the HTTP app does", async () => {
    const small = await startTestServer({ env: { COLLAB_MAX_CONNECTIONS_PER_IP: "2" } });
    const sockets: WebSocket[] = [];
    try {
      const c = await buildCast(small.ctx);
      const path = `/collab/episode-${(await buildEpisodeRecord(small.ctx, c.programme._id))._id}`;
      const from = (ip: string, cookie: string) => ({ Origin: small.origin, Cookie: cookie, "X-Forwarded-For": ip });
      for (const cookie of [c.cookies.editor, c.cookies.lead]) {
        const ws = new WebSocket(`${small.url.replace(/^http/, "ws")}${path}`, { headers: from("203.0.113.5", cookie) });
        sockets.push(ws);
        await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
      }
      assert.equal((await upgradeStatus(small.url, path, from("203.0.113.5", c.cookies.admin))).status, 429);
      assert.equal((await upgradeStatus(small.url, path, from("203.0.113.6", c.cookies.admin))).status, 101);
    } finally {
      for (const ws of sockets) ws.close();
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
      bodyText(rogue).insert(0, "AUSSI ");
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
      assert.equal(bodyText(stored).toString(), "brouillon suite");
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

  /** A client that records the close codes the server sends it. */
  const watched = (room: string, cookie: string, on = server) => {
    const client = connect(on.url, room, cookie, on.origin);
    const closes: number[] = [];
    client.provider.on("connection-close", (ev) => closes.push(ev?.code ?? 0));
    return { ...client, closes };
  };

  it("disconnects a partner reading live when the episode returns to draft", async () => {
    const e = await episode("review");
    const partner = watched(`episode-${e._id}`, cast.cookies.partner);
    try {
      await partner.synced;
      await api(server).post(`/episodes/${e._id}/return-to-draft`, cast.cookies.lead).expect(200);
      await waitFor(() => partner.closes.includes(CloseCode.ACCESS_REVOKED), "the partner loses the draft");
    } finally {
      disconnectAll([partner]);
    }
  });

  it("disconnects an editor removed from the programme", async () => {
    const e = await episode("draft");
    const user = await buildUser(server.ctx);
    await buildMembership(server.ctx, user._id, cast.programme._id, "editor");
    const member = watched(`episode-${e._id}`, await sessionCookieFor(server.ctx, user._id));
    try {
      await member.synced;
      await api(server).delete(`/programmes/${cast.programme._id}/members/${user._id}`, cast.cookies.lead).expect(204);
      await waitFor(() => member.closes.includes(CloseCode.ACCESS_REVOKED), "the removed editor is disconnected");
    } finally {
      disconnectAll([member]);
    }
  });

  it("lets a partner promoted to editor write at once, on the same connection", async () => {
    const e = await episode("review");
    const room = `episode-${e._id}`;
    const user = await buildUser(server.ctx, { affiliation: { kind: "territory", territoryId: cast.territory._id } });
    await buildMembership(server.ctx, user._id, cast.programme._id, "partner");
    const promoted = watched(room, await sessionCookieFor(server.ctx, user._id));
    const editor = watched(room, cast.cookies.editor);
    try {
      await Promise.all([promoted.synced, editor.synced]);
      editor.text.insert(0, "relu");
      await waitFor(() => promoted.text.toString() === "relu", "the partner reads live");
      // Typed while read-only: dropped by the server, but kept in the partner's own document.
      promoted.text.insert(promoted.text.length, " et");
      await api(server).patch(`/programmes/${cast.programme._id}/members/${user._id}`, cast.cookies.lead, { role: "editor" }).expect(200);
      promoted.text.insert(promoted.text.length, " complété");
      // The server asks a promoted client for its state (sync step 1), as it asks any writer on opening:
      // without that, the later edit would depend on the dropped one and never apply.
      await waitFor(() => editor.text.toString() === "relu et complété", "the promoted partner's edits reach the editor");
      assert.equal(promoted.text.toString(), "relu et complété");
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await server.ctx.repos.docs.load(room)).update);
      assert.equal(bodyText(stored).toString(), "relu et complété");
      assert.deepEqual(promoted.closes, [], "promoted without a reconnection");
    } finally {
      disconnectAll([promoted, editor]);
    }
  });

  it("closes a client that stops answering pings with the keepalive close code; one that answers stays", async () => {
    // Pings every 50 ms instead of 30 s: the mute client is dropped after two intervals.
    const quick = await startTestServer({ attach: [collab({ keepaliveMs: 50 })] });
    try {
      const c = await buildCast(quick.ctx);
      const room = `episode-${(await buildEpisodeRecord(quick.ctx, c.programme._id))._id}`;
      const responsive = watched(room, c.cookies.lead, quick);
      try {
        await responsive.synced;
        const mute = new WebSocket(`${quick.url.replace(/^http/, "ws")}/collab/${room}`, {
          headers: { Cookie: c.cookies.editor, Origin: quick.origin },
          autoPong: false,
        });
        let pings = 0;
        mute.on("ping", () => pings++);
        const code = await new Promise<number>((resolve, reject) => {
          mute.on("close", (closeCode) => resolve(closeCode));
          mute.on("error", reject);
        });
        assert.equal(code, CloseCode.KEEPALIVE_TIMEOUT);
        assert.ok(pings >= 1, "the mute client was pinged before being closed");
        // The responsive client went through the same intervals and was never closed.
        assert.deepEqual(responsive.closes, []);
        const other = connect(quick.url, room, c.cookies.admin, quick.origin);
        try {
          await other.synced;
          responsive.text.insert(0, "toujours là");
          await waitFor(() => other.text.toString() === "toujours là", "the responsive client still relays");
        } finally {
          disconnectAll([other]);
        }
      } finally {
        disconnectAll([responsive]);
      }
    } finally {
      await quick.close();
    }
  });
});
