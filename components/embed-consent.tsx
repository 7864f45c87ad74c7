"use client";

import { useEffect } from "react";
import { onDocumentClick, prepareCards } from "@/lib/client/embed-consent";

/**
 * Makes the consent cards of social embeds work (lib/client/embed-consent.ts): one click
 * listener on the document and an observer for posts that arrive later (live updates),
 * instead of inline handlers, which the CSP forbids. Renders nothing.
 */
export function EmbedConsent() {
  useEffect(() => {
    prepareCards(document);
    const observer = new MutationObserver(() => prepareCards(document));
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener("click", onDocumentClick);
    return () => {
      observer.disconnect();
      document.removeEventListener("click", onDocumentClick);
    };
  }, []);
  return null;
}
