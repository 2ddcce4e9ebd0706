// The instance administration (admins only): territories, accounts, programmes; others see a plain refusal.
import { useT } from "../../i18n.tsx";
import { useSession } from "../../session.tsx";
import { errorText } from "../../ui/errors.ts";
import { ErrorMessage, Loading, Page } from "../../ui/Page.tsx";
import { useApi } from "../../ui/useApi.ts";
import { ArchiveDownload } from "../ArchiveDownload.tsx";
import { Accounts } from "./Accounts.tsx";
import { Programmes } from "./Programmes.tsx";
import { Territories } from "./Territories.tsx";
import type { Territory } from "./types.ts";

function AdminSections() {
  const t = useT();
  const { me } = useSession();
  // Loaded once here: the territories section changes them, the new-account form offers them.
  const territories = useApi<{ territories: Territory[] }>("/territories");
  if (territories.error) return <ErrorMessage message={errorText(territories.error, t)} />;
  if (!territories.data) return <Loading label={t("atelier.loading")} />;
  return (
    <div className="admin-sections">
      <Territories territories={territories.data.territories} reload={territories.reload} />
      <Accounts territories={territories.data.territories} />
      <Programmes />
      {me?.abilities.exportInstance && (
        <ArchiveDownload
          href="/api/instance/archive"
          heading="atelier.archive.instance.heading"
          explain="atelier.archive.instance.explain"
          link="atelier.archive.instance.link"
        />
      )}
    </div>
  );
}

export function AdminScreen() {
  const t = useT();
  const { me } = useSession();
  return <Page title={t("atelier.admin.title")}>{me?.abilities.administer ? <AdminSections /> : <p className="notice">{t("atelier.admin.refused")}</p>}</Page>;
}
