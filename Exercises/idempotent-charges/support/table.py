"""A stand-in for a DynamoDB table written with a conditional expression
(do not edit: the tests use their own copy).

On AWS this would be `put_item(..., ConditionExpression="attribute_not_exists(pk)")`, which
fails with ConditionalCheckFailedException when the key exists. Here the table lives in the
execution environment's memory."""

_items = set()


class ConditionalCheckFailedException(Exception):
    pass


def put_if_absent(key):
    if key in _items:
        print(f"ConditionalCheckFailedException: {key} is already in the table")
        raise ConditionalCheckFailedException(key)
    _items.add(key)
