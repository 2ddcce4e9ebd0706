// An in-memory inverted index over search documents: AND of query terms, ranked by field weight and rarity.
import { queryTerms, tokens } from "./terms.ts";

/** The searchable text of a document, by field; the title weighs most, the body least. */
export type SearchFields = { title: string; summary: string; body: string; context: string };

export type SearchDoc<T> = { id: string; programmeId: string; date: Date; fields: SearchFields; data: T };

export type SearchHit<T> = { doc: SearchDoc<T>; score: number };

const WEIGHTS: Record<keyof SearchFields, number> = { title: 10, summary: 4, context: 2, body: 1 };

export class SearchIndex<T> {
  private readonly docs = new Map<string, SearchDoc<T>>();
  /** term → document id → weighted count of the term in the document. */
  private readonly postings = new Map<string, Map<string, number>>();
  private readonly termsOf = new Map<string, string[]>();

  get size(): number {
    return this.docs.size;
  }

  put(doc: SearchDoc<T>): void {
    this.remove(doc.id);
    const weights = new Map<string, number>();
    for (const field of Object.keys(WEIGHTS) as (keyof SearchFields)[]) {
      for (const { term } of tokens(doc.fields[field])) weights.set(term, (weights.get(term) ?? 0) + WEIGHTS[field]);
    }
    for (const [term, weight] of weights) {
      const list = this.postings.get(term) ?? new Map<string, number>();
      this.postings.set(term, list);
      list.set(doc.id, weight);
    }
    this.docs.set(doc.id, doc);
    this.termsOf.set(doc.id, [...weights.keys()]);
  }

  remove(id: string): void {
    for (const term of this.termsOf.get(id) ?? []) {
      const list = this.postings.get(term);
      list?.delete(id);
      if (list?.size === 0) this.postings.delete(term);
    }
    this.termsOf.delete(id);
    this.docs.delete(id);
  }

  /** Documents holding every term of the query and passing `keep`, best first (newest first on a tie). */
  search(query: string, keep: (doc: SearchDoc<T>) => boolean = () => true): SearchHit<T>[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    const lists = terms.map((term) => this.postings.get(term));
    if (lists.some((list) => list === undefined)) return [];
    const present = lists as Map<string, number>[];
    const [rarest, ...others] = [...present].sort((a, b) => a.size - b.size);
    const hits: SearchHit<T>[] = [];
    for (const id of rarest!.keys()) {
      if (!others.every((list) => list.has(id))) continue;
      const doc = this.docs.get(id)!;
      if (!keep(doc)) continue;
      const score = present.reduce((sum, list) => sum + Math.log1p(list.get(id)!) * Math.log(1 + this.docs.size / list.size), 0);
      hits.push({ doc, score });
    }
    return hits.sort((a, b) => b.score - a.score || b.doc.date.getTime() - a.doc.date.getTime());
  }
}
