// A stand-in for an SDK client (do not edit: the tests use their own copy).
// Creating it is slow on purpose; it logs a line each time so you can count it.
const PRICES = { tea: 3.5, coffee: 4.25, cake: 5.0 };

export async function makeClient() {
  console.log('creating client');
  await new Promise((resolve) => setTimeout(resolve, 600));
  return { price: (sku) => PRICES[sku] ?? null };
}
