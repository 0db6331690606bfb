import Foundation
import LambdaModel
import MiniLambda

/// `Concurrency`: a function's reserved concurrency (nil: none reserved).
package struct Concurrency: Sendable, Hashable, Codable {
    package var reservedConcurrentExecutions: Int?
    enum CodingKeys: String, CodingKey { case reservedConcurrentExecutions = "ReservedConcurrentExecutions" }
}

/// `GetProvisionedConcurrencyConfigResponse` (and the list item): what was asked for, what is
/// started and ready.
package struct ProvisionedConcurrencyConfig: Sendable, Hashable, Codable {
    package enum Status: String, Sendable, Hashable, Codable { case inProgress = "IN_PROGRESS", ready = "READY", failed = "FAILED" }

    package var functionArn: String
    package var requestedProvisionedConcurrentExecutions: Int
    package var availableProvisionedConcurrentExecutions: Int
    package var allocatedProvisionedConcurrentExecutions: Int
    package var status: Status
    package var statusReason: String?
    package var lastModified: String

    enum CodingKeys: String, CodingKey {
        case functionArn = "FunctionArn"
        case requestedProvisionedConcurrentExecutions = "RequestedProvisionedConcurrentExecutions"
        case availableProvisionedConcurrentExecutions = "AvailableProvisionedConcurrentExecutions"
        case allocatedProvisionedConcurrentExecutions = "AllocatedProvisionedConcurrentExecutions"
        case status = "Status", statusReason = "StatusReason", lastModified = "LastModified"
    }
}

/// `AccountLimit`: the account's concurrency and what is left unreserved.
package struct AccountLimit: Sendable, Hashable, Codable {
    package var concurrentExecutions: Int
    package var unreservedConcurrentExecutions: Int
    package var totalCodeSize: Int
    package var codeSizeUnzipped: Int
    package var codeSizeZipped: Int
    enum CodingKeys: String, CodingKey {
        case concurrentExecutions = "ConcurrentExecutions", unreservedConcurrentExecutions = "UnreservedConcurrentExecutions"
        case totalCodeSize = "TotalCodeSize", codeSizeUnzipped = "CodeSizeUnzipped", codeSizeZipped = "CodeSizeZipped"
    }
}

/// `AccountUsage`: how many functions there are.
package struct AccountUsage: Sendable, Hashable, Codable {
    package var totalCodeSize: Int
    package var functionCount: Int
    enum CodingKeys: String, CodingKey { case totalCodeSize = "TotalCodeSize", functionCount = "FunctionCount" }
}

/// `GetAccountSettingsResponse`, plus what the tutor adds: whether the limit was set for
/// teaching, the unreserved minimum in force, and the tutor's own cap on processes.
package struct AccountSettings: Sendable, Hashable {
    package var accountLimit: AccountLimit
    package var accountUsage: AccountUsage
    /// True after `account concurrency N`: the limit is the learner's, not AWS's default.
    package var setForTeaching: Bool
    package var unreservedMinimum: Int
}

/// PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency, the provisioned
/// concurrency configs, GetAccountSettings, and the teaching knob for the account's limit.
extension LambdaService {
    /// PutFunctionConcurrency: reserves `value` units for `name` (0 throttles every invoke),
    /// refused when the account would keep less than the unreserved minimum.
    @discardableResult
    package func putFunctionConcurrency(_ name: String, reservedConcurrentExecutions value: Int) throws(LambdaServiceError) -> Concurrency {
        guard functions.exists(name) else { throw LambdaServiceError(functions.notFound(name)) }
        try concurrency.setReservation(name, value)
        do {
            try updateState(name) { state throws(LambdaServiceError) in state.reservedConcurrentExecutions = value }
        } catch {
            try? concurrency.setReservation(name, nil)
            throw error
        }
        return Concurrency(reservedConcurrentExecutions: value)
    }

    package func getFunctionConcurrency(_ name: String) throws(LambdaServiceError) -> Concurrency {
        let state = try serviceCall { () throws(MiniLambdaError) in try functions.state(name) }
        return Concurrency(reservedConcurrentExecutions: state.reservedConcurrentExecutions)
    }

    package func deleteFunctionConcurrency(_ name: String) throws(LambdaServiceError) {
        try updateState(name) { state throws(LambdaServiceError) in state.reservedConcurrentExecutions = nil }
        try concurrency.setReservation(name, nil)
    }

    /// GetAccountSettings: the limit, the unreserved rest, and the function count.
    package func getAccountSettings() -> AccountSettings {
        let snapshot = concurrency.snapshot()
        let reserved = snapshot.reservations.values.reduce(0, +)
        return AccountSettings(
            accountLimit: AccountLimit(concurrentExecutions: snapshot.accountLimit, unreservedConcurrentExecutions: snapshot.accountLimit - reserved,
                                       totalCodeSize: Facts.codeStorage.int * 1024 * 1024 * 1024, codeSizeUnzipped: Facts.unzippedMax.int * 1024 * 1024,
                                       codeSizeZipped: Facts.zipDirectUpload.int * 1024 * 1024),
            accountUsage: AccountUsage(totalCodeSize: 0, functionCount: functions.names().count),
            setForTeaching: snapshot.accountLimit != Limits.accountConcurrency,
            unreservedMinimum: ConcurrencyCounter.unreservedMinimum(accountLimit: snapshot.accountLimit))
    }

    /// `account concurrency N`: the account's limit for this session, so throttles show at
    /// laptop scale. Not an AWS call (AWS raises it through Service Quotas, never lowers it on
    /// request); refused when the reservations would leave less than the unreserved minimum.
    package func setAccountConcurrency(_ limit: Int?) throws(LambdaServiceError) {
        let value = limit ?? Limits.accountConcurrency
        guard value >= 1 else { throw .invalid("the account's concurrency must be at least 1") }
        try concurrency.setAccountLimit(value)
    }
}
