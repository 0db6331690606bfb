import catalog


def lambda_handler(event, context):
    client = catalog.make_client()
    return {"price": client.price(event["sku"])}
