import { refuseCrossOrigin } from "@/lib/http/origin";
import { getAuth } from "@/server/auth/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * better-auth's HTTP endpoints (get-session, sign-out, …; sign-up and self-service paths are
 * disabled in server/auth/server.ts). The app's own sign-in form is a server action; this stays
 * for clients that speak better-auth's API. Every POST must come from this site.
 */
export async function GET(req: Request): Promise<Response> {
  return (await getAuth()).handler(req);
}

export async function POST(req: Request): Promise<Response> {
  const refused = refuseCrossOrigin(req);
  if (refused) return refused;
  return (await getAuth()).handler(req);
}
