import TutorSupport

/// Starter code for `fn new --template hello|s3|api|sqs`, in Python and in Node.js. Each reads
/// the matching sample event (`invoke NAME --event s3-put` and so on), prints something worth
/// seeing in the logs, and returns what that event source expects.
package enum FunctionTemplate {
    package enum Kind: String, Sendable, CaseIterable {
        case hello, s3, api, sqs

        /// The sample event the template is written for.
        package var sampleEvent: String {
            switch self {
            case .hello: return "hello"
            case .s3: return "s3-put"
            case .api: return "apigateway-rest"
            case .sqs: return "sqs"
            }
        }
    }

    package struct File: Sendable {
        package var name: String
        package var handler: String
        package var contents: String
    }

    package static func kind(named name: String) throws(MiniLambdaError) -> Kind {
        if let kind = Kind(rawValue: name) { return kind }
        var message = "unknown template '\(name)'; templates are \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"
        if let hint = Suggestions.didYouMean(name, in: Kind.allCases.map(\.rawValue)) { message = "unknown template '\(name)': \(hint)" }
        throw MiniLambdaError(.invalidParameter, message)
    }

    package static func source(_ kind: Kind, runtime: FunctionRuntime) -> File {
        switch runtime.family {
        case .python:
            return File(name: "lambda_function.py", handler: "lambda_function.lambda_handler", contents: python(kind))
        case .node:
            return File(name: "index.mjs", handler: "index.handler", contents: node(kind))
        }
    }

    static func python(_ kind: Kind) -> String {
        switch kind {
        case .hello:
            return #"""
            import json

            # Code out here runs once per execution environment (INIT): a cold start pays for it,
            # warm invocations reuse what it built.
            greeting = "Hello"


            def lambda_handler(event, context):
                print(f"{greeting} from {context.function_name}; {context.get_remaining_time_in_millis()} ms left")
                return {"statusCode": 200, "body": json.dumps({"message": greeting, "event": event})}

            """#
        case .s3:
            return #"""
            import urllib.parse


            def lambda_handler(event, context):
                # One S3 notification can carry several records.
                keys = []
                for record in event["Records"]:
                    bucket = record["s3"]["bucket"]["name"]
                    # Object keys arrive URL-encoded ("my+file.jpg" for "my file.jpg").
                    key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
                    print(f"{record['eventName']}: s3://{bucket}/{key} ({record['s3']['object'].get('size', 0)} bytes)")
                    keys.append(key)
                return {"processed": keys}

            """#
        case .api:
            return #"""
            import json


            def lambda_handler(event, context):
                # API Gateway (proxy integration) wants statusCode, headers and a *string* body.
                name = (event.get("queryStringParameters") or {}).get("name", "world")
                print(f"{event['httpMethod']} {event['path']} name={name}")
                return {
                    "statusCode": 200,
                    "headers": {"Content-Type": "application/json"},
                    "body": json.dumps({"hello": name}),
                }

            """#
        case .sqs:
            return #"""
            import json


            def lambda_handler(event, context):
                # Report only the failed messages (ReportBatchItemFailures); the rest are deleted.
                failures = []
                for record in event["Records"]:
                    try:
                        body = json.loads(record["body"])
                        print(f"message {record['messageId']}: {body}")
                    except ValueError:
                        print(f"message {record['messageId']} is not JSON")
                        failures.append({"itemIdentifier": record["messageId"]})
                return {"batchItemFailures": failures}

            """#
        }
    }

    static func node(_ kind: Kind) -> String {
        switch kind {
        case .hello:
            return #"""
            // Code out here runs once per execution environment (INIT): a cold start pays for it,
            // warm invocations reuse what it built.
            const greeting = 'Hello';

            export const handler = async (event, context) => {
              console.log(`${greeting} from ${context.functionName}; ${context.getRemainingTimeInMillis()} ms left`);
              return { statusCode: 200, body: JSON.stringify({ message: greeting, event }) };
            };

            """#
        case .s3:
            return #"""
            export const handler = async (event) => {
              // One S3 notification can carry several records.
              const keys = [];
              for (const record of event.Records) {
                const bucket = record.s3.bucket.name;
                // Object keys arrive URL-encoded ("my+file.jpg" for "my file.jpg").
                const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
                console.log(`${record.eventName}: s3://${bucket}/${key} (${record.s3.object.size ?? 0} bytes)`);
                keys.push(key);
              }
              return { processed: keys };
            };

            """#
        case .api:
            return #"""
            export const handler = async (event) => {
              // API Gateway (proxy integration) wants statusCode, headers and a *string* body.
              const name = event.queryStringParameters?.name ?? 'world';
              console.log(`${event.httpMethod} ${event.path} name=${name}`);
              return {
                statusCode: 200,
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ hello: name }),
              };
            };

            """#
        case .sqs:
            return #"""
            export const handler = async (event) => {
              // Report only the failed messages (ReportBatchItemFailures); the rest are deleted.
              const batchItemFailures = [];
              for (const record of event.Records) {
                try {
                  console.log(`message ${record.messageId}:`, JSON.parse(record.body));
                } catch {
                  console.log(`message ${record.messageId} is not JSON`);
                  batchItemFailures.push({ itemIdentifier: record.messageId });
                }
              }
              return { batchItemFailures };
            };

            """#
        }
    }
}
