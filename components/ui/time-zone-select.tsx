"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Field, inputClass } from "./field";

type Props = {
  /** The choices (lib/shared/time-zones.ts), computed on the server. */
  zones: string[];
  defaultValue: string;
  errors?: string[];
  /** A new event: once hydrated, start from the browser's own zone, if it is listed. */
  followBrowser?: boolean;
  hint?: string;
};

/** The event's time zone, chosen from a list: the desk's times and readers' times follow it. */
export function TimeZoneSelect({ zones, defaultValue, errors, followBrowser, hint }: Props) {
  const t = useTranslations("newsroom.timeZone");
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const element = select.current;
    if (!followBrowser || !element || element.value !== defaultValue) return;
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zones.includes(browser)) element.value = browser;
    // Once, on mount: never over a choice made since.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <Field label={t("label")} name="timeZone" errors={errors} hint={hint}>
      {(describedBy, invalid) => (
        <select
          ref={select}
          id="timeZone"
          name="timeZone"
          defaultValue={defaultValue}
          className={inputClass}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
