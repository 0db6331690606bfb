import orders


class OrderNotFound(Exception):
    """The order id is not in the table."""


def lambda_handler(event, context):
    if "orderId" not in event:
        raise ValueError("orderId is required")
    order = orders.ORDERS.get(event["orderId"])
    if order is None:
        raise OrderNotFound(event["orderId"])
    return order
