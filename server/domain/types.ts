// The domain's records as the store keeps them (internal shapes; presenters decide what leaves the API).
export const TERRITORY_KINDS = [
  "commune",
  "intercommunalite",
  "departement",
  "region",
  "etablissement_public",
  "association",
  "autre",
] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

export type Territory = {
  _id: string;
  name: string;
  kind: TerritoryKind;
  createdAt: Date;
  /** Organisation numbers (SIRET) that an identity provider's accounts map to this territory. */
  sirets?: string[];
};

/** Where a user comes from: a partner territory, or the lab itself. */
export type Affiliation = { kind: "lab" } | { kind: "territory"; territoryId: string };

export type User = {
  _id: string;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  passwordHash: string | null;
  affiliation: Affiliation;
  isAdmin: boolean;
  active: boolean;
  createdAt: Date;
  passwordChangedAt: Date | null;
  /** "<provider id> <subject>" of each OpenID Connect identity: the account stays the same when the e-mail changes there. */
  oidcSubjects?: string[];
  /** The organisation number the provider last gave (ProConnect's `siret`). */
  siret?: string | null;
};

export const ROLES = ["lead", "editor", "partner"] as const;
export type Role = (typeof ROLES)[number];

export type Membership = { _id: string; userId: string; programmeId: string; role: Role; createdAt: Date };

export type Session = {
  /** SHA-256 of the cookie token. */
  _id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** Set when signed in through a provider: its id and the ID token, the hint its sign-out needs. */
  oidc?: { provider: string; idToken: string };
};

export const PROGRAMME_STATUSES = ["preparing", "running", "finished"] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export type ResourceLink = { label: string; url: string };

/** One of a programme's themes; `slug` names it in addresses and on episodes. */
export type Theme = { slug: string; label: string };

export type Programme = {
  _id: string;
  slug: string;
  title: string;
  tagline: string;
  /** Plain text with blank lines between paragraphs; rendered and escaped on output. */
  intro: string;
  status: ProgrammeStatus;
  /** "YYYY-MM" months; end null while open-ended. */
  period: { start: string; end: string | null };
  territoryIds: string[];
  funders: string[];
  resources: ResourceLink[];
  contactEmail: string | null;
  licence: string;
  /** A small list, edited by the lead; episodes pick among them. */
  themes: Theme[];
  createdAt: Date;
  updatedAt: Date;
};

export const EPISODE_STATUSES = ["draft", "review", "published"] as const;
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number];

export type Episode = {
  _id: string;
  programmeId: string;
  title: string;
  slug: string;
  /** Earlier slugs, redirected to the current one. */
  previousSlugs: string[];
  /** Set by an editor: kept at first publication instead of being derived from the title (absent on older records). */
  slugChosen?: boolean;
  summary: string;
  status: EpisodeStatus;
  /** Given at first publication; never changes, never reused. */
  number: number | null;
  /** Credited authors (user ids), editable by the team. */
  authorIds: string[];
  /** Everyone who changed the body, recorded by the collaboration server. */
  contributorIds: string[];
  /** Writers the team unticked: not credited although they wrote (absent on older records). */
  uncreditedIds?: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  firstPublishedAt: Date | null;
  lastPublishedAt: Date | null;
  commentsClosed: boolean;
  /** Slugs of some of its programme's themes. */
  themes: string[];
  /** People credited by name only (imported authors without an account here). */
  authorNames?: string[];
  /** Territories whose proposed wording was accepted (issue 20), once each (absent on older records). */
  creditedTerritoryIds?: string[];
  /** The post it was imported from (WordPress post id): a second import skips it. */
  wordpressId?: string;
};

export type Revision = {
  _id: string;
  episodeId: string;
  programmeId: string;
  /** 1, 2, … per episode. */
  seq: number;
  number: number;
  title: string;
  slug: string;
  summary: string;
  html: string;
  lexicalJson: string;
  yState: Uint8Array;
  authorIds: string[];
  authorNames?: string[];
  /** The episode's credited territories when published (absent when none). */
  creditedTerritoryIds?: string[];
  publishedBy: string;
  publishedAt: Date;
};
