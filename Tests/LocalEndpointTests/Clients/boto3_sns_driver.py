"""SNS through stock boto3 (query protocol, XML answers): topics, subscriptions to queues and a
function, publish and publish_batch fanned out, and AWS's refusals.

Run by SNSClientTests with the endpoint; prints one JSON object the Swift test checks. The
function "listener" is created here through the Lambda API on the same port.
"""
import json, sys
import boto3
from botocore.config import Config
from driver_support import package

endpoint = sys.argv[1]
kwargs = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
              config=Config(retries={"total_max_attempts": 1}, read_timeout=60))
sns, sqs, lam = boto3.client("sns", **kwargs), boto3.client("sqs", **kwargs), boto3.client("lambda", **kwargs)
out = {}

def call(client, key, method, **arguments):
    try:
        response = getattr(client, method)(**arguments)
        response["status"] = response.pop("ResponseMetadata")["HTTPStatusCode"]
        out[key] = response
    except client.exceptions.ClientError as error:
        out[key] = {"status": error.response["ResponseMetadata"]["HTTPStatusCode"], "code": error.response["Error"]["Code"],
                    "message": error.response["Error"].get("Message", ""), "modeled": type(error).__name__}
    return out[key]

CODE = """
def handler(event, context):
    return {"subject": event["Records"][0]["Sns"]["Subject"]}
"""
call(lam, "create_function", "create_function", FunctionName="listener", Runtime="python3.12", Role="arn:aws:iam::123456789012:role/r",
     Handler="app.handler", Code={"ZipFile": package({"app.py": CODE})})
function_arn = out["create_function"].get("FunctionArn", "")
envelope_url = sqs.create_queue(QueueName="envelope")["QueueUrl"]
raw_url = sqs.create_queue(QueueName="raw")["QueueUrl"]
arn_of = lambda url: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

topic = call(sns, "create", "create_topic", Name="orders", Attributes={"DisplayName": "Orders"}).get("TopicArn", "")
call(sns, "create_again", "create_topic", Name="orders")
call(sns, "create_fifo", "create_topic", Name="orders.fifo", Attributes={"FifoTopic": "true"})
call(sns, "list", "list_topics")
call(sns, "set_attribute", "set_topic_attributes", TopicArn=topic, AttributeName="DisplayName", AttributeValue="All orders")
call(sns, "attributes", "get_topic_attributes", TopicArn=topic)
call(sns, "attributes_missing", "get_topic_attributes", TopicArn="arn:aws:sns:us-east-1:123456789012:nope")

envelope = call(sns, "subscribe_queue", "subscribe", TopicArn=topic, Protocol="sqs", Endpoint=arn_of(envelope_url)).get("SubscriptionArn", "")
raw = call(sns, "subscribe_raw", "subscribe", TopicArn=topic, Protocol="sqs", Endpoint=arn_of(raw_url),
           Attributes={"RawMessageDelivery": "true"}).get("SubscriptionArn", "")
call(sns, "subscribe_function", "subscribe", TopicArn=topic, Protocol="lambda", Endpoint=function_arn)
call(sns, "subscribe_http", "subscribe", TopicArn=topic, Protocol="http", Endpoint="http://example.com/")
filtered_url = sqs.create_queue(QueueName="filtered")["QueueUrl"]
filtered = call(sns, "subscribe_filtered", "subscribe", TopicArn=topic, Protocol="sqs", Endpoint=arn_of(filtered_url),
                Attributes={"FilterPolicy": json.dumps({"channel": ["web"]}), "RawMessageDelivery": "true"}).get("SubscriptionArn", "")
call(sns, "subscribe_filter", "subscribe", TopicArn=topic, Protocol="sqs", Endpoint=arn_of(raw_url),
     Attributes={"FilterPolicy": json.dumps({"order": {"channel": ["web"]}})})
call(sns, "subscribe_missing", "subscribe", TopicArn="arn:aws:sns:us-east-1:123456789012:nope", Protocol="sqs", Endpoint=arn_of(raw_url))
call(sns, "subscriptions", "list_subscriptions")
call(sns, "subscriptions_by_topic", "list_subscriptions_by_topic", TopicArn=topic)
call(sns, "subscription_attributes", "get_subscription_attributes", SubscriptionArn=raw)

call(sns, "publish", "publish", TopicArn=topic, Message='{"order": 7}', Subject="New order",
     MessageAttributes={"channel": {"DataType": "String", "StringValue": "web"}})
call(sns, "publish_batch", "publish_batch", TopicArn=topic, PublishBatchRequestEntries=[
    {"Id": "one", "Message": "batch one"}, {"Id": "two", "Message": "batch two", "Subject": "Second"}])
call(sns, "publish_batch_same_ids", "publish_batch", TopicArn=topic, PublishBatchRequestEntries=[
    {"Id": "x", "Message": "a"}, {"Id": "x", "Message": "b"}])
call(sns, "publish_structure", "publish", TopicArn=topic, MessageStructure="json", Message=json.dumps({"default": "plain", "sqs": "for queues"}))
call(sns, "publish_structure_bad", "publish", TopicArn=topic, MessageStructure="json", Message=json.dumps({"sqs": "no default"}))
call(sns, "publish_missing", "publish", TopicArn="arn:aws:sns:us-east-1:123456789012:nope", Message="x")
call(sns, "publish_empty", "publish", TopicArn=topic, Message="")

call(sqs, "filtered_messages", "receive_message", QueueUrl=filtered_url, MaxNumberOfMessages=10)
call(sns, "filtered_attributes", "get_subscription_attributes", SubscriptionArn=filtered)
call(sns, "set_filter_scope", "set_subscription_attributes", SubscriptionArn=filtered, AttributeName="FilterPolicyScope", AttributeValue="Body")
call(sqs, "envelope_messages", "receive_message", QueueUrl=envelope_url, MaxNumberOfMessages=10)
call(sqs, "raw_messages", "receive_message", QueueUrl=raw_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])

# A topic as the function's DLQ (DeadLetterConfig).
call(lam, "dlq_topic", "update_function_configuration", FunctionName="listener", DeadLetterConfig={"TargetArn": topic})
call(lam, "dlq_function", "update_function_configuration", FunctionName="listener", DeadLetterConfig={"TargetArn": function_arn})
call(lam, "configuration", "get_function_configuration", FunctionName="listener")

call(sns, "unsubscribe", "unsubscribe", SubscriptionArn=envelope)
call(sns, "unsubscribe_again", "unsubscribe", SubscriptionArn=envelope)
call(sns, "delete", "delete_topic", TopicArn=topic)
call(sns, "list_after", "list_topics")
call(sns, "push", "create_platform_application", Name="app", Platform="GCM", Attributes={})
print(json.dumps(out, default=str))
