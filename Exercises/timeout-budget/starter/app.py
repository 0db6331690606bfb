import work


def lambda_handler(event, context):
    done = [work.process(item) for item in event["items"]]
    return {"done": done, "remaining": [], "complete": True}
