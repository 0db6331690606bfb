import { checkStock } from './inventory.mjs';

export const handler = async (event) => {
  const counts = await Promise.all(event.skus.map((sku) => checkStock(sku)));
  return { stock: Object.fromEntries(event.skus.map((sku, i) => [sku, counts[i]])) };
};
