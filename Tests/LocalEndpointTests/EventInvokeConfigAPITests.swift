import Foundation
import LambdaService
import LocalEndpoint
import LocalServices
import MiniLambda
import TestSupport
import Testing
import TutorSupport

/// The five FunctionEventInvokeConfig operations from boto3 and the AWS CLI (shapes, Put's
/// replace against Update's merge, AWS's refusals), and that a config put over the API is what
/// the asynchronous queue then retries and routes by.
@Suite(.serialized)
struct EventInvokeConfigAPITests {
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/boto3_event_invoke_config_driver.py").path
    static let arn = "arn:aws:lambda:us-east-1:123456789012:function:cfg"

    @Test func boto3ManagesEventInvokeConfigsAndAnEventFollowsThem() async throws {
        let venv = try await AWSClients.forTest()
        try await APIHarness.run { harness in
            let results = try await AWSClients.driverResults(venv, Self.driver, endpoint: harness.endpoint)
            func status(_ key: String) -> Int? { results[key]?["status"] as? Int }
            func code(_ key: String) -> String? { results[key]?["code"] as? String }
            func message(_ key: String) -> String { results[key]?["message"] as? String ?? "" }
            func int(_ key: String, _ field: String) -> Int? { results[key]?[field] as? Int }
            func destinations(_ key: String) -> [String: [String: String]]? { results[key]?["DestinationConfig"] as? [String: [String: String]] }
            let failures = "arn:aws:sqs:us-east-1:123456789012:failures"

            #expect(code("get_none") == "ResourceNotFoundException" && status("get_none") == 404)
            #expect(message("get_none") == "The function \(Self.arn):$LATEST doesn't have an EventInvokeConfig")
            #expect(code("update_none") == "ResourceNotFoundException", "Update changes an existing config only")

            #expect(status("put") == 200 && results["put"]?["FunctionArn"] as? String == Self.arn + ":$LATEST")
            #expect(int("put", "MaximumRetryAttempts") == 1 && int("put", "MaximumEventAgeInSeconds") == 3600)
            #expect(destinations("put") == ["OnSuccess": [:], "OnFailure": [:]], "AWS answers both members, empty when unset")
            #expect(results["put"]?["LastModified"] != nil)
            #expect(int("put_replaces", "MaximumRetryAttempts") == 0 && results["put_replaces"]?["MaximumEventAgeInSeconds"] == nil,
                    "Put replaces the whole config: the age it did not name is gone")
            #expect(int("update", "MaximumRetryAttempts") == 0, "Update keeps what it does not name")
            #expect(destinations("update") == ["OnSuccess": [:], "OnFailure": ["Destination": failures]])
            #expect(int("get", "MaximumRetryAttempts") == 0 && destinations("get")?["OnFailure"]?["Destination"] == failures)
            #expect(results["get_latest"]?["FunctionArn"] as? String == Self.arn + ":$LATEST", "$LATEST and no qualifier are one config")
            #expect(results["put_alias"]?["FunctionArn"] as? String == Self.arn + ":prod")
            #expect(destinations("put_alias")?["OnSuccess"]?["Destination"] == "arn:aws:lambda:us-east-1:123456789012:function:other")
            #expect(results["put_version"]?["FunctionArn"] as? String == Self.arn + ":1")

            let listed = (results["list"]?["FunctionEventInvokeConfigs"] as? [[String: Any]] ?? []).compactMap { $0["FunctionArn"] as? String }
            #expect(listed == [Self.arn + ":$LATEST", Self.arn + ":1", Self.arn + ":prod"])
            #expect((results["list_page"]?["FunctionEventInvokeConfigs"] as? [Any])?.count == 2 && results["list_page"]?["NextMarker"] is String)
            #expect((results["list_next"]?["FunctionEventInvokeConfigs"] as? [[String: Any]])?.first?["FunctionArn"] as? String == Self.arn + ":prod")
            #expect(results["list_next"]?["NextMarker"] == nil)

            #expect(code("too_many_retries") == "ValidationException" && status("too_many_retries") == 400)
            #expect(message("too_many_retries") == "1 validation error detected: Value '5' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2")
            #expect(code("too_old") == "ValidationException" && message("too_old").contains("less than or equal to 21600"))
            #expect(code("nothing") == "InvalidParameterValueException" && message("nothing") == "You must specify at least one of error handling or destination setting.")
            #expect(code("bad_destination") == "ValidationException" && message("bad_destination").contains("'destinationConfig.onSuccess.destination'"))
            #expect(code("itself") == "InvalidParameterValueException" && message("itself") == "You can't specify the function as a destination for itself.")
            #expect(code("missing_function") == "ResourceNotFoundException" && code("missing_alias") == "ResourceNotFoundException")
            #expect(message("missing_alias").hasSuffix(":cfg:nope"))
            #expect(code("list_missing") == "ResourceNotFoundException")
            #expect(status("delete_version") == 204 && code("delete_again") == "ResourceNotFoundException")
            #expect((results["list_after"]?["FunctionEventInvokeConfigs"] as? [Any])?.count == 2)
            // The refused puts left the config as it was.
            #expect(try harness.asyncInvocations.getEventInvokeConfig("cfg").maximumRetryAttempts == 0)

            // The two Event invocations: run the queue once.
            #expect(status("invoke_cfg") == 202 && status("invoke_plain") == 202)
            await harness.asyncInvocations.runDue()
            let events = harness.asyncInvocations.events()
            let configured = try #require(events.first { $0.function == "cfg" })
            let plain = try #require(events.first { $0.function == "plain" })
            #expect(configured.invokeCount == 1 && configured.isFinished, "MaximumRetryAttempts 0: given up after one attempt: \(configured.timeline)")
            #expect(plain.invokeCount == 1 && !plain.isFinished, "the defaults keep it for a retry a minute later: \(plain.timeline)")
            let records = try harness.asyncInvocations.queues.peek(failures)
            #expect(records.count == 1)
            let body = try #require(records.first?.body)
            let record = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let context = record["requestContext"] as? [String: Any]
            #expect(context?["condition"] as? String == "RetriesExhausted" && context?["approximateInvokeCount"] as? Int == 1)
            #expect(context?["functionArn"] as? String == Self.arn + ":$LATEST")
            #expect((record["requestPayload"] as? [String: Any])?["n"] as? Int == 1)
            #expect((record["responseContext"] as? [String: Any])?["functionError"] as? String == "Unhandled")
        }
    }

    @Test func theAWSCLIPutsGetsAndDeletesAConfig() async throws {
        let venv = try await AWSClients.forTest()
        try await APIHarness.run { harness in
            let work = try TemporaryDirectory(prefix: "aws-cli-eic")
            let endpoint = harness.endpoint
            func aws(_ arguments: [String]) async -> (status: Int32, output: String) {
                await OwnThread.run { AWSClients.aws(venv, ["lambda"] + arguments, endpoint: endpoint, in: work.path) }
            }
            try harness.registry.create(name: "cli", runtime: .python)
            let put = await aws(["put-function-event-invoke-config", "--function-name", "cli", "--maximum-event-age-in-seconds", "3600", "--maximum-retry-attempts", "0"])
            #expect(put.status == 0, "\(put.output)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(put.output.utf8)) as? [String: Any])
            #expect(object["MaximumEventAgeInSeconds"] as? Int == 3600 && object["MaximumRetryAttempts"] as? Int == 0)
            #expect(object["LastModified"] is Double || object["LastModified"] is Int, "LastModified in epoch seconds, as AWS sends it: \(put.output)")
            let updated = await aws(["update-function-event-invoke-config", "--function-name", "cli",
                                     "--destination-config", #"{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:destination"}}"#])
            #expect(updated.status == 0 && updated.output.contains("arn:aws:sqs:us-east-1:123456789012:destination"), "\(updated.output)")
            let got = await aws(["get-function-event-invoke-config", "--function-name", "cli", "--query", "MaximumRetryAttempts"])
            #expect(got.status == 0 && got.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(got.output)")
            #expect(try harness.asyncInvocations.settings("cli").config.onFailure == "arn:aws:sqs:us-east-1:123456789012:destination",
                    "the queue's own settings: what the REPL's fn config shows")
            let refused = await aws(["put-function-event-invoke-config", "--function-name", "cli", "--maximum-retry-attempts", "3"])
            #expect(refused.status != 0 && refused.output.contains("ValidationException"), "\(refused.output)")
            let deleted = await aws(["delete-function-event-invoke-config", "--function-name", "cli"])
            #expect(deleted.status == 0, "\(deleted.output)")
            let missing = await aws(["get-function-event-invoke-config", "--function-name", "cli"])
            #expect(missing.status != 0 && missing.output.contains("ResourceNotFoundException"), "\(missing.output)")
        }
    }
}
