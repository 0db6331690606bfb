def lambda_handler(event, context):
    # TODO: greet event["name"], or "world" when the event has no name.
    name = event["name"]
    return "Hello, " + name
