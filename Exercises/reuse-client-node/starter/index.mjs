import { makeClient } from './catalog.mjs';

export const handler = async (event) => {
  const client = await makeClient();
  return { price: client.price(event.sku) };
};
