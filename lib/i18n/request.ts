import { getRequestConfig } from "next-intl/server";
import { defaultLocale, toLocale } from "./locales";

// next-intl's per-request configuration. Herald has no locale in its URLs: a reader's page
// takes its event's language (the reader layouts pass it as `locale`), and the newsroom is
// English for now, its strings in the same catalogues.
export default getRequestConfig(async ({ locale, requestLocale }) => {
  const chosen = toLocale(locale ?? (await requestLocale) ?? defaultLocale);
  return {
    locale: chosen,
    messages: (await import(`./messages/${chosen}.json`)).default,
    // Herald formats times itself (lib/shared/format-time.ts), always in the event's zone.
    timeZone: "UTC",
  };
});
