import Foundation
/// Every operation of the Lambda API 2015-03-31 with its method, path and success status, as
/// botocore's service model (`botocore/data/lambda/2015-03-31/service-2.json`, botocore 1.43.11)
/// gives them. The router matches requests against this table, so an operation the tutor does
/// not serve is still named in its error, and an unknown route is told apart from it.
struct Route: Sendable {
    let operation: String
    let method: String
    /// Path segments; `{Name}` marks a path parameter (`{Name+}` a greedy one).
    let segments: [String]
    /// For each segment, the parameter's name if it is one (`Name`), else nil: worked out once,
    /// not for every request against every route.
    private let parameterNames: [String?]
    private let isGreedy: Bool
    /// The status botocore's model gives for success.
    let status: Int

    init(_ operation: String, _ method: String, _ path: String, status: Int) {
        self.operation = operation
        self.method = method
        self.segments = path.split(separator: "/").map(String.init)
        self.parameterNames = segments.map { segment in
            segment.hasPrefix("{") ? String(segment.dropFirst().dropLast()).replacingOccurrences(of: "+", with: "") : nil
        }
        self.isGreedy = segments.last?.hasSuffix("+}") == true
        self.status = status
    }

    /// The path parameters if `segments` (already percent-decoded) match this route's path.
    func match(_ path: [String]) -> [String: String]? {
        guard path.count == segments.count || (isGreedy && path.count >= segments.count) else { return nil }
        for (index, name) in parameterNames.enumerated() where name == nil && segments[index] != path[index] {
            return nil
        }
        var parameters: [String: String] = [:]
        for (index, name) in parameterNames.enumerated() {
            guard let name else { continue }
            parameters[name] = isGreedy && index == segments.count - 1 ? path[index...].joined(separator: "/") : path[index]
        }
        return parameters
    }

