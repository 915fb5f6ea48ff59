// What journey.cjs and settlements.cjs share: their settings, and steps that each end the run when they fail or
// hang (the SDK retries and waits for minutes when an endpoint never answers).
"use strict";

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

const connectionString = required("SERVICEBUS_CONNECTION_STRING");
const queue = required("SERVICEBUS_QUEUE");
const stepTimeoutMs = Number(process.env.STEP_TIMEOUT_MS || 30000);
let current = "start";
let timer;

/** Names the step that runs next, and ends the run if it has not finished within stepTimeoutMs. */
function step(name) {
  current = name;
  clearTimeout(timer);
  timer = setTimeout(() => {
    console.error(`FAILED at ${current}: no answer within ${stepTimeoutMs} ms`);
    process.exit(3);
  }, stepTimeoutMs);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs the steps; the process exits 0 only if all of them finished. */
function run(steps) {
  steps().then(
    () => clearTimeout(timer),
    (error) => {
      console.error(`FAILED at ${current}: ${error && error.stack ? error.stack : error}`);
      process.exit(1);
    });
}

module.exports = { step, check, run, stepTimeoutMs, connectionString, queue };
