"""Function URL configs through boto3: create, get, update, list, delete and AWS's refusals.

Run by FunctionURLAPITests with the endpoint; prints one JSON object the Swift test checks.
The URL of function "u" ($LATEST) is left in place for the test's curl.
"""
import json, sys
from driver_support import make_client, package, record

endpoint = sys.argv[1]
client = make_client(endpoint)
out = {}

def call(key, method, **kwargs):
    return record(out, client, key, method, **kwargs)

CODE = """
import json
def handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"path": event["rawPath"], "version": event["version"]})}
"""
call("create_function", "create_function", FunctionName="u", Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
     Handler="app.handler", Code={"ZipFile": package({"app.py": CODE})}, Timeout=10, Publish=True)
call("alias", "create_alias", FunctionName="u", Name="prod", FunctionVersion="1")
call("alias_dev", "create_alias", FunctionName="u", Name="dev", FunctionVersion="1")

call("create", "create_function_url_config", FunctionName="u", AuthType="NONE")
call("again", "create_function_url_config", FunctionName="u", AuthType="NONE")
call("iam", "create_function_url_config", FunctionName="u", Qualifier="dev", AuthType="AWS_IAM")
call("bad_auth", "create_function_url_config", FunctionName="u", Qualifier="dev", AuthType="OPEN")
call("version", "create_function_url_config", FunctionName="u", Qualifier="1", AuthType="NONE")
call("missing_alias", "create_function_url_config", FunctionName="u", Qualifier="nope", AuthType="NONE")
call("missing_function", "create_function_url_config", FunctionName="nobody", AuthType="NONE")
call("stream", "create_function_url_config", FunctionName="u", Qualifier="dev", AuthType="NONE", InvokeMode="RESPONSE_STREAM")
call("create_prod", "create_function_url_config", FunctionName="u", Qualifier="prod", AuthType="NONE",
     Cors={"AllowOrigins": ["https://example.com"], "AllowMethods": ["GET", "POST"], "MaxAge": 60})

call("get", "get_function_url_config", FunctionName="u")
call("get_prod_arn", "get_function_url_config", FunctionName="u:prod")
call("get_none", "get_function_url_config", FunctionName="u", Qualifier="dev")
call("update", "update_function_url_config", FunctionName="u", Qualifier="prod",
     Cors={"AllowOrigins": ["*"], "AllowHeaders": ["content-type"], "ExposeHeaders": ["x-one"], "AllowCredentials": False})
call("update_bad_age", "update_function_url_config", FunctionName="u", Qualifier="prod", Cors={"MaxAge": 99999})
call("update_iam", "update_function_url_config", FunctionName="u", Qualifier="prod", AuthType="AWS_IAM")
call("update_none", "update_function_url_config", FunctionName="u", Qualifier="dev", AuthType="NONE")
call("list", "list_function_url_configs", FunctionName="u")
call("list_page", "list_function_url_configs", FunctionName="u", MaxItems=1)
marker = out["list_page"].get("NextMarker", "")
call("list_next", "list_function_url_configs", FunctionName="u", MaxItems=1, Marker=marker)
call("list_missing", "list_function_url_configs", FunctionName="nobody")

call("delete_prod", "delete_function_url_config", FunctionName="u", Qualifier="prod")
call("get_deleted", "get_function_url_config", FunctionName="u", Qualifier="prod")
call("delete_again", "delete_function_url_config", FunctionName="u", Qualifier="prod")
# A URL on an alias goes with the alias.
call("create_dev", "create_function_url_config", FunctionName="u", Qualifier="dev", AuthType="NONE")
call("delete_alias", "delete_alias", FunctionName="u", Name="dev")
call("list_after_alias", "list_function_url_configs", FunctionName="u")
print(json.dumps(out, default=str))
