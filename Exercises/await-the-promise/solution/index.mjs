import { lookupTotal, saveAudit } from './store.mjs';

export const handler = async (event) => {
  const total = await lookupTotal(event.orderId);
  await saveAudit(event.orderId);
  return { total };
};
