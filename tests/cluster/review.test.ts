// Review notices across instances: a thread posted, or a « Relu » marked, through one instance reaches readers of the draft connected to another.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import request from "supertest";
import { MessageType } from "../../collab/wire.ts";
import { type Client, connect, disconnectAll } from "../collab/helpers.ts";
import { type Cluster, startCluster } from "../helpers/cluster.ts";
import { eventually } from "../helpers/eventually.ts";
import { buildEpisode } from "../helpers/episodes.ts";
import { type Cast, buildCast } from "../helpers/factories.ts";
import { reviewAnchor, writeReviewText } from "../helpers/reviews.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";

const cluster = await startCluster(2);

if (typeof cluster === "string") {
  if (process.env.CARNET_REQUIRE_MONGODB) throw new Error(`cluster suites cannot run: ${cluster}`);
  process.stdout.write(`Cluster suites: SKIPPED (${cluster})\n`);
} else describeCluster(cluster);

function describeCluster(c: Cluster): void {
  describe("review notices on several instances", () => {
    let cast: Cast;
    before(async () => {
      cast = await buildCast(c.ctx);
    });
    after(() => c.close());

    it("tells the draft's readers on every instance that its threads changed", async () => {
      const episode = await buildEpisode(c.ctx, cast.programme._id, cast.users.editor._id, "review");
      await writeReviewText(c.ctx, episode._id);
      const room = `episode-${episode._id}`;
      const clients: Client[] = [];
      const notices = new Map<Client, number>();
      try {
        // One after the other: nginx's round robin sends consecutive connections to different instances.
        for (const cookie of [cast.cookies.lead, cast.cookies.partner]) {
          const client = connect(c.url, room, cookie, TEST_ORIGIN);
          clients.push(client);
          notices.set(client, 0);
          client.provider.messageHandlers[MessageType.review] = () => notices.set(client, notices.get(client)! + 1);
          await client.synced;
        }
        for (const instance of c.instances) {
          const before = clients.map((cl) => notices.get(cl)!);
          await request(instance.url)
            .post(`/api/episodes/${episode._id}/reviews`)
            .set("Origin", TEST_ORIGIN)
            .set("Cookie", cast.cookies.partner)
            .send({ body: `Relu depuis ${instance.port}.`, anchor: reviewAnchor() })
            .expect(201);
          await eventually("chaque lecteur reçoit l'avis", () => clients.every((cl, i) => notices.get(cl)! > before[i]!));
        }
        // The territories' « Relu », marked through one instance and withdrawn through the other.
        for (const [instance, method] of [
          [c.instances[0]!, "put"],
          [c.instances[1]!, "delete"],
        ] as const) {
          const before = clients.map((cl) => notices.get(cl)!);
          await request(instance.url)
            [method](`/api/episodes/${episode._id}/review/mark`)
            .set("Origin", TEST_ORIGIN)
            .set("Cookie", cast.cookies.partner)
            .send({})
            .expect(200);
          await eventually("chaque lecteur apprend le « Relu »", () => clients.every((cl, i) => notices.get(cl)! > before[i]!));
        }
      } finally {
        disconnectAll(clients);
      }
      const upstreams = await eventually("nginx a journalisé les deux sockets", () => {
        const seen = c.collabUpstreams();
        return seen.length >= 2 ? seen : null;
      });
      assert.notEqual(upstreams[0], upstreams[1], "the two readers were on different instances");
    });
  });
}
