// The JavaScript Service Bus SDK against the endpoint: send, duplicate detection, peek, peek-lock receive,
// renew lock, complete. Prints one line per step on stdout (the test compares them); on any failure prints
// the step and the error on stderr and exits non-zero. A step that hangs ends the run too: the SDK retries
// and waits for minutes when an endpoint never answers.
//   SERVICEBUS_CONNECTION_STRING=... SERVICEBUS_QUEUE=training NODE_PATH=<node_modules> node journey.cjs
"use strict";
const { ServiceBusClient } = require("@azure/service-bus");

const connectionString = required("SERVICEBUS_CONNECTION_STRING");
const queue = required("SERVICEBUS_QUEUE");
const stepTimeoutMs = Number(process.env.STEP_TIMEOUT_MS || 30000);
let step = "start";
let stepTimer;

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

function begin(name) {
  step = name;
  clearTimeout(stepTimer);
  stepTimer = setTimeout(() => {
    console.error(`FAILED at ${step}: no answer within ${stepTimeoutMs} ms`);
    process.exit(3);
  }, stepTimeoutMs);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const ids = (messages) => messages.map((m) => m.messageId).join(" ");

async function main() {
  const client = new ServiceBusClient(connectionString, {
    retryOptions: { maxRetries: 1, retryDelayInMs: 100, timeoutInMs: stepTimeoutMs },
  });
  const sender = client.createSender(queue);
  const receiver = client.createReceiver(queue, { receiveMode: "peekLock" });

  begin("send");
  await sender.sendMessages({ body: "first", messageId: "js-1" });
  console.log("sent js-1");

  begin("send duplicate");
  await sender.sendMessages({ body: "duplicate", messageId: "js-1" });
  console.log("sent js-1 again");

  begin("send batch");
  await sender.sendMessages([{ body: "second", messageId: "js-2" }, { body: "third", messageId: "js-3" }]);
  console.log("sent js-2 js-3 in one batch");

  begin("peek");
  console.log(`peeked ${ids(await receiver.peekMessages(10))}`);

  begin("receive");
  const received = [];
  while (received.length < 3) {
    const batch = await receiver.receiveMessages(3 - received.length, { maxWaitTimeInMs: stepTimeoutMs });
    check(batch.length > 0, `received only ${received.length} of 3 messages`);
    received.push(...batch);
  }
  for (const message of received) {
    check(message.lockToken && message.lockedUntilUtc, `${message.messageId} came without a lock`);
  }
  console.log(`received ${ids(received)} with bodies ${received.map((m) => m.body).join(" ")}`);

  begin("renew lock");
  const first = received[0];
  const lockedUntil = first.lockedUntilUtc;
  const renewedUntil = await receiver.renewMessageLock(first);
  check(renewedUntil instanceof Date && renewedUntil >= lockedUntil,
    `renewed until ${renewedUntil}, before the first lock's ${lockedUntil.toISOString()}`);
  console.log(`renewed the lock of ${first.messageId}`);

  begin("complete");
  for (const message of received) {
    await receiver.completeMessage(message);
  }
  console.log(`completed ${ids(received)}`);

  begin("peek after complete");
  const left = await receiver.peekMessages(10, { fromSequenceNumber: first.sequenceNumber });
  console.log(`peeked ${left.length === 0 ? "nothing" : ids(left)}`);

  begin("close");
  await receiver.close();
  await sender.close();
  await client.close();
  clearTimeout(stepTimer);
}

main().catch((error) => {
  console.error(`FAILED at ${step}: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
