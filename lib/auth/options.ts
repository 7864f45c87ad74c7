import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { TooManyRequestsError } from "@/lib/errors";
import { clientAddress } from "@/lib/security/client-address";
import { rateLimitedSignInCode } from "@/lib/shared/sign-in-error";
import { signIn } from "./sign-in";

// next-auth v4 (the stable line). Credentials sign-in requires JWT sessions.
export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const address = clientAddress(new Headers(headerEntries(request?.headers)), env().HERALD_TRUST_PROXY);
          try {
            return await signIn(credentials?.email, credentials?.password, address);
          } catch (error) {
            // next-auth can only carry a thrown message (as ?error=); the route makes it a 429.
            if (error instanceof TooManyRequestsError) throw new Error(rateLimitedSignInCode(error.retryAfterSeconds));
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          // Checked against the account on every request (lib/auth/session.ts).
          token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.sessionVersion = token.sessionVersion ?? 0;
        }
        return session;
      },
    },
  };
}

function headerEntries(headers: unknown): [string, string][] {
  if (typeof headers !== "object" || headers === null) return [];
  return Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === "string");
}
