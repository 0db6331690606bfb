const reply = (statusCode, object) => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(object),
});

export const handler = async (event) => {
  let order;
  try {
    order = JSON.parse(event.body ?? '');
  } catch {
    return reply(400, { error: 'the body must be JSON' });
  }
  if (typeof order?.item !== 'string' || order.item.trim() === '') {
    return reply(400, { error: 'item must be a non-empty string' });
  }
  if (!Number.isInteger(order.quantity) || order.quantity < 1 || order.quantity > 10) {
    return reply(400, { error: 'quantity must be a whole number from 1 to 10' });
  }
  return reply(201, { item: order.item, quantity: order.quantity });
};
