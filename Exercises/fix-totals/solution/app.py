def number(value):
    """The amount as a number, or None when it is not one."""
    if isinstance(value, bool):
        return None
    try:
        parsed = float(value)
    except (TypeError, ValueError):
        return None
    return int(parsed) if parsed == int(parsed) else parsed


def lambda_handler(event, context):
    values = [v for v in (number(a) for a in event.get("amounts", [])) if v is not None]
    return {"total": sum(values), "distinct": sorted(set(values))}
