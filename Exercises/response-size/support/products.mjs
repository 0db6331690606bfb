// A stand-in product catalogue (do not edit: the tests use their own copy).
// Each product carries a long description, as real ones do.
export function listProducts(count) {
  return Array.from({ length: count }, (_, i) => ({ id: `p-${i}`, name: `Product ${i}` }));
}

export function describe(product) {
  return { ...product, description: `${product.name}: `.padEnd(400, '·') };
}
