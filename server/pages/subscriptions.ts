// Subscription pages without JavaScript: the subscribe form fragment, its POST, confirmation and unsubscribe pages.
import type { Express, Request, Response } from "express";
import { t } from "../../i18n/index.ts";
import { emailField, subscribeForm as subscribeFormSchema, linkToken } from "../api/subscriptions/schema.ts";
import type { Context } from "../context.ts";
import { formRoutes } from "../http/routes.ts";
import { idParam, parse, text } from "../http/validate.ts";
import { html, type SafeHtml } from "./html.ts";
import { layout } from "./layout.ts";

/** The form the home page (all programmes) and each programme page (that programme) embed; `retry`: an address sent back, with what to check. */
export function subscribeForm(programme?: { _id: string; title: string }, retry?: { email: string; problem: string }): SafeHtml {
  const legend = programme ? t("fr", "subscribe.legend.programme", { title: programme.title }) : t("fr", "subscribe.legend.all");
  return html`<form class="subscribe" method="post" action="/abonnement">
<fieldset><legend>${legend}</legend>
<label for="subscribe-email">${t("fr", "subscribe.email")}</label>
${retry ? html`<p class="form-error" id="subscribe-erreur">${retry.problem}</p>` : ""}
<input id="subscribe-email" name="email" type="email" required maxlength="254" autocomplete="email" ${retry ? html`value="${retry.email}" aria-invalid="true" aria-describedby="subscribe-erreur subscribe-aide"` : html`aria-describedby="subscribe-aide"`}>
<input type="hidden" name="programme" value="${programme?._id ?? ""}">
<button type="submit">${t("fr", "subscribe.submit")}</button>
<p class="hint" id="subscribe-aide">${t("fr", "subscribe.hint")}</p>
</fieldset></form>`;
}

/** Fills the public pages' "subscribeForm" slot (server/pages/slots.ts). */
export const subscribeFormSlot = (input: { programme: { _id: string; title: string } | null }): SafeHtml =>
  subscribeForm(input.programme ?? undefined);

/** What a person may have typed in the address field, to be shown back to them. */
const typedAddress = text().min(1).max(254);

const backHome = () => html`<p class="back"><a href="/">${t("fr", "error.back")}</a></p>`;

/** A short page of the subscription path: a title, sentences, then an action or the way home. */
const notice = (title: string, sentences: string[], end: SafeHtml) =>
  html`<section class="notice" aria-labelledby="avis-titre"><h1 id="avis-titre">${title}</h1>${sentences.map((s) => html`<p>${s}</p>`)}${end}</section>`;

const button = (action: string, label: string) =>
  html`<form method="post" action="${action}"><button type="submit">${label}</button></form>`;

export function registerSubscriptionPages(app: Express, ctx: Context): void {
  const service = ctx.services.subscriptions;
  const page = (res: Response, title: string, sentences: string[], end: SafeHtml = backHome(), status = 200) => {
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Referrer-Policy", "no-referrer");
    res
      .status(status)
      .type("html")
      .send(layout({ title: `${title} — ${ctx.config.instanceName}` }, notice(title, sentences, end), ctx.config.instanceName));
  };
  const token = (req: Request) => parse(linkToken, req.params.token, "params");
  const forms = formRoutes(app);

  forms.post("/abonnement", async (req, res) => {
    const { email, programme } = (req.body ?? {}) as Record<string, unknown>;
    // An address the browser let through (« @gmail » without « .com »): the form again, with the typed address and what to check.
    // Only a plain address is shown back, on the form it came from; anything else gets the error page.
    const typed = typedAddress.safeParse(email);
    if (typed.success && !emailField.safeParse(typed.data).success) {
      const chosen = idParam.safeParse(programme).success ? await ctx.repos.programmes.byId(programme as string) : null;
      if (programme === "" || chosen) {
        const problem = t("fr", "subscribe.invalid.text", { email: typed.data });
        page(res, t("fr", "subscribe.invalid.title"), [], subscribeForm(chosen ?? undefined, { email: typed.data, problem }), 400);
        return;
      }
    }
    const form = parse(subscribeFormSchema, req.body);
    await service.subscribe({ email: form.email, programmeId: form.programme || null, ip: req.ip ?? "" });
    res.redirect(303, "/abonnement/merci");
  });

  app.get("/abonnement/merci", (_req, res) => {
    page(res, t("fr", "subscribe.sent.title"), [t("fr", "subscribe.sent.text")]);
  });

  // GET only shows a button: mail scanners open links, and must not confirm or unsubscribe anyone.
  app.get("/abonnement/confirmer/:token", async (req, res) => {
    const code = token(req);
    const { title } = await service.checkConfirmation(code);
    page(res, t("fr", "subscribe.confirm.title"), [t("fr", "subscribe.confirm.text", { title })], button(`/abonnement/confirmer/${code}`, t("fr", "subscribe.confirm.button")));
  });

  forms.post("/abonnement/confirmer/:token", async (req, res) => {
    const { title } = await service.confirm(token(req));
    page(res, t("fr", "subscribe.confirmed.title"), [
      t("fr", "subscribe.confirmed.text", { title }),
      t("fr", "subscribe.confirmed.note"),
    ]);
  });

  app.get("/abonnement/desabonner/:token", async (req, res) => {
    const code = token(req);
    const { title, subscription } = await service.checkUnsubscribe(code);
    if (subscription.status === "unsubscribed") {
      page(res, t("fr", "subscribe.gone.title"), [t("fr", "subscribe.gone.text", { title })]);
      return;
    }
    page(
      res,
      t("fr", "subscribe.unsubscribe.title"),
      [t("fr", "subscribe.unsubscribe.text", { title })],
      button(`/abonnement/desabonner/${code}`, t("fr", "subscribe.unsubscribe.button")),
    );
  });

  // Also the RFC 8058 one-click target (List-Unsubscribe-Post): mail providers POST here, without cookie or Origin.
  forms.post("/abonnement/desabonner/:token", async (req, res) => {
    const { title } = await service.unsubscribe(token(req));
    page(res, t("fr", "subscribe.done.title"), [t("fr", "subscribe.done.text", { title }), t("fr", "subscribe.done.note")]);
  });
}
