// The JavaScript Service Bus SDK against the endpoint: send, duplicate detection, peek, peek-lock receive,
// renew lock, complete. Prints one line per step on stdout (the test compares them); on any failure, or a step
// that hangs, prints the step and the error on stderr and exits non-zero.
//   SERVICEBUS_CONNECTION_STRING=... SERVICEBUS_QUEUE=training NODE_PATH=<node_modules> node journey.cjs
"use strict";
const { ServiceBusClient } = require("@azure/service-bus");
const { step, check, run, stepTimeoutMs, connectionString, queue } = require("./steps.cjs");

const ids = (messages) => messages.map((m) => m.messageId).join(" ");

run(async () => {
  const client = new ServiceBusClient(connectionString, {
    retryOptions: { maxRetries: 1, retryDelayInMs: 100, timeoutInMs: stepTimeoutMs },
  });
  const sender = client.createSender(queue);
  const receiver = client.createReceiver(queue, { receiveMode: "peekLock" });

  step("send");
  await sender.sendMessages({ body: "first", messageId: "js-1" });
  console.log("sent js-1");

  step("send duplicate");
  await sender.sendMessages({ body: "duplicate", messageId: "js-1" });
  console.log("sent js-1 again");

  step("send batch");
  await sender.sendMessages([{ body: "second", messageId: "js-2" }, { body: "third", messageId: "js-3" }]);
  console.log("sent js-2 js-3 in one batch");

  step("peek");
  console.log(`peeked ${ids(await receiver.peekMessages(10))}`);

  step("receive");
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

  step("renew lock");
  const first = received[0];
  const lockedUntil = first.lockedUntilUtc;
  const renewedUntil = await receiver.renewMessageLock(first);
  check(renewedUntil instanceof Date && renewedUntil >= lockedUntil,
    `renewed until ${renewedUntil}, before the first lock's ${lockedUntil.toISOString()}`);
  console.log(`renewed the lock of ${first.messageId}`);

  step("complete");
  for (const message of received) {
    await receiver.completeMessage(message);
  }
  console.log(`completed ${ids(received)}`);

  step("peek after complete");
  const left = await receiver.peekMessages(10, { fromSequenceNumber: first.sequenceNumber });
  console.log(`peeked ${left.length === 0 ? "nothing" : ids(left)}`);

  step("close");
  await client.close();
});
