import Foundation
import LambdaService
import LocalEndpoint
import MiniLambda
import TestSupport
import Testing
import TutorSupport

/// The stock AWS CLI and boto3 from PyPI against the tutor's Lambda API: every operation it
/// serves, every status, Tail logs, and the seed's `aws lambda invoke` typed as it shows it.
@Suite(.serialized)
struct AWSClientTests {
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/boto3_driver.py").path

    /// Runs a boto3 driver against `endpoint` (off the cooperative pool) and reads the JSON
    /// object it prints last; a failure is recorded at the caller.
    static func drive(_ venv: PythonVenv, _ driver: String, _ endpoint: String,
                      sourceLocation: SourceLocation = #_sourceLocation) async -> [String: [String: Any]]? {
        let python = venv.python
        let run = await OwnThread.run { PythonVenv.run(python, [driver, endpoint]) }
        #expect(run.status == 0, "\(run.output)", sourceLocation: sourceLocation)
        guard let line = run.output.split(separator: "\n").last,
              let results = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: [String: Any]] else {
            Issue.record("no JSON from the boto3 driver: \(run.output)", sourceLocation: sourceLocation)
            return nil
        }
        return results
    }

    @Test func boto3SeesTheLambdaAPI() async throws {
        let venv = try await AWSClients.forTest()
        try await APIHarness.run { h in
            guard let results = await Self.drive(venv, Self.driver, h.endpoint) else { return }
            func status(_ key: String) -> Int? { results[key]?["status"] as? Int }
            func code(_ key: String) -> String? { results[key]?["code"] as? String }
            func string(_ key: String, _ field: String) -> String? { results[key]?[field] as? String }

            // CreateFunction: 201 with the FunctionConfiguration shape; the REPL's registry has it.
            #expect(status("create") == 201)
            #expect(string("create", "FunctionArn") == "arn:aws:lambda:us-east-1:123456789012:function:demo")
            #expect(results["create"]?["MemorySize"] as? Int == 256)
            #expect(string("create", "Description") == "made by boto3")
            #expect(((results["create"]?["Environment"] as? [String: Any])?["Variables"] as? [String: String]) == ["GREETING": "hello"])
            #expect((string("create", "CodeSha256") ?? "").count == 44)
            #expect(status("create_again") == 409 && code("create_again") == "ResourceConflictException")
            #expect(status("create_second") == 201)
            for key in ["create_bad_zip", "create_traversal", "create_symlink", "create_runtime", "create_role"] {
                #expect(status(key) == 400 && code(key) == "InvalidParameterValueException", "\(key): \(results[key] ?? [:])")
            }
            #expect(string("create_traversal", "message")?.contains("outside the function's folder") == true)
            #expect(string("create_symlink", "message")?.contains("symbolic link") == true)
            #expect(!h.registry.exists("climb") && !h.registry.exists("linked") && !h.registry.exists("badzip"))
            #expect(!FileManager.default.fileExists(atPath: h.directory.path + "/escape.py"))

            // ListFunctions with paging, GetFunction, GetFunctionConfiguration.
            let listed = (results["list"]?["Functions"] as? [[String: Any]])?.compactMap { $0["FunctionName"] as? String }
            #expect(listed == ["demo", "other"])
            #expect((results["list_page1"]?["Functions"] as? [Any])?.count == 1 && results["list_page1"]?["NextMarker"] != nil)
            #expect(((results["list_page2"]?["Functions"] as? [[String: Any]])?.first?["FunctionName"] as? String) == "other")
            #expect(status("get") == 200 && (results["get"]?["Configuration"] as? [String: Any])?["Handler"] as? String == "app.handler")
            #expect(status("get_config") == 200 && string("get_config", "Runtime") == "python3.12")
            #expect(status("get_missing") == 404 && code("get_missing") == "ResourceNotFoundException")
            #expect(string("get_missing", "modeled") == "ResourceNotFoundException")

            // Invoke: every invocation type, status and error the API has.
            #expect(status("invoke") == 200 && string("invoke", "ExecutedVersion") == "$LATEST")
            #expect(string("invoke", "Payload")?.contains("\"Ada\"") == true)
            #expect(results["invoke"]?["FunctionError"] == nil)
            let log = string("invoke_tail", "log") ?? ""
            #expect(log.contains("START RequestId:") && log.contains("END RequestId:") && log.contains("REPORT RequestId:") && log.contains("event {\"tail\": 1}"), "\(log)")
            #expect(status("invoke_error") == 200 && string("invoke_error", "FunctionError") == "Unhandled")
            #expect(string("invoke_error", "Payload")?.contains("\"errorType\": \"ValueError\"") == true)
            #expect(string("invoke_timeout", "FunctionError") == "Unhandled" && string("invoke_timeout", "Payload")?.contains("Sandbox.Timedout") == true)
            #expect(status("invoke_event") == 202)
            #expect(status("invoke_dryrun") == 204)
            #expect(status("invoke_missing") == 404 && code("invoke_missing") == "ResourceNotFoundException")
            #expect(string("invoke_missing", "message") == "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope")
            #expect(status("invoke_badjson") == 400 && code("invoke_badjson") == "InvalidRequestContentException")
            #expect(status("invoke_large") == 413 && code("invoke_large") == "RequestTooLargeException")
            #expect(string("invoke_large", "message") == "Request must be smaller than 6291456 bytes for the InvokeFunction operation")
            #expect(status("invoke_event_large") == 413 && string("invoke_event_large", "message")?.contains("too large for the Event invocation type (limit 1048576 bytes)") == true)
            #expect(status("invoke_arn") == 200 && status("invoke_partial_arn") == 200 && status("invoke_latest") == 200)
            #expect(status("invoke_alias_missing") == 404)
            #expect(status("invoke_node") == 200 && string("invoke_node", "Payload") == "{\"ok\":true}")

            // Updates, with AWS's validation and RevisionId precondition.
            #expect(status("update_config") == 200 && results["update_config"]?["MemorySize"] as? Int == 512)
            let environment = try h.registry.configuration("demo").environment
            #expect(environment == ["GREETING": "hi"])
            #expect(status("update_config_bad") == 400 && code("update_config_bad") == "InvalidParameterValueException")
            #expect(status("update_code") == 200)
            #expect(string("update_code", "CodeSha256") != string("create", "CodeSha256"))
            #expect(string("invoke_updated", "Payload")?.contains("\"two\"") == true)
            #expect(status("update_revision") == 412 && code("update_revision") == "PreconditionFailedException")

            // Account settings from the facts table; an operation not served is named.
            #expect(((results["account"]?["AccountLimit"] as? [String: Any])?["ConcurrentExecutions"] as? Int) == 1000)
            #expect(((results["account"]?["AccountUsage"] as? [String: Any])?["FunctionCount"] as? Int) == 2)
            #expect(status("unknown") == 404 && code("unknown") == "UnknownOperationException" && string("unknown", "message")?.contains("ListTags") == true)

            // DeleteFunction (204 as the service answers), then it is gone.
            #expect(status("delete") == 204)
            #expect(status("delete_missing") == 404 && status("invoke_deleted") == 404)
            #expect(!h.registry.exists("other"))
            // The Event invocation went onto the async queue under the id the API answered with.
            let queued = h.asyncInvocations.events().filter { $0.function == "demo" }
            #expect(queued.count == 1 && String(decoding: queued[0].payload, as: UTF8.self) == #"{"async": true}"#)
            #expect(h.notices.all.contains { $0.contains("queued (202)") && $0.contains(queued.first?.requestID ?? "?") })
        }
    }

    static let serviceDriver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/boto3_service_driver.py").path

    @Test func versionsAliasesConcurrencyAndThrottlesThroughBoto3() async throws {
        let venv = try await AWSClients.forTest()
        try await APIHarness.run { h in
            guard let results = await Self.drive(venv, Self.serviceDriver, h.endpoint) else { return }
            func status(_ key: String) -> Int? { results[key]?["status"] as? Int }
            func string(_ key: String, _ field: String) -> String? { results[key]?[field] as? String }

            // Versions: frozen code, numbered; $LATEST stays editable.
            #expect(status("publish1") == 201 && string("publish1", "Version") == "1" && string("publish1", "Description") == "first")
            #expect(status("publish2") == 201 && string("publish2", "Version") == "2")
            #expect(string("publish1", "CodeSha256") != string("publish2", "CodeSha256"))
            let versions = (results["versions"]?["Versions"] as? [[String: Any]])?.compactMap { $0["Version"] as? String }
            #expect(versions == ["$LATEST", "1", "2"])
            #expect((results["list_all"]?["Functions"] as? [Any])?.count == 3)
            #expect(((results["get_v1"]?["Configuration"] as? [String: Any])?["FunctionArn"] as? String) == "arn:aws:lambda:us-east-1:123456789012:function:v:1")
            #expect(string("invoke_v1", "ExecutedVersion") == "1" && string("invoke_v1", "Payload")?.contains("\"one\"") == true)
            #expect(string("invoke_v2", "ExecutedVersion") == "2" && string("invoke_v2", "Payload")?.contains("\"version\": \"2\"") == true)

            // Aliases with weights: 200 invokes split about half and half (binomial, sd ≈ 7).
            #expect(status("alias") == 201 && string("alias", "AliasArn") == "arn:aws:lambda:us-east-1:123456789012:function:v:prod")
            #expect(((results["alias"]?["RoutingConfig"] as? [String: Any])?["AdditionalVersionWeights"] as? [String: Double]) == ["2": 0.5])
            #expect(status("alias_again") == 409 && status("alias_numeric") == 400)
            #expect(status("get_alias") == 200 && string("get_alias", "Description") == "live")
            #expect((results["list_aliases"]?["Aliases"] as? [Any])?.count == 1)
            let weighted = results["weighted"] as? [String: Int] ?? [:]
            #expect(weighted.values.reduce(0, +) == 200 && Set(weighted.keys) == ["1", "2"], "\(weighted)")
            #expect((60...140).contains(weighted["2"] ?? 0), "version 2 got \(weighted["2"] ?? 0) of 200 at weight 0.5")
            #expect(status("update_alias") == 200 && string("invoke_prod", "ExecutedVersion") == "2")
            #expect(status("delete_alias") == 204 && status("get_deleted_alias") == 404)

            // Reserved concurrency: 0 throttles everything; 1 throttles the second of two at once.
            #expect(status("reserve0") == 200 && (results["reserve0"]?["ReservedConcurrentExecutions"] as? Int) == 0)
            #expect(status("throttled") == 429 && string("throttled", "code") == "TooManyRequestsException")
            #expect(string("throttled", "reason") == "ReservedFunctionConcurrentInvocationLimitExceeded")
            #expect((results["get_reserved"]?["ReservedConcurrentExecutions"] as? Int) == 0)
            #expect(status("first") == 200, "\(results["first"] ?? [:])")
            #expect(status("second") == 429 && string("second", "reason") == "ReservedFunctionConcurrentInvocationLimitExceeded", "\(results["second"] ?? [:])")
            #expect(((results["account_reserved"]?["AccountLimit"] as? [String: Any])?["UnreservedConcurrentExecutions"] as? Int) == 999)
            #expect(status("unreserve") == 204 && results["get_unreserved"]?["ReservedConcurrentExecutions"] == nil)

            // Provisioned concurrency: not on $LATEST; on a version, started ahead and used.
            #expect(status("provision_latest") == 400)
            #expect(status("provision") == 202 && (results["provision"]?["RequestedProvisionedConcurrentExecutions"] as? Int) == 1)
            #expect(string("provisioned", "Status") == "READY", "\(results["provisioned"] ?? [:])")
            #expect(string("invoke_provisioned", "log")?.contains("Init Duration") == false, "a provisioned environment is warm: \(string("invoke_provisioned", "log") ?? "")")
            #expect((results["list_provisioned"]?["ProvisionedConcurrencyConfigs"] as? [Any])?.count == 1)
            #expect(status("unprovision") == 204 && status("get_unprovisioned") == 404)
        }
    }

    @Test func theSeedsAWSCLICommandWorksAsTyped() async throws {
        let venv = try await AWSClients.forTest()
        try await APIHarness.run { h in
            let work = try TemporaryDirectory(prefix: "aws-cli")
            try work.write("lambda_function.py", "def lambda_handler(event, context):\n    return {'statusCode': 200, 'body': 'hello from ' + context.function_name}\n")
            let zipped = PythonVenv.run("sh", ["-c", "cd '\(work.path)' && zip -q function.zip lambda_function.py"])
            #expect(zipped.status == 0, "\(zipped.output)")
            let endpoint = h.endpoint
            let create = await OwnThread.run {
                AWSClients.aws(venv, ["lambda", "create-function", "--function-name", "myFunction", "--runtime", "python3.12",
                                      "--handler", "lambda_function.lambda_handler", "--role", "arn:aws:iam::123456789012:role/demo",
                                      "--zip-file", "fileb://function.zip"], endpoint: endpoint, in: work.path)
            }
            #expect(create.status == 0 && create.output.contains("\"FunctionName\": \"myFunction\""), "\(create.output)")
            // Typed exactly as seed 004 shows it: the endpoint comes from AWS_ENDPOINT_URL_LAMBDA.
            let invoke = await OwnThread.run {
                AWSClients.aws(venv, ["lambda", "invoke", "--function-name", "myFunction", "output.json"], endpoint: endpoint, in: work.path)
            }
            #expect(invoke.status == 0 && invoke.output.contains("\"StatusCode\": 200") && invoke.output.contains("\"ExecutedVersion\": \"$LATEST\""), "\(invoke.output)")
            let output = try String(contentsOfFile: work.path + "/output.json", encoding: .utf8)
            #expect(output == "{\"statusCode\": 200, \"body\": \"hello from myFunction\"}")
            let tail = await OwnThread.run {
                AWSClients.aws(venv, ["lambda", "invoke", "--function-name", "myFunction", "--log-type", "Tail", "--query", "LogResult",
                                      "--output", "text", "tail.json"], endpoint: endpoint, in: work.path)
            }
            let log = Data(base64Encoded: tail.output.trimmingCharacters(in: .whitespacesAndNewlines)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            #expect(log.contains("START RequestId:") && log.contains("REPORT RequestId:"), "\(tail.output)")
            let missing = await OwnThread.run {
                AWSClients.aws(venv, ["lambda", "invoke", "--function-name", "nope", "out.json"], endpoint: endpoint, in: work.path)
            }
            #expect(missing.status != 0 && missing.output.contains("An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found"), "\(missing.output)")
            let listed = await OwnThread.run {
                AWSClients.aws(venv, ["lambda", "list-functions", "--query", "Functions[].FunctionName", "--output", "text"], endpoint: endpoint, in: work.path)
            }
            #expect(listed.output.trimmingCharacters(in: .whitespacesAndNewlines) == "myFunction", "\(listed.output)")
        }
    }
}
