import type { Locale } from "@/lib/i18n/locales";
import type messages from "@/lib/i18n/messages/en.json";

// Every t("…") key is checked against the English catalogue at compile time; the other
// catalogues are checked against it by lib/i18n/catalogues.test.ts.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
