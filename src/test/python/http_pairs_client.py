"""The Python client of scripts/benchmark http (HttpPairsBenchmark): PUT+GET ?notification pairs over one kept-alive
connection per endpoint (a requests.Session), every request signed just before it is sent, by botocore's S3 SigV4
signer, as boto3 signs it (payload hash included, since the endpoints are plain http).

usage: python3 http_pairs_client.py ACCESS_KEY_ID SECRET_ACCESS_KEY REGION
Then one JSON command per line on standard input, one JSON answer per line on standard output:
  {"endpoint": "http://127.0.0.1:9090", "bucket": "b", "body": "<NotificationConfiguration...", "seconds": 5}
  -> {"pairs": 1234, "seconds": 5.001, "putMillis": [...sorted], "getMillis": [...sorted]}
A pair whose PUT or GET does not answer 200 ends the run with {"error": "..."}.
"""
import json
import sys
import time

import requests
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def signed(credentials, region, method, url, body, headers):
    request = AWSRequest(method=method, url=url, data=body, headers=headers)
    S3SigV4Auth(credentials, "s3", region).add_auth(request)
    return {name: value.decode() if isinstance(value, bytes) else value for name, value in request.headers.items()}


def run(session, credentials, region, command):
    url = command["endpoint"].rstrip("/") + "/" + command["bucket"] + "?notification"
    body = command["body"].encode()
    put_headers = {"x-amz-skip-destination-validation": "true"}
    puts, gets = [], []
    started = time.perf_counter()
    end = started + command["seconds"]
    pairs = 0
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        put = session.put(url, data=body, headers=signed(credentials, region, "PUT", url, body, put_headers))
        t1 = time.perf_counter()
        get = session.get(url, headers=signed(credentials, region, "GET", url, b"", {}))
        t2 = time.perf_counter()
        for response in (put, get):
            if response.status_code != 200:
                return {"error": f"{response.request.method} {url} answered {response.status_code}: {response.text[:500]}"}
        if pairs == 0 and "config-" not in get.text:
            return {"error": f"GET {url} did not return the configuration PUT: {get.text[:500]}"}
        puts.append((t1 - t0) * 1000)
        gets.append((t2 - t1) * 1000)
        pairs += 1
    return {"pairs": pairs, "seconds": time.perf_counter() - started, "putMillis": sorted(puts), "getMillis": sorted(gets)}


def main():
    access_key_id, secret_access_key, region = sys.argv[1:4]
    credentials = Credentials(access_key_id, secret_access_key)
    sessions = {}
    for line in sys.stdin:
        command = json.loads(line)
        session = sessions.get(command["endpoint"])
        if session is None:
            session = sessions[command["endpoint"]] = requests.Session()
            session.trust_env = False  # no proxy from the environment between the client and 127.0.0.1
        print(json.dumps(run(session, credentials, region, command)), flush=True)


if __name__ == "__main__":
    main()
