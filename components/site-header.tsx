import Link from "next/link";

type Props = { signedIn: boolean };

export function SiteHeader({ signedIn }: Props) {
  return (
    <header className="border-b border-stone-200 bg-white/80 backdrop-blur dark:border-stone-800 dark:bg-stone-900/80">
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="inline-block size-2.5 rounded-full bg-brand" />
          Herald
        </Link>
        <nav aria-label="Account" className="text-sm">
          {signedIn ? (
            <Link href="/dashboard" className="font-medium hover:underline">
              Dashboard
            </Link>
          ) : (
            <Link href="/sign-in" className="font-medium hover:underline">
              Sign in
            </Link>
          )}
        </nav>
      </div>
    </header>
  );
}
