import secret_store


def lambda_handler(event, context):
    token = secret_store.get_secret("api-token")
    return {"authorized": event.get("token") == token}
