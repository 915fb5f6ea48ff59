// The rest of what the JavaScript Service Bus SDK does with a queue, against the endpoint: abandon, dead-letter
// and the dead-letter queue, a message sent without a MessageId, subscribe(), schedule and cancel, and
// receive-and-delete. Same contract as journey.cjs: one stdout line per step, non-zero exit on any failure.
//   SERVICEBUS_CONNECTION_STRING=... SERVICEBUS_QUEUE=training NODE_PATH=<node_modules> node settlements.cjs
"use strict";
const { ServiceBusClient } = require("@azure/service-bus");
const { step, check, run, stepTimeoutMs, connectionString, queue } = require("./steps.cjs");

run(async () => {
  const client = new ServiceBusClient(connectionString, {
    retryOptions: { maxRetries: 1, retryDelayInMs: 100, timeoutInMs: stepTimeoutMs },
  });
  const sender = client.createSender(queue);
  const receiver = client.createReceiver(queue, { receiveMode: "peekLock" });
  const receiveOne = async (from) => {
    const [message] = await from.receiveMessages(1, { maxWaitTimeInMs: stepTimeoutMs });
    check(message, "no message arrived");
    return message;
  };

  step("send");
  await sender.sendMessages({ body: "one", messageId: "s-1" });
  await sender.sendMessages({ body: "anonymous" });
  await sender.sendMessages({ body: "two", messageId: "s-2" });
  console.log("sent s-1, one without a MessageId, s-2");

  step("abandon");
  const first = await receiveOne(receiver);
  await receiver.abandonMessage(first, { attempt: "first" });
  const again = await receiveOne(receiver);
  console.log(`abandoned ${first.messageId}, received ${again.messageId} again with delivery count ` +
    `${again.deliveryCount} and attempt ${again.applicationProperties.attempt}`);

  step("dead-letter");
  await receiver.deadLetterMessage(again, { deadLetterReason: "bad", deadLetterErrorDescription: "very bad" });
  const deadLetters = client.createReceiver(queue, { subQueueType: "deadLetter" });
  const dead = await receiveOne(deadLetters);
  await deadLetters.completeMessage(dead);
  console.log(`dead-lettered ${dead.messageId} (${dead.deadLetterReason}: ${dead.deadLetterErrorDescription}) ` +
    "and completed it in the dead-letter queue");

  step("message without a MessageId");
  const anonymous = await receiveOne(receiver);
  check(anonymous.body === "anonymous", `expected the message without a MessageId, got ${anonymous.body}`);
  check(typeof anonymous.messageId === "string" && anonymous.messageId.length > 0, "it came without a MessageId");
  await receiver.completeMessage(anonymous);
  console.log("received the message sent without a MessageId with one, and completed it");

  step("subscribe");
  const subscribed = await new Promise((resolve, reject) => {
    const subscription = receiver.subscribe(
      {
        processMessage: async (message) => {
          await receiver.completeMessage(message);
          await subscription.close();
          resolve(message);
        },
        processError: async (args) => reject(args.error),
      },
      { autoCompleteMessages: false, maxConcurrentCalls: 1 });
  });
  console.log(`subscribe() received and completed ${subscribed.messageId}`);

  step("schedule and cancel");
  const [sequenceNumber] = await sender.scheduleMessages({ body: "later", messageId: "s-3" },
    new Date(Date.now() + 3600 * 1000));
  await sender.cancelScheduledMessages(sequenceNumber);
  console.log("scheduled s-3 an hour ahead and cancelled it");

  step("receive and delete");
  await sender.sendMessages({ body: "four", messageId: "s-4" });
  const deleting = client.createReceiver(queue, { receiveMode: "receiveAndDelete" });
  console.log(`received and deleted ${(await receiveOne(deleting)).messageId}`);

  step("close");
  await client.close();
});
