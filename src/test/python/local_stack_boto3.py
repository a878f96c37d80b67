"""boto3 against the local stack, as a user would call it: the deprecated PutBucketNotification and
GetBucketNotification, virtual-hosted-style addressing, and an error's details. Prints what S3 answered as one
JSON document on standard output; LocalStackClientsIT asserts on it.

usage: python3 local_stack_boto3.py ENDPOINT TOPIC_ARN BUCKET_PREFIX   (ENDPOINT like http://localhost:9090)
with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set to a key pair the local stack announced
"""
import json
import socket
import sys

import boto3
import botocore
from botocore.config import Config

from s3_answers import error

endpoint, topic_arn, prefix = sys.argv[1:4]

# RFC 6761 reserves *.localhost for loopback, but not every resolver knows (glibc without systemd-resolved does not).
# Virtual-hosted-style requests go to <bucket>.localhost, so resolve such names here as such a resolver would.
_getaddrinfo = socket.getaddrinfo


def _loopback_getaddrinfo(host, *args, **kwargs):
    if isinstance(host, str) and host.endswith(".localhost"):
        host = "127.0.0.1"
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _loopback_getaddrinfo

sent = []  # every request's method and URL, as botocore sent it
integrity = []  # the integrity headers of the last request: PutBucketNotification requires one


def record(request, **_):
    sent.append(f"{request.method} {request.url}")
    integrity[:] = sorted(name.lower() for name in request.headers
                          if name.lower() == "content-md5" or name.lower().startswith("x-amz-checksum-"))


def client(addressing_style):
    # Credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: a key pair the local stack announced.
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                      config=Config(s3={"addressing_style": addressing_style}, retries={"max_attempts": 1}))
    s3.meta.events.register("before-send", record)
    return s3


def answer(response):
    """The operation's output without the transport details, plus the headers worth asserting."""
    headers = response["ResponseMetadata"]["HTTPHeaders"]
    result = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    result["status"] = response["ResponseMetadata"]["HTTPStatusCode"]
    if "x-amz-sns-test-message-id" in headers:
        result["x-amz-sns-test-message-id"] = headers["x-amz-sns-test-message-id"]
    return result


report = {"boto3": boto3.__version__, "botocore": botocore.__version__}

# The deprecated API (2010), path-style.
path_style = client("path")
legacy = prefix + "-legacy"
report["create_bucket"] = answer(path_style.create_bucket(Bucket=legacy))
report["put_bucket_notification_events"] = answer(path_style.put_bucket_notification(
    Bucket=legacy, NotificationConfiguration={"TopicConfiguration": {
        "Id": "legacy-events", "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"], "Topic": topic_arn}}))
report["put_bucket_notification_events"]["integrity_headers"] = list(integrity)
report["get_bucket_notification_events"] = answer(path_style.get_bucket_notification(Bucket=legacy))
report["get_bucket_notification_configuration_after_legacy_put"] = answer(
    path_style.get_bucket_notification_configuration(Bucket=legacy))
report["put_bucket_notification_event"] = answer(path_style.put_bucket_notification(
    Bucket=legacy, NotificationConfiguration={"TopicConfiguration": {
        "Event": "s3:ReducedRedundancyLostObject", "Topic": topic_arn}}))
report["get_bucket_notification_event"] = answer(path_style.get_bucket_notification(Bucket=legacy))
report["unknown_topic"] = error(lambda: path_style.put_bucket_notification_configuration(
    Bucket=legacy, NotificationConfiguration={"TopicConfigurations": [{
        "TopicArn": topic_arn + "-missing", "Events": ["s3:ObjectCreated:*"]}]}))
path_style.delete_bucket(Bucket=legacy)

# The current API, virtual-hosted-style: the bucket travels in the Host header.
virtual = client("virtual")
hosted = prefix + "-hosted"
sent.clear()
report["virtual_create_bucket"] = answer(virtual.create_bucket(Bucket=hosted))
report["virtual_put_bucket_notification_configuration"] = answer(virtual.put_bucket_notification_configuration(
    Bucket=hosted, NotificationConfiguration={"TopicConfigurations": [{
        "Id": "hosted", "TopicArn": topic_arn, "Events": ["s3:ObjectCreated:Put"],
        "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".csv"}]}}}]}))
report["virtual_get_bucket_notification_configuration"] = answer(
    virtual.get_bucket_notification_configuration(Bucket=hosted))
report["virtual_head_bucket"] = answer(virtual.head_bucket(Bucket=hosted))
report["virtual_delete_bucket"] = answer(virtual.delete_bucket(Bucket=hosted))
report["virtual_no_such_bucket"] = error(lambda: virtual.get_bucket_notification_configuration(Bucket=hosted))
report["virtual_requests"] = list(sent)

json.dump(report, sys.stdout, indent=2, default=str)
print()
