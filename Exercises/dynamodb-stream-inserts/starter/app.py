def lambda_handler(event, context):
    new = []
    for record in event["Records"]:
        image = record["dynamodb"]["NewImage"]
        new.append({"orderId": image["orderId"], "item": image["item"]})
    return {"new": new}
