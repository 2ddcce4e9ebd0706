// Named places in public pages that other parts fill per request: the e-mail form and the comments section.
import { randomUUID } from "node:crypto";
import type { Request } from "express";
import type { Episode, Programme, Revision } from "../domain/types.ts";
import type { DomainEvents } from "../events.ts";
import type { SafeHtml } from "./html.ts";

/** `programme` is null on the home page, where the form follows every programme. */
export type SubscribeFormInput = { req: Request; programme: Programme | null };
export type CommentsInput = { req: Request; programme: Programme; episode: Episode; revision: Revision };

type Slot<I> = (input: I) => SafeHtml | null | Promise<SafeHtml | null>;

/**
 * Filled through `publicPages(ctx, { subscribeForm, comments })` in server/app.ts.
 * A slot's HTML is inserted as is (escape with `html`), per request, after the cached page is read.
 */
export type PublicPageSlots = {
  /** The e-mail subscription form in the "Suivre" box (programme page, and home page for every programme). */
  subscribeForm?: Slot<SubscribeFormInput>;
  /** The comments section at the end of an episode page. */
  comments?: Slot<CommentsInput>;
  /**
   * Opt-in: events after which slot output may change for anonymous readers. When given, what a slot renders
   * for an anonymous request without query string is kept with the page until one of these events (or a
   * publication) happens, instead of being rendered per request. Only for slots whose every change is announced.
   */
  sharedUntil?: (keyof DomainEvents)[];
};

/** What a page asks its slot to render, without the request (cached with the page). */
export type SlotCall =
  | { name: "subscribeForm"; input: Omit<SubscribeFormInput, "req"> }
  | { name: "comments"; input: Omit<CommentsInput, "req"> };

/** Where the slot goes in the rendered page; random per process so no stored text can forge it. */
export const SLOT_MARK = `<!--carnet-slot-${randomUUID()}-->`;

export async function renderSlot(slots: PublicPageSlots, call: SlotCall, req: Request): Promise<string> {
  const out =
    call.name === "subscribeForm"
      ? await slots.subscribeForm?.({ ...call.input, req })
      : await slots.comments?.({ ...call.input, req });
  return out ? out.value : "";
}
