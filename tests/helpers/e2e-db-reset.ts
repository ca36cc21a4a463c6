// Run by playwright.config.ts's webServer command before the server starts: the e2e database of
// this run's engine is removed (SQLite) or dropped and created empty (PostgreSQL). See e2e-db.ts.
import { resetE2eDatabase } from "./e2e-db";

await resetE2eDatabase();
