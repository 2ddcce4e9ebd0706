// Three instances behind nginx on FerretDB and Redis: co-editing, presence, sign-outs, numbering, rate limits, page caches, images and restarts.
import assert from "node:assert/strict";
import os from "node:os";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import request from "supertest";
import * as Y from "yjs";
import { type Cast, buildCast, buildMembership, buildUser, sessionCookieFor, TEST_PASSWORD } from "../helpers/factories.ts";
import { type Cluster, startCluster } from "../helpers/cluster.ts";
import { eventually } from "../helpers/eventually.ts";
import { seededRandom, testSeed } from "../helpers/seed.ts";
import { TEST_ORIGIN } from "../helpers/server.ts";
import { bodyText, type Client, connect, disconnectAll, webSocketWith } from "../collab/helpers.ts";
import { startSmtp } from "../subscriptions/smtp.ts";
import { announceThroughKill, type KillRound, subscribersOf } from "./mailKill.ts";

const mailHooks: { onAccepted: (() => void) | null } = { onAccepted: null };
const smtp = await startSmtp({ onAccepted: () => mailHooks.onAccepted?.() });
const cluster = await startCluster(3, { SMTP_URL: smtp.url });

if (typeof cluster === "string") {
  await smtp.close();
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
    after(async () => {
      await c.close();
      await smtp.close();
    });

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
          return bodyText(copy).toString() === lead.text.toString();
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

    it("closes a session's sockets on every instance when it signs out through one", async () => {
      const user = await buildUser(c.ctx);
      await buildMembership(c.ctx, user._id, cast.programme._id, "editor");
      const cookie = await sessionCookieFor(c.ctx, user._id);
      const room = `episode-${await newEpisode("Fermé partout")}`;
      const Socket = webSocketWith({ Cookie: cookie, Origin: TEST_ORIGIN });
      const codes: Promise<number>[] = [];
      const logged = c.collabUpstreams().length;
      // One after the other through nginx: round robin puts one socket on each instance.
      for (let i = 0; i < c.instances.length; i++) {
        const ws = new Socket(`${c.url.replace(/^http/, "ws")}/collab/${room}`);
        codes.push(new Promise((resolve) => ws.once("close", (code: number) => resolve(code))));
        await new Promise((resolve, reject) => {
          ws.once("open", resolve);
          ws.once("error", reject);
        });
      }
      await request(c.instances[0]!.url).delete("/api/session").set("Origin", TEST_ORIGIN).set("Cookie", cookie).expect(204);
      assert.deepEqual(await Promise.all(codes), [4401, 4401, 4401]);
      const upstreams = await eventually("nginx a journalisé les trois sockets", () => {
        const seen = c.collabUpstreams().slice(logged);
        return seen.length >= 3 ? seen : null;
      });
      assert.equal(new Set(upstreams).size, 3, "one socket on each instance");
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

    it("kill -9 of a sending instance: each of 200 subscribers receives the announcement, with one Message-ID", async () => {
      const random = seededRandom(testSeed("cluster mail kill"));
      const iterations = Number(process.env.CLUSTER_MAIL_KILL_ITERATIONS ?? 1);
      const subscribers = await subscribersOf(c, cast.programme._id, 200);
      const publish = async (title: string) => {
        const id = await newEpisode(title);
        await post(c.url, `/episodes/${id}/publish`, cast.cookies.editor).expect(200);
        return id;
      };
      const rounds: KillRound[] = [];
      for (let n = 0; n < iterations; n++) {
        rounds.push(await announceThroughKill(c, smtp, mailHooks, publish, subscribers, random, `Annonce interrompue ${n + 1}`));
        process.stdout.write(`mail kill ${n + 1}/${iterations}: ${JSON.stringify(rounds.at(-1))}\n`);
      }
      const copies = rounds.reduce((sum, r) => sum + r.duplicates, 0);
      process.stdout.write(`mail kill: ${rounds.filter((r) => r.duplicates > 0).length}/${iterations} kills left copies (${copies} in all)\n`);
    });

    it("counts wrong passwords on every instance together: the sixth attempt anywhere gets 429", async () => {
      const user = await buildUser(c.ctx);
      const signIn = (i: number, password: string) =>
        request(c.instances[i % c.instances.length]!.url)
          .post("/api/session")
          .set("Origin", TEST_ORIGIN)
          .send({ email: user.email, password });
      for (let i = 0; i < 5; i++) assert.equal((await signIn(i, "mauvais mot de passe")).status, 401);
      for (let i = 0; i < c.instances.length; i++) {
        const res = await signIn(i, TEST_PASSWORD);
        assert.equal(res.status, 429, `instance ${i}`);
        assert.ok(Number(res.headers["retry-after"]) > 0);
      }
    });

    it("invalidates every instance's page cache when one instance publishes", async () => {
      const page = `/carnets/${cast.programme.slug}`;
      const fetchPage = (url: string) => request(url).get(page).expect(200);
      // Twice on each: the second answer comes from the cache.
      for (const i of c.instances) for (let n = 0; n < 2; n++) await fetchPage(i.url);
      const title = `Publié ailleurs ${Date.now()}`;
      const id = await newEpisode(title);
      await post(c.instances[0]!.url, `/episodes/${id}/publish`, cast.cookies.editor).expect(200);
      const published = Date.now();
      // Far below the cache's 60 s lifetime: only the event heard through Redis can make the others re-render in time.
      for (const i of c.instances.slice(1))
        await eventually(`${i.url} montre le nouvel épisode`, async () => (await fetchPage(i.url)).text.includes(title), {
          timeoutMs: 5_000,
        });
      process.stderr.write(`cluster: page caches of the other instances invalidated within ${Date.now() - published} ms\n`);
    });

    it("serves an image uploaded through one instance from every other, with the same caching headers", async () => {
      const id = await newEpisode("Illustré");
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7f5c" } })
        .png()
        .toBuffer();
      const uploaded = await post(c.instances[0]!.url, `/episodes/${id}/images`, cast.cookies.editor)
        .set("Content-Type", "image/png")
        .send(png)
        .expect(201);
      const src = uploaded.body.image.src as string;
      const answers = await Promise.all(
        c.instances.map((i) =>
          request(i.url)
            .get(src)
            .buffer(true)
            .parse((r, cb) => {
              const chunks: Buffer[] = [];
              r.on("data", (d: Buffer) => chunks.push(d));
              r.on("end", () => cb(null, Buffer.concat(chunks)));
            })
            .expect(200),
        ),
      );
      for (const res of answers) {
        assert.equal(res.headers["content-type"], "image/webp");
        assert.equal(res.headers["cache-control"], "public, max-age=31536000, immutable");
        assert.equal(res.headers.etag, answers[0]!.headers.etag);
        assert.ok((res.body as Buffer).equals(answers[0]!.body as Buffer));
      }
      assert.equal((await sharp(answers[2]!.body as Buffer).metadata()).width, 64);
      await request(c.instances[1]!.url).get(src).set("If-None-Match", answers[0]!.headers.etag!).expect(304);
    });

    /** Two editors on different instances keep typing while `disrupt` stops instances; then everything typed must be everywhere. */
    const typeThrough = async (title: string, disrupt: (clients: Client[], room: string) => Promise<void>) => {
      const room = `episode-${await newEpisode(title)}`;
      const lead = connect(c.url, room, cast.cookies.lead, TEST_ORIGIN);
      await lead.synced;
      const editor = connect(c.url, room, cast.cookies.editor, TEST_ORIGIN);
      await editor.synced;
      const clients = [lead, editor];
      let typed = 0;
      // Each client keeps typing, connected or not: y-websocket sends what it holds when it reconnects.
      const typing = setInterval(() => {
        for (const [k, client] of clients.entries()) client.text.insert(client.text.length, `${k}:${typed++};`);
      }, 15);
      try {
        await disrupt(clients, room);
      } finally {
        clearInterval(typing);
      }
      try {
        const marks = Array.from({ length: typed }, (_, n) => `:${n};`);
        await eventually("les clients convergent sur tout ce qui a été tapé", () => {
          const text = lead.text.toString();
          return text === editor.text.toString() && marks.every((m) => text.includes(m));
        });
        const copy = new Y.Doc();
        await eventually("le magasin contient tout ce qui a été tapé", async () => {
          Y.applyUpdate(copy, (await c.ctx.repos.docs.load(room)).update);
          return bodyText(copy).toString() === lead.text.toString();
        });
        process.stdout.write(`${title}: ${typed} edits typed, every one in both clients and in the store\n`);
      } finally {
        disconnectAll(clients);
      }
    };
    const reconnected = (clients: Client[]) => clients.every((cl) => cl.provider.wsconnected && cl.provider.synced);

    it("resyncs rooms from the store after a Redis outage: editors on two instances converge without reconnecting", () =>
      typeThrough("Panne de Redis en cours d'écriture", async ([lead, editor], room) => {
        const redis = c.redis;
        assert.ok(redis, "the suite started its own redis-server, so it can stop it");
        const sockets = [lead!.provider.ws, editor!.provider.ws];
        await redis.stop();
        lead!.text.insert(0, "[panne vue par la responsable]");
        editor!.text.insert(0, "[panne vue par l'éditeur]");
        const both = (text: string) => text.includes("[panne vue par la responsable]") && text.includes("[panne vue par l'éditeur]");
        const copy = new Y.Doc();
        // Each instance stores what its editor typed, but cannot tell the other one.
        await eventually("le magasin a ce que chacun a tapé pendant la panne", async () => {
          Y.applyUpdate(copy, (await c.ctx.repos.docs.load(room)).update);
          return both(bodyText(copy).toString());
        });
        await redis.start();
        await eventually("les deux éditeurs voient ce que l'autre a tapé pendant la panne", () => both(lead!.text.toString()) && both(editor!.text.toString()));
        assert.deepEqual([lead!.provider.ws, editor!.provider.ws], sockets, "no client reconnected");
      }));

    it("restarts every instance in turn (SIGTERM) during editing: clients reconnect through nginx, nothing typed is lost", () =>
      typeThrough("Redémarrage en cours d'écriture", async (clients) => {
        for (let i = 0; i < c.instances.length; i++) {
          assert.equal(await c.restart(i), 0, `instance ${i} drained and exited 0`);
          await eventually(`les deux clients sont reconnectés après l'arrêt de l'instance ${i}`, () => reconnected(clients));
        }
      }));

    it("kill -9 of instances during editing: clients reconnect through nginx, and the store ends with everything typed", () => {
      const random = seededRandom(testSeed("cluster crash"));
      const iterations = Number(process.env.CLUSTER_CRASH_ITERATIONS ?? 3);
      return typeThrough("Arrêt brutal en cours d'écriture", async (clients) => {
        // Each disconnection: its close code (a 44xx one stops the stock provider for good), the attempts and the time until synced again.
        const closes: string[] = [];
        const outages: number[] = [];
        for (const [k, cl] of clients.entries()) {
          let down: { at: number; attempts: number } | null = null;
          cl.provider.on("connection-close", (event) => {
            closes.push(`${k}:${event?.code ?? "local"}`);
            down ??= { at: Date.now(), attempts: 0 };
          });
          cl.provider.on("status", ({ status }) => {
            if (status === "connecting" && down) down.attempts++;
          });
          cl.provider.on("sync", (synced: boolean) => {
            if (!synced || !down) return;
            outages.push(Date.now() - down.at);
            closes.push(`${k}:resynced after ${down.attempts} attempts`);
            down = null;
          });
        }
        for (let n = 0; n < iterations; n++) {
          const victim = Math.floor(random() * c.instances.length);
          closes.length = 0;
          const killed = Date.now();
          await c.restart(victim, "SIGKILL");
          const restarted = Date.now() - killed;
          await eventually(`les deux clients sont reconnectés après le kill -9 n° ${n + 1}`, () => reconnected(clients)).finally(() =>
            process.stdout.write(
              `collab kill ${n + 1}/${iterations}: instance ${victim} back in ${restarted} ms; ${closes.join(", ") || "no client on it"}; load ${os.loadavg()[0]!.toFixed(1)}\n`,
            ),
          );
        }
        const sorted = outages.sort((a, b) => a - b);
        process.stdout.write(
          `collab kill: ${iterations} kills, ${sorted.length} reconnections, time to resync median ${sorted[sorted.length >> 1] ?? 0} ms, max ${sorted.at(-1) ?? 0} ms\n`,
        );
      });
    });

    it("reads the store for what an instance stored and never published (killed in between) when another's update builds on it", async () => {
      const room = `episode-${await newEpisode("Stocké, jamais diffusé")}`;
      const clients: Client[] = [];
      try {
        const reader = connect(c.instances[0]!.url, room, cast.cookies.lead, TEST_ORIGIN);
        clients.push(reader);
        await reader.synced;
        // What a killed instance left behind: in the store, never on Redis, so the room open on instance 0 lacks it.
        const dead = new Y.Doc();
        Y.applyUpdate(dead, (await c.ctx.repos.docs.load(room)).update);
        const known = Y.encodeStateVector(dead);
        bodyText(dead).insert(0, "[stocké par l'instance tuée]");
        await c.ctx.repos.docs.append(room, Y.encodeStateAsUpdate(dead, known));
        // Instance 1 loads the room from the store; the writer's edit there builds on what the dead instance stored.
        const writer = connect(c.instances[1]!.url, room, cast.cookies.editor, TEST_ORIGIN);
        clients.push(writer);
        await writer.synced;
        assert.equal(writer.text.toString(), "[stocké par l'instance tuée]");
        writer.text.insert(0, "[écrit après] ");
        await eventually("le lecteur sur l'instance 0 voit les deux", () => reader.text.toString() === writer.text.toString(), {
          timeoutMs: 10_000,
        });
      } finally {
        disconnectAll(clients);
      }
    });
  });
}
