import secret_store

# Kept for the life of the execution environment; fetched on first use.
_token = None


def lambda_handler(event, context):
    global _token
    if _token is None:
        _token = secret_store.get_secret("api-token")
    return {"authorized": event.get("token") == _token}
