import orders


def lambda_handler(event, context):
    order = orders.ORDERS.get(event["orderId"])
    if order is None:
        return {"error": "not found"}
    return order
