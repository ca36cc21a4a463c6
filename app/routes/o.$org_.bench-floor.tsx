import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireMember } from "~/modules/auth/guard.server";
import { notFound } from "~/utils/errors";

/**
 * Benchmarks only (`npm run bench:pages`): the floor every page is compared with — a bare Remix
 * route that checks the session and the membership of the centre as every /o/:org loader does,
 * makes one indexed read (tasks_org_deadline_idx) and renders a tiny page, outside the centre's
 * layout (no navigation, no counts). It answers 404 unless the server runs with BENCH_FLOOR=1.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  if (!context.config.benchFloor) notFound();
  const member = await requireMember(request, context, params.org);
  const task = await context.db
    .selectFrom("tasks")
    .select(["id", "title"])
    .where("org_id", "=", member.org.id)
    .orderBy("deadline_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return { title: task?.title ?? "" };
}

export default function BenchFloor() {
  const { title } = useLoaderData<typeof loader>();
  return (
    <main>
      <p>{title}</p>
    </main>
  );
}