    static let all: [Route] = [
        Route("InvokeAsync", "POST", "/2014-11-13/functions/{FunctionName}/invoke-async", status: 202),
        Route("ListEventSourceMappings", "GET", "/2015-03-31/event-source-mappings", status: 200),
        Route("CreateEventSourceMapping", "POST", "/2015-03-31/event-source-mappings", status: 202),
        Route("DeleteEventSourceMapping", "DELETE", "/2015-03-31/event-source-mappings/{UUID}", status: 202),
        Route("GetEventSourceMapping", "GET", "/2015-03-31/event-source-mappings/{UUID}", status: 200),
        Route("UpdateEventSourceMapping", "PUT", "/2015-03-31/event-source-mappings/{UUID}", status: 202),
        Route("ListFunctions", "GET", "/2015-03-31/functions", status: 200),
        Route("CreateFunction", "POST", "/2015-03-31/functions", status: 201),
        Route("DeleteFunction", "DELETE", "/2015-03-31/functions/{FunctionName}", status: 200),
        Route("GetFunction", "GET", "/2015-03-31/functions/{FunctionName}", status: 200),
        Route("ListAliases", "GET", "/2015-03-31/functions/{FunctionName}/aliases", status: 200),
        Route("CreateAlias", "POST", "/2015-03-31/functions/{FunctionName}/aliases", status: 201),
        Route("DeleteAlias", "DELETE", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", status: 204),
        Route("GetAlias", "GET", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", status: 200),
        Route("UpdateAlias", "PUT", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", status: 200),
        Route("UpdateFunctionCode", "PUT", "/2015-03-31/functions/{FunctionName}/code", status: 200),
        Route("GetFunctionConfiguration", "GET", "/2015-03-31/functions/{FunctionName}/configuration", status: 200),
        Route("UpdateFunctionConfiguration", "PUT", "/2015-03-31/functions/{FunctionName}/configuration", status: 200),
        Route("Invoke", "POST", "/2015-03-31/functions/{FunctionName}/invocations", status: 200),
        Route("GetPolicy", "GET", "/2015-03-31/functions/{FunctionName}/policy", status: 200),
        Route("AddPermission", "POST", "/2015-03-31/functions/{FunctionName}/policy", status: 201),
        Route("RemovePermission", "DELETE", "/2015-03-31/functions/{FunctionName}/policy/{StatementId}", status: 204),
        Route("ListVersionsByFunction", "GET", "/2015-03-31/functions/{FunctionName}/versions", status: 200),
        Route("PublishVersion", "POST", "/2015-03-31/functions/{FunctionName}/versions", status: 201),
        Route("GetAccountSettings", "GET", "/2016-08-19/account-settings", status: 200),
        Route("UntagResource", "DELETE", "/2017-03-31/tags/{Resource}", status: 204),
        Route("ListTags", "GET", "/2017-03-31/tags/{Resource}", status: 200),
        Route("TagResource", "POST", "/2017-03-31/tags/{Resource}", status: 204),
        Route("DeleteFunctionConcurrency", "DELETE", "/2017-10-31/functions/{FunctionName}/concurrency", status: 204),
        Route("PutFunctionConcurrency", "PUT", "/2017-10-31/functions/{FunctionName}/concurrency", status: 200),
        Route("ListLayers", "GET", "/2018-10-31/layers", status: 200),
        Route("ListLayerVersions", "GET", "/2018-10-31/layers/{LayerName}/versions", status: 200),
        Route("PublishLayerVersion", "POST", "/2018-10-31/layers/{LayerName}/versions", status: 201),
        Route("DeleteLayerVersion", "DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", status: 204),
        Route("GetLayerVersion", "GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", status: 200),
        Route("GetLayerVersionPolicy", "GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy", status: 200),
        Route("AddLayerVersionPermission", "POST", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy", status: 201),
        Route("RemoveLayerVersionPermission", "DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy/{StatementId}", status: 204),
        Route("GetLayerVersionByArn", "GET", "/2018-10-31/layers", status: 200),
        Route("DeleteFunctionEventInvokeConfig", "DELETE", "/2019-09-25/functions/{FunctionName}/event-invoke-config", status: 204),
        Route("GetFunctionEventInvokeConfig", "GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config", status: 200),
        Route("UpdateFunctionEventInvokeConfig", "POST", "/2019-09-25/functions/{FunctionName}/event-invoke-config", status: 200),
        Route("PutFunctionEventInvokeConfig", "PUT", "/2019-09-25/functions/{FunctionName}/event-invoke-config", status: 200),
        Route("ListFunctionEventInvokeConfigs", "GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config/list", status: 200),
        Route("GetFunctionConcurrency", "GET", "/2019-09-30/functions/{FunctionName}/concurrency", status: 200),
        Route("DeleteProvisionedConcurrencyConfig", "DELETE", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", status: 204),
        Route("GetProvisionedConcurrencyConfig", "GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", status: 200),
        Route("PutProvisionedConcurrencyConfig", "PUT", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", status: 202),
        Route("ListProvisionedConcurrencyConfigs", "GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", status: 200),
        Route("ListCodeSigningConfigs", "GET", "/2020-04-22/code-signing-configs", status: 200),
        Route("CreateCodeSigningConfig", "POST", "/2020-04-22/code-signing-configs", status: 201),
        Route("DeleteCodeSigningConfig", "DELETE", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", status: 204),
        Route("GetCodeSigningConfig", "GET", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", status: 200),
        Route("UpdateCodeSigningConfig", "PUT", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", status: 200),
        Route("ListFunctionsByCodeSigningConfig", "GET", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}/functions", status: 200),
        Route("DeleteFunctionCodeSigningConfig", "DELETE", "/2020-06-30/functions/{FunctionName}/code-signing-config", status: 204),
        Route("GetFunctionCodeSigningConfig", "GET", "/2020-06-30/functions/{FunctionName}/code-signing-config", status: 200),
        Route("PutFunctionCodeSigningConfig", "PUT", "/2020-06-30/functions/{FunctionName}/code-signing-config", status: 200),
        Route("GetRuntimeManagementConfig", "GET", "/2021-07-20/functions/{FunctionName}/runtime-management-config", status: 200),
        Route("PutRuntimeManagementConfig", "PUT", "/2021-07-20/functions/{FunctionName}/runtime-management-config", status: 200),
        Route("DeleteFunctionUrlConfig", "DELETE", "/2021-10-31/functions/{FunctionName}/url", status: 204),
        Route("GetFunctionUrlConfig", "GET", "/2021-10-31/functions/{FunctionName}/url", status: 200),
        Route("CreateFunctionUrlConfig", "POST", "/2021-10-31/functions/{FunctionName}/url", status: 201),
        Route("UpdateFunctionUrlConfig", "PUT", "/2021-10-31/functions/{FunctionName}/url", status: 200),
        Route("ListFunctionUrlConfigs", "GET", "/2021-10-31/functions/{FunctionName}/urls", status: 200),
        Route("InvokeWithResponseStream", "POST", "/2021-11-15/functions/{FunctionName}/response-streaming-invocations", status: 200),
        Route("GetFunctionRecursionConfig", "GET", "/2024-08-31/functions/{FunctionName}/recursion-config", status: 200),
        Route("PutFunctionRecursionConfig", "PUT", "/2024-08-31/functions/{FunctionName}/recursion-config", status: 200),
        Route("ListCapacityProviders", "GET", "/2025-11-30/capacity-providers", status: 200),
        Route("CreateCapacityProvider", "POST", "/2025-11-30/capacity-providers", status: 202),
        Route("DeleteCapacityProvider", "DELETE", "/2025-11-30/capacity-providers/{CapacityProviderName}", status: 202),
        Route("GetCapacityProvider", "GET", "/2025-11-30/capacity-providers/{CapacityProviderName}", status: 200),
        Route("UpdateCapacityProvider", "PUT", "/2025-11-30/capacity-providers/{CapacityProviderName}", status: 202),
        Route("ListFunctionVersionsByCapacityProvider", "GET", "/2025-11-30/capacity-providers/{CapacityProviderName}/function-versions", status: 200),
        Route("GetFunctionScalingConfig", "GET", "/2025-11-30/functions/{FunctionName}/function-scaling-config", status: 200),
        Route("PutFunctionScalingConfig", "PUT", "/2025-11-30/functions/{FunctionName}/function-scaling-config", status: 202),
        Route("SendDurableExecutionCallbackFailure", "POST", "/2025-12-01/durable-execution-callbacks/{CallbackId}/fail", status: 200),
        Route("SendDurableExecutionCallbackHeartbeat", "POST", "/2025-12-01/durable-execution-callbacks/{CallbackId}/heartbeat", status: 200),
        Route("SendDurableExecutionCallbackSuccess", "POST", "/2025-12-01/durable-execution-callbacks/{CallbackId}/succeed", status: 200),
        Route("GetDurableExecution", "GET", "/2025-12-01/durable-executions/{DurableExecutionArn}", status: 200),
        Route("CheckpointDurableExecution", "POST", "/2025-12-01/durable-executions/{DurableExecutionArn}/checkpoint", status: 200),
        Route("GetDurableExecutionHistory", "GET", "/2025-12-01/durable-executions/{DurableExecutionArn}/history", status: 200),
        Route("GetDurableExecutionState", "GET", "/2025-12-01/durable-executions/{DurableExecutionArn}/state", status: 200),
        Route("StopDurableExecution", "POST", "/2025-12-01/durable-executions/{DurableExecutionArn}/stop", status: 200),
        Route("ListDurableExecutionsByFunction", "GET", "/2025-12-01/functions/{FunctionName}/durable-executions", status: 200),
    ]
}
