import Foundation
import LambdaModel
import LambdaService
import MiniLambda
import TutorSupport

/// The control plane over the learner's functions, through the same ``LambdaService`` as
/// `fn new / config / show / list / rm`, so a function made with the AWS CLI shows in the REPL
/// and the other way round.
extension LambdaAPI {
    /// `GET /2015-03-31/functions?Marker&MaxItems[&FunctionVersion=ALL]`: sorted by name; the
    /// marker is the last name of the previous page. With `ALL`, each function's versions too.
    func listFunctions(_ context: OperationContext) throws(APIError) -> APIResponse {
        let query = context.request.query
        var limit = 50
        if let raw = query["MaxItems"] {
            guard let value = Int(raw), (1...10_000).contains(value) else {
                throw APIError.invalidParameter("1 validation error detected: Value '\(raw)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000")
            }
            limit = value
        }
        if let version = query["FunctionVersion"], version != "ALL" {
            throw APIError.invalidParameter("1 validation error detected: Value '\(version)' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]")
        }
        var names = service.listFunctions().functions.map(\.functionName)
        if let marker = query["Marker"], !marker.isEmpty {
            guard let start = Data(base64Encoded: marker).map({ String(decoding: $0, as: UTF8.self) }) else {
                throw APIError.invalidParameter("Invalid marker: \(marker)")
            }
            names = names.filter { $0 > start }
        }
        let page = Array(names.prefix(limit))
        var functions: [[String: Any]] = []
        for name in page {
            guard let configuration = try? service.getFunctionConfiguration(name: name) else { continue }
            functions.append(shape(configuration, version: FunctionVersion.latest))
            if query["FunctionVersion"] == "ALL", let versions = try? service.listVersionsByFunction(name) {
                functions += versions.filter { $0.version != FunctionVersion.latest }.map { shape($0.configuration, version: $0.version) }
            }
        }
        var body: [String: Any] = ["Functions": functions]
        if names.count > page.count, let last = page.last { body["NextMarker"] = Data(last.utf8).base64EncodedString() }
        return .json(200, body)
    }

    /// `GET /2015-03-31/functions/{FunctionName}[?Qualifier]`.
    func getFunction(_ context: OperationContext) throws(APIError) -> APIResponse {
        let function = try context.function()
        let version = try api { () throws(LambdaServiceError) in try service.getFunctionConfiguration(function) }
        // No S3 here, so no `Location` to download the package from: the code is in the
        // function's folder ('fn edit NAME').
        var body: [String: Any] = ["Configuration": shape(version.configuration, version: version.version), "Code": ["RepositoryType": "S3"]]
        if let reserved = (try? service.getFunctionConcurrency(function.name))?.reservedConcurrentExecutions {
            body["Concurrency"] = ["ReservedConcurrentExecutions": reserved]
        }
        return .json(200, body)
    }

    /// `GET /2015-03-31/functions/{FunctionName}/configuration[?Qualifier]`.
    func getFunctionConfiguration(_ context: OperationContext) throws(APIError) -> APIResponse {
        let function = try context.function()
        let version = try api { () throws(LambdaServiceError) in try service.getFunctionConfiguration(function) }
        return .json(200, shape(version.configuration, version: version.version))
    }

    /// A `FunctionConfiguration` shape, with the code figures of the version's own folder.
    func shape(_ configuration: FunctionConfiguration, version: String) -> [String: Any] {
        let folder = try? service.codeFolder(configuration.functionName, version: version)
        var code = folder.map { CodeSummary.of(folder: $0) } ?? CodeSummary(size: 0, sha256: "")
        // Files that came in a zip through the API show the zip's hash and size, as on AWS.
        if let package = service.codePackage(configuration.functionName, filesDigest: code.sha256) {
            code = CodeSummary(size: package.size, sha256: package.sha256)
        }
        // A deleted layer version still runs in the functions that use it; its size is then unknown.
        let layers = configuration.layerArns.map { arn in
            (arn: arn, codeSize: (try? LayerStore.reference(arn)).flatMap { try? service.getLayerVersion($0.name, $0.version) }?.codeSize ?? 0)
        }
        return addingDeadLetterConfig(FunctionShape.configuration(configuration, code: code, version: version, layers: layers),
                                      configuration.functionName, version: version)
    }

