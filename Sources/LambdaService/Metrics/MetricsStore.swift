import Foundation
import MiniLambda
import Synchronization

/// Duration statistics of one minute, in milliseconds (CloudWatch's Average, p50, p99, Maximum).
package struct DurationStatistics: Sendable, Hashable, Codable {
    package var average: Double
    package var p50: Double
    package var p99: Double
    package var maximum: Double

    /// Nearest-rank percentiles over the minute's durations; nil when nothing ran.
    init?(_ durations: [Double]) {
        guard !durations.isEmpty else { return nil }
        let sorted = durations.sorted()
        func rank(_ p: Double) -> Double { sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        average = sorted.reduce(0, +) / Double(sorted.count)
        p50 = rank(0.50)
        p99 = rank(0.99)
        maximum = sorted[sorted.count - 1]
    }
}

/// One minute of a function's (or a version's, an alias's) CloudWatch-style metrics.
package struct MetricsMinute: Sendable, Hashable, Codable {
    /// The minute's start.
    package var start: Date
    package var invocations = 0
    package var errors = 0
    package var throttles = 0
    package var coldStarts = 0
    package var provisionedConcurrencySpilloverInvocations = 0
    /// The most invocations running at once during the minute (CloudWatch's Maximum of ConcurrentExecutions).
    package var concurrentExecutions = 0
    /// Stream mappings: the oldest record's age when its batch was read, in milliseconds
    /// (CloudWatch's Maximum of IteratorAge); nil when no stream batch ran in the minute.
    package var iteratorAge: Double?
    package var duration: DurationStatistics? { DurationStatistics(durations) }
    var durations: [Double] = []

    init(start: Date) { self.start = start }

    enum CodingKeys: String, CodingKey {
        case start, invocations = "Invocations", errors = "Errors", throttles = "Throttles", coldStarts = "ColdStarts"
        case provisionedConcurrencySpilloverInvocations = "ProvisionedConcurrencySpilloverInvocations"
        case concurrentExecutions = "ConcurrentExecutions", duration = "Duration", iteratorAge = "IteratorAge"
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(invocations, forKey: .invocations)
        try container.encode(errors, forKey: .errors)
        try container.encode(throttles, forKey: .throttles)
        try container.encode(coldStarts, forKey: .coldStarts)
        try container.encode(provisionedConcurrencySpilloverInvocations, forKey: .provisionedConcurrencySpilloverInvocations)
        try container.encode(concurrentExecutions, forKey: .concurrentExecutions)
        try container.encodeIfPresent(duration, forKey: .duration)
        try container.encodeIfPresent(iteratorAge, forKey: .iteratorAge)
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decode(Date.self, forKey: .start)
        invocations = try container.decode(Int.self, forKey: .invocations)
        errors = try container.decode(Int.self, forKey: .errors)
        throttles = try container.decode(Int.self, forKey: .throttles)
        coldStarts = try container.decode(Int.self, forKey: .coldStarts)
        provisionedConcurrencySpilloverInvocations = try container.decode(Int.self, forKey: .provisionedConcurrencySpilloverInvocations)
        concurrentExecutions = try container.decode(Int.self, forKey: .concurrentExecutions)
        iteratorAge = try container.decodeIfPresent(Double.self, forKey: .iteratorAge)
    }
}

/// The metrics of one function, or of one of its versions or aliases (`qualifier`), minute by minute.
package struct FunctionMetrics: Sendable, Hashable, Codable {
    package var functionName: String
    package var qualifier: String?
    package var minutes: [MetricsMinute]
}

/// Per-minute counters for every function and qualifier, kept in memory for the last hour
/// (the session's; CloudWatch keeps them far longer). Fed by every invocation and throttle.
final class MetricsStore: Sendable {
    struct Key: Hashable { var function: String; var qualifier: String? }

    static let keptMinutes = 60
    private let series = Mutex<[Key: [Int: MetricsMinute]]>([:])

    static func minute(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 60).rounded(.down)) }

    func record(_ result: InvocationResult, function: String, qualifiers: [String], concurrent: Int, spillover: Bool, at date: Date) {
        update(function: function, qualifiers: qualifiers, at: date) { minute in
            minute.invocations += 1
            if result.status != .success { minute.errors += 1 }
            if result.coldStart { minute.coldStarts += 1 }
            if spillover { minute.provisionedConcurrencySpilloverInvocations += 1 }
            minute.concurrentExecutions = max(minute.concurrentExecutions, concurrent)
            minute.durations.append(result.durationMs)
        }
    }

    func recordIteratorAge(function: String, qualifiers: [String], milliseconds: Double, at date: Date) {
        update(function: function, qualifiers: qualifiers, at: date) { $0.iteratorAge = max($0.iteratorAge ?? 0, milliseconds) }
    }

    func recordThrottle(function: String, qualifiers: [String], at date: Date) {
        update(function: function, qualifiers: qualifiers, at: date) { $0.throttles += 1 }
    }

    private func update(function: String, qualifiers: [String], at date: Date, _ change: (inout MetricsMinute) -> Void) {
        let index = Self.minute(date)
        let keys = [Key(function: function, qualifier: nil)] + qualifiers.map { Key(function: function, qualifier: $0) }
        series.withLock { series in
            // In place: copying a series out and back (and filtering it) on every invocation made
            // each update cost as much as the minutes kept.
            for key in keys {
                if series[key]?[index] == nil {
                    series[key, default: [:]][index] = MetricsMinute(start: Date(timeIntervalSince1970: Double(index) * 60))
                    // A new minute: the ones that fell out of the window go.
                    series[key] = series[key]!.filter { $0.key > index - Self.keptMinutes }
                }
                change(&series[key]![index]!)
            }
        }
    }

    /// The last `count` minutes up to `now`, oldest first, with empty minutes filled in.
    func metrics(function: String, qualifier: String?, minutes count: Int, now: Date) -> FunctionMetrics {
        let last = Self.minute(now)
        let stored = series.withLock { $0[Key(function: function, qualifier: qualifier)] ?? [:] }
        let minutes = ((last - count + 1)...last).map { index in
            stored[index] ?? MetricsMinute(start: Date(timeIntervalSince1970: Double(index) * 60))
        }
        return FunctionMetrics(functionName: function, qualifier: qualifier, minutes: minutes)
    }

    func forget(_ function: String) {
        series.withLock { $0 = $0.filter { $0.key.function != function } }
    }
}
