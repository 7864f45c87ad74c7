import type { Metadata, Viewport } from "next";

// What every root layout (one per route group: app/(home), (auth), (dashboard), (reader),
// (embed)) exports; pages add their own title to the template.
export const siteMetadata: Metadata = {
  title: { default: "Herald", template: "%s · Herald" },
  description: "Live coverage, as it happens.",
};

export const siteViewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafaf9" },
    { media: "(prefers-color-scheme: dark)", color: "#0c0a09" },
  ],
};
