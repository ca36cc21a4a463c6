import type { Executor } from "../../../db/schema";
import { forbidden, notFound } from "../../utils/errors";
import { vnDateOf } from "../../utils/dates";
import { formatDateTime } from "../../utils/time";
import type { Role } from "../auth/permissions";
import { centreHeading } from "../org/centre.server";
import { memberDirectory } from "../org/members.server";
import { inspectionPage, loadInspection, type InspectionViewer } from "./inspections.server";
import type { RecordData } from "./record";
import { seesEveryone } from "./rules";

/**
 * Everything the inspection record (biên bản) states, for those who see every finding of the
 * inspection (its inspector, leaders, inspectors); an inspected member alone gets 403, a stranger
 * 404. A fixed number of queries.
 */
export async function inspectionRecord(db: Executor, viewer: InspectionViewer, inspectionId: string): Promise<RecordData> {
  const { inspection, relation } = await loadInspection(db, viewer, inspectionId);
  if (!seesEveryone(relation)) forbidden();
  const [page, org, leaders] = await Promise.all([
    inspectionPage(db, viewer, inspection, relation),
    centreHeading(db, viewer.orgId),
    memberDirectory(db, viewer.orgId, { activeOnly: true }),
  ]);
  if (!org) notFound();
  // The director confirms, or a deputy when the director is the inspector or one inspected.
  const involved = new Set([inspection.inspector_id, ...page.members.map((m) => m.id)]);
  const rank = (roles: readonly Role[]) => (roles.includes("director") ? 0 : 1);
  const leader = leaders.filter((l) => !involved.has(l.id) && l.roles.some((r) => r === "director" || r === "deputy")).sort((a, b) => rank(a.roles) - rank(b.roles))[0];
  const itemOf = new Map(page.items.map((i) => [i.id, i]));
  const photoCount = new Map<string, number>();
  for (const p of page.photos) {
    const key = `${p.membershipId ?? ""}:${p.itemId ?? ""}`;
    photoCount.set(key, (photoCount.get(key) ?? 0) + 1);
  }
  const at = formatDateTime(inspection.inspected_at); // dd/MM/yyyy HH:mm in Vietnam
  const nameOf = new Map(page.members.map((m) => [m.id, m.name]));
  return {
    draft: inspection.status === "draft",
    org: { parentBody: org.parent_body, name: org.name, placeName: org.place_name },
    date: inspection.inspected_date,
    time: at.slice(11),
    counter: inspection.counter,
    place: inspection.place,
    inspector: { name: page.head.inspectorName, title: page.head.inspectorTitle },
    template: { name: page.head.templateName, version: page.head.templateVersion, items: page.items.length },
    members: page.members.map((m) => ({
      id: m.id,
      name: m.name,
      title: m.title,
      counter: m.counter ?? "",
      score: m.score,
      pass: m.pass,
      fail: m.fail,
      na: m.na,
      note: m.note,
      findings: page.results
        .filter((r) => r.membershipId === m.id && r.outcome !== "pass")
        .map((r) => ({ r, it: itemOf.get(r.itemId) }))
        .filter((x) => x.it)
        .sort((a, b) => page.items.indexOf(a.it!) - page.items.indexOf(b.it!))
        .map(({ r, it }) => ({ code: it!.code, text: it!.text, outcome: r.outcome as "fail" | "na", note: r.note, photos: photoCount.get(`${m.id}:${r.itemId}`) ?? 0 })),
      otherPhotos: photoCount.get(`${m.id}:`) ?? 0,
    })),
    actions: page.actions.map((a) => ({ memberName: a.memberName, code: a.code, requirement: a.requirement, dueDate: a.dueDate, status: a.status })),
    generalNote: inspection.note,
    addenda: page.addenda.map((a) => ({ text: a.text, author: a.authorName, about: a.membershipId ? (nameOf.get(a.membershipId) ?? null) : null, date: vnDateOf(new Date(a.createdAt)) })),
    leader: leader ? { title: leader.title, name: leader.name } : null,
  };
}
