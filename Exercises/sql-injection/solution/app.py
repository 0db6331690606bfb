import db

connection = db.connect()


def lambda_handler(event, context):
    rows = connection.execute("SELECT name, email FROM customers WHERE name = ?", (event["name"],)).fetchall()
    return {"customers": [{"name": name, "email": email} for name, email in rows]}
