import os

TABLE = os.environ["TABLE_NAME"]


def lambda_handler(event, context):
    return {"table": TABLE}
