import { type EmbedProviderId, embedProvider, matchEmbed } from "@/lib/shared/social-embeds";

// Two-click embeds in the browser. The server writes consent cards (lib/posts/embeds.ts)
// whose controls are hidden, so a reader without script sees a plain link. Here the
// controls are shown; a click on "Load content" (or a consent the reader asked us to
// remember) replaces the card's content with the provider's player. Nothing is requested
// from a provider before that: the player URL is derived here from the card's link.

const storageKey = "herald.embed-consent";

/** The card's words in the page's language, given the provider's name. */
export type ConsentWords = Record<"note" | "load" | "remember" | "forget" | "frameTitle", (provider: string) => string>;

/** Writes the card's words (English in the stored HTML) in the page's language. */
function translateCard(card: HTMLElement, name: string, words: ConsentWords) {
  const note = card.querySelector(".embed-consent-note");
  if (note) note.textContent = words.note(name);
  const button = card.querySelector("[data-embed-load]");
  if (button) button.textContent = words.load(name);
  const remember = card.querySelector(".embed-consent-remember");
  if (remember?.lastChild?.nodeType === Node.TEXT_NODE) remember.lastChild.nodeValue = ` ${words.remember(name)}`;
}

export function rememberedProviders(): Set<string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey) ?? "[]");
    return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
  } catch {
    return new Set();
  }
}

function setRemembered(provider: string, remember: boolean) {
  const providers = rememberedProviders();
  if (remember) providers.add(provider);
  else providers.delete(provider);
  try {
    localStorage.setItem(storageKey, JSON.stringify([...providers]));
  } catch {
    // Storage refused (private mode, quota): the consent holds for this page only.
  }
}

/** What each player may use. No `sandbox`: see playerFor. */
const allowByProvider: Partial<Record<EmbedProviderId, string>> = {
  youtube: "encrypted-media; picture-in-picture; fullscreen",
  vimeo: "encrypted-media; picture-in-picture; fullscreen",
  tiktok: "encrypted-media; fullscreen",
  spotify: "encrypted-media; clipboard-write",
  soundcloud: "encrypted-media",
};

/**
 * The provider's own player. It carries no `sandbox`: every one of these players needs
 * script and its own origin's storage, and a sandbox allowing both scripts and same-origin
 * is no sandbox (the Nu HTML checker rejects the pair). What holds it instead: the frame is
 * cross-origin, so it cannot touch this page; the CSP's frame-src admits only the providers'
 * player origins; `allow` grants only what a player uses; the referrer is our origin only.
 */
function playerFor(card: HTMLElement, words: ConsentWords): HTMLIFrameElement | null {
  const provider = embedProvider(card.dataset.embedProvider ?? "");
  const link = card.querySelector<HTMLAnchorElement>("a.embed-card-url");
  const match = link ? matchEmbed(link.href) : null;
  if (!provider || !match || match.provider !== provider.id) return null;
  const frame = document.createElement("iframe");
  frame.className = "embed-player";
  frame.src = match.src;
  frame.title = words.frameTitle(provider.name);
  const allow = allowByProvider[provider.id];
  if (allow) frame.allow = allow;
  if (allow?.includes("fullscreen")) frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  return frame;
}

function load(card: HTMLElement, words: ConsentWords) {
  if (card.dataset.embedLoaded === "true") return;
  const frame = playerFor(card, words);
  if (!frame) return;
  card.dataset.embedLoaded = "true";
  const provider = card.dataset.embedProvider!;
  const name = embedProvider(provider)!.name;
  const link = card.querySelector<HTMLAnchorElement>("a.embed-card-url");
  card.querySelector(".embed-consent-card")?.remove();
  card.append(frame);
  if (rememberedProviders().has(provider)) {
    const forget = document.createElement("button");
    forget.type = "button";
    forget.className = "embed-consent-forget";
    forget.dataset.embedForget = provider;
    forget.textContent = words.forget(name);
    card.after(forget);
  } else if (link) {
    link.remove();
  }
}

/** Shows the controls of every card not yet prepared, and loads the remembered providers. */
export function prepareCards(root: ParentNode, words: ConsentWords) {
  const remembered = rememberedProviders();
  for (const card of root.querySelectorAll<HTMLElement>(".embed-consent[data-embed-provider]")) {
    if (card.dataset.embedReady === "true") continue;
    card.dataset.embedReady = "true";
    if (remembered.has(card.dataset.embedProvider ?? "")) {
      load(card, words);
      continue;
    }
    translateCard(card, embedProvider(card.dataset.embedProvider ?? "")?.name ?? "", words);
    for (const hidden of card.querySelectorAll<HTMLElement>("[hidden]")) hidden.hidden = false;
  }
}

/** One listener for the document: cards that arrive later (live posts) work as well. */
export function onDocumentClick(event: MouseEvent, words: ConsentWords) {
  const target = event.target instanceof Element ? event.target : null;
  const forget = target?.closest<HTMLElement>("[data-embed-forget]");
  if (forget) {
    setRemembered(forget.dataset.embedForget!, false);
    forget.remove();
    return;
  }
  const button = target?.closest<HTMLElement>("[data-embed-load]");
  const card = button?.closest<HTMLElement>(".embed-consent[data-embed-provider]");
  if (!card) return;
  const remember = card.querySelector<HTMLInputElement>("[data-embed-remember]")?.checked ?? false;
  if (remember) setRemembered(card.dataset.embedProvider!, true);
  load(card, words);
  if (remember) prepareCards(document, words);
}
