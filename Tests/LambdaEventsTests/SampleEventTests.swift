import Foundation
import LambdaEvents
import MiniLambda
import TestSupport
import Testing

struct SampleEventTests {
    @Test func everyEventIsValidJSON() throws {
        for name in SampleEvents.names {
            let data = try SampleEvents.data(name)
            #expect(throws: Never.self) { try PayloadValidator.validate(data) }
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name)")
        }
        #expect(SampleEvents.names.count == 12)
    }

    /// A JSON file added to the resources without a catalog entry is never offered to a
    /// learner, and an entry without its file fails only when someone invokes it: both are caught here.
    @Test func everyShippedFileHasACatalogEntryAndBack() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/LambdaEvents/SampleEvents")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let shipped = Set(files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(".json".count)) })
        #expect(!shipped.isEmpty, "no sample events found in \(folder.path)")
        #expect(files.allSatisfy { $0.hasSuffix(".json") }, "not an event: \(files.filter { !$0.hasSuffix(".json") })")
        #expect(shipped.subtracting(SampleEvents.names).isEmpty, "files without a catalog entry: \(shipped.subtracting(SampleEvents.names).sorted())")
        #expect(Set(SampleEvents.names).subtracting(shipped).isEmpty, "catalog entries without a file: \(Set(SampleEvents.names).subtracting(shipped).sorted())")
        #expect(Set(SampleEvents.names).count == SampleEvents.names.count, "a name is in the catalog twice")
        for entry in SampleEvents.catalog {
            #expect(!entry.summary.isEmpty && !entry.invocation.isEmpty, "\(entry.name)")
        }
    }

    @Test func overridesChangeThePath() throws {
        let data = try SampleEvents.event("s3-put", overrides: ["Records[0].s3.object.key=dog.png", "Records[0].s3.object.size=7", "tutorNote=true"])
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let record = try #require((json["Records"] as? [[String: Any]])?.first)
        let object = try #require((record["s3"] as? [String: Any])?["object"] as? [String: Any])
        #expect(object["key"] as? String == "dog.png")
        #expect(object["size"] as? Int == 7)
        #expect(json["tutorNote"] as? Bool == true)
    }

    @Test func badOverridesAreExplained() throws {
        #expect(throws: SampleEventError.self) { try SampleEvents.event("s3-put", overrides: ["Records[5].s3=1"]) }
        do {
            _ = try SampleEvents.event("s3-put", overrides: ["Records[0].s4.bucket=x"])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("did you mean 's3'?"))
        }
        do {
            _ = try SampleEvents.data("s3-pot")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unknownEvent)
            #expect(error.message.contains("did you mean 's3-put'"))
        }
    }

    /// Each event parses with the AWS Lambda Powertools event classes and their strict pydantic
    /// models, which encode the shapes AWS documents.
    @Test func powertoolsParsesEveryEvent() throws {
        let venv = try PythonVenv.forTest(["aws-lambda-powertools[parser]"])
        var events: [String: Any] = [:]
        for name in SampleEvents.names where name != "hello" {
            events[name] = try JSONSerialization.jsonObject(with: try SampleEvents.data(name))
        }
        let input = try JSONSerialization.data(withJSONObject: events)
        let script = try venv.directory.write("check.py", Self.checker)
        let result = PythonVenv.run(venv.python, [script.path], input: input)
        #expect(result.status == 0, "\(result.output)")
        for name in events.keys {
            #expect(result.output.contains("ok \(name)"), "\(result.output)")
        }
    }

    static let checker = #"""
    import json, sys
    from aws_lambda_powertools.utilities.data_classes import (
        S3Event, APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionUrlEvent, SQSEvent, SNSEvent,
        EventBridgeEvent, DynamoDBStreamEvent, KinesisStreamEvent, CloudWatchLogsEvent)
    from aws_lambda_powertools.utilities.parser import parse
    from aws_lambda_powertools.utilities.parser.models import (
        S3Model, APIGatewayProxyEventModel, APIGatewayProxyEventV2Model, LambdaFunctionUrlModel, SqsModel, SnsModel,
        EventBridgeModel, DynamoDBStreamModel, KinesisDataStreamModel, CloudWatchLogsModel)

    events = json.load(sys.stdin)

    def check(name, model, read):
        parse(event=events[name], model=model)
        value = read(events[name])
        print("ok", name, value)

    check("s3-put", S3Model, lambda e: (S3Event(e).bucket_name, S3Event(e).object_key))
    check("s3-delete", S3Model, lambda e: S3Event(e).record.event_name)
    check("apigateway-rest", APIGatewayProxyEventModel, lambda e: (APIGatewayProxyEvent(e).http_method, APIGatewayProxyEvent(e).path))
    check("apigateway-http", APIGatewayProxyEventV2Model, lambda e: APIGatewayProxyEventV2(e).request_context.http.method)
    check("function-url", LambdaFunctionUrlModel, lambda e: LambdaFunctionUrlEvent(e).raw_path)
    check("sqs", SqsModel, lambda e: [r.body for r in SQSEvent(e).records])
    check("sns", SnsModel, lambda e: SNSEvent(e).sns_message)
    check("eventbridge-scheduled", EventBridgeModel, lambda e: EventBridgeEvent(e).detail_type)
    def ddb(e):
        records = list(DynamoDBStreamEvent(e).records)
        assert [r.event_name.name for r in records] == ["INSERT", "MODIFY", "REMOVE"], records
        return [r.dynamodb.keys for r in records]
    check("dynamodb-stream", DynamoDBStreamModel, ddb)
    check("kinesis", KinesisDataStreamModel, lambda e: [r.kinesis.data_as_json() for r in KinesisStreamEvent(e).records])
    def logs(e):
        data = CloudWatchLogsEvent(e).parse_logs_data()
        assert data.log_group == "/aws/lambda/orders"
        return [event.message for event in data.log_events]
    check("cloudwatch-logs", CloudWatchLogsModel, logs)
    """#
}
