"""Drives lambda-tutor's Lambda API with the stock boto3, one operation and status at a time.

Run by AWSClientTests with the endpoint as its argument; prints one JSON object of what each
call returned (status, error code, headers boto3 mapped), which the Swift test checks.
"""
import base64, json, sys
from driver_support import make_client, package, record

endpoint = sys.argv[1]
client = make_client(endpoint)
ROLE = "arn:aws:iam::123456789012:role/lambda-role"
out = {}

def call(key, method, **kwargs):
    return record(out, client, key, method, **kwargs)

HANDLER = """
import json, time
def handler(event, context):
    print("event", json.dumps(event))
    if event.get("fail"):
        raise ValueError("asked to fail")
    if event.get("sleep"):
        time.sleep(event["sleep"])
    return {"version": "%s", "echo": event}
"""

call("create", "create_function", FunctionName="demo", Runtime="python3.12", Role=ROLE, Handler="app.handler",
     Code={"ZipFile": package({"app.py": HANDLER % "one"})}, Timeout=1, MemorySize=256,
     Environment={"Variables": {"GREETING": "hello"}}, Description="made by boto3")
call("create_again", "create_function", FunctionName="demo", Runtime="python3.12", Role=ROLE, Handler="app.handler",
     Code={"ZipFile": package({"app.py": HANDLER % "one"})})
call("create_second", "create_function", FunctionName="other", Runtime="nodejs22.x", Role=ROLE, Handler="index.handler",
     Code={"ZipFile": package({"index.mjs": "export const handler = async () => ({ok: true});"})})
call("create_bad_zip", "create_function", FunctionName="badzip", Runtime="python3.12", Role=ROLE, Handler="app.handler",
     Code={"ZipFile": b"this is not a zip"})
call("create_traversal", "create_function", FunctionName="climb", Runtime="python3.12", Role=ROLE, Handler="app.handler",
     Code={"ZipFile": package({"../../escape.py": "x = 1"})})
call("create_symlink", "create_function", FunctionName="linked", Runtime="python3.12", Role=ROLE, Handler="app.handler",
     Code={"ZipFile": package({"app.py": "x = 1"}, links=[("secrets", "/etc/passwd")])})
call("create_runtime", "create_function", FunctionName="javafn", Runtime="java21", Role=ROLE, Handler="a.b",
     Code={"ZipFile": package({"app.py": "x = 1"})})
call("create_role", "create_function", FunctionName="norole", Runtime="python3.12", Role="not-a-role", Handler="app.handler",
     Code={"ZipFile": package({"app.py": "x = 1"})})

call("list", "list_functions")
call("list_page1", "list_functions", MaxItems=1)
if "NextMarker" in out["list_page1"]:
    call("list_page2", "list_functions", MaxItems=1, Marker=out["list_page1"]["NextMarker"])
call("get", "get_function", FunctionName="demo")
call("get_config", "get_function_configuration", FunctionName="demo")
call("get_missing", "get_function", FunctionName="nope")

call("invoke", "invoke", FunctionName="demo", Payload=json.dumps({"name": "Ada"}))
call("invoke_tail", "invoke", FunctionName="demo", Payload=b'{"tail": 1}', LogType="Tail")
if "LogResult" in out["invoke_tail"]:
    out["invoke_tail"]["log"] = base64.b64decode(out["invoke_tail"]["LogResult"]).decode()
call("invoke_error", "invoke", FunctionName="demo", Payload=b'{"fail": true}')
call("invoke_timeout", "invoke", FunctionName="demo", Payload=b'{"sleep": 3}')
call("invoke_event", "invoke", FunctionName="demo", InvocationType="Event", Payload=b'{"async": true}')
call("invoke_dryrun", "invoke", FunctionName="demo", InvocationType="DryRun")
call("invoke_missing", "invoke", FunctionName="nope")
call("invoke_badjson", "invoke", FunctionName="demo", Payload=b'{"unterminated": ')
call("invoke_large", "invoke", FunctionName="demo", Payload=b'"' + b"x" * 6_300_000 + b'"')
call("invoke_event_large", "invoke", FunctionName="demo", InvocationType="Event", Payload=b'"' + b"x" * 1_100_000 + b'"')
call("invoke_arn", "invoke", FunctionName="arn:aws:lambda:us-east-1:123456789012:function:demo", Payload=b"{}")
call("invoke_partial_arn", "invoke", FunctionName="123456789012:function:demo", Payload=b"{}")
call("invoke_latest", "invoke", FunctionName="demo", Qualifier="$LATEST", Payload=b"{}")
call("invoke_alias_missing", "invoke", FunctionName="demo:prod", Payload=b"{}")
call("invoke_node", "invoke", FunctionName="other")

call("update_config", "update_function_configuration", FunctionName="demo", MemorySize=512, Timeout=5,
     Environment={"Variables": {"GREETING": "hi"}})
call("update_config_bad", "update_function_configuration", FunctionName="demo", MemorySize=20000)
call("update_code", "update_function_code", FunctionName="demo", ZipFile=package({"app.py": HANDLER % "two"}))
call("invoke_updated", "invoke", FunctionName="demo", Payload=b"{}")
call("update_revision", "update_function_configuration", FunctionName="demo", Description="x", RevisionId="stale")

call("account", "get_account_settings")
call("unknown", "list_tags", Resource="arn:aws:lambda:us-east-1:123456789012:function:demo")

call("delete", "delete_function", FunctionName="other")
call("delete_missing", "delete_function", FunctionName="other")
call("invoke_deleted", "invoke", FunctionName="other")
print(json.dumps(out, default=str))
