// The languages a reader's page can be in. Pure: the browser, the server and the
// validation share it. Each has a catalogue in ./messages/<code>.json with the same keys.
export const locales = ["en", "de", "fr", "es", "pt", "ar"] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "en";

/** Each language named in itself, for the newsroom's language menu. */
export const localeNames: Record<Locale, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  pt: "Português",
  ar: "العربية",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** A stored language, or the default for anything unknown (a row older than a removed language). */
export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale;
}

/** Open Graph's `og:locale` (language_TERRITORY) for the language. */
export function ogLocale(locale: Locale): string {
  return { en: "en_GB", de: "de_DE", fr: "fr_FR", es: "es_ES", pt: "pt_PT", ar: "ar_AR" }[locale];
}

/** The writing direction of the page's `dir`. */
export function directionOf(locale: Locale): "ltr" | "rtl" {
  return locale === "ar" ? "rtl" : "ltr";
}

/**
 * The locale dates and numbers are formatted in. English keeps the day-month order and
 * 24-hour clock of "en-GB", which newsrooms outside the US expect from a live page.
 */
export function intlLocale(locale: Locale): string {
  return locale === "en" ? "en-GB" : locale;
}
