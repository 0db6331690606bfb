/// Typed views of the limits in ``Facts`` for code that enforces them (the mini runtime, the
/// configuration validator). They are computed from the table, never restated.
public enum Limits {
    public static var memoryMB: ClosedRange<Int> { Facts.memoryMin.int...Facts.memoryMax.int }
    public static var defaultMemoryMB: Int { Facts.memoryDefault.int }
    public static var timeoutSeconds: ClosedRange<Int> { Facts.timeoutMin.int...Facts.timeoutMax.int }
    public static var defaultTimeoutSeconds: Int { Facts.timeoutDefault.int }
    public static var initTimeoutSeconds: Int { Facts.initTimeout.int }
    public static var ephemeralMB: ClosedRange<Int> { Facts.ephemeralDefault.int...Facts.ephemeralMax.int }
    public static var environmentBytes: Int { Facts.envVarsTotal.int * 1024 }
    public static var environmentKeyMinLength: Int { Facts.envKeyMinLength.int }
    public static var functionNameMaxLength: Int { Facts.functionNameMax.int }
    public static var syncRequestBytes: Int { Facts.syncRequestBytes.int }
    public static var syncResponseBytes: Int { Facts.syncResponseBytes.int }
    public static var asyncPayloadBytes: Int { Facts.asyncPayloadBytes.int }
    public static var logTailBytes: Int { Facts.logTailBytes.int * 1024 }
    public static var accountConcurrency: Int { Facts.accountConcurrency.int }
    public static var unreservedMinimum: Int { Facts.unreservedMinimum.int }
    public static var layersPerFunction: Int { Facts.layersMax.int }

    /// The CPU share a memory size buys, in vCPUs: proportional to memory (1,769 MB = 1 vCPU),
    /// capped at the maximum. AWS documents "up to 6 vCPUs" at 10,240 MB, slightly above the
    /// proportional 5.79, so callers show the cap as its own fact rather than as this result.
    public static func vCPUs(forMemoryMB memory: Int) -> Double {
        min(Double(memory) / Facts.memoryPerVCPU.value, Facts.maxVCPUs.value)
    }
}
