// A stand-in payment service (do not edit: the tests use their own copy).
export class ServiceUnavailable extends Error {
  constructor(message) {
    super(message);
    this.name = 'ServiceUnavailable';
  }
}

export async function charge(order) {
  if (order.simulate === 'outage') throw new ServiceUnavailable('the payment service did not answer');
  return { orderId: order.orderId, amount: order.amount };
}
