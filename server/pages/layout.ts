// The page shell shared by every public page: head, skip link, header, main landmark, footer.
import { type Lang, t } from "../../i18n/index.ts";
import { html, type SafeHtml } from "./html.ts";

export type PageMeta = {
  title: string;
  description?: string;
  canonical?: string;
  /** Extra tags for <head> (feeds, OpenGraph, JSON-LD), already escaped. */
  head?: SafeHtml;
  lang?: Lang;
};

export function layout(meta: PageMeta, body: SafeHtml, instanceName = "Carnet"): string {
  const lang = meta.lang ?? "fr";
  return (
    "<!doctype html>\n" +
    html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title}</title>
${meta.description ? html`<meta name="description" content="${meta.description}">` : ""}
${meta.canonical ? html`<link rel="canonical" href="${meta.canonical}">` : ""}
<link rel="stylesheet" href="/assets/site.css">
${meta.head ?? ""}
</head>
<body>
<a class="skip" href="#contenu">${t(lang, "site.skip")}</a>
<header class="site-header"><a class="brand" href="/">${instanceName}</a>
<nav aria-label="Navigation principale"><a href="/">${t(lang, "site.nav.home")}</a> <a href="/atelier/">${t(lang, "site.nav.workspace")}</a></nav></header>
<main id="contenu" tabindex="-1">
${body}
</main>
<footer class="site-footer"><p>${t(lang, "site.footer")}</p></footer>
</body>
</html>`.value
  );
}

export function errorPage(status: number, message: string): string {
  const title = status === 404 ? t("fr", "error.404.title") : t("fr", "error.500.title");
  const text = status === 404 ? t("fr", "error.404.text") : message;
  return layout(
    { title: `${title} — Carnet` },
    html`<h1>${title}</h1><p>${text}</p><p><a href="/">${t("fr", "error.back")}</a></p>`,
  );
}
