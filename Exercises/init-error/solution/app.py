import os


class ConfigurationError(Exception):
    """The function's configuration is incomplete."""


TABLE = os.environ.get("TABLE_NAME") or None


def lambda_handler(event, context):
    if TABLE is None:
        raise ConfigurationError("the TABLE_NAME environment variable is not set")
    return {"table": TABLE}
