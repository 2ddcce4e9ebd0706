// The archive download link: a programme's (its lead) or the whole instance's (an admin), shown from the abilities.
import type { MessageKey } from "../../../i18n/index.ts";
import { useT } from "../i18n.tsx";

type Props = { href: string; heading: MessageKey; explain: MessageKey; link: MessageKey };

export function ArchiveDownload({ href, heading, explain, link }: Props) {
  const t = useT();
  const id = `archive-${heading.replace(/\W/g, "-")}`;
  return (
    <section aria-labelledby={id} className="archive-download">
      <h2 id={id}>{t(heading)}</h2>
      <p>{t(explain)}</p>
      <p>
        <a href={href} download>
          {t(link)}
        </a>
      </p>
    </section>
  );
}
