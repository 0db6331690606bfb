def lambda_handler(event, context):
    records = event.get("Records") or []
    source = records[0].get("eventSource") if records else None
    if source == "aws:s3":
        return {"source": source, "keys": [record["s3"]["object"]["key"] for record in records]}
    if source == "aws:sqs":
        return {"source": source, "messages": len(records)}
    return {"source": "unknown"}