    /// `POST /2015-03-31/functions` (201): a zip package, as the AWS CLI's `--zip-file fileb://`
    /// sends it (base64 in `Code.ZipFile`). `Publish` publishes version 1 at once.
    func createFunction(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let body = try context.jsonBody()
        let rawName = try Body.string(body, "FunctionName", required: true)!
        let function = try APIFunctionName.parse(rawName, qualifier: nil)
        guard function.qualifier == nil else { throw APIError.invalidParameter("A function name for CreateFunction cannot have a qualifier: \(rawName)") }
        let role = try Body.string(body, "Role", required: true)!
        try Body.checkRole(role)
        if let packageType = try Body.string(body, "PackageType"), packageType != "Zip" {
            throw APIError.invalidParameter("lambda-tutor runs .zip packages only (PackageType Zip); container images need a container runtime it does not have")
        }
        guard let runtimeName = try Body.string(body, "Runtime"), let handler = try Body.string(body, "Handler") else {
            throw APIError.invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.")
        }
        let runtime = try Self.runtime(runtimeName)
        let publish = try Body.bool(body, "Publish") == true
        let zip = try Body.zipFile(body, "Code")
        guard !registry.exists(function.name) else {
            throw APIError.conflict("Function already exist: \(function.name)")
        }
        // Every setting checked before anything is written.
        let update = try Body.update(body)
        let deadLetter = try deadLetterTarget(body)
        do {
            let now = registry.clock.now()
            _ = try update.applied(to: FunctionConfiguration(functionName: function.name, runtime: runtime, handler: handler, lastModified: now), at: now)
        } catch {
            throw APIError(error)
        }
        if let layers = update.layers {
            _ = try api { () throws(LambdaServiceError) in try service.layers.resolve(layers, codeBytes: 0) }
        }
        let staging = try Staging.make()
        defer { staging.remove() }
        try await CodeArchive(zip: zip).extractOffPool(into: staging.url)
        let folder = staging.url.appendingPathComponent("files", isDirectory: true)
        _ = try api { () throws(LambdaServiceError) in
            try service.createFunction(name: function.name, runtime: runtime, handler: handler, code: .copy(folder))
        }
        try recordPackage(zip, function.name)
        var configuration = try await api { () async throws(LambdaServiceError) in try await service.updateFunctionConfiguration(function.name, update) }
        try applyDeadLetterTarget(deadLetter, to: function.name)
        var version = FunctionVersion.latest
        if publish {
            let published = try api { () throws(LambdaServiceError) in try service.publishVersion(function.name) }
            configuration = published.configuration
            version = published.version
        }
        return .json(201, shape(configuration, version: version))
    }

