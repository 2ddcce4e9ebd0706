// The identity providers' buttons on the sign-in page (plain links: the browser leaves for the provider).
import type { ProvidersView } from "../../../server/api/oidc/presenter.ts";
import { useT } from "../i18n.tsx";

export function ProviderSignIn({ view }: { view: ProvidersView }) {
  const t = useT();
  if (view.providers.length === 0) return null;
  return (
    <section className="narrow providers" aria-labelledby="providers-title">
      <h2 id="providers-title">{t("oidc.signIn.providers")}</h2>
      <ul className="plain">
        {view.providers.map((p) => (
          <li key={p.id}>
            <a className="button primary" href={p.href}>
              {p.label}
            </a>
          </li>
        ))}
      </ul>
      {view.passwordSignIn && <p className="muted">{t("oidc.signIn.or")}</p>}
    </section>
  );
}
