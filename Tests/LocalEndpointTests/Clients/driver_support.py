"""What both boto3 drivers share: a client on the tutor's endpoint, zips made in memory, and
one call recorded as {status, fields…} or {status, code, message, reason}."""
import io, zipfile
import boto3
from botocore.config import Config

def make_client(endpoint):
    return boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=Config(retries={"total_max_attempts": 1}, read_timeout=120))

def package(files, links=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
        for name, target in links:
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (0o120777 << 16)
            archive.writestr(info, target)
    return buffer.getvalue()

def record(out, client, key, method, **kwargs):
    try:
        response = getattr(client, method)(**kwargs)
        if "Payload" in response:
            response["Payload"] = response["Payload"].read().decode()
        response["status"] = response["ResponseMetadata"]["HTTPStatusCode"]
        response.pop("ResponseMetadata")
        out[key] = response
    except client.exceptions.ClientError as error:
        out[key] = {"status": error.response["ResponseMetadata"]["HTTPStatusCode"],
                    "code": error.response["Error"]["Code"],
                    "message": error.response["Error"].get("Message", ""),
                    "reason": error.response.get("Reason"),
                    "modeled": type(error).__name__}
    return out[key]
