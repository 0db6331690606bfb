import Foundation
import LambdaModel
import LambdaService
import MiniLambda
import TutorSupport

/// Layers over the service's ``LayerStore`` (the same layers `layer publish` and `layer list`
/// show): PublishLayerVersion, GetLayerVersion(ByArn), ListLayers, ListLayerVersions,
/// DeleteLayerVersion, with botocore's shapes.
extension LambdaAPI {
    /// The operations served here; ``perform`` hands them over in one case.
    static let layerOperations: Set<String> = ["PublishLayerVersion", "GetLayerVersion", "GetLayerVersionByArn", "ListLayers",
                                               "ListLayerVersions", "DeleteLayerVersion"]

    func layerOperation(_ operation: String, _ context: OperationContext) async throws(APIError) -> APIResponse {
        // `GET /2018-10-31/layers?find=LayerVersion&Arn=…` is GetLayerVersionByArn on ListLayers' path.
        if operation == "ListLayers" || operation == "GetLayerVersionByArn" {
            return context.request.query["find"] == "LayerVersion" ? try getLayerVersionByArn(context) : try listLayers(context)
        }
        switch operation {
        case "PublishLayerVersion": return try await publishLayerVersion(context)
        case "GetLayerVersion": return try getLayerVersion(context)
        case "ListLayerVersions": return try listLayerVersions(context)
        default: return try deleteLayerVersion(context)
        }
    }

    /// `POST /2018-10-31/layers/{LayerName}/versions` (201): `Content.ZipFile` as
    /// `aws lambda publish-layer-version --zip-file fileb://layer.zip` sends it.
    func publishLayerVersion(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let name = try layerName(context)
        let body = try context.jsonBody()
        let zip = try Body.zipFile(body, "Content")
        let runtimes = try Body.strings(body, "CompatibleRuntimes") ?? []
        for runtime in runtimes where !LayerPackage.runtimeNames.contains(runtime) {
            throw APIError.invalidParameter("1 validation error detected: Value '[\(runtimes.joined(separator: ", "))]' at 'compatibleRuntimes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [\(LayerPackage.runtimeNames.sorted().joined(separator: ", "))]]")
        }
        let version = try await LayerPackage.publish(zip: zip, name: name, service: service, description: try Body.string(body, "Description") ?? "",
                                                     compatibleRuntimes: runtimes,
                                                     compatibleArchitectures: try Body.strings(body, "CompatibleArchitectures") ?? [],
                                                     licenseInfo: try Body.string(body, "LicenseInfo"))
        return .json(201, Self.layerShape(version, full: true))
    }

    /// `GET /2018-10-31/layers/{LayerName}/versions/{VersionNumber}`.
    func getLayerVersion(_ context: OperationContext) throws(APIError) -> APIResponse {
        let name = try layerName(context)
        let number = try versionNumber(context.parameters["VersionNumber"] ?? "")
        let version = try api { () throws(LambdaServiceError) in try service.getLayerVersion(name, number) }
        return .json(200, Self.layerShape(version, full: true))
    }

    /// `GET /2018-10-31/layers?find=LayerVersion&Arn=arn:…:layer:NAME:N`.
    func getLayerVersionByArn(_ context: OperationContext) throws(APIError) -> APIResponse {
        guard let arn = context.request.query["Arn"] else { throw Body.missing("Arn") }
        let (name, number) = try api { () throws(LambdaServiceError) in try LayerStore.reference(arn) }
        let version = try api { () throws(LambdaServiceError) in try service.getLayerVersion(name, number) }
        return .json(200, Self.layerShape(version, full: true))
    }

    /// `GET /2018-10-31/layers[?CompatibleRuntime&CompatibleArchitecture&Marker&MaxItems]`.
    func listLayers(_ context: OperationContext) throws(APIError) -> APIResponse {
        let query = context.request.query
        let layers = service.listLayers(compatibleRuntime: query["CompatibleRuntime"], compatibleArchitecture: query["CompatibleArchitecture"])
        let (page, next) = try Self.page(layers.map(\.name), query)
        let items: [[String: Any]] = layers.filter { page.contains($0.name) }.map { layer in
            ["LayerName": layer.name, "LayerArn": layer.latest.layerArn, "LatestMatchingVersion": Self.layerShape(layer.latest, full: false)]
        }
        var body: [String: Any] = ["Layers": items]
        if let next { body["NextMarker"] = next }
        return .json(200, body)
    }

    /// `GET /2018-10-31/layers/{LayerName}/versions`, newest first.
    func listLayerVersions(_ context: OperationContext) throws(APIError) -> APIResponse {
        let name = try layerName(context)
        let query = context.request.query
        let versions = service.listLayerVersions(name, compatibleRuntime: query["CompatibleRuntime"], compatibleArchitecture: query["CompatibleArchitecture"])
        let (page, next) = try Self.page(versions.map { String($0.version) }, query)
        var body: [String: Any] = ["LayerVersions": versions.filter { page.contains(String($0.version)) }.map { Self.layerShape($0, full: false) }]
        if let next { body["NextMarker"] = next }
        return .json(200, body)
    }

    /// `DELETE /2018-10-31/layers/{LayerName}/versions/{VersionNumber}` (204, also when there is none).
    func deleteLayerVersion(_ context: OperationContext) throws(APIError) -> APIResponse {
        let name = try layerName(context)
        let number = try versionNumber(context.parameters["VersionNumber"] ?? "")
        _ = try api { () throws(LambdaServiceError) in try service.deleteLayerVersion(name, number) }
        return APIResponse(status: 204)
    }

    private func layerName(_ context: OperationContext) throws(APIError) -> String {
        let raw = context.parameters["LayerName"] ?? ""
        return try api { () throws(LambdaServiceError) in try LayerStore.name(from: raw) }
    }

