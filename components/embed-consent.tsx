"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { type ConsentWords, onDocumentClick, prepareCards } from "@/lib/client/embed-consent";

/**
 * Makes the consent cards of social embeds work (lib/client/embed-consent.ts): one click
 * listener on the document and an observer for posts that arrive later (live updates),
 * instead of inline handlers, which the CSP forbids. Renders nothing.
 */
export function EmbedConsent() {
  const t = useTranslations("reader.embed");
  useEffect(() => {
    const words: ConsentWords = {
      note: (provider) => t("note", { provider }),
      load: (provider) => t("load", { provider }),
      remember: (provider) => t("remember", { provider }),
      forget: (provider) => t("forget", { provider }),
      frameTitle: (provider) => t("frameTitle", { provider }),
    };
    const onClick = (event: MouseEvent) => onDocumentClick(event, words);
    prepareCards(document, words);
    const observer = new MutationObserver(() => prepareCards(document, words));
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener("click", onClick);
    return () => {
      observer.disconnect();
      document.removeEventListener("click", onClick);
    };
  }, [t]);
  return null;
}
