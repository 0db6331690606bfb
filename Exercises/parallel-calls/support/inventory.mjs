// A stand-in inventory service (do not edit: the tests use their own copy).
// Each call waits, as a network call does, and logs how many calls are under way.
const STOCK = { tea: 12, coffee: 0, cake: 3 };
let inFlight = 0;

export async function checkStock(sku) {
  inFlight += 1;
  console.log(`in flight: ${inFlight}`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  inFlight -= 1;
  return STOCK[sku] ?? 0;
}
