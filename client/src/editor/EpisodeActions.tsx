// The side panel of the editor: review and publication, revisions (preview, restore) and credited authors.
import { OpenThreadsNotice } from "./review/OpenThreadsNotice.tsx";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  type Episode,
  getEpisode,
  getRevision,
  listRevisions,
  patchEpisode,
  type Revision,
  type RevisionSummary,
  restoreRevision,
  transition,
} from "../episodes.ts";
import { formatDate, useLang, useT } from "../i18n.tsx";
import { NeedsConnection, useOnline } from "../offline/NeedsConnection.tsx";
import { errorText } from "../ui/errors.ts";
import { Dialog } from "../ui/Dialog.tsx";
import { ErrorMessage } from "../ui/Page.tsx";
import { type PublishedMove, PublishedMoveDialog } from "./PublishedMoveDialog.tsx";
import { ScheduleFields } from "./ScheduleFields.tsx";
import { ScheduledNote } from "../screens/ScheduledNote.tsx";
import { ReviewMarks, ReviewMarksLine } from "./ReviewMarks.tsx";
import type { CollabLink } from "./collabLink.ts";

type Props = { episode: Episode; onChange(e: Episode): void };

type PublishDialogProps = { episode: Episode; link: CollabLink; onClose(): void; onPublished(e: Episode): void; onScheduled(e: Episode, notice: string): void };

function PublishDialog({ episode, link, onClose, onPublished, onScheduled }: PublishDialogProps) {
  const t = useT();
  // Read afresh when the dialog opens: someone may have published another episode since this screen loaded.
  const [fresh, setFresh] = useState<Episode | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getEpisode(episode.id).then(setFresh, (e) => setError(errorText(e, t)));
  }, [episode.id, t]);
  const number = fresh?.number ?? fresh?.nextNumber ?? null;
  const publish = async () => {
    setBusy(true);
    try {
      onPublished(await transition(episode.id, "publish"));
      onClose();
    } catch (e) {
      setError(errorText(e, t));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t("atelier.publish.title")} onClose={onClose} onSubmit={publish} submitLabel={t("atelier.publish.confirm")} busy={busy || fresh === null}>
      <p className="publish-number">
        {fresh === null
          ? t("atelier.loading")
          : number === null
            ? ""
            : fresh.number !== null
              ? t("atelier.publish.keepsNumber", { number })
              : t("atelier.publish.willGet", { number })}
      </p>
      <p>{t("atelier.publish.explain")}</p>
      {episode.abilities.readReviewMarks && <ReviewMarksLine episodeId={episode.id} link={link} />}
      <OpenThreadsNotice episodeId={episode.id} />
      {error && <ErrorMessage message={error} />}
      {fresh && (
        <ScheduleFields
          episode={fresh}
          onDone={(e, notice) => {
            onScheduled(e, notice);
            onClose();
          }}
        />
      )}
    </Dialog>
  );
}

