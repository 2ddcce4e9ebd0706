// What the admin sets on an account beside its name and e-mail: its affiliation (the lab or a territory) and the admin flag.
import { useT } from "../../i18n.tsx";
import { TerritorySelect } from "../../ui/TerritorySelect.tsx";
import type { Territory } from "./types.ts";

type Props = {
  id: string;
  territories: Territory[];
  affiliation: string;
  onAffiliation(value: string): void;
  isAdmin: boolean;
  onAdmin(value: boolean): void;
};

export function AccountRoleFields({ id, territories, affiliation, onAffiliation, isAdmin, onAdmin }: Props) {
  const t = useT();
  return (
    <>
      <TerritorySelect id={id} label={t("atelier.account.affiliation")} value={affiliation} territories={territories} withLab onChange={onAffiliation} />
      <p>
        <label className="check">
          <input type="checkbox" checked={isAdmin} onChange={(e) => onAdmin(e.target.checked)} /> {t("atelier.admin.account.isAdmin")}
        </label>
      </p>
    </>
  );
}
