def lambda_handler(event, context):
    record = event["Records"][0]["s3"]
    return {
        "bucket": record["bucket"]["name"],
        "key": record["object"]["key"],
        "size": record["object"]["size"],
    }
