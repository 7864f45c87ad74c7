import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user?: DefaultSession["user"] & { id?: string; sessionVersion?: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The account's session version when this token was issued (lib/auth/session.ts). */
    sessionVersion?: number;
  }
}
