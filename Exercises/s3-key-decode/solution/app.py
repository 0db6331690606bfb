from urllib.parse import unquote_plus


def lambda_handler(event, context):
    record = event["Records"][0]["s3"]
    return {
        "bucket": record["bucket"]["name"],
        "key": unquote_plus(record["object"]["key"]),
        "size": record["object"]["size"],
    }
