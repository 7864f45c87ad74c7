import { useTranslations } from "next-intl";
import Link from "next/link";

export default function EventNotFound() {
  const t = useTranslations("reader.notFound");
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-3 text-stone-600 dark:text-stone-300">{t("body")}</p>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-strong underline dark:text-red-300">
        {t("link")}
      </Link>
    </main>
  );
}
