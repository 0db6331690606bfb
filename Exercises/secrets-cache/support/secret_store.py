"""A stand-in for Secrets Manager's GetSecretValue (do not edit: the tests use their own copy)."""
import time

_SECRETS = {"api-token": "s3cr3t"}


def get_secret(name):
    print(f"fetching secret {name}")
    time.sleep(0.2)
    return _SECRETS[name]
