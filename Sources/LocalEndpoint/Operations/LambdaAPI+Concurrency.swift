import Foundation
import LambdaModel
import LambdaService
import MiniLambda

/// Reserved and provisioned concurrency and the account's settings, on the service's counts
/// (the same ones `fn config NAME reserved=N`, `fn provision` and `account concurrency` set).
extension LambdaAPI {
    /// `PUT /2017-10-31/functions/{FunctionName}/concurrency`.
    func putFunctionConcurrency(_ context: OperationContext) throws(APIError) -> APIResponse {
        let name = try context.unqualified()
        let body = try context.jsonBody()
        guard let value = try Body.int(body, "ReservedConcurrentExecutions") else { throw Body.missing("ReservedConcurrentExecutions") }
        let concurrency = try api { () throws(LambdaServiceError) in try service.putFunctionConcurrency(name, reservedConcurrentExecutions: value) }
        return try Self.encoded(200, concurrency)
    }

    /// `GET /2019-09-30/functions/{FunctionName}/concurrency` (`{}` when none is reserved).
    func getFunctionConcurrency(_ context: OperationContext) throws(APIError) -> APIResponse {
        let name = try context.unqualified()
        return try Self.encoded(200, try api { () throws(LambdaServiceError) in try service.getFunctionConcurrency(name) })
    }

    /// `DELETE /2017-10-31/functions/{FunctionName}/concurrency` (204).
    func deleteFunctionConcurrency(_ context: OperationContext) throws(APIError) -> APIResponse {
        let name = try context.unqualified()
        try api { () throws(LambdaServiceError) in try service.deleteFunctionConcurrency(name) }
        return APIResponse(status: 204)
    }

    /// `PUT /2019-09-30/functions/{FunctionName}/provisioned-concurrency?Qualifier=` (202).
    func putProvisionedConcurrencyConfig(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let function = try context.function()
        let body = try context.jsonBody()
        guard let count = try Body.int(body, "ProvisionedConcurrentExecutions") else { throw Body.missing("ProvisionedConcurrentExecutions") }
        let config = try await api { () async throws(LambdaServiceError) in try await service.putProvisionedConcurrencyConfig(function, count: count) }
        var object = try Self.object(config) as? [String: Any] ?? [:]
        object.removeValue(forKey: "FunctionArn")
        return .json(202, object)
    }

    /// `GET /2019-09-30/functions/{FunctionName}/provisioned-concurrency?Qualifier=`.
    func getProvisionedConcurrencyConfig(_ context: OperationContext) throws(APIError) -> APIResponse {
        let function = try context.function()
        let config = try api { () throws(LambdaServiceError) in try service.getProvisionedConcurrencyConfig(function) }
        var object = try Self.object(config) as? [String: Any] ?? [:]
        object.removeValue(forKey: "FunctionArn")
        return .json(200, object)
    }

    /// `DELETE /2019-09-30/functions/{FunctionName}/provisioned-concurrency?Qualifier=` (204).
    func deleteProvisionedConcurrencyConfig(_ context: OperationContext) async throws(APIError) -> APIResponse {
        let function = try context.function()
        try await api { () async throws(LambdaServiceError) in try await service.deleteProvisionedConcurrencyConfig(function) }
        return APIResponse(status: 204)
    }

    /// `GET /2019-09-30/functions/{FunctionName}/provisioned-concurrency?List=ALL`.
    func listProvisionedConcurrencyConfigs(_ context: OperationContext) throws(APIError) -> APIResponse {
        let name = try context.unqualified()
        let configs = try api { () throws(LambdaServiceError) in try service.listProvisionedConcurrencyConfigs(name) }
        return .json(200, ["ProvisionedConcurrencyConfigs": try configs.map { config throws(APIError) in try Self.object(config) }])
    }

    /// `GET /2016-08-19/account-settings`: the account's limits (the teaching limit when one is
    /// set) and what the learner's functions use.
    func getAccountSettings(_ context: OperationContext) -> APIResponse {
        let settings = service.getAccountSettings()
        let limit = (try? Self.object(settings.accountLimit)) ?? [:]
        let usage = (try? Self.object(settings.accountUsage)) ?? [:]
        return .json(200, ["AccountLimit": limit, "AccountUsage": usage])
    }
}
