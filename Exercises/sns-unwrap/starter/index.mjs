export const handler = async (event) => {
  const sns = event.Records[0].Sns;
  const order = sns.Message;
  return { orderId: order.orderId, status: order.status, topic: sns.TopicArn };
};
