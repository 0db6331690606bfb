export const handler = async (event, context) => {
  console.log(JSON.stringify({
    level: 'INFO',
    message: 'order received',
    orderId: event.orderId,
    requestId: context.awsRequestId,
  }));
  return { ok: true };
};
