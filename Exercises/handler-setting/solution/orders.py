def process_order(event, context):
    return {"accepted": True, "orderId": event["orderId"]}
