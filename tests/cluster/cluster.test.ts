// Three instances behind nginx on FerretDB and Redis: co-editing and presence cross instances, numbering stays 1…20.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import * as Y from "yjs";
import { type Cast, buildCast } from "../helpers/factories.ts";
import { type Cluster, startCluster } from "../helpers/cluster.ts";
import { eventually } from "../helpers/eventually.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";
import { type Client, connect, disconnectAll } from "../collab/helpers.ts";

const cluster = await startCluster(3);

if (typeof cluster === "string") {
  if (process.env.CARNET_REQUIRE_MONGODB) throw new Error(`cluster suites cannot run: ${cluster}`);
  process.stdout.write(`Cluster suites: SKIPPED (${cluster})\n`);
} else describeCluster(cluster);

function describeCluster(c: Cluster): void {
  describe("several instances behind nginx", () => {
    let cast: Cast;
    const post = (base: string, path: string, cookie: string, body?: object) =>
      request(base).post(`/api${path}`).set("Origin", TEST_ORIGIN).set("Cookie", cookie).send(body);
    const newEpisode = async (title: string) =>
      (await post(c.url, `/programmes/${cast.programme._id}/episodes`, cast.cookies.editor, { title }).expect(201)).body.episode
        .id as string;

    before(async () => {
      cast = await buildCast(c.ctx);
    });
    after(() => c.close());

    it("converges a room open on two instances, with each one's presence, storing every update", async () => {
      const room = `episode-${await newEpisode("Écrit à deux")}`;
      const clients: Client[] = [];
      try {
        // One after the other: nginx's round robin sends consecutive connections to different instances.
        const lead = connect(c.url, room, cast.cookies.lead, TEST_ORIGIN);
        clients.push(lead);
        await lead.synced;
        const editor = connect(c.url, room, cast.cookies.editor, TEST_ORIGIN);
        clients.push(editor);
        await editor.synced;
        lead.text.insert(0, "écrit par la responsable ; ");
        editor.text.insert(0, "écrit par l'éditeur ; ");
        lead.provider.awareness.setLocalStateField("cursor", { at: 1 });
        editor.provider.awareness.setLocalStateField("cursor", { at: 2 });
        await eventually("les deux textes convergent", () => {
          const a = lead.text.toString();
          return a === editor.text.toString() && a.includes("responsable") && a.includes("éditeur");
        });
        const sees = (who: Client, userId: string) =>
          [...who.provider.awareness.getStates().values()].some((s) => (s.user as { id?: string } | undefined)?.id === userId);
        await eventually("chacun voit la présence de l'autre", () => sees(lead, cast.users.editor._id) && sees(editor, cast.users.lead._id));
        const copy = new Y.Doc();
        await eventually("le magasin contient tout ce qui a été vu", async () => {
          Y.applyUpdate(copy, (await c.ctx.repos.docs.load(room)).update);
          return copy.getText("t").toString() === lead.text.toString();
        });
      } finally {
        disconnectAll(clients);
      }
      const upstreams = await eventually("nginx a journalisé les deux sockets", () => {
        const seen = c.collabUpstreams();
        return seen.length >= 2 ? seen : null;
      });
      assert.notEqual(upstreams[0], upstreams[1], "the two editors were on different instances");
    });

    it("numbers 20 publications sent at once across the instances exactly 1…20", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await newEpisode(`Simultané ${i}`));
      const results = await Promise.all(
        ids.map((id, i) => post(c.instances[i % c.instances.length]!.url, `/episodes/${id}/publish`, cast.cookies.editor)),
      );
      for (const res of results) assert.equal(res.status, 200, JSON.stringify(res.body));
      const numbers = results.map((r) => r.body.episode.number as number).sort((a, b) => a - b);
      assert.deepEqual(numbers, Array.from({ length: 20 }, (_, i) => i + 1));
    });
  });
}
