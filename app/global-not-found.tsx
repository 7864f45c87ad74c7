import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { defaultLocale } from "@/lib/i18n/locales";
import "./globals.css";

export const metadata: Metadata = { title: "Page not found · Herald", robots: { index: false } };

/** A URL no route matches: the whole document, since no root layout wraps it. */
export default async function GlobalNotFound() {
  const t = await getTranslations({ locale: defaultLocale, namespace: "reader.notFound" });
  return (
    <html lang={defaultLocale}>
      <body className="min-h-dvh">
        <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
          <h1 className="text-2xl font-semibold">{t("page")}</h1>
          <p className="mt-3 text-stone-600 dark:text-stone-300">{t("pageBody")}</p>
          <Link href="/" className="mt-6 inline-block font-medium text-brand-strong underline dark:text-red-300">
            {t("link")}
          </Link>
        </main>
      </body>
    </html>
  );
}
