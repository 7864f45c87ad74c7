import { RootDocument } from "@/components/root-document";
import { siteMetadata, siteViewport } from "@/lib/seo/site-metadata";

export const metadata = siteMetadata;
export const viewport = siteViewport;

export default function HomeLayout({ children }: { children: React.ReactNode }) {
  return <RootDocument namespaces={["reader"]}>{children}</RootDocument>;
}
