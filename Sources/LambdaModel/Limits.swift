/// Typed views of the limits in ``Facts`` for code that enforces them (the mini runtime, the
/// configuration validator). They are computed from the table, never restated.
package enum Limits {
    package static var memoryMB: ClosedRange<Int> { Facts.memoryMin.int...Facts.memoryMax.int }
    package static var defaultMemoryMB: Int { Facts.memoryDefault.int }
    package static var timeoutSeconds: ClosedRange<Int> { Facts.timeoutMin.int...Facts.timeoutMax.int }
    package static var defaultTimeoutSeconds: Int { Facts.timeoutDefault.int }
    package static var initTimeoutSeconds: Int { Facts.initTimeout.int }
    package static var ephemeralMB: ClosedRange<Int> { Facts.ephemeralDefault.int...Facts.ephemeralMax.int }
    package static var environmentBytes: Int { Facts.envVarsTotal.int * 1024 }
    package static var environmentKeyMinLength: Int { Facts.envKeyMinLength.int }
    package static var functionNameMaxLength: Int { Facts.functionNameMax.int }
    package static var syncRequestBytes: Int { Facts.syncRequestBytes.int }
    package static var syncResponseBytes: Int { Facts.syncResponseBytes.int }
    package static var asyncPayloadBytes: Int { Facts.asyncPayloadBytes.int }
    package static var logTailBytes: Int { Facts.logTailBytes.int * 1024 }
    package static var accountConcurrency: Int { Facts.accountConcurrency.int }
    package static var unreservedMinimum: Int { Facts.unreservedMinimum.int }
    package static var layersPerFunction: Int { Facts.layersMax.int }

    /// The CPU share a memory size buys, in vCPUs: proportional to memory (1,769 MB = 1 vCPU),
    /// capped at the maximum. AWS documents "up to 6 vCPUs" at 10,240 MB, slightly above the
    /// proportional 5.79, so callers show the cap as its own fact rather than as this result.
    package static func vCPUs(forMemoryMB memory: Int) -> Double {
        min(Double(memory) / Facts.memoryPerVCPU.value, Facts.maxVCPUs.value)
    }
}
