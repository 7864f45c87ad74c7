import { useTranslations } from "next-intl";
import { pollOptionNames, type PollFields } from "@/lib/shared/poll-fields";
import { pollLimits } from "@/lib/shared/polls";
import { TextField } from "./ui/field";

type Props = {
  /** What was sent, when the server refused it. */
  values?: Partial<PollFields>;
  errors?: string[];
  timeZone: string;
};

/**
 * The composer's "Add a poll": a question, six option inputs (two to six used) and an
 * optional closing time in the event's time zone. Collapsed until wanted, and open again
 * when the server refused the poll, with its message.
 */
export function PollFields({ values = {}, errors, timeZone }: Props) {
  const t = useTranslations("newsroom.composer.poll");
  const used = Object.values(values).some(Boolean) || !!errors?.length;
  return (
    <details className="text-sm" open={used || undefined}>
      <summary className="cursor-pointer font-medium">{t("add")}</summary>
      <div className="mt-2 space-y-2">
        <TextField
          label={t("question")}
          name="pollQuestion"
          maxLength={pollLimits.question}
          defaultValue={values.pollQuestion}
          errors={errors}
        />
        <p className="text-xs text-stone-600 dark:text-stone-300">{t("optionsHint")}</p>
        <div className="grid gap-2 sm:grid-cols-2">
          {pollOptionNames.map((name, i) => (
            <TextField
              key={name}
              label={t("option", { count: i + 1 })}
              name={name}
              maxLength={pollLimits.option}
              defaultValue={values[name]}
            />
          ))}
        </div>
        <TextField
          label={t("closesAt", { zone: timeZone })}
          name="pollClosesAt"
          type="datetime-local"
          hint={t("closesAtHint", { zone: timeZone })}
          defaultValue={values.pollClosesAt}
        />
      </div>
    </details>
  );
}
