import work

# Stop while this much time is left (at least a second), so the answer gets out before the timeout.
SAFETY_MS = 1500


def lambda_handler(event, context):
    items = event["items"]
    done = []
    for item in items:
        if context.get_remaining_time_in_millis() < SAFETY_MS:
            break
        done.append(work.process(item))
    remaining = items[len(done):]
    return {"done": done, "remaining": remaining, "complete": not remaining}
