import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
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
import { ErrorPage } from "./components/ErrorPage";
import { getAuth } from "./modules/auth/guard.server";
import { takeNotice } from "./utils/notice.server";
import { useNonce } from "./utils/nonce";
import { skipAfterSettled } from "./utils/revalidate";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Rõ Việc" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await getAuth(request, context);
  // The message of a form that just succeeded (Post/Redirect/Get), shown once.
  const { notice, headers } = takeNotice(request, context);
  return data({ locale: auth?.user.locale === "en" ? "en" : "vi", notice }, { headers });
}

export const shouldRevalidate = skipAfterSettled;

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
  return <ErrorPage status={status} reason={typeof reason === "string" ? reason : undefined} />;
}
