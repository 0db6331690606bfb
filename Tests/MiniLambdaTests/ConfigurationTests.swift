import Foundation
import LambdaModel
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// The time the tests' settings are made and changed at.
private let changeDate = Date(timeIntervalSince1970: 1_796_000_000)

struct ConfigurationTests {
    func base() -> FunctionConfiguration { FunctionConfiguration(functionName: "orders", runtime: .python, lastModified: changeDate) }

    @Test func defaultsComeFromTheFactsTable() {
        let configuration = base()
        #expect(configuration.memorySize == Facts.memoryDefault.int)
        #expect(configuration.timeout == Facts.timeoutDefault.int)
        #expect(configuration.handler == "lambda_function.lambda_handler")
        #expect(configuration.logGroupName == "/aws/lambda/orders")
        #expect(throws: Never.self) { try configuration.validate() }
    }

    @Test func settingsAreAppliedAndValidated() throws {
        let changed = try base().applying(["memory=512", "timeout=10", "env.TABLE=users", "handler=app.main"], at: changeDate)
        #expect(changed.memorySize == 512)
        #expect(changed.timeout == 10)
        #expect(changed.environment == ["TABLE": "users"])
        #expect(changed.handler == "app.main")
        #expect(changed.revision == 2)
        #expect(try changed.applying(["env.TABLE="], at: changeDate).environment.isEmpty)
        // /tmp size: Lambda's default until set; the default written out stays "not set".
        #expect(changed.ephemeralStorageMB == Facts.ephemeralDefault.int)
        #expect(try changed.applying(["ephemeral=2048"], at: changeDate).ephemeralStorageMB == 2048)
        #expect(try changed.applying(["ephemeral=2048", "ephemeral=512"], at: changeDate).ephemeralStorage == nil)
    }

    /// A function.json written before the ephemeral storage setting existed still loads.
    @Test func olderFilesWithoutEphemeralStorageLoad() throws {
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(base())) as! [String: Any]
        json.removeValue(forKey: "ephemeralStorage")
        let decoded = try JSONDecoder().decode(FunctionConfiguration.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(decoded.ephemeralStorageMB == Facts.ephemeralDefault.int)
    }

