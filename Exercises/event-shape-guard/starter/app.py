def lambda_handler(event, context):
    keys = [record["s3"]["object"]["key"] for record in event["Records"]]
    return {"source": "aws:s3", "keys": keys}
