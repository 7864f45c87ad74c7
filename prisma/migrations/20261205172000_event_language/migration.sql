-- The language readers get the event in (lib/i18n/locales.ts): its page, embed, feed and JSON-LD.
ALTER TABLE "Event" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'en';
