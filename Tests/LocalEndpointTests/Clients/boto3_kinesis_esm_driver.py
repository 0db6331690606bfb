"""A Kinesis event source mapping through boto3: create with the stream members, get, list,
update, and AWS's refusals.

Run by EventSourceMappingAPITests with the endpoint, a stream ARN and a queue ARN (the
on-failure destination); prints one JSON object the Swift test checks. The mapping is left
enabled for the test's poller, which feeds the handler a bad record.
"""
import datetime, json, sys
from driver_support import make_client, package, record

endpoint, stream, failures = sys.argv[1], sys.argv[2], sys.argv[3]
client = make_client(endpoint)
out = {}

def call(key, method, **kwargs):
    return record(out, client, key, method, **kwargs)

CODE = """
import base64, json

def handler(event, context):
    for r in event["Records"]:
        assert r["eventSource"] == "aws:kinesis" and r["eventName"] == "aws:kinesis:record"
        assert r["eventID"] == r["kinesis"]["sequenceNumber"].join(["shardId-000000000000:", ""])
        data = json.loads(base64.b64decode(r["kinesis"]["data"]))
        if data.get("bad"):
            raise ValueError("bad record %s" % data["n"])
    return {"processed": len(event["Records"])}
"""
for name in ("k", "k2"):
    call("create_function_" + name, "create_function", FunctionName=name, Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
         Handler="app.handler", Code={"ZipFile": package({"app.py": CODE})}, Timeout=10)
created = call("create", "create_event_source_mapping", EventSourceArn=stream, FunctionName="k", StartingPosition="TRIM_HORIZON",
               BatchSize=10, BisectBatchOnFunctionError=True, MaximumRetryAttempts=1,
               DestinationConfig={"OnFailure": {"Destination": failures}})
uuid = created.get("UUID", "")
call("at_timestamp", "create_event_source_mapping", EventSourceArn=stream, FunctionName="k2", StartingPosition="AT_TIMESTAMP",
     StartingPositionTimestamp=datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc), Enabled=False)
call("again", "create_event_source_mapping", EventSourceArn=stream, FunctionName="k", StartingPosition="LATEST")
call("no_position", "create_event_source_mapping", EventSourceArn=stream, FunctionName="k2")
call("bad_parallelization", "create_event_source_mapping", EventSourceArn=stream, FunctionName="k2", StartingPosition="LATEST", ParallelizationFactor=11)
call("bad_age", "create_event_source_mapping", EventSourceArn=stream, FunctionName="k2", StartingPosition="LATEST", MaximumRecordAgeInSeconds=30)
call("sqs_only", "create_event_source_mapping", EventSourceArn=stream, FunctionName="k2", StartingPosition="LATEST", ScalingConfig={"MaximumConcurrency": 5})
call("missing_stream", "create_event_source_mapping", EventSourceArn=stream + "-nope", FunctionName="k2", StartingPosition="LATEST")
call("get", "get_event_source_mapping", UUID=uuid)
call("list", "list_event_source_mappings", EventSourceArn=stream)
call("update_tumbling", "update_event_source_mapping", UUID=uuid, TumblingWindowInSeconds=60)
call("update", "update_event_source_mapping", UUID=uuid, MaximumRecordAgeInSeconds=604800)
print(json.dumps(out, default=str))
