import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/sign-in-form";
import { safeCallbackUrl } from "@/lib/shared/safe-callback-url";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  return (
    <>
      <h1 className="text-2xl font-semibold">Sign in to your newsroom</h1>
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm text-stone-600 dark:text-stone-300">
        New here?{" "}
        <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium underline">
          Create an account
        </Link>
      </p>
    </>
  );
}
