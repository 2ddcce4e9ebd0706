// English UI text; keys mirror fr.ts.
import type { MessageKey } from "./fr.ts";

export const en: Record<MessageKey, string> = {
  "site.skip": "Skip to content",
  "site.footer": "Carnet — field journals of action-research programmes",
  "site.nav.home": "Home",
  "site.nav.workspace": "Workspace",
  "error.title": "Error",
  "error.404.title": "Page not found",
  "error.404.text": "This page does not exist or is no longer published.",
  "error.500.title": "Something went wrong",
  "error.back": "Back to the home page",
};
