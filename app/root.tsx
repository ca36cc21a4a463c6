import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import stylesheet from "./app.css?url";
import { ErrorPage, suspensionOf } from "./components/ErrorPage";
import { areaOf } from "./i18n/areas";
import { dictionaryFor, messages } from "./i18n/messages.server";
import { getAuth } from "./modules/auth/guard.server";
import { noticeText, takeNotice } from "./utils/notice.server";
import { useNonce } from "./utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Rõ Việc" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // A failed session read fails the page's own loader (same cached promise) and is logged there;
  // here it only must not leave the error page without its words.
  const auth = await getAuth(request, context).catch(() => null);
  // The message of a form that just succeeded (Post/Redirect/Get), shown once.
  const { notice: raw, headers } = takeNotice(request, context);
  const locale = auth?.user.locale === "en" ? "en" : "vi";
  const notice = raw && { ...raw, text: noticeText(messages(locale), raw) };
  // Only the words this area's pages use, in the user's language (app/i18n/areas.ts).
  const t = dictionaryFor(locale, new URL(request.url).pathname);
  return data({ locale, notice, t }, { headers });
}

/**
 * The dictionary is per area: loaded again when the area changes. A form answered without a redirect
 * (a settled check-in with JavaScript — decision 0037 —, a form with errors, a fetcher) changes nothing here — a new language
 * and a notice both come with a redirect, which reloads as Remix would —, so it does not re-send it.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, actionResult, defaultShouldRevalidate }) => {
  if (areaOf(currentUrl.pathname) !== areaOf(nextUrl.pathname)) return true;
  if (formMethod && formMethod !== "GET" && actionResult !== undefined) return false;
  return defaultShouldRevalidate;
};

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang={data?.locale ?? "vi"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const reason = isRouteErrorResponse(error) && typeof error.data === "object" && error.data ? (error.data as { reason?: unknown }).reason : undefined;
  const suspension = isRouteErrorResponse(error) ? suspensionOf(error.data) : undefined;
  return <ErrorPage status={status} reason={typeof reason === "string" ? reason : undefined} suspension={suspension} />;
}
