// A labelled picker of a territory (or the lab, where an account may belong to it), by id; "lab" stands for the lab.
import { useT } from "../i18n.tsx";

type Props = { id: string; label: string; value: string; territories: { id: string; name: string }[]; withLab?: boolean; onChange(value: string): void };

export function TerritorySelect({ id, label, value, territories, withLab, onChange }: Props) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} required onChange={(e) => onChange(e.target.value)}>
        {withLab ? <option value="lab">{t("atelier.account.lab")}</option> : <option value="">{t("atelier.members.chooseTerritory")}</option>}
        {territories.map((territory) => (
          <option key={territory.id} value={territory.id}>
            {territory.name}
          </option>
        ))}
      </select>
    </div>
  );
}
