import { charge } from './payments.mjs';

export const handler = async (event) => {
  // A thrown error fails the invocation, so Lambda retries the event.
  await charge(event);
  return { status: 'charged', orderId: event.orderId };
};
