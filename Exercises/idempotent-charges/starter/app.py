import json

import payments
import table


def lambda_handler(event, context):
    for record in event["Records"]:
        order = json.loads(record["body"])
        payments.charge(order["orderId"], order["amount"])
