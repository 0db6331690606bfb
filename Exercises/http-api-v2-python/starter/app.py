def lambda_handler(event, context):
    name = event["queryStringParameters"]["name"]
    return {"statusCode": 200, "body": {"greeting": f"Hello, {name}"}}
