import { lookupTotal, saveAudit } from './store.mjs';

export const handler = async (event) => {
  const total = lookupTotal(event.orderId);
  saveAudit(event.orderId);
  return { total };
};
