import { useTranslations } from "next-intl";
import { localeNames, locales } from "@/lib/i18n/locales";
import { Field, inputClass } from "./field";

type Props = { defaultValue: string; errors?: string[] };

/** The readers' language: their page, the embed, the feed and the structured data follow it. */
export function LanguageSelect({ defaultValue, errors }: Props) {
  const t = useTranslations("newsroom.language");
  return (
    <Field label={t("label")} name="language" errors={errors} hint={t("hint")}>
      {(describedBy, invalid) => (
        <select
          id="language"
          name="language"
          defaultValue={defaultValue}
          className={inputClass}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        >
          {locales.map((code) => (
            <option key={code} value={code} lang={code}>
              {localeNames[code]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
