const reply = (statusCode, object) => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(object),
});

export const handler = async (event) => {
  const method = event.requestContext?.http?.method;
  const path = event.rawPath;
  if (method === 'POST' && path === '/orders') {
    return reply(201, { created: JSON.parse(event.body).item });
  }
  const match = /^\/orders\/([^/]+)$/.exec(path ?? '');
  if (method === 'GET' && match) return reply(200, { orderId: match[1] });
  return reply(404, { error: 'not found' });
};
