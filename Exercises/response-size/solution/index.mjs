import { listProducts } from './products.mjs';

export const handler = async (event) => {
  const all = listProducts(event.count ?? 100);
  const start = Number(event.nextToken ?? 0);
  const size = event.pageSize ?? 100;
  const items = all.slice(start, start + size);
  return { items, nextToken: start + size < all.length ? String(start + size) : null };
};
