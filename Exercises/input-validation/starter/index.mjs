export const handler = async (event) => {
  const order = JSON.parse(event.body);
  if (order.quantity > 100) throw new Error('too many');
  return {
    statusCode: 201,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ item: order.item, quantity: order.quantity }),
  };
};
