// Reads a WordPress export (WXR, an RSS file with wp: elements) as it streams in: its authors and items, nothing rendered.
import { SaxesParser } from "saxes";
import { unprocessable } from "../errors.ts";

export type WxrAuthor = { login: string; email: string; displayName: string };
export type WxrTerm = { domain: "category" | "post_tag"; slug: string; label: string };
export type WxrComment = {
  id: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  date: Date | null;
  content: string;
  approved: boolean;
  /** "" or "comment" for a reader's comment; "pingback", "trackback"… otherwise. */
  type: string;
};
export type WxrItem = {
  id: string;
  type: string;
  status: string;
  title: string;
  /** Publication instant (post_date_gmt, else post_date); null when WordPress left it at zero. */
  date: Date | null;
  creator: string;
  content: string;
  excerpt: string;
  terms: WxrTerm[];
  attachmentUrl: string;
  comments: WxrComment[];
};
export type Wxr = { authors: WxrAuthor[]; items: WxrItem[] };

const notWxr = () => unprocessable("not_wxr", "Ce fichier n'est pas un export WordPress (WXR) : il n'a pas d'élément wp:wxr_version.");
const unreadable = (line: number) =>
  unprocessable("wxr_unreadable", `Le fichier d'export est tronqué ou mal formé (ligne ${line}) : rien n'a été importé.`);

/** "2021-03-04 10:00:00" as UTC (post_date_gmt); WordPress writes zeros for a date it never set. */
function wpDate(gmt: string, local: string): Date | null {
  for (const value of [gmt, local]) {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
    if (m && m[1] !== "0000") {
      const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
      if (!Number.isNaN(date.getTime())) return date;
    }
  }
  return null;
}

type Fields = Record<string, string>;

const item = (f: Fields, terms: WxrTerm[], comments: WxrComment[]): WxrItem => ({
  id: f["wp:post_id"] ?? "",
  type: f["wp:post_type"] ?? "",
  status: f["wp:status"] ?? "",
  title: f.title ?? "",
  date: wpDate(f["wp:post_date_gmt"] ?? "", f["wp:post_date"] ?? ""),
  creator: f["dc:creator"] ?? "",
  content: f["content:encoded"] ?? "",
  excerpt: f["excerpt:encoded"] ?? "",
  terms,
  attachmentUrl: f["wp:attachment_url"] ?? "",
  comments,
});

const comment = (f: Fields): WxrComment => ({
  id: f["wp:comment_id"] ?? "",
  parentId: f["wp:comment_parent"] && f["wp:comment_parent"] !== "0" ? f["wp:comment_parent"] : null,
  authorName: f["wp:comment_author"] ?? "",
  authorEmail: f["wp:comment_author_email"] ?? "",
  date: wpDate(f["wp:comment_date_gmt"] ?? "", f["wp:comment_date"] ?? ""),
  content: f["wp:comment_content"] ?? "",
  approved: f["wp:comment_approved"] === "1",
  type: f["wp:comment_type"] ?? "",
});

/** Parses a WXR file from its text chunks; refuses (422) what is not WXR or does not parse to its end. */
export async function readWxr(chunks: AsyncIterable<string> | Iterable<string>): Promise<Wxr> {
  const parser = new SaxesParser({ xmlns: false });
  const wxr: Wxr = { authors: [], items: [] };
  let version = false;
  let failure: Error | null = null;
  // The open record (author, item, comment) collects its leaf elements' text by name.
  let author: Fields | null = null;
  let post: { fields: Fields; terms: WxrTerm[]; comments: WxrComment[] } | null = null;
  let note: Fields | null = null;
  let term: { domain: string; slug: string } | null = null;
  let text = "";

  parser.on("opentag", (tag) => {
    text = "";
    if (tag.name === "wp:author") author = {};
    else if (tag.name === "item") post = { fields: {}, terms: [], comments: [] };
    else if (tag.name === "wp:comment" && post) note = {};
    else if (tag.name === "category" && post)
      term = { domain: String(tag.attributes.domain ?? ""), slug: String(tag.attributes.nicename ?? "") };
  });
  const onText = (t: string) => {
    text += t;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", (tag) => {
    const name = tag.name;
    if (name === "wp:wxr_version") version = true;
    else if (name === "wp:author" && author) {
      wxr.authors.push({
        login: author["wp:author_login"] ?? "",
        email: author["wp:author_email"] ?? "",
        displayName: author["wp:author_display_name"] ?? "",
      });
      author = null;
    } else if (name === "item" && post) {
      wxr.items.push(item(post.fields, post.terms, post.comments));
      post = null;
    } else if (name === "wp:comment" && post && note) {
      post.comments.push(comment(note));
      note = null;
    } else if (name === "category" && post && term) {
      if (term.domain === "category" || term.domain === "post_tag")
        post.terms.push({ domain: term.domain, slug: term.slug, label: text.trim() });
      term = null;
    } else {
      const record = note ?? post?.fields ?? author;
      if (record) record[name] = text;
    }
    text = "";
  });
  parser.on("error", (error) => {
    failure ??= error;
  });
  try {
    for await (const chunk of chunks) {
      parser.write(chunk);
      if (failure) break;
    }
    if (!failure) parser.close();
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) throw version || wxr.items.length > 0 ? unreadable(parser.line) : notWxr();
  if (!version) throw notWxr();
  return wxr;
}
