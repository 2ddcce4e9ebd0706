// The e-mail of a job queued for an account, composed when sent: the recipient is checked again, then each kind writes its own message.
import type { AccountJob } from "../domain/subscriptions.ts";
import type { EpisodesRepository } from "../repositories/episodes.ts";
import type { ProgrammesRepository } from "../repositories/programmes.ts";
import type { ReviewsRepository } from "../repositories/reviews.ts";
import type { UsersRepository } from "../repositories/users.ts";
import { type Preference, type Recipient, type RecipientDeps, refusal } from "./accountJobs.ts";
import type { MailMessage } from "./mailer.ts";
import { composeMention } from "./mentionJobs.ts";
import { composeReviewRequest } from "./reviewRequestJobs.ts";
import { composeSuggestionOutcome } from "./suggestionOutcomeJobs.ts";

export type AccountMailDeps = RecipientDeps & {
  users: UsersRepository;
  episodes: EpisodesRepository;
  programmes: ProgrammesRepository;
  reviews: ReviewsRepository;
  publicUrl: string;
  instanceName: string;
};

type Composed = MailMessage | { cancel: string };
type Kinds = {
  [K in AccountJob["kind"]]: {
    preference: Preference;
    compose(job: Extract<AccountJob, { kind: K }>, to: Recipient, deps: AccountMailDeps): Composed | Promise<Composed>;
  };
};

/** Each kind: the switch that turns it off, and its message. */
const kinds: Kinds = {
  reviewRequest: { preference: "reviewRequests", compose: composeReviewRequest },
  mention: { preference: "replies", compose: composeMention },
  suggestionOutcome: { preference: "suggestionOutcomes", compose: composeSuggestionOutcome },
};

/** The message of a queued job, or why it is no longer sent (account deactivated, draft out of reach, switch off…). */
export async function composeAccountMail(job: AccountJob, deps: AccountMailDeps, messageId: string): Promise<Composed> {
  const kind = kinds[job.kind];
  const [user, episode] = await Promise.all([deps.users.byId(job.userId), deps.episodes.byId(job.episodeId)]);
  if (!episode) return { cancel: "épisode supprimé" };
  const refused = await refusal(deps, user, episode, kind.preference);
  if (refused) return { cancel: refused };
  const programme = await deps.programmes.byId(episode.programmeId);
  if (!programme) return { cancel: "programme supprimé" };
  const to: Recipient = { user: user!, episode, programme, settingsUrl: `${deps.publicUrl}/atelier/compte` };
  // The table pairs each kind with its composer; TypeScript cannot follow that pairing through the union.
  const message = await kind.compose(job as never, to, deps);
  return "cancel" in message ? message : { ...message, messageId };
}
