import json


def lambda_handler(event, context):
    name = (event.get("queryStringParameters") or {}).get("name", "stranger")
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"greeting": f"Hello, {name}"}),
    }
