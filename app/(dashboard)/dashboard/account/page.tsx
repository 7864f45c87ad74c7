import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/change-password-form";
import { requireUserOrRedirect } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUserOrRedirect("/dashboard/account");
  return (
    <section aria-labelledby="account-heading" className="max-w-md">
      <h1 id="account-heading" className="text-2xl font-semibold">
        Your account
      </h1>
      <p className="mt-2 text-sm text-stone-600 dark:text-stone-300">Signed in as {user.email}.</p>
      <h2 className="mt-8 text-lg font-semibold">Change your password</h2>
      <p className="mt-1 text-sm text-stone-600 dark:text-stone-300">
        Every other browser signed in to your account is signed out.
      </p>
      <ChangePasswordForm email={user.email} />
    </section>
  );
}
