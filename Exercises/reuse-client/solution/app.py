import catalog

# Created once per execution environment, during INIT; warm invokes reuse it.
client = catalog.make_client()


def lambda_handler(event, context):
    return {"price": client.price(event["sku"])}
