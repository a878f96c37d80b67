"""What the boto3 scripts beside this one (local_stack_auth.py, local_stack_boto3.py) read from S3's answers."""
from botocore.exceptions import ClientError


def error(call):
    """S3's answer to a call that must fail: the status and every element of the error document."""
    try:
        call()
    except ClientError as e:
        return {"status": e.response["ResponseMetadata"]["HTTPStatusCode"], "Error": e.response["Error"]}
    raise AssertionError("expected an error")
