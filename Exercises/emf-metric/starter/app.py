def lambda_handler(event, context):
    orders = event.get("orders", [])
    print(f"OrdersPlaced: {len(orders)}")
    return {"placed": len(orders)}
