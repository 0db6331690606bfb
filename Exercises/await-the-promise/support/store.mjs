// A stand-in data store (do not edit: the tests use their own copy).
const TOTALS = { 'o-3': 42.5, 'o-9': 12 };
const later = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function lookupTotal(orderId) {
  await later(50);
  return TOTALS[orderId] ?? 0;
}

export async function saveAudit(orderId) {
  await later(100);
  console.log(`audit saved ${orderId}`);
}
