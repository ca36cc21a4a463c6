import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PersonView } from "~/components/PersonView";
import { metaMessages } from "~/i18n/meta";
import { loadPersonView } from "~/modules/people/loader.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaMessages(matches);
  return [{ title: `${data?.view.member.fullName ?? t.people.title} — ${t.people.title}` }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return loadPersonView(request, context, params.org, params.memberId!);
}

export default function PersonPage() {
  return <PersonView data={useLoaderData<typeof loader>()} />;
}
