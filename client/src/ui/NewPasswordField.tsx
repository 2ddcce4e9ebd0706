// The field where someone chooses a password (invitation, reset, my account), with the rules next to it.
import { useT } from "../i18n.tsx";
import { Field } from "./Field.tsx";

export function NewPasswordField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string | undefined }) {
  const t = useT();
  return (
    <Field
      label={t("atelier.password.new")}
      help={t("atelier.password.rules")}
      type="password"
      autoComplete="new-password"
      required
      error={error}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
