// E-mail subscriptions: subscribe/confirm/unsubscribe (anyone), subscriber count (team), CSV export (admin).
import type { Context } from "../../context.ts";
import { ALL_PROGRAMMES } from "../../domain/subscriptions.ts";
import { notFound } from "../../errors.ts";
import { authorize } from "../../services/guard.ts";
import type { ApiRoutes } from "../../http/routes.ts";
import { idParam, parse } from "../../http/validate.ts";
import { presentSubscription, subscribersCsv } from "./presenter.ts";
import { subscribeBody, tokenBody } from "./schema.ts";

export const SUBSCRIBE_ANSWER =
  "Si l'adresse est valide, un e-mail de confirmation vient d'y être envoyé : l'abonnement commence quand vous cliquez sur le lien.";

export function registerSubscriptionRoutes(routes: ApiRoutes, ctx: Context): void {
  const service = ctx.services.subscriptions;

  routes.post("/subscriptions", async (req, res) => {
    authorize(req.actor, "subscription.create");
    const body = parse(subscribeBody, req.body);
    await service.subscribe({ email: body.email, programmeId: body.programmeId ?? null, ip: req.ip ?? "" });
    res.status(202).json({ status: "pending_confirmation", message: SUBSCRIBE_ANSWER });
  });

  routes.post("/subscriptions/confirm", async (req, res) => {
    const { token } = parse(tokenBody, req.body);
    const { subscription, title } = await service.confirm(token);
    res.json({ subscription: presentSubscription(subscription, title) });
  });

  routes.post("/subscriptions/unsubscribe", async (req, res) => {
    const { token } = parse(tokenBody, req.body);
    const { subscription, title } = await service.unsubscribe(token);
    res.json({ subscription: presentSubscription({ ...subscription, status: "unsubscribed" }, title) });
  });

  const programmeFrom = async (raw: unknown) => {
    const programme = await ctx.repos.programmes.byId(parse(idParam, raw, "params"));
    if (!programme) throw notFound("Programme");
    return programme;
  };

  routes.get("/programmes/:programmeId/subscribers/count", async (req, res) => {
    const programme = await programmeFrom(req.params.programmeId);
    authorize(req.actor, "subscribers.count", { programmeId: programme._id });
    const counts = await service.count(programme);
    res.json({ programmeId: programme._id, ...counts });
  });

  const sendCsv = async (res: import("express").Response, scope: string | undefined, name: string) => {
    const slugs = new Map((await ctx.repos.programmes.list()).map((p) => [p._id, p.slug]));
    const csv = subscribersCsv(await service.list(scope), (s) => (s === ALL_PROGRAMMES ? "*" : (slugs.get(s) ?? s)));
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
    res.setHeader("Cache-Control", "no-store");
    res.type("text/csv; charset=utf-8").send(csv);
  };

  routes.get("/subscribers.csv", async (req, res) => {
    authorize(req.actor, "subscribers.export");
    await sendCsv(res, undefined, "abonnes.csv");
  });

  routes.get("/programmes/:programmeId/subscribers.csv", async (req, res) => {
    const programme = await programmeFrom(req.params.programmeId);
    authorize(req.actor, "subscribers.export", { programmeId: programme._id });
    await sendCsv(res, programme._id, `abonnes-${programme.slug}.csv`);
  });
}
