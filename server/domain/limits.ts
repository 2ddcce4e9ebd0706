// Field limits shared by the API's schemas and the workspace's forms, so both change together.

export const EPISODE_LIMITS = { title: 200, summary: 600, authors: 50 } as const;

export const PROGRAMME_LIMITS = {
  title: 200,
  tagline: 300,
  intro: 20_000,
  territories: 100,
  funder: 200,
  funders: 50,
  resourceLabel: 200,
  resources: 50,
  url: 2000,
  email: 254,
  licence: 100,
  themes: 20,
  themeLabel: 60,
} as const;

/** A month as programmes' periods store it: "YYYY-MM". */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
