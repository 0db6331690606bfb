export const handler = async (event, context) => {
  console.log(`order received: ${event.orderId}`);
  return { ok: true };
};