    /// `PUT /2015-03-31/functions/{FunctionName}/code`: the new package replaces `$LATEST`'s
    /// code; warm environments with the old code are retired. `Publish` then publishes it.
    func updateFunctionCode(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let name = try context.unqualified()
        let body = try context.jsonBody()
        _ = try api { () throws(LambdaServiceError) in try service.getFunctionConfiguration(name: name) }
        for key in ["S3Bucket", "S3Key", "ImageUri"] where body[key] != nil {
            throw APIError.invalidParameter("lambda-tutor takes code as ZipFile only (\(key): there is no S3 or image registry here)")
        }
        guard let encoded = body["ZipFile"] as? String, let zip = Data(base64Encoded: encoded) else {
            throw APIError.invalidParameter("Please provide a source for function code: ZipFile (base64 of a .zip, as --zip-file fileb://f.zip sends it)")
        }
        try checkRevision(body, name)
        if try Body.bool(body, "DryRun") == true {
            _ = try CodeArchive(zip: zip).entries()
            return try getFunctionConfiguration(context)
        }
        let staging = try Staging.make()
        defer { staging.remove() }
        try await CodeArchive(zip: zip).extractOffPool(into: staging.url)
        let folder = staging.url.appendingPathComponent("files", isDirectory: true)
        try await api { () async throws(LambdaServiceError) in try await service.updateFunctionCode(name, from: folder) }
        try recordPackage(zip, name)
        if try Body.bool(body, "Publish") == true {
            let published = try api { () throws(LambdaServiceError) in try service.publishVersion(name) }
            return .json(200, shape(published.configuration, version: published.version))
        }
        return .json(200, shape(try api { () throws(LambdaServiceError) in try service.getFunctionConfiguration(name: name) }, version: FunctionVersion.latest))
    }

    /// `PUT /2015-03-31/functions/{FunctionName}/configuration`, through the service's typed
    /// ``ConfigurationUpdate``: only the fields given change; `Environment` replaces the whole
    /// set of variables, as on AWS.
    func updateFunctionConfiguration(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let name = try context.unqualified()
        let body = try context.jsonBody()
        try checkRevision(body, name)
        if let role = try Body.string(body, "Role") { try Body.checkRole(role) }
        let update = try Body.update(body)
        let deadLetter = try deadLetterTarget(body)
        let configuration = try await api { () async throws(LambdaServiceError) in try await service.updateFunctionConfiguration(name, update) }
        try applyDeadLetterTarget(deadLetter, to: name)
        return .json(200, shape(configuration, version: FunctionVersion.latest))
    }

    /// `DELETE /2015-03-31/functions/{FunctionName}[?Qualifier=N]` (AWS answers 204): the
    /// function with its versions and aliases, or with a version number that version alone.
    func deleteFunction(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let function = try context.function()
        if let qualifier = function.qualifier {
            // One published version (AWS answers 204 here too).
            try await api { () async throws(LambdaServiceError) in try await service.deleteFunctionVersion(function.name, version: qualifier) }
            return APIResponse(status: 204)
        }
        try await api { () async throws(LambdaServiceError) in try await service.deleteFunction(function.name) }
        return APIResponse(status: 204)
    }

    /// Remembers the zip `$LATEST`'s files came in, for `CodeSha256` (SHA-256 of the zip's
    /// bytes, base64) and `CodeSize` (the zip's size), as AWS reports them.
    func recordPackage(_ zip: Data, _ name: String) throws(APIError) {
        let folder = try api { () throws(LambdaServiceError) in try service.codeFolder(name, version: FunctionVersion.latest) }
        let digest = CodeSummary.of(folder: folder).sha256
        let package = CodePackage(sha256: Data(SHA256.digest(zip)).base64EncodedString(), size: zip.count)
        try api { () throws(LambdaServiceError) in try service.recordCodePackage(name, filesDigest: digest, package: package) }
    }

    /// `RevisionId` in a request: the update applies only to that revision (412 otherwise).
    func checkRevision(_ body: [String: Any], _ name: String) throws(APIError) {
        guard let expected = try Body.string(body, "RevisionId") else { return }
        let current = FunctionShape.revisionID(try api { () throws(LambdaServiceError) in try service.getFunctionConfiguration(name: name) })
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

/// A private folder for unpacking a package: `mkdtemp` (0700, a name no one can guess).
struct Staging {
    let url: URL

    static func make() throws(APIError) -> Staging {
        let parent = NSTemporaryDirectory()
        var template = Array((parent + "/.lambda-tutor-package-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw APIError.service("cannot create a folder to unpack the package in \(parent): \(String(cString: strerror(errno)))")
        }
        return Staging(url: URL(fileURLWithPath: String(cString: made), isDirectory: true))
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
