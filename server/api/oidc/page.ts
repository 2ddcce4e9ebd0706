// The French page that explains why a provider sign-in was refused.
import { t } from "../../../i18n/index.ts";
import { html } from "../../pages/html.ts";
import { layout } from "../../pages/layout.ts";

export function oidcErrorPage(message: string, instanceName: string): string {
  const title = t("fr", "oidc.error.title");
  return layout(
    { title: `${title} — ${instanceName}` },
    html`<section class="error-page" aria-labelledby="erreur-titre">
<h1 id="erreur-titre">${title}</h1>
<p role="alert">${message}</p>
<p><a href="/atelier/connexion">${t("fr", "oidc.error.retry")}</a></p>
</section>`,
    instanceName,
  );
}
