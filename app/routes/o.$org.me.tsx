import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PersonView } from "~/components/PersonView";
import { metaMessages } from "~/i18n/meta";
import { loadPersonView } from "~/modules/people/loader.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaMessages(matches);
  return [{ title: `${t.people.me} — ${t.app.name}` }];
};

/** One's own person view. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return loadPersonView(request, context, params.org, null);
}

export default function MyProfile() {
  return <PersonView data={useLoaderData<typeof loader>()} />;
}
