"""boto3 against the local stack's signature verification and bucket policies, as users would call it: SigV4 (the
default), SigV2 (signature_version='s3'), presigned URLs fetched with plain HTTP, and every refusal S3 answers with.
Prints one JSON document on standard output; AuthenticationClientsIT asserts on it.

usage: python3 local_stack_auth.py ENDPOINT TOPIC_ARN BUCKET OWNER_KEY OWNER_SECRET OTHER_KEY OTHER_SECRET OTHER_ACCOUNT \
    STAGE_ENDPOINT
BUCKET must exist, owned by OWNER_KEY's account, with no notification configuration and no policy. STAGE_ENDPOINT
serves the same API behind an API Gateway stage (like http://127.0.0.1:PORT/prod).
"""
import datetime
import json
import sys
import urllib.error
import urllib.request

import boto3
import botocore.auth
from botocore import UNSIGNED
from botocore.config import Config

from s3_answers import error

endpoint, topic_arn, bucket, owner_key, owner_secret, other_key, other_secret, other_account, stage = sys.argv[1:10]


def client(key=owner_key, secret=owner_secret, region="us-east-1", url=endpoint, **config):
    return boto3.client("s3", endpoint_url=url, region_name=region, aws_access_key_id=key,
                        aws_secret_access_key=secret,
                        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}, **config))


def status(response):
    return response["ResponseMetadata"]["HTTPStatusCode"]


def fetch(url):
    """A presigned URL fetched with plain HTTP, as a browser or curl would: status and body."""
    try:
        with urllib.request.urlopen(url) as response:
            return {"status": response.status, "body": response.read().decode()}
    except urllib.error.HTTPError as e:
        return {"status": e.code, "body": e.read().decode()}


def configuration(event):
    return {"TopicConfigurations": [{"Id": "by-boto3", "TopicArn": topic_arn, "Events": [event]}]}


def stored():
    """The configuration as the owner reads it: what a rejected request must have left unchanged."""
    response = owner.get_bucket_notification_configuration(Bucket=bucket)
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


class ClockOffset:
    """botocore signs with the time of botocore.auth.get_current_datetime: moved, as a wrong client clock would be."""

    def __init__(self, offset):
        self.offset = offset
        self.original = botocore.auth.get_current_datetime

    def __enter__(self):
        botocore.auth.get_current_datetime = lambda: self.original() + self.offset

    def __exit__(self, *exc):
        botocore.auth.get_current_datetime = self.original


report = {"boto3": boto3.__version__, "botocore": botocore.__version__}
owner = client()

# SigV4, the right key: PUT and GET.
report["sigv4_put"] = status(owner.put_bucket_notification_configuration(
    Bucket=bucket, NotificationConfiguration=configuration("s3:ObjectCreated:*")))
report["sigv4_get"] = stored()
before = stored()

# SigV2, the right key and a wrong secret.
v2 = client(signature_version="s3")
report["sigv2_get"] = {k: v for k, v in v2.get_bucket_notification_configuration(Bucket=bucket).items()
                       if k != "ResponseMetadata"}
# Through the stage: SigV4 signs the path with the stage; SigV2 signs /bucket/, whatever the path.
report["stage_sigv4_get"] = {k: v for k, v in client(url=stage).get_bucket_notification_configuration(Bucket=bucket)
                             .items() if k != "ResponseMetadata"}
report["stage_sigv2_get"] = {k: v for k, v in client(url=stage, signature_version="s3")
                             .get_bucket_notification_configuration(Bucket=bucket).items() if k != "ResponseMetadata"}
report["sigv2_wrong_secret"] = error(lambda: client(secret="wrong" + owner_secret, signature_version="s3")
                                     .put_bucket_notification_configuration(
    Bucket=bucket, NotificationConfiguration=configuration("s3:ObjectRemoved:*")))

# Refusals of SigV4 requests; none may change what is stored.
report["sigv4_wrong_secret"] = error(lambda: client(secret="wrong" + owner_secret).put_bucket_notification_configuration(
    Bucket=bucket, NotificationConfiguration=configuration("s3:ObjectRemoved:*")))
report["unknown_key"] = error(lambda: client(key="AKIAUNKNOWNEXAMPLE00").get_bucket_notification_configuration(
    Bucket=bucket))
# A client configured for another region: S3 answers AuthorizationHeaderMalformed naming the bucket's region, and
# botocore's S3RegionRedirector signs again for it. Every answer and the scope of every attempt are recorded.
wrong_region = client(region="eu-west-1")
answers, scopes = [], []
wrong_region.meta.events.register("before-send", lambda request, **_: scopes.append(
    request.headers["Authorization"].decode().split("Credential=")[1].split(",")[0].split("/", 1)[1]))
wrong_region.meta.events.register("needs-retry.s3", lambda response, **_: answers.append(
    {"status": response[0].status_code, "Error": response[1].get("Error")}) if response else None)
