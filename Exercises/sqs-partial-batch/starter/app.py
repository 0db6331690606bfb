import json


def process(order):
    print(f"processing order {order['orderId']}")


def lambda_handler(event, context):
    for record in event["Records"]:
        process(json.loads(record["body"]))
