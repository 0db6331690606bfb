"""Asynchronous invocation settings through boto3: put, update, get, list and delete
FunctionEventInvokeConfig, AWS's refusals, then Event invocations of two failing functions, one
of them configured over the API with no retries and an SQS on-failure destination.

Run by EventInvokeConfigAPITests with the endpoint; prints one JSON object the Swift test
checks. The test then runs the async queue itself and looks at what reached the queue.
"""
import json, sys
import boto3
from botocore.config import Config
from driver_support import make_client, package, record

endpoint = sys.argv[1]
client = make_client(endpoint)
sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                   aws_secret_access_key="test", config=Config(retries={"total_max_attempts": 1}))
out = {}

def call(key, method, **kwargs):
    return record(out, client, key, method, **kwargs)

FAILING = """
def handler(event, context):
    raise ValueError("always fails: " + str(event.get("n")))
"""
for name in ("cfg", "plain", "other"):
    call("create_" + name, "create_function", FunctionName=name, Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
         Handler="app.handler", Code={"ZipFile": package({"app.py": FAILING})}, Timeout=10, Publish=(name == "cfg"))
call("alias", "create_alias", FunctionName="cfg", Name="prod", FunctionVersion="1")
failures_url = sqs.create_queue(QueueName="failures")["QueueUrl"]
failures = sqs.get_queue_attributes(QueueUrl=failures_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
other_arn = out["create_other"].get("FunctionArn", "")

# None yet, then put (replaces), update (merges), get, list.
call("get_none", "get_function_event_invoke_config", FunctionName="cfg")
call("update_none", "update_function_event_invoke_config", FunctionName="cfg", MaximumRetryAttempts=1)
call("put", "put_function_event_invoke_config", FunctionName="cfg", MaximumRetryAttempts=1, MaximumEventAgeInSeconds=3600)
call("put_replaces", "put_function_event_invoke_config", FunctionName="cfg", MaximumRetryAttempts=0)
call("update", "update_function_event_invoke_config", FunctionName="cfg",
     DestinationConfig={"OnFailure": {"Destination": failures}})
call("get", "get_function_event_invoke_config", FunctionName="cfg")
call("get_latest", "get_function_event_invoke_config", FunctionName="cfg", Qualifier="$LATEST")
call("put_alias", "put_function_event_invoke_config", FunctionName="cfg:prod", MaximumEventAgeInSeconds=1800,
     DestinationConfig={"OnSuccess": {"Destination": other_arn}})
call("put_version", "put_function_event_invoke_config", FunctionName="cfg", Qualifier="1", MaximumRetryAttempts=2)
call("list", "list_function_event_invoke_configs", FunctionName="cfg")
call("list_page", "list_function_event_invoke_configs", FunctionName="cfg", MaxItems=2)
marker = out["list_page"].get("NextMarker")
call("list_next", "list_function_event_invoke_configs", FunctionName="cfg", Marker=marker or "")

# AWS's refusals.
call("too_many_retries", "put_function_event_invoke_config", FunctionName="cfg", MaximumRetryAttempts=5)
call("too_old", "put_function_event_invoke_config", FunctionName="cfg", MaximumEventAgeInSeconds=44444)
call("nothing", "put_function_event_invoke_config", FunctionName="cfg")
call("bad_destination", "put_function_event_invoke_config", FunctionName="cfg", DestinationConfig={"OnSuccess": {"Destination": "invalid"}})
call("itself", "put_function_event_invoke_config", FunctionName="cfg",
     DestinationConfig={"OnFailure": {"Destination": out["create_cfg"].get("FunctionArn", "")}})
call("missing_function", "put_function_event_invoke_config", FunctionName="nobody", MaximumRetryAttempts=1)
call("missing_alias", "put_function_event_invoke_config", FunctionName="cfg", Qualifier="nope", MaximumRetryAttempts=1)
call("list_missing", "list_function_event_invoke_configs", FunctionName="nobody")

# Delete the version's config; the others stay.
call("delete_version", "delete_function_event_invoke_config", FunctionName="cfg", Qualifier="1")
call("delete_again", "delete_function_event_invoke_config", FunctionName="cfg", Qualifier="1")
call("list_after", "list_function_event_invoke_configs", FunctionName="cfg")

# Event invocations: "cfg" has no retries and the queue as on-failure destination, "plain" the defaults.
call("invoke_cfg", "invoke", FunctionName="cfg", InvocationType="Event", Payload=json.dumps({"n": 1}))
call("invoke_plain", "invoke", FunctionName="plain", InvocationType="Event", Payload=json.dumps({"n": 2}))
print(json.dumps(out, default=str))
