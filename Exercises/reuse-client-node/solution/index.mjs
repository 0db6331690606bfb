import { makeClient } from './catalog.mjs';

// Runs once per execution environment, during INIT; warm invokes reuse the client.
const client = await makeClient();

export const handler = async (event) => {
  return { price: client.price(event.sku) };
};