report["wrong_region_result"] = status(wrong_region.get_bucket_notification_configuration(Bucket=bucket))
report["wrong_region"] = answers[0]
report["wrong_region_scopes"] = scopes
report["anonymous"] = error(lambda: client(signature_version=UNSIGNED).get_bucket_notification_configuration(
    Bucket=bucket))
with ClockOffset(datetime.timedelta(minutes=-20)):
    report["skewed_clock"] = error(lambda: owner.put_bucket_notification_configuration(
        Bucket=bucket, NotificationConfiguration=configuration("s3:ObjectRemoved:*")))


def tamper(request, **_):
    """After signing, on the way: the body is not the one whose hash was signed (same length)."""
    request.body = request.body.replace(b"ObjectCreated", b"ObjectRemoved")


tampering = client()
tampering.meta.events.register("before-send.s3.PutBucketNotificationConfiguration", tamper)
report["tampered_body"] = error(lambda: tampering.put_bucket_notification_configuration(
    Bucket=bucket, NotificationConfiguration=configuration("s3:ObjectCreated:Put")))
report["unchanged_after_refusals"] = stored() == before

# Presigned URLs, fetched with plain HTTP. botocore presigns with SigV2 unless told s3v4.
presigner = client(signature_version="s3v4")
v4_url = presigner.generate_presigned_url("get_bucket_notification_configuration", Params={"Bucket": bucket},
                                          ExpiresIn=300)
report["presigned_v4"] = dict(fetch(v4_url), signed="X-Amz-Algorithm=AWS4-HMAC-SHA256" in v4_url)
v2_url = v2.generate_presigned_url("get_bucket_notification_configuration", Params={"Bucket": bucket}, ExpiresIn=300)
report["presigned_v2"] = dict(fetch(v2_url), signed="AWSAccessKeyId=" in v2_url and "Expires=" in v2_url)
with ClockOffset(datetime.timedelta(hours=-2)):  # signed two hours ago, valid for one
    expired = presigner.generate_presigned_url("get_bucket_notification_configuration", Params={"Bucket": bucket},
                                               ExpiresIn=3600)
report["presigned_expired"] = fetch(expired)
report["presigned_tampered"] = fetch(v4_url.replace("X-Amz-Expires=300", "X-Amz-Expires=600"))

# Another account: refused without a grant, allowed with one, refused again by an explicit Deny.
other = client(key=other_key, secret=other_secret)
report["other_without_grant_get"] = error(lambda: other.get_bucket_notification_configuration(Bucket=bucket))
report["other_without_grant_put"] = error(lambda: other.put_bucket_notification_configuration(
    Bucket=bucket, NotificationConfiguration=configuration("s3:ObjectRemoved:*")))
report["unchanged_after_other_without_grant"] = stored() == before
grant = {"Sid": "OtherAccountNotifications", "Effect": "Allow", "Principal": {"AWS": other_account},
         "Action": ["s3:GetBucketNotification", "s3:PutBucketNotification"], "Resource": "arn:aws:s3:::" + bucket}
report["put_policy"] = status(owner.put_bucket_policy(Bucket=bucket, Policy=json.dumps(
    {"Version": "2012-10-17", "Statement": [grant]})))
report["get_policy"] = json.loads(owner.get_bucket_policy(Bucket=bucket)["Policy"])
report["other_with_grant_put"] = status(other.put_bucket_notification_configuration(
    Bucket=bucket, NotificationConfiguration=configuration("s3:ObjectRemoved:*")))
report["other_with_grant_get"] = {k: v for k, v in other.get_bucket_notification_configuration(Bucket=bucket).items()
                                  if k != "ResponseMetadata"}
report["other_get_policy"] = error(lambda: other.get_bucket_policy(Bucket=bucket))
deny = {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::" + other_account + ":root"},
        "Action": "s3:PutBucketNotification", "Resource": "arn:aws:s3:::" + bucket}
owner.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [grant, deny]}))
before_deny = stored()
report["other_explicitly_denied_put"] = error(lambda: other.put_bucket_notification_configuration(
    Bucket=bucket, NotificationConfiguration=configuration("s3:ObjectTagging:*")))
report["unchanged_after_explicit_deny"] = stored() == before_deny
report["other_explicitly_denied_still_gets"] = status(other.get_bucket_notification_configuration(Bucket=bucket))
report["malformed_policy"] = error(lambda: owner.put_bucket_policy(Bucket=bucket, Policy=json.dumps(
    {"Statement": [dict(grant, Resource="arn:aws:s3:::another-bucket")]})))
report["delete_policy"] = status(owner.delete_bucket_policy(Bucket=bucket))
report["no_policy"] = error(lambda: owner.get_bucket_policy(Bucket=bucket))
report["other_after_delete"] = error(lambda: other.get_bucket_notification_configuration(Bucket=bucket))

json.dump(report, sys.stdout, indent=2, default=str)
print()
