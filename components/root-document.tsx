import { type Messages, NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { connection } from "next/server";
import "@/app/globals.css";
import { defaultLocale, directionOf, type Locale } from "@/lib/i18n/locales";

type Props = {
  /** The page's language: a reader's page takes its event's, the newsroom is English. */
  locale?: Locale;
  /** The catalogue namespaces the page's client components use (lib/i18n/messages). */
  namespaces: (keyof Messages)[];
  children: React.ReactNode;
};

/**
 * The `<html>` of every page. Each route group has its own root layout around it, so a
 * reader's page can carry its event's language and direction on `<html>` itself.
 */
export async function RootDocument({ locale = defaultLocale, namespaces, children }: Props) {
  // Every page is rendered per request: Next puts the request's CSP nonce (proxy.ts) on
  // its scripts only while rendering, so a page prerendered at build time would have
  // scripts without one, and the browser would refuse to run them.
  await connection();
  const all = await getMessages({ locale });
  const messages = Object.fromEntries(namespaces.map((namespace) => [namespace, all[namespace]]));
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <body className="min-h-dvh">
        <NextIntlClientProvider locale={locale} messages={messages}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
