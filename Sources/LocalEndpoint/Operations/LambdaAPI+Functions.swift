import Foundation
import LambdaModel
import MiniLambda
import TutorSupport

/// The control plane over the learner's functions: the same registry as `fn new / config /
/// show / list / rm`, so a function made with the AWS CLI shows in the REPL and the other way
/// round.
extension LambdaAPI {
    /// `GET /2015-03-31/functions?Marker&MaxItems`: sorted by name; the marker is the last name
    /// of the previous page.
    func listFunctions(_ context: OperationContext) throws(APIError) -> APIResponse {
        let query = context.request.query
        var limit = 50
        if let raw = query["MaxItems"] {
            guard let value = Int(raw), (1...10_000).contains(value) else {
                throw APIError.invalidParameter("1 validation error detected: Value '\(raw)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000")
            }
            limit = value
        }
        var names = registry.names()
        if let marker = query["Marker"], !marker.isEmpty {
            guard let start = Data(base64Encoded: marker).map({ String(decoding: $0, as: UTF8.self) }) else {
                throw APIError.invalidParameter("Invalid marker: \(marker)")
            }
            names = names.filter { $0 > start }
        }
        let page = Array(names.prefix(limit))
        var functions: [[String: Any]] = []
        for name in page {
            guard let configuration = try? registry.configuration(name) else { continue }
            functions.append(FunctionShape.configuration(configuration, code: CodeSummary.of(registry, name)))
        }
        var body: [String: Any] = ["Functions": functions]
        if names.count > page.count, let last = page.last { body["NextMarker"] = Data(last.utf8).base64EncodedString() }
        return .json(200, body)
    }

    /// `GET /2015-03-31/functions/{FunctionName}`.
    func getFunction(_ context: OperationContext) throws(APIError) -> APIResponse {
        let function = try context.function()
        let configuration = try configuration(of: function)
        // No S3 here, so no `Location` to download the package from: the code is in the
        // function's folder ('fn edit NAME').
        return .json(200, [
            "Configuration": FunctionShape.configuration(configuration, code: CodeSummary.of(registry, function.name)),
            "Code": ["RepositoryType": "S3"],
        ])
    }

    /// `GET /2015-03-31/functions/{FunctionName}/configuration`.
    func getFunctionConfiguration(_ context: OperationContext) throws(APIError) -> APIResponse {
        let function = try context.function()
        let configuration = try configuration(of: function)
        return .json(200, FunctionShape.configuration(configuration, code: CodeSummary.of(registry, function.name)))
    }

    /// The settings of `$LATEST` (the only version until versions land).
    func configuration(of function: FunctionReference) throws(APIError) -> FunctionConfiguration {
        let configuration: FunctionConfiguration
        do {
            configuration = try registry.configuration(function.name)
        } catch {
            throw APIError(error)
        }
        if let qualifier = function.qualifier, qualifier != "$LATEST" {
            throw APIError.notFound("Function not found: \(Self.arn(function))")
        }
        return configuration
    }

    /// `POST /2015-03-31/functions` (201): a zip package, as the AWS CLI's `--zip-file fileb://`
    /// sends it (base64 in `Code.ZipFile`).
    func createFunction(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let body = try context.jsonBody()
        let rawName = try Body.string(body, "FunctionName", required: true)!
        let function = try FunctionReference.parse(rawName, qualifier: nil)
        guard function.qualifier == nil else { throw APIError.invalidParameter("A function name for CreateFunction cannot have a qualifier: \(rawName)") }
        let role = try Body.string(body, "Role", required: true)!
        try Body.checkRole(role)
        if let packageType = try Body.string(body, "PackageType"), packageType != "Zip" {
            throw APIError.invalidParameter("lambda-tutor runs .zip packages only (PackageType Zip); container images need a container runtime it does not have")
        }
        if try Body.bool(body, "Publish") == true {
            throw APIError.invalidParameter("Publish=true needs function versions, which this lambda-tutor does not have yet; create the function without --publish")
        }
        guard let runtimeName = try Body.string(body, "Runtime") else {
            throw APIError.invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.")
        }
        guard let handler = try Body.string(body, "Handler") else {
            throw APIError.invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.")
        }
        let runtime = try Self.runtime(runtimeName)
        let zip = try Body.zipFile(body, "Code")
        guard !registry.exists(function.name) else {
            throw APIError.conflict("Function already exist: \(function.name)")
        }
        var settings = FunctionConfiguration(functionName: function.name, runtime: runtime, handler: handler)
        try Body.apply(body, to: &settings)
        do {
            try settings.validate()
        } catch {
            throw APIError(error)
        }

        let staging = try Staging.make()
        defer { staging.remove() }
        try await CodeArchive(zip: zip).extractOffPool(into: staging.url)
        do {
            try registry.create(name: function.name, runtime: runtime, from: staging.url.appendingPathComponent("files", isDirectory: true), handler: handler)
            var created = try registry.configuration(function.name)
            let revision = created.revision
            let stamp = created.lastModified
            created = settings
            created.revision = revision
            created.lastModified = stamp
            try registry.save(created)
            return .json(201, FunctionShape.configuration(created, code: CodeSummary.of(registry, function.name)))
        } catch {
            throw APIError(error)
        }
    }

