def lambda_handler(event, context):
    new = []
    for record in event["Records"]:
        if record["eventName"] != "INSERT":
            continue
        image = record["dynamodb"]["NewImage"]
        new.append({"orderId": int(image["orderId"]["N"]), "item": image["item"]["S"]})
    return {"new": new}
