import Foundation
import LambdaModel
import LambdaService
import MiniLambda

/// The Lambda REST API 2015-03-31 over the tutor's functions: the same ``LambdaService`` the
/// REPL's `fn`, `alias` and `invoke` commands use, so the same functions, versions, aliases,
/// concurrency counts and warm environments. Pure request → response; ``LambdaAPIServer`` puts
/// it on HTTP.
///
/// Each operation keeps botocore's method, path, success status and shapes. A request for an
/// operation the tutor does not serve, or for a path that is no operation at all, answers as
/// AWS does for an unknown operation: 404 `UnknownOperationException`, naming it.
package final class LambdaAPI: Sendable {
    package let service: LambdaService
    var registry: FunctionRegistry { service.functions }
    /// The asynchronous invocation queue (retries, event age, DLQ, destinations) that Event
    /// invocations go onto; nil where none runs (the API benchmark), and Event invocations are
    /// then run once in the background and the notice says so.
    let asyncInvocations: AsyncInvocations?
    /// Lines for the learner about Event invocations: the tutor prints them.
    let notice: @Sendable (String) -> Void
    /// The session's SQS event source mappings; nil where no local queues run (the operations
    /// then answer that they are not served here).
    let mappings: EventSourceMappings?
    /// Where function URLs answer (the `FunctionUrl` of a URL config).
    let urlHost: FunctionURLHost

    package init(service: LambdaService, async asyncInvocations: AsyncInvocations? = nil, mappings: EventSourceMappings? = nil,
                urlHost: FunctionURLHost = FunctionURLHost(port: FunctionURLServer.defaultPort),
                notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.service = service
        self.urlHost = urlHost
        self.asyncInvocations = asyncInvocations
        self.mappings = mappings
        self.notice = notice
    }

    /// Routes sorted so that literal segments win over parameters (`…/aliases` before `{Name}`).
    static let routes: [Route] = Route.all.sorted {
        $0.segments.filter { $0.hasPrefix("{") }.count < $1.segments.filter { $0.hasPrefix("{") }.count
    }

    package func handle(_ request: APIRequest) async -> APIResponse {
        do {
            return try await dispatch(request)
        } catch {
            return error.response
        }
    }

    private func dispatch(_ request: APIRequest) async throws(APIError) -> APIResponse {
        var matchedPath = false
        for route in Self.routes {
            guard let parameters = route.match(request.pathSegments) else { continue }
            matchedPath = true
            guard route.method == request.method else { continue }
            return try await perform(route, parameters, request)
        }
        if matchedPath {
            throw APIError(405, "UnknownOperationException", "Unknown operation: \(request.method) \(request.rawPath) (the path exists with another method)")
        }
        throw APIError(404, "UnknownOperationException", "Unknown operation: \(request.method) \(request.rawPath)")
    }

    private func perform(_ route: Route, _ parameters: [String: String], _ request: APIRequest) async throws(APIError) -> APIResponse {
        let context = OperationContext(route: route, parameters: parameters, request: request)
        // The model's one route told apart by its query alone: `…/provisioned-concurrency?List=ALL`.
        let operation = route.operation == "GetProvisionedConcurrencyConfig" && request.query["List"] == "ALL"
            ? "ListProvisionedConcurrencyConfigs" : route.operation
        switch operation {
        case "Invoke": return try await invoke(context)
        case "ListFunctions": return try listFunctions(context)
        case "GetFunction": return try getFunction(context)
        case "GetFunctionConfiguration": return try getFunctionConfiguration(context)
        case "CreateFunction": return try await createFunction(context)
        case "UpdateFunctionCode": return try await updateFunctionCode(context)
        case "UpdateFunctionConfiguration": return try await updateFunctionConfiguration(context)
        case "DeleteFunction": return try await deleteFunction(context)
        case "GetAccountSettings": return getAccountSettings(context)
        case "PublishVersion": return try publishVersion(context)
        case "ListVersionsByFunction": return try listVersionsByFunction(context)
        case "CreateAlias": return try createAlias(context)
        case "UpdateAlias": return try updateAlias(context)
        case "GetAlias": return try getAlias(context)
        case "ListAliases": return try listAliases(context)
        case "DeleteAlias": return try deleteAlias(context)
        case "PutFunctionConcurrency": return try putFunctionConcurrency(context)
        case "GetFunctionConcurrency": return try getFunctionConcurrency(context)
        case "DeleteFunctionConcurrency": return try deleteFunctionConcurrency(context)
        case "PutProvisionedConcurrencyConfig": return try await putProvisionedConcurrencyConfig(context)
        case "GetProvisionedConcurrencyConfig": return try getProvisionedConcurrencyConfig(context)
        case "DeleteProvisionedConcurrencyConfig": return try await deleteProvisionedConcurrencyConfig(context)
        case "ListProvisionedConcurrencyConfigs": return try listProvisionedConcurrencyConfigs(context)
        case let layers where Self.layerOperations.contains(layers): return try await layerOperation(layers, context)
        case let urls where Self.functionURLOperations.contains(urls): return try functionURLOperation(urls, context)
        case let configs where Self.eventInvokeConfigOperations.contains(configs): return try eventInvokeConfigOperation(configs, context)
        default:
            if let response = try eventSourceMappingOperation(operation, context) { return response }
            throw APIError(404, "UnknownOperationException", "Unknown operation \(route.operation): lambda-tutor does not serve it yet (\(route.method) \(request.rawPath))")
        }
    }
}

/// What an operation gets: its route, path parameters and the request.
struct OperationContext: Sendable {
    let route: Route
    let parameters: [String: String]
    let request: APIRequest

    /// `{FunctionName}` with the `Qualifier` query parameter.
    func function() throws(APIError) -> FunctionReference {
        try APIFunctionName.parse(parameters["FunctionName"] ?? "", qualifier: request.query["Qualifier"])
    }

    /// `{FunctionName}` that must carry no qualifier (operations on the function itself).
    func unqualified() throws(APIError) -> String {
        let reference = try APIFunctionName.parse(parameters["FunctionName"] ?? "", qualifier: nil)
        guard reference.qualifier == nil else {
            throw APIError.invalidParameter("\(route.operation) takes the function's name without a qualifier: \(parameters["FunctionName"] ?? "")")
        }
        return reference.name
    }

    /// The request body as a JSON object (an absent body is an empty object).
    func jsonBody() throws(APIError) -> [String: Any] {
        if request.bodyTruncated {
            // botocore's model lists RequestTooLargeException for Invoke alone; for every other
            // operation AWS's front answers RequestEntityTooLargeException.
            let code = route.operation == "Invoke" ? "RequestTooLargeException" : "RequestEntityTooLargeException"
            throw APIError(413, code, "Request must be smaller than \(LambdaAPIServer.maxBodyBytes) bytes for the \(route.operation) operation")
        }
        guard !request.body.isEmpty else { return [:] }
        do {
            guard let object = try JSONSerialization.jsonObject(with: request.body) as? [String: Any] else {
                throw APIError.invalidContent("Could not parse request body into json: the body must be a JSON object")
            }
            return object
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.invalidContent("Could not parse request body into json: \(error.localizedDescription)")
        }
    }
}

/// Runs a service call and gives its refusal as the API's error.
func api<T>(_ body: () throws(LambdaServiceError) -> T) throws(APIError) -> T {
    do {
        return try body()
    } catch {
        throw APIError(error)
    }
}

/// The async form of ``api(_:)``.
func api<T>(_ body: () async throws(LambdaServiceError) -> T) async throws(APIError) -> T {
    do {
        return try await body()
    } catch {
        throw APIError(error)
    }
}
