// The mail sink of tools/mail-sink.mjs (a real SMTP server, smtp-server + mailparser, and an
// HTTP stand-in for the SMS gateway) as a child process of a browser test.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Starts the sink. Returns { smtpPort, httpPort, messages(), waitFor(predicate), stop() }. */
export async function startMailSink() {
  const child = spawn(process.execPath, [join(here, "..", "tools", "mail-sink.mjs")], { stdio: ["pipe", "pipe", "inherit"] });
  const first = await new Promise((ok, fail) => {
    createInterface({ input: child.stdout }).once("line", ok);
    child.once("exit", (code) => fail(new Error(`the mail sink stopped (${code}): run npm ci in end2end/`)));
  });
  const { smtp, http } = JSON.parse(first);
  const messages = async () => (await fetch(`http://127.0.0.1:${http}/messages`)).json();
  /** The first e-mail matching `predicate`, polled for up to `ms` (the worker sends in the background). */
  const waitFor = async (predicate, ms = 60_000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const found = (await messages()).find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("no such e-mail arrived in time");
  };
  const stop = async () => {
    child.stdin.end();
    if (child.exitCode === null) await new Promise((ok) => child.once("exit", ok));
  };
  return { smtpPort: smtp, httpPort: http, messages, waitFor, stop };
}
