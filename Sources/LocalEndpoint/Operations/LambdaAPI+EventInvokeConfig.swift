import Foundation
import LambdaService
import MiniLambda

/// Put/Update/Get/Delete/ListFunctionEventInvokeConfig(s) on the asynchronous queue's settings
/// (``AsyncInvocations``): the same ones `fn config NAME async.retries=… on-failure=…` changes,
/// so a config put over the API is what the next Event invocation is retried and routed by.
extension LambdaAPI {
    static let eventInvokeConfigOperations: Set<String> = [
        "PutFunctionEventInvokeConfig", "UpdateFunctionEventInvokeConfig", "GetFunctionEventInvokeConfig",
        "DeleteFunctionEventInvokeConfig", "ListFunctionEventInvokeConfigs",
    ]

    func eventInvokeConfigOperation(_ operation: String, _ context: OperationContext) throws(APIError) -> APIResponse {
        guard let asyncInvocations else {
            throw APIError(404, "UnknownOperationException", "Unknown operation \(operation): this server runs without the tutor's asynchronous invocation queue")
        }
        switch operation {
        case "PutFunctionEventInvokeConfig", "UpdateFunctionEventInvokeConfig":
            let reference = try context.function()
            let config = try Self.eventInvokeConfig(try context.jsonBody())
            let saved = try api { () throws(LambdaServiceError) in
                operation == "PutFunctionEventInvokeConfig"
                    ? try asyncInvocations.putEventInvokeConfig(reference.name, qualifier: reference.qualifier, config)
                    : try asyncInvocations.updateEventInvokeConfig(reference.name, qualifier: reference.qualifier, config)
            }
            return .json(200, Self.eventInvokeConfigShape(saved))
        case "GetFunctionEventInvokeConfig":
            let reference = try context.function()
            let config = try api { () throws(LambdaServiceError) in try asyncInvocations.getEventInvokeConfig(reference.name, qualifier: reference.qualifier) }
            return .json(200, Self.eventInvokeConfigShape(config))
        case "DeleteFunctionEventInvokeConfig":
            let reference = try context.function()
            try api { () throws(LambdaServiceError) in try asyncInvocations.deleteEventInvokeConfig(reference.name, qualifier: reference.qualifier) }
            return APIResponse(status: 204)
        default:
            let name = try context.unqualified()
            let all = try api { () throws(LambdaServiceError) in try asyncInvocations.listEventInvokeConfigs(name) }
            // Paged by FunctionArn, with the layers' opaque marker (MaxItems 1–50 in both models).
            let (page, next) = try Self.page(all.map { $0.functionArn ?? "" }, context.request.query)
            let listed = all.filter { page.contains($0.functionArn ?? "") }
            var object: [String: Any] = ["FunctionEventInvokeConfigs": listed.map(Self.eventInvokeConfigShape)]
            if let next { object["NextMarker"] = next }
            return .json(200, object)
        }
    }

    /// The request's `MaximumRetryAttempts`, `MaximumEventAgeInSeconds` and `DestinationConfig`
    /// (an empty `Destination` is none). Ranges are the service's to check.
    static func eventInvokeConfig(_ body: [String: Any]) throws(APIError) -> FunctionEventInvokeConfig {
        var config = FunctionEventInvokeConfig(maximumRetryAttempts: try Body.int(body, "MaximumRetryAttempts"),
                                               maximumEventAgeInSeconds: try Body.int(body, "MaximumEventAgeInSeconds"))
        if let destinations = try Body.object(body, "DestinationConfig") {
            var parsed = FunctionEventInvokeConfig.DestinationConfig()
            if let success = try Body.object(destinations, "OnSuccess") {
                parsed.onSuccess = .init(try Body.string(success, "Destination").flatMap { $0.isEmpty ? nil : $0 })
            }
            if let failure = try Body.object(destinations, "OnFailure") {
                parsed.onFailure = .init(try Body.string(failure, "Destination").flatMap { $0.isEmpty ? nil : $0 })
            }
            config.destinationConfig = parsed
        }
        return config
    }

    /// `FunctionEventInvokeConfig` as AWS answers it: `LastModified` in epoch seconds, the
    /// qualified `FunctionArn`, only the limits that were set, and `DestinationConfig` with both
    /// members (`{}` for one that has no destination).
    static func eventInvokeConfigShape(_ config: FunctionEventInvokeConfig) -> [String: Any] {
        var object: [String: Any] = [
            "DestinationConfig": [
                "OnSuccess": config.onSuccess.map { ["Destination": $0] } ?? [:],
                "OnFailure": config.onFailure.map { ["Destination": $0] } ?? [:],
            ],
        ]
        if let date = config.lastModified { object["LastModified"] = date.timeIntervalSince1970 }
        if let arn = config.functionArn { object["FunctionArn"] = arn }
        if let retries = config.maximumRetryAttempts { object["MaximumRetryAttempts"] = retries }
        if let age = config.maximumEventAgeInSeconds { object["MaximumEventAgeInSeconds"] = age }
        return object
    }
}
