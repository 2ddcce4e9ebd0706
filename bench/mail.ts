// Measures announcing one episode to 1,000 subscribers through a local SMTP server; writes bench/results/mail.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { mailQueueAttachment } from "../server/attachments.ts";
import { buildProgramme } from "../tests/helpers/factories.ts";
import { startTestServer } from "../tests/helpers/server.ts";
import { activeSubscriber, drained, publishEpisode } from "../tests/subscriptions/seed.ts";
import { startSmtp } from "../tests/subscriptions/smtp.ts";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);

const smtp = await startSmtp();
const server = await startTestServer({ env: { SMTP_URL: smtp.url }, attach: [mailQueueAttachment({ concurrency, pollMs: 50 })] });
const programme = await buildProgramme(server.ctx);
for (let i = 0; i < SUBSCRIBERS; i++) await activeSubscriber(server.ctx, `abonne${i}@example.org`, programme._id);

const start = performance.now();
const episode = await publishEpisode(server.ctx, programme, { title: "Mesure", summary: "Un épisode pour mesurer l'envoi." });
await drained(server.ctx, episode._id, 600_000);
const ms = performance.now() - start;
await server.close();
await smtp.close();

const result = {
  subscribers: SUBSCRIBERS,
  delivered: smtp.received.length,
  concurrency,
  // The mailer pools SMTP connections (5 by default); the SMTP server is smtp-server in this same process.
  smtp: "smtp-server 3, local, pooled transport",
  store: "embedded",
  totalMs: Math.round(ms),
  messagesPerSecond: Math.round((smtp.received.length / ms) * 1000),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? "",
  at: new Date().toISOString(),
};
const out = path.join(import.meta.dirname, "results", "mail.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
