const processOrder = async (order) => {
  console.log(`processing order ${order.orderId}`);
};

export const handler = async (event) => {
  const failures = [];
  for (const record of event.Records) {
    try {
      await processOrder(JSON.parse(record.body));
    } catch (error) {
      console.error(`message ${record.messageId} failed: ${error.message}`);
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
