import { charge } from './payments.mjs';

export const handler = async (event) => {
  try {
    await charge(event);
    return { status: 'charged', orderId: event.orderId };
  } catch (error) {
    console.error('charge failed', error.message);
    return { status: 'failed' };
  }
};
