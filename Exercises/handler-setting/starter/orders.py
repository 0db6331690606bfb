def lambda_handler(event, context):
    return {"accepted": True, "orderId": event["orderId"]}
