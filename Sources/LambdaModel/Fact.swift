import Foundation
/// One checked Lambda number: a limit, a price or a default, with where it comes from.
///
/// Every number the tutor shows, checks or computes with lives in ``Facts`` exactly once, so a
/// change in AWS's limits or prices is a one-line edit that lessons, questions, calculators and
/// the mini runtime all pick up. Lessons embed a fact by its key (`{{fact timeout.max}}`) and
/// `lambda-tutor check` flags unknown keys.
package struct Fact: Sendable, Hashable, Identifiable {
    /// Dotted key, stable across releases (`timeout.max`, `price.request`).
    package let key: String
    package let value: Double
    package let unit: FactUnit
    /// Short name shown in `facts` listings ("Maximum timeout").
    package let title: String
    /// Optional extra sentence (caveats, history).
    package let note: String?
    /// Where the number was checked (an AWS documentation or pricing URL).
    package let source: String
    /// The date the number was last checked against its source (ISO 8601).
    package let asOf: String

    package var id: String { key }

    package init(_ key: String, _ value: Double, _ unit: FactUnit, _ title: String, note: String? = nil,
                source: String, asOf: String = Facts.checkedOn) {
        self.key = key
        self.value = value
        self.unit = unit
        self.title = title
        self.note = note
        self.source = source
        self.asOf = asOf
    }

    /// The value as an integer (for limits that are whole numbers).
    package var int: Int { Int(value) }

    /// The value with its unit, as a person writes it: `900 s (15 min)`, `10,240 MB`, `$0.20 per 1M requests`.
    package var display: String { unit.format(value) }
}

/// How a fact's value is read and printed.
package enum FactUnit: String, Sendable, Hashable, CaseIterable {
    case megabytes, gigabytes, kilobytes, bytes
    case seconds, milliseconds, minutes, hours, days
    case count, percent, vcpus
    case environmentsPer10Seconds
    case requestsPerSecond
    case usdPerMillionRequests, usdPerGBSecond
    case requests, gbSeconds
    case characters
    case date
    /// A month, for changes AWS dates only to the month ("from October 2025").
    case month

    package func format(_ value: Double) -> String {
        switch self {
        case .megabytes: return "\(Number.grouped(value)) MB"
        case .gigabytes: return "\(Number.grouped(value)) GB"
        case .kilobytes: return "\(Number.grouped(value)) KB"
        case .bytes: return "\(Number.grouped(value)) bytes"
        case .seconds:
            let base = "\(Number.grouped(value)) s"
            if value >= 3600, value.truncatingRemainder(dividingBy: 3600) == 0 { return "\(base) (\(Number.grouped(value / 3600)) h)" }
            if value >= 60, value.truncatingRemainder(dividingBy: 60) == 0 { return "\(base) (\(Number.grouped(value / 60)) min)" }
            return base
        case .milliseconds: return "\(Number.grouped(value)) ms"
        case .minutes: return "\(Number.grouped(value)) min"
        case .hours: return "\(Number.grouped(value)) h"
        case .days: return "\(Number.grouped(value)) days"
        case .count: return Number.grouped(value)
        case .percent: return "\(Number.grouped(value)) %"
        case .vcpus: return "\(Number.grouped(value)) vCPU"
        case .environmentsPer10Seconds: return "\(Number.grouped(value)) environments every 10 s"
        case .requestsPerSecond: return "\(Number.grouped(value)) requests/s"
        case .usdPerMillionRequests: return "$\(Number.fixed(value, 2)) per 1M requests"
        case .usdPerGBSecond: return "$\(Number.plain(value)) per GB-second"
        case .requests: return "\(Number.grouped(value)) requests"
        case .gbSeconds: return "\(Number.grouped(value)) GB-seconds"
        case .characters: return "\(Number.grouped(value)) characters"
        case .date:
            // Stored as yyyymmdd.
            let n = Int(value)
            return String(format: "%04d-%02d-%02d", n / 10000, (n / 100) % 100, n % 100)
        case .month:
            // Stored as yyyymm.
            let n = Int(value)
            let names = ["January", "February", "March", "April", "May", "June",
                         "July", "August", "September", "October", "November", "December"]
            let month = n % 100
            guard (1...12).contains(month) else { return String(n) }
            return "\(names[month - 1]) \(n / 100)"
        }
    }
}
