import Foundation
import MiniLambda
import TutorSupport

/// PutProvisionedConcurrencyConfig, GetProvisionedConcurrencyConfig,
/// DeleteProvisionedConcurrencyConfig, ListProvisionedConcurrencyConfigs.
extension LambdaService {
    /// PutProvisionedConcurrencyConfig on a published version or an alias (never `$LATEST`):
    /// saves the setting and starts the environments ahead with
    /// `AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency`. Returns when they are ready
    /// (AWS answers IN_PROGRESS at once and is READY a minute or two later; here the start
    /// takes as long as the INITs do).
    @discardableResult
    package func putProvisionedConcurrencyConfig(_ reference: FunctionReference, count: Int) async throws(LambdaServiceError) -> ProvisionedConcurrencyConfig {
        guard let qualifier = reference.qualifier, qualifier != FunctionVersion.latest else {
            throw .invalid("Provisioned Concurrency Configs cannot be applied to unpublished function versions.")
        }
        guard count >= 1 else {
            throw .invalid("1 validation error detected: Value '\(count)' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
        let version = try resolveVersion(reference, weightRoll: nil)
        let reserved = try getFunctionConcurrency(reference.name).reservedConcurrentExecutions
        let others = try serviceCall { () throws(MiniLambdaError) in try functions.state(reference.name) }.provisioned
            .filter { $0.key != qualifier }.values.reduce(0) { $0 + $1.requested }
        if let reserved, others + count > reserved {
            throw .invalid("Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function \(reference.name)")
        }
        let now = FunctionConfiguration.timestamp(wallClock.now())
        try updateState(reference.name) { state throws(LambdaServiceError) in
            state.provisioned[qualifier] = FunctionServiceState.ProvisionedSetting(requested: count, lastModified: now)
        }
        concurrency.setProvisioned("\(reference.name):\(qualifier)", count)
        var package = try package(reference.name, version: version)
        package.initializationType = .provisionedConcurrency
        var config = ProvisionedConcurrencyConfig(
            functionArn: package.configuration.functionArn(qualifier: qualifier), requestedProvisionedConcurrentExecutions: count,
            availableProvisionedConcurrentExecutions: 0, allocatedProvisionedConcurrentExecutions: 0, status: .inProgress,
            statusReason: nil, lastModified: now)
        do {
            let ready = try await invoker.prepareEnvironments(package: package, count: count)
            config.availableProvisionedConcurrentExecutions = ready
            config.allocatedProvisionedConcurrentExecutions = ready
            config.status = .ready
        } catch {
            config.status = .failed
            config.statusReason = error.message
        }
        return config
    }

    package func getProvisionedConcurrencyConfig(_ reference: FunctionReference) throws(LambdaServiceError) -> ProvisionedConcurrencyConfig {
        guard let qualifier = reference.qualifier,
              let setting = try serviceCall({ () throws(MiniLambdaError) in try functions.state(reference.name) }).provisioned[qualifier] else {
            throw LambdaServiceError(.provisionedConcurrencyConfigNotFound, "No Provisioned Concurrency Config found for this function")
        }
        return ProvisionedConcurrencyConfig(
            functionArn: FunctionConfiguration.functionArn(reference.name, qualifier: qualifier),
            requestedProvisionedConcurrentExecutions: setting.requested, availableProvisionedConcurrentExecutions: setting.requested,
            allocatedProvisionedConcurrentExecutions: setting.requested, status: .ready, statusReason: nil, lastModified: setting.lastModified)
    }

    package func listProvisionedConcurrencyConfigs(_ name: String) throws(LambdaServiceError) -> [ProvisionedConcurrencyConfig] {
        let state = try serviceCall { () throws(MiniLambdaError) in try functions.state(name) }
        return try state.provisioned.keys.sorted().map { qualifier throws(LambdaServiceError) in
            try getProvisionedConcurrencyConfig(FunctionReference(name: name, qualifier: qualifier))
        }
    }

    /// DeleteProvisionedConcurrencyConfig: the setting goes; its idle environments stop.
    package func deleteProvisionedConcurrencyConfig(_ reference: FunctionReference) async throws(LambdaServiceError) {
        _ = try getProvisionedConcurrencyConfig(reference)
        let qualifier = reference.resolvedQualifier
        try updateState(reference.name) { state throws(LambdaServiceError) in state.provisioned[qualifier] = nil }
        concurrency.setProvisioned("\(reference.name):\(qualifier)", nil)
        await retireOutdatedEnvironments(reference.name)
    }
}
