import json

import payments
import table


def lambda_handler(event, context):
    for record in event["Records"]:
        try:
            # The messageId is the same on every delivery of this message.
            table.put_if_absent(record["messageId"])
        except table.ConditionalCheckFailedException:
            continue
        order = json.loads(record["body"])
        payments.charge(order["orderId"], order["amount"])
