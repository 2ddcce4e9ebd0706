// French UI text — the reference catalogue; every key here exists in en.ts too.
export const fr = {
  "site.skip": "Aller au contenu",
  "site.footer": "Carnet — carnets de bord de programmes de recherche-action",
  "site.nav.home": "Accueil",
  "site.nav.workspace": "Atelier",
  "error.title": "Erreur",
  "error.404.title": "Page introuvable",
  "error.404.text": "Cette page n'existe pas ou n'est plus publiée.",
  "error.500.title": "Une erreur est survenue",
  "error.back": "Retour à l'accueil",
} as const;

export type MessageKey = keyof typeof fr;
