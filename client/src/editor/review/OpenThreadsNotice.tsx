// One line of the publish dialog: how many review threads are still open, proposals among them (publishing goes ahead anyway).
import { useEffect, useState } from "react";
import type { MessageKey } from "../../../../i18n/index.ts";
import { useT } from "../../i18n.tsx";
import { listReviews } from "./reviews.ts";

type Open = { threads: number; suggestions: number };

function lineOf({ threads, suggestions }: Open): MessageKey {
  if (threads === 0) return "atelier.reviews.openNone";
  if (threads === 1) return suggestions === 1 ? "atelier.suggestions.openOne" : "atelier.reviews.openOne";
  if (suggestions === 0) return "atelier.reviews.openMany";
  return suggestions === 1 ? "atelier.suggestions.openManyOne" : "atelier.suggestions.openManyMany";
}

export function OpenThreadsNotice({ episodeId }: { episodeId: string }) {
  const t = useT();
  const [open, setOpen] = useState<Open | null>(null);
  useEffect(() => {
    listReviews(episodeId).then(
      (l) => {
        const threads = l.threads.filter((th) => !th.resolved);
        setOpen({ threads: threads.length, suggestions: threads.filter((th) => th.suggestion?.status === "open").length });
      },
      () => setOpen(null),
    );
  }, [episodeId]);
  if (open === null) return null;
  return <p className="review-open-count">{t(lineOf(open), { count: open.threads, suggestions: open.suggestions })}</p>;
}
