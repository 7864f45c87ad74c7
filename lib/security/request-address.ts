import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientAddress } from "./client-address";

/** The client's address, for a server action (route handlers use clientAddress with request.headers). */
export async function requestAddress(): Promise<string> {
  return clientAddress(await headers(), env().HERALD_TRUST_PROXY);
}
