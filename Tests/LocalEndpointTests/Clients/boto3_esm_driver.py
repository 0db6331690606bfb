"""Event source mappings through boto3: create, get, list, update, delete and AWS's refusals.

Run by EventSourceMappingAPITests with the endpoint and two queue ARNs; prints one JSON
object the Swift test checks. The mapping on the first queue is left enabled for the test's poller.
"""
import json, sys
from driver_support import make_client, package, record

endpoint, jobs, other = sys.argv[1], sys.argv[2], sys.argv[3]
client = make_client(endpoint)
out = {}

def call(key, method, **kwargs):
    return record(out, client, key, method, **kwargs)

CODE = """
def handler(event, context):
    bad = [{"itemIdentifier": r["messageId"]} for r in event["Records"] if "bad" in r["body"]]
    return {"batchItemFailures": bad}
"""
call("create_function", "create_function", FunctionName="w", Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
     Handler="app.handler", Code={"ZipFile": package({"app.py": CODE})}, Timeout=10)
pattern = json.dumps({"body": {"kind": ["job"]}})
created = call("create", "create_event_source_mapping", EventSourceArn=jobs, FunctionName="w", BatchSize=5,
               FunctionResponseTypes=["ReportBatchItemFailures"], FilterCriteria={"Filters": [{"Pattern": pattern}]})
uuid = created.get("UUID", "")
call("again", "create_event_source_mapping", EventSourceArn=jobs, FunctionName="w")
call("big_batch", "create_event_source_mapping", EventSourceArn=other, FunctionName="w", BatchSize=100)
call("missing_queue", "create_event_source_mapping", EventSourceArn="arn:aws:sqs:us-east-1:123456789012:nope", FunctionName="w")
call("missing_function", "create_event_source_mapping", EventSourceArn=other, FunctionName="nobody")
call("stream_setting", "create_event_source_mapping", EventSourceArn=other, FunctionName="w", StartingPosition="LATEST")
call("get", "get_event_source_mapping", UUID=uuid)
call("list", "list_event_source_mappings", FunctionName="w")
call("update_bad", "update_event_source_mapping", UUID=uuid, BatchSize=50)
call("update", "update_event_source_mapping", UUID=uuid, BatchSize=50, MaximumBatchingWindowInSeconds=1)
second = call("create_other", "create_event_source_mapping", EventSourceArn=other, FunctionName="w", Enabled=False)
call("list_page", "list_event_source_mappings", MaxItems=1)
call("delete", "delete_event_source_mapping", UUID=second.get("UUID", ""))
call("get_deleted", "get_event_source_mapping", UUID=second.get("UUID", ""))
print(json.dumps(out, default=str))