function Revisions({ episode, onRestored }: { episode: Episode; onRestored(): void }) {
  const t = useT();
  const { lang } = useLang();
  const [list, setList] = useState<RevisionSummary[] | null>(null);
  const [preview, setPreview] = useState<Revision | null>(null);
  const [confirm, setConfirm] = useState<RevisionSummary | null>(null);
  const [error, setError] = useState("");
  const load = useCallback(() => {
    listRevisions(episode.id).then(setList, (e) => setError(errorText(e, t)));
  }, [episode.id, t]);
  useEffect(load, [load]);

  const restore = async () => {
    if (!confirm) return;
    try {
      await restoreRevision(episode.id, confirm.id);
      setConfirm(null);
      onRestored();
    } catch (e) {
      setError(errorText(e, t));
      setConfirm(null);
    }
  };

  return (
    <section aria-labelledby="revisions-title">
      <h2 id="revisions-title">{t("atelier.revisions.title")}</h2>
      {error && <ErrorMessage message={error} />}
      {list && list.length === 0 && <p className="muted">{t("atelier.revisions.none")}</p>}
      {list && list.length > 0 && (
        <ul className="revisions">
          {list.map((r) => (
            <li key={r.id}>
              <span>
                {t("atelier.revisions.item", { seq: r.seq, date: formatDate(lang, r.publishedAt) })}
                {r.publishedBy ? ` — ${r.publishedBy.name}` : ""}
              </span>
              <span className="row-actions">
                <button type="button" onClick={() => getRevision(r.id).then(setPreview, (e) => setError(errorText(e, t)))}>
                  {t("atelier.revisions.preview")}
                  <span className="visually-hidden"> {r.seq}</span>
                </button>
                <button type="button" onClick={() => setConfirm(r)}>
                  {t("atelier.revisions.restore")}
                  <span className="visually-hidden"> {r.seq}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {preview && (
        <Dialog title={t("atelier.revisions.previewTitle", { seq: preview.seq })} onClose={() => setPreview(null)} wide>
          <article className="revision-preview">
            <h3>{preview.title}</h3>
            {preview.summary && <p className="summary">{preview.summary}</p>}
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitised this HTML when it published the revision; the public page serves the same. */}
            <div dangerouslySetInnerHTML={{ __html: preview.html }} />
          </article>
        </Dialog>
      )}
      {confirm && (
        <Dialog title={t("atelier.revisions.restoreTitle")} onClose={() => setConfirm(null)} onSubmit={restore} submitLabel={t("atelier.revisions.restore")}>
          <p>{t("atelier.revisions.restoreExplain", { seq: confirm.seq })}</p>
        </Dialog>
      )}
    </section>
  );
}

function Authors({ episode, onChange }: Props) {
  const t = useT();
  const [error, setError] = useState("");
  const people = new Map([...episode.contributors, ...episode.authors].map((p) => [p.id, p]));
  const credited = new Set(episode.authors.map((a) => a.id));
  const toggle = async (id: string, on: boolean) => {
    const next = [...people.keys()].filter((p) => (p === id ? on : credited.has(p)));
    try {
      onChange(await patchEpisode(episode.id, { authorIds: next }));
      setError("");
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <section aria-labelledby="authors-title">
      <h2 id="authors-title">{t("atelier.authors.title")}</h2>
      {people.size === 0 ? (
        <p className="muted">{t("atelier.authors.none")}</p>
      ) : (
        <fieldset className="authors">
          <legend className="visually-hidden">{t("atelier.authors.legend")}</legend>
          {[...people.values()].map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" checked={credited.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} /> {p.name}
            </label>
          ))}
        </fieldset>
      )}
      {error && <ErrorMessage message={error} />}
    </section>
  );
}

export function EpisodeActions({ episode, link, onChange }: Props & { link: CollabLink }) {
  const t = useT();
  const [publishing, setPublishing] = useState(false);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [confirming, setConfirming] = useState<PublishedMove | null>(null);
  const online = useOnline();
  const heading = useRef<HTMLHeadingElement>(null);
  const status = useRef(episode.status);
  useEffect(() => {
    if (status.current === episode.status) return;
    status.current = episode.status;
    // A new status swaps the buttons, the focused one included: the keyboard resumes from the panel, not the page's top.
    if (document.activeElement === document.body) heading.current?.focus();
  }, [episode.status]);
  const act = async (action: "submit" | "return-to-draft") => {
    setError("");
    try {
      onChange(await transition(episode.id, action));
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  return (
    <aside className="editor-side" aria-label={t("atelier.episode.sidePanel")}>
      <section aria-labelledby="publication-title">
        <h2 id="publication-title" ref={heading} tabIndex={-1}>
          {t("atelier.publish.section")}
        </h2>
        <div className="stack">
          {episode.abilities.submit && (
            <button type="button" disabled={!online} onClick={() => act("submit")}>
              {t("atelier.episode.submit")}
            </button>
          )}
          {episode.abilities.returnToDraft && (
            <button type="button" disabled={!online} onClick={() => act("return-to-draft")}>
              {t("atelier.episode.backToDraft")}
            </button>
          )}
          {episode.abilities.publish && (
            <button type="button" className="primary" disabled={!online} onClick={() => setPublishing(true)}>
              {t("atelier.episode.publish")}
            </button>
          )}
          {episode.abilities.update && (
            <button type="button" className="primary" disabled={!online} onClick={() => setConfirming("update")}>
              {t("atelier.episode.update")}
            </button>
          )}
          {episode.abilities.unpublish && (
            <button type="button" disabled={!online} onClick={() => setConfirming("unpublish")}>
              {t("atelier.episode.unpublish")}
            </button>
          )}
        </div>
        {episode.schedule && (
          <p>
            <ScheduledNote schedule={episode.schedule} />
          </p>
        )}
        <NeedsConnection what="atelier.offline.publish" />
        <p role="status">{notice}</p>
        {error && <ErrorMessage message={error} />}
      </section>
      {publishing && (
        <PublishDialog
          episode={episode}
          link={link}
          onClose={() => setPublishing(false)}
          onPublished={(e) => {
            onChange(e);
            setNotice(t("atelier.publish.done", { number: e.number ?? "" }));
          }}
          onScheduled={(e, notice) => {
            onChange(e);
            setNotice(notice);
          }}
        />
      )}
      {confirming && (
        <PublishedMoveDialog
          episode={episode}
          move={confirming}
          onClose={() => setConfirming(null)}
          onDone={(e, done) => {
            onChange(e);
            setNotice(done);
          }}
        />
      )}
      {episode.abilities.readReviewMarks && episode.status === "review" && <ReviewMarks episodeId={episode.id} link={link} />}
      {episode.abilities.edit && <Authors episode={episode} onChange={onChange} />}
      {/* Publishing adds a revision: a new publication date reloads the list. */}
      {episode.abilities.readRevisions && (
        <Revisions
          key={episode.lastPublishedAt ?? "jamais"}
          episode={episode}
          onRestored={() => {
            setNotice(t("atelier.revisions.restored"));
            // The public page still shows the old text: offer to publish the restored one as an update.
            if (episode.abilities.update) setConfirming("restored");
          }}
        />
      )}
    </aside>
  );
}
