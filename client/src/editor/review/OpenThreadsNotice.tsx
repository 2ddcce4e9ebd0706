// One line of the publish dialog: how many review threads are still open (publishing goes ahead anyway).
import { useEffect, useState } from "react";
import { useT } from "../../i18n.tsx";
import { listReviews } from "./reviews.ts";

export function OpenThreadsNotice({ episodeId }: { episodeId: string }) {
  const t = useT();
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    listReviews(episodeId).then(
      (l) => setOpen(l.threads.filter((th) => !th.resolved).length),
      () => setOpen(null),
    );
  }, [episodeId]);
  if (open === null) return null;
  return (
    <p className="review-open-count">
      {open === 0 ? t("atelier.reviews.openNone") : t(open === 1 ? "atelier.reviews.openOne" : "atelier.reviews.openMany", { count: open })}
    </p>
  );
}
