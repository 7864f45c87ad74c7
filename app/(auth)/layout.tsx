import { useTranslations } from "next-intl";
import Link from "next/link";
import { RootDocument } from "@/components/root-document";
import { siteMetadata, siteViewport } from "@/lib/seo/site-metadata";

export const metadata = siteMetadata;
export const viewport = siteViewport;

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = useTranslations("newsroom.header");
  return (
    <RootDocument namespaces={["newsroom"]}>
      <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
        <Link href="/" className="mb-8 flex items-center gap-2 text-lg font-semibold tracking-tight">
          <span aria-hidden className="inline-block size-3 rounded-full bg-brand" />
          {t("home")}
        </Link>
        {children}
      </main>
    </RootDocument>
  );
}
