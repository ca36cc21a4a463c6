import { z } from "zod";

const url = z.string().trim().url("urlFormat").max(500, "tooLong").optional();

export const memberChannelsSchema = z.object({
  intent: z.literal("channels"),
  telegramChatId: z.string().trim().regex(/^-?\d{1,20}$/, "chatIdFormat").optional(),
  email: z.literal("on").optional(),
  webhook: z.literal("on").optional(),
});

export const orgChannelsSchema = z.object({
  webhookUrl: url,
  webhookSecret: z.string().trim().max(200, "tooLong").optional(),
  telegramToken: z.string().trim().max(200, "tooLong").optional(),
  emailEndpoint: url,
  emailKey: z.string().trim().max(500, "tooLong").optional(),
  emailFrom: z.string().trim().email("emailFormat").optional(),
  digestHour: z.number({ invalid_type_error: "numberFormat" }).int("numberFormat").min(0, "numberFormat").max(23, "numberFormat").default(7),
});
