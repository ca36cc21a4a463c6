import { getFormProps, useForm } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { Field, FormErrors } from "~/components/Field";
import { fmt, num, useT } from "~/i18n";
import { inviteErrorText } from "~/i18n/sections/invite";
import { titled } from "~/i18n/meta";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { invitationPath } from "~/modules/auth/invitations.server";
import {
  checkRows,
  dropUpload,
  importStaff,
  isUploadId,
  keepUpload,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  planImport,
  readStaffSheet,
  summarize,
  uploadedFile,
  type RowAction,
} from "~/modules/org/import.server";
import { listPositions } from "~/modules/org/org.server";
import { vnDateOf } from "~/utils/dates";
import { badRequest, FieldError } from "~/utils/errors";
import { handleForm, readForm, stagedPath } from "~/utils/forms.server";
import { formatDate } from "~/utils/time";

// Staff import (docs/decisions/0041-invitations-and-staff-import.md), admins only, without
// JavaScript: upload → (303) preview at ?upload=<id>, read again from the file store → confirm →
// the import in one transaction, answered with the new members' one-time links (shown once).

export const meta = titled((t) => t.invite.import.title);

const MB = MAX_IMPORT_BYTES / 1024 / 1024;
const IMPORT_FILES = {
  maxFiles: 1,
  maxFileBytes: MAX_IMPORT_BYTES,
  accepts: (name: string) => name === "file",
  field: "file",
  tooLarge: `importTooLarge|${MB}`,
  tooMany: "importFileRequired",
};

const previewSchema = z.object({
  file: z.instanceof(File, { message: "importFileRequired" }),
});
const importSchema = z.object({
  upload: z.string({ required_error: "importUploadGone" }).refine(isUploadId, "importUploadGone"),
  sha: z.string({ required_error: "importUploadGone" }).regex(/^[0-9a-f]{64}$/, "importUploadGone"),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "staff.import");
  const base = { slug: member.org.slug, mb: MB, maxRows: MAX_IMPORT_ROWS };
  const uploadId = new URL(request.url).searchParams.get("upload");
  if (!uploadId) return { ...base, preview: null, gone: false };
  const upload = isUploadId(uploadId) ? await uploadedFile(context.files, member.org.id, uploadId) : undefined;
  if (!upload) return data({ ...base, preview: null, gone: true }, { status: 404 });
  const sheet = await readStaffSheet(upload.bytes);
  // A kept file was read once before it was kept; it reads the same now.
  if (!sheet.ok) return data({ ...base, preview: null, gone: true }, { status: 404 });
  const positions = await listPositions(context.db, member.org.id);
  const planned = await planImport(context.db, ctxOf(member, context), checkRows(sheet.rows, positions));
  return {
    ...base,
    gone: false,
    preview: {
      uploadId,
      sha: upload.sha256,
      counts: summarize(planned),
      rows: planned.map((r) => ({
        line: r.line,
        action: r.action,
        fullName: r.values.fullName,
        username: r.cells[1] ?? "",
        errors: r.errors,
        changes: Object.entries(r.changes),
      })),
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "staff.import");
  const orgId = member.org.id;
  const formData = await readForm(request, {
    files: { ...IMPORT_FILES, context },
  });
  const intent = formData.get("intent");
  if (intent === "import") {
    return handleForm(
      formData,
      importSchema,
      async ({ upload: uploadId, sha }) => {
        const upload = await uploadedFile(context.files, orgId, uploadId);
        if (!upload || upload.sha256 !== sha) throw new FieldError("upload", "importUploadGone");
        const sheet = await readStaffSheet(upload.bytes);
        if (!sheet.ok) throw new FieldError("upload", "importUploadGone");
        const positions = await listPositions(context.db, orgId);
        const outcome = await importStaff(context.db, ctxOf(member, context), checkRows(sheet.rows, positions));
        await dropUpload(context.files, orgId, uploadId);
        const origin = new URL(request.url).origin;
        // Answered with the page, not a redirect: the links exist only now (their hashes are stored).
        return data(
          {
            done: {
              counts: outcome.counts,
              expiresOn: outcome.invitations[0] ? vnDateOf(new Date(outcome.invitations[0].expiresAt)) : null,
              links: outcome.invitations.map((i) => ({
                fullName: i.fullName,
                username: i.username,
                link: `${origin}${invitationPath(i.token)}`,
              })),
            },
          },
          { headers: { "Cache-Control": "no-store" } },
        );
      },
      { intent: "import" },
    );
  }
  if (intent === "preview") {
    return handleForm(
      formData,
      previewSchema,
      async ({ file }) => {
        const path = stagedPath(file);
        const bytes = path ? new Uint8Array(await readFile(path)) : new Uint8Array(await file.arrayBuffer());
        const sheet = await readStaffSheet(bytes);
        if (!sheet.ok) throw new FieldError("file", sheet.problem.value ? `${sheet.problem.key}|${sheet.problem.value}` : sheet.problem.key);
        const { uploadId } = await keepUpload(context.files, orgId, bytes, context.now());
        return redirect(`/o/${member.org.slug}/staff/import?upload=${uploadId}`, 303);
      },
      { intent: "preview" },
    );
  }
  badRequest();
}

/** Counts written the reader's way (2.000 in Vietnamese). */
function nums(t: Parameters<typeof num>[0], counts: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, num(t, v)]));
}

