import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import type { FormReply } from "./forms.server";

/**
 * Reads a form that may carry files (multipart) or not. A file over `maxBytes` answers 400 with
 * the message beside the `files` field.
 */
export async function readForm(request: Request, maxBytes: number, field = "files"): Promise<FormData> {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) return request.formData();
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }));
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError) {
      throw data({ result: { status: "error", error: { [field]: ["fileTooLarge"] } } } satisfies FormReply, { status: 400 });
    }
    throw err;
  }
}
