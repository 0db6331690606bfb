"""Every SQS operation the tutor serves, through stock boto3, with the refusals AWS gives.

Run by SQSClientTests with the endpoint; prints one JSON object the Swift test checks. Each
call is recorded as {status, fields…} or {status, code, message, modeled} (modeled: the
exception class botocore chose, which shows the error's shape was understood). The MD5s SQS
returns are checked here against hashlib, independently of the tutor's own MD5.
"""
import hashlib, json, struct, sys, threading, time, urllib.request
import boto3
from botocore.config import Config

endpoint = sys.argv[1]
sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                   aws_secret_access_key="test", config=Config(retries={"total_max_attempts": 1}, read_timeout=60))
out = {}

def call(key, method, **kwargs):
    try:
        response = getattr(sqs, method)(**kwargs)
        response["status"] = response.pop("ResponseMetadata")["HTTPStatusCode"]
        out[key] = response
    except sqs.exceptions.ClientError as error:
        out[key] = {"status": error.response["ResponseMetadata"]["HTTPStatusCode"], "code": error.response["Error"]["Code"],
                    "message": error.response["Error"].get("Message", ""), "modeled": type(error).__name__}
    return out[key]

def attributes_md5(attributes):
    data = b""
    for name in sorted(attributes):
        value = attributes[name]
        encoded = lambda b: struct.pack(">I", len(b)) + b
        data += encoded(name.encode()) + encoded(value["DataType"].encode())
        if "BinaryValue" in value:
            data += b"\x02" + encoded(value["BinaryValue"])
        else:
            data += b"\x01" + encoded(value["StringValue"].encode())
    return hashlib.md5(data).hexdigest()

# Queues
jobs = call("create", "create_queue", QueueName="jobs", Attributes={"VisibilityTimeout": "30"}).get("QueueUrl", "")
call("create_same", "create_queue", QueueName="jobs", Attributes={"VisibilityTimeout": "30"})
call("create_different", "create_queue", QueueName="jobs", Attributes={"VisibilityTimeout": "45"})
orders = call("create_fifo", "create_queue", QueueName="orders.fifo", Attributes={"FifoQueue": "true"}).get("QueueUrl", "")
call("create_fifo_bad_name", "create_queue", QueueName="orders", Attributes={"FifoQueue": "true"})
call("fifo_no_group", "send_message", QueueUrl=orders, MessageBody="a", MessageDeduplicationId="d0")
call("fifo_first", "send_message", QueueUrl=orders, MessageBody="first", MessageGroupId="g", MessageDeduplicationId="d1")
call("fifo_duplicate", "send_message", QueueUrl=orders, MessageBody="first again", MessageGroupId="g", MessageDeduplicationId="d1")
call("fifo_second", "send_message", QueueUrl=orders, MessageBody="second", MessageGroupId="g", MessageDeduplicationId="d2")
call("fifo_no_dedup", "send_message", QueueUrl=orders, MessageBody="third", MessageGroupId="g")
call("fifo_set_content_dedup", "set_queue_attributes", QueueUrl=orders, Attributes={"ContentBasedDeduplication": "true"})
call("fifo_content_dedup", "send_message", QueueUrl=orders, MessageBody="third", MessageGroupId="g")
call("fifo_receive", "receive_message", QueueUrl=orders, MaxNumberOfMessages=10, MessageSystemAttributeNames=["All"])
call("fifo_attributes", "get_queue_attributes", QueueUrl=orders, AttributeNames=["All"])
call("standard_dedup", "send_message", QueueUrl=jobs, MessageBody="x", MessageDeduplicationId="d1")
call("create_bad_name", "create_queue", QueueName="bad name!")
call("create_bad_attribute", "create_queue", QueueName="other", Attributes={"VisibilityTimeout": "99999"})
dlq = call("create_dlq", "create_queue", QueueName="jobs-dlq").get("QueueUrl", "")
dlq_arn = call("dlq_arn", "get_queue_attributes", QueueUrl=dlq, AttributeNames=["QueueArn"]).get("Attributes", {}).get("QueueArn", "")
call("set_redrive", "set_queue_attributes", QueueUrl=jobs,
     Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "1"}), "DelaySeconds": "0"})
call("set_unknown", "set_queue_attributes", QueueUrl=jobs, Attributes={"Colour": "blue"})
call("set_bad_redrive", "set_queue_attributes", QueueUrl=jobs, Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:nope", "maxReceiveCount": 3})})
call("attributes", "get_queue_attributes", QueueUrl=jobs, AttributeNames=["All"])
call("attributes_unknown", "get_queue_attributes", QueueUrl=jobs, AttributeNames=["Colour"])
call("url", "get_queue_url", QueueName="jobs")
call("url_missing", "get_queue_url", QueueName="nope")
call("list", "list_queues", QueueNamePrefix="jobs")
call("list_sources", "list_dead_letter_source_queues", QueueUrl=dlq)

# Sending, with message attributes and their MD5
attributes = {"kind": {"DataType": "String", "StringValue": "order"}, "count": {"DataType": "Number", "StringValue": "3"},
              "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01raw"}}
