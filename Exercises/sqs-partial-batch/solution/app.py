import json


def process(order):
    print(f"processing order {order['orderId']}")


def lambda_handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            process(json.loads(record["body"]))
        except Exception as error:
            print(f"message {record['messageId']} failed: {error}")
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