    private func versionNumber(_ raw: String) throws(APIError) -> Int {
        guard let number = Int(raw), number >= 1 else {
            throw APIError.invalidParameter("1 validation error detected: Value '\(raw)' at 'versionNumber' failed to satisfy constraint: Member must be a whole number of at least 1")
        }
        return number
    }

    /// One page of `keys` in order: `MaxItems` (1–50, as the model's MaxLayerListItems) and an
    /// opaque `Marker` (the last key of the previous page, base64).
    static func page(_ keys: [String], _ query: [String: String]) throws(APIError) -> (Set<String>, String?) {
        var limit = 50
        if let raw = query["MaxItems"] {
            guard let value = Int(raw), (1...50).contains(value) else {
                throw APIError.invalidParameter("1 validation error detected: Value '\(raw)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 50")
            }
            limit = value
        }
        var rest = keys[...]
        if let marker = query["Marker"], !marker.isEmpty {
            guard let last = Data(base64Encoded: marker).map({ String(decoding: $0, as: UTF8.self) }), let index = keys.firstIndex(of: last) else {
                throw APIError.invalidParameter("Invalid marker: \(marker)")
            }
            rest = keys[(index + 1)...]
        }
        let page = Array(rest.prefix(limit))
        let next = rest.count > page.count ? page.last.map { Data($0.utf8).base64EncodedString() } : nil
        return (Set(page), next)
    }

    /// `GetLayerVersionResponse` (full) or `LayerVersionsListItem`. There is no S3 here, so
    /// no `Content.Location` to download from.
    static func layerShape(_ version: LayerVersion, full: Bool) -> [String: Any] {
        var shape: [String: Any] = [
            "LayerVersionArn": version.layerVersionArn, "Version": version.version, "Description": version.description,
            "CreatedDate": version.createdDate, "CompatibleRuntimes": version.compatibleRuntimes,
            "CompatibleArchitectures": version.compatibleArchitectures,
        ]
        if let license = version.licenseInfo { shape["LicenseInfo"] = license }
        if full {
            shape["LayerArn"] = version.layerArn
            shape["Content"] = ["CodeSha256": version.codeSha256, "CodeSize": version.codeSize]
        }
        return shape
    }
}

/// A layer's package, checked and extracted as a function's is (``CodeArchive``), and
/// published: for the API's PublishLayerVersion and the REPL's `layer publish NAME DIR|ZIP`.
package enum LayerPackage {
    /// The runtimes botocore's `Runtime` enum lists (CompatibleRuntimes takes any of them).
    static let runtimeNames: Set<String> = [
        "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "java8", "java8.al2",
        "java11", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1",
        "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "provided", "provided.al2", "nodejs18.x",
        "python3.10", "java17", "ruby3.2", "ruby3.3", "ruby3.4", "python3.11", "nodejs20.x", "provided.al2023", "python3.12", "java21",
        "python3.13", "nodejs22.x", "nodejs24.x", "python3.14", "java25", "dotnet10", "ruby4.0",
    ]

    /// Publishes a zip's contents; `CodeSha256` is SHA-256 of the zip bytes, as AWS computes it.
    package static func publish(zip: Data, name: String, service: LambdaService, description: String = "", compatibleRuntimes: [String] = [],
                               compatibleArchitectures: [String] = [], licenseInfo: String? = nil) async throws(APIError) -> LayerVersion {
        _ = try api { () throws(LambdaServiceError) in try LayerStore.name(from: name) }
        let staging = try Staging.make()
        defer { staging.remove() }
        try await CodeArchive(zip: zip).extractOffPool(into: staging.url)
        let folder = staging.url.appendingPathComponent("files", isDirectory: true)
        let sha = Data(SHA256.digest(zip)).base64EncodedString()
        return try api { () throws(LambdaServiceError) in
            try service.publishLayerVersion(name, content: folder, description: description, compatibleRuntimes: compatibleRuntimes,
                                            compatibleArchitectures: compatibleArchitectures, licenseInfo: licenseInfo, codeSha256: sha)
        }
    }

    /// `layer publish NAME PATH`: a .zip file, or a folder whose contents become the layer
    /// (its `python/` or `nodejs/node_modules/` show at /opt/python, /opt/nodejs/node_modules).
    /// A folder has no zip to hash: its `CodeSha256` is over its files' paths and contents.
    package static func publish(path: URL, name: String, service: LambdaService, description: String = "") async throws(APIError) -> LayerVersion {
        // The name first: nothing is read for a publish that cannot happen.
        _ = try api { () throws(LambdaServiceError) in try LayerStore.name(from: name) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
            throw APIError.invalidParameter("\(path.path): no such file or folder")
        }
        if isDirectory.boolValue {
            // Sized by metadata before anything is read, and only what a zip can hold: a FIFO
            // or socket (a folder like /tmp) would block the read or the copy.
            let contents = FolderContents.of(path)
            if let special = contents.special {
                throw APIError.invalidParameter("\(special) is not a file, folder or link; a layer (like a .zip) holds only those")
            }
            guard contents.size <= CodeArchive.unzippedLimit else {
                throw APIError.invalidParameter("Unzipped size must be smaller than \(CodeArchive.unzippedLimit) bytes (\(path.path) holds \(contents.size))")
            }
            let summary = CodeSummary.of(folder: path)
            return try api { () throws(LambdaServiceError) in
                try service.publishLayerVersion(name, content: path, description: description, codeSha256: summary.sha256)
            }
        }
        guard let zip = FileManager.default.contents(atPath: path.path) else {
            throw APIError.invalidParameter("\(path.path): cannot read the file")
        }
        return try await publish(zip: zip, name: name, service: service, description: description)
    }
}