    /// `PUT /2015-03-31/functions/{FunctionName}/code`: the new package replaces the code
    /// folder in one rename; warm environments with the old code are retired.
    func updateFunctionCode(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let function = try context.function()
        guard function.qualifier == nil else { throw APIError.invalidParameter("UpdateFunctionCode applies to $LATEST; give the function name without a qualifier") }
        let body = try context.jsonBody()
        _ = try configuration(of: function)
        if try Body.bool(body, "Publish") == true {
            throw APIError.invalidParameter("Publish=true needs function versions, which this lambda-tutor does not have yet")
        }
        for key in ["S3Bucket", "S3Key", "ImageUri"] where body[key] != nil {
            throw APIError.invalidParameter("lambda-tutor takes code as ZipFile only (\(key): there is no S3 or image registry here)")
        }
        guard let encoded = body["ZipFile"] as? String, let zip = Data(base64Encoded: encoded) else {
            throw APIError.invalidParameter("Please provide a source for function code: ZipFile (base64 of a .zip, as --zip-file fileb://f.zip sends it)")
        }
        try checkRevision(body, function)
        if try Body.bool(body, "DryRun") == true {
            _ = try CodeArchive(zip: zip).entries()
            return try getFunctionConfiguration(context)
        }
        let code: URL
        do {
            code = try registry.codeDirectory(function.name)
        } catch {
            throw APIError(error)
        }
        let folder = code.deletingLastPathComponent()
        let staging = try Staging.make(in: folder)
        defer { staging.remove() }
        try await CodeArchive(zip: zip).extractOffPool(into: staging.url)
        let incoming = staging.url.appendingPathComponent("files", isDirectory: true)
        let retired = staging.url.appendingPathComponent("old", isDirectory: true)
        guard rename(code.path, retired.path) == 0 else { throw APIError.service("cannot replace \(code.path): \(String(cString: strerror(errno)))") }
        guard rename(incoming.path, code.path) == 0 else {
            rename(retired.path, code.path)
            throw APIError.service("cannot replace \(code.path): \(String(cString: strerror(errno)))")
        }
        do {
            try registry.codeChanged(function.name)
        } catch {
            throw APIError(error)
        }
        await invoker.retireOutdatedEnvironments(functionName: function.name)
        return try getFunctionConfiguration(context)
    }

    /// `PUT /2015-03-31/functions/{FunctionName}/configuration`: only the fields given change;
    /// `Environment` replaces the whole set of variables, as on AWS.
    func updateFunctionConfiguration(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let function = try context.function()
        guard function.qualifier == nil else { throw APIError.invalidParameter("UpdateFunctionConfiguration applies to $LATEST; give the function name without a qualifier") }
        let body = try context.jsonBody()
        var updated = try configuration(of: function)
        let before = updated
        try checkRevision(body, function)
        if let role = try Body.string(body, "Role") { try Body.checkRole(role) }
        if let runtime = try Body.string(body, "Runtime") { updated.runtime = try Self.runtime(runtime) }
        if let handler = try Body.string(body, "Handler") { updated.handler = handler }
        try Body.apply(body, to: &updated)
        do {
            try updated.validate()
            if updated != before {
                updated.revision += 1
                updated.lastModified = FunctionShape.now()
            }
            try registry.save(updated)
        } catch {
            throw APIError(error)
        }
        await invoker.retireOutdatedEnvironments(functionName: function.name)
        return .json(200, FunctionShape.configuration(updated, code: CodeSummary.of(registry, function.name)))
    }

    /// `DELETE /2015-03-31/functions/{FunctionName}` (AWS answers 204).
    func deleteFunction(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let function = try context.function()
        if function.qualifier == "$LATEST" {
            throw APIError.invalidParameter("$LATEST version cannot be deleted without deleting the function.")
        }
        _ = try configuration(of: function)
        do {
            try registry.remove(function.name)
        } catch {
            throw APIError(error)
        }
        await invoker.retireEnvironments(functionName: function.name)
        return APIResponse(status: 204)
    }

    /// `GET /2016-08-19/account-settings`: the account's limits from the facts table and what
    /// the learner's functions use.
    func getAccountSettings(_ context: OperationContext) throws(APIError) -> APIResponse {
        let names = registry.names()
        let codeSize = names.reduce(0) { $0 + CodeSummary.of(registry, $1).size }
        return .json(200, [
            "AccountLimit": [
                "TotalCodeSize": Facts.codeStorage.int * 1024 * 1024 * 1024,
                "CodeSizeUnzipped": CodeArchive.unzippedLimit,
                "CodeSizeZipped": CodeArchive.zippedLimit,
                "ConcurrentExecutions": Limits.accountConcurrency,
                "UnreservedConcurrentExecutions": Limits.accountConcurrency,
            ],
            "AccountUsage": ["TotalCodeSize": codeSize, "FunctionCount": names.count],
        ])
    }

    /// `RevisionId` in a request: the update applies only to that revision (412 otherwise).
    func checkRevision(_ body: [String: Any], _ function: FunctionReference) throws(APIError) {
        guard let expected = try Body.string(body, "RevisionId") else { return }
        let current = FunctionShape.revisionID(try configuration(of: function))
        guard expected == current else {
            throw APIError(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
        }
    }

    /// A runtime the tutor runs, or AWS's refusal naming what it does run.
    static func runtime(_ name: String) throws(APIError) -> FunctionRuntime {
        do {
            return try FunctionRuntime.named(name)
        } catch {
            let supported = FunctionRuntime.supported.map(\.identifier).joined(separator: ", ")
            throw APIError.invalidParameter("The runtime parameter of \(name) is not supported by lambda-tutor; it runs \(supported)")
        }
    }
}

/// A private folder for unpacking a package: `mkdtemp` (0700, a name no one can guess),
/// under the function's folder when the result is renamed into place.
struct Staging {
    let url: URL

    static func make(in folder: URL? = nil) throws(APIError) -> Staging {
        let parent = folder?.path ?? NSTemporaryDirectory()
        var template = Array((parent + "/.lambda-tutor-package-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw APIError.service("cannot create a folder to unpack the package in \(parent): \(String(cString: strerror(errno)))")
        }
        return Staging(url: URL(fileURLWithPath: String(cString: made), isDirectory: true))
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
