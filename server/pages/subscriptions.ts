// Subscription pages without JavaScript: the subscribe form fragment, its POST, confirmation and unsubscribe pages.
import type { Express, Request, Response } from "express";
import { subscribeForm as subscribeFormSchema, linkToken } from "../api/subscriptions/schema.ts";
import type { Context } from "../context.ts";
import { parse } from "../http/validate.ts";
import { html, type SafeHtml } from "./html.ts";
import { layout } from "./layout.ts";

/** The form the home page (all programmes) and each programme page (that programme) embed. */
export function subscribeForm(programme?: { _id: string; title: string }): SafeHtml {
  const legend = programme ? `Suivre « ${programme.title} » par e-mail` : "Suivre tous les programmes par e-mail";
  return html`<form class="subscribe" method="post" action="/abonnement">
<fieldset><legend>${legend}</legend>
<label for="subscribe-email">Votre adresse e-mail</label>
<input id="subscribe-email" name="email" type="email" required maxlength="254" autocomplete="email">
<input type="hidden" name="programme" value="${programme?._id ?? ""}">
<button type="submit">S'abonner</button>
<p class="hint">Un e-mail de confirmation vous sera envoyé. Désabonnement en un clic dans chaque message.</p>
</fieldset></form>`;
}

/** Fills the public pages' "subscribeForm" slot (server/pages/slots.ts). */
export const subscribeFormSlot = (input: { programme: { _id: string; title: string } | null }): SafeHtml =>
  subscribeForm(input.programme ?? undefined);

export function registerSubscriptionPages(app: Express, ctx: Context): void {
  const service = ctx.services.subscriptions;
  const page = (res: Response, title: string, body: SafeHtml, status = 200) => {
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.status(status).type("html").send(layout({ title: `${title} — ${ctx.config.instanceName}` }, body, ctx.config.instanceName));
  };
  const token = (req: Request) => parse(linkToken, req.params.token, "params");

  app.post("/abonnement", async (req, res) => {
    const form = parse(subscribeFormSchema, req.body);
    await service.subscribe({ email: form.email, programmeId: form.programme || null, ip: req.ip ?? "" });
    res.redirect(303, "/abonnement/merci");
  });

  app.get("/abonnement/merci", (_req, res) => {
    page(
      res,
      "Vérifiez votre boîte de réception",
      html`<h1>Vérifiez votre boîte de réception</h1>
<p>Si l'adresse est valide, un e-mail de confirmation vient d'y être envoyé. L'abonnement commence quand vous cliquez sur le lien qu'il contient (valable 7 jours).</p>
<p><a href="/">Retour à l'accueil</a></p>`,
    );
  });

  // GET only shows a button: mail scanners open links, and must not confirm or unsubscribe anyone.
  app.get("/abonnement/confirmer/:token", async (req, res) => {
    const t = token(req);
    await service.checkConfirmation(t);
    page(
      res,
      "Confirmer l'abonnement",
      html`<h1>Confirmer l'abonnement</h1>
<form method="post" action="/abonnement/confirmer/${t}"><button type="submit">Confirmer mon abonnement</button></form>`,
    );
  });

  app.post("/abonnement/confirmer/:token", async (req, res) => {
    const { title } = await service.confirm(token(req));
    page(
      res,
      "Abonnement confirmé",
      html`<h1>Abonnement confirmé</h1><p>Vous recevrez par e-mail les nouveaux épisodes de : ${title}.</p>
<p>Chaque message contient un lien pour vous désabonner en un clic.</p><p><a href="/">Retour à l'accueil</a></p>`,
    );
  });

  app.get("/abonnement/desabonner/:token", async (req, res) => {
    const t = token(req);
    const { title, subscription } = await service.checkUnsubscribe(t);
    if (subscription.status === "unsubscribed") {
      page(res, "Désabonnement", html`<h1>Désabonnement</h1><p>Vous n'êtes plus abonné à : ${title}.</p>`);
      return;
    }
    page(
      res,
      "Se désabonner",
      html`<h1>Se désabonner</h1><p>Ne plus recevoir par e-mail les nouveaux épisodes de : ${title} ?</p>
<form method="post" action="/abonnement/desabonner/${t}"><button type="submit">Me désabonner</button></form>`,
    );
  });

  // Also the RFC 8058 one-click target (List-Unsubscribe-Post): mail providers POST here, without cookie or Origin.
  app.post("/abonnement/desabonner/:token", async (req, res) => {
    const { title } = await service.unsubscribe(token(req));
    page(
      res,
      "Désabonnement effectué",
      html`<h1>Désabonnement effectué</h1><p>Vous ne recevrez plus les nouveaux épisodes de : ${title}.</p>
<p>Vous pourrez vous réabonner à tout moment depuis le site.</p><p><a href="/">Retour à l'accueil</a></p>`,
    );
  });
}
