"""Layers through boto3: publish, list, get, delete, a function's Layers, and what the handler
sees at /opt. Run by LayerClientTests with the endpoint; prints one JSON object."""
import base64, hashlib, json, sys
from driver_support import make_client, package, record

endpoint = sys.argv[1]
client = make_client(endpoint)
out = {}

def call(key, method, **kwargs):
    return record(out, client, key, method, **kwargs)

ROLE = "arn:aws:iam::123456789012:role/r"
v1 = package({"python/greet.py": "WORD = 'one'\n", "python/lib/python3.12/site-packages/extra.py": "X = 1\n"})
v2 = package({"python/greet.py": "WORD = 'two'\n"})
node = package({"nodejs/node_modules/greet/index.js": "module.exports = { word: 'node' };\n"})
out["v1_sha"] = {"sha": base64.b64encode(hashlib.sha256(v1).digest()).decode()}

call("publish1", "publish_layer_version", LayerName="words", Content={"ZipFile": v1}, Description="first",
     CompatibleRuntimes=["python3.12"], LicenseInfo="MIT")
call("publish2", "publish_layer_version", LayerName="words", Content={"ZipFile": v2}, CompatibleRuntimes=["python3.12"])
call("publish_node", "publish_layer_version", LayerName="nodewords", Content={"ZipFile": node}, CompatibleRuntimes=["nodejs22.x"])
call("publish_bad_name", "publish_layer_version", LayerName="bad name", Content={"ZipFile": v1})
call("publish_bad_runtime", "publish_layer_version", LayerName="words", Content={"ZipFile": v1}, CompatibleRuntimes=["cobol"])
call("list", "list_layers")
call("list_node", "list_layers", CompatibleRuntime="nodejs22.x")
call("versions", "list_layer_versions", LayerName="words")
call("get1", "get_layer_version", LayerName="words", VersionNumber=1)
call("get_by_arn", "get_layer_version_by_arn", Arn=out["publish2"].get("LayerVersionArn", "x"))
call("get_missing", "get_layer_version", LayerName="words", VersionNumber=9)

arn1 = out["publish1"].get("LayerVersionArn", "x")
arn2 = out["publish2"].get("LayerVersionArn", "x")
HANDLER = """
import greet
def handler(event, context):
    try:
        import extra
        x = extra.X
    except ImportError:
        x = None
    try:
        open('/opt/python/written', 'w')
        wrote = True
    except OSError as error:
        wrote = error.__class__.__name__
    return {"word": greet.WORD, "extra": x, "wrote": wrote}
"""
fzip = package({"app.py": HANDLER})
out["fn_sha"] = {"sha": base64.b64encode(hashlib.sha256(fzip).digest()).decode(), "size": len(fzip)}
call("create", "create_function", FunctionName="uses", Runtime="python3.12", Role=ROLE, Handler="app.handler",
     Code={"ZipFile": fzip}, Layers=[arn1])
call("invoke1", "invoke", FunctionName="uses", Payload=b"{}")
call("config1", "get_function_configuration", FunctionName="uses")
call("update", "update_function_configuration", FunctionName="uses", Layers=[arn2, out["publish_node"].get("LayerVersionArn", "x")])
call("invoke2", "invoke", FunctionName="uses", Payload=b"{}")
call("too_many", "update_function_configuration", FunctionName="uses", Layers=[arn1, arn1, arn1, arn1, arn1, arn1])
call("twice", "update_function_configuration", FunctionName="uses", Layers=[arn1, arn2])
call("missing_layer", "update_function_configuration", FunctionName="uses", Layers=[arn1[:-1] + "7"])
call("create_missing_layer", "create_function", FunctionName="never", Runtime="python3.12", Role=ROLE, Handler="app.handler",
     Code={"ZipFile": package({"app.py": HANDLER})}, Layers=[arn1[:-1] + "7"])

call("create_node", "create_function", FunctionName="nodeuses", Runtime="nodejs22.x", Role=ROLE, Handler="index.handler",
     Code={"ZipFile": package({"index.js": "exports.handler = async () => ({ word: require('greet').word });\n"})},
     Layers=[out["publish_node"].get("LayerVersionArn", "x")])
call("invoke_node", "invoke", FunctionName="nodeuses", Payload=b"{}")

call("delete1", "delete_layer_version", LayerName="words", VersionNumber=1)
call("get_deleted", "get_layer_version", LayerName="words", VersionNumber=1)
call("delete_again", "delete_layer_version", LayerName="words", VersionNumber=1)
call("versions_after", "list_layer_versions", LayerName="words")
call("publish3", "publish_layer_version", LayerName="words", Content={"ZipFile": v2})

# DeleteFunction with a Qualifier: one published version, refused while an alias uses it.
call("pub_v1", "publish_version", FunctionName="uses")
call("update_timeout", "update_function_configuration", FunctionName="uses", Timeout=5)
call("pub_v2", "publish_version", FunctionName="uses")
call("alias_v1", "create_alias", FunctionName="uses", Name="live", FunctionVersion="1")
call("delete_v1_aliased", "delete_function", FunctionName="uses", Qualifier="1")
call("delete_v2", "delete_function", FunctionName="uses", Qualifier="2")
call("get_v2", "get_function", FunctionName="uses", Qualifier="2")
call("delete_v2_again", "delete_function", FunctionName="uses", Qualifier="2")
call("delete_latest", "delete_function", FunctionName="uses", Qualifier="$LATEST")
call("versions_left", "list_versions_by_function", FunctionName="uses")
call("invoke_latest_after", "invoke", FunctionName="uses", Payload=b"{}")
print(json.dumps(out, default=str))
