def lambda_handler(event, context):
    total = sum(event["amounts"])
    return {"total": total, "distinct": set(event["amounts"])}
