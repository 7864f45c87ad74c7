// next-intl/server under Vitest. Outside Next's react-server build the package's
// getTranslations only throws (it needs the request config the Next plugin wires in), so
// server actions called from a test get a translator over the catalogue the request config
// would load. The rest, which needs a Next request, throws when called, as the package does.
import { createTranslator, type Locale, type Messages, type NamespaceKeys, type NestedKeyOf } from "next-intl";
import { defaultLocale, toLocale } from "@/lib/i18n/locales";

function outsideNext(name: string) {
  return (): never => {
    throw new Error(`${name} needs a Next request; test/next-intl-server.ts offers only getTranslations.`);
  };
}
// Called at import by lib/i18n/request.ts: the config it returns is what throws.
export const getRequestConfig = () => outsideNext("getRequestConfig");
export const getMessages = outsideNext("getMessages");
export const getLocale = outsideNext("getLocale");
export const getFormatter = outsideNext("getFormatter");
export const setRequestLocale = outsideNext("setRequestLocale");

type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

export async function getTranslations<N extends Namespace>(options?: N | { locale?: Locale; namespace?: N }) {
  const { locale, namespace } = typeof options === "object" ? options : { locale: undefined, namespace: options };
  const chosen = toLocale(locale ?? defaultLocale);
  const messages = (await import(`../lib/i18n/messages/${chosen}.json`)).default as Messages;
  return createTranslator({ locale: chosen, messages, namespace });
}
