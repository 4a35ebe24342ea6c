// The identity provider of tools/oidc-op.mjs (the npm package oidc-provider) as a child process
// of a browser test, with Cupola at `redirectBase` registered as a client.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export const CLIENT_ID = "cupola-e2e";
export const CLIENT_SECRET = "cupola-e2e-secret-cupola-e2e-secret-0000000000";

/** Starts the provider. Returns { issuer, provider (CUPOLA_OIDC_PROVIDERS entry), stop() }. */
export async function startProvider(redirectBase) {
  const config = {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [`${redirectBase}/accedi/ritorno`] }],
  };
  const child = spawn(process.execPath, [join(here, "..", "tools", "oidc-op.mjs"), JSON.stringify(config)], {
    stdio: ["pipe", "pipe", "ignore"],
  });
  const first = await new Promise((ok, fail) => {
    createInterface({ input: child.stdout }).once("line", ok);
    child.once("exit", (code) => fail(new Error(`the identity provider stopped (${code}): run npm ci in end2end/`)));
  });
  const { issuer } = JSON.parse(first);
  const provider = { id: "prova", label: "SPID di prova", issuer, client_id: CLIENT_ID, client_secret: CLIENT_SECRET };
  const stop = async () => {
    child.stdin.end();
    if (child.exitCode === null) await new Promise((ok) => child.once("exit", ok));
  };
  return { issuer, provider, stop };
}
