import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getAuth } from "~/modules/auth/guard.server";
import { clearSessionCookie, invalidateSession } from "~/modules/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await getAuth(request, context);
  if (auth) await invalidateSession(context.db, auth.session.id);
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(context.config.secureCookies) } });
}
