import { checkStock } from './inventory.mjs';

export const handler = async (event) => {
  const stock = {};
  for (const sku of event.skus) {
    stock[sku] = await checkStock(sku);
  }
  return { stock };
};
