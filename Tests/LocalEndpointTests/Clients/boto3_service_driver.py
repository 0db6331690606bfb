"""Versions, aliases, reserved and provisioned concurrency and throttles through boto3.

Run by AWSClientTests with the endpoint; prints one JSON object the Swift test checks.
"""
import base64, json, sys, threading, time
from driver_support import make_client, package as zipped, record

endpoint = sys.argv[1]
client = make_client(endpoint)
out = {}

def package(text):
    return zipped({"app.py": text})

def call(key, method, target=None, **kwargs):
    return record(out, target or client, key, method, **kwargs)

CODE = """
import os, time
def handler(event, context):
    time.sleep(event.get("sleep", 0))
    return {"code": "%s", "version": os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")}
"""
call("create", "create_function", FunctionName="v", Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
     Handler="app.handler", Code={"ZipFile": package(CODE % "one")}, Timeout=10)
call("publish1", "publish_version", FunctionName="v", Description="first")
call("update_code", "update_function_code", FunctionName="v", ZipFile=package(CODE % "two"))
call("publish2", "publish_version", FunctionName="v")
call("versions", "list_versions_by_function", FunctionName="v")
call("list_all", "list_functions", FunctionVersion="ALL")
call("get_v1", "get_function", FunctionName="v", Qualifier="1")
call("invoke_v1", "invoke", FunctionName="v", Qualifier="1", Payload=b"{}")
call("invoke_v2", "invoke", FunctionName="v:2", Payload=b"{}")

call("alias", "create_alias", FunctionName="v", Name="prod", FunctionVersion="1", Description="live",
     RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}})
call("alias_again", "create_alias", FunctionName="v", Name="prod", FunctionVersion="1")
call("alias_numeric", "create_alias", FunctionName="v", Name="7", FunctionVersion="1")
call("get_alias", "get_alias", FunctionName="v", Name="prod")
call("list_aliases", "list_aliases", FunctionName="v")
counts = {}
for _ in range(200):
    response = client.invoke(FunctionName="v:prod", Payload=b"{}")
    counts[response["ExecutedVersion"]] = counts.get(response["ExecutedVersion"], 0) + 1
out["weighted"] = counts
call("update_alias", "update_alias", FunctionName="v", Name="prod", FunctionVersion="2", RoutingConfig={"AdditionalVersionWeights": {}})
call("invoke_prod", "invoke", FunctionName="v", Qualifier="prod", Payload=b"{}")
call("delete_alias", "delete_alias", FunctionName="v", Name="prod")
call("get_deleted_alias", "get_alias", FunctionName="v", Name="prod")

call("reserve0", "put_function_concurrency", FunctionName="v", ReservedConcurrentExecutions=0)
call("throttled", "invoke", FunctionName="v", Payload=b"{}")
call("get_reserved", "get_function_concurrency", FunctionName="v")
call("reserve1", "put_function_concurrency", FunctionName="v", ReservedConcurrentExecutions=1)
results = {}
def slow(key, delay):
    time.sleep(delay)
    results[key] = call(key, "invoke", target=make_client(endpoint), FunctionName="v", Payload=b'{"sleep": 2}')
threads = [threading.Thread(target=slow, args=("first", 0)), threading.Thread(target=slow, args=("second", 0.7))]
for thread in threads: thread.start()
for thread in threads: thread.join()
call("account_reserved", "get_account_settings")
call("unreserve", "delete_function_concurrency", FunctionName="v")
call("get_unreserved", "get_function_concurrency", FunctionName="v")

call("provision_latest", "put_provisioned_concurrency_config", FunctionName="v", Qualifier="$LATEST", ProvisionedConcurrentExecutions=1)
call("provision", "put_provisioned_concurrency_config", FunctionName="v", Qualifier="1", ProvisionedConcurrentExecutions=1)
for _ in range(60):
    status = call("provisioned", "get_provisioned_concurrency_config", FunctionName="v", Qualifier="1")
    if status.get("Status") != "IN_PROGRESS": break
    time.sleep(0.5)
call("invoke_provisioned", "invoke", FunctionName="v", Qualifier="1", Payload=b"{}", LogType="Tail")
if "LogResult" in out["invoke_provisioned"]:
    out["invoke_provisioned"]["log"] = base64.b64decode(out["invoke_provisioned"]["LogResult"]).decode()
call("list_provisioned", "list_provisioned_concurrency_configs", FunctionName="v")
call("unprovision", "delete_provisioned_concurrency_config", FunctionName="v", Qualifier="1")
call("get_unprovisioned", "get_provisioned_concurrency_config", FunctionName="v", Qualifier="1")
print(json.dumps(out, default=str))
