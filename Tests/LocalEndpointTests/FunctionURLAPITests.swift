import Foundation
import LambdaService
import LocalEndpoint
import TestSupport
import Testing
import TutorSupport

/// The five function URL operations from boto3 and the AWS CLI (shapes, statuses, AWS's
/// refusals), then the FunctionUrl they return called with curl.
@Suite(.serialized)
struct FunctionURLAPITests {
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/boto3_url_driver.py").path

    @Test func boto3ManagesFunctionURLsAndTheURLAnswersCurl() async throws {
        let venv = try await AWSClients.forTest()
        try await FunctionURLHarness.run { harness in
            let python = venv.python
            let run = await OwnThread.run { PythonVenv.run(python, [Self.driver, harness.endpoint]) }
            #expect(run.status == 0, "\(run.output)")
            let line = try #require(run.output.split(separator: "\n").last)
            let results = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [String: Any]])
            func status(_ key: String) -> Int? { results[key]?["status"] as? Int }
            func code(_ key: String) -> String? { results[key]?["code"] as? String }
            func string(_ key: String, _ field: String) -> String? { results[key]?[field] as? String }

            #expect(status("create") == 201)
            let url = try #require(string("create", "FunctionUrl"))
            #expect(url.hasPrefix("http://") && url.hasSuffix(".lambda-url.us-east-1.localhost:\(harness.host.port)/"))
            #expect(string("create", "FunctionArn") == "arn:aws:lambda:us-east-1:123456789012:function:u")
            #expect(string("create", "AuthType") == "NONE" && string("create", "InvokeMode") == "BUFFERED")
            #expect(string("create", "CreationTime")?.hasSuffix("Z") == true)
            #expect(results["create"]?["LastModifiedTime"] == nil, "CreateFunctionUrlConfig's response shape has no LastModifiedTime")
            #expect(code("again") == "ResourceConflictException" && status("again") == 409)
            #expect(code("iam") == "InvalidParameterValueException" && status("iam") == 400)
            #expect(string("iam", "message")?.contains("SigV4") == true)
            #expect(code("bad_auth") == "InvalidParameterValueException")
            #expect(code("version") == "InvalidParameterValueException" && string("version", "message")?.contains("((?!^\\d+$)^[0-9a-zA-Z-_]+$)") == true)
            #expect(code("missing_alias") == "ResourceNotFoundException" && status("missing_alias") == 404)
            #expect(code("missing_function") == "ResourceNotFoundException")
            #expect(code("stream") == "InvalidParameterValueException")
            #expect(status("create_prod") == 201 && string("create_prod", "FunctionArn") == "arn:aws:lambda:us-east-1:123456789012:function:u:prod")
            #expect((results["create_prod"]?["Cors"] as? [String: Any])?["MaxAge"] as? Int == 60)

            #expect(status("get") == 200 && string("get", "FunctionUrl") == url && string("get", "LastModifiedTime") != nil)
            #expect(status("get_prod_arn") == 200 && string("get_prod_arn", "FunctionArn")?.hasSuffix(":u:prod") == true)
            #expect(code("get_none") == "ResourceNotFoundException" && status("get_none") == 404)
            let cors = results["update"]?["Cors"] as? [String: Any]
            #expect(status("update") == 200 && cors?["AllowOrigins"] as? [String] == ["*"] && cors?["AllowCredentials"] as? Bool == false)
            #expect(code("update_bad_age") == "InvalidParameterValueException")
            #expect(code("update_iam") == "InvalidParameterValueException")
            #expect(code("update_none") == "ResourceNotFoundException")
            #expect((results["list"]?["FunctionUrlConfigs"] as? [Any])?.count == 2)
            #expect((results["list_page"]?["FunctionUrlConfigs"] as? [Any])?.count == 1 && string("list_page", "NextMarker") == "1")
            #expect((results["list_next"]?["FunctionUrlConfigs"] as? [Any])?.count == 1 && results["list_next"]?["NextMarker"] == nil)
            #expect(code("list_missing") == "ResourceNotFoundException")
            #expect(status("delete_prod") == 204)
            #expect(code("get_deleted") == "ResourceNotFoundException" && code("delete_again") == "ResourceNotFoundException")
            #expect(status("create_dev") == 201 && status("delete_alias") == 204)
            let left = (results["list_after_alias"]?["FunctionUrlConfigs"] as? [[String: Any]])?.compactMap { $0["FunctionArn"] as? String }
            #expect(left == ["arn:aws:lambda:us-east-1:123456789012:function:u"], "the alias's URL went with the alias")

            // The URL boto3 got is a real one: curl it as printed.
            let exchange = try #require(await CurlExchange.run(url + "some/path?q=1", in: harness.directory))
            #expect(exchange.status == 200)
            #expect(exchange.json()?["path"] as? String == "/some/path" && exchange.json()?["version"] as? String == "2.0")
        }
    }

    @Test func theAWSCLIManagesAFunctionURL() async throws {
        let venv = try await AWSClients.forTest()
        try await FunctionURLHarness.run { harness in
            try harness.python("cli", "def handler(event, context):\n    return {'statusCode': 200, 'body': 'hi from ' + event['rawPath']}\n")
            let work = try TemporaryDirectory(prefix: "aws-cli-url")
            let endpoint = harness.endpoint
            func aws(_ arguments: [String]) async -> (status: Int32, output: String) {
                await OwnThread.run { AWSClients.aws(venv, ["lambda"] + arguments, endpoint: endpoint, in: work.path) }
            }
            let created = await aws(["create-function-url-config", "--function-name", "cli", "--auth-type", "NONE"])
            #expect(created.status == 0, "\(created.output)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(created.output.utf8)) as? [String: Any])
            let url = try #require(object["FunctionUrl"] as? String)
            let got = await aws(["get-function-url-config", "--function-name", "cli", "--query", "FunctionUrl", "--output", "text"])
            #expect(got.status == 0 && got.output.trimmingCharacters(in: .whitespacesAndNewlines) == url)
            let updated = await aws(["update-function-url-config", "--function-name", "cli", "--cors", "AllowOrigins=https://example.com,MaxAge=30"])
            #expect(updated.status == 0 && updated.output.contains("https://example.com"), "\(updated.output)")
            let listed = await aws(["list-function-url-configs", "--function-name", "cli", "--query", "length(FunctionUrlConfigs)"])
            #expect(listed.status == 0 && listed.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
            let iam = await aws(["create-function-url-config", "--function-name", "cli", "--qualifier", "nope", "--auth-type", "AWS_IAM"])
            #expect(iam.status != 0 && iam.output.contains("ResourceNotFoundException"), "\(iam.output)")
            let exchange = try #require(await CurlExchange.run(url + "from/cli", in: harness.directory))
            #expect(exchange.status == 200 && exchange.text == "hi from /from/cli")
            let deleted = await aws(["delete-function-url-config", "--function-name", "cli"])
            #expect(deleted.status == 0, "\(deleted.output)")
            let gone = try #require(await CurlExchange.run(url, in: harness.directory))
            #expect(gone.status == 403, "a deleted URL answers no more")
            let missing = await aws(["get-function-url-config", "--function-name", "cli"])
            #expect(missing.status != 0 && missing.output.contains("ResourceNotFoundException"), "\(missing.output)")
        }
    }
}
