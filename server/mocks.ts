import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

/**
 * MOCKS=1: msw stands in for the outbound APIs (webhook, Telegram, e-mail) so that notifications
 * work on a machine without internet. Every delivery is printed instead of sent.
 */
export function startMocks() {
  const server = setupServer(
    http.post(/\/bot[^/]+\/sendMessage$/, async ({ request }) => {
      const body = (await request.json()) as { chat_id: string; text: string };
      console.log(`[mock telegram] to ${body.chat_id}: ${body.text}`);
      return HttpResponse.json({ ok: true, result: { message_id: 1 } });
    }),
    http.post("*", async ({ request }) => {
      console.log(`[mock http] POST ${request.url}: ${(await request.text()).slice(0, 200)}`);
      return HttpResponse.json({ ok: true });
    }),
  );
  server.listen({ onUnhandledRequest: "bypass" });
  return server;
}
