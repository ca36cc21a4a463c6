// The kinds of decision "Chờ tôi xử lý" gathers, in the order the pages show them (shared with the client).
export const INBOX_KINDS = ["tasks", "extensions", "leave", "corrections", "swapAnswers", "swapApprovals", "explanations"] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** Items listed per kind, oldest first; counts stop here too. */
export const INBOX_LIMIT = 100;
