import Foundation
import LambdaService
@testable import LocalEndpoint
import MiniLambda
import TestSupport
import Testing
import TutorSupport

/// The parts of the API that need no process: names and ARNs, routes, error bodies, SHA-256
/// and the checks on a deployment package.
struct RequestParsingTests {
    @Test(arguments: [
        ("demo", "demo", nil),
        ("demo:prod", "demo", "prod"),
        ("demo:$LATEST", "demo", "$LATEST"),
        ("123456789012:function:demo", "demo", nil),
        ("123456789012:function:demo:3", "demo", "3"),
        ("arn:aws:lambda:us-east-1:123456789012:function:demo", "demo", nil),
        ("arn:aws:lambda:us-east-1:123456789012:function:demo:prod", "demo", "prod"),
    ] as [(String, String, String?)])
    func functionNamesInEveryFormAWSAccepts(raw: String, name: String, qualifier: String?) throws {
        let reference = try APIFunctionName.parse(raw, qualifier: nil)
        #expect(reference.name == name && reference.qualifier == qualifier)
    }

    @Test func theQualifierParameterMustAgreeWithTheName() throws {
        #expect(try APIFunctionName.parse("demo", qualifier: "2").qualifier == "2")
        #expect(throws: APIError.self) { try APIFunctionName.parse("demo:1", qualifier: "2") }
        #expect(throws: APIError.self) { try APIFunctionName.parse("../etc", qualifier: nil) }
        #expect(throws: APIError.self) { try APIFunctionName.parse("a:b:c", qualifier: nil) }
        #expect(throws: APIError.self) { try APIFunctionName.parse("demo", qualifier: "bad/qualifier") }
        // Another account's ARN is not found here, rather than silently taken for ours.
        let other = #expect(throws: APIError.self) { try APIFunctionName.parse("arn:aws:lambda:eu-west-1:999999999999:function:demo", qualifier: nil) }
        #expect(other?.status == 404)
    }

    @Test func thePathIsDecodedAsBoto3EncodesAnARN() {
        let request = APIRequest(method: "POST", uri: "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ademo%3Aprod/invocations?Qualifier=prod", headers: [], body: Data())
        #expect(request.pathSegments == ["2015-03-31", "functions", "arn:aws:lambda:us-east-1:123456789012:function:demo:prod", "invocations"])
        #expect(request.query == ["Qualifier": "prod"])
    }

    @Test func routesComeFromBotocoresModel() {
        func operation(_ method: String, _ path: String) -> String? {
            let segments = path.split(separator: "/").map(String.init)
            return LambdaAPI.routes.first { $0.method == method && $0.match(segments) != nil }?.operation
        }
        #expect(Route.all.count == 85)
        #expect(operation("POST", "/2015-03-31/functions/demo/invocations") == "Invoke")
        #expect(operation("GET", "/2015-03-31/functions/demo") == "GetFunction")
        #expect(operation("GET", "/2015-03-31/functions/demo/configuration") == "GetFunctionConfiguration")
        #expect(operation("PUT", "/2015-03-31/functions/demo/configuration") == "UpdateFunctionConfiguration")
        #expect(operation("GET", "/2015-03-31/functions/demo/versions") == "ListVersionsByFunction")
        #expect(operation("GET", "/2015-03-31/functions/demo/aliases/prod") == "GetAlias")
        #expect(operation("PUT", "/2017-10-31/functions/demo/concurrency") == "PutFunctionConcurrency")
        #expect(operation("GET", "/2016-08-19/account-settings") == "GetAccountSettings")
        let alias = LambdaAPI.routes.first { $0.operation == "GetAlias" }
        #expect(alias?.match(["2015-03-31", "functions", "demo", "aliases", "prod"]) == ["FunctionName": "demo", "Name": "prod"])
        #expect(alias?.match(["2015-03-31", "functions", "demo", "versions", "prod"]) == nil)
        #expect(APIRequest.decode("plain-name_1") == "plain-name_1")
        #expect(APIRequest.decode("a+b%3Ac") == "a b:c")
    }

    @Test func errorsHaveAWSsHeaderAndBody() throws {
        let throttle = APIError(429, "TooManyRequestsException", "Rate Exceeded.", reason: "ReservedFunctionConcurrentInvocationLimitExceeded").response
        #expect(throttle.status == 429)
        #expect(throttle.headers.contains { $0 == ("x-amzn-ErrorType", "TooManyRequestsException") })
        let body = try #require(try JSONSerialization.jsonObject(with: throttle.body) as? [String: String])
        #expect(body == ["Reason": "ReservedFunctionConcurrentInvocationLimitExceeded", "Type": "User", "message": "Rate Exceeded."])
        let missing = try #require(try JSONSerialization.jsonObject(with: APIError.notFound("Function not found: x").response.body) as? [String: String])
        #expect(missing == ["Type": "User", "Message": "Function not found: x"])
    }

    @Test func sha256MatchesSha256sum() throws {
        let directory = try TemporaryDirectory(prefix: "sha")
        for text in ["", "abc", String(repeating: "lambda", count: 1000)] {
            let file = try directory.write("input", text)
            let expected = PythonVenv.run("sha256sum", [file.path]).output.prefix(64)
            let ours = SHA256.digest(Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(ours == String(expected))
        }
    }

    /// Zips made by Python's zipfile with the entries an attacker would write.
    static func zip(_ script: String, in directory: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        let file = directory.path + "/p.zip"
        let made = PythonVenv.run("python3", ["-c", "import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w')\n" + script + "\nz.close()", file])
        #expect(made.status == 0, "\(made.output)", sourceLocation: sourceLocation)
        return try Data(contentsOf: URL(fileURLWithPath: file))
    }

    @Test func packagesThatWouldLeaveTheFolderAreRefusedBeforeAnythingIsWritten() throws {
        let directory = try TemporaryDirectory(prefix: "zips")
        let cases = [
            "z.writestr('../up.py', 'x')",
            "z.writestr('/abs.py', 'x')",
            "z.writestr('a/../../up.py', 'x')",
            "i=zipfile.ZipInfo('link'); i.create_system=3; i.external_attr=0o120777<<16; z.writestr(i, '/etc/passwd')",
            "i=zipfile.ZipInfo('dev'); i.create_system=3; i.external_attr=0o020644<<16; z.writestr(i, '')",
        ]
        for script in cases {
            let archive = CodeArchive(zip: try Self.zip(script, in: directory))
            let error = #expect(throws: APIError.self, "\(script)") { try archive.entries() }
            #expect(error?.code == "InvalidParameterValueException")
        }
        #expect(throws: APIError.self) { try CodeArchive(zip: Data("not a zip".utf8)).entries() }
    }

    @Test func aGoodPackageIsExtractedWithSafeModes() throws {
        let directory = try TemporaryDirectory(prefix: "zips")
        let data = try Self.zip("z.writestr('app.py', 'x = 1'); i=zipfile.ZipInfo('lib/tool'); i.create_system=3; i.external_attr=0o104777<<16; z.writestr(i, 'run')", in: directory)
        let target = directory.url.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try CodeArchive(zip: data).extract(into: target)
        let files = target.appendingPathComponent("files")
        #expect(try String(contentsOf: files.appendingPathComponent("app.py"), encoding: .utf8) == "x = 1")
        var info = stat()
        #expect(lstat(files.appendingPathComponent("lib/tool").path, &info) == 0)
        // The set-uid bit and the others' write bit are gone.
        #expect(info.st_mode & 0o7777 == 0o755)
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent(".package.zip").path))
    }
}
