import Foundation
import LambdaService
import MiniLambda

/// Create/Get/Update/Delete/ListFunctionUrlConfig(s) on the service's URL configs (the same
/// ones `fn url` makes). `FunctionUrl` is where the tutor's ``FunctionURLServer`` answers.
extension LambdaAPI {
    static let functionURLOperations: Set<String> = [
        "CreateFunctionUrlConfig", "GetFunctionUrlConfig", "UpdateFunctionUrlConfig", "DeleteFunctionUrlConfig", "ListFunctionUrlConfigs",
    ]

    func functionURLOperation(_ operation: String, _ context: OperationContext) throws(APIError) -> APIResponse {
        switch operation {
        case "CreateFunctionUrlConfig":
            let body = try context.jsonBody()
            let reference = try context.function()
            let authType = try Body.string(body, "AuthType", required: true)!
            let cors = try Self.cors(body)
            let mode = try Body.string(body, "InvokeMode")
            let created = try api { () throws(LambdaServiceError) in
                try service.createFunctionURLConfig(reference, authType: authType, cors: cors, invokeMode: mode)
            }
            return .json(201, urlShape(created, function: reference.name, lastModified: false))
        case "GetFunctionUrlConfig":
            let reference = try context.function()
            let config = try api { () throws(LambdaServiceError) in try service.getFunctionURLConfig(reference) }
            return .json(200, urlShape(config, function: reference.name))
        case "UpdateFunctionUrlConfig":
            let body = try context.jsonBody()
            let reference = try context.function()
            let authType = try Body.string(body, "AuthType")
            let cors = try Self.cors(body)
            let mode = try Body.string(body, "InvokeMode")
            let updated = try api { () throws(LambdaServiceError) in
                try service.updateFunctionURLConfig(reference, authType: authType, cors: cors, invokeMode: mode)
            }
            return .json(200, urlShape(updated, function: reference.name))
        case "DeleteFunctionUrlConfig":
            let reference = try context.function()
            try api { () throws(LambdaServiceError) in try service.deleteFunctionURLConfig(reference) }
            return APIResponse(status: 204)
        default:
            return try listFunctionURLConfigs(context)
        }
    }

    /// `GET /2021-10-31/functions/{FunctionName}/urls[?Marker&MaxItems]` (MaxItems 1–50).
    private func listFunctionURLConfigs(_ context: OperationContext) throws(APIError) -> APIResponse {
        let name = try context.unqualified()
        let all = try api { () throws(LambdaServiceError) in try service.listFunctionURLConfigs(name) }
        let query = context.request.query
        var start = 0
        if let marker = query["Marker"], !marker.isEmpty {
            guard let index = Int(marker), (0...all.count).contains(index) else { throw APIError.invalidParameter("Invalid Marker: \(marker)") }
            start = index
        }
        var limit = 50
        if let text = query["MaxItems"] {
            guard let value = Int(text), (1...50).contains(value) else {
                throw APIError.invalidParameter("1 validation error detected: Value '\(text)' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 50")
            }
            limit = value
        }
        let page = Array(all[start..<min(all.count, start + limit)])
        var object: [String: Any] = ["FunctionUrlConfigs": page.map { urlShape($0, function: name) }]
        if start + page.count < all.count { object["NextMarker"] = String(start + page.count) }
        return .json(200, object)
    }

    /// `FunctionUrlConfig` as botocore's shapes have it (CreateFunctionUrlConfig's response
    /// has no `LastModifiedTime`).
    func urlShape(_ config: FunctionURLConfig, function: String, lastModified: Bool = true) -> [String: Any] {
        var object: [String: Any] = [
            "FunctionUrl": urlHost.url(config.urlID),
            "FunctionArn": config.functionArn(function),
            "AuthType": config.authType,
            "CreationTime": config.creationTime,
            "InvokeMode": config.invokeMode,
        ]
        if lastModified { object["LastModifiedTime"] = config.lastModifiedTime }
        if let cors = config.cors, let encoded = try? Self.object(cors) { object["Cors"] = encoded }
        return object
    }

    /// The request's `Cors`, checked for types (the service checks the bounds).
    static func cors(_ body: [String: Any]) throws(APIError) -> FunctionURLCors? {
        guard let cors = try Body.object(body, "Cors") else { return nil }
        let known: Set<String> = ["AllowCredentials", "AllowHeaders", "AllowMethods", "AllowOrigins", "ExposeHeaders", "MaxAge"]
        if let unknown = cors.keys.first(where: { !known.contains($0) }) {
            throw APIError.invalidContent("Cors has no field \(unknown): it has \(known.sorted().joined(separator: ", "))")
        }
        return FunctionURLCors(allowCredentials: try Body.bool(cors, "AllowCredentials"), allowHeaders: try Body.strings(cors, "AllowHeaders"),
                               allowMethods: try Body.strings(cors, "AllowMethods"), allowOrigins: try Body.strings(cors, "AllowOrigins"),
                               exposeHeaders: try Body.strings(cors, "ExposeHeaders"), maxAge: try Body.int(cors, "MaxAge"))
    }
}
