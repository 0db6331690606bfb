import { describe, listProducts } from './products.mjs';

export const handler = async (event) => {
  const items = listProducts(event.count ?? 100).map(describe);
  return { items, nextToken: null };
};
