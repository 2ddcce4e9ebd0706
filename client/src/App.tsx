// The workspace shell (skip link, header, language switch, sign-out) and its routes.
import { lazy, type ReactNode, Suspense } from "react";
import { useLang, useT } from "./i18n.tsx";
import { INSTANCE_NAME } from "./instance.ts";
import { Link, match, navigate, usePath } from "./router.tsx";
import { AccountScreen } from "./screens/Account.tsx";
import { AdminScreen } from "./screens/admin/Admin.tsx";
import { Dashboard } from "./screens/Dashboard.tsx";
import { Invitation } from "./screens/Invitation.tsx";
import { ModerationScreen } from "./screens/Moderation.tsx";
import { ProgrammeScreen } from "./screens/Programme.tsx";
import { ResetComplete, ResetRequest } from "./screens/PasswordReset.tsx";
import { SignIn } from "./screens/SignIn.tsx";
import { useSession } from "./session.tsx";
import { ErrorMessage, Loading, Page } from "./ui/Page.tsx";

// The editor (Lexical, Yjs) loads only when an episode opens: sign-in and dashboard stay light.
const EpisodeScreen = lazy(async () => ({ default: (await import("./screens/Episode.tsx")).EpisodeScreen }));

function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const { me, signOut } = useSession();
  const other = lang === "fr" ? "en" : "fr";
  return (
    <>
      <a className="skip" href="#contenu">
        {t("site.skip")}
      </a>
      <header className="site-header">
        <a className="brand" href="/">
          {INSTANCE_NAME}
        </a>
        <nav aria-label={t("atelier.nav.label")}>
          <ul>
            {/* Screens that need an account are only offered to someone signed in. */}
            {me && (
              <>
                <li>
                  <Link to="/">{t("atelier.nav.dashboard")}</Link>
                </li>
                <li>
                  <Link to="/commentaires">{t("atelier.nav.comments")}</Link>
                </li>
                <li>
                  <Link to="/compte">{t("atelier.nav.account")}</Link>
                </li>
              </>
            )}
            {me?.abilities.administer && (
              <li>
                <Link to="/admin">{t("atelier.nav.admin")}</Link>
              </li>
            )}
            <li>
              <a href="/">{t("atelier.nav.public")}</a>
            </li>
          </ul>
        </nav>
        <div className="header-tools">
          <button type="button" lang={other} onClick={() => setLang(other)}>
            {t("atelier.lang.switch")}
          </button>
          {me && (
            <>
              <span className="who">{me.user.name}</span>
              <button
                type="button"
                onClick={async () => {
                  await signOut();
                  navigate("/connexion");
                }}
              >
                {t("atelier.signOut")}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="contenu" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function Routes() {
  const t = useT();
  const { path, search } = usePath();
  const { status } = useSession();

  // Screens reachable without an account.
  const invitation = match("/invitation/:token", path);
  if (invitation) return <Invitation token={invitation.token!} />;
  if (match("/mot-de-passe-oublie", path)) return <ResetRequest />;
  const reset = match("/mot-de-passe/:token", path);
  if (reset) return <ResetComplete token={reset.token!} />;
  if (match("/connexion", path)) return <SignIn next={search.get("suite") ?? "/"} />;

  if (status === "loading") return <Loading label={t("atelier.loading")} />;
  if (status === "unreachable")
    return (
      <Page title={t("atelier.error.title")}>
        <ErrorMessage message={t("atelier.error.network")} />
      </Page>
    );
  if (status === "anonymous") return <SignIn next={path} />;

  if (path === "/") return <Dashboard />;
  const programme = match("/programmes/:id", path);
  if (programme) return <ProgrammeScreen key={programme.id} programmeId={programme.id!} />;
  const episode = match("/episodes/:id", path);
  if (episode)
    return (
      <Suspense fallback={<Loading label={t("atelier.loading")} />}>
        <EpisodeScreen key={episode.id} episodeId={episode.id!} />
      </Suspense>
    );
  if (match("/commentaires", path)) return <ModerationScreen />;
  if (match("/compte", path)) return <AccountScreen />;
  if (match("/admin", path)) return <AdminScreen />;
  return (
    <Page title={t("error.404.title")}>
      <p>{t("atelier.notFound")}</p>
      <p>
        <Link to="/">{t("atelier.nav.dashboard")}</Link>
      </p>
    </Page>
  );
}

export function App() {
  return (
    <Shell>
      <Routes />
    </Shell>
  );
}
