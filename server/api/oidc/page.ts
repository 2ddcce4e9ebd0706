// The French page that explains why a provider sign-in was refused.
import { type MessageKey, t } from "../../../i18n/index.ts";
import { html } from "../../pages/html.ts";
import { layout } from "../../pages/layout.ts";

export function oidcErrorPage(code: string, instanceName: string): string {
  const key = `oidc.error.${code}` as MessageKey;
  const title = t("fr", "oidc.error.title");
  return layout(
    { title: `${title} — ${instanceName}` },
    html`<section class="error-page" aria-labelledby="erreur-titre">
<h1 id="erreur-titre">${title}</h1>
<p role="alert">${t("fr", key)}</p>
<p><a href="/atelier/connexion">${t("fr", "oidc.error.retry")}</a></p>
</section>`,
    instanceName,
  );
}
