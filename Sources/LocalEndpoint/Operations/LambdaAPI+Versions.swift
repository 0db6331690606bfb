import Foundation
import LambdaService
import MiniLambda

/// PublishVersion, ListVersionsByFunction and the alias operations, on the service's versions
/// and aliases (the same ones `fn publish` and `alias` make).
extension LambdaAPI {
    /// `POST /2015-03-31/functions/{FunctionName}/versions` (201).
    func publishVersion(_ context: OperationContext) throws(APIError) -> APIResponse {
        let name = try context.unqualified()
        let body = try context.jsonBody()
        try checkRevision(body, name)
        let description = try Body.string(body, "Description")
        let published = try api { () throws(LambdaServiceError) in try service.publishVersion(name, description: description) }
        return .json(201, shape(published.configuration, version: published.version))
    }

    /// `GET /2015-03-31/functions/{FunctionName}/versions`: `$LATEST`, then 1, 2, …
    func listVersionsByFunction(_ context: OperationContext) throws(APIError) -> APIResponse {
        let name = try context.unqualified()
        let versions = try api { () throws(LambdaServiceError) in try service.listVersionsByFunction(name) }
        return .json(200, ["Versions": versions.map { shape($0.configuration, version: $0.version) }])
    }

    /// `POST /2015-03-31/functions/{FunctionName}/aliases` (201).
    func createAlias(_ context: OperationContext) throws(APIError) -> APIResponse {
        let function = try context.unqualified()
        let body = try context.jsonBody()
        let alias = try Body.string(body, "Name", required: true)!
        let version = try Body.string(body, "FunctionVersion", required: true)!
        let description = try Body.string(body, "Description") ?? ""
        let routing = try Self.routing(body)
        let created = try api { () throws(LambdaServiceError) in
            try service.createAlias(function, name: alias, functionVersion: version, description: description, routingConfig: routing)
        }
        return try Self.encoded(201, created)
    }

    /// `PUT /2015-03-31/functions/{FunctionName}/aliases/{Name}`.
    func updateAlias(_ context: OperationContext) throws(APIError) -> APIResponse {
        let function = try context.unqualified()
        let alias = context.parameters["Name"] ?? ""
        let body = try context.jsonBody()
        if let expected = try Body.string(body, "RevisionId") {
            let current = try api { () throws(LambdaServiceError) in try service.getAlias(function, name: alias) }.revisionId
            guard expected == current else {
                throw APIError(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
            }
        }
        let version = try Body.string(body, "FunctionVersion")
        let description = try Body.string(body, "Description")
        let routing = try Self.routing(body)
        let updated = try api { () throws(LambdaServiceError) in
            try service.updateAlias(function, name: alias, functionVersion: version, description: description, routingConfig: routing)
        }
        return try Self.encoded(200, updated)
    }

    /// `GET /2015-03-31/functions/{FunctionName}/aliases/{Name}`.
    func getAlias(_ context: OperationContext) throws(APIError) -> APIResponse {
        let function = try context.unqualified()
        let alias = context.parameters["Name"] ?? ""
        return try Self.encoded(200, try api { () throws(LambdaServiceError) in try service.getAlias(function, name: alias) })
    }

    /// `GET /2015-03-31/functions/{FunctionName}/aliases[?FunctionVersion]`.
    func listAliases(_ context: OperationContext) throws(APIError) -> APIResponse {
        let function = try context.unqualified()
        let version = context.request.query["FunctionVersion"]
        let aliases = try api { () throws(LambdaServiceError) in try service.listAliases(function, functionVersion: version) }
        return .json(200, ["Aliases": try aliases.map { alias throws(APIError) in try Self.object(alias) }])
    }

    /// `DELETE /2015-03-31/functions/{FunctionName}/aliases/{Name}` (204).
    func deleteAlias(_ context: OperationContext) throws(APIError) -> APIResponse {
        let function = try context.unqualified()
        let alias = context.parameters["Name"] ?? ""
        try api { () throws(LambdaServiceError) in try service.deleteAlias(function, name: alias) }
        return APIResponse(status: 204)
    }

    /// `RoutingConfig.AdditionalVersionWeights`: `{"2": 0.1}`.
    static func routing(_ body: [String: Any]) throws(APIError) -> AliasRoutingConfiguration? {
        guard let config = try Body.object(body, "RoutingConfig") else { return nil }
        let weights = try Body.object(config, "AdditionalVersionWeights") ?? [:]
        var typed: [String: Double] = [:]
        for (version, weight) in weights {
            guard !Body.isBoolean(weight), let number = weight as? NSNumber else { throw Body.wrongType("RoutingConfig.AdditionalVersionWeights.\(version)", "a number") }
            typed[version] = number.doubleValue
        }
        return AliasRoutingConfiguration(additionalVersionWeights: typed)
    }

    /// A service value with AWS's keys (its `Codable` keys are the Lambda API's), as JSON.
    static func object(_ value: some Encodable) throws(APIError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
        } catch {
            throw APIError.service("cannot encode the answer: \(error)")
        }
    }

    static func encoded(_ status: Int, _ value: some Encodable) throws(APIError) -> APIResponse {
        .json(status, try object(value))
    }
}
