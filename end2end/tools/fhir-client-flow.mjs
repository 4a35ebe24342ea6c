// An outside FHIR client runs the whole IHE ITI Scheduling flow against a Cupola server:
// capability statement → $find → $hold → $book → read → search (ITI-118) → cancel, with
// fhir-kit-client (a general FHIR R4 client that knows nothing of Cupola), using only what the
// specification and Cupola's CapabilityStatement say.
//
// Usage: node tools/fhir-client-flow.mjs <base URL of /fhir/r4> <fiscal code> <NRE>
// Prints one JSON object: every step's outcome and the resources seen (for validation by the
// caller). Exits 1, saying which step, when any step does not go as the specification says.
import { Client } from "fhir-kit-client";

const [baseUrl, fiscalCode, nre] = process.argv.slice(2);
if (!baseUrl || !fiscalCode || !nre) {
  console.error("usage: node tools/fhir-client-flow.mjs <base URL> <fiscal code> <NRE>");
  process.exit(2);
}
const FISCAL_CODE = "http://hl7.it/sid/codiceFiscale";
const NRE = "urn:oid:2.16.840.1.113883.2.9.4.3.8";
const client = new Client({ baseUrl, customHeaders: { "accept-language": "en" } });
const seen = [];
const steps = [];

function check(step, condition, detail) {
  if (!condition) {
    console.log(JSON.stringify({ ok: false, failed: step, detail, steps, seen }));
    process.exit(1);
  }
}

function matches(bundle) {
  return (bundle.entry ?? []).filter((e) => e.search?.mode === "match").map((e) => e.resource);
}

const parameters = (...parameter) => ({ resourceType: "Parameters", parameter });
const referenceTo = (appointment) =>
  parameters({ name: "appointment-reference", valueReference: { reference: `Appointment/${appointment.id}` } });

try {
  const statement = await client.capabilityStatement();
  seen.push(statement);
  const appointment = statement.rest[0].resource.find((r) => r.type === "Appointment");
  const operations = (appointment?.operation ?? []).map((o) => o.name);
  check("metadata", ["find", "hold", "book"].every((o) => operations.includes(o)), operations);
  steps.push("metadata");

  const found = await client.operation({
    resourceType: "Appointment",
    name: "$find",
    input: parameters(
      {
        name: "patient-resource",
        resource: { resourceType: "Patient", identifier: [{ system: FISCAL_CODE, value: fiscalCode }] },
      },
      { name: "referral-identifier", valueIdentifier: { system: NRE, value: nre } },
    ),
  });
  seen.push(found);
  const proposals = matches(found);
  check("$find", found.resourceType === "Bundle" && proposals.length > 0, found);
  check("$find", proposals.every((a) => a.status === "proposed"), proposals);
  steps.push("$find");

  const held = await client.operation({ resourceType: "Appointment", name: "$hold", input: referenceTo(proposals[0]) });
  seen.push(held);
  const [pending] = matches(held);
  check("$hold", pending?.status === "pending", held);
  steps.push("$hold");

  const bookedBundle = await client.operation({ resourceType: "Appointment", name: "$book", input: referenceTo(pending) });
  seen.push(bookedBundle);
  const [booked] = matches(bookedBundle);
  check("$book", booked?.status === "booked" && booked.start === proposals[0].start, bookedBundle);
  steps.push("$book");

  const read = await client.read({ resourceType: "Appointment", id: booked.id });
  seen.push(read);
  check("read", read.id === booked.id && read.status === "booked", read);
  steps.push("read");

  const searched = await client.search({
    resourceType: "Appointment",
    searchParams: { "patient.identifier": `${FISCAL_CODE}|${fiscalCode}`, "based-on.identifier": `${NRE}|${nre}` },
    options: { postSearch: true },
  });
  seen.push(searched);
  check("search", matches(searched).some((a) => a.id === booked.id), searched);
  steps.push("search");

  const cancelledBundle = await client.operation({
    resourceType: "Appointment",
    name: "$book",
    input: parameters({
      name: "appointment-resource",
      resource: { ...read, status: "cancelled", cancelationReason: { text: "Cannot come" } },
    }),
  });
  seen.push(cancelledBundle);
  const [cancelled] = matches(cancelledBundle);
  check("cancel", cancelled?.status === "cancelled", cancelledBundle);
  const reread = await client.read({ resourceType: "Appointment", id: booked.id });
  seen.push(reread);
  check("cancel", reread.status === "cancelled", reread);
  steps.push("cancel");

  // An error is an OperationOutcome the client surfaces with its HTTP status.
  try {
    await client.operation({ resourceType: "Appointment", name: "$book", input: referenceTo(pending) });
    check("error", false, "booking a used hold again succeeded");
  } catch (error) {
    const outcome = error.response?.data;
    seen.push(outcome);
    check("error", error.response?.status === 409 && outcome?.resourceType === "OperationOutcome", outcome);
  }
  steps.push("error");
} catch (error) {
  check(steps.length ? `after ${steps.at(-1)}` : "start", false, {
    message: error.message,
    status: error.response?.status,
    data: error.response?.data,
  });
}
console.log(JSON.stringify({ ok: true, steps, seen }));