sent = call("send", "send_message", QueueUrl=jobs, MessageBody='{"n": 1}', MessageAttributes=attributes)
out["send_md5_ok"] = sent.get("MD5OfMessageBody") == hashlib.md5(b'{"n": 1}').hexdigest() and sent.get("MD5OfMessageAttributes") == attributes_md5(attributes)
# A URL with AWS's host names the same queue: account and name count, not the host.
call("send_aws_url", "send_message", QueueUrl="https://sqs.us-east-1.amazonaws.com/123456789012/jobs", MessageBody="second")
call("send_missing", "send_message", QueueUrl=endpoint + "/123456789012/nope", MessageBody="x")
call("send_delay_bad", "send_message", QueueUrl=jobs, MessageBody="x", DelaySeconds=901)
call("send_dedup", "send_message", QueueUrl=jobs, MessageBody="x", MessageDeduplicationId="d1")
call("send_too_big", "send_message", QueueUrl=jobs, MessageBody="x" * (1048576 + 1))
call("batch", "send_message_batch", QueueUrl=jobs, Entries=[
    {"Id": "a", "MessageBody": "third"}, {"Id": "b", "MessageBody": "late", "DelaySeconds": 900},
    {"Id": "c", "MessageBody": "bad", "DelaySeconds": 1000}])
call("batch_too_many", "send_message_batch", QueueUrl=jobs, Entries=[{"Id": str(i), "MessageBody": "x"} for i in range(11)])
call("batch_same_ids", "send_message_batch", QueueUrl=jobs, Entries=[{"Id": "a", "MessageBody": "x"}, {"Id": "a", "MessageBody": "y"}])
call("batch_bad_id", "send_message_batch", QueueUrl=jobs, Entries=[{"Id": "no spaces", "MessageBody": "x"}])

# Receiving: three visible (the delayed one is not), attributes as asked
received = call("receive", "receive_message", QueueUrl=jobs, MaxNumberOfMessages=10, MessageAttributeNames=["All"],
                MessageSystemAttributeNames=["All"], VisibilityTimeout=900)
messages = received.get("Messages", [])
first = next((m for m in messages if m["Body"] == '{"n": 1}'), {})
out["receive_md5_ok"] = first.get("MD5OfBody") == hashlib.md5(b'{"n": 1}').hexdigest() and \
    first.get("MD5OfMessageAttributes") == attributes_md5(first.get("MessageAttributes", {}))
out["receive_blob"] = first.get("MessageAttributes", {}).get("blob", {}).get("BinaryValue", b"").decode("latin-1")
call("receive_bad_max", "receive_message", QueueUrl=jobs, MaxNumberOfMessages=11)
call("receive_bad_wait", "receive_message", QueueUrl=jobs, WaitTimeSeconds=21)

# Visibility: make one visible again at once, then its handle no longer names a message in flight
second = next((m for m in messages if m["Body"] == "second"), {})
call("visibility", "change_message_visibility", QueueUrl=jobs, ReceiptHandle=second.get("ReceiptHandle", ""), VisibilityTimeout=0)
call("visibility_again", "change_message_visibility", QueueUrl=jobs, ReceiptHandle=second.get("ReceiptHandle", ""), VisibilityTimeout=0)
call("visibility_bogus", "change_message_visibility", QueueUrl=jobs, ReceiptHandle="bogus", VisibilityTimeout=10)
third = next((m for m in messages if m["Body"] == "third"), {})
call("visibility_batch", "change_message_visibility_batch", QueueUrl=jobs, Entries=[
    {"Id": "ok", "ReceiptHandle": third.get("ReceiptHandle", ""), "VisibilityTimeout": 900}, {"Id": "bad", "ReceiptHandle": "bogus", "VisibilityTimeout": 900}])
# Received once already with maxReceiveCount 1: the redrive policy moves it to the DLQ.
call("receive_redriven", "receive_message", QueueUrl=jobs, MaxNumberOfMessages=10)
call("dlq_receive", "receive_message", QueueUrl=dlq, MaxNumberOfMessages=10, MessageSystemAttributeNames=["ApproximateReceiveCount"])

# Deleting
call("delete", "delete_message", QueueUrl=jobs, ReceiptHandle=first.get("ReceiptHandle", ""))
call("delete_bogus", "delete_message", QueueUrl=jobs, ReceiptHandle="bogus")
call("delete_batch", "delete_message_batch", QueueUrl=jobs, Entries=[{"Id": "ok", "ReceiptHandle": third.get("ReceiptHandle", "")}, {"Id": "bad", "ReceiptHandle": "bogus"}])

# Long polling: the message is sent half a second into a 10-second wait and returned by it.
call("create_poll", "create_queue", QueueName="poll")
poll = sqs.get_queue_url(QueueName="poll")["QueueUrl"]
threading.Timer(0.5, lambda: sqs.send_message(QueueUrl=poll, MessageBody="arrived")).start()
started = time.monotonic()
call("long_poll", "receive_message", QueueUrl=poll, WaitTimeSeconds=10)
out["long_poll_returned_early"] = time.monotonic() - started < 9
call("empty_poll", "receive_message", QueueUrl=poll, WaitTimeSeconds=1)

# Purge (once a minute), delete
call("purge", "purge_queue", QueueUrl=poll)
call("purge_again", "purge_queue", QueueUrl=poll)
call("delete_queue", "delete_queue", QueueUrl=poll)
call("deleted_url", "get_queue_url", QueueName="poll")

# What botocore cannot send: a modeled operation not served, and a target no service has.
call("tag", "tag_queue", QueueUrl=jobs, Tags={"team": "a"})
request = urllib.request.Request(endpoint + "/", data=b"{}", method="POST", headers={
    "X-Amz-Target": "AmazonSQS.Bogus", "Content-Type": "application/x-amz-json-1.0"})
try:
    urllib.request.urlopen(request)
except urllib.error.HTTPError as error:
    out["unknown"] = {"status": error.code, "body": json.loads(error.read()), "query_error": error.headers.get("x-amzn-query-error")}
print(json.dumps(out, default=str))
