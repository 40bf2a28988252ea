import { parseArgs } from "node:util";
import { z } from "zod";
import { grantOperatorRole } from "../../app/domain/accounts/operator-roles.server.js";
import { createRuntime } from "../../server/runtime.js";

/** `npm run grant-operator -- --email someone@example.org --quartieri 1,2` */
const { values } = parseArgs({ options: { email: { type: "string" }, quartieri: { type: "string", default: "" } } });
const input = z
  .object({
    email: z.email("--email needs the e-mail of an existing account"),
    quartieri: z.array(z.coerce.number().int().min(1).max(999)),
  })
  .safeParse({ email: values.email, quartieri: values.quartieri ? values.quartieri.split(",") : [] });
if (!input.success) {
  console.error(z.prettifyError(input.error));
  process.exit(1);
}
const runtime = await createRuntime();
try {
  const granted = await grantOperatorRole(runtime.db, input.data);
  console.log(`${input.data.email} is now an operator of quartieri ${granted.quartieri.join(", ") || "(none yet)"}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await runtime.close();
}
