import Link from "next/link";

export default function EventNotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">No such event</h1>
      <p className="mt-3 text-stone-600 dark:text-stone-300">
        The address may be mistyped, or the coverage has not been published.
      </p>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-strong underline dark:text-red-300">
        See what is live now
      </Link>
    </main>
  );
}
