import { parseCrontab } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { createTaskList, crontab } from "../../server/jobs";

describe("the background job registry", () => {
  it("has a task for every scheduled job", () => {
    const tasks = createTaskList({ db: {} as never, mail: { smtpUrl: "smtp://127.0.0.1:1", from: "x@example.org", siteUrl: "http://localhost" } });
    const scheduled = parseCrontab(crontab).map((item) => item.task);
    expect(scheduled).toEqual(expect.arrayContaining(["prune_account_records", "document_expiry_check"]));
    for (const task of scheduled) expect(tasks[task], task).toBeTypeOf("function");
  });
});