const ACTION_STYLE: Record<RowAction, string> = {
  create: "bg-emerald-100 text-emerald-900",
  update: "bg-sky-100 text-sky-900",
  unchanged: "bg-slate-100 text-slate-700",
  error: "bg-red-100 text-red-800",
};

export default function StaffImport() {
  const t = useT();
  const ti = t.invite.import;
  const { slug, mb, maxRows, preview, gone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const done = actionData && "done" in actionData ? actionData.done : null;
  const reply = actionData && "result" in actionData ? actionData : null;
  const [form, fields] = useForm({
    lastResult: reply?.intent === "preview" ? reply.result : undefined,
    shouldRevalidate: "onSubmit",
  });
  const [confirmForm, confirmFields] = useForm({
    lastResult: reply?.intent === "import" ? reply.result : undefined,
  });
  const base = `/o/${slug}/staff`;
  const errorOf = (key: string | undefined) => inviteErrorText(t, key);
  const confirmError = errorOf(confirmFields.upload.errors?.[0] ?? confirmFields.sha.errors?.[0]);

  if (done) {
    const csv = [
      "Họ và tên,Tên đăng nhập,Liên kết mời",
      ...done.links.map((l) => [l.fullName, l.username, l.link].map((v) => `"${v.replace(/"/g, '""')}"`).join(",")),
    ].join("\r\n");
    return (
      <div className="mx-auto max-w-6xl space-y-4">
        <h1 className="page-title">{ti.doneTitle}</h1>
        <p className="notice" role="status" data-testid="import-done">
          {fmt(ti.doneSummary, nums(t, done.counts))}
        </p>
        {done.links.length > 0 ? (
          <section className="card space-y-3" aria-labelledby="links-heading">
            <h2 id="links-heading" className="font-semibold">
              {ti.linksTitle}
            </h2>
            <p className="hint">
              {fmt(ti.linksHint, {
                date: done.expiresOn ? formatDate(done.expiresOn) : "",
              })}
            </p>
            <p>
              <a className="btn-primary" href={`data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}\r\n`)}`} download="lien-ket-moi.csv">
                {ti.linksDownload}
              </a>
            </p>
            <div>
              <label htmlFor="links" className="label">
                {ti.linksCopy}
              </label>
              <textarea
                id="links"
                readOnly
                rows={Math.min(10, done.links.length + 1)}
                className="input mt-1 font-mono text-xs"
                defaultValue={done.links.map((l) => `${l.fullName} (${l.username}): ${l.link}`).join("\n")}
              />
            </div>
          </section>
        ) : null}
        <p>
          <Link to={base}>{ti.backToStaff}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div>
        <p className="text-sm">
          <Link to={base}>← {t.staff.title}</Link>
        </p>
        <h1 className="page-title mt-1">{ti.title}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{ti.intro}</p>
      </div>
      {gone || confirmError ? (
        <p className="alert" role="alert">
          {errorOf("importUploadGone")}
        </p>
      ) : null}
      {preview ? (
        <section className="space-y-3" aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="text-lg font-semibold">
            {ti.previewTitle}
          </h2>
          <p className="font-medium" data-testid="import-summary">
            {fmt(ti.summary, nums(t, preview.counts))}
          </p>
          <Form method="post" {...getFormProps(confirmForm)} className="card space-y-3">
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="upload" value={preview.uploadId} />
            <input type="hidden" name="sha" value={preview.sha} />
            {preview.counts.create + preview.counts.update > 0 ? (
              <>
                <p className="text-sm text-slate-700">{fmt(ti.confirmHint, nums(t, preview.counts))}</p>
                <div className="flex flex-wrap gap-3">
                  <button type="submit" className="btn-primary">
                    {ti.confirm}
                  </button>
                  <Link to={`${base}/import`} className="btn-secondary">
                    {ti.another}
                  </Link>
                </div>
              </>
            ) : (
              <>
                <p className="text-sm text-slate-700">{ti.nothingToDo}</p>
                <p>
                  <Link to={`${base}/import`} className="btn-secondary">
                    {ti.another}
                  </Link>
                </p>
              </>
            )}
          </Form>
          <div className="card overflow-x-auto p-0">
            <table className="data-table" data-testid="import-preview">
              <thead>
                <tr>
                  <th scope="col">{ti.line}</th>
                  <th scope="col">{t.staff.fullName}</th>
                  <th scope="col" className="hidden sm:table-cell">
                    {ti.result}
                  </th>
                  <th scope="col">{ti.details}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line} data-line={r.line}>
                    <td className="tabular-nums">{r.line}</td>
                    <td>
                      <span className="font-medium">{r.fullName || "—"}</span>
                      <span className="block text-xs break-all text-slate-500">{r.username || "—"}</span>
                      {/* Phone: the result under the name, leaving the width to the details. */}
                      <span className={`badge mt-1 whitespace-nowrap sm:hidden ${ACTION_STYLE[r.action]}`}>{ti.actions[r.action]}</span>
                    </td>
                    <td className="hidden sm:table-cell">
                      <span className={`badge whitespace-nowrap ${ACTION_STYLE[r.action]}`}>{ti.actions[r.action]}</span>
                    </td>
                    <td className="text-sm">
                      {r.errors.length > 0 ? (
                        <ul className="space-y-1 text-red-800">
                          {r.errors.map((e, i) => (
                            <li key={i}>{errorOf(e.value !== undefined ? `${e.key}|${e.value}` : e.key)}</li>
                          ))}
                        </ul>
                      ) : r.changes.length > 0 ? (
                        <ul className="space-y-1">
                          {r.changes.map(([field, [from, to]]) => (
                            <li key={field}>
                              {ti.fields[field as keyof typeof ti.fields] ?? field}: {from || "—"} → {to}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <>
          <p>
            <a href={`${base}/import/template.xlsx`} className="btn-secondary" download>
              {ti.template}
            </a>
          </p>
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card max-w-2xl space-y-4">
            <input type="hidden" name="intent" value="preview" />
            <FormErrors invalid={reply?.intent === "preview" && reply.result.status === "error"} />
            <Field meta={fields.file} label={ti.file} hint={fmt(ti.fileHint, { mb: num(t, mb), rows: num(t, maxRows) })} translate={errorOf}>
              <input
                id={fields.file.id}
                name={fields.file.name}
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={fields.file.errors ? `${fields.file.errorId} ${fields.file.descriptionId}` : fields.file.descriptionId}
                aria-invalid={fields.file.errors ? true : undefined}
                className="input"
              />
            </Field>
            <button type="submit" className="btn-primary">
              {ti.preview}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
