// An episode: the team's collaborative editor, the partners' live read-only view while in review, or where a published one is read.
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { episodeRoom } from "../../../collab/schema/nodes.ts";
import { ApiError } from "../api.ts";
import { BodyEditor } from "../editor/BodyEditor.tsx";
import { CollabLink, collabServerUrl } from "../editor/collabLink.ts";
import { ConnectionStatus, useLinkState } from "../editor/ConnectionStatus.tsx";
import { EpisodeActions } from "../editor/EpisodeActions.tsx";
import { ReviewMarks } from "../editor/ReviewMarks.tsx";
import { MetaFields } from "../editor/MetaFields.tsx";
import { Presence } from "../editor/Presence.tsx";
import { Review } from "../editor/review/Review.tsx";
import { SlugField } from "../editor/SlugField.tsx";
import { useSharedDoc, useSharedText } from "../editor/sharedMeta.ts";
import { type Episode, getEpisode } from "../episodes.ts";
import { useT } from "../i18n.tsx";
import { forgetCopy, rememberCopy } from "../offline/device.ts";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";
import { ErrorMessage, Loading, Page } from "../ui/Page.tsx";
import { errorText } from "../ui/errors.ts";
import { EpisodeThemes } from "./EpisodeThemes.tsx";
import { PublishedEpisode } from "./PublishedEpisode.tsx";
import { StatusBadge } from "./statusBadge.tsx";

/** The API's answer when the person may not (or no longer) open the episode. */
const refused = (e: unknown) => e instanceof ApiError && (e.status === 403 || e.status === 404);

export function EpisodeScreen({ episodeId }: { episodeId: string }) {
  const t = useT();
  const { me } = useSession();
  const [episode, setEpisode] = useState<Episode | null>(null);
  const [error, setError] = useState("");
  const link = useMemo(() => new CollabLink(collabServerUrl(), () => getEpisode(episodeId).then(() => true, (e) => !refused(e))), [episodeId]);
  useEffect(() => () => link.destroy(), [link]);
  const linkState = useLinkState(link);
  const [reviewPanel, setReviewPanel] = useState<HTMLElement | null>(null);
  const onTitle = useCallback((title: string) => setEpisode((e) => (e && e.title !== title ? { ...e, title } : e)), []);

  useEffect(() => {
    getEpisode(episodeId).then(
      (loaded) => {
        rememberCopy(loaded.id, episodeRoom(loaded.id), loaded.programmeId);
        setEpisode(loaded);
      },
      (e) => {
        // An episode the person may no longer open leaves no copy on the device.
        if (refused(e)) void forgetCopy(episodeId, episodeRoom(episodeId));
        setError(errorText(e, t));
      },
    );
  }, [episodeId, t]);

  if (linkState === "refused" || linkState === "rejected")
    return (
      <Page title={t("atelier.episode.title")}>
        <ErrorMessage message={t(linkState === "refused" ? "atelier.episode.accessRevoked" : "atelier.episode.updateRefused")} />
        <p>
          <Link to="/">{t("atelier.nav.dashboard")}</Link>
        </p>
      </Page>
    );
  if (error)
    return (
      <Page title={t("atelier.episode.title")}>
        <ErrorMessage message={error} />
      </Page>
    );
  if (!episode || !me) return <Loading label={t("atelier.loading")} />;

  const programmeLink = (
    <p className="breadcrumb">
      <Link to={`/programmes/${episode.programmeId}`}>{t("atelier.episode.backToProgramme")}</Link>
    </p>
  );

  if (!episode.abilities.edit && !episode.abilities.review) return <PublishedEpisode episode={episode}>{programmeLink}</PublishedEpisode>;

  if (!episode.abilities.edit) {
    return (
      <ReadOnlyEpisode episode={episode} link={link} user={{ id: me.user.id, name: me.user.name }}>
        {programmeLink}
      </ReadOnlyEpisode>
    );
  }

  return (
    <Page
      title={episode.title || t("atelier.episode.untitled")}
      actions={
        <div className="head-meta">
          <StatusBadge status={episode.status} number={episode.number} />
          <ConnectionStatus link={link} />
        </div>
      }
    >
      {programmeLink}
      <div className="editor-layout">
        <div className="editor-main">
          <MetaFields episode={episode} link={link} onTitle={onTitle} />
          <SlugField episode={episode} onSaved={(saved) => setEpisode((e) => e && { ...saved, title: e.title })} />
          <EpisodeThemes episode={episode} />
          <BodyEditor episodeId={episode.id} link={link} user={{ id: me.user.id, name: me.user.name }} readOnly={false}>
            <Presence link={link} />
            <Review episodeId={episode.id} link={link} userId={me.user.id} panel={reviewPanel} />
          </BodyEditor>
          <div ref={setReviewPanel} />
        </div>
        <EpisodeActions episode={episode} link={link} onChange={setEpisode} />
      </div>
    </Page>
  );
}

type ReadOnlyProps = { episode: Episode; link: CollabLink; user: { id: string; name: string }; children: ReactNode };

/** The partners' view: title and summary follow the team's typing like the body. */
function ReadOnlyEpisode({ episode, link, user, children }: ReadOnlyProps) {
  const t = useT();
  const doc = useSharedDoc(link);
  const [title] = useSharedText(doc, "title", episode.title);
  const [summary] = useSharedText(doc, "summary", episode.summary);
  const [reviewPanel, setReviewPanel] = useState<HTMLElement | null>(null);
  return (
    <Page title={title || t("atelier.episode.untitled")}>
      {children}
      <p className="notice">{t("atelier.review.readOnly")}</p>
      {summary && <p className="summary">{summary}</p>}
      <ConnectionStatus link={link} readOnly />
      <BodyEditor episodeId={episode.id} link={link} user={user} readOnly>
        <Presence link={link} />
        <Review episodeId={episode.id} link={link} userId={user.id} panel={reviewPanel} />
      </BodyEditor>
      {episode.abilities.readReviewMarks && episode.status === "review" && <ReviewMarks episodeId={episode.id} link={link} />}
      <div ref={setReviewPanel} />
    </Page>
  );
}
