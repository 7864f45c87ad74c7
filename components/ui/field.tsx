type Props = {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
};

/** A labelled form control with its hint and errors wired up for assistive tech. */
export function Field({ label, name, errors, hint, children }: Props) {
  const errorId = errors?.length ? `${name}-error` : undefined;
  const hintId = hint ? `${name}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      {children(describedBy, Boolean(errorId))}
      {hint && (
        <p id={hintId} className="text-xs text-stone-500 dark:text-stone-400">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm placeholder:text-stone-400 focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30 aria-[invalid=true]:border-red-600 dark:border-stone-700 dark:bg-stone-900";

type ControlProps = { label: string; name: string; errors?: string[]; hint?: string };

/** A labelled text input: `<TextField label="Email" name="email" type="email" … />`. */
export function TextField({
  label,
  name,
  errors,
  hint,
  className = "",
  ...input
}: ControlProps & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} name={name} errors={errors} hint={hint}>
      {(describedBy, invalid) => (
        <input
          {...input}
          id={name}
          name={name}
          className={`${inputClass} ${className}`}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );
}

/** A labelled textarea, wired like TextField. */
export function TextAreaField({
  label,
  name,
  errors,
  hint,
  className = "",
  ...textarea
}: ControlProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} name={name} errors={errors} hint={hint}>
      {(describedBy, invalid) => (
        <textarea
          {...textarea}
          id={name}
          name={name}
          className={`${inputClass} ${className}`}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );
}

/** A labelled select, wired like TextField; `options` are [value, label] pairs. */
export function SelectField({
  label,
  name,
  errors,
  hint,
  options,
  className = "",
  ...select
}: ControlProps & { options: [string, string][] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} name={name} errors={errors} hint={hint}>
      {(describedBy, invalid) => (
        <select
          {...select}
          id={name}
          name={name}
          className={`${inputClass} ${className}`}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        >
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