    @Test(arguments: [
        (["memory=64"], "Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128"),
        (["memory=10241"], "Member must have value less than or equal to 10240"),
        (["timeout=0"], "Member must have value greater than or equal to 1"),
        (["timeout=901"], "Member must have value less than or equal to 900"),
        (["env.1BAD=x"], "[a-zA-Z]([a-zA-Z0-9_])+"),
        (["env.A=x"], "[a-zA-Z]([a-zA-Z0-9_])+"),
        (["env.AWS_REGION=eu-west-1"], "Reserved keys used in this request: AWS_REGION"),
        (["env.BIG=" + String(repeating: "x", count: 4096)], "exceeded the 4 KB limit"),
        (["handler=has space"], "[^\\s]+"),
        (["handler=" + String(repeating: "h", count: 129)], "length less than or equal to 128"),
        (["ephemeral=511"], "Value '511' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value greater than or equal to 512"),
        (["ephemeral=10241"], "Member must have value less than or equal to 10240"),
        (["memroy=512"], "did you mean 'memory'?"),
        (["runtime=python2.7"], "Member must be one of"),
    ])
    func awsRulesAreEnforced(settings: [String], message: String) {
        do {
            _ = try base().applying(settings, at: changeDate)
            Issue.record("\(settings) was accepted")
        } catch {
            #expect(error.code == .invalidParameter)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test(arguments: ["", String(repeating: "a", count: 65), "bad name", "naïve", "a.b"])
    func badFunctionNames(name: String) {
        #expect(throws: MiniLambdaError.self) { try FunctionConfiguration.validateName(name) }
    }

    @Test func registryPersistsFunctions() throws {
        let directory = try TemporaryDirectory()
        let registry = FunctionRegistry(root: directory.url)
        try registry.create(name: "orders", runtime: .node, template: .api)
        try registry.create(name: "thumbs", runtime: .python, template: .s3)
        #expect(registry.names() == ["orders", "thumbs"])
        #expect(try registry.configuration("orders").handler == "index.handler")
        #expect(try registry.handlerFile("orders").lastPathComponent == "index.mjs")
        #expect(try registry.handlerFile("thumbs").lastPathComponent == "lambda_function.py")
        #expect(registry.codeFiles("thumbs") == ["lambda_function.py"])
        try registry.configure("orders", settings: ["memory=256"])
        // A second registry on the same folder (a new session) sees the same functions.
        #expect(try FunctionRegistry(root: directory.url).configuration("orders").memorySize == 256)
        #expect(throws: MiniLambdaError.self) { try registry.create(name: "orders") }
        do {
            _ = try registry.configuration("order")
            Issue.record("expected not found")
        } catch {
            #expect(error.code == .functionNotFound)
            #expect(error.message == "Function not found: arn:aws:lambda:us-east-1:123456789012:function:order (did you mean 'orders'?)")
        }
        try registry.remove("thumbs")
        #expect(registry.names() == ["orders"])
    }

    @Test func newFromAFile() throws {
        let directory = try TemporaryDirectory()
        let source = try directory.write("src/app.py", "def lambda_handler(e, c): return 1\n")
        let registry = FunctionRegistry(root: directory.url.appendingPathComponent("functions"))
        let configuration = try registry.create(name: "fromfile", from: source)
        #expect(configuration.handler == "app.lambda_handler")
        #expect(registry.codeFiles("fromfile") == ["app.py"])
    }
}

struct PayloadTests {
    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9),
        ("{\n  \"a\": tru\n}", 2, 8),
        ("[1 2]", 1, 4),
        ("{\"a\": \"x}", 1, 10),
        ("{} extra", 1, 4),
    ])
    func invalidJSONIsRefusedWithItsPosition(payload: String, line: Int, column: Int) {
        do {
            try PayloadValidator.validate(Data(payload.utf8))
            Issue.record("accepted \(payload)")
        } catch {
            #expect(error.code == .invalidRequestContent)
            #expect(error.message.hasSuffix("at line \(line), column \(column)"), "\(error.message)")
        }
    }

    @Test(arguments: ["{}", "[]", "\"text\"", "42", "-1.5e3", "null", "{\"a\": [true, false, {\"b\": \"\\u00e9\\n\"}]}", ""])
    func validPayloads(payload: String) {
        #expect(throws: Never.self) { try PayloadValidator.validate(Data(payload.utf8)) }
    }

    @Test func payloadLimit() {
        let big = Data(repeating: UInt8(ascii: " "), count: Limits.syncRequestBytes + 1)
        #expect(throws: MiniLambdaError.self) { try PayloadValidator.validate(big) }
    }
}

struct LogFormatterTests {
    @Test func reportLineMatchesAWS() {
        let line = LogFormatter.report(requestID: "3b9e07c5", durationMs: 27.549, billedMs: 28, memorySizeMB: 1024, maxMemoryUsedMB: 472,
                                       initDurationMs: 170.57, status: .success)
        #expect(line == "REPORT RequestId: 3b9e07c5\tDuration: 27.55 ms\tBilled Duration: 28 ms\tMemory Size: 1024 MB\tMax Memory Used: 472 MB\tInit Duration: 170.57 ms")
        let timeout = LogFormatter.report(requestID: "x", durationMs: 3000, billedMs: 3000, memorySizeMB: 128, maxMemoryUsedMB: 64,
                                          initDurationMs: nil, status: .timeout)
        #expect(timeout == "REPORT RequestId: x\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\tStatus: timeout")
        #expect(LogFormatter.start(requestID: "x") == "START RequestId: x Version: $LATEST")
        #expect(LogFormatter.initReport(durationMs: 310.384, phase: "init", status: "error", errorType: "Runtime.ImportModuleError")
            == "INIT_REPORT Init Duration: 310.38 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError")
        #expect(LogFormatter.initStart(runtime: .python).hasPrefix("INIT_START Runtime Version: python:3.12."))
        #expect(LogFormatter.initStart(runtime: .node).contains("\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:"))
    }

    @Test func streamNames() {
        let date = Date(timeIntervalSince1970: 1_795_458_011)
        #expect(LogFormatter.logStreamName(environmentID: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", created: date)
            == "2026/11/23/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0")
        #expect(LogFormatter.isoTimestamp(Date(timeIntervalSince1970: 1_795_458_011.881)) == "2026-11-23T18:20:11.881Z")
    }
}
