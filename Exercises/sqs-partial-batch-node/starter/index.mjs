const processOrder = async (order) => {
  console.log(`processing order ${order.orderId}`);
};

export const handler = async (event) => {
  for (const record of event.Records) {
    await processOrder(JSON.parse(record.body));
  }
};
